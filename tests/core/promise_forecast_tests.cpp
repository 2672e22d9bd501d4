// The promise in the next 15 minutes from the schedule: orders due, those
// projected on time, every order projected to breach; the horizon's edge at
// one millisecond either side; held, ready and closed orders.
#include <catch2/catch.hpp>

#include "shared/core/kitchen_load.hpp"
#include "shared/core/promise_forecast.hpp"
#include "test_menu.hpp"

using namespace hourglass::core;

namespace {

constexpr std::int64_t kT0 = 1'763'800'000'000;

// small_menu: gongbao (wok, 480 s); one wok.
Menu one_wok() {
  Menu menu = hourglass::test::small_menu();
  menu.stations[0].cooks = 1;
  return menu;
}

Order gongbao_order(std::int64_t seq, std::int64_t accepted_ms, LineState state = LineState::queued) {
  std::string id = "o";
  id += std::to_string(seq);
  auto made = make_order(id, {LineRequest{"gongbao", 1, ""}}, one_wok(), seq, "1", accepted_ms,
                         PromiseTerms{900, FreeUnservedPolicy{}});
  REQUIRE(made.ok());
  Order order = made.value();
  order.lines[0].state = state;
  return order;
}

PromiseForecast forecast(const std::vector<Order>& orders, std::int64_t now_ms) {
  return forecast_promise(orders, schedule_kitchen(orders, one_wok(), now_ms, schedule_options_for(one_wok())),
                          now_ms);
}

}  // namespace

TEST_CASE("forecast: one wok, three 8-minute dishes due in 15 minutes, one makes it", "[core][forecast]") {
  const std::vector<Order> orders{gongbao_order(1, kT0), gongbao_order(2, kT0), gongbao_order(3, kT0)};
  const PromiseForecast f = forecast(orders, kT0);
  CHECK(f.due == 3);
  CHECK(f.on_time == 1);
  REQUIRE(f.on_time_rate());
  CHECK(*f.on_time_rate() == Approx(1.0 / 3.0));
  REQUIRE(f.projected_breaches.size() == 2);
  CHECK(f.projected_breaches[0].order_id == "o2");
  CHECK(f.projected_breaches[0].late_by_ms == 60'000);  // ready at 16 min
  CHECK(f.projected_breaches[1].order_id == "o3");
  CHECK(f.projected_breaches[1].late_by_ms == 540'000);  // at 24 min
}

TEST_CASE("forecast: due means a deadline within the horizon, its edge included", "[core][forecast]") {
  const std::int64_t now = kT0;
  // Deadlines at now + 15 min exactly, and 1 ms after it.
  const std::vector<Order> orders{gongbao_order(1, now), gongbao_order(2, now + 1)};
  const PromiseForecast f = forecast(orders, now);
  CHECK(f.due == 1);
  CHECK(f.on_time == 1);
  // A millisecond later both are due.
  CHECK(forecast(orders, now + 1).due == 2);
}

TEST_CASE("forecast: held, all-ready and closed orders", "[core][forecast]") {
  Order closed = gongbao_order(3, kT0);
  closed.status = OrderStatus::closed;
  const std::vector<Order> orders{gongbao_order(1, kT0, LineState::held), gongbao_order(2, kT0, LineState::ready),
                                  closed};
  const PromiseForecast f = forecast(orders, kT0);
  CHECK(f.due == 1);  // only the one with a ready dish still to serve
  CHECK(f.on_time == 1);
  CHECK(f.projected_breaches.empty());
  CHECK_FALSE(forecast({}, kT0).on_time_rate().has_value());
}
