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
constexpr std::array<Permission, 12> kPermissions{{
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

}  // namespace hourglass::core
