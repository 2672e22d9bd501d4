#include "kitchen/manager/chain_view.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "shared/core/money.hpp"
#include "shared/words/words.hpp"

namespace hourglass::manager {

namespace {

std::optional<std::chrono::sys_days> parse_day(const std::string& text) {
  if (!chain::is_iso_date(text)) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year{std::stoi(text.substr(0, 4))},
                                         std::chrono::month{static_cast<unsigned>(std::stoi(text.substr(5, 2)))},
                                         std::chrono::day{static_cast<unsigned>(std::stoi(text.substr(8, 2)))}};
  if (!date.ok()) return std::nullopt;  // 2026-02-30
  return std::chrono::sys_days{date};
}

std::string day_text(std::chrono::sys_days day) {
  const std::chrono::year_month_day date{day};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                     static_cast<unsigned>(date.day()));
}

// The strip's days: from..to when both are real dates, else the rows' own.
std::vector<std::string> strip_days(const std::vector<chain::StoreDay>& rows, const chain::ReportRange& range) {
  std::vector<std::string> days;
  const auto from = range.from ? parse_day(*range.from) : std::nullopt;
  const auto to = range.to ? parse_day(*range.to) : std::nullopt;
  if (from && to && *from <= *to) {
    const auto first = std::max(*from, *to - std::chrono::days{kChainStripDays - 1});
    for (auto day = first; day <= *to; day += std::chrono::days{1}) days.push_back(day_text(day));
    return days;
  }
  std::set<std::string> seen;
  for (const chain::StoreDay& row : rows) {
    if (chain::in_range(range, row.day)) seen.insert(row.day);
  }
  days.assign(seen.begin(), seen.end());
  if (days.size() > kChainStripDays) days.erase(days.begin(), days.end() - kChainStripDays);
  return days;
}

// "12,345": a chain's counts run into the hundred thousands.
std::string count_text(std::int64_t n) {
  const std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out = n < 0 ? "-" : "";
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string nps_text(const std::optional<int>& nps) {
  if (!nps) return "—";
  if (*nps < 0) return fmt::format("−{}", -*nps);  // a real minus, as the Reports tab
  return *nps == 0 ? "0" : fmt::format("+{}", *nps);
}

ChainStoreRow make_row(const chain::StoreDay& total, const std::vector<std::string>& days,
                       const std::map<std::string, const chain::StoreDay*>& by_day, const words::Words& l) {
  ChainStoreRow row;
  row.store = total.store;
  row.on_time = total.on_time_percent();
  row.on_time_text = row.on_time ? fmt::format("{:.1f}%", *row.on_time) : "—";
  row.on_time_level = on_time_level(row.on_time);
  row.orders = count_text(total.orders);
  row.breaches = count_text(total.breaches);
  row.compensation = core::format_money(total.compensation_fen);
  row.comps = count_text(total.comps);
  row.nps = nps_text(total.nps());
  row.nps_level = nps_level(total.nps());
  row.complaints_open = total.complaints_open > 0;
  row.complaints = row.complaints_open ? l.format(words::Word::chain_complaints_open, count_text(total.complaints),
                                                  count_text(total.complaints_open))
                                       : count_text(total.complaints);
  row.response = total.median_response_s
                     ? fmt::format("{}:{:02}", static_cast<std::int64_t>(*total.median_response_s) / 60,
                                   static_cast<std::int64_t>(*total.median_response_s) % 60)
                     : "—";
  for (const std::string& day : days) {
    ChainDayCell cell;
    cell.day = day;
    if (const auto it = by_day.find(day); it != by_day.end()) {
      cell.on_time = it->second->on_time_percent();
      cell.orders = it->second->orders;
      cell.breaches = it->second->breaches;
    }
    cell.level = on_time_level(cell.on_time);
    row.days.push_back(cell);
  }
  return row;
}

}  // namespace

ChainLevel on_time_level(const std::optional<double>& percent) {
  if (!percent) return ChainLevel::none;
  return *percent >= 90.0 ? ChainLevel::good : *percent >= 80.0 ? ChainLevel::watch : ChainLevel::bad;
}

ChainLevel nps_level(const std::optional<int>& nps) {
  if (!nps) return ChainLevel::none;
  return *nps >= 30 ? ChainLevel::good : *nps >= 0 ? ChainLevel::watch : ChainLevel::bad;
}

ChainView build_chain_view(const std::vector<chain::StoreDay>& rows, const chain::ReportRange& range,
                           core::Language language) {
  const words::Words l(language);
  ChainView view;
  view.days = strip_days(rows, range);
  std::vector<chain::StoreDay> in_period;
  for (const chain::StoreDay& row : rows) {
    if (chain::in_range(range, row.day) && (!range.store || row.store == *range.store)) in_period.push_back(row);
  }
  std::map<std::string, std::map<std::string, const chain::StoreDay*>> by_store_day;
  for (const chain::StoreDay& row : in_period) by_store_day[row.store][row.day] = &row;

  // The chain's own strip: every store's day added together.
  std::map<std::string, std::vector<chain::StoreDay>> chain_days;
  for (const chain::StoreDay& row : in_period) chain_days[row.day].push_back(row);
  std::vector<chain::StoreDay> chain_by_day;
  for (const auto& [day, stores] : chain_days) {
    chain_by_day.push_back(chain::sum_rows(stores, ""));
    chain_by_day.back().day = day;
  }
  std::map<std::string, const chain::StoreDay*> chain_index;
  for (const chain::StoreDay& day : chain_by_day) chain_index[day.day] = &day;
  const chain::StoreDay whole = chain::sum_rows(in_period, l(words::Word::chain_all_stores));
  view.chain = make_row(whole, view.days, chain_index, l);
  view.complaints_open = whole.complaints_open;

  for (const chain::StoreDay& total : chain::store_totals(in_period)) {
    view.stores.push_back(make_row(total, view.days, by_store_day[total.store], l));
  }
  return view;
}

}  // namespace hourglass::manager
