#pragma once
// Orders and their lines: the states and transitions of PROTOCOL.md, which
// role may make which change, and how a submission becomes an order.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/core/error.hpp"
#include "shared/core/menu.hpp"
#include "shared/core/money.hpp"
#include "shared/core/promise.hpp"
#include "shared/core/result.hpp"

namespace hourglass::core {

enum class Role { table, kiosk, kds, manager };
// held (v1.1 hold and fire): ordered to be served later, outside the
// promise until fired; fired: a held line that left its order for a new round
// (the line lives on in that round). Forward order is queued < cooking <
// ready < served; held, fired and cancelled are outside it.
enum class LineState { queued, cooking, ready, served, cancelled, held, fired };
enum class OrderStatus { open, kept, breached, closed };

std::string_view to_string(Role role);
std::string_view to_string(LineState state);
std::string_view to_string(OrderStatus status);
std::optional<Role> role_from_string(std::string_view text);
std::optional<LineState> line_state_from_string(std::string_view text);
std::optional<OrderStatus> order_status_from_string(std::string_view text);

// Diners (table, kiosk) versus kitchen staff (kds, manager).
bool is_staff(Role role);

// Whether a line is still part of its order's bill: not cancelled, not fired
// into another round (a held line is, until it is fired).
bool in_subtotal(LineState state);
// Whether the kitchen still has to cook it: queued or cooking.
bool needs_cooking(LineState state);

// The table of kiosk orders.
inline constexpr std::string_view kCounterTable = "counter";

struct OrderLine {
  std::string line_id;  // "<seq>-<n>"
  std::string item;
  LocalText name;
  int qty = 1;
  Fen price = 0;  // unit price from the server's menu at acceptance
  bool promised = true;
  LineState state = LineState::queued;
  std::optional<std::int64_t> served_at_ms;
  std::optional<std::int64_t> cancelled_at_ms;  // extension: when it was cancelled
  std::optional<std::int64_t> ready_at_ms;      // extension: when it became ready (the pass's clock)
  std::optional<std::int64_t> cooking_at_ms{};  // extension: when a cook started it (speed of service)
  std::string note;
  bool comped = false;
  bool late = false;    // extension: fixed at the deadline (PROTOCOL.md: the set of late lines)
  std::string station;  // extension: the menu station that cooks it
  bool operator==(const OrderLine&) const = default;
};

struct Order {
  std::string order_id;
  std::int64_t seq = 0;
  std::string table;
  OrderStatus status = OrderStatus::open;
  std::int64_t accepted_at_ms = 0;
  std::int64_t deadline_ms = 0;
  std::vector<OrderLine> lines;
  Fen subtotal = 0;
  Fen discount = 0;
  bool rushed = false;
  PromiseTerms promise;  // extension: the terms in force when it was accepted
  std::vector<std::int64_t> fired_from;  // v1.1: a fired round, the seq of each order its lines left
  std::optional<int> party_size{};          // v1.1: as placed (1-50), when the table gave it
  std::optional<std::int64_t> closed_at_ms{};  // extension: when its table was closed
  std::int64_t late_minutes = 0;  // extension (per_late_minute): started late minutes accrued so far
  bool operator==(const Order&) const = default;

  // It broke its promise: some line was late at the deadline (still known
  // once the order is closed).
  bool broke_promise() const;

  OrderLine* find_line(std::string_view line_id);
  const OrderLine* find_line(std::string_view line_id) const;
};

// Limits of a submission (PROTOCOL.md "Orders").
inline constexpr std::size_t kMaxOrderLines = 100;
inline constexpr int kMaxLineQty = 50;
inline constexpr std::size_t kMaxNoteCodePoints = 200;
inline constexpr std::size_t kMaxOrderIdLength = 64;
inline constexpr std::size_t kMaxReasonCodePoints = 200;

struct LineRequest {
  std::string item;
  int qty = 1;
  std::string note;
  bool hold = false;  // v1.1: serve later; stored as state held
  bool operator==(const LineRequest&) const = default;
};

// A new order: checks every line against the menu (unknown item is
// bad_request), takes prices from the menu, numbers the lines
// "<seq>-1", "<seq>-2"..., and starts the promise clock at `accepted_at_ms`.
Result<Order, Error> make_order(const std::string& order_id, const std::vector<LineRequest>& lines, const Menu& menu,
                                std::int64_t seq, const std::string& table, std::int64_t accepted_at_ms,
                                const PromiseTerms& terms);

// v1.1 fire_lines: the new round made of held lines taken from their orders,
// in the order given, renumbered "<seq>-1"..., queued, with the promise in
// force now. `fired_from` lists each original order's seq once, in the order
// of first appearance. The caller checks the lines (check_fire_line) and
// marks each original fired (fire_line).
struct FiredLine {
  const Order* from = nullptr;
  const OrderLine* line = nullptr;
};
Order make_fired_round(const std::string& order_id, const std::vector<FiredLine>& lines, std::int64_t seq,
                       const std::string& table, std::int64_t accepted_at_ms, const PromiseTerms& terms);
std::optional<Error> check_fire_line(const Order& order, const OrderLine& line);
void fire_line(Order& order, OrderLine& line);

// Transition checks. Each returns the error to send, or nothing when the
// change is allowed; none changes the order. Ownership (is this the
// requester's table?) is the caller's concern; these check state.
std::optional<Error> check_cancel_line(const Order& order, const OrderLine& line, Role role);
std::optional<Error> check_mark_line(const Order& order, const OrderLine& line, LineState target);
std::optional<Error> check_comp_line(const Order& order, const OrderLine& line);
std::optional<Error> check_order_open_for_change(const Order& order);

// Apply a checked change at server time `now_ms`, then recompute totals.
void cancel_line(Order& order, OrderLine& line, std::int64_t now_ms);
void mark_line(Order& order, OrderLine& line, LineState target, std::int64_t now_ms);
void comp_line(Order& order, OrderLine& line);

// A table's bill: all its orders since it was last closed.
struct Bill {
  std::string table;
  std::vector<Order> orders;
  Fen subtotal = 0;
  Fen discount = 0;
  Fen total = 0;
  bool operator==(const Bill&) const = default;
};
Bill make_bill(std::string table, std::vector<Order> orders);

// Extension `recall_line`: undo a bump by putting the line back to `previous`
// (an earlier state than its current one, not cancelled). Leaving `served`
// clears served_at_ms, so the line's clock runs again.
std::optional<Error> check_recall_line(const Order& order, const OrderLine& line, LineState previous);
// A screen may recall its own last bump of a line for this long; the server
// refuses later recalls and the kitchen display stops offering them.
inline constexpr std::int64_t kRecallWindowMs = 60'000;
// Whether a bump made at `bumped_at_ms` may still be recalled at `now_ms`
// (exactly a minute later still may).
bool within_recall_window(std::int64_t bumped_at_ms, std::int64_t now_ms);
void recall_line(Order& order, OrderLine& line, LineState previous);

}  // namespace hourglass::core
