#include "shared/ui/frame_schedule.hpp"

#include <algorithm>
#include <cmath>

namespace hourglass::ui {

namespace {

// ImGui's text cursor blink (imgui_widgets.cpp, InputTextEx): visible while
// fmod(anim, period) <= on.
constexpr double blink_period_s = 1.2;
constexpr double blink_on_s = 0.8;

}  // namespace

void note_input(FrameSchedule& schedule) { schedule.frames_since_input = 0; }

void note_frame(FrameSchedule& schedule, SteadyTime started, std::optional<SteadyTime> wanted) {
  schedule.last_frame = started;
  schedule.frames_since_input = std::min(schedule.frames_since_input + 1, kSettleFrames);
  schedule.wanted = wanted;
}

void note_change(FrameSchedule& schedule) {
  schedule.frames_since_input = std::min(schedule.frames_since_input, kSettleFrames - kChangeFrames);
}

std::optional<SteadyTime> next_frame_due(const FrameSchedule& schedule) {
  if (!schedule.last_frame) return SteadyTime::min();
  const SteadyTime earliest = *schedule.last_frame + schedule.min_interval;
  if (schedule.frames_since_input < kSettleFrames) return earliest;
  if (schedule.wanted) return std::max(*schedule.wanted, earliest);
  return std::nullopt;
}

std::optional<std::chrono::milliseconds> wait_before_waking(const FrameSchedule& schedule, SteadyTime now,
                                                            std::optional<SteadyTime> next_poll) {
  std::optional<SteadyTime> wake = next_frame_due(schedule);
  if (next_poll && (!wake || *next_poll < *wake)) wake = next_poll;
  if (!wake) return std::nullopt;
  if (*wake <= now) return std::chrono::milliseconds(0);
  return std::chrono::ceil<std::chrono::milliseconds>(*wake - now);
}

std::int64_t next_tick_ms(std::int64_t now_ms, std::int64_t period_ms) {
  // Floor division, so a clock before the epoch ticks on the same grid.
  std::int64_t ticks = now_ms / period_ms;
  if (now_ms % period_ms < 0) --ticks;
  return (ticks + 1) * period_ms;
}

double cursor_blink_change_s(float cursor_anim) {
  const double anim = cursor_anim;
  if (anim <= 0.0) return blink_on_s - anim;
  const double phase = std::fmod(anim, blink_period_s);
  return phase <= blink_on_s ? blink_on_s - phase : blink_period_s - phase;
}

}  // namespace hourglass::ui
