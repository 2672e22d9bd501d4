#pragma once
// This machine's own limits, measured in the same run as a benchmark so
// every figure can be given as a ratio to them (docs/benchmarks.md): how
// fast the disk makes a commit durable, how long a loopback round trip takes.
// Each probe does the least the product's own path must do, nothing more.

#include <filesystem>
#include <optional>
#include <vector>
#include <nlohmann/json.hpp>

namespace hourglass::bench {

// A latency distribution in microseconds, and how many a second it allows.
struct Latency {
  int samples = 0;
  double per_second = 0.0;
  double p50_us = 0.0;
  double p99_us = 0.0;
  double max_us = 0.0;
};

// One-row transactions on SQLite in WAL mode with synchronous=FULL, one after
// another, in a fresh database under `folder` (put it on the disk the kitchen
// writes to): the durable commits a single writer gets without group commit.
Latency sqlite_commit(const std::filesystem::path& folder, int commits);
// Appends 256 bytes and fdatasync()s, `syncs` times, in a file under `folder`:
// the floor under any durable commit on this disk.
Latency fsync_append(const std::filesystem::path& folder, int syncs);
// A 200-byte line sent to a thread echoing on 127.0.0.1 and read back
// (TCP_NODELAY both ways): the floor under any request and its reply.
Latency tcp_loopback_round_trip(int rounds);

nlohmann::json to_json(const Latency& latency);

// Nearest-rank percentile (p in [0, 100]) of unsorted samples; 0 when there
// are none. The one the benchmarks, the load generator and the simulator
// report.
double percentile(std::vector<double> samples, double p);

// The resident memory of process `pid` (VmRSS in /proc/<pid>/status), in
// KiB; nullopt when the process or the line is gone.
std::optional<long> resident_kib(int pid);

}  // namespace hourglass::bench
