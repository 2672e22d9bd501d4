#include "kitchen/chain/store_day.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <regex>
#include <tuple>

namespace hourglass::chain {

namespace {

std::string percent(const std::optional<double>& value) {
  return value ? fmt::format("{:.1f}", *value) : std::string();
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void add_into(StoreDay& total, const StoreDay& day) {
  total.orders += day.orders;
  total.decided += day.decided;
  total.broken += day.broken;
  total.breaches += day.breaches;
  total.compensation_fen += day.compensation_fen;
  total.comps += day.comps;
  total.surveys += day.surveys;
  total.promoters += day.promoters;
  total.detractors += day.detractors;
  total.complaints += day.complaints;
  total.complaints_open += day.complaints_open;
  if (day.median_response_s) {
    // A sum's response time is the slowest day's median: a summary of
    // medians is not a median, and the worst day is what a manager chases.
    total.median_response_s = std::max(total.median_response_s.value_or(0.0), *day.median_response_s);
  }
}

}  // namespace

std::optional<double> StoreDay::on_time_percent() const {
  if (decided == 0) return std::nullopt;
  return static_cast<double>(decided - broken) * 100.0 / static_cast<double>(decided);
}

std::optional<int> StoreDay::nps() const {
  if (surveys == 0) return std::nullopt;
  return static_cast<int>(
      std::lround(100.0 * static_cast<double>(promoters - detractors) / static_cast<double>(surveys)));
}

bool in_range(const ReportRange& range, const std::string& day) {
  return (!range.from || day >= *range.from) && (!range.to || day <= *range.to);
}

bool worse(const StoreDay& a, const StoreDay& b) {
  const double a_on_time = a.on_time_percent().value_or(101.0);  // nothing decided sorts last
  const double b_on_time = b.on_time_percent().value_or(101.0);
  return std::tie(a_on_time, b.compensation_fen, a.store) < std::tie(b_on_time, a.compensation_fen, b.store);
}

bool is_iso_date(const std::string& text) {
  static const std::regex pattern(R"(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))");
  return std::regex_match(text, pattern);
}

std::vector<StoreDay> store_totals(const std::vector<StoreDay>& days) {
  std::map<std::string, StoreDay> by_store;
  for (const StoreDay& day : days) {
    StoreDay& total = by_store[day.store];
    total.store = day.store;
    add_into(total, day);
  }
  std::vector<StoreDay> rows;
  for (auto& [store, total] : by_store) rows.push_back(std::move(total));
  std::sort(rows.begin(), rows.end(), worse);
  return rows;
}

StoreDay sum_rows(const std::vector<StoreDay>& rows, const std::string& name) {
  StoreDay total;
  total.store = name;
  for (const StoreDay& row : rows) add_into(total, row);
  return total;
}

std::string report_csv(const std::vector<StoreDay>& rows) {
  std::string out =
      "store,day,orders,decided,on_time_percent,breaches,compensation_fen,comps,surveys,nps,complaints,"
      "complaints_open,median_response_s\r\n";
  for (const StoreDay& r : rows) {
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{}\r\n", csv_field(r.store), r.day, r.orders, r.decided,
                       percent(r.on_time_percent()), r.breaches, r.compensation_fen, r.comps, r.surveys,
                       r.nps() ? std::to_string(*r.nps()) : std::string(), r.complaints, r.complaints_open,
                       r.median_response_s ? fmt::format("{:.0f}", *r.median_response_s) : std::string());
  }
  return out;
}

std::string report_table(const std::vector<StoreDay>& rows) {
  std::string out =
      fmt::format("{:<16} {:<10} {:>6} {:>8} {:>8} {:>12} {:>5} {:>5} {:>10} {:>9}\n", "store", "day", "orders",
                  "on time", "breaches", "compensation", "comps", "NPS", "complaints", "response");
  for (const StoreDay& r : rows) {
    const auto on_time = r.on_time_percent();
    out += fmt::format("{:<16} {:<10} {:>6} {:>8} {:>8} {:>12} {:>5} {:>5} {:>10} {:>9}\n", r.store,
                       r.day.empty() ? "all" : r.day, r.orders, on_time ? fmt::format("{:.1f}%", *on_time) : "-",
                       r.breaches, fmt::format("¥{}.{:02}", r.compensation_fen / 100, r.compensation_fen % 100),
                       r.comps, r.nps() ? std::to_string(*r.nps()) : "-",
                       r.complaints_open > 0 ? fmt::format("{} ({} open)", r.complaints, r.complaints_open)
                                             : std::to_string(r.complaints),
                       r.median_response_s ? fmt::format("{:.0f} s", *r.median_response_s) : "-");
  }
  return out;
}

}  // namespace hourglass::chain
