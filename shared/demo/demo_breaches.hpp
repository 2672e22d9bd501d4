#pragma once
// A restaurant's month without a server: breach log entries and the order
// history behind them, for --demo-state, screenshots and the benchmark.
// Deterministic for a given `now`.

#include <cstdint>
#include <vector>

#include "shared/core/menu.hpp"
#include "shared/core/order.hpp"
#include "shared/core/protocol.hpp"

namespace hourglass::demo {

// `count` breaches over the `days` before `now_ms`, busiest at lunch and
// dinner (local time at `utc_offset_minutes`).
std::vector<core::BreachEntry> make_demo_breaches(const core::Menu& menu, int count, std::int64_t now_ms, int days,
                                                  int utc_offset_minutes);

// The history for the same period: one breached order per entry plus
// `kept_per_breach` kept orders for each.
std::vector<core::Order> make_demo_history(const std::vector<core::BreachEntry>& breaches, int kept_per_breach);

}  // namespace hourglass::demo
