#include "shared/net/client_state.hpp"

#include <algorithm>
#include <type_traits>

namespace hourglass::net {
namespace {

// We only ever send integer reqs; anything else was not ours.
std::optional<RequestId> our_req(const std::optional<core::RequestId>& re) {
  if (!re) return std::nullopt;
  if (const auto* id = std::get_if<std::int64_t>(&*re)) return *id;
  return std::nullopt;
}

template <class T>
void push_capped(std::vector<T>& list, T value, std::size_t cap) {
  list.push_back(std::move(value));
  if (list.size() > cap) list.erase(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(list.size() - cap));
}

// The order left the outbox because the server has it: one OrderAccepted.
void acknowledge(State& state, const core::Order& order, ApplyResult& result) {
  const auto pending = std::find_if(state.outbox.begin(), state.outbox.end(),
                                    [&](const PendingOrder& p) { return p.order_id == order.order_id; });
  if (pending == state.outbox.end()) return;
  Event event{pending->req, OrderAccepted{order}};
  result.events.push_back(std::move(event));
  state.outbox.erase(pending);
  result.outbox_changed = true;
}

void upsert(State& state, const core::Order& order) {
  if (order.status == core::OrderStatus::closed) {
    state.orders.erase(order.order_id);
    auto known = std::find_if(state.closed.begin(), state.closed.end(),
                              [&](const core::Order& o) { return o.order_id == order.order_id; });
    if (known != state.closed.end()) {
      *known = order;
    } else {
      push_capped(state.closed, order, State::kMaxClosed);
    }
    return;
  }
  state.orders.insert_or_assign(order.order_id, order);
}

}  // namespace

const core::Order* State::find_order(const std::string& order_id) const {
  const auto it = orders.find(order_id);
  if (it != orders.end()) return &it->second;
  for (const auto& order : closed) {
    if (order.order_id == order_id) return &order;
  }
  return nullptr;
}

ApplyResult apply_server_message(State& state, const core::ServerEnvelope& envelope) {
  ApplyResult result;
  const std::optional<RequestId> re = our_req(envelope.re);
  std::visit(
      [&](const auto& message) {
        using T = std::decay_t<decltype(message)>;
        if constexpr (std::is_same_v<T, core::Welcome>) {
          state.welcome = message;
        } else if constexpr (std::is_same_v<T, core::MenuMessage>) {
          state.menu = message.menu;
        } else if constexpr (std::is_same_v<T, core::Snapshot>) {
          // The server is the truth: whatever we held may be stale.
          state.orders.clear();
          for (const auto& order : message.orders) upsert(state, order);
          // An order accepted just before the connection dropped shows up
          // here: no need to resend it.
          for (const auto& order : message.orders) acknowledge(state, order, result);
          state.connection.synced = true;
          result.snapshot_received = true;
        } else if constexpr (std::is_same_v<T, core::OrderMessage>) {
          upsert(state, message.order);
          acknowledge(state, message.order, result);
        } else if constexpr (std::is_same_v<T, core::BreachMessage>) {
          push_capped(state.breaches, message, State::kMaxBreaches);
          result.events.push_back(Event{std::nullopt, message});
        } else if constexpr (std::is_same_v<T, core::ErrorMessage>) {
          const auto pending = re ? std::find_if(state.outbox.begin(), state.outbox.end(),
                                                 [&](const PendingOrder& p) { return p.req == *re; })
                                  : state.outbox.end();
          if (pending != state.outbox.end() && message.error.code != core::ErrorCode::rate_limited) {
            // The server will never take this order as it is: resending it
            // would only repeat the refusal.
            Event event{pending->req, OrderRejected{pending->order_id, message.error}};
            result.events.push_back(std::move(event));
            state.outbox.erase(pending);
            result.outbox_changed = true;
          } else {
            result.events.push_back(Event{re, message});
          }
        } else if constexpr (std::is_same_v<T, core::MenuItemMessage>) {
          // An item the menu does not have (a server menu newer than the
          // welcome's) waits for the next menu.
          if (state.menu) {
            if (core::MenuItem* item = state.menu->find(message.item.id)) *item = message.item;
          }
        } else if constexpr (std::is_same_v<T, core::KitchenLoad>) {
          state.kitchen_load = message;
        } else if constexpr (std::is_same_v<T, core::ComplaintMessage>) {
          state.complaints.insert_or_assign(message.complaint.complaint_id, message.complaint);
          result.events.push_back(Event{re, message});
        } else if constexpr (std::is_same_v<T, core::Pong>) {
          // Timing only: the client's clock estimator takes it.
        } else {
          // Bills, breach logs, history, ok, call_waiter notices: for the UI.
          result.events.push_back(Event{re, message});
        }
      },
      envelope.message);
  return result;
}

}  // namespace hourglass::net
