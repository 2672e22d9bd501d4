#include "kitchen/manager/breach_log_view.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <string_view>
#include <unordered_map>

#include "shared/core/breach_csv.hpp"
#include "shared/core/spreadsheet_csv.hpp"
#include "shared/core/promise.hpp"
#include "shared/words/kitchen_text.hpp"

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

}  // namespace

std::string local_time_text(std::int64_t epoch_ms, int utc_offset_minutes) {
  using namespace std::chrono;
  const sys_time<milliseconds> time{milliseconds{local_ms(epoch_ms, utc_offset_minutes)}};
  const auto day = floor<days>(time);
  const year_month_day date{day};
  const hh_mm_ss<milliseconds> clock{time - day};
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()), clock.hours().count(),
                     clock.minutes().count());
}

std::optional<std::int64_t> local_day_start_ms(const std::string& text, int utc_offset_minutes) {
  const auto utc = core::parse_utc_date_ms(text);
  if (!utc) return std::nullopt;
  return *utc - static_cast<std::int64_t>(utc_offset_minutes) * 60'000;
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

BreachRow breach_row(const core::BreachEntry& entry, core::Language language, int utc_offset_minutes) {
  BreachRow row;
  row.breach_id = entry.breach_id;
  row.order_id = entry.order_id;
  row.seq = entry.seq;
  row.ticket = words::ticket_label(entry.seq);
  row.table = words::table_label(entry.table, language);
  row.table_id = entry.table;
  row.at_ms = entry.at_ms;
  row.when = local_time_text(entry.at_ms, utc_offset_minutes);
  row.policy = words::policy_label(entry.policy, language);
  row.compensation = entry.discount;
  row.compensation_text = core::format_money(entry.discount);
  row.lines.reserve(entry.late_lines.size());
  for (const auto& line : entry.late_lines) {
    LateLineRow lr;
    lr.item = line.item;
    lr.dish = fmt::format("{}× {}", line.qty, dish_name(line, language));
    lr.late_by = words::late_by_text(entry.deadline_ms, line.served_at_ms, language);
    if (line.served_at_ms) lr.late_ms = *line.served_at_ms - entry.deadline_ms;
    const std::int64_t this_late = lr.late_ms ? *lr.late_ms : kNeverServed;
    if (row.lines.empty() || this_late > row.worst_late_ms) {
      row.worst_late_ms = this_late;
      row.worst_late = lr.late_by;
    }
    if (!row.lines_text.empty()) row.lines_text += "  ·  ";
    row.lines_text += lr.dish;
    row.lines_text += ' ';
    row.lines_text += lr.late_by;
    row.lines.push_back(std::move(lr));
  }
  return row;
}

void BreachRowCache::sync(std::uint64_t entries_version, core::Language language, int utc_offset_minutes) {
  if (entries_version == version_ && language == language_ && utc_offset_minutes == utc_offset_minutes_) return;
  rows_.clear();
  version_ = entries_version;
  language_ = language;
  utc_offset_minutes_ = utc_offset_minutes;
}

const BreachRow& BreachRowCache::row(const std::vector<core::BreachEntry>& entries, std::uint32_t entry_index) {
  if (auto it = rows_.find(entry_index); it != rows_.end()) return it->second;
  if (entry_index >= entries.size()) {
    static const BreachRow empty;
    return empty;
  }
  if (rows_.size() >= kMaxRows) rows_.clear();
  return rows_.emplace(entry_index, breach_row(entries[entry_index], language_, utc_offset_minutes_)).first->second;
}

namespace {

// Slots for the distinct strings of one kind, in first-seen order.
class Dictionary {
 public:
  explicit Dictionary(std::vector<std::string>& ids) : ids_(ids) {}
  std::uint32_t slot(std::string_view id) {
    if (last_ < ids_.size() && ids_[last_] == id) return last_;  // runs of the same value are common
    auto [it, inserted] = slots_.try_emplace(std::string(id), static_cast<std::uint32_t>(ids_.size()));
    if (inserted) ids_.emplace_back(id);
    last_ = it->second;
    return it->second;
  }
  std::uint32_t size() const { return static_cast<std::uint32_t>(ids_.size()); }

 private:
  std::vector<std::string>& ids_;
  std::unordered_map<std::string, std::uint32_t> slots_;
  std::uint32_t last_ = UINT32_MAX;
};

std::optional<std::uint32_t> find_slot(const std::vector<std::string>& ids, const std::string& value) {
  if (value.empty()) return std::nullopt;
  const auto it = std::find(ids.begin(), ids.end(), value);
  return it == ids.end() ? BreachLogIndex::kNone : static_cast<std::uint32_t>(it - ids.begin());
}

}  // namespace

std::optional<std::uint32_t> BreachLogIndex::table_slot(const std::string& table) const {
  return find_slot(table_ids, table);
}
std::optional<std::uint32_t> BreachLogIndex::policy_slot(const std::string& policy) const {
  return find_slot(policy_ids, policy);
}
std::optional<std::uint32_t> BreachLogIndex::item_slot(const std::string& item) const {
  return find_slot(item_ids, item);
}

BreachLogIndex index_breach_log(const std::vector<core::BreachEntry>& entries,
                                const std::optional<std::vector<core::Order>>& history, core::Language language,
                                int utc_offset_minutes) {
  BreachLogIndex index;
  Dictionary tables(index.table_ids);
  Dictionary policies(index.policy_ids);
  Dictionary items(index.item_ids);
  std::vector<bool> table_in_entries, policy_in_entries, item_in_entries;
  const auto mark = [](std::vector<bool>& seen, std::uint32_t slot) {
    if (seen.size() <= slot) seen.resize(slot + 1, false);
    seen[slot] = true;
  };

  index.entries.reserve(entries.size());
  for (const core::BreachEntry& entry : entries) {
    BreachLogIndex::Entry e;
    e.at_ms = entry.at_ms;
    e.breach_id = entry.breach_id;
    e.seq = entry.seq;
    e.discount = entry.discount;
    e.table = tables.slot(entry.table);
    e.policy = policies.slot(entry.policy);
    mark(table_in_entries, e.table);
    mark(policy_in_entries, e.policy);
    e.lines_begin = static_cast<std::uint32_t>(index.lines.size());
    for (std::size_t l = 0; l < entry.late_lines.size(); ++l) {
      const core::BreachLateLine& line = entry.late_lines[l];
      const std::int64_t late = line.served_at_ms ? *line.served_at_ms - entry.deadline_ms : kNeverServed;
      if (l == 0 || late > e.worst_late_ms) e.worst_late_ms = late;
      const std::uint32_t item = items.slot(line.item);
      if (item == index.item_names.size()) index.item_names.push_back(dish_name(line, language));
      mark(item_in_entries, item);
      index.lines.push_back(BreachLogIndex::Line{item, line.qty});
    }
    e.lines_end = static_cast<std::uint32_t>(index.lines.size());
    const std::int64_t local = local_ms(entry.at_ms, utc_offset_minutes);
    const std::int64_t day_ms = ((local % 86'400'000) + 86'400'000) % 86'400'000;
    e.local_hour = static_cast<std::uint8_t>(day_ms / 3'600'000);
    index.entries.push_back(e);
  }

  if (history) {
    index.has_history = true;
    index.history.reserve(history->size());
    for (const core::Order& order : *history) {
      BreachLogIndex::HistoryOrder h;
      h.accepted_at_ms = order.accepted_at_ms;
      h.table = tables.slot(order.table);
      h.policy = policies.slot(core::policy_name(order.promise.policy));
      h.items_begin = static_cast<std::uint32_t>(index.history_items.size());
      bool late = false;
      for (const core::OrderLine& line : order.lines) {
        const std::uint32_t item = items.slot(line.item);
        if (item == index.item_names.size()) index.item_names.push_back(line.item);  // not in the log: no name
        index.history_items.push_back(item);
        late = late || line.late;
      }
      h.items_end = static_cast<std::uint32_t>(index.history_items.size());
      if (order.status == core::OrderStatus::breached || late) {
        h.outcome = BreachLogIndex::Outcome::breached;
      } else if (order.status == core::OrderStatus::kept || order.status == core::OrderStatus::closed) {
        h.outcome = BreachLogIndex::Outcome::kept;
      }
      index.history.push_back(h);
    }
  }

  // Table order for sorting: numeric tables in number order; "counter" and
  // other names after them.
  const auto numeric = [](const std::string& t) {
    return !t.empty() && std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  std::vector<std::uint32_t> by_rank(index.table_ids.size());
  for (std::uint32_t slot = 0; slot < by_rank.size(); ++slot) by_rank[slot] = slot;
  std::sort(by_rank.begin(), by_rank.end(), [&](std::uint32_t x, std::uint32_t y) {
    const std::string& a = index.table_ids[x];
    const std::string& b = index.table_ids[y];
    const bool an = numeric(a);
    const bool bn = numeric(b);
    if (an != bn) return an;
    if (an && a.size() != b.size()) return a.size() < b.size();
    return a < b;
  });
  index.table_rank.resize(index.table_ids.size());
  for (std::size_t r = 0; r < by_rank.size(); ++r) index.table_rank[by_rank[r]] = static_cast<std::int64_t>(r);

  // The filter choices: what the entries hold, tables and policies by id,
  // dishes by name (the same name keeps id order).
  for (std::uint32_t slot = 0; slot < table_in_entries.size(); ++slot) {
    if (table_in_entries[slot]) index.tables.push_back(index.table_ids[slot]);
  }
  std::sort(index.tables.begin(), index.tables.end());
  for (std::uint32_t slot = 0; slot < policy_in_entries.size(); ++slot) {
    if (policy_in_entries[slot]) index.policies.push_back(index.policy_ids[slot]);
  }
  std::sort(index.policies.begin(), index.policies.end());
  for (std::uint32_t slot = 0; slot < item_in_entries.size(); ++slot) {
    if (item_in_entries[slot]) index.items.emplace_back(index.item_ids[slot], index.item_names[slot]);
  }
  std::sort(index.items.begin(), index.items.end());
  std::stable_sort(index.items.begin(), index.items.end(),
                   [](const auto& a, const auto& b) { return a.second < b.second; });
  return index;
}

BreachLogView build_breach_log_view(const BreachLogIndex& index, const BreachFilter& filter, const BreachSort& sort) {
  BreachLogView view;
  const std::optional<std::uint32_t> table = index.table_slot(filter.table);
  const std::optional<std::uint32_t> policy = index.policy_slot(filter.policy);
  const std::optional<std::uint32_t> item = index.item_slot(filter.item);
  const std::int64_t since = filter.since_ms.value_or(INT64_MIN);
  const std::int64_t until = filter.until_ms.value_or(INT64_MAX);

  // One pass over the entries that pass the filter: totals, per-dish and
  // per-hour counts, and each row's integer sort key.
  struct Kept {
    std::int64_t key;  // the sort column's value (0 for time)
    std::int64_t at_ms;
    std::int64_t breach_id;
    std::uint32_t entry;
  };
  std::vector<Kept> kept;
  kept.reserve(index.entries.size());
  std::vector<int> dish_lines(index.item_ids.size(), 0);
  std::vector<int> dish_qty(index.item_ids.size(), 0);
  std::vector<std::uint32_t> dish_order;  // slots in first-seen order

  for (std::uint32_t i = 0; i < index.entries.size(); ++i) {
    const BreachLogIndex::Entry& e = index.entries[i];
    if (e.at_ms < since || e.at_ms >= until) continue;
    if (table && e.table != *table) continue;
    if (policy && e.policy != *policy) continue;
    if (item) {
      bool has = false;
      for (std::uint32_t l = e.lines_begin; l < e.lines_end && !has; ++l) has = index.lines[l].item == *item;
      if (!has) continue;
    }
    for (std::uint32_t l = e.lines_begin; l < e.lines_end; ++l) {
      const BreachLogIndex::Line& line = index.lines[l];
      if (dish_lines[line.item] == 0) dish_order.push_back(line.item);
      dish_lines[line.item] += 1;
      dish_qty[line.item] += line.qty;
    }
    view.totals.late_lines += static_cast<int>(e.lines_end - e.lines_begin);
    view.totals.compensation += e.discount;
    view.per_hour[e.local_hour] += 1;

    std::int64_t key = 0;
    switch (sort.key) {
      case BreachSortKey::time:
        break;
      case BreachSortKey::ticket:
        key = e.seq;
        break;
      case BreachSortKey::table:
        key = index.table_rank[e.table];
        break;
      case BreachSortKey::late_lines:
        key = static_cast<std::int64_t>(e.lines_end - e.lines_begin);
        break;
      case BreachSortKey::worst_late:
        key = e.worst_late_ms;
        break;
      case BreachSortKey::compensation:
        key = e.discount;
        break;
    }
    kept.push_back(Kept{key, e.at_ms, e.breach_id, i});
  }
  view.totals.breaches = static_cast<int>(kept.size());
  view.totals.compensation_text = core::format_money(view.totals.compensation);
  view.max_per_hour = *std::max_element(view.per_hour.begin(), view.per_hour.end());

  // Sort: the chosen key, then time, then id, so the order is total; stable,
  // so equal rows keep the log's order either way.
  const auto less = [](const Kept& a, const Kept& b) {
    if (a.key != b.key) return a.key < b.key;
    if (a.at_ms != b.at_ms) return a.at_ms < b.at_ms;
    return a.breach_id < b.breach_id;
  };
  const bool strictly_ascending = std::adjacent_find(kept.begin(), kept.end(), [&](const Kept& a, const Kept& b) {
                                    return !less(a, b);
                                  }) == kept.end();
  if (strictly_ascending) {
    // The common case: by time, and the log comes oldest first.
    if (sort.descending) std::reverse(kept.begin(), kept.end());
  } else if (sort.descending) {
    std::stable_sort(kept.begin(), kept.end(), [&](const Kept& a, const Kept& b) { return less(b, a); });
  } else {
    std::stable_sort(kept.begin(), kept.end(), less);
  }
  view.order.reserve(kept.size());
  for (const Kept& k : kept) view.order.push_back(k.entry);

  view.dishes.reserve(dish_order.size());
  for (std::uint32_t slot : dish_order) {
    view.dishes.push_back(
        DishLateCount{index.item_ids[slot], index.item_names[slot], dish_lines[slot], dish_qty[slot]});
  }
  std::stable_sort(view.dishes.begin(), view.dishes.end(), [](const DishLateCount& a, const DishLateCount& b) {
    if (a.late_lines != b.late_lines) return a.late_lines > b.late_lines;
    return a.late_qty > b.late_qty;
  });

  // On-time rate: of the orders in the period whose promise was decided,
  // how many were kept. Open orders (deadline still ahead) are not counted.
  if (index.has_history) {
    int orders = 0, kept_orders = 0, breached = 0;
    for (const BreachLogIndex::HistoryOrder& o : index.history) {
      if (o.accepted_at_ms < since || o.accepted_at_ms >= until) continue;
      if (table && o.table != *table) continue;
      if (policy && o.policy != *policy) continue;
      if (item) {
        bool has = false;
        for (std::uint32_t l = o.items_begin; l < o.items_end && !has; ++l) has = index.history_items[l] == *item;
        if (!has) continue;
      }
      ++orders;
      if (o.outcome == BreachLogIndex::Outcome::breached) {
        ++breached;
      } else if (o.outcome == BreachLogIndex::Outcome::kept) {
        ++kept_orders;
      }
    }
    view.totals.orders = orders;
    view.totals.kept = kept_orders;
    view.totals.breached_orders = breached;
    const int decided = kept_orders + breached;
    view.totals.on_time_rate =
        decided > 0 ? fmt::format("{:.1f}%", 100.0 * static_cast<double>(kept_orders) / static_cast<double>(decided))
                    : "—";
  } else {
    view.totals.on_time_rate = "—";
  }

  view.tables = index.tables;
  view.items = index.items;
  view.policies = index.policies;
  return view;
}

BreachLogView build_breach_log_view(const std::vector<core::BreachEntry>& entries,
                                    const std::optional<std::vector<core::Order>>& history, const BreachFilter& filter,
                                    const BreachSort& sort, core::Language language, int utc_offset_minutes) {
  return build_breach_log_view(index_breach_log(entries, history, language, utc_offset_minutes), filter, sort);
}

std::string breach_log_csv(const BreachLogView& view, const std::vector<core::BreachEntry>& entries,
                           const core::UtcOffsetAt& offset_at) {
  std::vector<core::BreachEntry> shown;
  shown.reserve(view.order.size());
  for (std::uint32_t i : view.order) {
    if (i < entries.size()) shown.push_back(entries[i]);
  }
  return core::breach_spreadsheet_csv(shown, offset_at);
}

std::optional<std::string> write_csv_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return fmt::format("cannot open {} for writing", path);
  out << core::spreadsheet_file(text);
  out.flush();
  if (!out) return fmt::format("cannot write {}", path);
  return std::nullopt;
}

}  // namespace hourglass::manager
