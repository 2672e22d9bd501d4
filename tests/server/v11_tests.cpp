// Protocol v1.1 on the real hourglass-kitchen, through real sockets: sold
// out, hold and fire, kitchen load and the welcome's features, each from
// both sides (the request and what every other connection is pushed).

#include <signal.h>

#include <catch2/catch.hpp>
#include <set>

#include "tests/kit/test_kitchen.hpp"
#include "tests/server/test_support.hpp"

using namespace hourglass;
using namespace hourglass::test;
using core::ErrorCode;
using core::LineState;
using core::Role;

namespace {

core::Order order_of(const core::ServerEnvelope& envelope) {
  INFO(describe(envelope));
  const auto* message = as<core::OrderMessage>(envelope);
  REQUIRE(message);
  return message->order;
}

core::PlaceOrder order_with(const std::string& id, std::vector<core::LineRequest> lines) {
  core::PlaceOrder order;
  order.order_id = id;
  order.lines = std::move(lines);
  return order;
}

const core::MenuItem& item_in(const core::Menu& menu, const std::string& id) {
  const core::MenuItem* item = menu.find(id);
  REQUIRE(item);
  return *item;
}

// The next push of type T, skipping others (each connection gets them in order).
template <class T>
T next_of(LineClient& client, Ms timeout = 5s) {
  auto message = next_push_of<T>(client, timeout);
  if (!message) FAIL("no push of the expected type within the timeout");
  return *message;
}

core::Order next_order(LineClient& client, Ms timeout = 5s) { return next_of<core::OrderMessage>(client, timeout).order; }

}  // namespace

TEST_CASE("v1.1: welcome names the features, menu items carry sold_out and stations their cooks", "[server][v11]") {
  TestKitchen kitchen;
  auto table = connect_as(kitchen.port(), kTable1, Role::table);
  const auto& features = table.welcome.features;
  for (const char* feature : {"sold_out", "hold_fire", "kitchen_load"}) {
    CHECK(std::find(features.begin(), features.end(), feature) != features.end());
  }
  CHECK_FALSE(item_in(table.menu, "gongbao").sold_out);
  REQUIRE(table.menu.station("wok"));
  CHECK(table.menu.station("wok")->cooks == 6);
  // The raw menu line says "sold_out": false for every item (v1.1: false when absent).
  LineClient raw(kitchen.port());
  raw.send(core::Hello{core::kProtocolVersion, Role::kds, "raw", kKds});
  raw.read_line();  // welcome
  const auto menu_line = raw.read_line();
  REQUIRE(menu_line);
  CHECK(menu_line->find(R"("sold_out":false)") != std::string::npos);
  CHECK(menu_line->find(R"("sold_out":true)") == std::string::npos);
}

TEST_CASE("v1.1 sold out: staff mark it, every connection is pushed the item, ordering it is refused by name",
          "[server][v11]") {
  TestKitchen kitchen;
  auto kds = connect_as(kitchen.port(), kKds, Role::kds);
  auto table = connect_as(kitchen.port(), kTable1, Role::table);
  auto kiosk = connect_as(kitchen.port(), kKiosk1, Role::kiosk);
  auto manager = connect_as(kitchen.port(), kManager, Role::manager);

  // Only staff may, and only a dish on the menu.
  for (auto* diner : {&table.client, &kiosk.client}) {
    CHECK(error_of(diner->request(core::SetSoldOut{"gongbao", true})) == ErrorCode::forbidden);
  }
  CHECK(error_of(kds.client.request(core::SetSoldOut{"no_such_dish", true})) == ErrorCode::not_found);

  const auto reply = kds.client.request(core::SetSoldOut{"gongbao", true});
  CHECK(as<core::Ok>(reply));
  for (auto* client : {&kds.client, &table.client, &kiosk.client, &manager.client}) {
    const auto pushed = next_of<core::MenuItemMessage>(*client);
    CHECK(pushed.item.id == "gongbao");
    CHECK(pushed.item.sold_out);
    CHECK(pushed.item.price == item_in(kds.menu, "gongbao").price);  // the whole item
  }

  const auto refused = table.client.request(order_with("so-1", {{"rice", 1, ""}, {"gongbao", 1, ""}}));
  REQUIRE(error_of(refused) == ErrorCode::sold_out);
  const auto& error = as<core::ErrorMessage>(refused)->error;
  CHECK(error.item == "gongbao");
  CHECK(error.message.find("Kung Pao Chicken") != std::string::npos);
  CHECK(error.message.find("宫保鸡丁") != std::string::npos);
  // Nothing was stored: the kitchen has no order, and the id is still free.
  CHECK(connect_as(kitchen.port(), kKds2, Role::kds).snapshot.empty());
  CHECK(as<core::Ok>(manager.client.request(core::SetSoldOut{"gongbao", false})));
  CHECK_FALSE(next_of<core::MenuItemMessage>(table.client).item.sold_out);
  const auto placed = order_of(table.client.request(order_with("so-1", {{"rice", 1, ""}, {"gongbao", 1, ""}})));
  CHECK(placed.lines.size() == 2);
  // Its raw form: {"type":"error","code":"sold_out","item":"gongbao",...}.
  CHECK(as<core::Ok>(kds.client.request(core::SetSoldOut{"mapo", true})));
  LineClient raw(kitchen.port());
  raw.send(core::Hello{core::kProtocolVersion, Role::table, "raw", kTable2});
  for (int i = 0; i < 4; ++i) raw.read_line();  // welcome, menu, snapshot, kitchen_load
  raw.send_line(R"({"type":"place_order","req":5,"order_id":"so-raw","lines":[{"item":"mapo","qty":1}]})");
  const auto line = raw.read_line();
  REQUIRE(line);
  CHECK(line->find(R"("code":"sold_out")") != std::string::npos);
  CHECK(line->find(R"("item":"mapo")") != std::string::npos);
  CHECK(line->find(R"("re":5)") != std::string::npos);
}

TEST_CASE("v1.1 sold out is stored across a restart, and an accepted order_id resent after still returns the order",
          "[server][v11]") {
  TempDir dir;
  const auto config = dir.write_config();
  std::optional<ServerProcess> server;
  server.emplace(config);
  core::Order placed;
  {
    auto table = connect_as(server->port(), kTable1, Role::table);
    placed = order_of(table.client.request(order_with("kept-id", {{"mapo", 1, ""}})));
    auto kds = connect_as(server->port(), kKds, Role::kds);
    CHECK(as<core::Ok>(kds.client.request(core::SetSoldOut{"mapo", true})));
  }
  CHECK(server->stop(SIGTERM) == 0);
  server.emplace(config);
  auto table = connect_as(server->port(), kTable1, Role::table);
  CHECK(item_in(table.menu, "mapo").sold_out);
  CHECK_FALSE(item_in(table.menu, "gongbao").sold_out);
  // Idempotency wins: the resend of an accepted order is answered with it.
  const auto resent = order_of(table.client.request(order_with("kept-id", {{"mapo", 1, ""}})));
  CHECK(resent.seq == placed.seq);
  CHECK(resent.accepted_at_ms == placed.accepted_at_ms);
  CHECK(error_of(table.client.request(order_with("new-id", {{"mapo", 1, ""}}))) == ErrorCode::sold_out);
}

TEST_CASE("v1.1 hold and fire: held lines wait outside the promise, one fire makes a new round with its own clock",
          "[server][v11]") {
  TestConfig config;
  config.promise_seconds = 2;
  TestKitchen kitchen(config);
  auto table = connect_as(kitchen.port(), kTable1, Role::table);
  auto kds = connect_as(kitchen.port(), kKds, Role::kds);
  auto other = connect_as(kitchen.port(), kTable2, Role::table);

  const core::Order first = order_of(table.client.request(
      order_with("round-1", {{"rice", 1, ""}, {"mango_pudding", 2, "", true}, {"bingfen", 1, "", true}})));
  REQUIRE(first.lines.size() == 3);
  CHECK(first.lines[0].state == LineState::queued);
  CHECK(first.lines[1].state == LineState::held);
  CHECK(first.lines[2].state == LineState::held);
  const auto price = [&](const std::string& id) { return item_in(table.menu, id).price; };
  CHECK(first.subtotal == price("rice") + 2 * price("mango_pudding") + price("bingfen"));
  CHECK(next_order(kds.client).lines[1].state == LineState::held);

  // A held line is not cooked: staff cannot bump it before it is fired.
  CHECK(error_of(kds.client.request(core::MarkLine{first.lines[1].line_id, LineState::cooking})) ==
        ErrorCode::conflict);
  // The rice is served in time; the held dessert is outside the promise: kept.
  order_of(kds.client.request(core::MarkLine{first.lines[0].line_id, LineState::served}));
  const core::Order evaluated = next_order(table.client);  // the served rice
  CHECK(evaluated.lines[0].state == LineState::served);
  core::Order verdict;
  REQUIRE(eventually([&] {
    auto push = table.client.next_push(200ms);
    if (push && as<core::OrderMessage>(*push)) verdict = as<core::OrderMessage>(*push)->order;
    return verdict.status != core::OrderStatus::open;
  }, 6s));
  CHECK(verdict.status == core::OrderStatus::kept);
  CHECK(verdict.discount == 0);

  // Fire checks: not held is conflict; another table's lines are forbidden.
  CHECK(error_of(table.client.request(core::FireLines{{first.lines[0].line_id}, "round-x"})) == ErrorCode::conflict);
  CHECK(error_of(other.client.request(core::FireLines{{first.lines[1].line_id}, "round-y"})) == ErrorCode::forbidden);
  CHECK(error_of(table.client.request(core::FireLines{{"999-1"}, "round-z"})) == ErrorCode::not_found);

  // One touch on the tablet: both held lines become round 2.
  const auto before_fire = wall_ms();
  const core::FireLines fire{{first.lines[1].line_id, first.lines[2].line_id}, "round-2"};
  const core::Order round = order_of(table.client.request(fire));
  CHECK(round.order_id == "round-2");
  CHECK(round.seq > first.seq);
  CHECK(round.fired_from == std::vector<std::int64_t>{first.seq});
  CHECK(round.table == "1");
  CHECK(round.accepted_at_ms >= before_fire - 1000);
  CHECK(round.deadline_ms == round.accepted_at_ms + 2000);
  REQUIRE(round.lines.size() == 2);
  CHECK(round.lines[0].item == "mango_pudding");
  CHECK(round.lines[0].qty == 2);
  CHECK(round.lines[0].state == LineState::queued);
  CHECK(round.lines[0].line_id == std::to_string(round.seq) + "-1");
  CHECK(round.subtotal == 2 * price("mango_pudding") + price("bingfen"));
  // The original: its lines fired, out of its subtotal; pushed to the table too.
  const core::Order original = next_order(table.client);
  CHECK(original.order_id == "round-1");
  CHECK(original.lines[1].state == LineState::fired);
  CHECK(original.lines[2].state == LineState::fired);
  CHECK(original.subtotal == price("rice"));
  // The kitchen display gets the new round and the changed original.
  std::set<std::string> seen;
  for (int i = 0; i < 4 && seen.size() < 2; ++i) {
    const auto push = kds.client.next_push();
    REQUIRE(push);
    if (const auto* message = as<core::OrderMessage>(*push)) seen.insert(message->order.order_id);
  }
  CHECK(seen == std::set<std::string>{"round-1", "round-2"});

  // The same request again: the same round, nothing changes.
  const core::Order again = order_of(table.client.request(fire));
  CHECK(again.seq == round.seq);
  CHECK(again.accepted_at_ms == round.accepted_at_ms);
  // Its own clock: not served within 2 s, round 2 breaches on its own.
  const auto breach = next_of<core::BreachMessage>(table.client, 6s);
  CHECK(breach.order_id == "round-2");
  CHECK(breach.late_lines.size() == 2);
  // The bill: the rice, and the dessert round (free: it was late).
  const auto bill = table.client.request(core::GetBill{});
  REQUIRE(as<core::BillMessage>(bill));
  CHECK(as<core::BillMessage>(bill)->bill.subtotal == price("rice") + 2 * price("mango_pudding") + price("bingfen"));
}

TEST_CASE("v1.1 fire_lines by staff, lines of two tables refused, a held line cancelled by its diner",
          "[server][v11]") {
  TestKitchen kitchen;
  auto one = connect_as(kitchen.port(), kTable1, Role::table);
  auto two = connect_as(kitchen.port(), kTable2, Role::table);
  auto kds = connect_as(kitchen.port(), kKds, Role::kds);
  const core::Order a = order_of(one.client.request(order_with("a", {{"mapo", 1, "", true}, {"rice", 1, "", true}})));
  const core::Order b = order_of(two.client.request(order_with("b", {{"gongbao", 1, "", true}})));
  CHECK(error_of(kds.client.request(core::FireLines{{a.lines[0].line_id, b.lines[0].line_id}, "mixed"})) ==
        ErrorCode::bad_request);
  CHECK(error_of(kds.client.request(core::FireLines{{}, "empty"})) == ErrorCode::bad_request);
  // The diner may still cancel a dish held for later.
  const core::Order cancelled = order_of(one.client.request(core::CancelLine{a.lines[1].line_id, "changed my mind"}));
  CHECK(cancelled.lines[1].state == LineState::cancelled);
  const core::Order round = order_of(kds.client.request(core::FireLines{{a.lines[0].line_id}, "fired-by-kds"}));
  CHECK(round.table == "1");
  CHECK(round.fired_from == std::vector<std::int64_t>{a.seq});
  // The table sees the round the kitchen fired for it; table 2 sees nothing of it.
  CHECK(next_order(one.client).order_id == "fired-by-kds");
  for (const auto& push : two.client.drain()) {
    if (const auto* message = as<core::OrderMessage>(push)) CHECK(message->order.table == "2");
  }
  // The id of an ordinary order is not a fired round: conflict, not a replay.
  CHECK(error_of(one.client.request(core::FireLines{{a.lines[0].line_id}, "a"})) == ErrorCode::conflict);
}

TEST_CASE("v1.1 kitchen load: after the snapshot, and pushed to everyone when it moves by a minute or more",
          "[server][v11]") {
  TestKitchen kitchen;
  auto table = connect_as(kitchen.port(), kTable1, Role::table);
  auto kds = connect_as(kitchen.port(), kKds, Role::kds);
  // An empty kitchen: the usual time of the slowest station's dish (the
  // steamer's promised dishes, 10 minutes in the sample menu).
  CHECK(table.load.wait_s == 600);
  CHECK(std::abs(table.load.at_ms - wall_ms()) < 5'000);

  // Twelve wok dishes on six woks: a new order would wait for two rounds.
  std::vector<core::LineRequest> lines;
  for (const char* id : {"gongbao", "mapo", "yuxiang_rousi", "huiguorou", "shuizhuyu", "ganbian_sijidou", "laziji",
                         "maoxuewang", "fanqie_chaodan", "liaohao_larou", "yangzhou_chaofan", "hongtang_ciba"}) {
    lines.push_back({id, 1, ""});
  }
  const core::Order big = order_of(table.client.request(order_with("big", lines)));
  const auto busy = kds.client.next_load(5s);
  REQUIRE(busy);
  CHECK(busy->wait_s >= table.load.wait_s + 60);
  const auto busy_table = table.client.next_load(5s);
  REQUIRE(busy_table);
  CHECK(busy_table->wait_s == busy->wait_s);
  auto late_comer = connect_as(kitchen.port(), kKiosk1, Role::kiosk);
  CHECK(late_comer.load.wait_s == busy->wait_s);

  // The kitchen cancels it all: back to idle, pushed again (10 s or more after the last).
  for (const auto& line : big.lines) order_of(kds.client.request(core::CancelLine{line.line_id, "test"}));
  const auto idle = kds.client.next_load(15s);
  REQUIRE(idle);
  CHECK(idle->wait_s == 600);
  CHECK(idle->at_ms - busy->at_ms >= 10'000);
}

TEST_CASE("ready_at_ms: the server stamps a line made ready, every screen is pushed it, and it is kept across a restart",
          "[server][v11]") {
  TempDir dir;
  const auto config = dir.write_config();
  std::optional<ServerProcess> server;
  server.emplace(config);
  core::Order ready;
  {
    auto table = connect_as(server->port(), kTable1, Role::table);
    const core::Order placed = order_of(table.client.request(order_with("expo-1", {{"mapo", 1, ""}, {"rice", 1, ""}})));
    auto kds = connect_as(server->port(), kKds, Role::kds);
    ready = order_of(kds.client.request(core::MarkLine{placed.lines[0].line_id, LineState::ready}));
    REQUIRE(ready.lines[0].ready_at_ms.has_value());
    CHECK(*ready.lines[0].ready_at_ms >= placed.accepted_at_ms);
    CHECK_FALSE(ready.lines[1].ready_at_ms.has_value());
    CHECK(next_order(table.client).lines[0].ready_at_ms == ready.lines[0].ready_at_ms);
  }
  CHECK(server->stop(SIGTERM) == 0);
  server.emplace(config);
  auto kds = connect_as(server->port(), kKds, Role::kds);
  REQUIRE(kds.snapshot.size() == 1);
  CHECK(kds.snapshot[0].lines[0].ready_at_ms == ready.lines[0].ready_at_ms);
}

TEST_CASE("cooking_at_ms: the server stamps when a cook starts a line, for speed of service, kept across a restart",
          "[server][v11]") {
  TempDir dir;
  const auto config = dir.write_config();
  std::optional<ServerProcess> server;
  server.emplace(config);
  core::Order ready;
  {
    auto table = connect_as(server->port(), kTable1, Role::table);
    const core::Order placed = order_of(table.client.request(order_with("cook-1", {{"mapo", 1, ""}, {"rice", 1, ""}})));
    CHECK_FALSE(placed.lines[0].cooking_at_ms.has_value());
    auto kds = connect_as(server->port(), kKds, Role::kds);
    const core::Order cooking = order_of(kds.client.request(core::MarkLine{placed.lines[0].line_id, LineState::cooking}));
    REQUIRE(cooking.lines[0].cooking_at_ms.has_value());
    CHECK(*cooking.lines[0].cooking_at_ms >= placed.accepted_at_ms);
    CHECK_FALSE(cooking.lines[1].cooking_at_ms.has_value());
    CHECK(next_order(table.client).lines[0].cooking_at_ms == cooking.lines[0].cooking_at_ms);
    ready = order_of(kds.client.request(core::MarkLine{placed.lines[0].line_id, LineState::ready}));
    CHECK(ready.lines[0].cooking_at_ms == cooking.lines[0].cooking_at_ms);  // ready keeps when it started
    REQUIRE(ready.lines[0].ready_at_ms.has_value());
    CHECK(*ready.lines[0].ready_at_ms >= *ready.lines[0].cooking_at_ms);
    // Straight to ready, never started: no cooking time to report.
    const core::Order rice = order_of(kds.client.request(core::MarkLine{placed.lines[1].line_id, LineState::ready}));
    CHECK_FALSE(rice.lines[1].cooking_at_ms.has_value());
  }
  CHECK(server->stop(SIGTERM) == 0);
  server.emplace(config);
  auto kds = connect_as(server->port(), kKds, Role::kds);
  REQUIRE(kds.snapshot.size() == 1);
  CHECK(kds.snapshot[0].lines[0].cooking_at_ms == ready.lines[0].cooking_at_ms);
}
