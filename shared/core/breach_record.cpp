#include "shared/core/breach_record.hpp"

namespace hourglass::core {

BreachRecord make_breach_record(const Order& order, const PromiseVerdict& verdict, std::int64_t at_ms) {
  BreachRecord record;
  BreachEntry& entry = record.entry;
  entry.order_id = order.order_id;
  entry.seq = order.seq;
  entry.table = order.table;
  entry.accepted_at_ms = order.accepted_at_ms;
  entry.deadline_ms = order.deadline_ms;
  entry.discount = verdict.compensation;
  entry.policy = std::string(policy_name(order.promise.policy));
  entry.at_ms = at_ms;

  BreachMessage& message = record.message;
  message.order_id = order.order_id;
  message.table = order.table;
  message.seq = order.seq;
  message.discount = verdict.compensation;
  message.policy = entry.policy;

  for (const std::size_t index : verdict.late_lines) {
    const OrderLine& line = order.lines.at(index);
    record.late_line_ids.push_back(line.line_id);
    entry.late_lines.push_back(BreachLateLine{line.item, line.qty, line.price, line.served_at_ms, line.name});
    message.late_lines.push_back(line);
  }
  return record;
}

}  // namespace hourglass::core
