#include "shared/ui/run_loop.hpp"

#include <SDL.h>
#include <fmt/core.h>
#include <imgui_internal.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <charconv>
#include <chrono>
#include <climits>
#include <cstdio>
#include <stdexcept>
#include <vector>

#include "shared/ui/frame_stats.hpp"
#include "shared/ui/screenshot.hpp"

namespace hourglass::ui {

namespace {

// How often the interactive loop asks whether the kitchen changed: a change
// shows within this, and ten wake-ups a second with nothing to draw cost
// next to nothing.
constexpr std::chrono::milliseconds change_poll_interval{100};
// A frame for the text cursor's blink lands this long after the blink turns,
// so ImGui's timer has passed it.
constexpr std::chrono::milliseconds blink_margin{5};

std::optional<int> parse_positive(std::string_view text) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

double ms_between(std::chrono::steady_clock::time_point a, std::chrono::steady_clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

void draw_one(Shell& shell, std::uint64_t frame, const std::function<void(FrameContext&)>& draw_frame) {
  FrameContext context{shell, shell.theme(), frame, shell.size(), std::chrono::steady_clock::now(), std::nullopt};
  draw_frame(context);
}

int run_bench(Shell& shell, const RunOptions& options, const std::function<void(FrameContext&)>& draw_frame) {
  std::vector<double> frame_ms;
  frame_ms.reserve(static_cast<std::size_t>(options.bench_frames));
  double first_frame_ms = 0.0;
  for (int i = 0; i < options.bench_frames; ++i) {
    const auto start = std::chrono::steady_clock::now();
    if (!shell.begin_frame()) {
      spdlog::error("bench stopped after {} of {} frames: the window closed", i, options.bench_frames);
      return 1;
    }
    draw_one(shell, static_cast<std::uint64_t>(i), draw_frame);
    shell.end_frame();
    const auto end = std::chrono::steady_clock::now();
    if (i == 0) {
      first_frame_ms = ms_between(shell.config().started, end);
    } else {
      frame_ms.push_back(ms_between(start, end));
    }
  }
  const FrameStats stats = frame_stats(frame_ms);
  const auto rss = resident_memory_kib();
  fmt::print(
      "bench frames={} size={}x{} frame_ms_p50={:.3f} frame_ms_p99={:.3f} frame_ms_max={:.3f} "
      "first_frame_ms={:.1f} rss_kib={}\n",
      options.bench_frames, static_cast<int>(shell.size().x), static_cast<int>(shell.size().y), stats.p50_ms,
      stats.p99_ms, stats.max_ms, first_frame_ms, rss ? *rss : -1);
  std::fflush(stdout);
  return 0;
}

int run_screenshot(Shell& shell, const RunOptions& options, const std::function<void(FrameContext&)>& draw_frame) {
  const int frames = std::max(1, options.frames);
  Image image;
  for (int i = 0; i < frames; ++i) {
    if (!shell.begin_frame()) {
      spdlog::error("screenshot not taken: the window closed after {} frames", i);
      return 1;
    }
    draw_one(shell, static_cast<std::uint64_t>(i), draw_frame);
    if (i + 1 == frames) {
      image = shell.end_frame_with_capture();
    } else {
      shell.end_frame();
    }
  }
  try {
    write_png(image, options.screenshot);
  } catch (const std::exception& e) {
    spdlog::error("{}", e.what());
    return 1;
  }
  spdlog::info("wrote {} ({}x{}) after {} frames", options.screenshot, image.width, image.height, frames);
  return 0;
}

// The next frame the blinking cursor of an active ImGui text field needs;
// nothing when no field is being edited.
std::optional<SteadyTime> cursor_blink_frame(SteadyTime now) {
  const ImGuiContext& g = *ImGui::GetCurrentContext();
  const ImGuiInputTextState& field = g.InputTextState;
  if (!g.IO.ConfigInputTextCursorBlink || field.ID == 0 || field.ID != g.ActiveId) return std::nullopt;
  const std::chrono::duration<double> change(cursor_blink_change_s(field.CursorAnim));
  return now + std::chrono::ceil<std::chrono::milliseconds>(change) + blink_margin;
}

// Hands queued events to ImGui and tells the schedule what they were.
void take_events(Shell& shell, FrameSchedule& schedule) {
  if (shell.process_events() > 0) note_input(schedule);
  if (shell.take_wake()) note_change(schedule);
}

int run_interactive(Shell& shell, const std::function<void(FrameContext&)>& draw_frame, const ChangePoll& changed) {
  FrameSchedule schedule;
  schedule.min_interval = std::chrono::microseconds(1'000'000 / std::max(1, shell.config().max_fps));
  std::optional<SteadyTime> next_poll;
  std::uint64_t frame = 0;
  while (true) {
    const SteadyTime now = std::chrono::steady_clock::now();
    if (changed && !next_poll) next_poll = now + change_poll_interval;
    if (next_poll && now >= *next_poll) {
      if (changed()) note_change(schedule);
      next_poll = now + change_poll_interval;
    }
    const std::optional<SteadyTime> due = next_frame_due(schedule);
    if (due && *due <= now) {
      // Events that came since the wait count too (begin_frame would take
      // them without telling).
      take_events(shell, schedule);
      if (!shell.begin_frame()) return 0;
      FrameContext context{shell, shell.theme(), frame++, shell.size(), now, std::nullopt};
      draw_frame(context);
      shell.end_frame();
      if (const auto blink = cursor_blink_frame(now)) context.wake_at(*blink);
      note_frame(schedule, now, context.wanted);
      if (shell.quit_requested()) return 0;
      // This frame drew the latest state: the next question is due later.
      if (changed) next_poll = now + change_poll_interval;
      continue;
    }
    const auto wait = wait_before_waking(schedule, now, next_poll);
    const int timeout_ms = wait ? static_cast<int>(std::min<std::int64_t>(wait->count(), INT_MAX)) : -1;
    // A null event leaves it queued: process_events hands it to ImGui now,
    // so the next wait blocks again instead of returning at once for it.
    if (SDL_WaitEventTimeout(nullptr, timeout_ms) == 1) {
      take_events(shell, schedule);
      if (shell.quit_requested()) return 0;
    }
  }
}

}  // namespace

void FrameContext::wake_at_clock(std::int64_t at_ms, std::int64_t clock_now_ms) {
  // The clocks are read in whole milliseconds: 2 ms more keeps the frame
  // past the tick.
  const std::chrono::milliseconds delay(std::max<std::int64_t>(0, at_ms - clock_now_ms) + 2);
  wake_at(std::chrono::steady_clock::now() + delay);
}

std::optional<WindowSize> parse_size(std::string_view text) {
  const auto x = text.find_first_of("xX");
  if (x == std::string_view::npos) return std::nullopt;
  const auto width = parse_positive(text.substr(0, x));
  const auto height = parse_positive(text.substr(x + 1));
  if (!width || !height) return std::nullopt;
  return WindowSize{*width, *height};
}

void add_options(CLI::App& app, RunOptions& options) {
  app.add_option("--screenshot", options.screenshot, "Render headless, write the last frame to this PNG and exit");
  app.add_option("--frames", options.frames, "Frames to render before --screenshot (default 3)")
      ->check(CLI::PositiveNumber);
  app.add_option_function<std::string>(
         "--size",
         [&options](const std::string& value) {
           const auto size = parse_size(value);
           if (!size) throw CLI::ValidationError("--size", "expected WxH, e.g. 1280x800");
           options.width = size->width;
           options.height = size->height;
           options.size_given = true;
         },
         "Window size in pixels, WxH (default 1280x800); implies --windowed")
      ->type_name("WxH");
  app.add_option("--bench-frames", options.bench_frames,
                 "Render N frames headless, print frame-time p50/p99, time to first frame and "
                 "resident memory, and exit")
      ->check(CLI::PositiveNumber);
  app.add_flag("--windowed", options.windowed, "A window instead of full screen");
  app.add_option("--scale", options.scale, "UI scale factor (default: from the window height)")
      ->check(CLI::Range(0.25f, 8.0f));
}

void apply_options(const RunOptions& options, ShellConfig& config) {
  config.width = options.width;
  config.height = options.height;
  config.headless = options.headless();
  config.fullscreen = !(options.windowed || options.size_given || config.headless);
  if (options.scale > 0.0f) config.scale = options.scale;
}

int run_loop(Shell& shell, const RunOptions& options, const std::function<void(FrameContext&)>& draw_frame,
             const ChangePoll& changed) {
  if (options.bench_frames > 0) return run_bench(shell, options, draw_frame);
  if (!options.screenshot.empty()) return run_screenshot(shell, options, draw_frame);
  return run_interactive(shell, draw_frame, changed);
}

namespace detail {

int run_loop_on_version(Shell& shell, const RunOptions& options, const std::function<void(FrameContext&)>& draw_frame,
                        const std::function<std::uint64_t()>& version) {
  // Read as the frame begins: a change during the frame is not in it, so it
  // counts as a change for the next poll.
  std::uint64_t shown = 0;  // no version is 0: the first poll draws
  return run_loop(
      shell, options,
      [&](FrameContext& frame) {
        shown = version();
        draw_frame(frame);
      },
      [&] { return version() != shown; });
}

}  // namespace detail

}  // namespace hourglass::ui
