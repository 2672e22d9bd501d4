// hourglass-limits: this machine's own limits (docs/benchmarks.md), printed
// as a table or as JSON for deploy/bench.sh to divide the product's figures by.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "kitchen/bench/machine_limits.hpp"
#ifdef HOURGLASS_LIMITS_WITH_UI
#include "kitchen/bench/empty_frame.hpp"
#endif

namespace bench = hourglass::bench;

namespace {

void print_row(const char* what, const bench::Latency& latency, const char* unit) {
  fmt::print("{:<34} {:>10.0f}/s   p50 {:>8.1f} us   p99 {:>8.1f} us   max {:>9.1f} us   ({} {})\n", what,
             latency.per_second, latency.p50_us, latency.p99_us, latency.max_us, latency.samples, unit);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"hourglass-limits: measures this machine's own limits (disk commit, fsync, loopback, renderer)"};
  std::string folder = std::filesystem::temp_directory_path().string();
  int commits = 2000;
  int syncs = 1000;
  int rounds = 20000;
  int frames = 300;
  int width = 1920;
  int height = 1080;
  bool json = false;
  app.add_option("--folder", folder,
                 "Folder on the disk to measure (use the one the kitchen's database is on; default: the temp folder)")
      ->check(CLI::ExistingDirectory);
  app.add_option("--commits", commits, "SQLite WAL+FULL single-row commits (default 2000)")->check(CLI::Range(10, 1000000));
  app.add_option("--syncs", syncs, "append+fdatasync rounds (default 1000)")->check(CLI::Range(10, 1000000));
  app.add_option("--rounds", rounds, "TCP loopback round trips (default 20000)")->check(CLI::Range(10, 10000000));
#ifdef HOURGLASS_LIMITS_WITH_UI
  app.add_option("--frames", frames, "Empty-window frames for the renderer (default 300; 0 skips)")
      ->check(CLI::Range(0, 100000));
  app.add_option("--width", width, "Empty window width (default 1920)")->check(CLI::Range(64, 8192));
  app.add_option("--height", height, "Empty window height (default 1080)")->check(CLI::Range(64, 8192));
#endif
  app.add_flag("--json", json, "Print one JSON object instead of the table");
  CLI11_PARSE(app, argc, argv);

  try {
    nlohmann::json out;
    const bench::Latency sqlite = bench::sqlite_commit(folder, commits);
    const bench::Latency fsync = bench::fsync_append(folder, syncs);
    const bench::Latency tcp = bench::tcp_loopback_round_trip(rounds);
    out["folder"] = folder;
    out["sqlite_commit"] = bench::to_json(sqlite);
    out["fsync"] = bench::to_json(fsync);
    out["tcp_round_trip"] = bench::to_json(tcp);
#ifdef HOURGLASS_LIMITS_WITH_UI
    std::optional<bench::Latency> frame;
    if (frames > 0) {
      frame = bench::empty_frame(width, height, frames);
      out["empty_frame"] = bench::to_json(*frame);
      out["empty_frame"]["size"] = fmt::format("{}x{}", width, height);
    }
#endif
    if (json) {
      std::cout << out.dump() << "\n";
      return 0;
    }
    fmt::print("This machine's limits (disk: {})\n", folder);
    print_row("SQLite WAL+FULL 1-row commit", sqlite, "commits");
    print_row("append + fdatasync", fsync, "syncs");
    print_row("TCP loopback round trip", tcp, "rounds");
#ifdef HOURGLASS_LIMITS_WITH_UI
    if (frame) print_row(fmt::format("empty {}x{} frame", width, height).c_str(), *frame, "frames");
#endif
  } catch (const std::exception& error) {
    spdlog::error("{}", error.what());
    return 1;
  }
  return 0;
}
