#include "kitchen/kds/ticket_text.hpp"

#include <fmt/format.h>

#include "shared/core/countdown.hpp"

namespace hourglass::kitchen {

using core::Language;

std::string countdown_text(std::int64_t remaining_ms, Language language) {
  if (remaining_ms >= 0) return core::format_countdown(remaining_ms);
  const char* word = language == Language::zh ? "超时" : "LATE";
  return fmt::format("{} {}", word, core::format_countdown(remaining_ms));
}

std::string line_state_word(core::LineState state, Language language) {
  const bool zh = language == Language::zh;
  switch (state) {
    case core::LineState::queued:
      return zh ? "待做" : "QUEUED";
    case core::LineState::cooking:
      return zh ? "在做" : "COOKING";
    case core::LineState::ready:
      return zh ? "待上" : "READY";
    case core::LineState::served:
      return zh ? "已上" : "SERVED";
    case core::LineState::cancelled:
      return zh ? "已取消" : "CANCELLED";
  }
  return {};
}

std::string table_label(const std::string& table, Language language) {
  if (table == core::kCounterTable) return language == Language::zh ? "柜台" : "Counter";
  return language == Language::zh ? fmt::format("{}号桌", table) : fmt::format("Table {}", table);
}

std::string ticket_label(std::int64_t seq) { return fmt::format("#{}", seq); }

std::string late_by_text(std::int64_t deadline_ms, const std::optional<std::int64_t>& served_at_ms, Language language) {
  if (!served_at_ms) return language == Language::zh ? "未上菜" : "not served";
  const std::int64_t late = *served_at_ms - deadline_ms;
  // Lateness is shown like a late countdown: whole seconds, rounded down.
  return fmt::format("+{}", core::format_countdown(-late));
}

}  // namespace hourglass::kitchen
