#include "kitchen/bench/machine_limits.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <string_view>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

namespace hourglass::bench {

namespace {

using Clock = std::chrono::steady_clock;

double micros_since(Clock::time_point start) {
  return std::chrono::duration<double, std::micro>(Clock::now() - start).count();
}

Latency summarise(std::vector<double> micros, double total_seconds) {
  std::sort(micros.begin(), micros.end());
  Latency latency;
  latency.samples = static_cast<int>(micros.size());
  latency.per_second = total_seconds > 0 ? static_cast<double>(micros.size()) / total_seconds : 0.0;
  latency.p50_us = percentile(micros, 50);
  latency.p99_us = percentile(micros, 99);
  latency.max_us = micros.empty() ? 0.0 : micros.back();
  return latency;
}

[[noreturn]] void fail(const std::string& what) {
  throw std::system_error(errno, std::generic_category(), what);
}

// A scratch folder under `folder`, removed again whatever happens.
struct Scratch {
  explicit Scratch(const std::filesystem::path& folder)
      : path(folder / ("hourglass-limits-" + std::to_string(::getpid()))) {
    std::filesystem::create_directories(path);
  }
  ~Scratch() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  std::filesystem::path path;
};

// A socket descriptor closed when it goes out of scope.
struct Fd {
  explicit Fd(int value) : fd(value) {
    if (fd < 0) fail("socket");
  }
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int fd;
};

void no_delay(int fd) {
  const int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

}  // namespace

Latency sqlite_commit(const std::filesystem::path& folder, int commits) {
  const Scratch scratch(folder);
  SQLite::Database db((scratch.path / "limits.db").string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  db.exec("PRAGMA journal_mode=WAL");
  db.exec("PRAGMA synchronous=FULL");
  db.exec("CREATE TABLE t(id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
  SQLite::Statement begin(db, "BEGIN");
  SQLite::Statement commit(db, "COMMIT");
  SQLite::Statement insert(db, "INSERT INTO t(body) VALUES(?)");
  const std::string body(200, 'x');
  std::vector<double> micros;
  micros.reserve(static_cast<std::size_t>(commits));
  const auto start = Clock::now();
  for (int i = 0; i < commits; ++i) {
    const auto t0 = Clock::now();
    begin.exec();
    begin.reset();
    insert.bind(1, body);
    insert.exec();
    insert.reset();
    commit.exec();
    commit.reset();
    micros.push_back(micros_since(t0));
  }
  return summarise(std::move(micros), micros_since(start) / 1e6);
}

Latency fsync_append(const std::filesystem::path& folder, int syncs) {
  const Scratch scratch(folder);
  const std::string file = (scratch.path / "limits.log").string();
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) fail("open " + file);
  const Fd closer(fd);
  const std::string record(255, 'r');
  std::vector<double> micros;
  micros.reserve(static_cast<std::size_t>(syncs));
  const auto start = Clock::now();
  for (int i = 0; i < syncs; ++i) {
    const auto t0 = Clock::now();
    const std::string line = record + "\n";
    if (::write(fd, line.data(), line.size()) != static_cast<ssize_t>(line.size())) fail("write " + file);
    if (::fdatasync(fd) != 0) fail("fdatasync " + file);
    micros.push_back(micros_since(t0));
  }
  return summarise(std::move(micros), micros_since(start) / 1e6);
}

Latency tcp_loopback_round_trip(int rounds) {
  const Fd listener(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(listener.fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) fail("bind");
  if (::listen(listener.fd, 1) != 0) fail("listen");
  socklen_t length = sizeof address;
  ::getsockname(listener.fd, reinterpret_cast<sockaddr*>(&address), &length);

  std::thread echo([&listener] {
    const int accepted = ::accept(listener.fd, nullptr, nullptr);
    if (accepted < 0) return;
    const Fd fd(accepted);
    no_delay(fd.fd);
    char buffer[4096];
    while (true) {
      const ssize_t n = ::recv(fd.fd, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      if (::send(fd.fd, buffer, static_cast<std::size_t>(n), MSG_NOSIGNAL) != n) break;
    }
  });
  std::vector<double> micros;
  double seconds = 0.0;
  {
    const Fd client(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (::connect(client.fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
      ::shutdown(listener.fd, SHUT_RDWR);
      echo.join();
      fail("connect to the echo thread");
    }
    no_delay(client.fd);
    const std::string line = std::string(199, 'e') + "\n";
    char buffer[4096];
    micros.reserve(static_cast<std::size_t>(rounds));
    const auto start = Clock::now();
    for (int i = 0; i < rounds; ++i) {
      const auto t0 = Clock::now();
      if (::send(client.fd, line.data(), line.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(line.size())) break;
      std::size_t got = 0;
      while (got < line.size()) {
        const ssize_t n = ::recv(client.fd, buffer, sizeof buffer, 0);
        if (n <= 0) break;
        got += static_cast<std::size_t>(n);
      }
      if (got < line.size()) break;
      micros.push_back(micros_since(t0));
    }
    seconds = micros_since(start) / 1e6;
  }  // closing the client ends the echo thread
  echo.join();
  if (static_cast<int>(micros.size()) < rounds) throw std::runtime_error("the loopback echo stopped early");
  return summarise(std::move(micros), seconds);
}

nlohmann::json to_json(const Latency& latency) {
  return nlohmann::json{{"samples", latency.samples},
                        {"per_second", latency.per_second},
                        {"p50_us", latency.p50_us},
                        {"p99_us", latency.p99_us},
                        {"max_us", latency.max_us}};
}

double percentile(std::vector<double> samples, double p) {
  if (samples.empty()) return 0.0;
  std::sort(samples.begin(), samples.end());
  const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(samples.size())));
  return samples[std::clamp<std::size_t>(rank, 1, samples.size()) - 1];
}

std::optional<long> resident_kib(int pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string key;
  while (status >> key) {
    if (key == "VmRSS:") {
      long kib = 0;
      if (status >> kib) return kib;
      return std::nullopt;
    }
    status.ignore(4096, '\n');
  }
  return std::nullopt;
}

}  // namespace hourglass::bench
