#pragma once
// The manager's breach log as data: filters, sort, totals for the period
// (orders, on-time rate from the history query, breaches, compensation
// paid), late counts per dish, breaches per hour of day, and the CSV of what
// the table shows. Pure; times are rendered in the restaurant's local time
// through an explicit UTC offset, never by reading the machine's clock.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "shared/core/menu.hpp"
#include "shared/core/money.hpp"
#include "shared/core/order.hpp"
#include "shared/core/protocol.hpp"

namespace hourglass::manager {

struct BreachFilter {
  std::optional<std::int64_t> since_ms;  // inclusive, on the breach time (at_ms)
  std::optional<std::int64_t> until_ms;  // exclusive
  std::string table;   // empty: every table
  std::string item;    // a dish id: breaches with that dish late; empty: all
  std::string policy;  // "free_unserved" / "bill_percent"; empty: all
};

enum class BreachSortKey { time, ticket, table, late_lines, worst_late, compensation };
struct BreachSort {
  BreachSortKey key = BreachSortKey::time;
  bool descending = true;
};

struct LateLineRow {
  std::string item;
  std::string dish;     // "2× Kung Pao Chicken"
  std::string late_by;  // "+03:12" / "not served"
  std::optional<std::int64_t> late_ms;  // served − deadline; empty: never served
};

struct BreachRow {
  std::int64_t breach_id = 0;
  std::string order_id;
  std::int64_t seq = 0;
  std::string ticket;  // "#41"
  std::string table;   // "Table 12"
  std::string table_id;
  std::int64_t at_ms = 0;
  std::string when;    // "2025-11-22 12:34" local
  std::string policy;  // shown label
  std::vector<LateLineRow> lines;
  std::string worst_late;  // the latest line's lateness
  std::int64_t worst_late_ms = 0;  // never served counts as later than any
  core::Fen compensation = 0;
  std::string compensation_text;  // "¥38.00"
};

struct DishLateCount {
  std::string item;
  std::string name;
  int late_lines = 0;
  int late_qty = 0;
};

struct BreachTotals {
  // From the history query; nullopt until it has answered.
  std::optional<int> orders;     // accepted in the period
  std::optional<int> kept;
  std::optional<int> breached_orders;
  std::string on_time_rate;      // "93.4%" or "—"
  int breaches = 0;              // rows in the table
  int late_lines = 0;
  core::Fen compensation = 0;
  std::string compensation_text;
};

struct BreachLogView {
  std::vector<BreachRow> rows;            // filtered and sorted
  std::vector<core::BreachEntry> entries;  // the same, for the CSV
  BreachTotals totals;
  std::vector<DishLateCount> dishes;      // most late lines first
  std::array<int, 24> per_hour{};         // breaches by local hour of at_ms
  int max_per_hour = 0;
  // Filter choices present in the data.
  std::vector<std::string> tables;
  std::vector<std::pair<std::string, std::string>> items;  // id, name
  std::vector<std::string> policies;
};

// `history`: the get_history reply for the period (or nullopt while it is
// not known). `utc_offset_minutes`: the restaurant's offset, for the times
// shown and the hour-of-day chart.
BreachLogView build_breach_log_view(const std::vector<core::BreachEntry>& entries,
                                    const std::optional<std::vector<core::Order>>& history,
                                    const BreachFilter& filter, const BreachSort& sort,
                                    core::Language language, int utc_offset_minutes);

// True when the entry passes the filter.
bool matches(const core::BreachEntry& entry, const BreachFilter& filter);

// The CSV of what the table shows: the shared breach CSV format
// (shared/core/breach_csv.hpp, the same as `hourglass-kitchen
// export-breaches`), one row per late line, in the table's order.
std::string breach_log_csv(const BreachLogView& view);

// Writes `text` to `path` with a UTF-8 byte-order mark (so spreadsheet
// programs read the Chinese names). Returns an error message, or nothing.
std::optional<std::string> write_csv_file(const std::string& path, const std::string& text);

// "2025-11-22 12:34" for epoch ms at a UTC offset.
std::string local_time_text(std::int64_t epoch_ms, int utc_offset_minutes);
// "YYYY-MM-DD" as the first millisecond of that local day; nothing when malformed.
std::optional<std::int64_t> local_day_start_ms(const std::string& text, int utc_offset_minutes);

std::string policy_label(const std::string& policy, core::Language language);

}  // namespace hourglass::manager
