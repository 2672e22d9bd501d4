#pragma once
// The console's Chain tab as data (issue 13): the chain's stores side by
// side over the period, worst first (the lowest on-time share, then the
// most compensation), each with its day-by-day on-time strip, under the
// chain's own totals. Built from the central database's rows per store
// and local day (chain::StoreDay); pure, so tests need no PostgreSQL.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kitchen/chain/store_day.hpp"
#include "shared/core/order.hpp"

namespace hourglass::manager {

// How a figure reads at a glance: the console's on-time colours (90 % and
// up good, 80 % and up watch, below that bad), and NPS's (30 and up good,
// 0 and up watch).
enum class ChainLevel { none, good, watch, bad };
ChainLevel on_time_level(const std::optional<double>& percent);
ChainLevel nps_level(const std::optional<int>& nps);

struct ChainDayCell {
  std::string day;                // YYYY-MM-DD
  std::optional<double> on_time;  // percent; nothing without a decided order
  ChainLevel level = ChainLevel::none;
  std::int64_t orders = 0;
  std::int64_t breaches = 0;
};

struct ChainStoreRow {
  std::string store;
  std::optional<double> on_time;  // percent over the period
  std::string on_time_text;       // "96.2%", "—"
  ChainLevel on_time_level = ChainLevel::none;
  std::string orders;
  std::string breaches;
  std::string compensation;  // "¥1,234.00"
  std::string comps;
  std::string nps;  // "+35", "−12", "—"
  ChainLevel nps_level = ChainLevel::none;
  std::string complaints;  // "12", or "12 (2 open)"
  bool complaints_open = false;
  std::string response;            // the slowest day's median time to answer, "4:05", "—"
  std::vector<ChainDayCell> days;  // the view's days, oldest first
};

struct ChainView {
  std::vector<std::string> days;      // the period's days, oldest first
  ChainStoreRow chain;                // every store together
  std::vector<ChainStoreRow> stores;  // worst first
  std::int64_t complaints_open = 0;   // across the chain
};

// The strip shows at most this many days: the last ones of a longer period.
inline constexpr std::size_t kChainStripDays = 62;

// `range` gives the strip's days (from..to); without both, the days in
// `rows`. Rows outside the range are left out.
ChainView build_chain_view(const std::vector<chain::StoreDay>& rows, const chain::ReportRange& range,
                           core::Language language);

}  // namespace hourglass::manager
