#pragma once
// Frame-time statistics for --bench-frames. Pure functions, unit-tested.

#include <optional>
#include <span>
#include <string_view>

namespace hourglass::ui {

// Nearest-rank percentile (p in [0, 100]) of unsorted samples; 0 when empty.
// p = 0 gives the minimum, p = 100 the maximum.
double percentile(std::span<const double> samples, double p);

struct FrameStats {
  std::size_t frames = 0;
  double p50_ms = 0.0;
  double p99_ms = 0.0;
  double max_ms = 0.0;
  double mean_ms = 0.0;
};
FrameStats frame_stats(std::span<const double> frame_ms);

// VmRSS in KiB from the text of /proc/self/status; nullopt if absent.
std::optional<long> parse_vm_rss_kib(std::string_view proc_status);
// Reads /proc/self/status; nullopt (with a log line) when unreadable.
std::optional<long> resident_memory_kib();

}  // namespace hourglass::ui
