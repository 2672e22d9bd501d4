#pragma once
// What the kiosk knows about the kitchen: a plain copy the UI thread owns,
// filled from the network client (or from the demo state). The view-models
// are pure functions of this, the cart, the language and a server time.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "shared/core/menu.hpp"
#include "shared/core/order.hpp"
#include "shared/core/feedback.hpp"
#include "shared/core/promise.hpp"
#include "shared/core/promise_rules.hpp"

namespace hourglass::kiosk {

using core::Language;

enum class Mode { table, counter };

// An order placed and not yet acknowledged by the kitchen: it waits in the
// client's outbox (on disk, resent with the same order_id on reconnect) and
// its promise clock has not started.
struct PendingRound {
  std::string order_id;
  std::vector<core::LineRequest> lines;
};

struct KioskState {
  // Bumped by the link on every change, so several readers can each tell
  // whether their copy is current.
  std::uint64_t version = 0;
  bool connected = false;
  bool has_welcome = false;  // at least one welcome since start
  std::optional<std::int64_t> offline_since_ms;
  std::string fatal_error;     // the server refused us for good (bad token)
  std::string table;           // from welcome; "counter" for a kiosk
  // The terms a round ordered now gets: the welcome's promise_s and policy,
  // or the rule that matches this table's party and the time (the app
  // keeps it current; see terms_in_force).
  core::PromiseTerms promise;
  core::PromiseTerms default_promise;      // welcome.promise_s and welcome.policy
  std::vector<core::PromiseRule> rules{};  // welcome.rules (v1.1 party size and promise rules)
  std::string timezone{};                  // welcome.timezone: the store's, for the rules' time of day
  core::Menu menu;
  // Open orders this device may see, oldest first.
  std::vector<core::Order> orders;
  // Placed and not yet acknowledged, oldest first.
  std::vector<PendingRound> pending;
  std::int64_t clock_offset_ms = 0;  // server − local
  // v1.1 kitchen load: how long a new order would take now (seconds).
  std::optional<std::int64_t> kitchen_wait_s;
  // v1.1 feedback: this device's complaints as they now stand, oldest first.
  std::vector<core::Complaint> complaints{};
};

}  // namespace hourglass::kiosk
