#include "kitchen/chain/chain_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

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

}  // namespace

bool has_chain_schema(pqxx::connection& connection) {
  pqxx::read_transaction check(connection);
  return check.exec1("SELECT to_regclass('hourglass.schema_version') IS NOT NULL")[0].as<bool>();
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
  for (const auto& row :
       run(fmt::format("SELECT b.store, {} AS day, count(*) AS breaches, sum(b.discount) AS compensation"
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

}  // namespace hourglass::chain
