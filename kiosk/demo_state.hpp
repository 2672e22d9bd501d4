#pragma once
// The built-in sample state (--demo-state): the sample menu and a table's
// orders at telling moments, so screenshots and benchmarks need no server.

#include <cstdint>
#include <optional>
#include <string>

#include "kiosk/kiosk_state.hpp"
#include "shared/core/menu.hpp"

namespace hourglass::kiosk {

struct DemoOptions {
  Mode mode = Mode::table;
  // Which moments: a breached round (with its apology), one mid-way with
  // dishes cooking and served, one just placed; extra rounds beyond three
  // are fresh ones (the benchmark's "five open orders").
  bool breached = true;
  int orders = 3;
};

// Orders are built with the core's own make_order / evaluate_promise, so
// prices, deadlines and the compensation are the real rules.
KioskState make_demo_state(core::Menu menu, const DemoOptions& options, std::int64_t now_ms);

// assets/menu.json next to the executable's tree or in the source tree;
// nullopt when none is found.
std::optional<std::string> find_sample_menu();

}  // namespace hourglass::kiosk
