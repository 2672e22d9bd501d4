#pragma once
// Many devices on one thread: an epoll loop drives thousands of raw protocol
// connections (hello, pings every few seconds as the real client does,
// orders), for the measurements a thread per connection cannot reach
// (docs/benchmarks.md): a rising order rate from 1,000 tablets and 10
// kitchen displays, and 10,000 idle devices while 100 of them order.
//
// It reads without parsing JSON (a substring scan per line), so that its own
// work stays small beside the server's; every figure it records is a
// latency from its send to the reply or push it reads.

#include <chrono>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace hourglass::loadgen {

using FleetClock = std::chrono::steady_clock;

struct FleetDevice {
  std::string token;
  std::string role;  // "table" or "kds"
};

class Fleet {
 public:
  Fleet(std::string host, std::uint16_t port);
  ~Fleet();
  Fleet(const Fleet&) = delete;
  Fleet& operator=(const Fleet&) = delete;

  // Connects every device and says hello, a batch at a time; returns once
  // each has its welcome, menu and snapshot. Throws naming the first device
  // refused, or when `limit` passes first.
  void connect(const std::vector<FleetDevice>& devices, std::chrono::seconds limit);
  std::size_t size() const { return connections_.size(); }

  // A place_order from device `index` (a table); its reply's latency is
  // recorded under `tag` (the ramp's step, say).
  void place_order(std::size_t index, int tag);
  // A ping from device `index`; the pong's round trip is recorded.
  void ping(std::size_t index);
  // Reads whatever has arrived, waiting at most until `until`.
  void pump(FleetClock::time_point until);

  // Accept latencies (ms) of the orders placed under `tag`, and how many of
  // them have no reply yet.
  std::vector<double> accept_ms(int tag) const;
  std::size_t unanswered(int tag) const;
  // Pong round trips (ms) since the last call.
  std::vector<double> take_pong_ms();
  // From place_order to the order's push at the first kitchen display (ms).
  std::vector<double> take_display_ms();
  std::size_t refusals() const { return refusals_; }
  const std::string& first_refusal() const { return first_refusal_; }
  // Connections the server closed after they were up.
  std::size_t closed() const { return closed_; }

 private:
  struct Pending {
    FleetClock::time_point sent;
    int tag = -1;  // −1: a ping
  };
  struct Connection {
    int fd = -1;
    bool kds = false;
    int lines_seen = 0;  // welcome, menu and snapshot: 3 before it is up
    bool open = true;
    std::string in, out;
    std::unordered_map<std::int64_t, Pending> pending;  // by req
    std::int64_t next_req = 1;
  };

  void send(Connection& connection, const std::string& line);
  void flush(Connection& connection);
  void read_from(Connection& connection);
  void on_line(Connection& connection, std::string_view line);
  bool up(const Connection& connection) const { return connection.lines_seen >= 3; }

  std::string host_;
  std::uint16_t port_;
  int epoll_ = -1;
  std::vector<Connection> connections_;
  std::size_t first_kds_ = SIZE_MAX;
  std::int64_t next_order_ = 0;
  std::unordered_map<std::string, FleetClock::time_point> order_sent_;  // until the first display sees it
  std::unordered_map<int, std::vector<double>> accept_ms_;
  std::unordered_map<int, std::size_t> placed_;
  std::vector<double> pong_ms_, display_ms_;
  std::size_t refusals_ = 0, closed_ = 0;
  std::string first_refusal_;
};

}  // namespace hourglass::loadgen
