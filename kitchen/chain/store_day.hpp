#pragma once
// A chain's figures per store and local day, as the central database yields
// them (chain_report.hpp) and as hourglass-chain and the manager console's
// chain view show them. Pure: no database here.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hourglass::chain {

struct StoreDay {
  std::string store;
  std::string day;                    // YYYY-MM-DD, the store's local day ("" in totals)
  std::int64_t orders = 0;            // accepted that day
  std::int64_t decided = 0;           // of those, no longer open (kept, breached or closed)
  std::int64_t breaches = 0;          // promises broken that day
  std::int64_t compensation_fen = 0;  // the breaches' discounts, as the store's breach log totals them
  std::int64_t comps = 0;             // dishes comped by hand
  std::int64_t surveys = 0;
  std::int64_t promoters = 0;   // scored 9-10
  std::int64_t detractors = 0;  // scored 0-6
  std::int64_t complaints = 0;
  std::int64_t complaints_open = 0;
  std::optional<double> median_response_s;  // made to resolved, over the complaints resolved

  // (decided - broken) / decided, as the store's own totals: nothing with
  // no decided order.
  std::int64_t broken = 0;  // decided orders whose promise was broken
  std::optional<double> on_time_percent() const;
  // round(100 × (promoters − detractors) / surveys), as PROTOCOL.md's nps.
  std::optional<int> nps() const;
};

struct ReportRange {
  std::optional<std::string> from;  // YYYY-MM-DD, inclusive
  std::optional<std::string> to;    // YYYY-MM-DD, inclusive
  std::optional<std::string> store;

  bool operator==(const ReportRange&) const = default;
};

// Whether `day` (YYYY-MM-DD) is inside the range (store aside).
bool in_range(const ReportRange& range, const std::string& day);

// The worse of two rows first: the lower on-time share (a store with nothing
// decided last), then the more compensation, then by name.
bool worse(const StoreDay& a, const StoreDay& b);

// The same over the whole range, one row a store (day empty), worst first.
std::vector<StoreDay> store_totals(const std::vector<StoreDay>& days);

// Every row added into one, named `name` (the chain as a whole).
StoreDay sum_rows(const std::vector<StoreDay>& rows, const std::string& name);

// Whether `text` is a date written YYYY-MM-DD.
bool is_iso_date(const std::string& text);

std::string report_csv(const std::vector<StoreDay>& rows);
std::string report_table(const std::vector<StoreDay>& rows);

}  // namespace hourglass::chain
