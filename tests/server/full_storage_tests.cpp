// A full storage (a full disk, or the database at its cap) in the service:
// the batch is rolled back and everything in memory with it, its requests
// are refused `rate_limited`, deadlines wait a second and try again, and
// all of it works again, without a restart, once there is room.

#include <catch2/catch.hpp>

#include "tests/server/service_fixture.hpp"

using namespace hourglass;
using namespace hourglass::kitchen;
using namespace hourglass::kitchen::testing;

namespace {

const core::ErrorMessage* refusal(const core::ServerEnvelope& envelope) {
  return std::get_if<core::ErrorMessage>(&envelope.message);
}

core::ClientEnvelope request(std::int64_t req, core::ClientMessage message) {
  return core::ClientEnvelope{core::RequestId{req}, std::move(message)};
}

// The orders a screen is given on (re)connecting, as the service has them now.
std::vector<core::Order> snapshot_for(Fixture& f, std::uint64_t id) {
  auto screen = f.join(id, Identity{core::Role::kds, std::nullopt, "", "kds-check"});
  f.service->welcome(screen, std::nullopt);
  f.service->flush();
  for (const auto& envelope : screen->received) {
    if (const auto* snapshot = std::get_if<core::Snapshot>(&envelope.message)) return snapshot->orders;
  }
  FAIL("no snapshot in the welcome");
  return {};
}

}  // namespace

TEST_CASE("service: a commit that finds the storage full refuses every request of the batch rate_limited, and keeps "
          "nothing of it, in the storage or in memory",
          "[server][faults]") {
  Fixture f;
  f.service->handle(f.table2, request(4, core::PlaceOrder{"o2", {{"rice", 1, ""}}}));
  f.service->handle(f.table1, request(5, core::PlaceOrder{"o1", {{"rice", 1, ""}}}));
  f.storage.full_commit = true;
  f.service->flush();  // does not throw: the server goes on
  CHECK(f.service->storage_full());
  CHECK_FALSE(f.storage.in_batch());
  CHECK_FALSE(f.storage.find_order("o1"));
  CHECK_FALSE(f.storage.find_order("o2"));
  for (const auto& [table, req] : {std::pair{f.table1, 5}, std::pair{f.table2, 4}}) {
    REQUIRE(table->received.size() == 1);
    CHECK(table->received[0].re == core::RequestId{std::int64_t{req}});
    const auto* error = refusal(table->received[0]);
    REQUIRE(error);
    CHECK(error->error.code == core::ErrorCode::rate_limited);
    CHECK(error->error.message.find("storage is full") != std::string::npos);
  }
  CHECK(f.kds->received.empty());  // no push of an order that is not there
  CHECK(f.service->open_orders() == 0);

  // Room again: the tablets send the same orders, taken once, with the
  // ticket numbers the refused ones would have had (none lost to them).
  f.storage.full_commit = false;
  f.table1->received.clear();
  const auto again = f.ask(f.table1, core::PlaceOrder{"o1", {{"rice", 1, ""}}});
  const auto* placed = std::get_if<core::OrderMessage>(&again.message);
  REQUIRE(placed);
  CHECK(placed->order.seq == 1);
  CHECK_FALSE(f.service->storage_full());
  CHECK(snapshot_for(f, 10).size() == 1);
}

TEST_CASE("service: a change refused for a full storage is undone in memory too", "[server][faults]") {
  Fixture f;
  const core::Order order = f.place();
  f.storage.full_audit = true;  // the line's row is written, then its audit row finds no room
  const auto reply = f.ask(f.kds, core::MarkLine{order.lines[0].line_id, core::LineState::served});
  const auto* error = refusal(reply);
  REQUIRE(error);
  CHECK(error->error.code == core::ErrorCode::rate_limited);
  CHECK(f.table1->received.empty());
  f.storage.full_audit = false;
  // The screens that connect now see the line as committed: not served.
  const auto orders = snapshot_for(f, 10);
  REQUIRE(orders.size() == 1);
  CHECK(orders[0].lines[0].state == core::LineState::queued);
  CHECK(f.storage.find_order(order.order_id)->order.lines[0].state == core::LineState::queued);
  // And the same bump, sent again, is taken.
  const auto retried = f.ask(f.kds, core::MarkLine{order.lines[0].line_id, core::LineState::served});
  REQUIRE(std::holds_alternative<core::OrderMessage>(retried.message));
  CHECK(std::get<core::OrderMessage>(retried.message).order.lines[0].state == core::LineState::served);
}

TEST_CASE("service: a deadline that falls due while the storage is full is tried again a second later and its breach "
          "is applied once when there is room",
          "[server][faults]") {
  Fixture f;
  const core::Order order = f.place();
  f.storage.full_audit = true;
  f.clock.set(order.deadline_ms + 1);
  f.service->evaluate_due();
  f.service->flush();
  CHECK(f.service->storage_full());
  CHECK(f.storage.breaches({}).empty());
  CHECK(f.table1->received.empty());  // no apology for a breach that is not written
  CHECK(f.kds->received.empty());
  // Not again at once (no busy loop on a full disk): a second later.
  REQUIRE(f.service->next_deadline());
  CHECK(*f.service->next_deadline() == order.deadline_ms + 1 + 1000);
  f.clock.set(order.deadline_ms + 999);
  f.service->evaluate_due();
  f.service->flush();
  CHECK(f.storage.breaches({}).empty());

  SECTION("still full a second later: tried again, still nothing written") {
    f.clock.set(order.deadline_ms + 1001);
    f.service->evaluate_due();
    f.service->flush();
    CHECK(f.storage.breaches({}).empty());
    CHECK(*f.service->next_deadline() == order.deadline_ms + 1001 + 1000);
  }
  SECTION("room a second later: the breach, once") {
    f.storage.full_audit = false;
    f.clock.set(order.deadline_ms + 1001);
    f.service->evaluate_due();
    f.service->flush();
    CHECK_FALSE(f.service->storage_full());
    REQUIRE(f.storage.breaches({}).size() == 1);
    CHECK(f.storage.breaches({})[0].order_id == order.order_id);
    bool apology = false;
    for (const auto& envelope : f.table1->received) {
      apology = apology || std::holds_alternative<core::BreachMessage>(envelope.message);
    }
    CHECK(apology);
    CHECK_FALSE(f.service->next_deadline());
    f.clock.advance(60'000);
    f.service->evaluate_due();
    f.service->flush();
    CHECK(f.storage.breaches({}).size() == 1);
  }
}

TEST_CASE("service: a screen welcomed in a batch that found the storage full is welcomed again", "[server][faults]") {
  Fixture f;
  f.place();
  f.service->handle(f.table2, request(4, core::PlaceOrder{"o2", {{"rice", 1, ""}}}));
  auto screen = std::make_shared<FakeParticipant>(20, Identity{core::Role::kds, std::nullopt, "", "kds-2"});
  f.service->welcome(screen, core::RequestId{std::int64_t{1}});
  f.storage.full_commit = true;
  f.service->flush();
  f.storage.full_commit = false;
  f.service->flush();  // the welcome queued again goes out
  REQUIRE_FALSE(screen->received.empty());
  CHECK(std::holds_alternative<core::Welcome>(screen->received[0].message));
  CHECK(screen->received[0].re == core::RequestId{std::int64_t{1}});
  const core::Snapshot* snapshot = nullptr;
  for (const auto& envelope : screen->received) {
    if (const auto* s = std::get_if<core::Snapshot>(&envelope.message)) snapshot = s;
  }
  REQUIRE(snapshot);
  REQUIRE(snapshot->orders.size() == 1);  // o1, committed; not o2, refused
  CHECK(snapshot->orders[0].order_id == "o1");
}

TEST_CASE("service: a dish marked sold out or back on in a batch that found the storage full is as it was",
          "[server][faults]") {
  Fixture f;
  f.service->handle(f.kds, request(6, core::SetSoldOut{"rice", true}));
  f.service->flush();
  REQUIRE(f.storage.sold_out_items() == std::vector<std::string>{"rice"});
  f.storage.full_commit = true;
  f.service->handle(f.kds, request(7, core::SetSoldOut{"rice", false}));  // back on: refused
  f.service->handle(f.kds, request(8, core::SetSoldOut{"mapo", true}));   // sold out: refused
  f.service->flush();
  f.storage.full_commit = false;
  // Still sold out, as committed: a table cannot order it.
  const auto rice = f.ask(f.table1, core::PlaceOrder{"o1", {{"rice", 1, ""}}});
  REQUIRE(refusal(rice));
  CHECK(refusal(rice)->error.code == core::ErrorCode::sold_out);
  // And the one the refused batch marked is still on.
  const auto mapo = f.ask(f.table1, core::PlaceOrder{"o2", {{"mapo", 1, ""}}});
  CHECK(std::holds_alternative<core::OrderMessage>(mapo.message));
  CHECK(f.storage.sold_out_items() == std::vector<std::string>{"rice"});
}
