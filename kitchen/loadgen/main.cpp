// hourglass-loadgen: measures a kitchen server and, for scale, this machine.
//   machine: SQLite single-row commit rate (WAL, synchronous=FULL, one row per
//     transaction) and TCP loopback round trip (a tiny echo, NODELAY)
//   --scenario steady: 100,000 orders with a long promise stay open while a
//     stream of short-promise orders falls due; breach lag at a kds connection
//   --scenario burst: durable orders/s with N clients (accept latency,
//     order-to-display latency), then 100,000 orders all falling due within
//     seconds: breaches/s the server sustains, and the lag
//   --scenario ramp: 1,000 tablets and 10 displays, the order rate rising
//     until accept p99 passes 5 ms (kitchen/loadgen/fleet_scenarios.hpp)
//   --scenario devices: 10,000 connected devices while 100 of them order
// With --spawn it starts hourglass-kitchen itself on a temporary config
// (high limits); otherwise (burst only) it uses --server and the tokens.

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <arpa/inet.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "kitchen/bench/machine_limits.hpp"
#include "kitchen/loadgen/fleet_scenarios.hpp"
#include "kitchen/loadgen/spawned_server.hpp"
#include "shared/core/protocol.hpp"

namespace {

using hourglass::bench::percentile;
using Json = nlohmann::json;
using Clock = std::chrono::steady_clock;

std::int64_t wall_us() {
  using namespace std::chrono;
  return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

int connect_to(const std::string& host, std::uint16_t port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  const int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  inet_pton(AF_INET, host.c_str(), &address.sin_addr);
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    close(fd);
    throw std::runtime_error(fmt::format("cannot connect to {}:{}", host, port));
  }
  return fd;
}

void send_all(int fd, const std::string& data) {
  std::size_t sent = 0;
  while (sent < data.size()) {
    const ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) throw std::runtime_error("send failed");
    sent += static_cast<std::size_t>(n);
  }
}

// A blocking line reader.
class Lines {
 public:
  explicit Lines(int fd) : fd_(fd) {}
  // Empty optional on timeout or end of stream.
  std::optional<std::string> next(int timeout_ms = 60'000) {
    while (true) {
      const auto newline = buffer_.find('\n', start_);
      if (newline != std::string::npos) {
        std::string line = buffer_.substr(start_, newline - start_);
        start_ = newline + 1;
        if (start_ > 1 << 20) {
          buffer_.erase(0, start_);
          start_ = 0;
        }
        return line;
      }
      pollfd p{fd_, POLLIN, 0};
      if (poll(&p, 1, timeout_ms) <= 0) return std::nullopt;
      char chunk[1 << 16];
      const ssize_t n = read(fd_, chunk, sizeof chunk);
      if (n <= 0) return std::nullopt;
      buffer_.append(chunk, static_cast<std::size_t>(n));
    }
  }

 private:
  int fd_;
  std::string buffer_;
  std::size_t start_ = 0;
};

struct Target {
  std::string host = "127.0.0.1";
  std::uint16_t port = 7015;
  std::vector<std::string> table_tokens;
  std::string kds_token;
};

// Connects and reads welcome, menu and snapshot.
int open_session(const Target& target, const std::string& token, const std::string& role, Lines*& lines_out,
                 std::vector<std::unique_ptr<Lines>>& keep) {
  const int fd = connect_to(target.host, target.port);
  send_all(fd, fmt::format(R"({{"type":"hello","proto":1,"role":"{}","device":"loadgen","token":"{}"}})"
                           "\n",
                           role, token));
  keep.push_back(std::make_unique<Lines>(fd));
  lines_out = keep.back().get();
  for (int i = 0; i < 3; ++i) {
    const auto line = lines_out->next(60'000);  // a kds snapshot may hold 100,000 orders
    if (!line || (i == 0 && line->find("\"welcome\"") == std::string::npos)) {
      throw std::runtime_error("hello refused: " + line.value_or("(closed)").substr(0, 200));
    }
  }
  return fd;
}

std::string order_line(const std::string& order_id, std::int64_t req) {
  return fmt::format(R"({{"type":"place_order","req":{},"order_id":"{}","lines":[{{"item":"gongbao","qty":1}},)"
                     R"({{"item":"rice","qty":2}}]}})"
                     "\n",
                     req, order_id);
}

// ---- 1 and 2: the machine's own limits (kitchen/bench) ----

using Rate = hourglass::bench::Latency;

// ---- 3 and 4: the server ----

struct KdsWatch {
  std::mutex mutex;
  std::unordered_map<std::string, std::int64_t> sent_us;  // order_id -> when it was sent
  std::vector<double> display_ms;                         // send -> kds push
  std::unordered_map<std::int64_t, std::int64_t> deadline_by_seq;
  std::vector<double> breach_lag_ms;                     // deadline -> breach at the kds
  std::vector<std::int64_t> breach_deadline_ms;          // of the breaches counted in breach_lag_ms
  std::int64_t first_breach_us = 0, last_breach_us = 0;  // receive times of those breaches
  std::atomic<std::size_t> breaches{0};
  std::atomic<bool> stop{false};
};

void watch_kds(int fd, Lines& lines, KdsWatch& watch) {
  while (!watch.stop) {
    const auto line = lines.next(200);
    if (!line) continue;
    const std::int64_t now_us = wall_us();
    // No JSON parsing here: this reader must keep up with the server, or
    // its own backlog would be measured as the server's lag.
    if (line->find(R"("type":"breach")") != std::string::npos) {
      const auto at = line->find(R"("seq":)");
      if (at == std::string::npos) continue;
      const std::int64_t seq = std::strtoll(line->c_str() + at + 6, nullptr, 10);
      std::lock_guard lock(watch.mutex);
      if (const auto it = watch.deadline_by_seq.find(seq); it != watch.deadline_by_seq.end()) {
        watch.breach_lag_ms.push_back(static_cast<double>(now_us) / 1000.0 - static_cast<double>(it->second));
        watch.breach_deadline_ms.push_back(it->second);
        if (watch.first_breach_us == 0) watch.first_breach_us = now_us;
        watch.last_breach_us = now_us;
      }
      ++watch.breaches;
    } else if (line->find(R"("type":"order")") != std::string::npos &&
               line->find(R"("status":"open")") != std::string::npos) {
      const auto at = line->find(R"("order_id":")");
      if (at == std::string::npos) continue;
      const auto from = at + 12;
      const std::string id = line->substr(from, line->find('"', from) - from);
      std::lock_guard lock(watch.mutex);
      if (const auto it = watch.sent_us.find(id); it != watch.sent_us.end()) {
        watch.display_ms.push_back(static_cast<double>(now_us - it->second) / 1000.0);
        watch.sent_us.erase(it);
      }
    }
  }
  (void)fd;
}

struct Throughput {
  double orders_per_s = 0, accept_p50_ms = 0, accept_p99_ms = 0, display_p99_ms = 0;
  std::size_t orders = 0;
};

// N clients, one order in flight each, for `seconds`.
Throughput measure_orders(const Target& target, int clients, double seconds, KdsWatch& watch) {
  std::vector<std::thread> threads;
  std::mutex mutex;
  std::vector<double> accept_ms;
  std::atomic<std::size_t> total{0};
  const auto start = Clock::now();
  const auto end = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      std::vector<std::unique_ptr<Lines>> keep;
      Lines* lines = nullptr;
      const int fd = open_session(target, target.table_tokens[c % target.table_tokens.size()], "table", lines, keep);
      std::vector<double> mine;
      for (std::int64_t i = 0; Clock::now() < end; ++i) {
        const std::string id = fmt::format("lg-{}-{}-{}", getpid(), c, i);
        {
          std::lock_guard lock(watch.mutex);
          watch.sent_us[id] = wall_us();
        }
        const auto t0 = Clock::now();
        send_all(fd, order_line(id, i));
        while (true) {  // skip pushes of the other clients at the same table
          const auto line = lines->next(30'000);
          if (!line) throw std::runtime_error("no reply to an order");
          if (line->find("\"re\":") != std::string::npos) {
            if (line->find("\"type\":\"order\"") == std::string::npos) {
              throw std::runtime_error("order refused: " + line->substr(0, 200));
            }
            break;
          }
        }
        mine.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
      }
      total += mine.size();
      std::lock_guard lock(mutex);
      accept_ms.insert(accept_ms.end(), mine.begin(), mine.end());
      close(fd);
    });
  }
  for (auto& thread : threads) thread.join();
  Throughput result;
  result.orders = total;
  result.orders_per_s = static_cast<double>(total) / std::chrono::duration<double>(Clock::now() - start).count();
  result.accept_p50_ms = percentile(accept_ms, 50);
  result.accept_p99_ms = percentile(accept_ms, 99);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // the last pushes
  std::lock_guard lock(watch.mutex);
  result.display_p99_ms = percentile(watch.display_ms, 99);
  return result;
}

// Places `count` orders over `connections` pipelined connections; records
// deadlines by seq. `rate` > 0 paces them (orders/s in all), so their
// deadlines spread over count / rate seconds; 0: as fast as the server takes them.
double place_many(const Target& target, int count, int connections, int window, KdsWatch& watch,
                  double rate = 0) {
  std::vector<std::thread> threads;
  const auto start = Clock::now();
  for (int c = 0; c < connections; ++c) {
    threads.emplace_back([&, c] {
      std::vector<std::unique_ptr<Lines>> keep;
      Lines* lines = nullptr;
      const int fd = open_session(target, target.table_tokens[c % target.table_tokens.size()], "table", lines, keep);
      const int mine = count / connections + (c < count % connections ? 1 : 0);
      int sent = 0, acked = 0;
      std::string batch;
      while (acked < mine) {
        batch.clear();
        const auto due_now = [&] {
          if (rate <= 0) return true;
          const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
          return sent < elapsed * rate / connections;
        };
        while (sent < mine && sent - acked < window && due_now()) {
          batch += order_line(fmt::format("open-{}-{}-{}", getpid(), c, sent), sent);
          ++sent;
        }
        if (batch.empty() && acked == sent) {  // paced, nothing in flight: wait for the next one's time
          std::this_thread::sleep_for(std::chrono::microseconds(500));
          continue;
        }
        if (!batch.empty()) send_all(fd, batch);
        const auto line = lines->next(60'000);
        if (!line) throw std::runtime_error("no reply while placing");
        if (line->find("\"re\":") == std::string::npos) continue;
        const Json json = Json::parse(*line);
        if (json.value("type", "") != "order") throw std::runtime_error("refused: " + line->substr(0, 200));
        {
          std::lock_guard lock(watch.mutex);
          watch.deadline_by_seq[json["order"]["seq"].get<std::int64_t>()] =
              json["order"]["deadline_ms"].get<std::int64_t>();
        }
        ++acked;
      }
      close(fd);
    });
  }
  for (auto& thread : threads) thread.join();
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// A steady stream: one table connection sends an order every 1/rate s (on a
// schedule, not waiting for replies) while its reader records each reply's
// deadline. Returns how many orders were accepted.
std::size_t stream_orders(const Target& target, const std::string& token, double rate, double seconds,
                          KdsWatch& watch) {
  std::vector<std::unique_ptr<Lines>> keep;
  Lines* lines = nullptr;
  const int fd = open_session(target, token, "table", lines, keep);
  const auto count = static_cast<std::int64_t>(rate * seconds);
  std::atomic<std::int64_t> acked{0};
  std::string failure;
  std::thread reader([&] {
    while (acked < count) {
      const auto line = lines->next(30'000);
      if (!line) {
        failure = "no reply in the stream";
        return;
      }
      if (line->find("\"re\":") == std::string::npos) continue;  // its own pushes
      const Json json = Json::parse(*line);
      if (json.value("type", "") != "order") {
        failure = "refused: " + line->substr(0, 200);
        return;
      }
      {
        std::lock_guard lock(watch.mutex);
        watch.deadline_by_seq[json["order"]["seq"].get<std::int64_t>()] =
            json["order"]["deadline_ms"].get<std::int64_t>();
      }
      ++acked;
    }
  });
  const auto start = Clock::now();
  for (std::int64_t i = 0; i < count; ++i) {
    std::this_thread::sleep_until(start + std::chrono::duration_cast<Clock::duration>(
                                              std::chrono::duration<double>(static_cast<double>(i) / rate)));
    const std::string id = fmt::format("stream-{}-{}", getpid(), i);
    {
      std::lock_guard lock(watch.mutex);
      watch.sent_us[id] = wall_us();
    }
    send_all(fd, order_line(id, i));
  }
  reader.join();
  close(fd);
  if (!failure.empty()) throw std::runtime_error(failure);
  return static_cast<std::size_t>(acked.load());
}

struct Lag {
  std::size_t count = 0;
  double p50 = 0, p99 = 0, max = 0;
  double received_per_s = 0;  // breaches received / (last − first receive)
  double due_per_s = 0;       // the same breaches / (last − first deadline)
};

// Waits until `expected` breaches of recorded orders have arrived (or the time runs out).
Lag wait_for_breaches(KdsWatch& watch, std::size_t expected, std::chrono::seconds limit) {
  const auto give_up = Clock::now() + limit;
  while (Clock::now() < give_up) {
    {
      std::lock_guard lock(watch.mutex);
      if (watch.breach_lag_ms.size() >= expected) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  std::lock_guard lock(watch.mutex);
  Lag lag;
  lag.count = watch.breach_lag_ms.size();
  lag.p50 = percentile(watch.breach_lag_ms, 50);
  lag.p99 = percentile(watch.breach_lag_ms, 99);
  lag.max = percentile(watch.breach_lag_ms, 100);
  if (lag.count > 1) {
    const auto [lo, hi] = std::minmax_element(watch.breach_deadline_ms.begin(), watch.breach_deadline_ms.end());
    lag.received_per_s = static_cast<double>(lag.count) /
                         std::max(1e-3, static_cast<double>(watch.last_breach_us - watch.first_breach_us) / 1e6);
    lag.due_per_s = static_cast<double>(lag.count) / std::max(1e-3, static_cast<double>(*hi - *lo) / 1e3);
  }
  return lag;
}

// ---- spawning a server ----

using hourglass::loadgen::ServerPlan;
using hourglass::loadgen::SpawnedServer;

// Starts (or restarts) the server with the promise given and points
// `target` at its 64 tables and its display.
std::uint16_t spawn_server(const std::string& binary, const std::string& menu, int promise_s, Target& target,
                           SpawnedServer& spawned) {
  const std::uint16_t port = spawned.start(ServerPlan{.binary = binary, .menu = menu, .promise_s = promise_s});
  target.table_tokens = spawned.table_tokens();
  target.kds_token = spawned.kds_tokens().front();
  return port;
}

struct Options {
  std::string spawn, menu;
  int clients = 32, open_orders = 100'000, promise_s = 30, long_promise_s = 900, stream_promise_s = 5;
  double seconds = 5, stream_rate = 100, stream_seconds = 25;
  double place_rate = 0;  // burst: orders/s while placing the open orders; 0: as fast as possible
};

// A kds connection and the thread that reads it.
struct KdsReader {
  KdsReader(const Target& target, KdsWatch& watch) : watch_(watch) {
    fd_ = open_session(target, target.kds_token, "kds", lines_, keep_);
    thread_ = std::thread([this] { watch_kds(fd_, *lines_, watch_); });
  }
  ~KdsReader() {
    watch_.stop = true;
    thread_.join();
    close(fd_);
  }
  KdsReader(const KdsReader&) = delete;
  KdsReader& operator=(const KdsReader&) = delete;

 private:
  KdsWatch& watch_;
  std::vector<std::unique_ptr<Lines>> keep_;
  Lines* lines_ = nullptr;
  int fd_ = -1;
  std::thread thread_;
};

// Steady: `open_orders` orders with a long promise stay open in the server
// while a stream of short-promise orders falls due. The promise is the
// server's (PROTOCOL.md: fixed per order at acceptance), so the server is
// restarted on the same database with the short promise: it loads the open
// orders and schedules them again, as after any restart.
void run_steady(const Options& o, Target& target, const Rate& sqlite) {
  SpawnedServer spawned;
  target.port = spawn_server(o.spawn, o.menu, o.long_promise_s, target, spawned);
  double place_s = 0;
  {
    KdsWatch placing;
    KdsReader kds(target, placing);
    fmt::print("steady: placing {} open orders with a {} s promise ...\n", o.open_orders, o.long_promise_s);
    place_s = place_many(target, o.open_orders, 8, 64, placing);
  }
  fmt::print("steady: restarting the server with a {} s promise ...\n", o.stream_promise_s);
  spawned.stop();
  const auto restart = Clock::now();
  target.port = spawn_server(o.spawn, o.menu, o.stream_promise_s, target, spawned);
  const double restart_s = std::chrono::duration<double>(Clock::now() - restart).count();
  KdsWatch watch;
  std::size_t streamed = 0;
  Lag lag;
  {
    const auto connect = Clock::now();
    KdsReader kds(target, watch);  // its snapshot holds every open order
    const double snapshot_s = std::chrono::duration<double>(Clock::now() - connect).count();
    fmt::print(
        "steady: server up in {:.1f} s, kds snapshot in {:.1f} s; streaming {:.0f} orders/s for {:.0f} s "
        "(promise {} s) ...\n",
        restart_s, snapshot_s, o.stream_rate, o.stream_seconds, o.stream_promise_s);
    // The last table: no open orders of its own, so a small snapshot.
    streamed = stream_orders(target, target.table_tokens.back(), o.stream_rate, o.stream_seconds, watch);
    lag = wait_for_breaches(watch, streamed, std::chrono::seconds(o.stream_promise_s + 60));
  }
  fmt::print("\n| steady: measure | value | ratio |\n|---|---|---|\n");
  fmt::print(
      "| open orders placed ({} s promise, 8 connections, 64 in flight each) | {} in {:.1f} s = {:.0f} orders/s "
      "| {:.1f} × SQLite single-row commits |\n",
      o.long_promise_s, o.open_orders, place_s, o.open_orders / place_s, o.open_orders / place_s / sqlite.per_second);
  fmt::print("| restart with {} open orders (load + schedule) | {:.1f} s | |\n", o.open_orders, restart_s);
  fmt::print(
      "| stream: {:.0f} orders/s for {:.0f} s, {} s promise, {} open orders beside them | {} accepted, "
      "{} breaches received | |\n",
      o.stream_rate, o.stream_seconds, o.stream_promise_s, o.open_orders, streamed, lag.count);
  fmt::print(
      "| breach lag after the deadline p50 / p99 / max | {:.1f} / {:.1f} / {:.1f} ms | p99 = {:.2f} × the "
      "100 ms target |\n",
      lag.p50, lag.p99, lag.max, lag.p99 / 100.0);
}

// Burst: the throughput phase, then `open_orders` orders placed as fast as
// the server takes them, all falling due about `promise_s` later (thousands
// a second): a capacity figure for deadline evaluation.
void run_burst(const Options& o, Target& target, const Rate& sqlite, const Rate& tcp) {
  SpawnedServer spawned;
  if (!o.spawn.empty()) target.port = spawn_server(o.spawn, o.menu, o.promise_s, target, spawned);
  KdsWatch watch;
  Throughput throughput;
  double place_s = 0;
  std::size_t expected = 0;
  Lag lag;
  {
    KdsReader kds(target, watch);
    fmt::print("burst: {} clients placing orders for {} s ...\n", o.clients, o.seconds);
    throughput = measure_orders(target, o.clients, o.seconds, watch);
    if (o.open_orders > 0) {
      fmt::print("burst: placing {} open orders{} ...\n", o.open_orders,
                 o.place_rate > 0 ? fmt::format(" at {:.0f}/s", o.place_rate) : std::string{});
      place_s = place_many(target, o.open_orders, 8, 64, watch, o.place_rate);
      {
        std::lock_guard lock(watch.mutex);
        expected = watch.deadline_by_seq.size();
      }
      fmt::print("burst: waiting for {} breaches (promise {} s) ...\n", expected, o.promise_s);
      lag = wait_for_breaches(watch, expected, std::chrono::seconds(o.promise_s + 120));
    }
  }
  fmt::print("\n| burst: measure | value | ratio |\n|---|---|---|\n");
  fmt::print("| durable orders/s ({} clients, {} orders) | {:.0f} | {:.2f} × SQLite single-row commits |\n", o.clients,
             throughput.orders, throughput.orders_per_s, throughput.orders_per_s / sqlite.per_second);
  fmt::print("| accept latency p50 / p99 | {:.2f} ms / {:.2f} ms | {:.1f} × / {:.1f} × TCP round trip p50 |\n",
             throughput.accept_p50_ms, throughput.accept_p99_ms, throughput.accept_p50_ms * 1000 / tcp.p50_us,
             throughput.accept_p99_ms * 1000 / tcp.p50_us);
  fmt::print("| order to kitchen display p99 | {:.2f} ms | {:.1f} × accept p99 |\n", throughput.display_p99_ms,
             throughput.display_p99_ms / std::max(throughput.accept_p99_ms, 1e-9));
  if (o.open_orders == 0) return;
  fmt::print(
      "| placing {} open orders (8 connections, 64 in flight each) | {:.1f} s = {:.0f} orders/s | {:.2f} × "
      "SQLite single-row commits |\n",
      expected, place_s, static_cast<double>(expected) / place_s,
      static_cast<double>(expected) / place_s / sqlite.per_second);
  fmt::print("| deadlines falling due | {:.0f}/s | |\n", lag.due_per_s);
  fmt::print(
      "| breaches evaluated, committed and pushed (first to last at the kds) | {:.0f}/s | {:.2f} × SQLite "
      "single-row commits |\n",
      lag.received_per_s, lag.received_per_s / sqlite.per_second);
  fmt::print(
      "| breach lag after the deadline, {} breaches: p50 / p99 / max | {:.1f} / {:.1f} / {:.1f} ms | p99 = "
      "{:.2f} × the 100 ms target |\n",
      lag.count, lag.p50, lag.p99, lag.max, lag.p99 / 100.0);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"hourglass-loadgen: measures a kitchen server"};
  Target target;
  Options o;
  std::string server = "127.0.0.1:7015", scenario = "both";
  app.add_option("--server", server, "HOST:PORT of a running server (with high limits; burst only)");
  app.add_option("--table-token", target.table_tokens, "table tokens to use (repeat)");
  app.add_option("--kds-token", target.kds_token, "a kds token");
  app.add_option("--spawn", o.spawn, "start this hourglass-kitchen binary on a temporary config instead");
  app.add_option("--menu", o.menu, "menu for --spawn (default: assets/menu.json next to the binary's source)");
  app.add_option("--scenario", scenario, "steady, burst, both (the two), ramp or devices")
      ->check(CLI::IsMember({"steady", "burst", "both", "ramp", "devices"}));
  hourglass::loadgen::RampOptions ramp;
  hourglass::loadgen::DevicesOptions devices;
  app.add_option("--tablets", ramp.tablets, "ramp: table connections")->check(CLI::Range(1, 18000));
  app.add_option("--displays", ramp.displays, "ramp and devices: kitchen display connections")
      ->check(CLI::Range(0, 1000));
  app.add_option("--start-rate", ramp.start_rate, "ramp: orders/s of the first step")->check(CLI::Range(1.0, 100000.0));
  app.add_option("--step-seconds", ramp.step_s, "ramp: length of each step")->check(CLI::Range(0.5, 600.0));
  app.add_option("--accept-p99-limit-ms", ramp.accept_p99_limit_ms, "ramp: stop at the step whose accept p99 passes this");
  app.add_option("--devices", devices.devices, "devices: connected devices in all")->check(CLI::Range(1, 18800));
  app.add_option("--ordering", devices.ordering, "devices: tablets among them that order")->check(CLI::Range(1, 18800));
  app.add_option("--devices-seconds", devices.seconds, "devices: how long the 100 order");
  app.add_option("--promise-seconds", o.promise_s, "burst: promise of the spawned server");
  app.add_option("--stream-promise-seconds", o.stream_promise_s, "steady: promise of the stream's orders");
  app.add_option("--long-promise-seconds", o.long_promise_s, "steady: promise of the open orders that stay open");
  app.add_option("--stream-rate", o.stream_rate, "steady: orders per second in the stream");
  app.add_option("--stream-seconds", o.stream_seconds, "steady: length of the stream");
  app.add_option("--clients", o.clients, "burst: concurrent clients for the throughput phase");
  app.add_option("--seconds", o.seconds, "burst: length of the throughput phase");
  app.add_option("--place-rate", o.place_rate,
                 "burst: place the open orders at this rate (orders/s), so their deadlines spread out; 0: at once");
  app.add_option("--open-orders", o.open_orders, "orders kept open (steady) or falling due (burst; 0 skips it)");
  CLI11_PARSE(app, argc, argv);
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // progress lines appear as they happen
  devices.displays = ramp.displays;
  if (scenario == "devices" && devices.devices <= devices.displays + devices.ordering - 1) {
    fmt::print(stderr, "--devices ({}) must exceed --displays ({}) by at least --ordering ({})\n", devices.devices,
               devices.displays, devices.ordering);
    return 2;
  }
  if (scenario != "burst" && o.spawn.empty()) {
    fmt::print(stderr, "the {} scenario starts its own server: it needs --spawn\n", scenario);
    return 2;
  }

  fmt::print("machine: SQLite single-row commits (WAL, FULL) ...\n");
  const Rate sqlite = hourglass::bench::sqlite_commit(std::filesystem::temp_directory_path(), 3000);
  fmt::print("machine: TCP loopback round trip ...\n");
  const Rate tcp = hourglass::bench::tcp_loopback_round_trip(20000);
  fmt::print("\n| machine | value |\n|---|---|\n");
  fmt::print("| SQLite single-row commits/s (WAL, FULL) | {:.0f} (p50 {:.0f} µs, p99 {:.0f} µs) |\n", sqlite.per_second,
             sqlite.p50_us, sqlite.p99_us);
  fmt::print("| TCP loopback round trip p50 / p99 | {:.1f} µs / {:.1f} µs |\n\n", tcp.p50_us, tcp.p99_us);

  try {
    if (!o.spawn.empty() && o.menu.empty()) o.menu = std::string(HOURGLASS_SOURCE_DIR) + "/assets/menu.json";
    if (o.spawn.empty()) {
      const auto colon = server.rfind(':');
      target.host = server.substr(0, colon);
      target.port = static_cast<std::uint16_t>(std::stoi(server.substr(colon + 1)));
      if (target.table_tokens.empty() || target.kds_token.empty()) {
        fmt::print(stderr, "--table-token and --kds-token are needed with --server\n");
        return 2;
      }
    }
    const ServerPlan plan{.binary = o.spawn, .menu = o.menu};
    if (scenario == "ramp") hourglass::loadgen::run_ramp(plan, ramp, sqlite, tcp);
    if (scenario == "devices") hourglass::loadgen::run_devices(plan, devices, tcp);
    if (scenario == "steady" || scenario == "both") run_steady(o, target, sqlite);
    if (scenario == "burst" || scenario == "both") run_burst(o, target, sqlite, tcp);
  } catch (const std::exception& error) {
    fmt::print(stderr, "loadgen: {}\n", error.what());
    return 1;
  }
  return 0;
}
