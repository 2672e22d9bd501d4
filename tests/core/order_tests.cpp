#include <catch2/catch.hpp>

#include "shared/core/order.hpp"
#include "shared/core/permissions.hpp"
#include "test_menu.hpp"

using namespace hourglass::core;

namespace {

Order open_order() {
  auto order = make_order("o-1", {{"gongbao", 2, "less spicy"}, {"rice", 3, ""}}, hourglass::test::small_menu(), 7,
                          "12", 1000, PromiseTerms{});
  REQUIRE(order.ok());
  return order.value();
}

}  // namespace

TEST_CASE("a new order takes prices and names from the menu", "[core][order]") {
  const Order order = open_order();
  CHECK(order.status == OrderStatus::open);
  CHECK(order.seq == 7);
  CHECK(order.table == "12");
  REQUIRE(order.lines.size() == 2);
  CHECK(order.lines[0].line_id == "7-1");
  CHECK(order.lines[1].line_id == "7-2");
  CHECK(order.lines[0].price == 3800);
  CHECK(order.lines[0].name.zh == "宫保鸡丁");
  CHECK(order.lines[0].note == "less spicy");
  CHECK(order.lines[0].station == "wok");
  CHECK(order.lines[0].state == LineState::queued);
  CHECK(order.subtotal == 2 * 3800 + 3 * 300);
  CHECK(order.discount == 0);
  CHECK(order.deadline_ms == 1000 + 900'000);
}

TEST_CASE("an item not on the menu is a bad request naming the line", "[core][order]") {
  const auto order = make_order("o-1", {{"rice", 1, ""}, {"lobster", 1, ""}}, hourglass::test::small_menu(), 1, "3", 0,
                                PromiseTerms{});
  REQUIRE_FALSE(order.ok());
  CHECK(order.error().code == ErrorCode::bad_request);
  CHECK(order.error().message == "lines[1].item: \"lobster\" is not on the menu");
}

TEST_CASE("lines move forward, skipping allowed", "[core][order][transitions]") {
  auto [from, to] = GENERATE(table<LineState, LineState>({
      {LineState::queued, LineState::cooking},
      {LineState::queued, LineState::ready},
      {LineState::queued, LineState::served},
      {LineState::cooking, LineState::ready},
      {LineState::cooking, LineState::served},
      {LineState::ready, LineState::served},
  }));
  Order order = open_order();
  order.lines[0].state = from;
  CHECK_FALSE(check_mark_line(order, order.lines[0], to).has_value());
}

TEST_CASE("the same or an earlier state is a conflict", "[core][order][transitions]") {
  auto [from, to] = GENERATE(table<LineState, LineState>({
      {LineState::queued, LineState::queued},
      {LineState::cooking, LineState::cooking},
      {LineState::cooking, LineState::queued},
      {LineState::ready, LineState::cooking},
      {LineState::served, LineState::served},
      {LineState::served, LineState::queued},
      {LineState::cancelled, LineState::served},
  }));
  Order order = open_order();
  order.lines[0].state = from;
  const auto error = check_mark_line(order, order.lines[0], to);
  REQUIRE(error.has_value());
  CHECK(error->code == ErrorCode::conflict);
}

TEST_CASE("marking served records the time and stops the line's clock", "[core][order]") {
  Order order = open_order();
  mark_line(order, order.lines[0], LineState::cooking, 2000);
  CHECK_FALSE(order.lines[0].served_at_ms.has_value());
  mark_line(order, order.lines[0], LineState::served, 5000);
  CHECK(order.lines[0].served_at_ms == 5000);
}

TEST_CASE("marking ready records when, for the pass, and a recall before ready forgets it", "[core][order]") {
  Order order = open_order();
  mark_line(order, order.lines[0], LineState::cooking, 2000);
  CHECK_FALSE(order.lines[0].ready_at_ms.has_value());
  mark_line(order, order.lines[0], LineState::ready, 4000);
  CHECK(order.lines[0].ready_at_ms == 4000);
  mark_line(order, order.lines[0], LineState::served, 5000);
  CHECK(order.lines[0].ready_at_ms == 4000);  // served keeps when it was ready
  recall_line(order, order.lines[0], LineState::ready);
  CHECK(order.lines[0].ready_at_ms == 4000);
  recall_line(order, order.lines[0], LineState::cooking);
  CHECK_FALSE(order.lines[0].ready_at_ms.has_value());
}

TEST_CASE("marking cooking records when a cook started, and a recall to queued forgets it", "[core][order]") {
  Order order = open_order();
  CHECK_FALSE(order.lines[0].cooking_at_ms.has_value());
  mark_line(order, order.lines[0], LineState::cooking, 2000);
  CHECK(order.lines[0].cooking_at_ms == 2000);
  mark_line(order, order.lines[0], LineState::ready, 4000);
  CHECK(order.lines[0].cooking_at_ms == 2000);  // ready keeps when it started
  recall_line(order, order.lines[0], LineState::cooking);
  CHECK(order.lines[0].cooking_at_ms == 2000);
  recall_line(order, order.lines[0], LineState::queued);
  CHECK_FALSE(order.lines[0].cooking_at_ms.has_value());
  mark_line(order, order.lines[0], LineState::cooking, 7000);
  CHECK(order.lines[0].cooking_at_ms == 7000);  // started again: the new start
}

TEST_CASE("diners cancel only while queued, staff until served", "[core][order][transitions]") {
  auto [state, role, allowed] = GENERATE(table<LineState, Role, bool>({
      {LineState::queued, Role::table, true},
      {LineState::queued, Role::kiosk, true},
      {LineState::cooking, Role::table, false},
      {LineState::ready, Role::kiosk, false},
      {LineState::cooking, Role::kds, true},
      {LineState::ready, Role::manager, true},
      {LineState::served, Role::manager, false},
      {LineState::cancelled, Role::kds, false},
  }));
  Order order = open_order();
  order.lines[1].state = state;
  const auto error = check_cancel_line(order, order.lines[1], role);
  CHECK(error.has_value() == !allowed);
  if (error) CHECK(error->code == ErrorCode::conflict);
}

TEST_CASE("a cancelled line leaves the subtotal", "[core][order]") {
  Order order = open_order();
  cancel_line(order, order.lines[1], 3000);
  CHECK(order.lines[1].state == LineState::cancelled);
  CHECK(order.lines[1].cancelled_at_ms == 3000);
  CHECK(order.subtotal == 7600);
}

TEST_CASE("comps: once per line, never a cancelled one", "[core][order]") {
  Order order = open_order();
  REQUIRE_FALSE(check_comp_line(order, order.lines[0]).has_value());
  comp_line(order, order.lines[0]);
  CHECK(order.discount == 7600);
  const auto twice = check_comp_line(order, order.lines[0]);
  REQUIRE(twice.has_value());
  CHECK(twice->code == ErrorCode::conflict);
  cancel_line(order, order.lines[1], 10);
  const auto cancelled = check_comp_line(order, order.lines[1]);
  REQUIRE(cancelled.has_value());
  CHECK(cancelled->code == ErrorCode::conflict);
}

TEST_CASE("nothing changes on a closed order", "[core][order]") {
  Order order = open_order();
  order.status = OrderStatus::closed;
  CHECK(check_mark_line(order, order.lines[0], LineState::served)->code == ErrorCode::conflict);
  CHECK(check_cancel_line(order, order.lines[0], Role::kds)->code == ErrorCode::conflict);
  CHECK(check_comp_line(order, order.lines[0])->code == ErrorCode::conflict);
  CHECK(check_order_open_for_change(order)->code == ErrorCode::conflict);
}

TEST_CASE("the permission table is PROTOCOL.md's", "[core][permissions]") {
  // request, table, kiosk, kds, manager
  auto [request, for_table, for_kiosk, for_kds, for_manager] = GENERATE(table<Request, bool, bool, bool, bool>({
      {Request::place_order, true, true, false, false},
      {Request::cancel_line, true, true, true, true},
      {Request::rush, true, true, false, false},
      {Request::call_waiter, true, true, false, false},
      {Request::get_bill, true, true, true, true},
      {Request::mark_line, false, false, true, true},
      {Request::close_table, false, false, true, true},
      {Request::get_breach_log, false, false, false, true},
      {Request::comp_line, false, false, false, true},
      {Request::ping, true, true, true, true},
      {Request::recall_line, false, false, true, true},
      {Request::get_history, false, false, false, true},
  }));
  CAPTURE(to_string(request));
  CHECK(role_may(Role::table, request) == for_table);
  CHECK(role_may(Role::kiosk, request) == for_kiosk);
  CHECK(role_may(Role::kds, request) == for_kds);
  CHECK(role_may(Role::manager, request) == for_manager);
}

TEST_CASE("a bill adds up every order of the table", "[core][order]") {
  Order first = open_order();
  Order second = open_order();
  comp_line(second, second.lines[1]);
  const Bill bill = make_bill("12", {first, second});
  CHECK(bill.subtotal == 2 * 8500);
  CHECK(bill.discount == 900);
  CHECK(bill.total == 2 * 8500 - 900);
  CHECK(bill.orders.size() == 2);
  const Bill empty = make_bill("3", {});
  CHECK(empty.total == 0);
}

TEST_CASE("enum names round trip", "[core][order]") {
  for (const auto state :
       {LineState::queued, LineState::cooking, LineState::ready, LineState::served, LineState::cancelled}) {
    CHECK(line_state_from_string(to_string(state)) == state);
  }
  for (const auto role : {Role::table, Role::kiosk, Role::kds, Role::manager}) {
    CHECK(role_from_string(to_string(role)) == role);
  }
  for (const auto status : {OrderStatus::open, OrderStatus::kept, OrderStatus::breached, OrderStatus::closed}) {
    CHECK(order_status_from_string(to_string(status)) == status);
  }
  CHECK_FALSE(role_from_string("admin").has_value());
  CHECK_FALSE(line_state_from_string("burnt").has_value());
}
