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

}  // namespace hourglass::words
