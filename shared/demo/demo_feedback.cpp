#include "shared/demo/demo_feedback.hpp"

#include <algorithm>

#include "shared/demo/demo_random.hpp"

namespace hourglass::demo {

void add_demo_kitchen_times(std::vector<core::Order>& history, const core::Menu& menu) {
  Lcg random{20261203};
  for (core::Order& order : history) {
    for (core::OrderLine& line : order.lines) {
      const core::MenuItem* item = menu.find(line.item);
      if (item != nullptr) line.station = item->station;
      const std::int64_t prep_ms = static_cast<std::int64_t>(item != nullptr ? item->prep_s.value_or(300) : 300) * 1000;
      const std::int64_t cook_ms = prep_ms * (70 + random.below(61)) / 100;
      std::int64_t ready = 0;
      if (line.late) {
        ready = order.deadline_ms + 30'000 + random.below(300) * 1000;
      } else {
        const std::int64_t room = std::max<std::int64_t>(order.deadline_ms - order.accepted_at_ms - cook_ms, 1000);
        ready = order.accepted_at_ms + cook_ms + random.below(static_cast<int>(std::min<std::int64_t>(room, 600'000)));
      }
      line.ready_at_ms = ready;
      line.cooking_at_ms = std::max(order.accepted_at_ms, ready - cook_ms);
      if (line.state == core::LineState::served && !line.served_at_ms) line.served_at_ms = ready + 20'000;
    }
  }
}

DemoFeedback make_demo_feedback(const std::vector<core::Order>& history, const core::Menu& menu,
                                std::int64_t now_ms, int open_complaints) {
  DemoFeedback out;
  Lcg random{880};
  constexpr core::ComplaintCategory kWeighted[] = {
      core::ComplaintCategory::slow,         core::ComplaintCategory::slow,    core::ComplaintCategory::slow,
      core::ComplaintCategory::dish_quality, core::ComplaintCategory::dish_quality,
      core::ComplaintCategory::wrong_or_missing, core::ComplaintCategory::service,
      core::ComplaintCategory::cleanliness,  core::ComplaintCategory::other};
  constexpr core::Resolution kResolutions[] = {core::Resolution::remade, core::Resolution::comped,
                                               core::Resolution::apologized, core::Resolution::apologized};
  for (const core::Order& order : history) {
    const bool broke = order.broke_promise() || order.status == core::OrderStatus::breached;
    const std::int64_t end = order.deadline_ms + 20 * 60'000;
    if (end < now_ms && random.below(3) == 0) {
      core::Survey survey;
      survey.table = order.table;
      // Kept: mostly 8-10. Broken but compensated: a wider spread, lower.
      survey.score = broke ? std::min(10, 3 + random.below(8)) : std::min(10, 6 + random.below(5) + random.below(2));
      survey.at_ms = end;
      survey.breached = broke;
      if (survey.score <= 6) survey.reasons.push_back(broke ? core::ComplaintCategory::slow : kWeighted[random.below(9)]);
      out.surveys.push_back(std::move(survey));
    }
    if (random.below(broke ? 8 : 60) == 0 && order.accepted_at_ms + 20 * 60'000 < now_ms) {
      core::Complaint complaint;
      complaint.table = order.table;
      complaint.category = broke ? core::ComplaintCategory::slow : kWeighted[random.below(9)];
      complaint.at_ms = order.accepted_at_ms + 8 * 60'000 + random.below(600) * 1000;
      if (complaint.category == core::ComplaintCategory::dish_quality && !order.lines.empty()) {
        const core::OrderLine& line = order.lines[static_cast<std::size_t>(random.below(static_cast<int>(order.lines.size())))];
        complaint.line_id = line.line_id.empty() ? std::nullopt : std::optional<std::string>(line.line_id);
        complaint.item = line.item;
        const core::MenuItem* item = menu.find(line.item);
        complaint.station = item != nullptr ? item->station : line.station;
      }
      complaint.status = core::ComplaintStatus::resolved;
      complaint.resolution = kResolutions[random.below(4)];
      complaint.resolved_at_ms = complaint.at_ms + 60'000 + random.below(11 * 60) * 1000;
      out.complaints.push_back(std::move(complaint));
    }
  }
  std::sort(out.complaints.begin(), out.complaints.end(),
            [](const core::Complaint& a, const core::Complaint& b) { return a.at_ms < b.at_ms; });
  std::sort(out.surveys.begin(), out.surveys.end(),
            [](const core::Survey& a, const core::Survey& b) { return a.at_ms < b.at_ms; });
  const char* kOpenTables[] = {"7", "12", "3", "15"};
  for (int i = 0; i < open_complaints; ++i) {
    core::Complaint complaint;
    complaint.table = kOpenTables[i % 4];
    complaint.category = i % 2 == 0 ? core::ComplaintCategory::dish_quality : core::ComplaintCategory::slow;
    complaint.at_ms = now_ms - (9 - 3 * (i % 4)) * 60'000 - 17'000;
    if (complaint.category == core::ComplaintCategory::dish_quality && !menu.items.empty()) {
      const core::MenuItem& item = menu.items[static_cast<std::size_t>(i * 7) % menu.items.size()];
      complaint.item = item.id;
      complaint.station = item.station;
      complaint.note = "太咸了 (too salty)";
    }
    out.complaints.push_back(std::move(complaint));
  }
  for (std::size_t i = 0; i < out.complaints.size(); ++i) out.complaints[i].complaint_id = static_cast<std::int64_t>(i) + 1;
  return out;
}

}  // namespace hourglass::demo
