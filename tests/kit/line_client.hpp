#pragma once
// A small blocking client that speaks the protocol line by line through the
// core codec: for tests that want to see every frame the server sends.

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "shared/core/protocol.hpp"
#include "tests/kit/eventually.hpp"
#include "tests/kit/line_reader.hpp"

namespace hourglass::test {

class LineClient {
 public:
  // Connects to 127.0.0.1:port; throws std::runtime_error if it cannot.
  explicit LineClient(std::uint16_t port, int receive_buffer = 0);
  ~LineClient();
  LineClient(LineClient&& other) noexcept;
  LineClient(const LineClient&) = delete;

  void send_line(const std::string& line);
  void send(const core::ClientMessage& message, std::optional<core::RequestId> req = std::nullopt);
  // The next line, or nothing on timeout or end of stream.
  std::optional<std::string> read_line(Ms timeout = 5s);
  // The next message, except `kitchen_load` pushes: those are set aside for
  // next_load(), so tests of other messages need not expect them.
  std::optional<core::ServerEnvelope> next(Ms timeout = 5s);
  // The next kitchen_load push (set aside by next(), else read, keeping the
  // other messages for next_push()).
  std::optional<core::KitchenLoad> next_load(Ms timeout = 5s);
  // Sends and waits for the message with `re` == req; other messages are kept for next_push().
  core::ServerEnvelope request(const core::ClientMessage& message, Ms timeout = 5s);
  // A pushed message (without re), from the kept ones first.
  std::optional<core::ServerEnvelope> next_push(Ms timeout = 5s);
  // Round-trips a ping and returns every push that arrived before its pong.
  std::vector<core::ServerEnvelope> drain();
  // True once the server has closed the connection (reads and discards data).
  bool wait_closed(Ms timeout = 5s);
  bool eof() const { return reader_.ended(); }
  int fd() const { return fd_; }

 private:
  int fd_ = -1;
  LineReader reader_;
  std::int64_t next_req_ = 1000;
  std::deque<core::ServerEnvelope> kept_;
  std::deque<core::KitchenLoad> loads_;
};

struct Connected {
  LineClient client;
  core::Welcome welcome;
  core::Menu menu;
  std::vector<core::Order> snapshot;
  core::KitchenLoad load;
};
// Connects and says hello; fails the test unless welcome, menu, snapshot and
// kitchen_load follow.
// `timeout` for each of the welcome's messages: longer for a server busy
// answering thousands of hellos (under the sanitizers).
Connected connect_as(std::uint16_t port, const std::string& token, core::Role role, Ms timeout = 5s);

template <class T>
const T* as(const core::ServerEnvelope& envelope) {
  return std::get_if<T>(&envelope.message);
}
std::optional<core::ErrorCode> error_of(const core::ServerEnvelope& envelope);

// The next push of type T within `timeout`, skipping pushes of other types.
template <class T>
std::optional<T> next_push_of(LineClient& client, Ms timeout = 5s) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    auto envelope = client.next_push(std::chrono::duration_cast<Ms>(deadline - std::chrono::steady_clock::now()));
    if (!envelope) break;
    if (const T* message = as<T>(*envelope)) return *message;
  }
  return std::nullopt;
}
std::string describe(const core::ServerEnvelope& envelope);

core::PlaceOrder simple_order(const std::string& order_id, std::vector<std::pair<std::string, int>> lines);

}  // namespace hourglass::test
