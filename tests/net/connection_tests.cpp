// The client's transport (shared/net/connection.hpp) on its own, without the
// supervision above it: one connection to the real kitchen server (or to a
// scripted one for what the real server never does), run on the test's own
// io_context until it ends, so each test sees how and why that one
// connection ended with no reconnect after it.

#include <unistd.h>

#include <boost/asio.hpp>
#include <catch2/catch.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "shared/net/connection.hpp"
#include "tests/kit/test_kit.hpp"
#include "tests/net/fake_server.hpp"

using namespace hourglass;
using namespace std::chrono_literals;
namespace asio = boost::asio;
using test::FakeServer;

namespace {

// One connection on the test's io_context and what it told its owner.
struct OneConnection {
  OneConnection(std::uint16_t port, std::chrono::milliseconds ping_interval,
                std::chrono::milliseconds silence_timeout = 10s,
                std::chrono::milliseconds connect_timeout = 3s) {
    net::ConnectionOptions options;
    options.port = port;
    options.ping_interval = ping_interval;
    options.silence_timeout = silence_timeout;
    options.connect_timeout = connect_timeout;
    options.now_ms = test::wall_ms;
    options.steady_ms = test::steady_ms;
    options.new_req = [this] { return next_req++; };
    net::ConnectionCallbacks callbacks;
    callbacks.on_message = [this](const core::ServerEnvelope& envelope) {
      messages.push_back(envelope);
      if (on_message) on_message(envelope);
    };
    callbacks.on_clock = [this](const net::ClockSample& sample) {
      samples.push_back(sample);
      if (on_clock) on_clock();
    };
    callbacks.on_tick = [this] { ++ticks; };
    connection = std::make_shared<net::Connection>(io, std::move(options), std::move(callbacks));
  }

  // Runs the connection until it ends (or a limit that only a broken run
  // reaches); returns why it ended, or nothing if it had not.
  std::optional<std::string> run(const std::string& token, core::Role role = core::Role::table) {
    std::optional<std::string> ended;
    asio::co_spawn(io, connection->run(core::Hello{core::kProtocolVersion, role, "connection-test", token}),
                   [&ended](const std::exception_ptr&, std::string why) { ended = std::move(why); });
    io.run_for(20s);
    return ended;
  }

  template <class T>
  bool received(std::size_t index) const {
    return messages.size() > index && std::holds_alternative<T>(messages[index].message);
  }

  asio::io_context io;
  net::RequestId next_req = 1;
  std::shared_ptr<net::Connection> connection;
  std::vector<core::ServerEnvelope> messages;
  std::vector<net::ClockSample> samples;
  int ticks = 0;
  std::function<void(const core::ServerEnvelope&)> on_message;
  std::function<void()> on_clock;
};

}  // namespace

TEST_CASE("connection: the hello is answered with welcome, menu and snapshot, replies come up, pongs do not",
          "[net][integration]") {
  test::TestKitchen kitchen;
  OneConnection one(kitchen.port(), 50ms);
  constexpr net::RequestId kBill = 1000;
  one.on_message = [&](const core::ServerEnvelope& envelope) {
    if (std::holds_alternative<core::Snapshot>(envelope.message)) {
      CHECK(one.connection->welcomed());
      const core::ClientEnvelope bill{kBill, core::GetBill{}};
      one.connection->send(bill);
    }
  };
  // The welcome's sample, then one a pong: a few pings have been answered.
  one.on_clock = [&] {
    if (one.samples.size() >= 4) one.connection->close("enough samples");
  };
  const auto ended = one.run(test::kTable1);
  REQUIRE(ended);
  CHECK(*ended == "enough samples");
  CHECK_FALSE(one.connection->open());

  REQUIRE(one.messages.size() >= 3);
  CHECK(one.received<core::Welcome>(0));
  CHECK(one.received<core::MenuMessage>(1));
  CHECK(one.received<core::Snapshot>(2));
  bool bill_answered = false;
  for (const auto& envelope : one.messages) {
    CHECK_FALSE(std::holds_alternative<core::Pong>(envelope.message));  // the connection keeps those
    const auto* re = envelope.re ? std::get_if<std::int64_t>(&*envelope.re) : nullptr;
    if (re && *re == kBill) bill_answered = std::holds_alternative<core::BillMessage>(envelope.message);
  }
  CHECK(bill_answered);
  // A ping a tick; the samples' round trips are on the monotonic clock.
  CHECK(one.ticks >= 3);
  for (const auto& sample : one.samples) CHECK(sample.rtt_ms >= 0);
}

TEST_CASE("connection: a server that stops answering ends it as silent", "[net][integration]") {
  test::TestKitchen kitchen;
  OneConnection one(kitchen.port(), 50ms, 500ms);
  one.on_message = [&](const core::ServerEnvelope& envelope) {
    if (std::holds_alternative<core::Snapshot>(envelope.message)) kitchen.server.pause();
  };
  const auto ended = one.run(test::kTable1);
  kitchen.server.resume();
  REQUIRE(ended);
  CHECK_THAT(*ended, Catch::StartsWith("server silent for"));
  CHECK(one.received<core::Snapshot>(2));
}

TEST_CASE("connection: the server's refusal comes up as a message, and the owner ends it", "[net][integration]") {
  test::TestKitchen kitchen;
  OneConnection one(kitchen.port(), 1s);
  one.on_message = [&](const core::ServerEnvelope& envelope) {
    if (std::holds_alternative<core::ErrorMessage>(envelope.message)) one.connection->close("refused");
  };
  const auto ended = one.run("not-a-token");
  REQUIRE(ended);
  CHECK(*ended == "refused");
  REQUIRE(one.messages.size() == 1);
  const auto* error = std::get_if<core::ErrorMessage>(&one.messages[0].message);
  REQUIRE(error != nullptr);
  CHECK(error->error.code == core::ErrorCode::unauthorized);
  CHECK_FALSE(one.connection->welcomed());
}

TEST_CASE("connection: a line over the frame limit ends it", "[net]") {
  FakeServer server;
  // A connect/handshake timeout well beyond the time 64 MiB takes on a loaded machine:
  // the frame limit, not the clock, must end this connection.
  OneConnection one(server.port(), 1s, 10s, 30s);
  std::optional<std::string> ended;
  std::thread network([&] { ended = one.run("fake-token"); });
  // After the hello, one byte more than a frame may have (64 MiB: a
  // snapshot of a busy kitchen is large), and no newline.
  const int peer = server.accept_one(5000ms);
  if (peer >= 0) {
    CHECK_THAT(FakeServer::read_line(peer), Catch::Contains(R"("type":"hello")"));
    FakeServer::write_text(peer, std::string(core::kMaxServerFrameBytes + 1, 'x'));
  }
  network.join();
  if (peer >= 0) ::close(peer);
  REQUIRE(peer >= 0);
  REQUIRE(ended);
  CHECK(*ended == "frame from the server over the size limit");
  CHECK(one.messages.empty());
}
