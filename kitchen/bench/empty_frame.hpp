#pragma once
// The software renderer's floor: the frame time of an empty window of the
// given size (clear, present, nothing drawn), headless like every screen
// benchmark. Built only with the UI (HOURGLASS_BUILD_UI).

#include "kitchen/bench/machine_limits.hpp"

namespace hourglass::bench {

Latency empty_frame(int width, int height, int frames);

}  // namespace hourglass::bench
