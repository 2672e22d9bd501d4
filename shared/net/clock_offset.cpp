#include "shared/net/clock_offset.hpp"

#include <algorithm>

namespace hourglass::net {

void ClockOffsetEstimator::add(const ClockExchange& exchange) {
  if (exchange.received_steady_ms < exchange.sent_steady_ms) return;
  const std::int64_t rtt = exchange.received_steady_ms - exchange.sent_steady_ms;
  // The server stamped its reply somewhere between our send and our receive;
  // halfway is the guess with the smallest worst case (± rtt / 2). That
  // halfway moment on the wall clock is the wall reading at the receive minus
  // half the monotonic round trip, not the midpoint of two wall readings: a
  // wall clock stepped back an hour between send and receive would put that
  // midpoint half an hour off, and the rtt negative. The receive reading is
  // on the wall clock as it stands from now on, the one server_now = wall now
  // + offset adds to.
  const std::int64_t wall_midpoint = exchange.received_wall_ms - rtt / 2;
  samples_.push_back(ClockSample{exchange.server_time_ms - wall_midpoint, rtt,
                                 exchange.received_wall_ms - exchange.received_steady_ms});
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

std::int64_t ClockOffsetEstimator::offset_ms(std::int64_t wall_minus_steady_ms) const {
  const auto sample = best();
  if (!sample) return 0;
  // The wall clock moved by (now − then) against the monotonic one; the
  // server's clock did not, so the offset moves the other way.
  return sample->offset_ms + (sample->wall_minus_steady_ms - wall_minus_steady_ms);
}

std::int64_t ClockOffsetEstimator::offset_ms() const {
  const auto sample = best();
  return sample ? sample->offset_ms : 0;
}

}  // namespace hourglass::net
