// The machine-limit probes measure what they say, on this machine's real disk
// and loopback. No timing is asserted: only that every sample was taken and
// the distribution is a distribution.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "kitchen/bench/machine_limits.hpp"

namespace bench = hourglass::bench;
namespace fs = std::filesystem;

namespace {

void check_distribution(const bench::Latency& latency, int samples) {
  CHECK(latency.samples == samples);
  CHECK(latency.per_second > 0.0);
  CHECK(latency.p50_us > 0.0);
  CHECK(latency.p50_us <= latency.p99_us);
  CHECK(latency.p99_us <= latency.max_us);
}

}  // namespace

TEST_CASE("machine limits: SQLite commits, fsyncs and loopback round trips are all taken and leave nothing behind",
          "[bench]") {
  const fs::path folder = fs::temp_directory_path() / ("limits-test-" + std::to_string(::getpid()));
  fs::create_directories(folder);
  check_distribution(bench::sqlite_commit(folder, 50), 50);
  check_distribution(bench::fsync_append(folder, 50), 50);
  CHECK(fs::is_empty(folder));  // the scratch files are removed
  check_distribution(bench::tcp_loopback_round_trip(200), 200);
  const auto json = bench::to_json(bench::tcp_loopback_round_trip(20));
  CHECK(json.at("samples") == 20);
  CHECK(json.contains("p99_us"));
  fs::remove_all(folder);
}

TEST_CASE("machine limits: a folder that cannot be written is an error, not a figure", "[bench]") {
  const fs::path missing = fs::temp_directory_path() / ("limits-missing-" + std::to_string(::getpid())) / "file";
  fs::create_directories(missing.parent_path());
  {
    std::ofstream(missing.string()) << "a file, not a folder";
  }
  CHECK_THROWS(bench::sqlite_commit(missing, 10));
  CHECK_THROWS(bench::fsync_append(missing, 10));
  fs::remove_all(missing.parent_path());
}
