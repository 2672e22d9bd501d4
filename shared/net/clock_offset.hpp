#pragma once
// Estimates the offset between the server's clock and our wall clock, NTP
// style: offset = server_time − wall-clock midpoint of the exchange. The
// sample with the lowest round trip among the recent ones wins, because its
// midpoint has the smallest possible error (± rtt / 2). Pure: times come in
// as arguments.
//
// Two local clocks take part, each for what it is good at. The round trip is
// a duration, so it comes from the monotonic clock, which never steps. The
// offset is against the wall clock, because server_now = wall now + offset.
// Each sample also keeps how far the wall clock stood from the monotonic one
// when it was taken, so a sample taken before the wall clock was stepped (an
// NTP correction, a hand-set tablet) is re-based to the wall clock as it is
// now instead of being an hour out until it leaves the window.

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>

namespace hourglass::net {

struct ClockSample {
  std::int64_t offset_ms = 0;  // server − local wall clock, when the sample was taken
  std::int64_t rtt_ms = 0;
  std::int64_t wall_minus_steady_ms = 0;  // local wall − monotonic clock at the receive
};

// One request and its reply, stamped on both local clocks at the receive.
struct ClockExchange {
  std::int64_t sent_steady_ms = 0;      // monotonic clock when the request left
  std::int64_t received_steady_ms = 0;  // monotonic clock when the reply arrived
  std::int64_t received_wall_ms = 0;    // wall clock at that same moment
  std::int64_t server_time_ms = 0;      // what the server stamped on the reply
};

class ClockOffsetEstimator {
 public:
  explicit ClockOffsetEstimator(std::size_t window = 8) : window_(window == 0 ? 1 : window) {}

  // A receive before the send cannot happen on a monotonic clock; such a
  // sample is ignored rather than trusted.
  void add(const ClockExchange& exchange);

  // The best recent sample, or nothing before the first one.
  std::optional<ClockSample> best() const;
  // The best sample's offset (0 before the first one), re-based to a wall
  // clock that now stands `wall_minus_steady_ms` from the monotonic one.
  std::int64_t offset_ms(std::int64_t wall_minus_steady_ms) const;
  // The best sample's offset as it was taken (0 before the first one).
  std::int64_t offset_ms() const;
  // A new connection may be to another machine: forget everything.
  void reset() { samples_.clear(); }
  std::size_t size() const { return samples_.size(); }

 private:
  std::size_t window_;
  std::deque<ClockSample> samples_;  // newest at the back
};

}  // namespace hourglass::net
