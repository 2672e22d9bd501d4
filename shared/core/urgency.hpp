#pragma once
// How urgent an order is on a screen: one rule for the kitchen display, the
// manager console and the tablet, so no screen calls an order late that the
// server ruled on time (or the other way round).

#include <cstdint>
#include <string_view>

#include "shared/core/order.hpp"

namespace hourglass::core {

// When a running clock turns amber and red. Every screen uses the same
// defaults; the kitchen display lets an owner change them.
struct UrgencyThresholds {
  std::int64_t amber_ms = 5 * 60 * 1000;
  std::int64_t red_ms = 2 * 60 * 1000;
};

// The tablet scales its colours to the order's own promise (amber from a
// third of it left, red from 2/15: 5:00 and 2:00 of 15:00), so a short
// promise does not start amber.
UrgencyThresholds thresholds_for_promise(std::int64_t promise_ms);

enum class Urgency { calm, amber, red, late };

std::string_view to_string(Urgency urgency);

// The level of a running clock (the edges are tested: exactly 5:00 left is
// amber, 5:00.001 calm, exactly 0 still red, −1 ms late).
Urgency urgency_for_remaining(std::int64_t remaining_ms, const UrgencyThresholds& thresholds);

// The level of an order at server time `now_ms`:
// - `breached`: late, whatever this screen's clock says (it may lag);
// - `kept`: never late (the server ruled the promise kept; a dish outside
//   the promise may still be cooking) and never urgent: calm;
// - `closed`: calm (the guests have paid and gone);
// - `open`: by its time left, except that an order with no promised dish
//   outstanding cannot break its promise any more, so it is calm.
Urgency order_urgency(const Order& order, std::int64_t now_ms, const UrgencyThresholds& thresholds);

// Whether some promised line is neither served nor cancelled.
bool has_promised_work(const Order& order);
// Whether the server ruled this order's promise broken (it stays so once
// the order is closed).
bool promise_broken(const Order& order);

// What the diner is charged for a line, after the verdict.
enum class LineCharge {
  paid,       // at its price (a whole-order percentage applies at the order level)
  free_late,  // late, and the order's policy makes late dishes free
  comped,     // given away by a manager
  cancelled,  // out of the bill
};

// The charge of `line` (one of `order`'s lines). Under `free_unserved` a
// late line of a breached order is free; under a whole-bill policy it is
// paid and the discount is the order's. Comps win over lateness.
LineCharge line_charge(const Order& order, const OrderLine& line);
// price × qty when paid, 0 otherwise.
Fen line_amount_due(const Order& order, const OrderLine& line);
// Free to the diner: comped or free_late.
bool is_free(LineCharge charge);

}  // namespace hourglass::core
