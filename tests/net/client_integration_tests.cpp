// The client against the real kitchen server: started as a child process on
// an ephemeral port with a temporary config and database, killed with
// SIGKILL and restarted on the same port and database to prove that orders
// are neither lost nor duplicated and that state is rebuilt from snapshot.

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <thread>

#include "shared/net/client.hpp"
#include "shared/net/outbox.hpp"
#include "tests/kit/test_kit.hpp"

using namespace hourglass;
using namespace std::chrono_literals;
using test::eventually;
using test::steady_ms;
using test::TestKitchen;
using test::wall_ms;

namespace {

// Port 1 on loopback: nothing listens there, connects are refused at once.
constexpr std::uint16_t kClosedPort = 1;

net::Options options_for(const TestKitchen& server, core::Role role, const std::string& token,
                         std::chrono::milliseconds initial_backoff = 50ms) {
  net::Options options;
  options.host = "127.0.0.1";
  options.port = server.port();
  options.role = role;
  options.token = token;
  options.device = "test-" + std::string(core::to_string(role));
  options.backoff =
      net::BackoffOptions{initial_backoff, std::max<std::chrono::milliseconds>(initial_backoff, 400ms), 2.0, 0.0};
  options.ping_interval = 200ms;
  return options;
}

std::vector<core::LineRequest> two_dishes() {
  return {core::LineRequest{"paihuanggua", 1, "less garlic"}, core::LineRequest{"koushuiji", 2, ""}};
}

template <class T>
std::vector<net::Event> events_of(std::vector<net::Event>& all) {
  std::vector<net::Event> found;
  for (auto& event : all) {
    if (std::holds_alternative<T>(event.payload)) found.push_back(event);
  }
  return found;
}

// Collects events until `pred` finds one (the UI's loop, in miniature).
template <class T>
std::optional<net::Event> wait_for_event(net::Client& client, std::vector<net::Event>& seen,
                                         std::chrono::milliseconds timeout = 5000ms) {
  std::optional<net::Event> found;
  eventually(
      [&] {
        for (auto& event : client.take_events()) seen.push_back(std::move(event));
        for (const auto& event : seen) {
          if (std::holds_alternative<T>(event.payload)) {
            found = event;
            return true;
          }
        }
        return false;
      },
      timeout);
  return found;
}

std::size_t count_orders(const net::State& state, const std::string& order_id) {
  std::size_t count = 0;
  for (const auto& [id, order] : state.orders) count += order.order_id == order_id ? 1 : 0;
  return count;
}

}  // namespace

TEST_CASE("client: hello gets welcome, menu and snapshot into the state", "[net][integration]") {
  TestKitchen kitchen;
  net::Client client(options_for(kitchen, core::Role::table, test::kTable1));
  REQUIRE(eventually([&] { return client.snapshot().connection.synced; }));
  const net::State state = client.snapshot();
  CHECK(client.connected());
  CHECK_FALSE(client.offline_since_ms());
  CHECK_FALSE(client.fatal_error());
  REQUIRE(state.welcome);
  CHECK(state.welcome->role == core::Role::table);
  CHECK(state.welcome->table == std::optional<std::string>("1"));
  CHECK(state.welcome->promise_s == 900);
  REQUIRE(state.menu);
  CHECK(state.menu->find("koushuiji"));
  CHECK(state.orders.empty());
  CHECK(state.outbox.empty());

  SECTION("the clock offset is near zero on one machine and server_now_ms agrees") {
    // Let a few pings refine the estimate.
    REQUIRE(eventually([&] { return client.snapshot().clock_rtt_ms.has_value(); }));
    std::this_thread::sleep_for(500ms);
    CHECK(std::abs(client.clock_offset_ms()) < 200);
    CHECK(std::abs(client.server_now_ms() - wall_ms()) < 200);
    const auto rtt = client.snapshot().clock_rtt_ms;
    REQUIRE(rtt);
    CHECK(*rtt < 200);
  }

  SECTION("copy_if_changed copies only when the version moved") {
    net::State copy;
    std::uint64_t seen = 0;
    CHECK(client.copy_if_changed(copy, seen));
    CHECK(seen == client.version());
    // A version that did not move copies nothing (pings may bump it, so
    // compare with what the client says now).
    std::uint64_t current = client.version();
    net::State untouched;
    if (!client.copy_if_changed(untouched, current)) CHECK_FALSE(untouched.welcome);
  }
}

TEST_CASE("client: a placed order is acknowledged and seen by the kitchen", "[net][integration]") {
  TestKitchen kitchen;
  net::Client table(options_for(kitchen, core::Role::table, test::kTable1));
  net::Client kds(options_for(kitchen, core::Role::kds, test::kKds));
  REQUIRE(eventually([&] { return table.snapshot().connection.synced && kds.snapshot().connection.synced; }));

  const std::string order_id = table.place_order(two_dishes());
  CHECK(order_id.size() == 36);  // a UUID
  std::vector<net::Event> events;
  const auto accepted = wait_for_event<net::OrderAccepted>(table, events);
  REQUIRE(accepted);
  const auto& order = std::get<net::OrderAccepted>(accepted->payload).order;
  CHECK(order.order_id == order_id);
  CHECK(order.seq > 0);
  CHECK(order.table == "1");
  CHECK(order.lines.size() == 2);
  const net::State state = table.snapshot();
  CHECK(state.outbox.empty());
  CHECK(count_orders(state, order_id) == 1);
  CHECK(eventually([&] { return count_orders(kds.snapshot(), order_id) == 1; }));

  SECTION("call_waiter: ok to the table, a notice to the kitchen") {
    const auto req = table.request(core::CallWaiter{});
    const auto ok = wait_for_event<core::Ok>(table, events);
    REQUIRE(ok);
    CHECK(ok->req == req);
    std::vector<net::Event> kds_events;
    const auto notice = wait_for_event<core::CallWaiterNotice>(kds, kds_events);
    REQUIRE(notice);
    CHECK(std::get<core::CallWaiterNotice>(notice->payload).table == "1");
  }

  SECTION("an error reply comes back tagged with the request's req") {
    const auto req = table.request(core::MarkLine{order.lines.front().line_id, core::LineState::served});
    const auto error = wait_for_event<core::ErrorMessage>(table, events);
    REQUIRE(error);
    CHECK(error->req == req);
    CHECK(std::get<core::ErrorMessage>(error->payload).error.code == core::ErrorCode::forbidden);
  }
}

TEST_CASE("client: the server killed and restarted: the order is resent once, never lost or doubled",
          "[net][integration]") {
  TestKitchen kitchen;
  net::Client table(options_for(kitchen, core::Role::table, test::kTable1));
  REQUIRE(eventually([&] { return table.snapshot().connection.synced; }));
  std::string order_id;

  SECTION("killed right after placing (the reply may or may not have been sent)") {
    order_id = table.place_order(two_dishes());
    kitchen.server.kill9();
  }
  SECTION("killed before placing: the order waits in the outbox while offline") {
    kitchen.server.kill9();
    REQUIRE(eventually([&] { return !table.connected(); }));
    CHECK(table.offline_since_ms());
    order_id = table.place_order(two_dishes());
    std::this_thread::sleep_for(300ms);  // a few refused reconnects
    const net::State offline = table.snapshot();
    REQUIRE(offline.outbox.size() == 1);
    CHECK(offline.outbox.front().order_id == order_id);
    CHECK(offline.connection.reconnect_attempts >= 2);
  }
  SECTION("acknowledged, then killed: nothing to resend, the snapshot brings it back") {
    order_id = table.place_order(two_dishes());
    REQUIRE(eventually([&] { return table.snapshot().outbox.empty(); }));
    kitchen.server.kill9();
    REQUIRE(eventually([&] { return !table.connected(); }));
  }

  kitchen.server.restart();
  REQUIRE(eventually(
      [&] {
        const auto state = table.snapshot();
        return state.connection.synced && state.outbox.empty() && count_orders(state, order_id) == 1;
      },
      10000ms));

  // A second client sees exactly one order: the resend was idempotent.
  net::Client kds(options_for(kitchen, core::Role::kds, test::kKds));
  REQUIRE(eventually([&] { return kds.snapshot().connection.synced; }));
  const net::State seen_by_kds = kds.snapshot();
  CHECK(seen_by_kds.orders.size() == 1);
  CHECK(count_orders(seen_by_kds, order_id) == 1);
  CHECK(seen_by_kds.orders.at(order_id).seq == table.snapshot().orders.at(order_id).seq);
}

TEST_CASE("client: after a reconnect the snapshot shows what changed while offline", "[net][integration]") {
  TestKitchen kitchen;
  // The table retries slowly, the kitchen quickly: the kitchen is back and
  // changes the order while the table is still offline.
  net::Client table(options_for(kitchen, core::Role::table, test::kTable1, 1500ms));
  net::Client kds(options_for(kitchen, core::Role::kds, test::kKds));
  REQUIRE(eventually([&] { return table.snapshot().connection.synced && kds.snapshot().connection.synced; }));
  const std::string order_id = table.place_order(two_dishes());
  REQUIRE(eventually([&] { return count_orders(kds.snapshot(), order_id) == 1; }));
  const std::string line_id = kds.snapshot().orders.at(order_id).lines.front().line_id;

  kitchen.server.kill9();
  REQUIRE(eventually([&] { return !table.connected() && !kds.connected(); }));
  kitchen.server.restart();
  REQUIRE(eventually([&] { return kds.snapshot().connection.synced; }));
  CHECK_FALSE(table.connected());

  const auto req = kds.request(core::MarkLine{line_id, core::LineState::cooking});
  REQUIRE(eventually([&] {
    const auto state = kds.snapshot();
    const auto* order = state.find_order(order_id);
    return order && order->find_line(line_id)->state == core::LineState::cooking;
  }));
  (void)req;
  CHECK_FALSE(table.connected());  // it missed the push

  REQUIRE(eventually(
      [&] {
        const auto state = table.snapshot();
        const auto* order = state.find_order(order_id);
        return state.connection.synced && order && order->find_line(line_id)->state == core::LineState::cooking;
      },
      10000ms));
}

TEST_CASE("client: a wrong token is fatal: no retry storm, the error is shown", "[net][integration]") {
  TestKitchen kitchen;
  net::Client client(options_for(kitchen, core::Role::table, "not-a-token", 20ms));
  REQUIRE(eventually([&] { return client.fatal_error().has_value(); }));
  CHECK(client.fatal_error()->code == core::ErrorCode::unauthorized);
  CHECK_FALSE(client.connected());
  CHECK(client.last_error().find("unauthorized") != std::string::npos);
  std::vector<net::Event> events = client.take_events();
  CHECK_FALSE(events_of<core::ErrorMessage>(events).empty());
  const int attempts = client.snapshot().connection.reconnect_attempts;
  std::this_thread::sleep_for(500ms);  // 20 ms backoff: a storm would show here
  CHECK(client.snapshot().connection.reconnect_attempts == attempts);
  CHECK(attempts <= 1);

  SECTION("a token of another role is refused the same way") {
    net::Client wrong_role(options_for(kitchen, core::Role::manager, test::kTable1, 20ms));
    REQUIRE(eventually([&] { return wrong_role.fatal_error().has_value(); }));
    CHECK(wrong_role.fatal_error()->code == core::ErrorCode::unauthorized);
  }
}

TEST_CASE("client: an outbox file carries unacknowledged orders across a program restart", "[net][integration]") {
  TestKitchen kitchen;
  const test::TempDir folder;
  const std::string outbox = (folder / "outbox.json").string();
  std::string order_id;
  {
    // Pointed at a closed port: the order cannot leave.
    auto options = options_for(kitchen, core::Role::table, test::kTable1);
    options.port = kClosedPort;
    options.outbox_path = outbox;
    net::Client offline(options);
    order_id = offline.place_order(two_dishes());
    REQUIRE(offline.snapshot().outbox.size() == 1);
  }
  REQUIRE(std::filesystem::exists(outbox));
  {
    auto options = options_for(kitchen, core::Role::table, test::kTable1);
    options.outbox_path = outbox;
    net::Client restarted(options);
    CHECK(restarted.snapshot().outbox.size() == 1);
    REQUIRE(eventually([&] {
      const auto state = restarted.snapshot();
      return state.outbox.empty() && count_orders(state, order_id) == 1;
    }));
  }
  const auto left = net::load_outbox(outbox);
  REQUIRE(left);
  CHECK(left->empty());
}

TEST_CASE("client: durations are on the monotonic clock, whatever the wall clock does", "[net][integration]") {
  constexpr std::int64_t kHour = 3'600'000;
  TestKitchen kitchen;
  // The wall clock is the real one moved by `wall_shift`; the monotonic
  // clock is the real steady clock, which the test measures on too.
  std::atomic<std::int64_t> wall_shift{0};
  auto options = options_for(kitchen, core::Role::table, test::kTable1);
  options.silence_timeout = 2000ms;
  options.now_ms = [&wall_shift] { return wall_ms() + wall_shift.load(); };
  options.steady_ms = steady_ms;
  net::Client client(options);
  REQUIRE(eventually([&] { return client.snapshot().connection.synced && client.snapshot().clock_rtt_ms; }));
  client.take_events();

  SECTION("set back an hour just as the server goes silent: offline after the silence timeout") {
    kitchen.server.pause();
    const std::int64_t paused_at = steady_ms();
    wall_shift = -kHour;
    // On the wall clock the server would look silent for −1 h for an hour.
    REQUIRE(eventually([&] { return !client.connected(); }, 20000ms));
    const std::int64_t silent_for = steady_ms() - paused_at;
    INFO("offline " << silent_for << " ms after the pause: " << client.last_error());
    CHECK_THAT(client.last_error(), Catch::Contains("server silent"));
    // Not at once either: the last pong came at most a few pings before the
    // pause, so the timeout is mostly spent after it.
    CHECK(silent_for >= options.silence_timeout.count() - 1000);
    // "Offline since" is a time of day on the tablet's clock as it now reads.
    REQUIRE(client.offline_since_ms());
    CHECK(*client.offline_since_ms() < wall_ms() - kHour + 60'000);
    // The server's time did not jump with the wall clock: countdowns hold.
    CHECK(std::abs(client.server_now_ms() - wall_ms()) < 1000);
    CHECK(std::abs(client.clock_offset_ms() - kHour) < 1000);

    kitchen.server.resume();
    REQUIRE(eventually([&] { return client.snapshot().connection.synced; }, 10000ms));
    CHECK(std::abs(client.server_now_ms() - wall_ms()) < 1000);
  }

  SECTION("set forward an hour while the server answers: it stays online") {
    wall_shift = kHour;
    // Ten ping ticks: on the wall clock each would see an hour of silence.
    std::this_thread::sleep_for(10 * options.ping_interval);
    CHECK(client.connected());
    auto events = client.take_events();
    CHECK(events_of<net::ConnectionChanged>(events).empty());
    CHECK(std::abs(client.server_now_ms() - wall_ms()) < 1000);
    CHECK(std::abs(client.clock_offset_ms() + kHour) < 1000);
  }
}

TEST_CASE("client: nothing listening: offline, retrying, requests fail fast", "[net]") {
  net::Options options;
  options.host = "127.0.0.1";
  options.port = kClosedPort;
  options.token = "whatever";
  options.backoff = net::BackoffOptions{20ms, 100ms, 2.0, 0.0};
  net::Client client(options);
  REQUIRE(eventually([&] { return client.snapshot().connection.reconnect_attempts >= 3; }));
  CHECK_FALSE(client.connected());
  CHECK(client.offline_since_ms());
  CHECK_FALSE(client.last_error().empty());
  CHECK_FALSE(client.fatal_error());

  const auto req = client.request(core::MarkLine{"1-1", core::LineState::served});
  const auto events = client.take_events();
  REQUIRE(events.size() == 1);
  CHECK(events.front().req == req);
  CHECK(std::holds_alternative<net::RequestFailed>(events.front().payload));

  const auto order_id = client.place_order({core::LineRequest{"rice", 1, ""}});
  const auto state = client.snapshot();
  REQUIRE(state.outbox.size() == 1);
  CHECK(state.outbox.front().order_id == order_id);
}
