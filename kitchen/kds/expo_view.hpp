#pragma once
// The expo screen (`hourglass-kds --expo`) as data: the pass, where finished
// dishes wait for a runner. Every order with a dish ready, what is still to
// come from the stations, how long its first ready dish has waited under the
// lamp, and one touch to serve what is there. A pure function of the orders
// and the server time, unit-tested without a window.

#include <cstdint>
#include <string>
#include <vector>

#include "shared/core/menu.hpp"
#include "shared/core/order.hpp"
#include "shared/core/urgency.hpp"

namespace hourglass::kitchen {

struct ExpoLine {
  std::string line_id;
  std::string name;  // "2× Kung Pao Chicken", in the display language
  core::LineState state = core::LineState::ready;
  std::string state_word;  // for lines still to come: "COOKING" / "在做"
};

struct ExpoTicket {
  std::string order_id;
  std::string ticket;  // "#41"
  std::string table;   // "Table 12"
  std::string countdown;  // the promise: "04:59" or "LATE 01:05"
  core::Urgency urgency = core::Urgency::calm;
  std::string urgency_word;
  std::vector<ExpoLine> ready;    // at the pass
  std::vector<ExpoLine> missing;  // queued or cooking: still to come (held lines wait for the table, not shown)
  // Since the first of the ready dishes became ready (its ready_at_ms); 0
  // when the kitchen did not say (a server before ready_at_ms).
  std::int64_t waiting_ms = 0;
  std::string waiting;   // "02:10"; empty when unknown
  bool dying = false;    // waited past ExpoOptions::dying_ms
  bool complete = false;  // nothing still to come: the whole order goes
  std::string progress;  // "2 of 3 ready"; "ALL READY" when complete
  std::string serve_word;  // "Serve order", or "Serve the 2 ready"
};

struct ExpoView {
  // Longest waiting first (food dying under the lamp), then the deadline.
  std::vector<ExpoTicket> tickets;
  int complete = 0;  // tickets with everything ready
  std::int64_t server_now_ms = 0;
};

struct ExpoOptions {
  core::UrgencyThresholds thresholds;
  std::int64_t dying_ms = 3 * 60 * 1000;  // hot food at the pass longer than this is marked
};

ExpoView build_expo_view(const std::vector<core::Order>& orders, const core::Menu& menu, const ExpoOptions& options,
                         std::int64_t server_now_ms, core::Language language);

}  // namespace hourglass::kitchen
