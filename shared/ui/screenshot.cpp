#include "shared/ui/screenshot.hpp"

#include <stb_image_write.h>

#include <stdexcept>
#include <string>

namespace hourglass::ui {

Rgba8 Image::pixel(int x, int y) const {
  const auto i = (static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)) * 4;
  return Rgba8{rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]};
}

std::size_t count_different_pixels(const Image& a, const Image& b) {
  if (a.width != b.width || a.height != b.height || a.rgba.size() != b.rgba.size()) {
    const auto larger = std::max(a.rgba.size(), b.rgba.size());
    return larger / 4;
  }
  std::size_t different = 0;
  for (std::size_t i = 0; i + 3 < a.rgba.size(); i += 4) {
    if (a.rgba[i] != b.rgba[i] || a.rgba[i + 1] != b.rgba[i + 1] || a.rgba[i + 2] != b.rgba[i + 2]) {
      ++different;
    }
  }
  return different;
}

void write_png(const Image& image, const std::filesystem::path& path) {
  if (image.empty()) {
    throw std::runtime_error("write_png: empty image for " + path.string());
  }
  // Debian's libstb.so already contains stb_image_write's implementation, so
  // it is linked rather than compiled here (defining
  // STB_IMAGE_WRITE_IMPLEMENTATION too would duplicate the symbols).
  const int ok = stbi_write_png(path.c_str(), image.width, image.height, 4, image.rgba.data(), image.width * 4);
  if (ok == 0) {
    throw std::runtime_error("write_png: cannot write " + path.string());
  }
}

}  // namespace hourglass::ui
