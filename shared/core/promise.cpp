#include "shared/core/promise.hpp"

#include <algorithm>

#include "shared/core/order.hpp"

namespace hourglass::core {

Fen BillPercentPolicy::compensation(const CompensationInputs& in) const {
  const Fen pay = (in.base * pay_percent + 50) / 100;  // half up; base and P are never negative
  return in.base - pay;
}

BillPercentPolicy BillPercentPolicy::read(const JsonObjectReader& reader) {
  const std::int64_t percent = reader.integer("pay_percent");
  if (percent < 0 || percent > 100) {
    throw_field_error(reader.path_of("pay_percent"), "must be an integer 0-100");
  }
  return BillPercentPolicy{static_cast<int>(percent)};
}

void BillPercentPolicy::write(Json& json) const { json["pay_percent"] = pay_percent; }

std::string_view policy_name(const PromisePolicy& policy) {
  return std::visit([](const auto& p) { return std::decay_t<decltype(p)>::kName; }, policy);
}

bool late_lines_free(const PromisePolicy& policy) {
  return std::visit([](const auto& p) { return std::decay_t<decltype(p)>::kLateLinesFree; }, policy);
}

Json policy_to_json(const PromisePolicy& policy) {
  Json json{{"policy", std::string(policy_name(policy))}};
  std::visit([&](const auto& p) { p.write(json); }, policy);
  return json;
}

namespace {

// Tries each alternative of the variant by name: new policies need no code here.
template <std::size_t I = 0>
bool read_policy_alternative(const std::string& name, const JsonObjectReader& reader, PromisePolicy& out) {
  if constexpr (I < std::variant_size_v<PromisePolicy>) {
    using Alternative = std::variant_alternative_t<I, PromisePolicy>;
    if (name == Alternative::kName) {
      out = Alternative::read(reader);
      return true;
    }
    return read_policy_alternative<I + 1>(name, reader, out);
  } else {
    return false;
  }
}

template <std::size_t I = 0>
std::string policy_names() {
  if constexpr (I < std::variant_size_v<PromisePolicy>) {
    std::string name(std::variant_alternative_t<I, PromisePolicy>::kName);
    const std::string rest = policy_names<I + 1>();
    return rest.empty() ? name : name + ", " + rest;
  } else {
    return "";
  }
}

}  // namespace

PromisePolicy policy_from_json(const JsonObjectReader& reader) {
  const std::string name = reader.string("policy");
  PromisePolicy policy;
  if (!read_policy_alternative(name, reader, policy)) {
    throw_field_error(reader.path_of("policy"), "unknown policy \"" + name + "\" (known: " + policy_names() + ")");
  }
  return policy;
}

Json promise_terms_to_json(const PromiseTerms& terms) {
  Json json = policy_to_json(terms.policy);
  json["seconds"] = terms.seconds;
  return json;
}

PromiseTerms promise_terms_from_json(const Json& value, const std::string& path) {
  const JsonObjectReader reader(value, path);
  PromiseTerms terms;
  terms.seconds = reader.integer("seconds");
  if (terms.seconds < kMinPromiseSeconds || terms.seconds > kMaxPromiseSeconds) {
    throw_field_error(reader.path_of("seconds"), "must be an integer 1-86400");
  }
  terms.policy = policy_from_json(reader);
  return terms;
}

std::int64_t promise_deadline(std::int64_t accepted_at_ms, const PromiseTerms& terms) {
  return accepted_at_ms + terms.seconds * 1000;
}

bool is_late_at_deadline(const OrderLine& line, std::int64_t deadline_ms) {
  // Held and fired lines are outside this order's promise (a fired line has
  // its own, in its new round).
  if (!line.promised || line.state == LineState::held || line.state == LineState::fired) return false;
  const bool served_in_time = line.served_at_ms && *line.served_at_ms <= deadline_ms;
  const bool cancelled_in_time =
      line.state == LineState::cancelled && (!line.cancelled_at_ms || *line.cancelled_at_ms <= deadline_ms);
  return !served_in_time && !cancelled_in_time;
}

namespace {

Fen line_amount(const OrderLine& line) { return line.price * line.qty; }

// What the policy owes given which lines count as late.
Fen compensation_for(const Order& order, const std::vector<bool>& late) {
  CompensationInputs inputs;
  inputs.base = order_subtotal(order) - comped_amount(order);
  for (std::size_t i = 0; i < order.lines.size(); ++i) {
    const OrderLine& line = order.lines[i];
    if (late[i] && !line.comped && in_subtotal(line.state)) inputs.late_unpaid += line_amount(line);
  }
  const Fen owed = std::visit([&](const auto& policy) { return policy.compensation(inputs); }, order.promise.policy);
  return std::clamp<Fen>(owed, 0, inputs.base);
}

}  // namespace

PromiseVerdict evaluate_promise(const Order& order) {
  PromiseVerdict verdict;
  std::vector<bool> late(order.lines.size(), false);
  for (std::size_t i = 0; i < order.lines.size(); ++i) {
    if (is_late_at_deadline(order.lines[i], order.deadline_ms)) {
      late[i] = true;
      verdict.late_lines.push_back(i);
    }
  }
  verdict.breached = !verdict.late_lines.empty();
  if (verdict.breached) verdict.compensation = compensation_for(order, late);
  return verdict;
}

void apply_verdict(Order& order, const PromiseVerdict& verdict) {
  for (auto& line : order.lines) line.late = false;
  for (const std::size_t index : verdict.late_lines) order.lines.at(index).late = true;
  order.status = verdict.breached ? OrderStatus::breached : OrderStatus::kept;
  recompute_totals(order);
}

bool is_due(const Order& order, std::int64_t now_ms) {
  return order.status == OrderStatus::open && now_ms >= order.deadline_ms;
}

Fen order_subtotal(const Order& order) {
  Fen sum = 0;
  for (const auto& line : order.lines) {
    if (in_subtotal(line.state)) sum += line_amount(line);
  }
  return sum;
}

Fen comped_amount(const Order& order) {
  Fen sum = 0;
  for (const auto& line : order.lines) {
    if (line.comped && in_subtotal(line.state)) sum += line_amount(line);
  }
  return sum;
}

Fen promise_compensation(const Order& order) {
  std::vector<bool> late;
  late.reserve(order.lines.size());
  bool any_late = false;
  for (const auto& line : order.lines) {
    late.push_back(line.late);
    any_late = any_late || line.late;
  }
  // The late set is fixed at the deadline; no late line, no compensation
  // (open and kept orders pay comps alone).
  return any_late ? compensation_for(order, late) : 0;
}

Fen order_discount(const Order& order) {
  return std::min(order_subtotal(order), comped_amount(order) + promise_compensation(order));
}

void recompute_totals(Order& order) {
  order.subtotal = order_subtotal(order);
  order.discount = order_discount(order);
}

std::int64_t remaining_ms(const Order& order, std::int64_t server_now_ms) { return order.deadline_ms - server_now_ms; }

}  // namespace hourglass::core
