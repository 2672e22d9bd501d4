#pragma once
// A chain of made-up stores for the console's demo (--demo-state) and its
// screenshots: a month of days per store, the same on every run, some
// stores keeping the promise well and some not. No database.

#include <cstdint>
#include <vector>

#include "kitchen/chain/store_day.hpp"
#include "kitchen/chain/chain_source.hpp"

namespace hourglass::manager {

// `days` local days per store ending with today's (the day of `now_ms` at
// the offset), today only partly through.
std::vector<chain::StoreDay> make_demo_chain(std::int64_t now_ms, int utc_offset_minutes, int days);

// Answers at once with the demo rows in the period asked for.
class DemoChain final : public chain::ChainSource {
 public:
  DemoChain(std::vector<chain::StoreDay> days, std::int64_t as_of_ms);
  void ask(const chain::ReportRange& range) override;
  chain::ChainSnapshot snapshot() const override { return snapshot_; }
  std::uint64_t version() const override { return version_; }

 private:
  std::vector<chain::StoreDay> all_;
  chain::ChainSnapshot snapshot_;
  std::uint64_t version_ = 0;
};

}  // namespace hourglass::manager
