// The service with a manual clock, fake participants and SQLite on
// :memory:: the millisecond edges of the promise that real time cannot hit.

#include <catch2/catch.hpp>

#include "tests/server/service_fixture.hpp"

using namespace hourglass;
using namespace hourglass::kitchen;

using namespace hourglass::kitchen::testing;

TEST_CASE("service: replies and pushes leave only after the commit", "[server]") {
  Fixture f;
  f.service->handle(
      f.table1, core::ClientEnvelope{core::RequestId{std::int64_t{5}}, core::PlaceOrder{"o1", {{"gongbao", 1, ""}}}});
  CHECK(f.storage.in_batch());
  CHECK(f.table1->received.empty());
  CHECK(f.kds->received.empty());
  f.service->flush();
  CHECK_FALSE(f.storage.in_batch());
  CHECK(f.storage.find_order("o1"));
  REQUIRE(f.table1->received.size() == 1);
  CHECK(f.table1->received[0].re == core::RequestId{std::int64_t{5}});
  REQUIRE(f.kds->received.size() == 1);
  CHECK_FALSE(f.kds->received[0].re);
  CHECK(f.table2->received.empty());
}

TEST_CASE("service: the promise at the millisecond edges of the deadline", "[server]") {
  Fixture f;
  const core::Order order = f.place();
  REQUIRE(order.deadline_ms == 1'000'000 + 60'000);
  const auto [served_at, breached] = GENERATE(table<std::int64_t, bool>({{-1, false}, {0, false}, {1, true}}));
  CAPTURE(served_at);
  f.clock.set(order.deadline_ms - 10);
  f.ask(f.kds, core::MarkLine{order.lines[1].line_id, core::LineState::served});  // the rice, in time
  f.clock.set(order.deadline_ms - 1);
  f.service->evaluate_due();  // a millisecond early: nothing is due
  f.service->flush();
  f.clock.set(order.deadline_ms + served_at);
  f.ask(f.kds, core::MarkLine{order.lines[0].line_id, core::LineState::served});
  f.table1->received.clear();
  // Evaluated at the deadline, or just after the late serve (it stays late).
  f.clock.set(std::max(order.deadline_ms, order.deadline_ms + served_at));
  f.service->evaluate_due();
  f.service->flush();
  const auto& got = f.table1->received;
  REQUIRE(got.size() == (breached ? 2u : 1u));
  if (breached) {
    const auto* breach = std::get_if<core::BreachMessage>(&got[0].message);
    REQUIRE(breach);
    REQUIRE(breach->late_lines.size() == 1);
    CHECK(breach->late_lines[0].item == "gongbao");
    CHECK(breach->discount == 3800);
    CHECK(f.storage.breaches({}).size() == 1);
  }
  const auto* update = std::get_if<core::OrderMessage>(&got.back().message);
  REQUIRE(update);
  CHECK(update->order.status == (breached ? core::OrderStatus::breached : core::OrderStatus::kept));
}

TEST_CASE("service: overdue orders are evaluated once at start-up, and never again", "[server]") {
  Fixture f;
  const core::Order order = f.place();
  f.clock.set(order.deadline_ms + 3'600'000);  // the server was "down" for an hour
  Hub hub2;
  KitchenService restarted(f.config, core::Menu{}, f.storage, f.clock, hub2);
  restarted.start();
  CHECK(f.storage.breaches({}).size() == 1);
  CHECK(f.storage.find_order("o1")->order.status == core::OrderStatus::breached);
  KitchenService again(f.config, core::Menu{}, f.storage, f.clock, hub2);
  again.start();
  CHECK(f.storage.breaches({}).size() == 1);
  CHECK(again.open_orders() == 1);  // breached, not closed
  CHECK_FALSE(again.next_deadline());
}

TEST_CASE("service: recall puts a bumped line back and restarts its clock", "[server]") {
  Fixture f;
  const core::Order order = f.place();
  const std::string line = order.lines[0].line_id;
  f.ask(f.kds, core::MarkLine{line, core::LineState::served});
  auto kds2 = f.join(9, Identity{core::Role::kds, std::nullopt, "", "kds2"});
  CHECK(std::get<core::ErrorMessage>(f.ask(kds2, core::RecallLine{line}).message).error.code ==
        core::ErrorCode::conflict);
  f.clock.advance(1'000);
  auto reply = f.ask(f.kds, core::RecallLine{line});
  const auto* recalled = std::get_if<core::OrderMessage>(&reply.message);
  REQUIRE(recalled);
  CHECK(recalled->order.lines[0].state == core::LineState::queued);
  CHECK_FALSE(recalled->order.lines[0].served_at_ms);
  // Once only, and only within the minute.
  CHECK(std::holds_alternative<core::ErrorMessage>(f.ask(f.kds, core::RecallLine{line}).message));
  f.ask(f.kds, core::MarkLine{line, core::LineState::cooking});
  f.clock.advance(60'001);
  CHECK(std::holds_alternative<core::ErrorMessage>(f.ask(f.kds, core::RecallLine{line}).message));
}

TEST_CASE("service: closing a table just after a deadline the timer has not reached yet still settles the promise",
          "[server]") {
  Fixture f;
  const core::Order order = f.place();
  f.clock.set(order.deadline_ms + 5);  // due, but evaluate_due() has not run
  const auto reply = f.ask(f.kds, core::CloseTable{"1", std::nullopt});
  const auto* bill = std::get_if<core::BillMessage>(&reply.message);
  REQUIRE(bill);
  REQUIRE(bill->bill.orders.size() == 1);
  CHECK(bill->bill.orders[0].status == core::OrderStatus::closed);
  CHECK(bill->bill.discount == order.subtotal);  // every promised line was late: all free
  CHECK(f.storage.breaches({}).size() == 1);
  f.service->evaluate_due();
  f.service->flush();
  CHECK(f.storage.breaches({}).size() == 1);

  // Closed a millisecond before the deadline: never evaluated.
  Fixture early;
  const core::Order on_time = early.place();
  early.clock.set(on_time.deadline_ms - 1);
  early.ask(early.kds, core::CloseTable{"1", std::nullopt});
  early.clock.set(on_time.deadline_ms + 1000);
  early.service->evaluate_due();
  early.service->flush();
  CHECK(early.storage.breaches({}).empty());
}

TEST_CASE("service: a commit that fails rolls the batch back and sends nothing", "[server]") {
  Fixture f;
  f.service->handle(f.table1,
                    core::ClientEnvelope{core::RequestId{std::int64_t{5}}, core::PlaceOrder{"o1", {{"rice", 1, ""}}}});
  REQUIRE(f.storage.in_batch());
  f.storage.fail_commit = true;
  CHECK_THROWS(f.service->flush());
  CHECK_FALSE(f.storage.in_batch());  // rolled back, not left open
  CHECK_FALSE(f.storage.find_order("o1"));
  CHECK(f.table1->received.empty());
  CHECK(f.kds->received.empty());
  // Nothing of it is sent or committed by a later flush either.
  f.storage.fail_commit = false;
  f.service->flush();
  CHECK(f.table1->received.empty());
  CHECK_FALSE(f.storage.find_order("o1"));
}

TEST_CASE("service: a request that throws half-way leaves nothing of its batch", "[server]") {
  Fixture f;
  // An earlier request in the same group commit, not yet committed: it goes too.
  f.service->handle(f.table2,
                    core::ClientEnvelope{core::RequestId{std::int64_t{4}}, core::PlaceOrder{"o2", {{"rice", 1, ""}}}});
  f.storage.fail_audit = true;  // the order row is written, then its audit row fails
  CHECK_THROWS(f.service->handle(
      f.table1, core::ClientEnvelope{core::RequestId{std::int64_t{5}}, core::PlaceOrder{"o1", {{"rice", 1, ""}}}}));
  CHECK_FALSE(f.storage.in_batch());
  f.storage.fail_audit = false;
  f.service->flush();
  CHECK_FALSE(f.storage.find_order("o1"));
  CHECK_FALSE(f.storage.find_order("o2"));
  CHECK(f.storage.count_audit() == 0);
  CHECK(f.table1->received.empty());
  CHECK(f.table2->received.empty());
  CHECK(f.kds->received.empty());
}
