#pragma once
// Estimates the offset between the server's clock and ours, NTP style:
// offset = server_time − midpoint(local send, local receive). The sample with
// the lowest round trip among the recent ones wins, because its midpoint has
// the smallest possible error (± rtt / 2). Pure: times come in as arguments.

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>

namespace hourglass::net {

struct ClockSample {
  std::int64_t offset_ms = 0;  // server − local
  std::int64_t rtt_ms = 0;
};

class ClockOffsetEstimator {
 public:
  explicit ClockOffsetEstimator(std::size_t window = 8) : window_(window == 0 ? 1 : window) {}

  // One exchange: we sent at `local_send_ms`, the server stamped
  // `server_time_ms`, we received at `local_receive_ms` (all ms since epoch).
  // A receive before the send (the local clock stepped back) is ignored.
  void add(std::int64_t local_send_ms, std::int64_t local_receive_ms, std::int64_t server_time_ms);

  // The best recent sample, or nothing before the first one.
  std::optional<ClockSample> best() const;
  std::int64_t offset_ms() const;  // 0 before the first sample
  // A new connection may be to another machine: forget everything.
  void reset() { samples_.clear(); }
  std::size_t size() const { return samples_.size(); }

 private:
  std::size_t window_;
  std::deque<ClockSample> samples_;  // newest at the back
};

}  // namespace hourglass::net
