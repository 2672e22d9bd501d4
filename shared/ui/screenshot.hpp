#pragma once
// Pixels read back from the renderer, and PNG output for headless screenshots.

#include <cstdint>
#include <filesystem>
#include <vector>

namespace hourglass::ui {

struct Rgba8 {
  std::uint8_t r = 0, g = 0, b = 0, a = 255;
  bool operator==(const Rgba8&) const = default;
};

// Tightly packed RGBA, row-major, top row first.
struct Image {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> rgba;

  bool empty() const { return width <= 0 || height <= 0 || rgba.empty(); }
  Rgba8 pixel(int x, int y) const;  // precondition: inside the image
};

// Number of pixels that differ between two images of the same size (every
// pixel counts when the sizes differ).
std::size_t count_different_pixels(const Image& a, const Image& b);

// Writes a PNG; throws std::runtime_error with the path when it cannot.
void write_png(const Image& image, const std::filesystem::path& path);

}  // namespace hourglass::ui
