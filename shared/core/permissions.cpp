#include "shared/core/permissions.hpp"

#include <array>

namespace hourglass::core {

namespace {

struct Permission {
  Request request;
  std::string_view name;
  bool table, kiosk, kds, manager;
};

// PROTOCOL.md's table, row for row, plus the documented extensions.
constexpr std::array<Permission, 18> kPermissions{{
    //                                       table  kiosk  kds    manager
    {Request::place_order, "place_order", true, true, false, false},
    {Request::cancel_line, "cancel_line", true, true, true, true},
    {Request::rush, "rush", true, true, false, false},
    {Request::call_waiter, "call_waiter", true, true, false, false},
    {Request::get_bill, "get_bill", true, true, true, true},
    {Request::mark_line, "mark_line", false, false, true, true},
    {Request::close_table, "close_table", false, false, true, true},
    {Request::get_breach_log, "get_breach_log", false, false, false, true},
    {Request::comp_line, "comp_line", false, false, false, true},
    {Request::ping, "ping", true, true, true, true},
    {Request::recall_line, "recall_line", false, false, true, true},
    {Request::get_history, "get_history", false, false, false, true},
    {Request::set_sold_out, "set_sold_out", false, false, true, true},
    {Request::fire_lines, "fire_lines", true, true, true, true},
    {Request::complain, "complain", true, true, false, false},
    {Request::resolve_complaint, "resolve_complaint", false, false, false, true},
    {Request::submit_survey, "submit_survey", true, true, false, false},
    {Request::get_feedback, "get_feedback", false, false, false, true},
}};

const Permission& permission_of(Request request) {
  for (const auto& permission : kPermissions) {
    if (permission.request == request) return permission;
  }
  return kPermissions.back();  // unreachable: every Request has a row
}

}  // namespace

bool role_may(Role role, Request request) {
  const Permission& row = permission_of(request);
  switch (role) {
    case Role::table:
      return row.table;
    case Role::kiosk:
      return row.kiosk;
    case Role::kds:
      return row.kds;
    case Role::manager:
      return row.manager;
  }
  return false;
}

std::string_view to_string(Request request) { return permission_of(request).name; }

namespace {

struct RequestKind {
  Request operator()(const Hello&) const { return Request::ping; }
  Request operator()(const PlaceOrder&) const { return Request::place_order; }
  Request operator()(const CancelLine&) const { return Request::cancel_line; }
  Request operator()(const MarkLine&) const { return Request::mark_line; }
  Request operator()(const Rush&) const { return Request::rush; }
  Request operator()(const CallWaiter&) const { return Request::call_waiter; }
  Request operator()(const CloseTable&) const { return Request::close_table; }
  Request operator()(const GetBill&) const { return Request::get_bill; }
  Request operator()(const GetBreachLog&) const { return Request::get_breach_log; }
  Request operator()(const CompLine&) const { return Request::comp_line; }
  Request operator()(const Ping&) const { return Request::ping; }
  Request operator()(const RecallLine&) const { return Request::recall_line; }
  Request operator()(const GetHistory&) const { return Request::get_history; }
  Request operator()(const SetSoldOut&) const { return Request::set_sold_out; }
  Request operator()(const FireLines&) const { return Request::fire_lines; }
  Request operator()(const Complain&) const { return Request::complain; }
  Request operator()(const ResolveComplaint&) const { return Request::resolve_complaint; }
  Request operator()(const SubmitSurvey&) const { return Request::submit_survey; }
  Request operator()(const GetFeedback&) const { return Request::get_feedback; }
};

}  // namespace

Request request_of(const ClientMessage& message) { return std::visit(RequestKind{}, message); }

}  // namespace hourglass::core
