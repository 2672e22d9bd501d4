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
#include <unordered_map>
#include <vector>

#include "shared/core/menu.hpp"
#include "shared/core/money.hpp"
#include "shared/core/order.hpp"
#include "shared/core/protocol.hpp"
#include "shared/core/spreadsheet_csv.hpp"

namespace hourglass::manager {

struct BreachFilter {
  std::optional<std::int64_t> since_ms;  // inclusive, on the breach time (at_ms)
  std::optional<std::int64_t> until_ms;  // exclusive
  std::string table;                     // empty: every table
  std::string item;                      // a dish id: breaches with that dish late; empty: all
  std::string policy;                    // "free_unserved" / "bill_percent"; empty: all
};

enum class BreachSortKey { time, ticket, table, late_lines, worst_late, compensation };
struct BreachSort {
  BreachSortKey key = BreachSortKey::time;
  bool descending = true;
};

struct LateLineRow {
  std::string item;
  std::string dish;                     // "2× Kung Pao Chicken"
  std::string late_by;                  // "+03:12" / "not served"
  std::optional<std::int64_t> late_ms;  // served − deadline; empty: never served
};

// One table row, formatted for display. Built on demand (breach_row, or
// BreachRowCache for the rows on screen), never for the whole log at once.
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
  std::string lines_text;          // "2× Kung Pao Chicken +03:12  ·  1× Rice not served"
  std::string worst_late;          // the latest line's lateness
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
  std::optional<int> orders;  // accepted in the period
  std::optional<int> kept;
  std::optional<int> breached_orders;
  std::string on_time_rate;  // "93.4%" or "—"
  int breaches = 0;          // rows in the table
  int late_lines = 0;
  core::Fen compensation = 0;
  std::string compensation_text;
};

struct BreachLogView {
  // The table's rows, filtered and sorted, as indices into the entries the
  // view was built from (the caller keeps them; the view holds no copy).
  std::vector<std::uint32_t> order;
  BreachTotals totals;
  std::vector<DishLateCount> dishes;  // most late lines first
  std::array<int, 24> per_hour{};     // breaches by local hour of at_ms
  int max_per_hour = 0;
  // Filter choices present in the data.
  std::vector<std::string> tables;
  std::vector<std::pair<std::string, std::string>> items;  // id, name
  std::vector<std::string> policies;

  std::size_t size() const { return order.size(); }
  bool empty() const { return order.empty(); }
};

// The entries and the history prepared for filtering: every field a filter,
// a sort or a total reads, as integers in flat arrays (tables, policies and
// dishes as slots in small dictionaries), so that building a view for a new
// filter or sort is one pass of integer work with no text and no hashing.
// Prepared once per data, language or UTC-offset change; it keeps no
// reference to the entries or the history.
struct BreachLogIndex {
  static constexpr std::uint32_t kNone = UINT32_MAX;  // a filter value no record has

  struct Line {
    std::uint32_t item = 0;  // slot in `item_ids`
    int qty = 0;
  };
  struct Entry {
    std::int64_t at_ms = 0;
    std::int64_t breach_id = 0;
    std::int64_t seq = 0;
    std::int64_t worst_late_ms = 0;  // never served: INT64_MAX
    core::Fen discount = 0;
    std::uint32_t table = 0;                       // slot in `table_ids`
    std::uint32_t policy = 0;                      // slot in `policy_ids`
    std::uint32_t lines_begin = 0, lines_end = 0;  // in `lines`
    std::uint8_t local_hour = 0;
  };
  enum class Outcome : std::uint8_t { undecided, kept, breached };
  struct HistoryOrder {
    std::int64_t accepted_at_ms = 0;
    std::uint32_t table = 0;
    std::uint32_t policy = 0;
    std::uint32_t items_begin = 0, items_end = 0;  // in `history_items`
    Outcome outcome = Outcome::undecided;
  };

  std::vector<Entry> entries;  // in the entries' order (a view's `order` indexes both)
  std::vector<Line> lines;
  bool has_history = false;
  std::vector<HistoryOrder> history;
  std::vector<std::uint32_t> history_items;

  // Dictionaries, shared by the entries and the history.
  std::vector<std::string> table_ids;
  std::vector<std::int64_t> table_rank;  // by slot: numeric tables in number order, then names
  std::vector<std::string> policy_ids;
  std::vector<std::string> item_ids;
  std::vector<std::string> item_names;  // by slot, in the index's language
  // Filter choices present in the entries (a view copies them).
  std::vector<std::string> tables;
  std::vector<std::pair<std::string, std::string>> items;  // id, name
  std::vector<std::string> policies;

  // The slot of a filter value: nullopt for "" (all), kNone when no record has it.
  std::optional<std::uint32_t> table_slot(const std::string& table) const;
  std::optional<std::uint32_t> policy_slot(const std::string& policy) const;
  std::optional<std::uint32_t> item_slot(const std::string& item) const;
};

// `history`: the get_history reply for the period (or nullopt while it is
// not known). `utc_offset_minutes`: the restaurant's offset, for the
// hour-of-day chart.
BreachLogIndex index_breach_log(const std::vector<core::BreachEntry>& entries,
                                const std::optional<std::vector<core::Order>>& history, core::Language language,
                                int utc_offset_minutes);

// The view for a filter and a sort: the rows (indices into the indexed
// entries), totals, charts and filter choices.
BreachLogView build_breach_log_view(const BreachLogIndex& index, const BreachFilter& filter, const BreachSort& sort);

// The same from the entries and history directly (index, then build).
BreachLogView build_breach_log_view(const std::vector<core::BreachEntry>& entries,
                                    const std::optional<std::vector<core::Order>>& history, const BreachFilter& filter,
                                    const BreachSort& sort, core::Language language, int utc_offset_minutes);

// The display row of one entry: dates, dish list and money as text.
BreachRow breach_row(const core::BreachEntry& entry, core::Language language, int utc_offset_minutes);

// Display rows by entry index, formatted the first time the table shows
// them. sync() drops them all when the entries (their version), the language
// or the UTC offset changed; a bounded number are kept, so scrolling through
// the whole log does not keep every row. A returned reference stays valid
// until the next row() or sync() call.
class BreachRowCache {
 public:
  void sync(std::uint64_t entries_version, core::Language language, int utc_offset_minutes);
  const BreachRow& row(const std::vector<core::BreachEntry>& entries, std::uint32_t entry_index);
  std::size_t size() const { return rows_.size(); }

  static constexpr std::size_t kMaxRows = 4096;

 private:
  std::uint64_t version_ = 0;
  core::Language language_ = core::Language::en;
  int utc_offset_minutes_ = 0;
  std::unordered_map<std::uint32_t, BreachRow> rows_;
};

// True when the entry passes the filter.
bool matches(const core::BreachEntry& entry, const BreachFilter& filter);

// The CSV of what the table shows (every filtered row, not only those on
// screen): the spreadsheet breach format (shared/core/spreadsheet_csv.hpp,
// the same as `hourglass-kitchen export-breaches`: local times with the
// offset, yuan beside fen), one row per late line, in the table's order.
// `entries`: the ones the view was built from.
std::string breach_log_csv(const BreachLogView& view, const std::vector<core::BreachEntry>& entries,
                           const core::UtcOffsetAt& offset_at);

// Writes `text` to `path` after a UTF-8 byte-order mark (so spreadsheet
// programs read the Chinese names). Returns an error message, or nothing.
std::optional<std::string> write_csv_file(const std::string& path, const std::string& text);

// "2025-11-22 12:34" for epoch ms at a UTC offset.
std::string local_time_text(std::int64_t epoch_ms, int utc_offset_minutes);
// "YYYY-MM-DD" as the first millisecond of that local day; nothing when malformed.
std::optional<std::int64_t> local_day_start_ms(const std::string& text, int utc_offset_minutes);

}  // namespace hourglass::manager
