#include "kitchen/server/clock.hpp"

#include <algorithm>
#include <cstdlib>
#include <optional>

namespace hourglass::kitchen {

namespace {

std::int64_t system_now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::int64_t steady_now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

}  // namespace

SlewedClock::SlewedClock(Source system_ms, Source steady_ms)
    : system_ms_(std::move(system_ms)), steady_ms_(std::move(steady_ms)) {
  last_steady_ = steady_ms_();
  now_ = system_ms_();
}

SlewedClock::SlewedClock() : SlewedClock(system_now_ms, steady_now_ms) {}

std::int64_t SlewedClock::now_ms() const {
  std::optional<std::int64_t> stepped;
  std::int64_t now = 0;
  {
    const std::lock_guard lock(mutex_);
    const std::int64_t steady = steady_ms_();
    // A monotonic source does not go back; if an injected one does, time stands still.
    const std::int64_t elapsed = std::max<std::int64_t>(0, steady - last_steady_);
    last_steady_ += elapsed;
    now_ += elapsed;
    const std::int64_t offset = system_ms_() - now_;
    if (std::abs(offset - offset_) > kStepReportMs) stepped = offset;
    std::int64_t correction = 0;
    if (offset == 0) {
      // Credit earned while in step would let a later step be absorbed at once.
      credit_ = 0;
    } else {
      credit_ += elapsed;
      const std::int64_t allowed = credit_ / kSlewDivisor;
      correction = std::clamp(offset, -allowed, allowed);
      now_ += correction;
      credit_ = correction == offset ? 0 : credit_ - std::abs(correction) * kSlewDivisor;
    }
    offset_ = offset - correction;
    now = now_;
  }
  if (stepped && on_step_) on_step_(*stepped);
  return now;
}

std::int64_t SlewedClock::offset_ms() const {
  const std::lock_guard lock(mutex_);
  return offset_;
}

void SlewedClock::on_step(std::function<void(std::int64_t)> callback) { on_step_ = std::move(callback); }

}  // namespace hourglass::kitchen
