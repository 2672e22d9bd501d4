#pragma once
// The real hourglass-kitchen as a child process: started (on port 0 by
// default), ready once it printed `listening on HOST:PORT`, paused, stopped,
// killed and restarted on the same port and database. No test framework:
// the load tool (kitchen/loadgen) runs its server with it too.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "tests/kit/child_process.hpp"

namespace hourglass::test {

struct KitchenLaunch {
  // Every member has a default, so a launch names only what it sets.
  std::filesystem::path binary{};  // hourglass-kitchen
  std::filesystem::path config{};  // kitchen.json
  std::vector<std::string> extra_args{};
  // NAME=value added to the server's environment (libfaketime, say).
  std::vector<std::string> environment{};
  // The server's stderr (its log), appended to; empty: server.log beside the config.
  std::filesystem::path log_file{};
  // --listen; empty: the config's own.
  std::string listen = "127.0.0.1:0";
  // A restart with many open orders loads them all before it listens.
  std::chrono::milliseconds startup_timeout{20'000};
};

class KitchenProcess {
 public:
  // Starts the server and waits for its `listening on` line. Throws
  // std::runtime_error with what it printed and its log if none comes.
  explicit KitchenProcess(KitchenLaunch launch);
  // SIGKILL, if still running (a test that wants a clean stop says so).
  ~KitchenProcess() = default;
  KitchenProcess(KitchenProcess&&) = default;
  KitchenProcess& operator=(KitchenProcess&&) = default;

  std::uint16_t port() const { return port_; }
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
  bool running() const { return process_ && process_->running(); }
  // The server's process id while it runs (-1 otherwise), for /proc readings.
  int pid() const { return process_ ? process_->pid() : -1; }

  // SIGSTOP: its connections stay open and it says nothing, as a hung or
  // unplugged machine does. resume() lets it go on.
  void pause() const;
  void resume() const;
  // SIGHUP (systemctl reload), then waits until the log, from now on, says
  // `expect_in_log`; false if it does not within 10 s.
  bool reload(const std::string& expect_in_log) const;
  // Sends `signal` and waits; returns the exit code (-1 if it did not exit
  // normally, or was killed after the timeout).
  int stop(int signal, std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // Waits for it to end by itself (a fatal error): its exit code, or nothing
  // while it still runs after `timeout`.
  std::optional<int> wait_exit(std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // kill -9: no clean shutdown, nothing flushed beyond what was committed.
  void kill9();
  // Stops it if running (SIGTERM), then starts it again with the same
  // config, database and arguments, listening on the same port.
  void restart();

  std::string log() const { return read_text_file(launch_.log_file); }
  const std::filesystem::path& log_file() const { return launch_.log_file; }

 private:
  void start();

  KitchenLaunch launch_;
  std::optional<ChildProcess> process_;
  std::uint16_t port_ = 0;
};

}  // namespace hourglass::test
