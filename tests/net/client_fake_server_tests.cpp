// The client against a scripted fake server (tests/net/fake_server.hpp), for
// the misbehaviours the real server never shows: a garbage line, silence.

#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <string>

#include "shared/net/client.hpp"
#include "tests/net/fake_server.hpp"

using namespace hourglass;
using namespace std::chrono_literals;
using test::FakeServer;

namespace {

net::Options fake_options(std::uint16_t port) {
  net::Options options;
  options.host = "127.0.0.1";
  options.port = port;
  options.token = std::string("fake-token");  // not = "…": g++ 12 -O3 warns falsely (-Wrestrict)
  options.backoff = net::BackoffOptions{20ms, 100ms, 2.0, 0.0};
  options.connect_timeout = 300ms;
  return options;
}

}  // namespace

TEST_CASE("client: a bad line from the server causes a reconnect", "[net]") {
  FakeServer server;
  net::Client client(fake_options(server.port()));
  const int first = server.accept_one(2000ms);
  REQUIRE(first >= 0);
  CHECK(FakeServer::read_line(first).find("\"type\":\"hello\"") != std::string::npos);
  FakeServer::write_text(first, "this is not json\n");
  const int second = server.accept_one(2000ms);
  CHECK(second >= 0);
  CHECK(client.last_error().find("bad frame") != std::string::npos);
  CHECK_FALSE(client.fatal_error());
  ::close(first);
  if (second >= 0) ::close(second);
}

TEST_CASE("client: a server that accepts and never answers times out and is retried", "[net]") {
  FakeServer server;
  net::Client client(fake_options(server.port()));
  const int first = server.accept_one(2000ms);
  REQUIRE(first >= 0);
  // Say nothing: the handshake timeout (300 ms) must end the attempt.
  const int second = server.accept_one(3000ms);
  CHECK(second >= 0);
  CHECK(client.last_error().find("timed out") != std::string::npos);
  ::close(first);
  if (second >= 0) ::close(second);
}
