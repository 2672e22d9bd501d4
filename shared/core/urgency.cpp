#include "shared/core/urgency.hpp"

#include <algorithm>

namespace hourglass::core {

std::string_view to_string(Urgency urgency) {
  switch (urgency) {
    case Urgency::calm:
      return "calm";
    case Urgency::amber:
      return "amber";
    case Urgency::red:
      return "red";
    case Urgency::late:
      return "late";
  }
  return "calm";
}

Urgency urgency_for_remaining(std::int64_t remaining_ms, const UrgencyThresholds& thresholds) {
  if (remaining_ms < 0) return Urgency::late;
  if (remaining_ms <= thresholds.red_ms) return Urgency::red;
  if (remaining_ms <= thresholds.amber_ms) return Urgency::amber;
  return Urgency::calm;
}

UrgencyThresholds thresholds_for_promise(std::int64_t promise_ms) {
  return UrgencyThresholds{promise_ms / 3, promise_ms * 2 / 15};
}

bool promise_broken(const Order& order) {
  return order.status == OrderStatus::breached ||
         std::any_of(order.lines.begin(), order.lines.end(), [](const OrderLine& line) { return line.late; });
}

bool has_promised_work(const Order& order) {
  return std::any_of(order.lines.begin(), order.lines.end(), [](const OrderLine& line) {
    return line.promised && (needs_cooking(line.state) || line.state == LineState::ready);
  });
}

Urgency order_urgency(const Order& order, std::int64_t now_ms, const UrgencyThresholds& thresholds) {
  switch (order.status) {
    case OrderStatus::breached:
      return Urgency::late;
    case OrderStatus::kept:
    case OrderStatus::closed:
      return Urgency::calm;
    case OrderStatus::open:
      break;
  }
  if (!has_promised_work(order)) return Urgency::calm;
  return urgency_for_remaining(remaining_ms(order, now_ms), thresholds);
}

LineCharge line_charge(const Order& order, const OrderLine& line) {
  if (!in_subtotal(line.state)) return LineCharge::cancelled;  // cancelled, or fired into another round
  if (line.comped) return LineCharge::comped;
  if (line.late && order.status != OrderStatus::open && late_lines_free(order.promise.policy)) {
    return LineCharge::free_late;
  }
  return LineCharge::paid;
}

Fen line_amount_due(const Order& order, const OrderLine& line) {
  return line_charge(order, line) == LineCharge::paid ? line.price * line.qty : 0;
}

bool is_free(LineCharge charge) { return charge == LineCharge::comped || charge == LineCharge::free_late; }

}  // namespace hourglass::core
