#include "kitchen/manager/breach_log_view.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <map>
#include <set>

#include "kitchen/kds/ticket_text.hpp"
#include "shared/core/breach_csv.hpp"
#include "shared/core/promise.hpp"

namespace hourglass::manager {

namespace {

constexpr std::int64_t kNeverServed = INT64_MAX;

std::string dish_name(const core::BreachLateLine& line, core::Language language) {
  if (line.name && !line.name->in(language).empty()) return line.name->in(language);
  return line.item;
}

std::int64_t local_ms(std::int64_t epoch_ms, int utc_offset_minutes) {
  return epoch_ms + static_cast<std::int64_t>(utc_offset_minutes) * 60'000;
}

bool order_matches(const core::Order& order, const BreachFilter& filter) {
  if (filter.since_ms && order.accepted_at_ms < *filter.since_ms) return false;
  if (filter.until_ms && order.accepted_at_ms >= *filter.until_ms) return false;
  if (!filter.table.empty() && order.table != filter.table) return false;
  if (!filter.policy.empty() && core::policy_name(order.promise.policy) != filter.policy) return false;
  if (!filter.item.empty()) {
    const bool has = std::any_of(order.lines.begin(), order.lines.end(),
                                 [&](const core::OrderLine& l) { return l.item == filter.item; });
    if (!has) return false;
  }
  return true;
}

}  // namespace

std::string local_time_text(std::int64_t epoch_ms, int utc_offset_minutes) {
  using namespace std::chrono;
  const sys_time<milliseconds> time{milliseconds{local_ms(epoch_ms, utc_offset_minutes)}};
  const auto day = floor<days>(time);
  const year_month_day date{day};
  const hh_mm_ss<milliseconds> clock{time - day};
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                     clock.hours().count(), clock.minutes().count());
}

std::optional<std::int64_t> local_day_start_ms(const std::string& text, int utc_offset_minutes) {
  const auto utc = core::parse_utc_date_ms(text);
  if (!utc) return std::nullopt;
  return *utc - static_cast<std::int64_t>(utc_offset_minutes) * 60'000;
}

std::string policy_label(const std::string& policy, core::Language language) {
  const bool zh = language == core::Language::zh;
  if (policy == "free_unserved") return zh ? "超时免单" : "Late dishes free";
  if (policy == "bill_percent") return zh ? "整单打折" : "Bill discount";
  return policy;
}

bool matches(const core::BreachEntry& entry, const BreachFilter& filter) {
  if (filter.since_ms && entry.at_ms < *filter.since_ms) return false;
  if (filter.until_ms && entry.at_ms >= *filter.until_ms) return false;
  if (!filter.table.empty() && entry.table != filter.table) return false;
  if (!filter.policy.empty() && entry.policy != filter.policy) return false;
  if (!filter.item.empty()) {
    const bool has = std::any_of(entry.late_lines.begin(), entry.late_lines.end(),
                                 [&](const core::BreachLateLine& l) { return l.item == filter.item; });
    if (!has) return false;
  }
  return true;
}

BreachLogView build_breach_log_view(const std::vector<core::BreachEntry>& entries,
                                    const std::optional<std::vector<core::Order>>& history,
                                    const BreachFilter& filter, const BreachSort& sort,
                                    core::Language language, int utc_offset_minutes) {
  BreachLogView view;
  std::set<std::string> tables;
  std::map<std::string, std::string> items;
  std::set<std::string> policies;
  std::map<std::string, std::size_t> dish_index;

  std::vector<const core::BreachEntry*> kept_entries;
  kept_entries.reserve(entries.size());
  for (const core::BreachEntry& entry : entries) {
    tables.insert(entry.table);
    policies.insert(entry.policy);
    for (const auto& line : entry.late_lines) items.emplace(line.item, dish_name(line, language));
    if (matches(entry, filter)) kept_entries.push_back(&entry);
  }

  view.rows.reserve(kept_entries.size());
  for (const core::BreachEntry* entry : kept_entries) {
    BreachRow row;
    row.breach_id = entry->breach_id;
    row.order_id = entry->order_id;
    row.seq = entry->seq;
    row.ticket = kitchen::ticket_label(entry->seq);
    row.table = kitchen::table_label(entry->table, language);
    row.table_id = entry->table;
    row.at_ms = entry->at_ms;
    row.when = local_time_text(entry->at_ms, utc_offset_minutes);
    row.policy = policy_label(entry->policy, language);
    row.compensation = entry->discount;
    row.compensation_text = core::format_money(entry->discount);
    for (const auto& line : entry->late_lines) {
      LateLineRow lr;
      lr.item = line.item;
      lr.dish = fmt::format("{}× {}", line.qty, dish_name(line, language));
      lr.late_by = kitchen::late_by_text(entry->deadline_ms, line.served_at_ms, language);
      if (line.served_at_ms) lr.late_ms = *line.served_at_ms - entry->deadline_ms;
      const std::int64_t this_late = lr.late_ms ? *lr.late_ms : kNeverServed;
      if (row.lines.empty() || this_late > row.worst_late_ms) {
        row.worst_late_ms = this_late;
        row.worst_late = lr.late_by;
      }
      row.lines.push_back(std::move(lr));

      auto [it, inserted] = dish_index.try_emplace(line.item, view.dishes.size());
      if (inserted) view.dishes.push_back(DishLateCount{line.item, dish_name(line, language), 0, 0});
      view.dishes[it->second].late_lines += 1;
      view.dishes[it->second].late_qty += line.qty;
      view.totals.late_lines += 1;
    }
    view.totals.compensation += entry->discount;
    const std::int64_t local = local_ms(entry->at_ms, utc_offset_minutes);
    const std::int64_t day_ms = ((local % 86'400'000) + 86'400'000) % 86'400'000;
    view.per_hour[static_cast<std::size_t>(day_ms / 3'600'000)] += 1;
    view.rows.push_back(std::move(row));
  }
  view.totals.breaches = static_cast<int>(view.rows.size());
  view.totals.compensation_text = core::format_money(view.totals.compensation);
  view.max_per_hour = *std::max_element(view.per_hour.begin(), view.per_hour.end());

  // Sort: the chosen key, then time, then id, so the order is total.
  auto key_less = [&](const BreachRow& a, const BreachRow& b) -> int {
    switch (sort.key) {
      case BreachSortKey::time: break;
      case BreachSortKey::ticket:
        if (a.seq != b.seq) return a.seq < b.seq ? -1 : 1;
        break;
      case BreachSortKey::table:
        if (a.table_id != b.table_id) {
          // Numeric tables in number order; "counter" after them.
          const auto numeric = [](const std::string& t) {
            return !t.empty() && std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
          };
          const bool an = numeric(a.table_id);
          const bool bn = numeric(b.table_id);
          if (an && bn && a.table_id.size() != b.table_id.size()) return a.table_id.size() < b.table_id.size() ? -1 : 1;
          if (an != bn) return an ? -1 : 1;
          return a.table_id < b.table_id ? -1 : 1;
        }
        break;
      case BreachSortKey::late_lines:
        if (a.lines.size() != b.lines.size()) return a.lines.size() < b.lines.size() ? -1 : 1;
        break;
      case BreachSortKey::worst_late:
        if (a.worst_late_ms != b.worst_late_ms) return a.worst_late_ms < b.worst_late_ms ? -1 : 1;
        break;
      case BreachSortKey::compensation:
        if (a.compensation != b.compensation) return a.compensation < b.compensation ? -1 : 1;
        break;
    }
    if (a.at_ms != b.at_ms) return a.at_ms < b.at_ms ? -1 : 1;
    if (a.breach_id != b.breach_id) return a.breach_id < b.breach_id ? -1 : 1;
    return 0;
  };
  std::vector<std::size_t> order(view.rows.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const int c = key_less(view.rows[a], view.rows[b]);
    return sort.descending ? c > 0 : c < 0;
  });
  std::vector<BreachRow> sorted_rows;
  sorted_rows.reserve(order.size());
  view.entries.reserve(order.size());
  for (std::size_t i : order) {
    sorted_rows.push_back(std::move(view.rows[i]));
    view.entries.push_back(*kept_entries[i]);
  }
  view.rows = std::move(sorted_rows);

  std::stable_sort(view.dishes.begin(), view.dishes.end(), [](const DishLateCount& a, const DishLateCount& b) {
    if (a.late_lines != b.late_lines) return a.late_lines > b.late_lines;
    return a.late_qty > b.late_qty;
  });

  // On-time rate: of the orders in the period whose promise was decided,
  // how many were kept. Open orders (deadline still ahead) are not counted.
  if (history) {
    int orders = 0, kept = 0, breached = 0;
    for (const core::Order& o : *history) {
      if (!order_matches(o, filter)) continue;
      ++orders;
      const bool late = std::any_of(o.lines.begin(), o.lines.end(), [](const core::OrderLine& l) { return l.late; });
      if (o.status == core::OrderStatus::breached || late) {
        ++breached;
      } else if (o.status == core::OrderStatus::kept || o.status == core::OrderStatus::closed) {
        ++kept;
      }
    }
    view.totals.orders = orders;
    view.totals.kept = kept;
    view.totals.breached_orders = breached;
    const int decided = kept + breached;
    view.totals.on_time_rate =
        decided > 0 ? fmt::format("{:.1f}%", 100.0 * static_cast<double>(kept) / static_cast<double>(decided)) : "—";
  } else {
    view.totals.on_time_rate = "—";
  }

  view.tables.assign(tables.begin(), tables.end());
  for (auto& [id, name] : items) view.items.emplace_back(id, name);
  std::sort(view.items.begin(), view.items.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  view.policies.assign(policies.begin(), policies.end());
  return view;
}

std::string breach_log_csv(const BreachLogView& view) { return core::breach_csv(view.entries); }

std::optional<std::string> write_csv_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return fmt::format("cannot open {} for writing", path);
  out << "\xEF\xBB\xBF" << text;
  out.flush();
  if (!out) return fmt::format("cannot write {}", path);
  return std::nullopt;
}

}  // namespace hourglass::manager
