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

Fen PerLateMinutePolicy::compensation(const CompensationInputs& in) const {
  if (in.late_minutes <= 0) return 0;
  // in.late_minutes × per_minute may not fit when both are huge: compare first.
  if (in.late_minutes >= (cap + per_minute - 1) / per_minute) return cap;
  return std::min(cap, in.late_minutes * per_minute);
}

PerLateMinutePolicy PerLateMinutePolicy::read(const JsonObjectReader& reader) {
  PerLateMinutePolicy policy;
  constexpr Fen kMaxFen = 100'000'000;  // ¥1,000,000: far beyond any bill, and no overflow
  const auto read_fen = [&](const char* key) {
    const std::int64_t value = reader.integer(key);
    if (value < 1 || value > kMaxFen) throw_field_error(reader.path_of(key), "must be an integer >= 1 (fen)");
    return value;
  };
  policy.per_minute = read_fen("per_minute");
  policy.cap = read_fen("cap");
  return policy;
}

void PerLateMinutePolicy::write(Json& json) const {
  json["per_minute"] = per_minute;
  json["cap"] = cap;
}

std::string_view policy_name(const PromisePolicy& policy) {
  return std::visit([](const auto& p) { return std::decay_t<decltype(p)>::kName; }, policy);
}

bool late_lines_free(const PromisePolicy& policy) {
  return std::visit([](const auto& p) { return std::decay_t<decltype(p)>::kLateLinesFree; }, policy);
}

bool accrues(const PromisePolicy& policy) { return std::holds_alternative<PerLateMinutePolicy>(policy); }

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
  inputs.late_minutes = order.late_minutes;
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
  if (verdict.breached) {
    // An accruing policy owes its first minute at once (see advance_accrual).
    Order counted = order;
    if (accrues(order.promise.policy)) counted.late_minutes = 1;
    verdict.compensation = compensation_for(counted, late);
  }
  return verdict;
}

void apply_verdict(Order& order, const PromiseVerdict& verdict) {
  for (auto& line : order.lines) line.late = false;
  for (const std::size_t index : verdict.late_lines) order.lines.at(index).late = true;
  order.status = verdict.breached ? OrderStatus::breached : OrderStatus::kept;
  order.late_minutes = verdict.breached && accrues(order.promise.policy) ? 1 : 0;
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

bool is_outstanding_late_line(const OrderLine& line) {
  return line.late && !line.served_at_ms && line.state != LineState::cancelled;
}

std::optional<std::int64_t> accrual_end(const Order& order) {
  std::optional<std::int64_t> end;
  for (const auto& line : order.lines) {
    if (!line.late) continue;
    std::optional<std::int64_t> stopped;
    if (line.served_at_ms) {
      stopped = line.served_at_ms;
    } else if (line.state == LineState::cancelled) {
      stopped = line.cancelled_at_ms.value_or(order.deadline_ms);
    } else if (order.status == OrderStatus::closed) {
      stopped = order.closed_at_ms.value_or(order.deadline_ms);
    } else {
      return std::nullopt;  // still outstanding: the accrual runs
    }
    end = std::max(end.value_or(*stopped), *stopped);
  }
  return end.value_or(order.deadline_ms);
}

bool breach_settled(const Order& order) {
  if (!accrues(order.promise.policy)) return true;
  return accrual_end(order).has_value();
}

std::int64_t started_late_minutes(std::int64_t deadline_ms, std::int64_t end_ms) {
  constexpr std::int64_t kMinuteMs = 60'000;
  if (end_ms <= deadline_ms) return 1;
  return (end_ms - deadline_ms + kMinuteMs - 1) / kMinuteMs;
}

bool advance_accrual(Order& order, std::int64_t now_ms) {
  if (!accrues(order.promise.policy) || !order.broke_promise()) return false;
  const std::int64_t end = accrual_end(order).value_or(now_ms);
  const Fen before = order.discount;
  order.late_minutes = started_late_minutes(order.deadline_ms, end);
  recompute_totals(order);
  return order.discount != before;
}

std::int64_t remaining_ms(const Order& order, std::int64_t server_now_ms) { return order.deadline_ms - server_now_ms; }

}  // namespace hourglass::core
