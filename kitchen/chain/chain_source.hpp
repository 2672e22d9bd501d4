#pragma once
// Where a screen reads the chain's figures (the manager console's Chain
// tab): the central PostgreSQL (chain_feed.hpp), or made-up stores for a
// demo (kitchen/manager/demo_chain.hpp). The screen asks for a period and
// draws what it has; reading happens elsewhere, never in a frame.

#include <cstdint>
#include <string>
#include <vector>

#include "kitchen/chain/store_day.hpp"

namespace hourglass::chain {

struct ChainSnapshot {
  ReportRange range;           // the period these rows are of
  std::vector<StoreDay> days;  // per store and local day
  std::int64_t as_of_ms = 0;   // wall time of the last good read (0: none yet)
  std::string error;           // why the last read failed ("" when it did not)
  bool no_tables = false;      // read, but no store has replicated yet
  bool loading = false;        // a read is under way
  std::string source;          // where from, for the screen (no password)
};

class ChainSource {
 public:
  virtual ~ChainSource() = default;
  // Read this period now, and again on every refresh after.
  virtual void ask(const ReportRange& range) = 0;
  virtual ChainSnapshot snapshot() const = 0;
  // Moves whenever snapshot() changes (the run loop's change poll).
  virtual std::uint64_t version() const = 0;
};

}  // namespace hourglass::chain
