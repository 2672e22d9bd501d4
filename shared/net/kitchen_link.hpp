#pragma once
// One way for a screen to reach the kitchen. The tablet, the kitchen display
// and the manager console hold a KitchenLink and nothing else: in production
// it is the real Client (its own network thread, the server on the other
// end); for demo states, screenshots and UI tests it is a FakeKitchen that
// applies the core's own checks and changes in memory. Either way the screen
// copies the state when its version moved, drains events once per frame,
// and sends requests; no screen branches on which one it has.

#include <cstdint>
#include <string>
#include <vector>

#include "shared/core/order.hpp"
#include "shared/core/protocol.hpp"
#include "shared/net/client_state.hpp"

namespace hourglass::net {

class KitchenLink {
 public:
  virtual ~KitchenLink() = default;

  // Bumped on every change of the state (cheap: a screen asks it to decide
  // whether to draw).
  virtual std::uint64_t version() const = 0;
  // Copies the state into `out` only if its version moved past `seen`;
  // returns whether it copied and updates `seen`.
  virtual bool copy_if_changed(State& out, std::uint64_t& seen) const = 0;
  // Everything that happened since the last call, oldest first.
  virtual std::vector<Event> take_events() = 0;
  // The kitchen's clock, for countdowns.
  virtual std::int64_t server_now_ms() const = 0;
  // The kitchen's clock minus this screen's wall clock.
  virtual std::int64_t clock_offset_ms() const = 0;
  // Places an order with a fresh order_id (returned); its fate arrives as
  // OrderAccepted or OrderRejected. `party_size` (v1.1, 1-50) picks the
  // promise rule that applies.
  virtual std::string place_order(std::vector<core::LineRequest> lines, std::optional<int> party_size = std::nullopt) = 0;
  // Any other request; returns the req its reply will carry.
  virtual RequestId request(core::ClientMessage message) = 0;
};

// A fresh client-made order id (a random UUID): for place_order, and for the
// new round of fire_lines.
std::string new_order_id();

}  // namespace hourglass::net
