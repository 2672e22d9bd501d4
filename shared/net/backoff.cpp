#include "shared/net/backoff.hpp"

#include <algorithm>
#include <cmath>

namespace hourglass::net {

Backoff::Backoff(BackoffOptions options) : options_(options) {}

std::chrono::milliseconds Backoff::next(double unit_random) {
  const double max_ms = static_cast<double>(std::max<std::int64_t>(1, options_.max.count()));
  const double initial_ms = std::clamp(static_cast<double>(options_.initial.count()), 1.0, max_ms);
  const double factor = std::max(1.0, options_.factor);
  // Capping the exponent keeps pow finite however long the server is away.
  const double base = std::min(max_ms, initial_ms * std::pow(factor, std::min(attempt_, 64)));
  const double jitter = std::clamp(options_.jitter, 0.0, 1.0);
  const double scale = 1.0 - jitter + 2.0 * jitter * std::clamp(unit_random, 0.0, 1.0);
  const double delay = std::clamp(base * scale, 1.0, max_ms);
  ++attempt_;
  return std::chrono::milliseconds(static_cast<std::int64_t>(std::llround(delay)));
}

}  // namespace hourglass::net
