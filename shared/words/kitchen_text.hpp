#pragma once
// Kitchen-side wording shared by the kitchen display and the manager console:
// countdown text with its "late" wording, line states, tables, tickets. One
// place, so both screens say the same thing for the same order at the same
// server time. The mm:ss digits themselves come from core::format_countdown.

#include <cstdint>
#include <optional>
#include <string>

#include "shared/core/feedback.hpp"
#include "shared/core/menu.hpp"
#include "shared/core/order.hpp"

namespace hourglass::words {

// "07:42" while time remains, "LATE 01:05" / "超时 01:05" once late.
std::string countdown_text(std::int64_t remaining_ms, core::Language language);

// "QUEUED", "COOKING", "READY", "SERVED", "CANCELLED" / "待做" ...
const std::string& line_state_word(core::LineState state, core::Language language);

// "Table 12" / "12号桌"; the counter: "Counter" / "柜台".
std::string table_label(const std::string& table, core::Language language);

// "#41".
std::string ticket_label(std::int64_t seq);

// How late a line was finally served: "+03:12" for served_at − deadline, or
// "not served" / "未上菜" when it never was.
std::string late_by_text(std::int64_t deadline_ms, const std::optional<std::int64_t>& served_at_ms,
                         core::Language language);

// "Late dishes free" / "Bill discount" for a policy's name; the name itself
// for a policy this release does not know.
std::string policy_label(const std::string& policy, core::Language language);

// The staff's words for a complaint's category ("Dish quality" / "菜品质量")
// and for what was done ("Remade" / "已重做"); the tablet words them for the guest.
const std::string& complaint_category_label(core::ComplaintCategory category, core::Language language);
const std::string& resolution_label(core::Resolution resolution, core::Language language);

}  // namespace hourglass::words
