#pragma once
// The command-line options every screen shares and the loop that runs it:
// interactive, screenshot-after-N-frames, or headless benchmark.

#include <imgui.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "shared/ui/shell.hpp"

namespace CLI {
class App;
}

namespace hourglass::ui {

struct RunOptions {
  std::string screenshot;  // --screenshot FILE.png: headless, write after `frames`
  int frames = 3;          // --frames N
  int width = 1280;        // --size WxH
  int height = 800;
  bool size_given = false;  // --size implies windowed
  int bench_frames = 0;     // --bench-frames N: headless benchmark
  bool windowed = false;    // --windowed
  float scale = 0.0f;       // --scale F (0: automatic)

  bool headless() const { return !screenshot.empty() || bench_frames > 0; }
};

struct WindowSize {
  int width = 0;
  int height = 0;
};
// "1280x800" (also 'X') to a size; nullopt unless both parts are positive
// integers. Pure, for tests and for --size.
std::optional<WindowSize> parse_size(std::string_view text);

// Adds --screenshot, --frames, --size, --bench-frames, --windowed, --scale.
void add_options(CLI::App& app, RunOptions& options);

// Copies the options into a shell configuration (size, fullscreen, headless,
// scale); the program sets title, theme, strings and fonts itself.
void apply_options(const RunOptions& options, ShellConfig& config);

// What the per-frame callback gets.
struct FrameContext {
  Shell& shell;
  const Theme& theme;       // scaled; pass to widgets
  std::uint64_t frame = 0;  // 0 for the first frame
  ImVec2 size;              // display size in pixels
  void request_quit() { shell.request_quit(); }
};

// Runs the program:
// - bench_frames > 0: renders that many frames, prints one line to stdout:
//   "bench frames=N frame_ms_p50=… frame_ms_p99=… frame_ms_max=…
//   first_frame_ms=… rss_kib=…" and returns 0. The first frame (atlas
//   upload) is reported as first_frame_ms, measured from
//   ShellConfig::started, and left out of the percentiles;
// - screenshot set: renders `frames` frames, writes the last one as a PNG,
//   returns 0 (1 if the PNG could not be written, with a log line);
// - otherwise: loops until the window closes or request_quit(), returns 0.
// The callback draws one frame (typically inside a RootWindow).
int run_loop(Shell& shell, const RunOptions& options, const std::function<void(FrameContext&)>& draw_frame);

}  // namespace hourglass::ui
