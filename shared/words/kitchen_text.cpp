#include "shared/words/kitchen_text.hpp"

#include <fmt/format.h>

#include "shared/core/countdown.hpp"
#include "shared/core/promise.hpp"
#include "shared/words/words.hpp"

namespace hourglass::words {

std::string countdown_text(std::int64_t remaining_ms, Language language) {
  if (remaining_ms >= 0) return core::format_countdown(remaining_ms);
  return format_word(Word::late_countdown, language, core::format_countdown(remaining_ms));
}

const std::string& line_state_word(core::LineState state, Language language) {
  switch (state) {
    case core::LineState::queued:
      return text(Word::kitchen_state_queued, language);
    case core::LineState::cooking:
      return text(Word::kitchen_state_cooking, language);
    case core::LineState::ready:
      return text(Word::kitchen_state_ready, language);
    case core::LineState::served:
      return text(Word::kitchen_state_served, language);
    case core::LineState::cancelled:
      return text(Word::kitchen_state_cancelled, language);
    case core::LineState::held:
      return text(Word::kitchen_state_held, language);
    case core::LineState::fired:
      return text(Word::kitchen_state_fired, language);
  }
  return text(Word::kitchen_state_queued, language);
}

std::string table_label(const std::string& table, Language language) {
  if (table == core::kCounterTable) return text(Word::counter_table, language);
  return format_word(Word::table_label, language, table);
}

std::string ticket_label(std::int64_t seq) { return fmt::format("#{}", seq); }

std::string late_by_text(std::int64_t deadline_ms, const std::optional<std::int64_t>& served_at_ms, Language language) {
  if (!served_at_ms) return text(Word::not_served, language);
  const std::int64_t late = *served_at_ms - deadline_ms;
  // Lateness is shown like a late countdown: whole seconds, rounded down.
  return fmt::format("+{}", core::format_countdown(-late));
}

std::string policy_label(const std::string& policy, Language language) {
  if (policy == core::FreeUnservedPolicy::kName) return text(Word::policy_free_unserved, language);
  if (policy == core::BillPercentPolicy::kName) return text(Word::policy_bill_percent, language);
  return policy;
}

const std::string& complaint_category_label(core::ComplaintCategory category, core::Language language) {
  switch (category) {
    case core::ComplaintCategory::dish_quality:
      return text(Word::staff_dish_quality, language);
    case core::ComplaintCategory::slow:
      return text(Word::staff_slow, language);
    case core::ComplaintCategory::wrong_or_missing:
      return text(Word::staff_wrong_or_missing, language);
    case core::ComplaintCategory::service:
      return text(Word::staff_service, language);
    case core::ComplaintCategory::cleanliness:
      return text(Word::staff_cleanliness, language);
    case core::ComplaintCategory::other:
      break;
  }
  return text(Word::staff_other, language);
}

const std::string& resolution_label(core::Resolution resolution, core::Language language) {
  switch (resolution) {
    case core::Resolution::remade:
      return text(Word::staff_remade, language);
    case core::Resolution::comped:
      return text(Word::staff_comped, language);
    case core::Resolution::apologized:
      return text(Word::staff_apologized, language);
    case core::Resolution::other:
      break;
  }
  return text(Word::staff_resolved_other, language);
}

}  // namespace hourglass::words
