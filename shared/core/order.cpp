#include "shared/core/order.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <utility>

namespace hourglass::core {

namespace {

template <class Enum, std::size_t N>
using NameTable = std::array<std::pair<Enum, std::string_view>, N>;

constexpr NameTable<Role, 4> kRoleNames{
    {{Role::table, "table"}, {Role::kiosk, "kiosk"}, {Role::kds, "kds"}, {Role::manager, "manager"}}};
constexpr NameTable<LineState, 7> kLineStateNames{{{LineState::queued, "queued"},
                                                   {LineState::cooking, "cooking"},
                                                   {LineState::ready, "ready"},
                                                   {LineState::served, "served"},
                                                   {LineState::cancelled, "cancelled"},
                                                   {LineState::held, "held"},
                                                   {LineState::fired, "fired"}}};
constexpr NameTable<OrderStatus, 4> kStatusNames{{{OrderStatus::open, "open"},
                                                  {OrderStatus::kept, "kept"},
                                                  {OrderStatus::breached, "breached"},
                                                  {OrderStatus::closed, "closed"}}};

template <class Enum, std::size_t N>
std::string_view name_of(const NameTable<Enum, N>& table, Enum value) {
  for (const auto& [entry, name] : table) {
    if (entry == value) return name;
  }
  return "?";
}

template <class Enum, std::size_t N>
std::optional<Enum> value_of(const NameTable<Enum, N>& table, std::string_view text) {
  for (const auto& [entry, name] : table) {
    if (name == text) return entry;
  }
  return std::nullopt;
}

Error conflict(std::string message) { return Error{ErrorCode::conflict, std::move(message)}; }

}  // namespace

std::string_view to_string(Role role) { return name_of(kRoleNames, role); }
std::string_view to_string(LineState state) { return name_of(kLineStateNames, state); }
std::string_view to_string(OrderStatus status) { return name_of(kStatusNames, status); }
std::optional<Role> role_from_string(std::string_view text) { return value_of(kRoleNames, text); }
std::optional<LineState> line_state_from_string(std::string_view text) { return value_of(kLineStateNames, text); }
std::optional<OrderStatus> order_status_from_string(std::string_view text) { return value_of(kStatusNames, text); }

bool is_staff(Role role) { return role == Role::kds || role == Role::manager; }

bool in_subtotal(LineState state) { return state != LineState::cancelled && state != LineState::fired; }

bool needs_cooking(LineState state) { return state == LineState::queued || state == LineState::cooking; }

namespace {

// The forward states a line moves through in the kitchen.
bool is_kitchen_state(LineState state) {
  return state == LineState::queued || state == LineState::cooking || state == LineState::ready ||
         state == LineState::served;
}

}  // namespace

bool Order::broke_promise() const {
  return std::any_of(lines.begin(), lines.end(), [](const OrderLine& line) { return line.late; });
}

OrderLine* Order::find_line(std::string_view line_id) {
  const auto it = std::find_if(lines.begin(), lines.end(), [&](const OrderLine& l) { return l.line_id == line_id; });
  return it == lines.end() ? nullptr : &*it;
}

const OrderLine* Order::find_line(std::string_view line_id) const {
  return const_cast<Order*>(this)->find_line(line_id);
}

Result<Order, Error> make_order(const std::string& order_id, const std::vector<LineRequest>& lines, const Menu& menu,
                                std::int64_t seq, const std::string& table, std::int64_t accepted_at_ms,
                                const PromiseTerms& terms) {
  Order order;
  order.order_id = order_id;
  order.seq = seq;
  order.table = table;
  order.accepted_at_ms = accepted_at_ms;
  order.deadline_ms = promise_deadline(accepted_at_ms, terms);
  order.promise = terms;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const LineRequest& request = lines[i];
    const MenuItem* item = menu.find(request.item);
    if (item == nullptr) {
      return fail(
          Error{ErrorCode::bad_request, fmt::format("lines[{}].item: \"{}\" is not on the menu", i, request.item)});
    }
    OrderLine line;
    line.line_id = fmt::format("{}-{}", seq, i + 1);
    line.item = item->id;
    line.name = item->name;
    line.qty = request.qty;
    line.price = item->price;
    line.promised = item->promised;
    line.note = request.note;
    line.station = item->station;
    if (request.hold) line.state = LineState::held;
    order.lines.push_back(std::move(line));
  }
  recompute_totals(order);
  return order;
}

std::optional<Error> check_order_open_for_change(const Order& order) {
  if (order.status == OrderStatus::closed) {
    return conflict(fmt::format("order #{} is closed", order.seq));
  }
  return std::nullopt;
}

std::optional<Error> check_cancel_line(const Order& order, const OrderLine& line, Role role) {
  if (auto error = check_order_open_for_change(order)) return error;
  if (line.state == LineState::cancelled) return conflict(fmt::format("line {} is already cancelled", line.line_id));
  if (line.state == LineState::served) return conflict(fmt::format("line {} is already served", line.line_id));
  if (line.state == LineState::fired) {
    return conflict(fmt::format("line {} was fired into another round: cancel it there", line.line_id));
  }
  if (!is_staff(role) && line.state != LineState::queued && line.state != LineState::held) {
    return conflict(fmt::format("line {} is already {}: ask the staff", line.line_id, to_string(line.state)));
  }
  return std::nullopt;
}

std::optional<Error> check_mark_line(const Order& order, const OrderLine& line, LineState target) {
  if (auto error = check_order_open_for_change(order)) return error;
  if (target == LineState::cancelled) {
    return Error{ErrorCode::bad_request, "state: use cancel_line to cancel a line"};
  }
  if (!is_kitchen_state(target)) {
    return Error{ErrorCode::bad_request, fmt::format("state: {} is not a kitchen state", to_string(target))};
  }
  if (line.state == LineState::cancelled) return conflict(fmt::format("line {} is cancelled", line.line_id));
  if (line.state == LineState::held) {
    return conflict(fmt::format("line {} is held for later: fire it first", line.line_id));
  }
  if (line.state == LineState::fired) {
    return conflict(fmt::format("line {} was fired into another round", line.line_id));
  }
  if (static_cast<int>(target) <= static_cast<int>(line.state)) {
    return conflict(fmt::format("line {} is already {}; {} is not a forward state", line.line_id, to_string(line.state),
                                to_string(target)));
  }
  return std::nullopt;
}

std::optional<Error> check_comp_line(const Order& order, const OrderLine& line) {
  if (auto error = check_order_open_for_change(order)) return error;
  if (line.comped) return conflict(fmt::format("line {} is already comped", line.line_id));
  if (line.state == LineState::cancelled) return conflict(fmt::format("line {} is cancelled", line.line_id));
  if (line.state == LineState::fired) {
    return conflict(fmt::format("line {} was fired into another round: comp it there", line.line_id));
  }
  return std::nullopt;
}

std::optional<Error> check_fire_line(const Order& order, const OrderLine& line) {
  if (auto error = check_order_open_for_change(order)) return error;
  if (line.state != LineState::held) {
    return conflict(fmt::format("line {} is {}, not held", line.line_id, to_string(line.state)));
  }
  return std::nullopt;
}

void fire_line(Order& order, OrderLine& line) {
  line.state = LineState::fired;
  recompute_totals(order);
}

Order make_fired_round(const std::string& order_id, const std::vector<FiredLine>& lines, std::int64_t seq,
                       const std::string& table, std::int64_t accepted_at_ms, const PromiseTerms& terms) {
  Order order;
  order.order_id = order_id;
  order.seq = seq;
  order.table = table;
  order.accepted_at_ms = accepted_at_ms;
  order.deadline_ms = promise_deadline(accepted_at_ms, terms);
  order.promise = terms;
  for (const FiredLine& fired : lines) {
    OrderLine line = *fired.line;
    line.line_id = fmt::format("{}-{}", seq, order.lines.size() + 1);
    line.state = LineState::queued;
    line.served_at_ms.reset();
    line.cancelled_at_ms.reset();
    line.ready_at_ms.reset();
    line.cooking_at_ms.reset();
    line.late = false;
    order.lines.push_back(std::move(line));
    if (std::find(order.fired_from.begin(), order.fired_from.end(), fired.from->seq) == order.fired_from.end()) {
      order.fired_from.push_back(fired.from->seq);
    }
  }
  recompute_totals(order);
  return order;
}

void cancel_line(Order& order, OrderLine& line, std::int64_t now_ms) {
  line.state = LineState::cancelled;
  line.cancelled_at_ms = now_ms;
  recompute_totals(order);
}

void mark_line(Order& order, OrderLine& line, LineState target, std::int64_t now_ms) {
  line.state = target;
  if (target == LineState::cooking) line.cooking_at_ms = now_ms;
  if (target == LineState::ready) line.ready_at_ms = now_ms;
  if (target == LineState::served) line.served_at_ms = now_ms;
  recompute_totals(order);
}

void comp_line(Order& order, OrderLine& line) {
  line.comped = true;
  recompute_totals(order);
}

Bill make_bill(std::string table, std::vector<Order> orders) {
  Bill bill;
  bill.table = std::move(table);
  for (const auto& order : orders) {
    bill.subtotal += order.subtotal;
    bill.discount += order.discount;
  }
  bill.total = bill.subtotal - bill.discount;
  bill.orders = std::move(orders);
  return bill;
}

std::optional<Error> check_recall_line(const Order& order, const OrderLine& line, LineState previous) {
  if (auto error = check_order_open_for_change(order)) return error;
  if (line.state == LineState::cancelled) return conflict(fmt::format("line {} is cancelled", line.line_id));
  if (!is_kitchen_state(line.state) || !is_kitchen_state(previous) ||
      static_cast<int>(previous) >= static_cast<int>(line.state)) {
    return conflict(fmt::format("line {} is {}; it cannot go back to {}", line.line_id, to_string(line.state),
                                to_string(previous)));
  }
  return std::nullopt;
}

void recall_line(Order& order, OrderLine& line, LineState previous) {
  line.state = previous;
  if (previous != LineState::served) line.served_at_ms.reset();
  if (previous == LineState::queued || previous == LineState::cooking) line.ready_at_ms.reset();
  if (previous == LineState::queued) line.cooking_at_ms.reset();
  recompute_totals(order);
}

bool within_recall_window(std::int64_t bumped_at_ms, std::int64_t now_ms) {
  return now_ms - bumped_at_ms <= kRecallWindowMs;
}

}  // namespace hourglass::core
