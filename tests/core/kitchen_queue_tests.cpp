// What a station cooks next (core::next_line_for_station): the kitchen
// display's "next up" and the simulator's `display` cooks.
#include <catch2/catch.hpp>

#include "shared/core/kitchen_queue.hpp"
#include "shared/core/order.hpp"
#include "shared/core/promise.hpp"
#include "test_menu.hpp"

using namespace hourglass::core;

namespace {

constexpr std::int64_t kT0 = 1'763'800'000'000;
constexpr std::int64_t kMin = 60'000;

Order order_at(const std::string& id, std::int64_t seq, std::int64_t accepted, std::vector<LineRequest> lines,
               std::int64_t promise_s = 900) {
  auto made = make_order(id, lines, hourglass::test::small_menu(), seq, "12", accepted,
                         PromiseTerms{promise_s, FreeUnservedPolicy{}});
  REQUIRE(made.ok());
  return made.value();
}

}  // namespace

TEST_CASE("next line: least slack first, not oldest ticket first", "[core][queue]") {
  const Menu menu = hourglass::test::small_menu();
  // Two wok tickets: the older one on a 20-minute promise, the newer on 10.
  std::vector<Order> orders = {
      order_at("old", 1, kT0, {{"gongbao", 1, ""}}, 1200),        // deadline T0+20 min, slack 12 min
      order_at("new", 2, kT0 + kMin, {{"gongbao", 1, ""}}, 600),  // deadline T0+11 min, slack 3 min
  };
  const auto next = next_line_for_station(orders, menu, "wok", kT0 + 2 * kMin);
  REQUIRE(next);
  CHECK(next->order->order_id == "new");
  CHECK(next->slack_ms == (11 - 2 - 8) * kMin);
  CHECK(next->line->item == "gongbao");
  // Nothing for a station with no queued line.
  CHECK_FALSE(next_line_for_station(orders, menu, "grill", kT0));
}

TEST_CASE("next line: ties go to the earlier deadline, then the lower ticket, then the line's place", "[core][queue]") {
  const Menu menu = hourglass::test::small_menu();
  std::vector<Order> orders = {
      order_at("b", 7, kT0, {{"rice", 1, "first"}, {"rice", 2, "second"}}),
      order_at("a", 5, kT0, {{"rice", 1, ""}}),
  };
  auto next = next_line_for_station(orders, menu, "steam", kT0);
  REQUIRE(next);
  CHECK(next->order->order_id == "a");  // same slack and deadline: ticket 5 before 7
  orders.erase(orders.begin() + 1);
  next = next_line_for_station(orders, menu, "steam", kT0);
  REQUIRE(next);
  CHECK(next->line->note == "first");
}

TEST_CASE("next line: only queued lines of open tickets, and not those already taken", "[core][queue][edge]") {
  const Menu menu = hourglass::test::small_menu();
  std::vector<Order> orders = {order_at("o", 1, kT0, {{"rice", 1, ""}, {"rice", 1, ""}, {"fish", 1, ""}})};
  Order& order = orders[0];
  mark_line(order, order.lines[0], LineState::cooking, kT0 + 1000);
  // The sea bass takes 25 minutes (outside the promise, still to be cooked):
  // least slack, so first; the cooking rice is not offered again.
  auto next = next_line_for_station(orders, menu, "steam", kT0 + 2000);
  REQUIRE(next);
  CHECK(next->line == &order.lines[2]);
  CHECK(next->slack_ms == 900'000 - 2000 - 1'500'000);
  // A cook already took the sea bass: the queued rice is next.
  next = next_line_for_station(orders, menu, "steam", kT0 + 2000,
                               [&](const OrderLine& line) { return line.line_id == order.lines[2].line_id; });
  REQUIRE(next);
  CHECK(next->line == &order.lines[1]);
  order.status = OrderStatus::closed;
  CHECK_FALSE(next_line_for_station(orders, menu, "steam", kT0 + 2000));
}

TEST_CASE("next line: a dish without prep_s has all its time left as slack", "[core][queue][edge]") {
  Menu menu = hourglass::test::small_menu();
  menu.items[1].prep_s.reset();  // rice
  std::vector<Order> orders = {order_at("o", 1, kT0, {{"rice", 1, ""}})};
  orders[0].lines[0].station.clear();  // the menu's station is used
  const auto next = next_line_for_station(orders, menu, "steam", kT0 + kMin);
  REQUIRE(next);
  CHECK(next->slack_ms == 14 * kMin);
  CHECK(prep_ms(menu, "rice") == 0);
  CHECK(prep_ms(menu, "gongbao") == 480'000);
  CHECK(prep_ms(menu, "unknown") == 0);
}
