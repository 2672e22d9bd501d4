// Protocol v1.1 in the service with a manual clock: the promise rules that
// pick an order's terms, and the per_late_minute compensation at its edges
// (the deadline, +1 ms, exactly a minute, the cap, cancelled, closed, the
// server down across minutes), the breach record following it until settled.

#include <catch2/catch.hpp>

#include "shared/core/local_time.hpp"
#include "tests/server/service_fixture.hpp"

using namespace hourglass;
using namespace hourglass::kitchen;
using namespace hourglass::kitchen::testing;
using core::LineState;

namespace {

constexpr std::int64_t kMinute = 60'000;

core::PromiseTerms per_minute(core::Fen per_minute, core::Fen cap) {
  return core::PromiseTerms{60, core::PerLateMinutePolicy{per_minute, cap}};
}

// gongbao 38.00 (the late one) and mapo 28.00, served in time.
core::Order place_two(Fixture& f) {
  auto reply = f.ask(f.table1, core::PlaceOrder{"o1", {{"gongbao", 1, ""}, {"mapo", 1, ""}}});
  const auto* placed = std::get_if<core::OrderMessage>(&reply.message);
  REQUIRE(placed);
  f.clock.set(placed->order.deadline_ms - 1000);
  f.ask(f.kds, core::MarkLine{placed->order.lines[1].line_id, LineState::served});
  return placed->order;
}

void breach_at_deadline(Fixture& f, const core::Order& order) {
  f.clock.set(order.deadline_ms);
  f.service->evaluate_due();
  f.service->flush();
}

core::BreachEntry the_breach(Fixture& f) {
  const auto entries = f.storage.breaches({});
  REQUIRE(entries.size() == 1);
  return entries.front();
}

core::Fen discount_now(Fixture& f) {
  const auto stored = f.storage.find_order("o1");
  REQUIRE(stored);
  return stored->order.discount;
}

// Ticks the accrual every 10 s from now until `until_ms`, as the server does every second.
void tick_until(Fixture& f, std::int64_t until_ms) {
  for (std::int64_t t = f.clock.now_ms(); t <= until_ms; t += 10'000) {
    f.clock.set(t);
    f.service->advance_accruals();
    f.service->flush();
  }
  f.clock.set(until_ms);
  f.service->advance_accruals();
  f.service->flush();
}

}  // namespace

TEST_CASE("per_late_minute: served at the deadline is kept, and nothing accrues", "[server][v11]") {
  Fixture f(per_minute(500, 1500));
  const core::Order order = place_two(f);
  f.clock.set(order.deadline_ms);
  f.ask(f.kds, core::MarkLine{order.lines[0].line_id, LineState::served});
  breach_at_deadline(f, order);
  CHECK(f.storage.breaches({}).empty());
  CHECK(f.storage.find_order("o1")->order.status == core::OrderStatus::kept);
  CHECK(discount_now(f) == 0);
  CHECK(f.service->accruing_orders() == 0);
}

TEST_CASE("per_late_minute: the late line served after the deadline owes each started minute, up to the cap",
          "[server][v11]") {
  const auto [served_after, owed] = GENERATE(table<std::int64_t, core::Fen>({
      {1, 500},                // +1 ms: the first minute has started
      {kMinute, 500},          // exactly one minute: still the first
      {kMinute + 1, 1000},     // the second minute has started
      {2 * kMinute + 1, 1500}, // the third: the cap
      {10 * kMinute, 1500},    // the cap holds
  }));
  CAPTURE(served_after);
  Fixture f(per_minute(500, 1500));
  const core::Order order = place_two(f);
  breach_at_deadline(f, order);
  // At once: breached, the first minute owed, the breach not settled.
  CHECK(discount_now(f) == 500);
  CHECK(the_breach(f).discount == 500);
  CHECK_FALSE(the_breach(f).settled);
  CHECK(f.service->accruing_orders() == 1);

  tick_until(f, order.deadline_ms + served_after);
  f.ask(f.kds, core::MarkLine{order.lines[0].line_id, LineState::served});
  CHECK(discount_now(f) == owed);
  CHECK(the_breach(f).discount == owed);
  CHECK(the_breach(f).settled);
  CHECK(f.service->accruing_orders() == 0);
  // Settled: nothing grows later.
  tick_until(f, order.deadline_ms + 60 * kMinute);
  CHECK(discount_now(f) == owed);
  CHECK(the_breach(f).discount == owed);
}

TEST_CASE("per_late_minute: the table sees the amount grow, pushed once per minute", "[server][v11]") {
  Fixture f(per_minute(500, 5000));
  const core::Order order = place_two(f);
  breach_at_deadline(f, order);
  f.table1->received.clear();
  tick_until(f, order.deadline_ms + 3 * kMinute + 1);  // minutes 2, 3 and 4 start
  std::vector<core::Fen> pushed;
  for (const auto& envelope : f.table1->received) {
    if (const auto* update = std::get_if<core::OrderMessage>(&envelope.message)) pushed.push_back(update->order.discount);
  }
  CHECK(pushed == std::vector<core::Fen>{1000, 1500, 2000});
}

TEST_CASE("per_late_minute: cancelling the late line stops the accrual at the cancel", "[server][v11]") {
  Fixture f(per_minute(500, 5000));
  const core::Order order = place_two(f);
  breach_at_deadline(f, order);
  tick_until(f, order.deadline_ms + 90'000);
  f.ask(f.kds, core::CancelLine{order.lines[0].line_id, "out of chicken"});
  CHECK(discount_now(f) == 1000);  // two started minutes, within the payable 28.00 left
  CHECK(the_breach(f).settled);
  tick_until(f, order.deadline_ms + 30 * kMinute);
  CHECK(discount_now(f) == 1000);
}

TEST_CASE("per_late_minute: closing the table stops the accrual at the close", "[server][v11]") {
  Fixture f(per_minute(500, 5000));
  const core::Order order = place_two(f);
  breach_at_deadline(f, order);
  tick_until(f, order.deadline_ms + 150'000);
  auto reply = f.ask(f.kds, core::CloseTable{"1", std::nullopt});
  const auto* bill = std::get_if<core::BillMessage>(&reply.message);
  REQUIRE(bill);
  CHECK(bill->bill.discount == 1500);  // three started minutes
  const auto closed = f.storage.find_order("o1");
  CHECK(closed->order.closed_at_ms == order.deadline_ms + 150'000);
  CHECK(the_breach(f).settled);
  CHECK(the_breach(f).discount == 1500);
}

TEST_CASE("per_late_minute: never more than the order's payable amount", "[server][v11]") {
  Fixture f(per_minute(5000, 100'000));
  const core::Order order = place_two(f);
  breach_at_deadline(f, order);
  tick_until(f, order.deadline_ms + 5 * kMinute);
  CHECK(discount_now(f) == 6600);  // the whole order, no more
  const auto bill = std::get<core::BillMessage>(f.ask(f.table1, core::GetBill{}).message);
  CHECK(bill.bill.total == 0);
}

TEST_CASE("per_late_minute: the server down across minutes owes them, from the stored times alone", "[server][v11]") {
  Fixture f(per_minute(500, 5000));
  const core::Order order = place_two(f);
  breach_at_deadline(f, order);
  CHECK(discount_now(f) == 500);
  // Down from here; up again 5 min 30 s after the deadline: six started minutes.
  f.clock.set(order.deadline_ms + 5 * kMinute + 30'000);
  Hub hub2;
  auto restarted = std::make_unique<KitchenService>(f.config, f.menu, f.storage, f.clock, hub2);
  restarted->start();
  CHECK(discount_now(f) == 3000);
  CHECK(the_breach(f).discount == 3000);
  CHECK_FALSE(the_breach(f).settled);
  CHECK(restarted->accruing_orders() == 1);
  // A second restart at the same time changes nothing.
  restarted = std::make_unique<KitchenService>(f.config, f.menu, f.storage, f.clock, hub2);
  restarted->start();
  CHECK(discount_now(f) == 3000);
}

TEST_CASE("per_late_minute: down across the deadline itself, evaluated at start-up with the minutes owed",
          "[server][v11]") {
  Fixture f(per_minute(500, 5000));
  const core::Order order = place_two(f);
  f.clock.set(order.deadline_ms + 2 * kMinute + 1);  // down over the deadline and two minutes more
  Hub hub2;
  KitchenService restarted(f.config, f.menu, f.storage, f.clock, hub2);
  restarted.start();
  CHECK(discount_now(f) == 1500);
  CHECK(the_breach(f).discount == 1500);
  CHECK_FALSE(the_breach(f).settled);
}

TEST_CASE("rules: party size picks the promise, recorded on the order", "[server][v11]") {
  core::PromiseRule big;
  big.party_min = 5;
  big.party_max = 10;
  big.terms = core::PromiseTerms{2700, core::FreeUnservedPolicy{}};
  big.sets_seconds = true;
  Fixture f(core::PromiseTerms{900, core::FreeUnservedPolicy{}}, {big});
  const auto [party, seconds] = GENERATE(table<std::optional<int>, std::int64_t>(
      {{std::nullopt, 900}, {4, 900}, {5, 2700}, {10, 2700}, {11, 900}}));
  CAPTURE(party);
  core::PlaceOrder place{"o1", {{"gongbao", 1, ""}}, party};
  const auto reply = f.ask(f.table1, place);
  const auto* placed = std::get_if<core::OrderMessage>(&reply.message);
  REQUIRE(placed);
  CHECK(placed->order.promise.seconds == seconds);
  CHECK(placed->order.deadline_ms == placed->order.accepted_at_ms + seconds * 1000);
  CHECK(placed->order.party_size == party);
  CHECK(f.storage.find_order("o1")->order.party_size == party);
}

TEST_CASE("rules: the time of day in the store's zone, until exclusive", "[server][v11]") {
  core::use_timezone("UTC");
  core::PromiseRule lunch;
  lunch.from_minute = 10;  // 00:10 UTC
  lunch.until_minute = 20;
  lunch.terms = core::PromiseTerms{1200, core::PerLateMinutePolicy{500, 5000}};
  Fixture f(core::PromiseTerms{900, core::FreeUnservedPolicy{}}, {lunch});
  const auto [at_ms, seconds] = GENERATE(table<std::int64_t, std::int64_t>({
      {10 * kMinute - 1, 900},  // 00:09:59.999
      {10 * kMinute, 1200},     // 00:10
      {20 * kMinute - 1, 1200}, // 00:19:59.999
      {20 * kMinute, 900},      // 00:20: until is exclusive
  }));
  CAPTURE(at_ms);
  f.clock.set(at_ms);
  const auto reply = f.ask(f.table1, core::PlaceOrder{"o1", {{"gongbao", 1, ""}}});
  const auto* placed = std::get_if<core::OrderMessage>(&reply.message);
  REQUIRE(placed);
  CHECK(placed->order.promise.seconds == seconds);
  CHECK(core::accrues(placed->order.promise.policy) == (seconds == 1200));
}
