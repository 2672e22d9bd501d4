// hourglass-loadgen: measures a kitchen server and, for scale, this machine.
//   1. SQLite single-row commit rate (WAL, synchronous=FULL, one row per transaction)
//   2. TCP loopback round trip (a tiny echo, NODELAY)
//   3. durable orders per second with N clients, accept latency p50/p99,
//      order-to-kitchen-display latency p99 (a kds connection gets the push)
//   4. breach lag after the deadline with many open orders
// With --spawn it starts hourglass-kitchen itself on a temporary config
// (short promise, high limits); otherwise it uses --server and the tokens.

#include <CLI/CLI.hpp>
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <arpa/inet.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "shared/core/protocol.hpp"

extern char** environ;

namespace {

using Json = nlohmann::json;
using Clock = std::chrono::steady_clock;

std::int64_t wall_us() {
  using namespace std::chrono;
  return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const auto index = static_cast<std::size_t>(p / 100.0 * static_cast<double>(values.size() - 1) + 0.5);
  return values[std::min(index, values.size() - 1)];
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
    const auto line = lines_out->next(10'000);
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

// ---- 1. SQLite ----

struct Rate {
  double per_second = 0, p50_us = 0, p99_us = 0;
};

Rate sqlite_commit_rate(int rows) {
  const auto dir = std::filesystem::temp_directory_path() / fmt::format("hourglass-loadgen-{}", getpid());
  std::filesystem::create_directories(dir);
  Rate rate;
  {
    SQLite::Database db((dir / "bench.db").string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("PRAGMA journal_mode=WAL");
    db.exec("PRAGMA synchronous=FULL");
    db.exec("CREATE TABLE t(id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
    SQLite::Statement begin(db, "BEGIN"), commit(db, "COMMIT"), insert(db, "INSERT INTO t(body) VALUES(?)");
    std::vector<double> latencies;
    const auto start = Clock::now();
    for (int i = 0; i < rows; ++i) {
      const auto t0 = Clock::now();
      begin.exec();
      begin.reset();
      insert.bind(1, std::string(200, 'x'));
      insert.exec();
      insert.reset();
      commit.exec();
      commit.reset();
      latencies.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
    }
    rate.per_second = rows / std::chrono::duration<double>(Clock::now() - start).count();
    rate.p50_us = percentile(latencies, 50);
    rate.p99_us = percentile(latencies, 99);
  }
  std::filesystem::remove_all(dir);
  return rate;
}

// ---- 2. TCP echo ----

Rate tcp_round_trip(int rounds) {
  const int listener = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address);
  listen(listener, 1);
  socklen_t length = sizeof address;
  getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length);
  std::thread echo([listener] {
    const int fd = accept(listener, nullptr, nullptr);
    const int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    char buffer[4096];
    while (true) {
      const ssize_t n = recv(fd, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      send(fd, buffer, static_cast<std::size_t>(n), MSG_NOSIGNAL);
    }
    close(fd);
  });
  const int fd = connect_to("127.0.0.1", ntohs(address.sin_port));
  const std::string message(199, 'e');
  std::vector<double> latencies;
  const auto start = Clock::now();
  char buffer[4096];
  for (int i = 0; i < rounds; ++i) {
    const auto t0 = Clock::now();
    send_all(fd, message + "\n");
    std::size_t got = 0;
    while (got < 200) {
      const ssize_t n = recv(fd, buffer, sizeof buffer, 0);
      if (n <= 0) throw std::runtime_error("echo failed");
      got += static_cast<std::size_t>(n);
    }
    latencies.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
  }
  Rate rate;
  rate.per_second = rounds / std::chrono::duration<double>(Clock::now() - start).count();
  rate.p50_us = percentile(latencies, 50);
  rate.p99_us = percentile(latencies, 99);
  close(fd);
  echo.join();
  close(listener);
  return rate;
}

// ---- 3 and 4: the server ----

struct KdsWatch {
  std::mutex mutex;
  std::unordered_map<std::string, std::int64_t> sent_us;  // order_id -> when it was sent
  std::vector<double> display_ms;                         // send -> kds push
  std::unordered_map<std::int64_t, std::int64_t> deadline_by_seq;
  std::vector<double> breach_lag_ms;                      // deadline -> breach at the kds
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

// Places `count` orders over `connections` pipelined connections; records deadlines by seq.
double place_many(const Target& target, int count, int connections, int window, KdsWatch& watch) {
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
        while (sent < mine && sent - acked < window) {
          batch += order_line(fmt::format("open-{}-{}-{}", getpid(), c, sent), sent);
          ++sent;
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

// ---- spawning a server ----

struct Spawned {
  pid_t pid = -1;
  std::filesystem::path dir;
  ~Spawned() {
    if (pid > 0) {
      kill(pid, SIGTERM);
      int status = 0;
      waitpid(pid, &status, 0);
    }
    if (!dir.empty()) std::filesystem::remove_all(dir);
  }
};

std::uint16_t spawn_server(const std::string& binary, const std::string& menu, int promise_s, Target& target,
                           Spawned& spawned) {
  spawned.dir = std::filesystem::temp_directory_path() / fmt::format("hourglass-loadgen-server-{}", getpid());
  std::filesystem::create_directories(spawned.dir);
  Json devices = Json::array();
  for (int i = 0; i < 64; ++i) {
    const std::string token = fmt::format("loadgen-table-{}", i);
    devices.push_back({{"token", token}, {"role", "table"}, {"table", std::to_string(i + 1)}});
    target.table_tokens.push_back(token);
  }
  target.kds_token = "loadgen-kds-token";
  devices.push_back({{"token", target.kds_token}, {"role", "kds"}});
  const Json config{{"listen", "127.0.0.1:0"},
                    {"database", (spawned.dir / "bench.db").string()},
                    {"menu", menu},
                    {"promise", {{"seconds", promise_s}, {"policy", "free_unserved"}}},
                    {"log_level", "warn"},
                    {"limits",
                     {{"requests_per_second", 100000},
                      {"burst", 100000},
                      {"max_queued_messages", 1000000},
                      {"max_connections", 1000}}},
                    {"devices", devices}};
  std::ofstream(spawned.dir / "kitchen.json") << config.dump(2);
  int out[2];
  if (pipe(out) != 0) throw std::runtime_error("pipe");
  const std::string config_path = (spawned.dir / "kitchen.json").string();
  const std::string log_path = (spawned.dir / "server.log").string();
  std::vector<std::string> args = {binary, "--config", config_path};
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  if (posix_spawn(&spawned.pid, binary.c_str(), &actions, nullptr, argv.data(), environ) != 0) {
    throw std::runtime_error("cannot start " + binary);
  }
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);
  Lines lines(out[0]);
  const auto line = lines.next(20'000);
  close(out[0]);
  if (!line || line->rfind("listening on ", 0) != 0) {
    std::ifstream log(log_path);
    std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
    throw std::runtime_error("the server did not start: " + text);
  }
  return static_cast<std::uint16_t>(std::stoi(line->substr(line->rfind(':') + 1)));
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"hourglass-loadgen: measures a kitchen server"};
  Target target;
  std::string server = "127.0.0.1:7015", spawn, menu;
  int clients = 32, open_orders = 100'000, promise_s = 30;
  double seconds = 5;
  app.add_option("--server", server, "HOST:PORT of a running server (with high limits)");
  app.add_option("--table-token", target.table_tokens, "table tokens to use (repeat)");
  app.add_option("--kds-token", target.kds_token, "a kds token");
  app.add_option("--spawn", spawn, "start this hourglass-kitchen binary on a temporary config instead");
  app.add_option("--menu", menu, "menu for --spawn (default: assets/menu.json next to the binary's source)");
  app.add_option("--promise-seconds", promise_s, "promise of the spawned server (breach lag phase)");
  app.add_option("--clients", clients, "concurrent clients for the throughput phase");
  app.add_option("--seconds", seconds, "length of the throughput phase");
  app.add_option("--open-orders", open_orders, "orders placed for the breach-lag phase (0 skips it)");
  CLI11_PARSE(app, argc, argv);

  fmt::print("machine: SQLite single-row commits (WAL, FULL) ...\n");
  const Rate sqlite = sqlite_commit_rate(3000);
  fmt::print("machine: TCP loopback round trip ...\n");
  const Rate tcp = tcp_round_trip(20000);

  Spawned spawned;
  try {
    if (!spawn.empty()) {
      if (menu.empty()) menu = std::string(HOURGLASS_SOURCE_DIR) + "/assets/menu.json";
      target.port = spawn_server(spawn, menu, promise_s, target, spawned);
    } else {
      const auto colon = server.rfind(':');
      target.host = server.substr(0, colon);
      target.port = static_cast<std::uint16_t>(std::stoi(server.substr(colon + 1)));
      if (target.table_tokens.empty() || target.kds_token.empty()) {
        fmt::print(stderr, "--table-token and --kds-token are needed with --server\n");
        return 2;
      }
    }
    KdsWatch watch;
    std::vector<std::unique_ptr<Lines>> keep;
    Lines* kds_lines = nullptr;
    const int kds = open_session(target, target.kds_token, "kds", kds_lines, keep);
    std::thread watcher([&] { watch_kds(kds, *kds_lines, watch); });

    fmt::print("server: {} clients placing orders for {} s ...\n", clients, seconds);
    const Throughput throughput = measure_orders(target, clients, seconds, watch);

    double place_s = 0;
    std::size_t expected = 0;
    double lag_p50 = 0, lag_p99 = 0, lag_max = 0;
    if (open_orders > 0) {
      fmt::print("server: placing {} open orders ...\n", open_orders);
      place_s = place_many(target, open_orders, 8, 64, watch);
      {
        std::lock_guard lock(watch.mutex);
        expected = watch.deadline_by_seq.size();
      }
      fmt::print("server: waiting for {} breaches (promise {} s) ...\n", expected, promise_s);
      const auto give_up = Clock::now() + std::chrono::seconds(promise_s + 120);
      while (watch.breaches < expected + throughput.orders && Clock::now() < give_up) {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
      }
      std::lock_guard lock(watch.mutex);
      lag_p50 = percentile(watch.breach_lag_ms, 50);
      lag_p99 = percentile(watch.breach_lag_ms, 99);
      lag_max = percentile(watch.breach_lag_ms, 100);
    }
    watch.stop = true;
    watcher.join();
    close(kds);

    fmt::print("\n| measure | value | ratio |\n|---|---|---|\n");
    fmt::print("| SQLite single-row commits/s (WAL, FULL) | {:.0f} (p50 {:.0f} µs, p99 {:.0f} µs) | 1.00 |\n",
               sqlite.per_second, sqlite.p50_us, sqlite.p99_us);
    fmt::print("| TCP loopback round trip p50 / p99 | {:.1f} µs / {:.1f} µs | 1.00 |\n", tcp.p50_us, tcp.p99_us);
    fmt::print("| durable orders/s ({} clients, {} orders) | {:.0f} | {:.2f} × SQLite single-row commits |\n",
               clients, throughput.orders, throughput.orders_per_s, throughput.orders_per_s / sqlite.per_second);
    fmt::print("| accept latency p50 / p99 | {:.2f} ms / {:.2f} ms | {:.1f} × / {:.1f} × TCP round trip p50 |\n",
               throughput.accept_p50_ms, throughput.accept_p99_ms, throughput.accept_p50_ms * 1000 / tcp.p50_us,
               throughput.accept_p99_ms * 1000 / tcp.p50_us);
    fmt::print("| order to kitchen display p99 | {:.2f} ms | {:.1f} × accept p99 |\n", throughput.display_p99_ms,
               throughput.display_p99_ms / std::max(throughput.accept_p99_ms, 1e-9));
    if (open_orders > 0) {
      fmt::print("| placing {} open orders (8 connections, 64 in flight each) | {:.1f} s = {:.0f} orders/s | {:.2f} × SQLite single-row commits |\n",
                 expected, place_s, static_cast<double>(expected) / place_s,
                 static_cast<double>(expected) / place_s / sqlite.per_second);
      fmt::print("| breach lag after the deadline, {} breaches: p50 / p99 / max | {:.1f} / {:.1f} / {:.1f} ms | p99 = {:.2f} × the 100 ms target |\n",
                 watch.breach_lag_ms.size(), lag_p50, lag_p99, lag_max, lag_p99 / 100.0);
    }
  } catch (const std::exception& error) {
    fmt::print(stderr, "loadgen: {}\n", error.what());
    return 1;
  }
  return 0;
}
