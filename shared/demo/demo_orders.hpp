#pragma once
// A kitchen mid-rush without a server: for --demo-state screenshots, the
// benchmark's --demo-tickets N, and tests. Deterministic for a given `now`.

#include <cstdint>
#include <vector>

#include "shared/core/menu.hpp"
#include "shared/core/order.hpp"

namespace hourglass::demo {

// `count` open tickets relative to `now_ms`. The first ten are a scripted mix
// (late, red and at risk, amber, calm, rushed, with notes); the rest are
// generated with deadlines spread over the promise. Items missing from the
// menu are skipped, so any menu works.
std::vector<core::Order> make_demo_orders(const core::Menu& menu, int count, std::int64_t now_ms,
                                          std::int64_t promise_s = 900);

}  // namespace hourglass::demo
