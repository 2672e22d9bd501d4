#pragma once
// The serving promise: every rule of PROTOCOL.md "The serving promise" lives
// here and nowhere else. Pure functions of an order and a time; the server
// persists and broadcasts what these decide, and every screen calls the same
// functions, so they agree to the millisecond.
//
// Adding a compensation policy: write one struct below with `kName`,
// `kLateLinesFree`, `compensation(...)`, `read(...)` and `write(...)`, and add it to
// `PromisePolicy`. Parsing, encoding and evaluation pick it up from the
// variant; nothing else branches on the policy.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "shared/core/json_read.hpp"
#include "shared/core/money.hpp"
#include "shared/core/result.hpp"

namespace hourglass::core {

struct Order;
struct OrderLine;

// What the diner is owed when a promise is broken, before comps.
struct CompensationInputs {
  Fen base = 0;         // subtotal minus comped lines (what the diner would pay)
  Fen late_unpaid = 0;  // price × qty of late lines that are not comped (nor cancelled)
  std::int64_t late_minutes = 0;  // started minutes after the deadline so far (per_late_minute)
};

// "All promised dishes in time, or the late ones are free."
struct FreeUnservedPolicy {
  static constexpr std::string_view kName = "free_unserved";
  static constexpr bool kLateLinesFree = true;  // the late lines themselves are the discount
  Fen compensation(const CompensationInputs& in) const { return in.late_unpaid; }
  static FreeUnservedPolicy read(const JsonObjectReader&) { return {}; }
  void write(Json&) const {}
  bool operator==(const FreeUnservedPolicy&) const = default;
};

// "All dishes in time, or the whole bill at P%." The payable amount is
// rounded half up to the minor unit: pay = ⌊(base × P + 50) / 100⌋.
struct BillPercentPolicy {
  static constexpr std::string_view kName = "bill_percent";
  static constexpr bool kLateLinesFree = false;  // the whole order is discounted instead
  int pay_percent = 100;                         // 0-100
  Fen compensation(const CompensationInputs& in) const;
  static BillPercentPolicy read(const JsonObjectReader& reader);
  void write(Json& json) const;
  bool operator==(const BillPercentPolicy&) const = default;
};

// v1.1 "¥5 for every minute late, at most ¥50": per_minute for every started
// minute after the deadline while a late line is outstanding, at most cap.
// The amount grows after the deadline (see advance_accrual).
struct PerLateMinutePolicy {
  static constexpr std::string_view kName = "per_late_minute";
  static constexpr bool kLateLinesFree = false;
  Fen per_minute = 500;
  Fen cap = 5000;
  Fen compensation(const CompensationInputs& in) const;
  static PerLateMinutePolicy read(const JsonObjectReader& reader);
  void write(Json& json) const;
  bool operator==(const PerLateMinutePolicy&) const = default;
};

using PromisePolicy = std::variant<FreeUnservedPolicy, BillPercentPolicy, PerLateMinutePolicy>;

// The promise in force for an order: fixed when the order is accepted.
struct PromiseTerms {
  std::int64_t seconds = 900;
  PromisePolicy policy = FreeUnservedPolicy{};
  bool operator==(const PromiseTerms&) const = default;
};

std::string_view policy_name(const PromisePolicy& policy);
// Whether a breach makes the late lines themselves free (rather than
// discounting the whole order).
bool late_lines_free(const PromisePolicy& policy);
// Whether the compensation keeps growing after the deadline (per_late_minute).
bool accrues(const PromisePolicy& policy);

// {"policy":"free_unserved"} / {"policy":"bill_percent","pay_percent":69}:
// the `policy` object of `welcome`.
Json policy_to_json(const PromisePolicy& policy);
// Reads a policy object; throws JsonFieldError naming the path.
PromisePolicy policy_from_json(const JsonObjectReader& reader);
// The config's `promise` object: the policy plus "seconds" (1 .. 86400).
Json promise_terms_to_json(const PromiseTerms& terms);
PromiseTerms promise_terms_from_json(const Json& value, const std::string& path);

constexpr std::int64_t kMinPromiseSeconds = 1;
constexpr std::int64_t kMaxPromiseSeconds = 24 * 3600;

// deadline_ms = accepted_at_ms + seconds × 1000.
std::int64_t promise_deadline(std::int64_t accepted_at_ms, const PromiseTerms& terms);

// A promised line neither served nor cancelled at or before the deadline.
// Served exactly at the deadline is on time.
bool is_late_at_deadline(const OrderLine& line, std::int64_t deadline_ms);

// The verdict at the deadline, by the lines' state at the deadline.
struct PromiseVerdict {
  bool breached = false;
  std::vector<std::size_t> late_lines;  // indices into order.lines
  Fen compensation = 0;                 // the promise's own discount, comps excluded
};
PromiseVerdict evaluate_promise(const Order& order);

// Applies a verdict: marks the late lines, sets `kept` or `breached`, and
// recomputes the totals. The caller stores this in one transaction.
void apply_verdict(Order& order, const PromiseVerdict& verdict);

// Is the order open with its deadline reached at `now_ms`?
bool is_due(const Order& order, std::int64_t now_ms);

// Σ price × qty over lines not cancelled.
Fen order_subtotal(const Order& order);
// Σ price × qty over comped lines not cancelled.
Fen comped_amount(const Order& order);
// The promise compensation as it stands (0 unless some line is late).
Fen promise_compensation(const Order& order);
// What the diner does not pay: comps plus the promise compensation, never
// more than the subtotal.
Fen order_discount(const Order& order);
// Sets subtotal and discount from the lines; call after every change.
void recompute_totals(Order& order);

// ---- per_late_minute accrual (PROTOCOL.md v1.1 "Policy per_late_minute") ----
//
// The amount depends only on stored times: deadline_ms, and for each late
// line the time it stopped being outstanding (served_at_ms, cancelled_at_ms,
// or the order's closed_at_ms). The first minute is owed as soon as the
// order is breached; a line served at deadline + 60 000 ms owes one minute,
// at + 60 001 two.

// A late line still neither served nor cancelled.
bool is_outstanding_late_line(const OrderLine& line);
// When the accrual stopped (the last late line served or cancelled, or the
// order closed), or nothing while it still runs. Only for breached orders
// whose policy accrues.
std::optional<std::int64_t> accrual_end(const Order& order);
// Whether a breached order's compensation is final: always for policies that
// do not accrue; for per_late_minute once accrual_end is known.
bool breach_settled(const Order& order);
// Started minutes between the deadline and `end_ms`, at least 1.
std::int64_t started_late_minutes(std::int64_t deadline_ms, std::int64_t end_ms);
// Brings order.late_minutes up to `now_ms` (or to the accrual's end) and
// recomputes the totals. Returns whether the discount changed. Does nothing
// unless the order is breached (or closed after a breach) and its policy accrues.
bool advance_accrual(Order& order, std::int64_t now_ms);

// Remaining time the screens show: deadline − server time (negative: late).
std::int64_t remaining_ms(const Order& order, std::int64_t server_now_ms);

}  // namespace hourglass::core
