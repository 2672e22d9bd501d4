#pragma once
// The manager's live view: every open order, grouped by table, with the
// same countdown and colour level as the kitchen display (read-only), the
// money per table, and which lines may still be comped.

#include <cstdint>
#include <string>
#include <vector>

#include "shared/core/menu.hpp"
#include "shared/core/order.hpp"
#include "shared/core/urgency.hpp"

namespace hourglass::manager {

struct LiveLine {
  std::string line_id;
  std::string dish;        // "2× Kung Pao Chicken"
  std::string state_word;  // "COOKING"
  core::LineState state = core::LineState::queued;
  std::string amount;  // "¥76.00"
  bool comped = false;
  bool late = false;
  bool free = false;      // the diner does not pay it: comped, or late under a late-dishes-free promise
  bool can_comp = false;  // not comped, not cancelled, order not closed
};

struct LiveOrder {
  std::string order_id;
  std::string ticket;
  std::string countdown;
  core::Urgency urgency = core::Urgency::calm;
  std::string status;  // "open" / "kept" / "breached" in words
  std::vector<LiveLine> lines;
};

struct LiveTable {
  std::string table_id;
  std::string table;              // "Table 12"
  std::vector<LiveOrder> orders;  // earliest deadline first
  std::int64_t earliest_deadline_ms = 0;
  std::string subtotal;
  std::string discount;
  std::string total;
  std::string close_order_id;  // counter tables close one order at a time
};

struct LiveView {
  std::vector<LiveTable> tables;  // the most urgent table first
  int open_orders = 0;
  int late_orders = 0;
};

LiveView build_live_view(const std::vector<core::Order>& orders, const core::UrgencyThresholds& thresholds,
                         std::int64_t server_now_ms, core::Language language);

}  // namespace hourglass::manager
