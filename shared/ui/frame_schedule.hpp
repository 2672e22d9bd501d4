#pragma once
// When the interactive loop draws its next frame, and how long it may sleep
// until then. A screen that nothing changes on must not draw: a tablet sits on
// a table all day, often on battery, and the software renderer would
// otherwise spend a core redrawing the same pixels. The loop draws only after
// input (and a few frames more while ImGui settles), when the screen asked for
// a frame (the next second of a countdown, a flash, a toast's end), or when
// the kitchen changed something. Pure: every time is passed in.

#include <chrono>
#include <cstdint>
#include <optional>

namespace hourglass::ui {

using SteadyTime = std::chrono::steady_clock::time_point;

// Frames drawn after the last input event before the loop may rest: the
// press, the release (ImGui buttons fire on release), the frame that shows
// what the click did, and one more for windows that size themselves from the
// frame before.
inline constexpr int kSettleFrames = 4;
// Frames drawn for a change from outside: the change, and one for layouts
// that follow it a frame late.
inline constexpr int kChangeFrames = 2;

struct FrameSchedule {
  // The frame-rate cap: frame starts are at least this far apart, whatever
  // the renderer claims about vsync.
  std::chrono::microseconds min_interval{16'667};
  // Start of the last frame drawn; nothing before the first frame.
  std::optional<SteadyTime> last_frame;
  // Frames drawn since the last input event; below kSettleFrames the loop
  // keeps drawing at the cap.
  int frames_since_input = 0;
  // The earliest frame the screen (or a change from the kitchen) asked for.
  std::optional<SteadyTime> wanted;
};

// An event arrived (input, a window event, a wake from another thread).
void note_input(FrameSchedule& schedule);
// A frame started at `started`; `wanted` is what that frame asked for next.
void note_frame(FrameSchedule& schedule, SteadyTime started, std::optional<SteadyTime> wanted);
// Something outside the loop changed what is shown (the kitchen, a wake):
// kChangeFrames frames, the first as soon as the cap allows.
void note_change(FrameSchedule& schedule);

// When the next frame is due; nothing when only an event can make one
// necessary. The first frame is due at once.
std::optional<SteadyTime> next_frame_due(const FrameSchedule& schedule);

// How long the loop waits for an event, from `now`, before it wakes up on its
// own: for the next frame due or `next_poll` (when it next asks whether the
// kitchen changed), whichever is first. Zero: wake now. Nothing: wait for an
// event however long that takes. Rounded up to whole milliseconds, so the
// loop never wakes a little early and waits again for zero.
std::optional<std::chrono::milliseconds> wait_before_waking(const FrameSchedule& schedule, SteadyTime now,
                                                            std::optional<SteadyTime> next_poll);

// The first instant after `now_ms` that is a whole multiple of `period_ms` on
// the same clock: the next second of a countdown (so mm:ss ticks evenly on the
// server's clock), the next half second of a flash. period_ms > 0.
std::int64_t next_tick_ms(std::int64_t now_ms, std::int64_t period_ms);

// Seconds until an ImGui text cursor whose blink timer reads `cursor_anim`
// (ImGuiInputTextState::CursorAnim after the last frame) turns on or off.
// ImGui shows it while the timer is <= 0 (just after typing), then for 0.8 s
// of every 1.2 s.
double cursor_blink_change_s(float cursor_anim);

}  // namespace hourglass::ui
