#include "shared/ui/frame_stats.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

namespace hourglass::ui {

double percentile(std::span<const double> samples, double p) {
  if (samples.empty()) return 0.0;
  std::vector<double> sorted(samples.begin(), samples.end());
  std::sort(sorted.begin(), sorted.end());
  p = std::clamp(p, 0.0, 100.0);
  // Nearest rank: the smallest sample with at least p% of samples <= it.
  const auto n = static_cast<double>(sorted.size());
  auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * n));
  rank = std::clamp<std::size_t>(rank, 1, sorted.size());
  return sorted[rank - 1];
}

FrameStats frame_stats(std::span<const double> frame_ms) {
  FrameStats stats;
  stats.frames = frame_ms.size();
  if (frame_ms.empty()) return stats;
  stats.p50_ms = percentile(frame_ms, 50.0);
  stats.p99_ms = percentile(frame_ms, 99.0);
  stats.max_ms = *std::max_element(frame_ms.begin(), frame_ms.end());
  stats.mean_ms = std::accumulate(frame_ms.begin(), frame_ms.end(), 0.0) / static_cast<double>(frame_ms.size());
  return stats;
}

std::optional<long> parse_vm_rss_kib(std::string_view proc_status) {
  constexpr std::string_view key = "VmRSS:";
  std::size_t pos = 0;
  while (pos < proc_status.size()) {
    std::size_t end = proc_status.find('\n', pos);
    if (end == std::string_view::npos) end = proc_status.size();
    const std::string_view line = proc_status.substr(pos, end - pos);
    if (line.starts_with(key)) {
      std::istringstream in{std::string(line.substr(key.size()))};
      long kib = 0;
      std::string unit;
      if (in >> kib >> unit && unit == "kB") return kib;
      return std::nullopt;
    }
    pos = end + 1;
  }
  return std::nullopt;
}

std::optional<long> resident_memory_kib() {
  std::ifstream in("/proc/self/status");
  if (!in) {
    spdlog::warn("cannot read /proc/self/status: resident memory unknown");
    return std::nullopt;
  }
  std::stringstream text;
  text << in.rdbuf();
  auto kib = parse_vm_rss_kib(text.str());
  if (!kib) spdlog::warn("no VmRSS line in /proc/self/status");
  return kib;
}

}  // namespace hourglass::ui
