#pragma once
// Kitchen load (PROTOCOL.md v1.1 `kitchen_load`, docs/kitchen-schedule.md):
// how long a typical order placed now would take to be fully ready, given
// the open work and each station's places. The server pushes it; tablets
// and kiosks show "kitchen busy: about N min" when it nears the promise.
//
// The model: a typical order has a dish of the usual length (the median
// prep_s of the station's promised dishes) at every station that cooks
// promised dishes, so its wait is that of its slowest station. At a station
// it waits for a place: the schedule's lines there that are not lost (a new
// order has all its slack, so it goes ahead of lines that are late anyway)
// keep its places busy, and the new dish starts when the first place is free
// after that work: taken as the `cooks`-th latest finish among those lines.
// Above kMaxScheduledLines unfinished lines the schedule is not computed
// (its cost grows with the square of a station's queue): each station's
// remaining work is spread evenly over its places instead.

#include <cstdint>
#include <optional>
#include <vector>

#include "shared/core/kitchen_schedule.hpp"
#include "shared/core/menu.hpp"
#include "shared/core/order.hpp"

namespace hourglass::core {

inline constexpr std::size_t kMaxScheduledLines = 2000;

// The schedule's places per station, from the menu's stations (`cooks`).
ScheduleOptions schedule_options_for(const Menu& menu);

// The projected wait, in ms, of a typical order placed at `now_ms`.
std::int64_t typical_wait_ms(const std::vector<Order>& orders, const Menu& menu, std::int64_t now_ms);
// The same from a schedule already computed for `now_ms`.
std::int64_t typical_wait_ms(const KitchenSchedule& schedule, const Menu& menu, std::int64_t now_ms);

// When the server pushes a new value (PROTOCOL.md): it moved by 60 s or
// more from the last one pushed, and the last push is 10 s old or more.
inline constexpr std::int64_t kLoadStepS = 60;
inline constexpr std::int64_t kLoadMinIntervalMs = 10'000;
struct LoadPushed {
  std::int64_t wait_s = 0;
  std::int64_t at_ms = 0;
};
bool should_push_load(const std::optional<LoadPushed>& last, std::int64_t wait_s, std::int64_t now_ms);

// Seconds, rounded up: what `kitchen_load.wait_s` carries.
std::int64_t wait_seconds(std::int64_t wait_ms);

}  // namespace hourglass::core
