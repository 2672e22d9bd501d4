// The real hourglass-kitchen under libfaketime: its wall clock is stepped an
// hour while an order is open (as NTP or `date -s` would), its monotonic
// clock is not. The promise is a duration and must not move with the step.

#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <regex>

#include "tests/server/test_support.hpp"

using namespace hourglass;
using namespace hourglass::test;
using core::Role;

namespace {

constexpr std::int64_t kPromiseSeconds = 3;

struct SteppedKitchen {
  SteppedKitchen()
      : clock(dir.path()),
        server(dir.write_config(config()), {}, {}, clock.env()),
        table(connect_as(server.port(), kTable1, Role::table)),
        kds(connect_as(server.port(), kKds, Role::kds)) {}
  static TestConfig config() {
    TestConfig config;
    config.promise_seconds = kPromiseSeconds;
    return config;
  }
  TempDir dir;
  SteppedWallClock clock;
  ServerProcess server;
  Connected table;
  Connected kds;
};

core::Order order_of(const core::ServerEnvelope& envelope) {
  INFO(describe(envelope));
  const auto* message = as<core::OrderMessage>(envelope);
  REQUIRE(message);
  return message->order;
}

// The offset the server logged when it saw its system clock step: proof that
// the step reached the server process (else these tests would prove nothing).
std::optional<std::int64_t> logged_step(const std::string& log) {
  static const std::regex pattern("the system clock stepped: it is now (-?[0-9]+) ms from");
  std::smatch match;
  if (!std::regex_search(log, match, pattern)) return std::nullopt;
  return std::stoll(match[1].str());
}

}  // namespace

TEST_CASE("clock step: an hour forward, an order served within the promise is kept",
          "[server][integration][faketime]") {
  SteppedKitchen kitchen;
  const core::Order placed = order_of(kitchen.table.client.request(simple_order("ahead", {{"gongbao", 1}})));
  kitchen.clock.step(3600);
  const core::Order served =
      order_of(kitchen.kds.client.request(core::MarkLine{placed.lines[0].line_id, core::LineState::served}));
  REQUIRE(served.lines[0].served_at_ms);
  CHECK(*served.lines[0].served_at_ms <= placed.deadline_ms);

  // The verdict at the deadline: kept, no breach.
  std::optional<core::Order> verdict;
  bool breach_pushed = false;
  while (!verdict) {
    const auto pushed = kitchen.table.client.next_push(Ms(4 * kPromiseSeconds * 1000));
    REQUIRE(pushed);
    if (as<core::BreachMessage>(*pushed)) breach_pushed = true;
    if (const auto* update = as<core::OrderMessage>(*pushed);
        update && update->order.status != core::OrderStatus::open) {
      verdict = update->order;
    }
  }
  CHECK_FALSE(breach_pushed);
  CHECK(verdict->status == core::OrderStatus::kept);
  CHECK(verdict->discount == 0);

  const auto step = logged_step(kitchen.server.log());
  INFO(kitchen.server.log());
  REQUIRE(step);
  CHECK(*step > 3'590'000);
  CHECK(*step < 3'610'000);
}

TEST_CASE("clock step: an hour back, an unserved order is still breached at its deadline",
          "[server][integration][faketime]") {
  SteppedKitchen kitchen;
  const core::Order placed = order_of(kitchen.table.client.request(simple_order("behind", {{"gongbao", 1}})));
  const auto placed_at = std::chrono::steady_clock::now();
  kitchen.clock.step(-3600);
  // A ping makes the server read its clock after the step (and log it).
  const auto pong = kitchen.kds.client.request(core::Ping{});
  REQUIRE(as<core::Pong>(pong));
  CHECK(as<core::Pong>(pong)->server_time_ms >= placed.accepted_at_ms);  // no step back

  // Generous: twice the promise (the step-following clock waited an hour).
  std::optional<core::ServerEnvelope> pushed;
  do {
    const auto left =
        Ms(2 * kPromiseSeconds * 1000) - std::chrono::duration_cast<Ms>(std::chrono::steady_clock::now() - placed_at);
    if (left <= Ms(0)) break;
    pushed = kitchen.table.client.next_push(left);
  } while (pushed && !as<core::BreachMessage>(*pushed));
  if (!pushed) FAIL("no breach within twice the promise; the server's log:\n" << kitchen.server.log());
  const auto* breach = as<core::BreachMessage>(*pushed);
  REQUIRE(breach);
  CHECK(breach->order_id == "behind");
  REQUIRE(breach->late_lines.size() == 1);
  const auto update = kitchen.table.client.next_push();
  REQUIRE(update);
  CHECK(order_of(*update).status == core::OrderStatus::breached);

  const auto step = logged_step(kitchen.server.log());
  INFO(kitchen.server.log());
  REQUIRE(step);
  CHECK(*step < -3'590'000);
  CHECK(*step > -3'610'000);
}
