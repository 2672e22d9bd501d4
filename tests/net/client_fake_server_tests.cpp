// The client against a scripted fake server (plain POSIX sockets), for the
// misbehaviours the real server never shows: a garbage line, silence.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <string>
#include <thread>

#include "shared/net/client.hpp"

using namespace hourglass;
using namespace std::chrono_literals;

namespace {

// A loopback listener on an ephemeral port; RAII closes it.
class FakeServer {
 public:
  FakeServer() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd_ >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    REQUIRE(::listen(fd_, 8) == 0);
    socklen_t length = sizeof address;
    REQUIRE(::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) == 0);
    port_ = ntohs(address.sin_port);
  }
  ~FakeServer() { ::close(fd_); }
  FakeServer(const FakeServer&) = delete;
  FakeServer& operator=(const FakeServer&) = delete;

  std::uint16_t port() const { return port_; }

  // Waits for one connection; -1 on timeout.
  int accept_one(std::chrono::milliseconds timeout) {
    pollfd ready{fd_, POLLIN, 0};
    if (::poll(&ready, 1, static_cast<int>(timeout.count())) != 1) return -1;
    return ::accept(fd_, nullptr, nullptr);
  }

  // Reads up to the first '\n' (the hello).
  static std::string read_line(int fd) {
    std::string line;
    char c = 0;
    while (::read(fd, &c, 1) == 1 && c != '\n') line.push_back(c);
    return line;
  }

  static void write_text(int fd, const std::string& text) {
    REQUIRE(::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
  }

 private:
  int fd_ = -1;
  std::uint16_t port_ = 0;
};

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
