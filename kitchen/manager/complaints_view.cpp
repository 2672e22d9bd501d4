#include "kitchen/manager/complaints_view.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "shared/core/countdown.hpp"
#include "shared/words/kitchen_text.hpp"
#include "shared/words/words.hpp"

namespace hourglass::manager {

using words::Word;

namespace {

// Time gone by, "04:12", rounded down as a stopwatch does (format_countdown
// rounds remaining time up, and lateness, a negative remainder, down).
std::string elapsed_text(std::int64_t ms) { return core::format_countdown(-ms); }

}  // namespace

ComplaintsView build_complaints_view(const std::map<std::int64_t, core::Complaint>& complaints,
                                     const core::Menu& menu, std::int64_t server_now_ms, core::Language language) {
  ComplaintsView view;
  std::vector<std::pair<std::int64_t, ComplaintRow>> resolved;  // by resolved_at_ms
  for (const auto& [id, complaint] : complaints) {
    ComplaintRow row;
    row.complaint_id = id;
    row.table = words::table_label(complaint.table, language);
    row.category = words::complaint_category_label(complaint.category, language);
    if (complaint.item) {
      const core::MenuItem* item = menu.find(*complaint.item);
      row.dish = item != nullptr ? item->name.in(language) : *complaint.item;
    }
    row.note = complaint.note;
    if (const auto response = core::response_ms(complaint)) {
      row.waited_ms = *response;
      row.waited = words::format_word(Word::console_answered_in, language, elapsed_text(*response));
      row.resolution = complaint.resolution ? words::resolution_label(*complaint.resolution, language) : "";
      if (!complaint.resolution_note.empty()) row.resolution += ": " + complaint.resolution_note;
      resolved.emplace_back(complaint.resolved_at_ms.value_or(0), std::move(row));
    } else {
      row.waited_ms = std::max<std::int64_t>(0, server_now_ms - complaint.at_ms);
      row.waited = words::format_word(Word::console_waiting, language, elapsed_text(row.waited_ms));
      view.open.push_back(std::move(row));
    }
  }
  std::stable_sort(view.open.begin(), view.open.end(),
                   [](const ComplaintRow& a, const ComplaintRow& b) { return a.waited_ms > b.waited_ms; });
  std::stable_sort(resolved.begin(), resolved.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (auto& [at, row] : resolved) {
    if (view.resolved.size() == ComplaintsView::kResolvedShown) break;
    view.resolved.push_back(std::move(row));
  }
  if (!view.open.empty()) {
    view.oldest_wait_ms = view.open.front().waited_ms;
    view.banner = words::format_word(Word::console_open_complaints, language, view.open.size(),
                                     elapsed_text(view.oldest_wait_ms));
  }
  return view;
}

}  // namespace hourglass::manager
