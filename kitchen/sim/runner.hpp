#pragma once
// The simulator against a real kitchen server: one net::Client per table
// tablet (the screens' own client), one kitchen display for the cooks and
// one manager connection for closing tables, all in this process, over TCP.
// Restaurant time runs `speed` times faster than the wall clock: the server
// is given a promise of promise_s / speed, and every prep time, gap and
// arrival is divided by speed (docs/simulator.md says what that changes).

#include <cstdint>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "kitchen/sim/model.hpp"
#include "kitchen/sim/scenario.hpp"

namespace hourglass::sim {

struct SimOptions {
  Scenario scenario;
  CookPolicy policy = CookPolicy::display;
  std::uint64_t seed = 1;
  double speed = 1.0;
  // Start this hourglass-kitchen on a temporary config and database (the
  // check that every order is stored once reads that database)...
  std::filesystem::path kitchen_binary;
  std::filesystem::path menu_path;
  std::filesystem::path work_dir;  // empty: a temporary folder, removed after
  // ... or drive a running server whose config (for its tokens) is here.
  std::string server;  // host:port
  std::filesystem::path config_path;
  // Called about once a second with a one-line summary.
  std::function<void(const std::string&)> progress;
};

struct SimReport {
  std::string scenario;
  std::string policy;
  std::uint64_t seed = 0;
  double speed = 1;
  double wall_seconds = 0;
  int parties = 0;
  int orders_placed = 0;
  int orders_acknowledged = 0;
  int orders_rejected = 0;
  int orders_kept = 0;  // every promised dish served in time
  int orders_breached = 0;
  int orders_open_at_end = 0;
  // The ceiling: of the orders with a promised line, those that could be on
  // time at all, every dish started the moment it was ordered with unlimited
  // cooks (its drawn cooking time + serve_s within the promise).
  int orders_promised = 0;
  int orders_could_be_on_time = 0;
  // From the first to the last line of an order served (restaurant
  // seconds), over the orders of two lines or more all served by the cooks.
  int spread_orders = 0;
  double spread_p50_s = 0, spread_p90_s = 0;
  std::int64_t compensation_fen = 0;
  int rushes = 0;
  int waiter_calls = 0;
  // The guests' voice: surveys at the bill (promoters 9-10, detractors 0-6),
  // complaints when a promise broke, and the manager's answers.
  int surveys = 0;
  int promoters = 0;
  int detractors = 0;
  int complaints = 0;
  int complaints_answered = 0;
  int tables_closed = 0;
  int lines_cooked = 0;
  double accept_p50_ms = 0, accept_p99_ms = 0, accept_max_ms = 0;
  double to_display_p50_ms = 0, to_display_p99_ms = 0;
  double breach_lag_p50_ms = 0, breach_lag_p99_ms = 0;
  int errors = 0;
  int reconnects = 0;
  std::optional<long> server_rss_kib;
  // The exactly-once check (with a server the sim started).
  bool checked_store = false;
  int stored_orders = 0;
  int acknowledged_missing = 0;  // acknowledged, not in the database
  int stored_unacknowledged = 0;  // in the database, never acknowledged (lost replies)
  int stored_breaches = 0;
  int stored_surveys = 0;
  int stored_complaints = 0;
  int stored_answered = 0;  // complaints resolved
  int breach_pushes = 0;
  int duplicate_breach_pushes = 0;
  bool exactly_once() const {
    return acknowledged_missing == 0 && duplicate_breach_pushes == 0 &&
           (!checked_store || stored_breaches == breach_pushes);
  }
};

// Throws std::runtime_error when the server cannot be started or reached.
SimReport run_simulation(const SimOptions& options);

std::string report_table(const SimReport& report);
nlohmann::json report_json(const SimReport& report);

}  // namespace hourglass::sim
