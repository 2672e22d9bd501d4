#pragma once
// Lines from a file descriptor (a pipe or a socket), with a timeout: what the
// child process's stdout and the line client both read.

#include <chrono>
#include <optional>
#include <string>

namespace hourglass::test {

class LineReader {
 public:
  // The next line from `fd` without its '\n', or nothing on timeout or once
  // the stream has ended (then ended() is true) and no whole line is left.
  std::optional<std::string> next(int fd, std::chrono::milliseconds timeout);
  bool ended() const { return ended_; }
  // Drops what is buffered (a test that only waits for the end).
  void clear() { buffer_.clear(); }

 private:
  std::string buffer_;
  bool ended_ = false;
};

}  // namespace hourglass::test
