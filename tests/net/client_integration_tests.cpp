// The client against the real kitchen server: started as a child process on
// an ephemeral port with a temporary config and database, killed with
// SIGKILL and restarted on the same port and database to prove that orders
// are neither lost nor duplicated and that state is rebuilt from snapshot.

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "shared/net/client.hpp"
#include "shared/net/outbox.hpp"

using namespace hourglass;
using namespace std::chrono_literals;

namespace {

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::int64_t steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Polls `done` until it holds or `timeout` passes; returns its last value.
bool wait_until(const std::function<bool()>& done, std::chrono::milliseconds timeout = 5000ms) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < until) {
    if (done()) return true;
    std::this_thread::sleep_for(10ms);
  }
  return done();
}

std::filesystem::path fresh_folder(const std::string& name) {
  static int counter = 0;
  const auto folder = std::filesystem::temp_directory_path() /
                      ("hourglass-net-" + std::to_string(::getpid()) + "-" + std::to_string(++counter) + "-" + name);
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder);
  return folder;
}

// Port 1 on loopback: nothing listens there, connects are refused at once.
constexpr std::uint16_t kClosedPort = 1;

#ifdef HOURGLASS_KITCHEN_BINARY

constexpr const char* kTableToken = "table-12-token";
constexpr const char* kKdsToken = "kds-token";
constexpr const char* kManagerToken = "manager-token";

// The kitchen server as a child process. RAII: the destructor stops it.
class KitchenProcess {
 public:
  explicit KitchenProcess(const std::string& name) : folder_(fresh_folder(name)) {
    const nlohmann::json config{
        {"listen", "127.0.0.1:0"},
        {"database", (folder_ / "kitchen.db").string()},
        {"menu", std::string(HOURGLASS_SOURCE_DIR) + "/assets/menu.json"},
        {"promise", {{"seconds", 900}, {"policy", "free_unserved"}}},
        {"devices",
         {{{"token", kTableToken}, {"role", "table"}, {"table", "12"}},
          {{"token", kKdsToken}, {"role", "kds"}},
          {{"token", kManagerToken}, {"role", "manager"}}}},
    };
    std::ofstream(folder_ / "config.json") << config.dump(2);
    start("127.0.0.1:0");
  }
  ~KitchenProcess() { stop(SIGTERM); }
  KitchenProcess(const KitchenProcess&) = delete;
  KitchenProcess& operator=(const KitchenProcess&) = delete;

  std::uint16_t port() const { return port_; }

  // kill -9: no clean shutdown, no flush beyond what was committed.
  void kill_hard() { stop(SIGKILL); }
  // SIGSTOP: the connections stay open and the server says nothing, as a
  // hung or unplugged machine does; resume() lets it go on.
  void pause() { ::kill(pid_, SIGSTOP); }
  void resume() { ::kill(pid_, SIGCONT); }
  // On the same port and database.
  void restart() { start("127.0.0.1:" + std::to_string(port_)); }

 private:
  void start(const std::string& listen) {
    const auto out_path = folder_ / ("stdout-" + std::to_string(++starts_) + ".txt");
    const auto err_path = folder_ / "stderr.txt";
    const std::string binary = HOURGLASS_KITCHEN_BINARY;
    const std::string config = (folder_ / "config.json").string();
    const std::string db = (folder_ / "kitchen.db").string();
    pid_ = ::fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
      if (out < 0 || err < 0) ::_exit(126);
      ::dup2(out, STDOUT_FILENO);
      ::dup2(err, STDERR_FILENO);
      ::execl(binary.c_str(), binary.c_str(), "--config", config.c_str(), "--listen", listen.c_str(), "--db",
              db.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    // The server prints `listening on HOST:PORT` once it accepts connections.
    std::string line;
    const bool listening = wait_until(
        [&] {
          std::ifstream out(out_path);
          std::getline(out, line);
          return line.rfind("listening on ", 0) == 0 && !out.eof();
        },
        15000ms);
    if (!listening) {
      std::ifstream err(err_path);
      std::stringstream text;
      text << err.rdbuf();
      FAIL("hourglass-kitchen did not start; stderr:\n" << text.str());
    }
    const auto colon = line.rfind(':');
    port_ = static_cast<std::uint16_t>(std::stoi(line.substr(colon + 1)));
  }

  void stop(int signal) {
    if (pid_ <= 0) return;
    ::kill(pid_, signal);
    int status = 0;
    // A clean stop should be quick; do not let a hung server hang the test run.
    for (int i = 0; i < 500; ++i) {
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return;
      }
      std::this_thread::sleep_for(10ms);
    }
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }

  std::filesystem::path folder_;
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
  int starts_ = 0;
};

net::Options options_for(const KitchenProcess& server, core::Role role, const std::string& token,
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
  wait_until(
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
  KitchenProcess server("handshake");
  net::Client client(options_for(server, core::Role::table, kTableToken));
  REQUIRE(wait_until([&] { return client.snapshot().connection.synced; }));
  const net::State state = client.snapshot();
  CHECK(client.connected());
  CHECK_FALSE(client.offline_since_ms());
  CHECK_FALSE(client.fatal_error());
  REQUIRE(state.welcome);
  CHECK(state.welcome->role == core::Role::table);
  CHECK(state.welcome->table == std::optional<std::string>("12"));
  CHECK(state.welcome->promise_s == 900);
  REQUIRE(state.menu);
  CHECK(state.menu->find("koushuiji"));
  CHECK(state.orders.empty());
  CHECK(state.outbox.empty());

  SECTION("the clock offset is near zero on one machine and server_now_ms agrees") {
    // Let a few pings refine the estimate.
    REQUIRE(wait_until([&] { return client.snapshot().clock_rtt_ms.has_value(); }));
    std::this_thread::sleep_for(500ms);
    CHECK(std::abs(client.clock_offset_ms()) < 200);
    CHECK(std::abs(client.server_now_ms() - now_ms()) < 200);
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
  KitchenProcess server("place");
  net::Client table(options_for(server, core::Role::table, kTableToken));
  net::Client kds(options_for(server, core::Role::kds, kKdsToken));
  REQUIRE(wait_until([&] { return table.snapshot().connection.synced && kds.snapshot().connection.synced; }));

  const std::string order_id = table.place_order(two_dishes());
  CHECK(order_id.size() == 36);  // a UUID
  std::vector<net::Event> events;
  const auto accepted = wait_for_event<net::OrderAccepted>(table, events);
  REQUIRE(accepted);
  const auto& order = std::get<net::OrderAccepted>(accepted->payload).order;
  CHECK(order.order_id == order_id);
  CHECK(order.seq > 0);
  CHECK(order.table == "12");
  CHECK(order.lines.size() == 2);
  const net::State state = table.snapshot();
  CHECK(state.outbox.empty());
  CHECK(count_orders(state, order_id) == 1);
  CHECK(wait_until([&] { return count_orders(kds.snapshot(), order_id) == 1; }));

  SECTION("call_waiter: ok to the table, a notice to the kitchen") {
    const auto req = table.request(core::CallWaiter{});
    const auto ok = wait_for_event<core::Ok>(table, events);
    REQUIRE(ok);
    CHECK(ok->req == req);
    std::vector<net::Event> kds_events;
    const auto notice = wait_for_event<core::CallWaiterNotice>(kds, kds_events);
    REQUIRE(notice);
    CHECK(std::get<core::CallWaiterNotice>(notice->payload).table == "12");
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
  KitchenProcess server("restart");
  net::Client table(options_for(server, core::Role::table, kTableToken));
  REQUIRE(wait_until([&] { return table.snapshot().connection.synced; }));
  std::string order_id;

  SECTION("killed right after placing (the reply may or may not have been sent)") {
    order_id = table.place_order(two_dishes());
    server.kill_hard();
  }
  SECTION("killed before placing: the order waits in the outbox while offline") {
    server.kill_hard();
    REQUIRE(wait_until([&] { return !table.connected(); }));
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
    REQUIRE(wait_until([&] { return table.snapshot().outbox.empty(); }));
    server.kill_hard();
    REQUIRE(wait_until([&] { return !table.connected(); }));
  }

  server.restart();
  REQUIRE(wait_until(
      [&] {
        const auto state = table.snapshot();
        return state.connection.synced && state.outbox.empty() && count_orders(state, order_id) == 1;
      },
      10000ms));

  // A second client sees exactly one order: the resend was idempotent.
  net::Client kds(options_for(server, core::Role::kds, kKdsToken));
  REQUIRE(wait_until([&] { return kds.snapshot().connection.synced; }));
  const net::State kitchen = kds.snapshot();
  CHECK(kitchen.orders.size() == 1);
  CHECK(count_orders(kitchen, order_id) == 1);
  CHECK(kitchen.orders.at(order_id).seq == table.snapshot().orders.at(order_id).seq);
}

TEST_CASE("client: after a reconnect the snapshot shows what changed while offline", "[net][integration]") {
  KitchenProcess server("resync");
  // The table retries slowly, the kitchen quickly: the kitchen is back and
  // changes the order while the table is still offline.
  net::Client table(options_for(server, core::Role::table, kTableToken, 1500ms));
  net::Client kds(options_for(server, core::Role::kds, kKdsToken));
  REQUIRE(wait_until([&] { return table.snapshot().connection.synced && kds.snapshot().connection.synced; }));
  const std::string order_id = table.place_order(two_dishes());
  REQUIRE(wait_until([&] { return count_orders(kds.snapshot(), order_id) == 1; }));
  const std::string line_id = kds.snapshot().orders.at(order_id).lines.front().line_id;

  server.kill_hard();
  REQUIRE(wait_until([&] { return !table.connected() && !kds.connected(); }));
  server.restart();
  REQUIRE(wait_until([&] { return kds.snapshot().connection.synced; }));
  CHECK_FALSE(table.connected());

  const auto req = kds.request(core::MarkLine{line_id, core::LineState::cooking});
  REQUIRE(wait_until([&] {
    const auto state = kds.snapshot();
    const auto* order = state.find_order(order_id);
    return order && order->find_line(line_id)->state == core::LineState::cooking;
  }));
  (void)req;
  CHECK_FALSE(table.connected());  // it missed the push

  REQUIRE(wait_until(
      [&] {
        const auto state = table.snapshot();
        const auto* order = state.find_order(order_id);
        return state.connection.synced && order && order->find_line(line_id)->state == core::LineState::cooking;
      },
      10000ms));
}

TEST_CASE("client: a wrong token is fatal: no retry storm, the error is shown", "[net][integration]") {
  KitchenProcess server("unauthorized");
  net::Client client(options_for(server, core::Role::table, "not-a-token", 20ms));
  REQUIRE(wait_until([&] { return client.fatal_error().has_value(); }));
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
    net::Client wrong_role(options_for(server, core::Role::manager, kTableToken, 20ms));
    REQUIRE(wait_until([&] { return wrong_role.fatal_error().has_value(); }));
    CHECK(wrong_role.fatal_error()->code == core::ErrorCode::unauthorized);
  }
}

TEST_CASE("client: an outbox file carries unacknowledged orders across a program restart", "[net][integration]") {
  KitchenProcess server("outbox");
  const auto folder = fresh_folder("outbox-file");
  const std::string outbox = (folder / "outbox.json").string();
  std::string order_id;
  {
    // Pointed at a closed port: the order cannot leave.
    auto options = options_for(server, core::Role::table, kTableToken);
    options.port = kClosedPort;
    options.outbox_path = outbox;
    net::Client offline(options);
    order_id = offline.place_order(two_dishes());
    REQUIRE(offline.snapshot().outbox.size() == 1);
  }
  REQUIRE(std::filesystem::exists(outbox));
  {
    auto options = options_for(server, core::Role::table, kTableToken);
    options.outbox_path = outbox;
    net::Client restarted(options);
    CHECK(restarted.snapshot().outbox.size() == 1);
    REQUIRE(wait_until([&] {
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
  KitchenProcess server("wall-step");
  // The wall clock is the real one moved by `wall_shift`; the monotonic
  // clock is the real steady clock, which the test measures on too.
  std::atomic<std::int64_t> wall_shift{0};
  auto options = options_for(server, core::Role::table, kTableToken);
  options.silence_timeout = 2000ms;
  options.now_ms = [&wall_shift] { return now_ms() + wall_shift.load(); };
  options.steady_ms = steady_ms;
  net::Client client(options);
  REQUIRE(wait_until([&] { return client.snapshot().connection.synced && client.snapshot().clock_rtt_ms; }));
  client.take_events();

  SECTION("set back an hour just as the server goes silent: offline after the silence timeout") {
    server.pause();
    const std::int64_t paused_at = steady_ms();
    wall_shift = -kHour;
    // On the wall clock the server would look silent for −1 h for an hour.
    REQUIRE(wait_until([&] { return !client.connected(); }, 20000ms));
    const std::int64_t silent_for = steady_ms() - paused_at;
    INFO("offline " << silent_for << " ms after the pause: " << client.last_error());
    CHECK_THAT(client.last_error(), Catch::Contains("server silent"));
    // Not at once either: the last pong came at most a few pings before the
    // pause, so the timeout is mostly spent after it.
    CHECK(silent_for >= options.silence_timeout.count() - 1000);
    // "Offline since" is a time of day on the tablet's clock as it now reads.
    REQUIRE(client.offline_since_ms());
    CHECK(*client.offline_since_ms() < now_ms() - kHour + 60'000);
    // The server's time did not jump with the wall clock: countdowns hold.
    CHECK(std::abs(client.server_now_ms() - now_ms()) < 1000);
    CHECK(std::abs(client.clock_offset_ms() - kHour) < 1000);

    server.resume();
    REQUIRE(wait_until([&] { return client.snapshot().connection.synced; }, 10000ms));
    CHECK(std::abs(client.server_now_ms() - now_ms()) < 1000);
  }

  SECTION("set forward an hour while the server answers: it stays online") {
    wall_shift = kHour;
    // Ten ping ticks: on the wall clock each would see an hour of silence.
    std::this_thread::sleep_for(10 * options.ping_interval);
    CHECK(client.connected());
    auto events = client.take_events();
    CHECK(events_of<net::ConnectionChanged>(events).empty());
    CHECK(std::abs(client.server_now_ms() - now_ms()) < 1000);
    CHECK(std::abs(client.clock_offset_ms() + kHour) < 1000);
  }
}

#else

TEST_CASE("client: integration tests need hourglass-kitchen in the build", "[net][integration]") {
  WARN("hourglass-kitchen is not a target of this build: the integration tests were not compiled");
}

#endif

TEST_CASE("client: nothing listening: offline, retrying, requests fail fast", "[net]") {
  net::Options options;
  options.host = "127.0.0.1";
  options.port = kClosedPort;
  options.token = "whatever";
  options.backoff = net::BackoffOptions{20ms, 100ms, 2.0, 0.0};
  net::Client client(options);
  REQUIRE(wait_until([&] { return client.snapshot().connection.reconnect_attempts >= 3; }));
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
