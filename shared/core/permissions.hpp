#pragma once
// The permission table of PROTOCOL.md ("What each role may do"), as data.

#include <string_view>

#include "shared/core/order.hpp"

namespace hourglass::core {

enum class Request {
  place_order,
  cancel_line,
  rush,
  call_waiter,
  get_bill,
  mark_line,
  close_table,
  get_breach_log,
  comp_line,
  ping,
  recall_line,  // extension
  get_history,  // extension
};

// Whether `role` may make `request` at all. What it may touch (own table,
// own lines while queued) is checked against the order.
bool role_may(Role role, Request request);

std::string_view to_string(Request request);

}  // namespace hourglass::core
