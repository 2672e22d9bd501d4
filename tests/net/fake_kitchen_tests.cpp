// The fake kitchen the screens' demos and UI tests run on: it must say what
// the real server says, because it runs the same core rules.
#include <catch2/catch.hpp>

#include "shared/net/fake_kitchen.hpp"

namespace core = hourglass::core;
namespace net = hourglass::net;

namespace {

constexpr std::int64_t kStart = 1'763'800'000'000;

core::Menu fake_menu() {
  core::Menu menu;
  menu.categories = {{"hot", {"Hot", "热菜"}}};
  menu.stations = {{"wok", {"Wok", "炒锅"}}};
  menu.items = {
      {"gongbao", {"Kung Pao Chicken", "宫保鸡丁"}, "hot", 3800, "wok", true, 480, 2, {}, std::nullopt},
      {"fish", {"Steamed Sea Bass", "清蒸鲈鱼"}, "hot", 12800, "wok", false, 1500, 0, {}, std::nullopt},
  };
  return menu;
}

struct Kitchen {
  std::int64_t now = kStart;
  net::FakeKitchen link;

  explicit Kitchen(core::Role role, std::string table = "12", std::vector<core::Order> orders = {})
      : link(options(role, std::move(table), std::move(orders))) {}

  net::FakeKitchenOptions options(core::Role role, std::string table, std::vector<core::Order> orders) {
    net::FakeKitchenOptions o;
    o.role = role;
    o.table = std::move(table);
    o.menu = fake_menu();
    o.promise = core::PromiseTerms{60, core::FreeUnservedPolicy{}};
    o.now_ms = [this] { return now; };
    o.orders = std::move(orders);
    return o;
  }

  net::State state() {
    net::State s;
    std::uint64_t seen = 0;
    link.copy_if_changed(s, seen);
    return s;
  }

  template <typename T>
  std::vector<T> events_of() {
    std::vector<T> out;
    for (net::Event& e : link.take_events()) {
      if (auto* p = std::get_if<T>(&e.payload)) out.push_back(*p);
    }
    return out;
  }
};

}  // namespace

TEST_CASE("fake kitchen: a tablet's order is accepted with the promise and judged at its deadline", "[net][fake]") {
  Kitchen k(core::Role::table);
  const std::string id = k.link.place_order({{"gongbao", 1, ""}});
  const auto accepted = k.events_of<net::OrderAccepted>();
  REQUIRE(accepted.size() == 1);
  CHECK(accepted[0].order.order_id == id);
  CHECK(accepted[0].order.table == "12");
  CHECK(accepted[0].order.deadline_ms == kStart + 60'000);

  k.now = kStart + 60'000 - 1;  // a millisecond before the deadline
  CHECK(k.state().orders.at(id).status == core::OrderStatus::open);
  k.now = kStart + 60'000;  // at the deadline, the order is judged
  const net::State at_deadline = k.state();
  CHECK(at_deadline.orders.at(id).status == core::OrderStatus::breached);
  CHECK(at_deadline.orders.at(id).discount == 3800);  // the late dish is free
  const auto breaches = k.events_of<core::BreachMessage>();
  REQUIRE(breaches.size() == 1);
  CHECK(breaches[0].order_id == id);
  k.now += 60'000;
  k.state();
  CHECK(k.events_of<core::BreachMessage>().empty());  // exactly once
}

TEST_CASE("fake kitchen: the core's refusals come back as the server's errors", "[net][fake]") {
  SECTION("an unknown dish is rejected, nothing stored") {
    Kitchen k(core::Role::table);
    const std::string id = k.link.place_order({{"unicorn", 1, ""}});
    const auto rejected = k.events_of<net::OrderRejected>();
    REQUIRE(rejected.size() == 1);
    CHECK(rejected[0].order_id == id);
    CHECK(rejected[0].error.code == core::ErrorCode::bad_request);
    CHECK(k.state().orders.empty());
  }
  SECTION("a tablet may not bump a line") {
    Kitchen k(core::Role::table);
    k.link.place_order({{"gongbao", 1, ""}});
    k.events_of<net::OrderAccepted>();
    const auto req = k.link.request(core::ClientMessage{core::MarkLine{"1-1", core::LineState::cooking}});
    bool refused = false;
    for (const net::Event& e : k.link.take_events()) {
      if (auto* error = std::get_if<core::ErrorMessage>(&e.payload)) {
        refused = e.req == req && error->error.code == core::ErrorCode::forbidden;
      }
    }
    CHECK(refused);
  }
}

TEST_CASE("fake kitchen: a display's bump and its recall follow the core, within the window", "[net][fake]") {
  auto made = core::make_order("o1", {{"gongbao", 1, ""}}, fake_menu(), 7, "12", kStart, {60, core::FreeUnservedPolicy{}});
  REQUIRE(made.ok());
  Kitchen k(core::Role::kds, "", {made.value()});
  k.link.request(core::ClientMessage{core::MarkLine{"7-1", core::LineState::cooking}});
  CHECK(k.state().orders.at("o1").lines[0].state == core::LineState::cooking);

  SECTION("the same bump again is a conflict") {
    k.link.request(core::ClientMessage{core::MarkLine{"7-1", core::LineState::cooking}});
    const auto errors = k.events_of<core::ErrorMessage>();
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].error.code == core::ErrorCode::conflict);
  }
  SECTION("recalled within a minute") {
    k.now += core::kRecallWindowMs;
    k.link.request(core::ClientMessage{core::RecallLine{"7-1"}});
    CHECK(k.events_of<core::ErrorMessage>().empty());
    CHECK(k.state().orders.at("o1").lines[0].state == core::LineState::queued);
  }
  SECTION("not a millisecond later") {
    k.now += core::kRecallWindowMs + 1;
    k.link.request(core::ClientMessage{core::RecallLine{"7-1"}});
    const auto errors = k.events_of<core::ErrorMessage>();
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].error.code == core::ErrorCode::conflict);
    CHECK(k.state().orders.at("o1").lines[0].state == core::LineState::cooking);
  }
}

TEST_CASE("fake kitchen: a manager's comp, close and breach log", "[net][fake]") {
  auto made = core::make_order("o1", {{"gongbao", 1, ""}, {"fish", 1, ""}}, fake_menu(), 3, "5", kStart,
                               {60, core::FreeUnservedPolicy{}});
  REQUIRE(made.ok());
  Kitchen k(core::Role::manager, "", {made.value()});
  k.link.request(core::ClientMessage{core::CompLine{"3-2", "cold fish"}});
  CHECK(k.state().orders.at("o1").discount == 12800);
  k.link.request(core::ClientMessage{core::CompLine{"3-2", "again"}});
  REQUIRE(k.events_of<core::ErrorMessage>().size() == 1);  // a second comp is a conflict

  k.now = kStart + 60'001;  // the gongbao is late
  k.state();
  const auto log_req = k.link.request(core::ClientMessage{core::GetBreachLog{}});
  std::optional<core::BreachLog> log;
  for (net::Event& e : k.link.take_events()) {
    if (auto* l = std::get_if<core::BreachLog>(&e.payload); l && e.req == log_req) log = *l;
  }
  REQUIRE(log);
  REQUIRE(log->entries.size() == 1);
  CHECK(log->entries[0].seq == 3);
  CHECK(log->entries[0].discount == 3800);  // the promise's own, comps excluded
  CHECK(log->entries[0].at_ms == kStart + 60'001);

  k.link.request(core::ClientMessage{core::CloseTable{"5", std::nullopt}});
  const auto bills = k.events_of<core::BillMessage>();
  REQUIRE(bills.size() == 1);
  CHECK(bills[0].bill.total == 0);  // the late dish free, the fish comped
  CHECK(k.state().orders.empty());
}

TEST_CASE("fake kitchen: a tablet sees its own table only", "[net][fake]") {
  auto mine = core::make_order("mine", {{"gongbao", 1, ""}}, fake_menu(), 1, "12", kStart, {60, {}});
  auto theirs = core::make_order("theirs", {{"gongbao", 1, ""}}, fake_menu(), 2, "14", kStart, {60, {}});
  REQUIRE(mine.ok());
  REQUIRE(theirs.ok());
  Kitchen k(core::Role::table, "12", {mine.value(), theirs.value()});
  const net::State s = k.state();
  CHECK(s.orders.size() == 1);
  CHECK(s.orders.count("mine") == 1);
  REQUIRE(s.welcome);
  CHECK(s.welcome->table == std::optional<std::string>("12"));
  CHECK(s.connection.connected);
}
