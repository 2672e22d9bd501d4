#include "kitchen/server/deadline_scheduler.hpp"

namespace hourglass::kitchen {

void DeadlineScheduler::add(std::int64_t seq, std::int64_t deadline_ms) { deadlines_.emplace(deadline_ms, seq); }

void DeadlineScheduler::remove(std::int64_t seq, std::int64_t deadline_ms) { deadlines_.erase({deadline_ms, seq}); }

std::optional<std::int64_t> DeadlineScheduler::next_deadline() const {
  if (deadlines_.empty()) return std::nullopt;
  return deadlines_.begin()->first;
}

std::vector<std::int64_t> DeadlineScheduler::take_due(std::int64_t now_ms) {
  std::vector<std::int64_t> due;
  while (!deadlines_.empty() && deadlines_.begin()->first <= now_ms) {
    due.push_back(deadlines_.begin()->second);
    deadlines_.erase(deadlines_.begin());
  }
  return due;
}

}  // namespace hourglass::kitchen
