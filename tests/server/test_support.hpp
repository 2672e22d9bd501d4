#pragma once
// Helpers for the server's integration tests: a temporary folder with a
// config, the real server binary as a child process, and a small blocking
// line client that speaks the protocol through the core codec.

#include <chrono>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "shared/core/protocol.hpp"

namespace hourglass::test {

using namespace std::chrono_literals;
using Ms = std::chrono::milliseconds;

// Tokens of the standard test config.
inline constexpr const char* kTable1 = "token-table-1";
inline constexpr const char* kTable1b = "token-table-1b";
inline constexpr const char* kTable2 = "token-table-2";
inline constexpr const char* kKiosk1 = "token-kiosk-1";
inline constexpr const char* kKiosk2 = "token-kiosk-2";
inline constexpr const char* kKds = "token-kds-1";
inline constexpr const char* kKds2 = "token-kds-2";
inline constexpr const char* kManager = "token-manager";

std::int64_t wall_ms();

struct TestConfig {
  std::int64_t promise_seconds = 900;
  std::string policy = R"({"policy":"free_unserved"})";  // without "seconds"
  std::string limits = "{}";
  int extra_tables = 0;  // tokens "token-extra-N", tables "x<N>"
  std::string log_level = "info";
  std::string tls;  // a "tls" object, e.g. {"cert":"cert.pem","key":"key.pem"}; empty: plain TCP
};

// A temporary folder holding kitchen.json and the database.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path write_config(const TestConfig& config) const;

 private:
  std::filesystem::path path_;
};

// The real hourglass-kitchen, started on 127.0.0.1:0; the constructor waits
// for its `listening on` line. `extra_env` ("NAME=value") is added to the
// child's environment (this process's own is passed on).
class ServerProcess {
 public:
  ServerProcess(const std::filesystem::path& config, std::vector<std::string> extra_args = {},
                std::filesystem::path log_file = {}, std::vector<std::string> extra_env = {});
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  std::uint16_t port() const { return port_; }
  void kill9();
  // Sends `signal` and returns the exit code (-1 if it did not exit normally).
  int stop(int signal, Ms timeout = 10s);
  std::string log() const;
  static std::string read_file(const std::filesystem::path& file);
  bool running() const { return pid_ > 0; }

 private:
  int pid_ = -1;
  std::uint16_t port_ = 0;
  std::filesystem::path log_file_;
};

// A wall clock that a child process sees stepped: libfaketime preloaded with
// its offset in a file that is read on every call (FAKETIME_NO_CACHE), and
// the monotonic clock left alone (FAKETIME_DONT_FAKE_MONOTONIC), as when NTP
// or `date -s` steps a machine's clock. Pass env() to ServerProcess.
class SteppedWallClock {
 public:
  // The folder holds the offset file. Fails the test if libfaketime is not
  // installed (Debian's faketime package, in deploy/install-deps.sh).
  explicit SteppedWallClock(const std::filesystem::path& folder);
  std::vector<std::string> env() const;
  // Moves the child's wall clock by `seconds` from the real time (not
  // cumulative): step(3600) an hour ahead, step(-3600) an hour back, step(0) true.
  void step(std::int64_t seconds) const;

 private:
  std::filesystem::path file_;
};

// A blocking client: one line per message.
class LineClient {
 public:
  explicit LineClient(std::uint16_t port, int receive_buffer = 0);
  ~LineClient();
  LineClient(LineClient&& other) noexcept;
  LineClient(const LineClient&) = delete;

  void send_line(const std::string& line);
  void send(const core::ClientMessage& message, std::optional<core::RequestId> req = std::nullopt);
  // The next line, or nothing on timeout or end of stream.
  std::optional<std::string> read_line(Ms timeout = 5s);
  std::optional<core::ServerEnvelope> next(Ms timeout = 5s);
  // Sends and waits for the message with `re` == req; other messages are kept for next_push().
  core::ServerEnvelope request(const core::ClientMessage& message, Ms timeout = 5s);
  // A pushed message (without re), from the kept ones first.
  std::optional<core::ServerEnvelope> next_push(Ms timeout = 5s);
  // Round-trips a ping and returns every push that arrived before its pong.
  std::vector<core::ServerEnvelope> drain();
  // True once the server has closed the connection (reads and discards data).
  bool wait_closed(Ms timeout = 5s);
  bool eof() const { return eof_; }
  int fd() const { return fd_; }

 private:
  int fd_ = -1;
  std::string buffer_;
  bool eof_ = false;
  std::int64_t next_req_ = 1000;
  std::deque<core::ServerEnvelope> kept_;
};

struct Connected {
  LineClient client;
  core::Welcome welcome;
  core::Menu menu;
  std::vector<core::Order> snapshot;
};
// Connects and says hello; fails the test unless welcome, menu, snapshot follow.
Connected connect_as(std::uint16_t port, const std::string& token, core::Role role);

template <class T>
const T* as(const core::ServerEnvelope& envelope) {
  return std::get_if<T>(&envelope.message);
}
std::optional<core::ErrorCode> error_of(const core::ServerEnvelope& envelope);
std::string describe(const core::ServerEnvelope& envelope);

// Waits for `predicate` with a timeout, polling.
bool eventually(const std::function<bool()>& predicate, Ms timeout = 10s);

core::PlaceOrder simple_order(const std::string& order_id, std::vector<std::pair<std::string, int>> lines);
std::string unique_id(const std::string& prefix);

}  // namespace hourglass::test
