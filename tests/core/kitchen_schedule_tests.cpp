// The kitchen's schedule to the deadline (core::schedule_kitchen): capacity,
// triage, rushed orders, dishes that finish together, dishes with no prep_s.
#include <catch2/catch.hpp>

#include "shared/core/kitchen_schedule.hpp"
#include "shared/core/order.hpp"
#include "shared/core/promise.hpp"
#include "test_menu.hpp"

using namespace hourglass::core;

namespace {

constexpr std::int64_t kT0 = 1'763'800'000'000;
constexpr std::int64_t kSec = 1'000;
constexpr std::int64_t kMin = 60'000;

// small_menu (gongbao: wok 480 s; rice: steam 60 s) with a cold dish of
// 120 s and a tea with no prep_s.
Menu menu() {
  Menu m = hourglass::test::small_menu();
  m.stations.push_back({"cold", {"Cold", "凉菜"}});
  m.stations.push_back({"bar", {"Bar", "吧台"}});
  MenuItem cucumber = m.items.front();
  cucumber.id = "cucumber";
  cucumber.station = "cold";
  cucumber.prep_s = 120;
  MenuItem tea = m.items.front();
  tea.id = "tea";
  tea.station = "bar";
  tea.prep_s = std::nullopt;
  m.items.push_back(cucumber);
  m.items.push_back(tea);
  return m;
}

Order order_at(const std::string& id, std::int64_t seq, std::int64_t accepted, std::vector<LineRequest> lines,
               std::int64_t promise_s = 900) {
  auto made = make_order(id, lines, menu(), seq, "12", accepted, PromiseTerms{promise_s, FreeUnservedPolicy{}});
  REQUIRE(made.ok());
  return made.value();
}

const ScheduledLine& line_of(const KitchenSchedule& s, const std::string& line_id) {
  for (const ScheduledLine& line : s.lines) {
    if (line.line_id == line_id) return line;
  }
  FAIL("no scheduled line " << line_id);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("schedule: one overloaded station, each line after the one before, and by how much each order misses",
          "[core][schedule][edge]") {
  const Menu m = menu();
  // Three Kung Pao (480 s) due in 15 minutes, one wok place.
  const std::vector<Order> orders = {order_at("a", 1, kT0, {{"gongbao", 1, ""}}),
                                     order_at("b", 2, kT0, {{"gongbao", 1, ""}}),
                                     order_at("c", 3, kT0, {{"gongbao", 1, ""}})};
  const auto s = schedule_kitchen(orders, m, kT0);
  CHECK(line_of(s, "1-1").start_at_ms == kT0);
  CHECK(line_of(s, "2-1").start_at_ms == kT0 + 8 * kMin);
  CHECK(line_of(s, "3-1").start_at_ms == kT0 + 16 * kMin);
  CHECK(line_of(s, "1-1").fire_now);
  CHECK_FALSE(line_of(s, "2-1").fire_now);
  REQUIRE(s.orders.size() == 3);
  CHECK(s.projection("a")->late_by_ms == 0);
  CHECK(s.projection("b")->late_by_ms == 1 * kMin);  // 16 minutes against 15
  CHECK(s.projection("c")->late_by_ms == 9 * kMin);
  CHECK(s.fire_next("wok")->line_id == "1-1");

  // Two places: two start now; the third waits for the first free one.
  ScheduleOptions two;
  two.cooks["wok"] = 2;
  const auto s2 = schedule_kitchen(orders, m, kT0, two);
  CHECK(line_of(s2, "1-1").start_at_ms == kT0);
  CHECK(line_of(s2, "2-1").start_at_ms == kT0);
  CHECK(line_of(s2, "3-1").start_at_ms == kT0 + 8 * kMin);
  CHECK(s2.projection("c")->late_by_ms == 1 * kMin);
}

TEST_CASE("schedule: triage saves the order that can still make it before the one that cannot",
          "[core][schedule][edge]") {
  const Menu m = menu();
  // "lost" is due in 5 minutes with an 8-minute dish: late whatever happens.
  // "saved" is due in 9 minutes: on time only if it goes first.
  const std::vector<Order> orders = {order_at("lost", 1, kT0 - 10 * kMin, {{"gongbao", 1, ""}}),
                                     order_at("saved", 2, kT0 - 6 * kMin, {{"gongbao", 1, ""}})};
  const auto s = schedule_kitchen(orders, m, kT0);
  CHECK(line_of(s, "2-1").start_at_ms == kT0);
  CHECK(line_of(s, "1-1").start_at_ms == kT0 + 8 * kMin);
  CHECK(line_of(s, "1-1").lost);
  CHECK_FALSE(line_of(s, "2-1").lost);
  CHECK(s.projection("saved")->late_by_ms == 0);
  CHECK(s.projection("lost")->late_by_ms == 11 * kMin);

  // At exactly its latest start a line is not lost; a millisecond later it is.
  const std::vector<Order> edge = {order_at("edge", 1, kT0 - 7 * kMin, {{"gongbao", 1, ""}})};
  CHECK_FALSE(schedule_kitchen(edge, m, kT0).lines.front().lost);
  CHECK(schedule_kitchen(edge, m, kT0 + 1).lines.front().lost);
}

TEST_CASE("schedule: a rushed order goes ahead of an equal one, never ahead of saving another", "[core][schedule]") {
  const Menu m = menu();
  std::vector<Order> orders = {order_at("first", 1, kT0, {{"gongbao", 1, ""}}),
                               order_at("rushed", 2, kT0, {{"gongbao", 1, ""}})};
  orders[1].rushed = true;
  const auto s = schedule_kitchen(orders, m, kT0);
  CHECK(line_of(s, "2-1").start_at_ms == kT0);
  CHECK(line_of(s, "1-1").start_at_ms == kT0 + 8 * kMin);
  // A rushed order that is lost anyway does not push a saveable one late.
  std::vector<Order> hopeless = {order_at("saveable", 1, kT0 - 6 * kMin, {{"gongbao", 1, ""}}),
                                 order_at("rushed-lost", 2, kT0 - 10 * kMin, {{"gongbao", 1, ""}})};
  hopeless[1].rushed = true;
  CHECK(schedule_kitchen(hopeless, m, kT0).fire_next("wok")->order_id == "saveable");
}

TEST_CASE("schedule: an order's dishes are held back to finish together, within the window", "[core][schedule]") {
  const Menu m = menu();
  // Kung Pao (wok, 8 min) and cucumber (cold, 2 min): the cucumber should not
  // wait on the pass for 6 minutes; with a 2-minute window it starts at 4:00.
  const std::vector<Order> orders = {order_at("a", 1, kT0, {{"gongbao", 1, ""}, {"cucumber", 1, ""}})};
  const auto s = schedule_kitchen(orders, m, kT0);
  CHECK(line_of(s, "1-1").start_at_ms == kT0);
  CHECK(line_of(s, "1-2").start_at_ms == kT0 + 4 * kMin);
  CHECK(line_of(s, "1-2").finish_at_ms == kT0 + 6 * kMin);
  CHECK_FALSE(line_of(s, "1-2").fire_now);
  CHECK_FALSE(s.fire_next("cold"));
  CHECK(s.projection("a")->finish_at_ms == kT0 + 8 * kMin);
  // At 4:00, the Kung Pao half done, its time has come.
  std::vector<Order> later = orders;
  later[0].lines[0].state = LineState::cooking;
  const auto at_four = schedule_kitchen(later, m, kT0 + 4 * kMin);
  REQUIRE(at_four.fire_next("cold"));
  CHECK(at_four.fire_next("cold")->line_id == "1-2");

  ScheduleOptions tight;
  tight.together_ms = 0;
  CHECK(line_of(schedule_kitchen(orders, m, kT0, tight), "1-2").start_at_ms == kT0 + 6 * kMin);
}

TEST_CASE("schedule: a held-back dish is never held past its latest on-time start less the margin",
          "[core][schedule][edge]") {
  const Menu m = menu();
  // The wok is busy for 24 minutes: this order's Kung Pao is late anyway, but
  // its cucumber can be on time, so it starts by its own latest start.
  std::vector<Order> orders = {order_at("w1", 1, kT0, {{"gongbao", 1, ""}}), order_at("w2", 2, kT0, {{"gongbao", 1, ""}}),
                               order_at("w3", 3, kT0, {{"gongbao", 1, ""}}),
                               order_at("late", 4, kT0, {{"gongbao", 1, ""}, {"cucumber", 1, ""}})};
  const auto s = schedule_kitchen(orders, m, kT0);
  CHECK(s.projection("late")->late_by_ms > 0);
  CHECK(line_of(s, "4-2").finish_at_ms <= orders[3].deadline_ms);
  // Its latest on-time start less the 2-minute margin.
  CHECK(line_of(s, "4-2").start_at_ms == orders[3].deadline_ms - 2 * kMin - 2 * kMin);
}

TEST_CASE("schedule: a dish with no prep_s takes no time and is made with its order's last dish",
          "[core][schedule][edge]") {
  const Menu m = menu();
  const std::vector<Order> alone = {order_at("tea", 1, kT0, {{"tea", 1, ""}})};
  const auto s = schedule_kitchen(alone, m, kT0);
  CHECK(line_of(s, "1-1").start_at_ms == kT0);
  CHECK(line_of(s, "1-1").finish_at_ms == kT0);
  CHECK(line_of(s, "1-1").fire_now);
  const std::vector<Order> with_wok = {order_at("meal", 1, kT0, {{"gongbao", 1, ""}, {"tea", 1, ""}})};
  CHECK(line_of(schedule_kitchen(with_wok, m, kT0), "1-2").start_at_ms == kT0 + 6 * kMin);
}

TEST_CASE("schedule: a line being cooked holds a place for half its prep time, done lines hold none",
          "[core][schedule]") {
  const Menu m = menu();
  std::vector<Order> orders = {order_at("a", 1, kT0, {{"gongbao", 1, ""}}), order_at("b", 2, kT0, {{"gongbao", 1, ""}}),
                               order_at("done", 3, kT0, {{"gongbao", 1, ""}, {"rice", 1, ""}}),
                               order_at("closed", 4, kT0, {{"gongbao", 1, ""}})};
  orders[0].lines[0].state = LineState::cooking;
  orders[2].lines[0].state = LineState::ready;
  orders[2].lines[1].state = LineState::served;
  orders[3].status = OrderStatus::closed;
  const auto s = schedule_kitchen(orders, m, kT0 + 30 * kSec);
  REQUIRE(s.lines.size() == 2);  // the cooking line and b's
  CHECK(line_of(s, "1-1").state == LineState::cooking);
  CHECK(line_of(s, "1-1").finish_at_ms == kT0 + 30 * kSec + 4 * kMin);
  CHECK_FALSE(line_of(s, "1-1").fire_now);
  CHECK(line_of(s, "2-1").start_at_ms == kT0 + 30 * kSec + 4 * kMin);
  CHECK(s.orders.size() == 2);
  CHECK_FALSE(s.projection("done"));
  CHECK_FALSE(s.projection("closed"));
  // Lines come by station, then start time: the cooking one first.
  CHECK(s.lines[0].line_id == "1-1");
  CHECK(s.lines[1].line_id == "2-1");
}

TEST_CASE("schedule: nothing open, nothing scheduled", "[core][schedule][edge]") {
  const auto s = schedule_kitchen({}, menu(), kT0);
  CHECK(s.lines.empty());
  CHECK(s.orders.empty());
  CHECK_FALSE(s.fire_next("wok"));
}

TEST_CASE("schedule: a station holds dishes back only while its work still fits, never with a backlog",
          "[core][schedule][edge]") {
  const Menu m = menu();
  ScheduleOptions two_woks;
  two_woks.cooks["wok"] = 2;
  // Two tables, each Kung Pao and cucumber, one cold place: waiting until
  // 4:00 leaves 4 minutes of cold work and the 2-minute margin before the
  // 15:00 deadline, so both cucumbers wait.
  const std::vector<Order> light = {order_at("a", 1, kT0, {{"gongbao", 1, ""}, {"cucumber", 1, ""}}),
                                    order_at("b", 2, kT0, {{"gongbao", 1, ""}, {"cucumber", 1, ""}})};
  const auto s = schedule_kitchen(light, m, kT0, two_woks);
  CHECK(line_of(s, "1-2").start_at_ms == kT0 + 4 * kMin);
  CHECK(line_of(s, "2-2").start_at_ms == kT0 + 6 * kMin);
  CHECK_FALSE(s.fire_next("cold"));

  // On a 7-minute promise 4:00 + 4 minutes + the margin passes 7:00: the
  // cold place starts at once.
  const std::vector<Order> rushed_kitchen = {
      order_at("c", 1, kT0, {{"gongbao", 1, ""}, {"cucumber", 1, ""}}, 7 * 60),
      order_at("d", 2, kT0, {{"gongbao", 1, ""}, {"cucumber", 1, ""}}, 7 * 60)};
  const auto busy = schedule_kitchen(rushed_kitchen, m, kT0, two_woks);
  REQUIRE(busy.fire_next("cold"));
  CHECK(line_of(busy, "1-2").start_at_ms == kT0);
}
