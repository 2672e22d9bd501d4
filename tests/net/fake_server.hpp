#pragma once
// A scripted server for the client's tests (plain POSIX sockets on
// loopback), for the misbehaviours the real server never shows: a garbage
// line, silence, a line over the frame limit.

#include <cerrno>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdint>
#include <string>

namespace hourglass::test {

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

  // Writes all of `text`: a blocking socket may take a large write in parts
  // (64 MiB went in two under load). A peer that hangs up part way (the
  // client ending a connection over its frame limit) ends the write; it is
  // what the caller checks, not a failure here. No SIGPIPE.
  static void write_text(int fd, const std::string& text) {
    std::size_t written = 0;
    while (written < text.size()) {
      const ssize_t n = ::send(fd, text.data() + written, text.size() - written, MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EPIPE || errno == ECONNRESET)) return;
      REQUIRE(n > 0);
      written += static_cast<std::size_t>(n);
    }
  }

 private:
  int fd_ = -1;
  std::uint16_t port_ = 0;
};

}  // namespace hourglass::test
