#pragma once
// The command-line options every screen shares and the loop that runs it:
// interactive, screenshot-after-N-frames, or headless benchmark.

#include <imgui.h>

#include <chrono>
#include <concepts>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "shared/ui/frame_schedule.hpp"
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

// What the per-frame callback gets, and where it says when it next needs a
// frame. The interactive loop draws after input anyway; a screen asks only
// for what moves on its own: the next second of a countdown, a flash, the end
// of a toast. If nothing is asked, nothing is drawn until the next input or
// change. Several asks: the earliest wins.
struct FrameContext {
  Shell& shell;
  const Theme& theme;                                 // scaled; pass to widgets
  std::uint64_t frame = 0;                            // 0 for the first frame
  ImVec2 size;                                        // display size in pixels
  SteadyTime now = std::chrono::steady_clock::now();  // when this frame started
  std::optional<SteadyTime> wanted;                   // the next frame asked for

  void request_quit() { shell.request_quit(); }
  void wake_at(SteadyTime when) {
    if (!wanted || when < *wanted) wanted = when;
  }
  void wake_in(std::chrono::milliseconds delay) { wake_at(now + delay); }
  // Animating: the next frame as soon as the frame-rate cap allows.
  void animate() { wake_at(now); }
  // A frame when the screen's own clock (epoch ms: the wall clock, or the
  // server's), which read `clock_now_ms` just now, reaches `at_ms`. Counted
  // from this call, not from the frame's start, and a little after, so the
  // frame never lands before the tick (and shows the old second).
  void wake_at_clock(std::int64_t at_ms, std::int64_t clock_now_ms);
};

// Asked between frames, about ten times a second: true when something the
// screen shows changed outside the loop (a new version of the kitchen's
// state), so the loop draws a frame. Cheap: a version compare.
using ChangePoll = std::function<bool()>;

// Runs the program:
// - bench_frames > 0: renders that many frames, prints one line to stdout:
//   "bench frames=N frame_ms_p50=… frame_ms_p99=… frame_ms_max=…
//   first_frame_ms=… rss_kib=…" and returns 0. The first frame (atlas
//   upload) is reported as first_frame_ms, measured from
//   ShellConfig::started, and left out of the percentiles;
// - screenshot set: renders `frames` frames, writes the last one as a PNG,
//   returns 0 (1 if the PNG could not be written, with a log line);
// - otherwise: loops until the window closes or request_quit(), returns 0.
//   It draws only when a frame is due (frame_schedule.hpp): after input or a
//   Shell::wake(), when the callback asked (FrameContext::wake_*), while a
//   text cursor blinks, or when `changed` says so; never faster than
//   ShellConfig::max_fps. In between it sleeps in SDL_WaitEventTimeout.
// The callback draws one frame (typically inside a RootWindow).
int run_loop(Shell& shell, const RunOptions& options, const std::function<void(FrameContext&)>& draw_frame,
             const ChangePoll& changed = {});

// What a screen shows from outside the loop, with a version bumped on every
// change of it: the kitchen's state behind a net::KitchenLink (the real
// client or the fake kitchen). shared/ui needs nothing else of the link.
template <typename T>
concept VersionedState = requires(const T& state) {
  { state.version() } -> std::convertible_to<std::uint64_t>;
};

namespace detail {
int run_loop_on_version(Shell& shell, const RunOptions& options, const std::function<void(FrameContext&)>& draw_frame,
                        const std::function<std::uint64_t()>& version);
}  // namespace detail

// run_loop for a screen of the kitchen's state: it draws a frame whenever
// the state's version has moved since the last frame began (that is its
// change poll), besides after input and when a frame asks. The kitchen
// display's and the console's loop: `ui::run_loop(shell, run, draw, *link)`.
template <VersionedState State>
int run_loop(Shell& shell, const RunOptions& options, const std::function<void(FrameContext&)>& draw_frame,
             const State& state) {
  return detail::run_loop_on_version(shell, options, draw_frame,
                                     [&state] { return static_cast<std::uint64_t>(state.version()); });
}

}  // namespace hourglass::ui
