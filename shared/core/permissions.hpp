#pragma once
// The permission table of PROTOCOL.md ("What each role may do"), as data.

#include <string_view>

#include "shared/core/order.hpp"
#include "shared/core/protocol.hpp"

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
  set_sold_out,  // v1.1
  fire_lines,    // v1.1
  complain,           // v1.1 feedback
  resolve_complaint,  // v1.1
  submit_survey,      // v1.1
  get_feedback,       // v1.1
};

// Whether `role` may make `request` at all. What it may touch (own table,
// own lines while queued) is checked against the order.
bool role_may(Role role, Request request);

std::string_view to_string(Request request);

// Which request a message is, for role_may (a second hello counts as a ping:
// anyone may say it, and the server answers it with its own error).
Request request_of(const ClientMessage& message);

}  // namespace hourglass::core
