#pragma once
// A per-connection request budget: `burst` requests at once, refilled at
// `rate` per second. Pure: the caller passes a monotonic time.

#include <algorithm>
#include <cstdint>

namespace hourglass::kitchen {

class TokenBucket {
 public:
  TokenBucket(double rate_per_s, double burst) : rate_(rate_per_s), burst_(burst), tokens_(burst) {}

  // Takes one token at monotonic time `now_ns`; false when the budget is spent.
  bool take(std::int64_t now_ns) {
    if (last_ns_ >= 0 && now_ns > last_ns_) {
      tokens_ = std::min(burst_, tokens_ + static_cast<double>(now_ns - last_ns_) * rate_ / 1e9);
    }
    last_ns_ = std::max(last_ns_, now_ns);
    if (tokens_ < 1.0) return false;
    tokens_ -= 1.0;
    return true;
  }

 private:
  double rate_;
  double burst_;
  double tokens_;
  std::int64_t last_ns_ = -1;
};

}  // namespace hourglass::kitchen
