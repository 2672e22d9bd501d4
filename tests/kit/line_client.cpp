#include "tests/kit/line_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <stdexcept>

namespace hourglass::test {

LineClient::LineClient(std::uint16_t port, int receive_buffer) {
  fd_ = socket(AF_INET, SOCK_STREAM, 0);
  if (fd_ < 0) throw std::runtime_error("socket failed");
  if (receive_buffer > 0) setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer);
  const int one = 1;
  setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    close(fd_);
    throw std::runtime_error("connect failed");
  }
}

LineClient::~LineClient() {
  if (fd_ >= 0) close(fd_);
}

LineClient::LineClient(LineClient&& other) noexcept
    : fd_(other.fd_),
      reader_(std::move(other.reader_)),
      next_req_(other.next_req_),
      kept_(std::move(other.kept_)),
      loads_(std::move(other.loads_)) {
  other.fd_ = -1;
}

void LineClient::send_line(const std::string& line) {
  const std::string frame = line + "\n";
  std::size_t sent = 0;
  while (sent < frame.size()) {
    const ssize_t n = ::send(fd_, frame.data() + sent, frame.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) throw std::runtime_error("send failed");
    sent += static_cast<std::size_t>(n);
  }
}

void LineClient::send(const core::ClientMessage& message, std::optional<core::RequestId> req) {
  send_line(core::encode(core::ClientEnvelope{std::move(req), message}));
}

std::optional<std::string> LineClient::read_line(Ms timeout) { return reader_.next(fd_, timeout); }

std::optional<core::ServerEnvelope> LineClient::next(Ms timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    const auto left = std::max(Ms(0), std::chrono::duration_cast<Ms>(deadline - std::chrono::steady_clock::now()));
    const auto line = read_line(left);
    if (!line) return std::nullopt;
    auto decoded = core::decode_server_message(*line);
    if (!decoded) FAIL("the server sent an undecodable line: " << decoded.error().error.message << "\n" << *line);
    if (const auto* load = as<core::KitchenLoad>(decoded.value())) {
      loads_.push_back(*load);
      continue;
    }
    return decoded.value();
  }
}

std::optional<core::KitchenLoad> LineClient::next_load(Ms timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (loads_.empty()) {
    const auto left = std::chrono::duration_cast<Ms>(deadline - std::chrono::steady_clock::now());
    if (left <= Ms(0)) return std::nullopt;
    const auto line = read_line(left);
    if (!line) return std::nullopt;
    auto decoded = core::decode_server_message(*line);
    if (!decoded) FAIL("the server sent an undecodable line: " << decoded.error().error.message << "\n" << *line);
    if (const auto* load = as<core::KitchenLoad>(decoded.value())) return *load;
    kept_.push_back(std::move(decoded.value()));
  }
  const core::KitchenLoad load = loads_.front();
  loads_.pop_front();
  return load;
}

core::ServerEnvelope LineClient::request(const core::ClientMessage& message, Ms timeout) {
  const core::RequestId req = next_req_++;
  send(message, req);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    auto envelope = next(std::chrono::duration_cast<Ms>(deadline - std::chrono::steady_clock::now()));
    if (!envelope) break;
    if (envelope->re && *envelope->re == req) return *envelope;
    REQUIRE_FALSE(envelope->re.has_value());  // a reply to something else: never expected here
    kept_.push_back(std::move(*envelope));
  }
  FAIL("no reply to " << core::message_type(message) << " within the timeout");
  throw std::logic_error("unreachable");
}

std::optional<core::ServerEnvelope> LineClient::next_push(Ms timeout) {
  if (!kept_.empty()) {
    auto envelope = std::move(kept_.front());
    kept_.pop_front();
    return envelope;
  }
  return next(timeout);
}

std::vector<core::ServerEnvelope> LineClient::drain() {
  std::vector<core::ServerEnvelope> pushes(kept_.begin(), kept_.end());
  kept_.clear();
  request(core::Ping{});
  pushes.insert(pushes.end(), kept_.begin(), kept_.end());
  kept_.clear();
  return pushes;
}

bool LineClient::wait_closed(Ms timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!reader_.ended() && std::chrono::steady_clock::now() < deadline) {
    read_line(std::chrono::duration_cast<Ms>(deadline - std::chrono::steady_clock::now()));
    reader_.clear();
  }
  return reader_.ended();
}

Connected connect_as(std::uint16_t port, const std::string& token, core::Role role, Ms timeout) {
  LineClient client(port);
  client.send(core::Hello{core::kProtocolVersion, role, "test-device", token}, core::RequestId{std::string("hi")});
  auto welcome = client.next(timeout);
  REQUIRE(welcome);
  INFO(describe(*welcome));
  REQUIRE(as<core::Welcome>(*welcome));
  REQUIRE(welcome->re == core::RequestId{std::string("hi")});
  auto menu = client.next(timeout);
  REQUIRE(menu);
  REQUIRE(as<core::MenuMessage>(*menu));
  REQUIRE_FALSE(menu->re);
  auto snapshot = client.next(timeout);
  REQUIRE(snapshot);
  REQUIRE(as<core::Snapshot>(*snapshot));
  REQUIRE_FALSE(snapshot->re);
  const auto load = client.next_load(timeout);
  REQUIRE(load);
  return Connected{std::move(client), *as<core::Welcome>(*welcome), as<core::MenuMessage>(*menu)->menu,
                   as<core::Snapshot>(*snapshot)->orders, *load};
}

std::optional<core::ErrorCode> error_of(const core::ServerEnvelope& envelope) {
  if (const auto* error = as<core::ErrorMessage>(envelope)) return error->error.code;
  return std::nullopt;
}

std::string describe(const core::ServerEnvelope& envelope) { return core::encode(envelope).substr(0, 400); }

core::PlaceOrder simple_order(const std::string& order_id, std::vector<std::pair<std::string, int>> lines) {
  core::PlaceOrder order;
  order.order_id = order_id;
  for (auto& [item, qty] : lines) order.lines.push_back(core::LineRequest{item, qty, ""});
  return order;
}

}  // namespace hourglass::test
