// hourglass-chain: the chain's report over the central PostgreSQL that the
// stores replicate to (docs/chain.md). Per store and day: orders, on-time
// share, breaches, compensation, comps, NPS, complaints and their response
// time. Read only: it never creates or changes the schema.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <pqxx/pqxx>

#include "kitchen/chain/chain_report.hpp"
#include "kitchen/chain/chain_schema.hpp"

namespace chain = hourglass::chain;

int main(int argc, char** argv) {
  CLI::App app{"hourglass-chain: the chain's stores side by side, per day, from the central PostgreSQL"};
  std::string postgres;
  chain::ReportRange range;
  bool csv = false;
  bool totals = false;
  app.add_option("--postgres", postgres, "libpq connection string of the central database, e.g. \"host=… dbname=…\"")
      ->required();
  const auto date = [](const std::string& text) {
    return chain::is_iso_date(text) ? std::string() : "must be a date written YYYY-MM-DD";
  };
  app.add_option("--from", range.from, "first day, YYYY-MM-DD (the store's own calendar)")->check(date);
  app.add_option("--to", range.to, "last day, YYYY-MM-DD, inclusive")->check(date);
  app.add_option("--store", range.store, "one store only");
  app.add_flag("--csv", csv, "CSV for a spreadsheet instead of a table");
  app.add_flag("--totals", totals, "one row a store over the whole range, worst first");
  CLI11_PARSE(app, argc, argv);
  if (range.from && range.to && *range.from > *range.to) {
    std::cerr << "hourglass-chain: --from is after --to\n";
    return 2;
  }
  try {
    pqxx::connection connection(postgres);
    if (!chain::has_chain_schema(connection)) {
      std::cerr << "hourglass-chain: the central database has no Hourglass tables yet: no store has replicated "
                   "to it (a store creates them when it first connects)\n";
      return 3;
    }
    auto rows = chain::chain_report(connection, range);
    if (totals) rows = chain::store_totals(rows);
    std::cout << (csv ? chain::report_csv(rows) : chain::report_table(rows));
  } catch (const std::exception& error) {
    std::cerr << "hourglass-chain: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
