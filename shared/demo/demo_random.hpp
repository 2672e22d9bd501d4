#pragma once
// The demos' one source of chance: a small linear congruential generator, so
// the same demo kitchen and the same month of breaches come out on every run
// and every machine (screenshots and benchmarks compare like with like).

#include <cstdint>

namespace hourglass::demo {

struct Lcg {
  std::uint64_t state;
  std::uint32_t next() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(state >> 33);
  }
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint32_t>(n)); }
};

}  // namespace hourglass::demo
