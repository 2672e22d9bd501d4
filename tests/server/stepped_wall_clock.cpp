#include "tests/server/stepped_wall_clock.hpp"

#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <fstream>

namespace hourglass::test {

namespace fs = std::filesystem;

SteppedWallClock::SteppedWallClock(const fs::path& folder) : file_(folder / "faketime-offset") {
  if (!fs::exists(HOURGLASS_LIBFAKETIME)) {
    FAIL("libfaketime is not installed (" << HOURGLASS_LIBFAKETIME << "): apt-get install faketime");
  }
  step(0);
}

std::vector<std::string> SteppedWallClock::env() const {
  // The pass-through first: see timerfd_passthrough.cpp for why.
  return {fmt::format("LD_PRELOAD={}:{}", HOURGLASS_TIMERFD_PASSTHROUGH, HOURGLASS_LIBFAKETIME),
          "FAKETIME_TIMESTAMP_FILE=" + file_.string(), "FAKETIME_NO_CACHE=1", "FAKETIME_DONT_FAKE_MONOTONIC=1"};
}

void SteppedWallClock::step(std::int64_t seconds) const {
  // Written aside and renamed: the child reads the file at any moment and must
  // never see it half written.
  const fs::path next = file_.string() + ".next";
  std::ofstream(next) << fmt::format("{:+d}\n", seconds);
  fs::rename(next, file_);
}

}  // namespace hourglass::test
