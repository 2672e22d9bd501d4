#include "shared/net/clock_offset.hpp"

#include <algorithm>

namespace hourglass::net {

void ClockOffsetEstimator::add(std::int64_t local_send_ms, std::int64_t local_receive_ms, std::int64_t server_time_ms) {
  if (local_receive_ms < local_send_ms) return;  // our clock stepped back: the sample means nothing
  const std::int64_t rtt = local_receive_ms - local_send_ms;
  // Midpoint without overflow: send + rtt/2.
  const std::int64_t midpoint = local_send_ms + rtt / 2;
  samples_.push_back(ClockSample{server_time_ms - midpoint, rtt});
  while (samples_.size() > window_) samples_.pop_front();
}

std::optional<ClockSample> ClockOffsetEstimator::best() const {
  if (samples_.empty()) return std::nullopt;
  // On a tie the newer sample wins: the clocks may have drifted since.
  auto best = samples_.begin();
  for (auto it = samples_.begin(); it != samples_.end(); ++it) {
    if (it->rtt_ms <= best->rtt_ms) best = it;
  }
  return *best;
}

std::int64_t ClockOffsetEstimator::offset_ms() const {
  const auto sample = best();
  return sample ? sample->offset_ms : 0;
}

}  // namespace hourglass::net
