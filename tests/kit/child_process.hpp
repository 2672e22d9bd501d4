#pragma once
// A program run as a child process: its stdout read line by line through a
// pipe, its stderr appended to a file, stopped with a signal and reaped.
// Plain POSIX and no test framework, so the load tool can run the kitchen
// server with it too (kitchen/loadgen); tests use the kit built on it
// (tests/kit/server_process.hpp).

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "tests/kit/line_reader.hpp"

namespace hourglass::test {

struct ChildOptions {
  std::vector<std::string> argv{};  // argv[0] is the program's path
  // NAME=value added to (or replacing in) this process's environment.
  std::vector<std::string> environment{};
  std::filesystem::path stderr_file{};  // appended to; empty: this process's stderr
};

class ChildProcess {
 public:
  // Starts the program; throws std::runtime_error if it cannot be started.
  explicit ChildProcess(ChildOptions options);
  // SIGKILL and reaped, if still running.
  ~ChildProcess();
  ChildProcess(ChildProcess&& other) noexcept;
  ChildProcess& operator=(ChildProcess&& other) noexcept;
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  bool running() const { return pid_ > 0; }

  // The next line the child wrote to stdout (without its '\n'), or nothing
  // on timeout or once stdout is closed.
  std::optional<std::string> read_line(std::chrono::milliseconds timeout);
  // Stops reading; the child gets EPIPE if it writes to stdout again.
  void close_stdout();

  // Sends a signal without waiting (SIGSTOP, SIGCONT, ...).
  void signal(int signal_number) const;
  // Sends `signal_number` and waits up to `timeout` for the exit, then
  // SIGKILL. Returns the exit code, or -1 if it did not exit normally.
  int stop(int signal_number, std::chrono::milliseconds timeout);
  // Waits for it to end by itself: its exit code (-1 if a signal ended it),
  // or nothing if it still runs after `timeout`.
  std::optional<int> wait_exit(std::chrono::milliseconds timeout);
  // SIGKILL, then reaped.
  void kill9();

 private:
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  LineReader stdout_;
};

// A file's whole text; empty if it cannot be read.
std::string read_text_file(const std::filesystem::path& file);

}  // namespace hourglass::test
