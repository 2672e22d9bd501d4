#pragma once
// The promise in the next minutes, from the kitchen's schedule: how many
// orders fall due within a horizon (15 minutes by default) and how many of
// them the schedule projects on time, and every open order projected to
// breach, with by how much. The manager console shows it; a restaurant
// reads it as "of the next 8 orders due, 6 will make it".

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "shared/core/kitchen_schedule.hpp"
#include "shared/core/order.hpp"

namespace hourglass::core {

inline constexpr std::int64_t kForecastHorizonMs = 15 * 60 * 1000;

struct ProjectedBreach {
  std::string order_id;
  std::int64_t seq = 0;
  std::string table;
  std::int64_t deadline_ms = 0;
  std::int64_t late_by_ms = 0;  // > 0
};

struct PromiseForecast {
  int due = 0;      // open orders with promised work whose deadline is in (now, now + horizon]
  int on_time = 0;  // of those, projected complete by their deadline
  // Every open order with promised work projected to miss, soonest deadline first.
  std::vector<ProjectedBreach> projected_breaches;
  // on_time / due; nullopt when nothing is due.
  std::optional<double> on_time_rate() const;
};

// An order counts while it is open and has promised work (queued, cooking
// or ready lines); held lines wait outside the promise. Its projected finish
// is the schedule's; an order whose lines are all ready is on time.
PromiseForecast forecast_promise(const std::vector<Order>& orders, const KitchenSchedule& schedule,
                                 std::int64_t now_ms, std::int64_t horizon_ms = kForecastHorizonMs);

}  // namespace hourglass::core
