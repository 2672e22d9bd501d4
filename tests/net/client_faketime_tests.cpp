// A real client process (hourglass-client-probe) whose wall clock libfaketime
// steps back an hour, at run time, just as its server goes silent (SIGSTOP):
// it must still notice the silence after its timeout, because durations are
// on the monotonic clock, which libfaketime is told to leave alone.

#include <signal.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>

#include "tests/kit/test_kit.hpp"

using namespace std::chrono_literals;
namespace fs = std::filesystem;
namespace test = hourglass::test;

namespace {

constexpr std::int64_t kHour = 3'600'000;

// libfaketime re-reads this file on every clock call (FAKETIME_NO_CACHE):
// replaced whole, so it never sees it half written.
void set_fake_offset(const fs::path& file, const std::string& offset) {
  const fs::path next = file.string() + ".next";
  std::ofstream(next) << offset << "\n";
  fs::rename(next, file);
}

// "<wall ms> <what>": the probe's wall clock and the rest.
std::pair<std::int64_t, std::string> parse_probe_line(const std::string& line) {
  const auto space = line.find(' ');
  REQUIRE(space != std::string::npos);
  return {std::stoll(line.substr(0, space)), line.substr(space + 1)};
}

}  // namespace

TEST_CASE("client process under libfaketime: set back an hour as the server goes silent, offline on time",
          "[net][integration]") {
#ifndef HOURGLASS_FAKETIME_LIBRARY
  FAIL(
      "libfaketime was not found when this build was configured: install the package faketime "
      "(deploy/install-deps.sh), then configure again");
#else
  test::TestKitchen kitchen;
  const fs::path dir = kitchen.dir.path();
  const fs::path fake = dir / "faketime.txt";
  set_fake_offset(fake, "+0");
  test::ChildProcess probe(
      {{HOURGLASS_CLIENT_PROBE, "--server", kitchen.address(), "--token", test::kTable1, "--silence-ms", "2000",
        "--ping-ms", "200"},
       {std::string("LD_PRELOAD=") + HOURGLASS_FAKETIME_LIBRARY, "FAKETIME_TIMESTAMP_FILE=" + fake.string(),
        "FAKETIME_NO_CACHE=1", "FAKETIME_DONT_FAKE_MONOTONIC=1"},
       dir / "probe.log"});
  const auto connected = probe.read_line(15s);
  INFO("probe log:\n" << test::read_text_file(dir / "probe.log"));
  REQUIRE(connected);
  const auto [connected_wall, connected_what] = parse_probe_line(*connected);
  CHECK(connected_what == "connected");
  CHECK(std::abs(connected_wall - test::wall_ms()) < 60'000);

  kitchen.server.pause();
  set_fake_offset(fake, "-1h");
  // Before the fix the probe stayed "connected" for the hour.
  const auto offline = probe.read_line(30s);
  REQUIRE(offline);
  const auto [offline_wall, offline_what] = parse_probe_line(*offline);
  CHECK_THAT(offline_what, Catch::StartsWith("offline server silent"));
  // The probe really saw its clock an hour back: libfaketime took effect.
  CHECK(std::abs(offline_wall - (test::wall_ms() - kHour)) < 60'000);

  kitchen.server.resume();
  const auto back = probe.read_line(15s);
  REQUIRE(back);
  CHECK(parse_probe_line(*back).second == "connected");
  CHECK(probe.stop(SIGTERM, 5s) == 0);
#endif
}
