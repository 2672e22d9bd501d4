#pragma once
// The open orders' deadlines, soonest first: one ordered set for all of them
// (no timer or thread per order). The server arms one steady_timer for
// next_deadline() and, when it fires, asks take_due(now) what to evaluate.

#include <cstdint>
#include <optional>
#include <set>
#include <utility>
#include <vector>

namespace hourglass::kitchen {

class DeadlineScheduler {
 public:
  void add(std::int64_t seq, std::int64_t deadline_ms);
  void remove(std::int64_t seq, std::int64_t deadline_ms);
  std::optional<std::int64_t> next_deadline() const;
  // Removes and returns the orders whose deadline is at or before `now_ms`,
  // earliest first.
  std::vector<std::int64_t> take_due(std::int64_t now_ms);
  std::size_t size() const { return deadlines_.size(); }

 private:
  std::set<std::pair<std::int64_t, std::int64_t>> deadlines_;  // (deadline_ms, seq)
};

}  // namespace hourglass::kitchen
