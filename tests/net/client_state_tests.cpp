#include <catch2/catch.hpp>

#include "shared/net/client_state.hpp"

using namespace hourglass;

namespace {

core::Order make_order(const std::string& id, std::int64_t seq, core::OrderStatus status = core::OrderStatus::open) {
  core::Order order;
  order.order_id = id;
  order.seq = seq;
  order.table = "12";
  order.status = status;
  return order;
}

core::ServerEnvelope push(core::ServerMessage message) {
  return core::ServerEnvelope{std::nullopt, std::move(message)};
}

core::ServerEnvelope reply(std::int64_t re, core::ServerMessage message) {
  return core::ServerEnvelope{core::RequestId{re}, std::move(message)};
}

net::PendingOrder pending(const std::string& id, net::RequestId req) {
  net::PendingOrder order;
  order.order_id = id;
  order.req = req;
  order.lines = {core::LineRequest{"rice", 1, ""}};
  return order;
}

}  // namespace

TEST_CASE("client state: a snapshot replaces every order", "[net]") {
  net::State state;
  state.orders["stale"] = make_order("stale", 1);
  core::Snapshot snapshot{{make_order("a", 2), make_order("b", 3)}};
  const auto result = net::apply_server_message(state, push(snapshot));
  CHECK(result.snapshot_received);
  CHECK(state.connection.synced);
  CHECK(state.orders.size() == 2);
  CHECK(state.orders.contains("a"));
  CHECK_FALSE(state.orders.contains("stale"));
}

TEST_CASE("client state: order messages upsert, closed orders move to the closed list", "[net]") {
  net::State state;
  net::apply_server_message(state, push(core::OrderMessage{make_order("a", 2)}));
  REQUIRE(state.orders.contains("a"));
  auto rushed = make_order("a", 2);
  rushed.rushed = true;
  net::apply_server_message(state, push(core::OrderMessage{rushed}));
  CHECK(state.orders.at("a").rushed);
  net::apply_server_message(state, push(core::OrderMessage{make_order("a", 2, core::OrderStatus::closed)}));
  CHECK_FALSE(state.orders.contains("a"));
  REQUIRE(state.closed.size() == 1);
  REQUIRE(state.find_order("a"));
  CHECK(state.find_order("a")->status == core::OrderStatus::closed);
}

TEST_CASE("client state: the outbox empties on the order reply or on the snapshot", "[net]") {
  net::State state;
  state.outbox = {pending("p1", 7), pending("p2", 8)};
  SECTION("the reply to place_order") {
    const auto result = net::apply_server_message(state, reply(7, core::OrderMessage{make_order("p1", 41)}));
    CHECK(result.outbox_changed);
    REQUIRE(state.outbox.size() == 1);
    CHECK(state.outbox.front().order_id == "p2");
    REQUIRE(result.events.size() == 1);
    CHECK(result.events.front().req == 7);
    const auto* accepted = std::get_if<net::OrderAccepted>(&result.events.front().payload);
    REQUIRE(accepted);
    CHECK(accepted->order.seq == 41);
  }
  SECTION("a snapshot that already holds it (accepted before the connection dropped)") {
    const auto result = net::apply_server_message(state, push(core::Snapshot{{make_order("p2", 42)}}));
    CHECK(result.outbox_changed);
    REQUIRE(state.outbox.size() == 1);
    CHECK(state.outbox.front().order_id == "p1");
  }
  SECTION("an error reply rejects it for good") {
    core::ErrorMessage error{core::Error{core::ErrorCode::bad_request, "unknown item"}};
    const auto result = net::apply_server_message(state, reply(8, error));
    REQUIRE(state.outbox.size() == 1);
    REQUIRE(result.events.size() == 1);
    const auto* rejected = std::get_if<net::OrderRejected>(&result.events.front().payload);
    REQUIRE(rejected);
    CHECK(rejected->order_id == "p2");
    CHECK(rejected->error.code == core::ErrorCode::bad_request);
  }
  SECTION("rate_limited keeps it pending") {
    core::ErrorMessage error{core::Error{core::ErrorCode::rate_limited, "slow down"}};
    const auto result = net::apply_server_message(state, reply(8, error));
    CHECK(state.outbox.size() == 2);
    CHECK_FALSE(result.outbox_changed);
  }
}

TEST_CASE("client state: breaches are kept and raised, replies become tagged events", "[net]") {
  net::State state;
  core::BreachMessage breach;
  breach.order_id = "a";
  breach.discount = 3800;
  auto result = net::apply_server_message(state, push(breach));
  REQUIRE(state.breaches.size() == 1);
  REQUIRE(result.events.size() == 1);
  CHECK_FALSE(result.events.front().req);
  CHECK(std::holds_alternative<core::BreachMessage>(result.events.front().payload));

  result = net::apply_server_message(state, reply(9, core::BillMessage{}));
  REQUIRE(result.events.size() == 1);
  CHECK(result.events.front().req == 9);
  CHECK(std::holds_alternative<core::BillMessage>(result.events.front().payload));

  result = net::apply_server_message(state, push(core::CallWaiterNotice{"12", 5}));
  REQUIRE(result.events.size() == 1);
  CHECK(std::holds_alternative<core::CallWaiterNotice>(result.events.front().payload));

  result = net::apply_server_message(state, reply(10, core::Pong{123}));
  CHECK(result.events.empty());
}
