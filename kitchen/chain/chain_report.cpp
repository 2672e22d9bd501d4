#include "kitchen/chain/chain_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <regex>
#include <tuple>

namespace hourglass::chain {

namespace {

// A store's local day for a column of milliseconds, joined to its store row.
std::string local_day(const char* column) {
  return fmt::format("to_char(to_timestamp({} / 1000.0) AT TIME ZONE s.timezone, 'YYYY-MM-DD')", column);
}

// Each query gives (store, day, figures...) for the range; $1 from, $2 to, $3 store.
std::string ranged(const std::string& select) {
  return fmt::format(
      "SELECT * FROM ({}) AS q WHERE ($1::text IS NULL OR q.day >= $1) AND ($2::text IS NULL OR q.day <= $2)"
      " AND ($3::text IS NULL OR q.store = $3)",
      select);
}

const char* or_null(const std::optional<std::string>& text) { return text ? text->c_str() : nullptr; }

bool worse(const StoreDay& a, const StoreDay& b) {
  const double a_on_time = a.on_time_percent().value_or(101.0);  // nothing decided sorts last
  const double b_on_time = b.on_time_percent().value_or(101.0);
  return std::tie(a_on_time, b.compensation_fen, a.store) < std::tie(b_on_time, a.compensation_fen, b.store);
}

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

}  // namespace

std::optional<double> StoreDay::on_time_percent() const {
  if (decided == 0) return std::nullopt;
  return static_cast<double>(decided - broken) * 100.0 / static_cast<double>(decided);
}

std::optional<int> StoreDay::nps() const {
  if (surveys == 0) return std::nullopt;
  return static_cast<int>(std::lround(100.0 * static_cast<double>(promoters - detractors) / static_cast<double>(surveys)));
}

bool is_iso_date(const std::string& text) {
  static const std::regex pattern(R"(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))");
  return std::regex_match(text, pattern);
}

std::vector<StoreDay> chain_report(pqxx::connection& connection, const ReportRange& range) {
  std::map<std::pair<std::string, std::string>, StoreDay> by_store_day;
  const auto row_for = [&](const pqxx::row& row) -> StoreDay& {
    const std::string store = row["store"].as<std::string>();
    const std::string day = row["day"].as<std::string>();
    StoreDay& entry = by_store_day[{store, day}];
    entry.store = store;
    entry.day = day;
    return entry;
  };
  pqxx::read_transaction work(connection);
  const auto run = [&](const std::string& select) {
    return work.exec_params(ranged(select), or_null(range.from), or_null(range.to), or_null(range.store));
  };
  for (const auto& row : run(fmt::format(
           "SELECT o.store, {} AS day, count(*) AS orders, count(*) FILTER (WHERE o.status != 'open') AS decided,"
           " count(b.breach_id) FILTER (WHERE o.status != 'open') AS broken"
           " FROM hourglass.orders o JOIN hourglass.stores s ON s.store = o.store"
           " LEFT JOIN hourglass.breaches b ON b.store = o.store AND b.seq = o.seq GROUP BY 1, 2",
           local_day("o.accepted_at_ms")))) {
    StoreDay& entry = row_for(row);
    entry.orders = row["orders"].as<std::int64_t>();
    entry.decided = row["decided"].as<std::int64_t>();
    entry.broken = row["broken"].as<std::int64_t>();
  }
  for (const auto& row : run(fmt::format(
           "SELECT b.store, {} AS day, count(*) AS breaches, sum(b.discount) AS compensation"
           " FROM hourglass.breaches b JOIN hourglass.stores s ON s.store = b.store GROUP BY 1, 2",
           local_day("b.at_ms")))) {
    StoreDay& entry = row_for(row);
    entry.breaches = row["breaches"].as<std::int64_t>();
    entry.compensation_fen = row["compensation"].as<std::int64_t>();
  }
  for (const auto& row : run(fmt::format("SELECT c.store, {} AS day, count(*) AS comps FROM hourglass.comps c"
                                         " JOIN hourglass.stores s ON s.store = c.store GROUP BY 1, 2",
                                         local_day("c.at_ms")))) {
    row_for(row).comps = row["comps"].as<std::int64_t>();
  }
  for (const auto& row : run(fmt::format(
           "SELECT v.store, {} AS day, count(*) AS surveys, count(*) FILTER (WHERE v.score >= 9) AS promoters,"
           " count(*) FILTER (WHERE v.score <= 6) AS detractors FROM hourglass.surveys v"
           " JOIN hourglass.stores s ON s.store = v.store GROUP BY 1, 2",
           local_day("v.at_ms")))) {
    StoreDay& entry = row_for(row);
    entry.surveys = row["surveys"].as<std::int64_t>();
    entry.promoters = row["promoters"].as<std::int64_t>();
    entry.detractors = row["detractors"].as<std::int64_t>();
  }
  for (const auto& row : run(fmt::format(
           "SELECT c.store, {} AS day, count(*) AS complaints, count(*) FILTER (WHERE c.status = 'open') AS open,"
           " percentile_cont(0.5) WITHIN GROUP (ORDER BY (c.resolved_at_ms - c.at_ms) / 1000.0)"
           " FILTER (WHERE c.resolved_at_ms IS NOT NULL) AS median_response_s"
           " FROM hourglass.complaints c JOIN hourglass.stores s ON s.store = c.store GROUP BY 1, 2",
           local_day("c.at_ms")))) {
    StoreDay& entry = row_for(row);
    entry.complaints = row["complaints"].as<std::int64_t>();
    entry.complaints_open = row["open"].as<std::int64_t>();
    if (!row["median_response_s"].is_null()) entry.median_response_s = row["median_response_s"].as<double>();
  }
  std::vector<StoreDay> rows;
  for (auto& [key, entry] : by_store_day) rows.push_back(std::move(entry));
  std::sort(rows.begin(), rows.end(), [](const StoreDay& a, const StoreDay& b) {
    if (a.day != b.day) return a.day > b.day;
    return worse(a, b);
  });
  return rows;
}

std::vector<StoreDay> store_totals(const std::vector<StoreDay>& days) {
  std::map<std::string, StoreDay> by_store;
  std::map<std::string, std::vector<std::pair<double, std::int64_t>>> medians;  // (median, resolved) per day
  for (const StoreDay& day : days) {
    StoreDay& total = by_store[day.store];
    total.store = day.store;
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
      // The totals' response time is the slowest day's median: a summary of
      // medians is not a median, and the worst day is what a manager chases.
      total.median_response_s = std::max(total.median_response_s.value_or(0.0), *day.median_response_s);
    }
  }
  std::vector<StoreDay> rows;
  for (auto& [store, total] : by_store) rows.push_back(std::move(total));
  std::sort(rows.begin(), rows.end(), worse);
  return rows;
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
  std::string out = fmt::format("{:<16} {:<10} {:>6} {:>8} {:>8} {:>12} {:>5} {:>5} {:>10} {:>9}\n", "store", "day",
                                "orders", "on time", "breaches", "compensation", "comps", "NPS", "complaints",
                                "response");
  for (const StoreDay& r : rows) {
    const auto on_time = r.on_time_percent();
    out += fmt::format(
        "{:<16} {:<10} {:>6} {:>8} {:>8} {:>12} {:>5} {:>5} {:>10} {:>9}\n", r.store, r.day.empty() ? "all" : r.day,
        r.orders, on_time ? fmt::format("{:.1f}%", *on_time) : "-", r.breaches,
        fmt::format("¥{}.{:02}", r.compensation_fen / 100, r.compensation_fen % 100), r.comps,
        r.nps() ? std::to_string(*r.nps()) : "-",
        r.complaints_open > 0 ? fmt::format("{} ({} open)", r.complaints, r.complaints_open)
                              : std::to_string(r.complaints),
        r.median_response_s ? fmt::format("{:.0f} s", *r.median_response_s) : "-");
  }
  return out;
}

}  // namespace hourglass::chain
