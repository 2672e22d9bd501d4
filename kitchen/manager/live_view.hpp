#pragma once
// The manager's live view: every open order, grouped by table, with the
// same countdown and colour level as the kitchen display (read-only), the
// money per table, and which lines may still be comped.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "shared/core/menu.hpp"
#include "shared/core/order.hpp"
#include "shared/core/protocol.hpp"
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

// The promise in the next 15 minutes (core::forecast_promise) and the
// kitchen's load, in words.
struct LiveForecast {
  bool shown = false;  // false above core::kMaxScheduledLines open lines (not scheduled every frame)
  int due = 0;
  int on_time = 0;
  std::string summary;       // "Next 15 min: 6 of 8 orders due projected on time (75 %)"
  std::string kitchen_wait;  // "A new order now: about 12 min"; empty until the kitchen says
  std::vector<std::string> projected_breaches;  // "#41 · Table 12 · +02:10", soonest deadline first
};

// A dish on the console's sold-out tab (86).
struct LiveDish {
  std::string item;
  std::string name;
  std::string category;  // its category's name, shown as a heading
  bool sold_out = false;
};

struct LiveView {
  LiveForecast forecast;
  std::vector<LiveDish> dishes;  // the menu, in menu order
  std::vector<LiveTable> tables;  // the most urgent table first
  int open_orders = 0;
  int late_orders = 0;
};

// `menu` gives the schedule its prep times and places; `kitchen_load` is the
// server's last `kitchen_load` (nullopt before the first).
LiveView build_live_view(const std::vector<core::Order>& orders, const core::Menu& menu,
                         const std::optional<core::KitchenLoad>& kitchen_load,
                         const core::UrgencyThresholds& thresholds, std::int64_t server_now_ms,
                         core::Language language);

}  // namespace hourglass::manager
