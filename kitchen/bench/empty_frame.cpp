#include "kitchen/bench/empty_frame.hpp"

#include <chrono>
#include <vector>

#include "shared/ui/frame_stats.hpp"
#include "shared/ui/shell.hpp"

namespace hourglass::bench {

Latency empty_frame(int width, int height, int frames) {
  ui::Shell shell(ui::headless_shell_config("hourglass-limits", width, height));
  std::vector<double> ms;
  ms.reserve(static_cast<std::size_t>(frames));
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < frames && shell.begin_frame(); ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    shell.end_frame();
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const ui::FrameStats stats = ui::frame_stats(ms);
  Latency latency;
  latency.samples = static_cast<int>(stats.frames);
  latency.per_second = seconds > 0 ? static_cast<double>(stats.frames) / seconds : 0.0;
  latency.p50_us = stats.p50_ms * 1000.0;
  latency.p99_us = stats.p99_ms * 1000.0;
  latency.max_us = stats.max_ms * 1000.0;
  return latency;
}

}  // namespace hourglass::bench
