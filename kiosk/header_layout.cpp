#include "kiosk/header_layout.hpp"

#include <array>

namespace hourglass::kiosk {

HeaderFit fit_header(const HeaderItems& items) {
  struct Candidate {
    bool brand;
    PromiseForm promise;
  };
  // In order of preference: what gives way first comes off first.
  constexpr std::array<Candidate, 4> candidates = {{
      {true, PromiseForm::full},
      {true, PromiseForm::short_form},
      {true, PromiseForm::none},
      {false, PromiseForm::none},
  }};
  const bool clock = items.countdown > 0.0f;
  for (const Candidate& candidate : candidates) {
    // No brand on this row: nothing to give way but the promise.
    const bool brand = candidate.brand && items.brand > 0.0f;
    const float promise = candidate.promise == PromiseForm::full         ? items.promise_full
                          : candidate.promise == PromiseForm::short_form ? items.promise_short
                                                                         : 0.0f;
    if (candidate.promise != PromiseForm::none && promise <= 0.0f) continue;
    // The brand carries its own margin; badge and clock are separated by a gap.
    float used = brand ? items.brand : 0.0f;
    int badges = 0;
    if (promise > 0.0f) {
      used += promise;
      ++badges;
    }
    if (clock) {
      used += items.countdown;
      ++badges;
    }
    if (badges > 1) used += items.gap;
    if (used < items.space) return HeaderFit{brand, candidate.promise, clock, false};
  }
  return HeaderFit{false, PromiseForm::none, clock, clock};
}

}  // namespace hourglass::kiosk
