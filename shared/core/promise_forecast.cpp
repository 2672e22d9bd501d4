#include "shared/core/promise_forecast.hpp"

#include <algorithm>

#include "shared/core/urgency.hpp"

namespace hourglass::core {

std::optional<double> PromiseForecast::on_time_rate() const {
  if (due == 0) return std::nullopt;
  return static_cast<double>(on_time) / static_cast<double>(due);
}

PromiseForecast forecast_promise(const std::vector<Order>& orders, const KitchenSchedule& schedule,
                                 std::int64_t now_ms, std::int64_t horizon_ms) {
  PromiseForecast forecast;
  for (const Order& order : orders) {
    if (order.status != OrderStatus::open || !has_promised_work(order)) continue;
    const OrderProjection* projection = schedule.projection(order.order_id);
    const std::int64_t late_by = projection != nullptr ? projection->late_by_ms : 0;
    if (order.deadline_ms > now_ms && order.deadline_ms <= now_ms + horizon_ms) {
      ++forecast.due;
      if (late_by <= 0) ++forecast.on_time;
    }
    if (late_by > 0) {
      forecast.projected_breaches.push_back(
          ProjectedBreach{order.order_id, order.seq, order.table, order.deadline_ms, late_by});
    }
  }
  std::sort(forecast.projected_breaches.begin(), forecast.projected_breaches.end(),
            [](const ProjectedBreach& a, const ProjectedBreach& b) {
              if (a.deadline_ms != b.deadline_ms) return a.deadline_ms < b.deadline_ms;
              return a.seq < b.seq;
            });
  return forecast;
}

}  // namespace hourglass::core
