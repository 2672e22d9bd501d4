#include "kitchen/loadgen/fleet.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <stdexcept>
#include <system_error>
#include <utility>

namespace hourglass::loadgen {

namespace {

constexpr std::size_t kConnectBatch = 200;

double ms_since(FleetClock::time_point from, FleetClock::time_point to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

[[noreturn]] void fail(const std::string& what) { throw std::system_error(errno, std::generic_category(), what); }

// The integer after `key` in `line`, or −1.
std::int64_t integer_after(std::string_view line, std::string_view key) {
  const auto at = line.find(key);
  if (at == std::string_view::npos) return -1;
  return std::strtoll(line.data() + at + key.size(), nullptr, 10);
}

}  // namespace

Fleet::Fleet(std::string host, std::uint16_t port) : host_(std::move(host)), port_(port) {
  epoll_ = epoll_create1(EPOLL_CLOEXEC);
  if (epoll_ < 0) fail("epoll_create1");
}

Fleet::~Fleet() {
  for (const Connection& connection : connections_) {
    if (connection.fd >= 0) close(connection.fd);
  }
  close(epoll_);
}

void Fleet::connect(const std::vector<FleetDevice>& devices, std::chrono::seconds limit) {
  const auto give_up = FleetClock::now() + limit;
  connections_.reserve(connections_.size() + devices.size());
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port_);
  if (inet_pton(AF_INET, host_.c_str(), &address.sin_addr) != 1) {
    throw std::runtime_error("not an IPv4 address: " + host_);
  }
  const auto all_up = [&](std::size_t count) {
    return std::all_of(connections_.begin(), connections_.begin() + static_cast<std::ptrdiff_t>(count),
                       [&](const Connection& c) { return up(c) || !c.open; });
  };
  for (std::size_t i = 0; i < devices.size(); ++i) {
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) fail("socket");
    const int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
      close(fd);
      fail(fmt::format("connect to {}:{} (device {} of {})", host_, port_, i + 1, devices.size()));
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    Connection& connection = connections_.emplace_back();
    connection.fd = fd;
    connection.kds = devices[i].role == "kds";
    if (connection.kds && first_kds_ == SIZE_MAX) first_kds_ = connections_.size() - 1;
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.u64 = connections_.size() - 1;
    if (epoll_ctl(epoll_, EPOLL_CTL_ADD, fd, &event) != 0) fail("epoll_ctl");
    send(connection, fmt::format(R"({{"type":"hello","proto":1,"role":"{}","device":"fleet-{}","token":"{}"}})",
                                 devices[i].role, i, devices[i].token));
    // A batch at a time, so the server's accept queue never overflows and
    // every hello is answered before the next batch knocks.
    if (connections_.size() % kConnectBatch == 0 || i + 1 == devices.size()) {
      while (!all_up(connections_.size())) {
        if (FleetClock::now() > give_up) {
          throw std::runtime_error(fmt::format("only part of {} devices were up after {} s", devices.size(),
                                               limit.count()));
        }
        pump(FleetClock::now() + std::chrono::milliseconds(50));
      }
    }
  }
  if (refusals_ > 0) throw std::runtime_error("a device was refused: " + first_refusal_);
  if (closed_ > 0) throw std::runtime_error(fmt::format("{} devices were closed while connecting", closed_));
}

void Fleet::place_order(std::size_t index, int tag) {
  Connection& connection = connections_.at(index);
  if (!connection.open) return;
  const std::int64_t req = connection.next_req++;
  const std::string order_id = fmt::format("fleet-{}-{}", getpid(), next_order_++);
  const auto now = FleetClock::now();
  connection.pending[req] = Pending{now, tag};
  ++placed_[tag];
  if (first_kds_ != SIZE_MAX) order_sent_[order_id] = now;
  send(connection, fmt::format(R"({{"type":"place_order","req":{},"order_id":"{}","lines":[)"
                               R"({{"item":"gongbao","qty":1}},{{"item":"rice","qty":2}}]}})",
                               req, order_id));
}

void Fleet::ping(std::size_t index) {
  Connection& connection = connections_.at(index);
  if (!connection.open) return;
  const std::int64_t req = connection.next_req++;
  connection.pending[req] = Pending{FleetClock::now(), -1};
  send(connection, fmt::format(R"({{"type":"ping","req":{}}})", req));
}

void Fleet::send(Connection& connection, const std::string& line) {
  connection.out += line;
  connection.out += '\n';
  flush(connection);
}

void Fleet::flush(Connection& connection) {
  while (!connection.out.empty()) {
    const ssize_t n = ::send(connection.fd, connection.out.data(), connection.out.size(), MSG_NOSIGNAL);
    if (n > 0) {
      connection.out.erase(0, static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
    connection.open = false;
    ++closed_;
    return;
  }
  // Wait for room only while something is left to write.
  epoll_event event{};
  event.events = EPOLLIN | (connection.out.empty() ? 0u : static_cast<std::uint32_t>(EPOLLOUT));
  event.data.u64 = static_cast<std::uint64_t>(&connection - connections_.data());
  epoll_ctl(epoll_, EPOLL_CTL_MOD, connection.fd, &event);
}

void Fleet::pump(FleetClock::time_point until) {
  epoll_event events[256];
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - FleetClock::now()).count();
    const int ready = epoll_wait(epoll_, events, 256, static_cast<int>(std::max<std::int64_t>(0, left)));
    if (ready < 0 && errno != EINTR) fail("epoll_wait");
    for (int i = 0; i < ready; ++i) {
      Connection& connection = connections_[events[i].data.u64];
      if (!connection.open) continue;
      if ((events[i].events & EPOLLOUT) != 0) flush(connection);
      if ((events[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR)) != 0) read_from(connection);
    }
    if (ready < 256 || FleetClock::now() >= until) return;
  }
}

void Fleet::read_from(Connection& connection) {
  char chunk[1 << 16];
  while (true) {
    const ssize_t n = read(connection.fd, chunk, sizeof chunk);
    if (n > 0) {
      connection.in.append(chunk, static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
    connection.open = false;  // the server hung up
    ++closed_;
    epoll_ctl(epoll_, EPOLL_CTL_DEL, connection.fd, nullptr);
    break;
  }
  std::size_t start = 0;
  for (auto newline = connection.in.find('\n'); newline != std::string::npos;
       newline = connection.in.find('\n', start)) {
    on_line(connection, std::string_view(connection.in).substr(start, newline - start));
    start = newline + 1;
  }
  connection.in.erase(0, start);
}

void Fleet::on_line(Connection& connection, std::string_view line) {
  const auto now = FleetClock::now();
  if (!up(connection)) {
    if (connection.lines_seen++ == 0 && line.find(R"("type":"welcome")") == std::string_view::npos) {
      if (refusals_++ == 0) first_refusal_ = std::string(line.substr(0, 300));
      connection.lines_seen = 3;  // counted as settled: it will not come up
      connection.open = false;
    }
    return;
  }
  const std::int64_t re = integer_after(line, R"("re":)");
  if (re >= 0) {
    const auto pending = connection.pending.find(re);
    if (pending == connection.pending.end()) return;
    const Pending sent = pending->second;
    connection.pending.erase(pending);
    if (sent.tag < 0 && line.find(R"("type":"pong")") != std::string_view::npos) {
      pong_ms_.push_back(ms_since(sent.sent, now));
    } else if (sent.tag >= 0 && line.find(R"("type":"order")") != std::string_view::npos) {
      accept_ms_[sent.tag].push_back(ms_since(sent.sent, now));
    } else if (refusals_++ == 0) {
      first_refusal_ = std::string(line.substr(0, 300));
    }
    return;
  }
  // A push. The first display's order pushes give the order-to-display time.
  if (&connection - connections_.data() != static_cast<std::ptrdiff_t>(first_kds_)) return;
  if (line.find(R"("type":"order")") == std::string_view::npos) return;
  const auto at = line.find(R"("order_id":")");
  if (at == std::string_view::npos) return;
  const auto from = at + 12;
  const auto to = line.find('"', from);
  if (to == std::string_view::npos) return;
  const auto sent = order_sent_.find(std::string(line.substr(from, to - from)));
  if (sent == order_sent_.end()) return;
  display_ms_.push_back(ms_since(sent->second, now));
  order_sent_.erase(sent);
}

std::vector<double> Fleet::accept_ms(int tag) const {
  const auto found = accept_ms_.find(tag);
  return found != accept_ms_.end() ? found->second : std::vector<double>{};
}

std::size_t Fleet::unanswered(int tag) const {
  const auto placed = placed_.find(tag);
  return (placed != placed_.end() ? placed->second : 0) - accept_ms(tag).size();
}

std::vector<double> Fleet::take_pong_ms() { return std::exchange(pong_ms_, {}); }
std::vector<double> Fleet::take_display_ms() { return std::exchange(display_ms_, {}); }

}  // namespace hourglass::loadgen
