#pragma once
// The guests' side of a demo month: kitchen times on the history's lines
// (station, cooking start, ready), and the surveys and complaints of that
// month, for the console's Reports tab without a server. Deterministic.

#include <cstdint>
#include <vector>

#include "shared/core/feedback.hpp"
#include "shared/core/menu.hpp"
#include "shared/core/order.hpp"

namespace hourglass::demo {

// Gives every line of `history` its menu station, a cooking start and a
// ready time: cooking takes about the dish's prep_s (70 % to 130 % of it),
// a late line is ready after the deadline, an on-time one before it.
void add_demo_kitchen_times(std::vector<core::Order>& history, const core::Menu& menu);

struct DemoFeedback {
  std::vector<core::Survey> surveys;
  std::vector<core::Complaint> complaints;  // complaint_id from 1, oldest first
};
// About one survey for every three orders of `history` (guests at tables
// where the promise broke score lower), and a complaint for about one in
// eight broken orders and one in sixty kept ones, answered within minutes; the `open_complaints` most recent are
// still open, made in the 10 minutes before `now_ms`.
DemoFeedback make_demo_feedback(const std::vector<core::Order>& history, const core::Menu& menu,
                                std::int64_t now_ms, int open_complaints);

}  // namespace hourglass::demo
