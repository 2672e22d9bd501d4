#pragma once
// The chain report (hourglass-chain, and the manager console's chain view):
// per store and local day, over the central database. Days are the store's
// own (its time zone, as it reported it), so a store's day here is the day
// its own breach log and reports show.

#include <pqxx/pqxx>

#include "kitchen/chain/store_day.hpp"

namespace hourglass::chain {

// Whether a store has made the central schema yet (a report on a database
// no store has connected to has nothing to read).
bool has_chain_schema(pqxx::connection& connection);

// Rows by day (newest first), and within a day the worst store first (lowest
// on-time share, then most compensation).
std::vector<StoreDay> chain_report(pqxx::connection& connection, const ReportRange& range);

}  // namespace hourglass::chain
