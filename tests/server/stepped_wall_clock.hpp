#pragma once
// The clock-step tests' wall clock for a child process (libfaketime).

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace hourglass::test {

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

}  // namespace hourglass::test
