// hourglass-sim: a rush of simulated diners and cooks against a real kitchen
// server, over the real protocol (docs/simulator.md).
#include <fmt/format.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "kitchen/sim/runner.hpp"

namespace sim = hourglass::sim;
namespace fs = std::filesystem;

int main(int argc, char** argv) {
  CLI::App app{
      "hourglass-sim: simulated diners and cooks against a real kitchen server.\n"
      "Restaurant time runs --speed times faster: the server it starts gets a promise of promise_s / speed and\n"
      "every prep time, gap and arrival is divided by speed, so on-time rate and compensation are those of the\n"
      "real rush while latencies are the server's own (not scaled)."};
  std::string scenario_path;
  std::string policy = "display";
  std::uint64_t seed = 1;
  double speed = 1.0;
  std::string kitchen_binary;
  std::string menu_path;
  std::string server;
  std::string config_path;
  std::optional<double> duration_s;
  std::optional<int> promise_s;
  std::optional<double> parties_per_hour;
  bool json = false;
  bool quiet = false;
  app.add_option("--scenario", scenario_path, "Scenario file (deploy/scenarios/*.json)")->required();
  app.add_option("--cooks", policy,
                 "How cooks choose the next line: fifo (oldest ticket), least-slack (the v1 display's next up) or "
                 "display (the display's next up: the schedule to the deadline, docs/kitchen-schedule.md; "
                 "\"schedule\" is the same)")
      ->check(CLI::IsMember({"fifo", "least-slack", "display", "schedule"}));
  app.add_option("--seed", seed, "Seed of every random choice (default 1)");
  app.add_option("--speed", speed, "Restaurant time per wall-clock second (default 1)")->check(CLI::Range(0.01, 1000.0));
  app.add_option("--duration", duration_s, "Override the scenario's duration_s (restaurant seconds)")
      ->check(CLI::Range(1.0, 86400.0));
  app.add_option("--promise", promise_s, "Override the scenario's promise_s (restaurant seconds)")
      ->check(CLI::Range(1, 86400));
  app.add_option("--parties-per-hour", parties_per_hour, "Override the scenario's parties_per_hour (arrival rate)")
      ->check(CLI::Range(0.0, 1e6));
  auto* spawn = app.add_option("--kitchen", kitchen_binary,
                               "Start this hourglass-kitchen on a temporary config and database (the default: the one "
                               "beside this program in the build)");
  app.add_option("--menu", menu_path, "Menu for the server it starts (default: assets/menu.json of the source tree)");
  auto* remote = app.add_option("--server", server, "HOST:PORT of a running kitchen server instead")->excludes(spawn);
  app.add_option("--config", config_path, "With --server: that server's kitchen.json, for its device tokens")
      ->needs(remote)
      ->check(CLI::ExistingFile);
  app.add_flag("--json", json, "Print the results as one JSON object");
  app.add_flag("--quiet", quiet, "No progress line");
  bool verbose = false;
  app.add_flag("--verbose", verbose, "Log the devices' connections too");
  CLI11_PARSE(app, argc, argv);
  spdlog::set_default_logger(spdlog::stderr_color_mt("hourglass-sim"));
  spdlog::set_level(verbose ? spdlog::level::info : spdlog::level::warn);
  if (!server.empty() && config_path.empty()) {
    fmt::print(stderr, "--server needs --config (the server's kitchen.json, for its tokens)\n");
    return 2;
  }

  auto scenario = sim::load_scenario_file(scenario_path);
  if (!scenario) {
    fmt::print(stderr, "{}\n", scenario.error());
    return 2;
  }
  sim::SimOptions options;
  options.scenario = scenario.value();
  if (duration_s) options.scenario.duration_s = *duration_s;
  if (promise_s) options.scenario.promise_s = *promise_s;
  if (parties_per_hour) options.scenario.parties_per_hour = *parties_per_hour;
  options.policy = *sim::cook_policy_from(policy);
  options.seed = seed;
  options.speed = speed;
  options.server = server;
  options.config_path = config_path;
  if (server.empty()) {
    // The server it starts takes its promise in whole seconds: a speed that
    // does not divide promise_s would give every order a longer or shorter
    // promise than the scenario's (900 s at 240× is 3.75 s, rounded to 4:
    // 960 restaurant seconds), flattering or harming every policy alike.
    const double server_promise = options.scenario.promise_s / speed;
    if (std::abs(server_promise - std::round(server_promise)) > 1e-9 || server_promise < 1) {
      fmt::print(stderr,
                 "--speed {} gives the server a promise of {:.3f} s, but it takes whole seconds: pick a speed that "
                 "divides promise_s ({} s), such as {}\n",
                 speed, server_promise, options.scenario.promise_s, options.scenario.promise_s / 4.0);
      return 2;
    }
    const fs::path self = fs::canonical("/proc/self/exe").parent_path();
    options.kitchen_binary = kitchen_binary.empty() ? self / "../server/hourglass-kitchen" : fs::path(kitchen_binary);
    options.menu_path = menu_path.empty() ? fs::path(HOURGLASS_SOURCE_DIR) / "assets/menu.json" : fs::path(menu_path);
  }
  if (!quiet) {
    // On a terminal the line is rewritten in place; into a file or pipe, one line each.
    const bool terminal = ::isatty(STDERR_FILENO) != 0;
    options.progress = [terminal](const std::string& line) {
      if (terminal) {
        fmt::print(stderr, "\r{:<100}", line);
      } else {
        fmt::print(stderr, "{}\n", line);
      }
      std::fflush(stderr);
    };
  }
  try {
    const sim::SimReport report = sim::run_simulation(options);
    if (!quiet) fmt::print(stderr, "\n");
    if (json) {
      std::cout << sim::report_json(report).dump() << "\n";
    } else {
      std::cout << sim::report_table(report);
    }
    return report.exactly_once() ? 0 : 3;
  } catch (const std::exception& error) {
    if (!quiet) fmt::print(stderr, "\n");
    spdlog::error("hourglass-sim: {}", error.what());
    return 1;
  }
}
