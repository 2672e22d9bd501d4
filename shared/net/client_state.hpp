#pragma once
// What a screen knows about the kitchen, as the client's network thread
// keeps it: plain values the UI copies out (Client::copy_if_changed), and
// the events it drains (Client::take_events). Applying a server message to
// this state is a pure function, tested without sockets.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "shared/core/menu.hpp"
#include "shared/core/order.hpp"
#include "shared/core/protocol.hpp"

namespace hourglass::net {

// Ids the client puts in `req`; request() returns the one it used.
using RequestId = std::int64_t;

// An order the UI placed that the server has not acknowledged yet. It is
// resent with the same order_id after every reconnect until the server
// answers with the order (accepted) or an error (rejected).
struct PendingOrder {
  std::string order_id;
  std::vector<core::LineRequest> lines;
  // Wall clock (it is kept in the outbox file across restarts, which a
  // monotonic clock does not survive), for "sending since 12:34" hints.
  std::int64_t created_ms = 0;
  RequestId req = 0;
  std::optional<int> party_size{};  // v1.1
  bool operator==(const PendingOrder&) const = default;
};

struct ConnectionState {
  bool connected = false;  // handshake done (welcome received) and socket up
  bool synced = false;     // snapshot received since the last (re)connect
  // unauthorized / unsupported_proto: the client stopped retrying for good.
  std::optional<core::Error> fatal;
  std::string last_error;  // the latest loss or failure, human readable
  // Wall clock ms since epoch when we went offline, for display ("offline
  // since 12:34:56"); empty while connected. Set at start-up too, so a screen
  // that never connects says so. Not for measuring how long: the wall clock
  // may be stepped while offline.
  std::optional<std::int64_t> offline_since_ms;
  int reconnect_attempts = 0;  // since the last successful handshake
  bool operator==(const ConnectionState&) const = default;
};

struct State {
  ConnectionState connection;
  // From the latest welcome (role and table come from the server's device
  // list, not from the options).
  std::optional<core::Welcome> welcome;
  // Kept current by `menu_item` pushes (v1.1 sold out).
  std::optional<core::Menu> menu;
  // Every order not closed that this connection may see, rebuilt from each
  // snapshot and upserted by every `order` message.
  std::map<std::string, core::Order> orders;
  // Orders seen closing while connected, newest last, at most kMaxClosed.
  std::vector<core::Order> closed;
  // Placed and not yet acknowledged, oldest first.
  std::vector<PendingOrder> outbox;
  // Every breach pushed since start, newest last, at most kMaxBreaches (the
  // diner's apology; the kitchen's alarm). Also queued as events.
  std::vector<core::BreachMessage> breaches;
  // Server − wall clock when the best sample was taken, and its round trip.
  // Add Client::clock_offset_ms() to the wall clock instead: it follows a
  // wall clock stepped since.
  std::int64_t clock_offset_ms = 0;
  std::optional<std::int64_t> clock_rtt_ms;
  // v1.1: the latest `kitchen_load` (after each snapshot, then on change).
  std::optional<core::KitchenLoad> kitchen_load;
  // v1.1 feedback: every complaint this connection was told of, by id, as it
  // now stands (kds and manager: all; a table or kiosk: its own).
  std::map<std::int64_t, core::Complaint> complaints{};

  static constexpr std::size_t kMaxClosed = 200;
  static constexpr std::size_t kMaxBreaches = 200;

  const core::Order* find_order(const std::string& order_id) const;
  bool operator==(const State&) const = default;
};

// ---- events: what happened that the UI should react to once ----

// A place_order reply: the order is stored (seq is the pickup number).
struct OrderAccepted {
  core::Order order;
};
// The server refused a placed order (bad_request, conflict, ...): it left
// the outbox and will not be resent.
struct OrderRejected {
  std::string order_id;
  core::Error error;
};
// A request made while offline (or lost with the connection before its
// reply): not sent, not queued.
struct RequestFailed {
  std::string reason;
};
struct ConnectionChanged {
  bool connected = false;
  std::string reason;  // why it was lost; empty on connect
};

using EventPayload = std::variant<core::BreachMessage,     // pushed breach: show the apology / alarm
                                  core::CallWaiterNotice,  // kds, manager
                                  core::ErrorMessage,      // the server's error for `req` (or none)
                                  core::BillMessage, core::BreachLog, core::History,
                                  core::Ok,  // e.g. call_waiter acknowledged
                                  core::ComplaintMessage,  // new or resolved: alert / show the answer
                                  core::Feedback,
                                  OrderAccepted, OrderRejected, RequestFailed, ConnectionChanged>;

struct Event {
  std::optional<RequestId> req;  // the request it answers; empty for pushes
  EventPayload payload;
};

// ---- the pure part of the client ----

// What applying one server message decided besides changing `state`.
struct ApplyResult {
  std::vector<Event> events;
  bool snapshot_received = false;  // time to resend the outbox
  bool outbox_changed = false;     // persist it
};

// Applies one decoded server message to `state`. An error whose `re` is a
// pending order's req rejects that order. Welcome and pong timing (clock
// offset) is the caller's concern.
ApplyResult apply_server_message(State& state, const core::ServerEnvelope& envelope);

}  // namespace hourglass::net
