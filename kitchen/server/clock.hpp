#pragma once
// Time is injected: the server asks a Clock for the wall time (the protocol's
// `*_ms`, the only authority for deadlines); tests pass a ManualClock. Asio's
// steady_timer (monotonic) only decides when to wake up and ask.
//
// Production uses SlewedClock, never the system clock directly: a promise is a
// duration (served within promise_s of acceptance), and the system clock is
// not a measure of durations. An NTP correction, or an operator's `date -s`,
// steps it: an hour forward judged an order served 3 s after it was placed as
// an hour late, an hour back left every deadline an hour in the future.

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>

namespace hourglass::kitchen {

class Clock {
 public:
  virtual ~Clock() = default;
  // Milliseconds since the Unix epoch.
  virtual std::int64_t now_ms() const = 0;
};

// Wall time that never steps: read from the system once, at construction,
// then advanced by the monotonic clock, and brought back toward the system
// time gradually when the two drift apart.
//
// The correction is slewed at most 1 ms per kSlewDivisor ms of monotonic time
// (1/2000 = 500 ppm, the rate adjtime(3) and ntpd slew at), and it never
// makes the clock go backwards: a correction is at most a 2000th of the time
// that passed since the last reading, so each reading is >= the one before.
// Why that rate: a duration measured on this clock is off by at most 1/2000
// of itself, so a 15-minute promise is judged within 0.45 s of the truth
// however the system clock moves, while an ordinary NTP correction (a few ms
// to a second) is absorbed within minutes (1 s in about 33 minutes). The
// price: a large step is absorbed slowly (an hour takes about 83 days), and
// until then `*_ms` differ from the system time by what is left of it. The
// clients are not troubled (they keep their own offset to the server's clock
// from `welcome` and `pong`); a restart takes the system time anew.
//
// Thread-safe (each reading updates the state under a mutex).
class SlewedClock final : public Clock {
 public:
  using Source = std::function<std::int64_t()>;  // milliseconds
  static constexpr std::int64_t kSlewDivisor = 2000;
  // A change of the system clock's offset by more than this between two
  // readings is reported as a step (to the on_step callback).
  static constexpr std::int64_t kStepReportMs = 1000;

  // Reads both sources once. `system_ms`: the wall time (ms since the Unix
  // epoch); `steady_ms`: any monotonic milliseconds.
  SlewedClock(Source system_ms, Source steady_ms);
  // The real thing: std::chrono::system_clock and steady_clock.
  SlewedClock();

  std::int64_t now_ms() const override;
  // The system time minus this clock's, at the last reading: what is left to slew.
  std::int64_t offset_ms() const;
  // Called (from inside now_ms, under no lock) with the new offset when the
  // system clock is seen to step: for a log line.
  void on_step(std::function<void(std::int64_t offset_ms)> callback);

 private:
  Source system_ms_;
  Source steady_ms_;
  mutable std::mutex mutex_;
  mutable std::int64_t last_steady_ = 0;
  mutable std::int64_t now_ = 0;
  mutable std::int64_t offset_ = 0;
  // Slew earned but not yet applied, in 1/kSlewDivisor ms.
  mutable std::int64_t credit_ = 0;
  std::function<void(std::int64_t)> on_step_;
};

class ManualClock final : public Clock {
 public:
  explicit ManualClock(std::int64_t start_ms) : now_(start_ms) {}
  std::int64_t now_ms() const override { return now_; }
  void set(std::int64_t ms) { now_ = ms; }
  void advance(std::int64_t ms) { now_ += ms; }

 private:
  std::int64_t now_;
};

}  // namespace hourglass::kitchen
