#pragma once
// Time is injected: the server asks a Clock for the wall time (the protocol's
// `*_ms`, the only authority for deadlines); tests pass a ManualClock. Asio's
// steady_timer (monotonic) only decides when to wake up and ask.

#include <chrono>
#include <cstdint>

namespace hourglass::kitchen {

class Clock {
 public:
  virtual ~Clock() = default;
  // Milliseconds since the Unix epoch.
  virtual std::int64_t now_ms() const = 0;
};

class SystemClock final : public Clock {
 public:
  std::int64_t now_ms() const override {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  }
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
