#pragma once
// Where the console's chain view reads the chain's figures: the central
// PostgreSQL (chain_feed.hpp), or a month of made-up stores for the demo
// (demo_chain.hpp). The console asks for a period and draws what it gets;
// reading happens elsewhere, never in the frame.

#include <cstdint>
#include <string>
#include <vector>

#include "kitchen/chain/store_day.hpp"

namespace hourglass::manager {

struct ChainSnapshot {
  chain::ReportRange range;           // the period these rows are of
  std::vector<chain::StoreDay> days;  // per store and local day
  std::int64_t as_of_ms = 0;          // wall time of the last good read (0: none yet)
  std::string error;                  // why the last read failed ("" when it did not)
  bool no_tables = false;             // read, but no store has replicated yet
  bool loading = false;               // a read is under way
  std::string source;                 // where from, for the screen (no password)
};

class ChainSource {
 public:
  virtual ~ChainSource() = default;
  // Read this period now, and again on every refresh after.
  virtual void ask(const chain::ReportRange& range) = 0;
  virtual ChainSnapshot snapshot() const = 0;
  // Moves whenever snapshot() changes (the run loop's change poll).
  virtual std::uint64_t version() const = 0;
};

}  // namespace hourglass::manager
