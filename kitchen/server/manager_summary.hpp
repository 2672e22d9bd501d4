#pragma once
// What the manager's phone page shows (docs/manager-page.md), as the JSON
// its script reads from GET /api/summary: today's totals, the open orders
// with their deadlines on the server's clock, the complaints awaiting an
// answer and today's breach log. Pure: the web server gathers the inputs.

#include <cstdint>
#include <vector>

#include "shared/core/feedback.hpp"
#include "shared/core/json_read.hpp"
#include "shared/core/order.hpp"
#include "shared/core/protocol.hpp"

namespace hourglass::kitchen {

struct ManagerSummaryInput {
  std::int64_t server_time_ms = 0;
  std::int64_t day_start_ms = 0;             // today's local midnight
  std::vector<core::Order> orders_today{};   // accepted since day_start_ms
  std::vector<core::Order> open_orders{};    // not closed, by seq
  std::vector<core::BreachEntry> breaches{}; // applied since day_start_ms, oldest first
  std::vector<core::Complaint> open_complaints{};
};

// {"server_time_ms", "day_start_ms",
//  "totals": {"orders", "decided", "on_time", "breached", "on_time_percent" (null before any is decided),
//             "compensation_fen", "open_orders", "open_complaints"},
//  "open_orders": [{"seq", "table", "accepted_at_ms", "deadline_ms", "status", "lines_total", "lines_waiting",
//                   "waiting": [dish names, English and Chinese]}],
//  "complaints": [{"complaint_id", "table", "category", "item", "note", "at_ms"}],
//  "breaches": [{"seq", "table", "deadline_ms", "at_ms", "discount_fen", "late_dishes", "settled"}]}
core::Json manager_summary(const ManagerSummaryInput& input);

}  // namespace hourglass::kitchen
