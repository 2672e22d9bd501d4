// hourglass-sim: a rush of simulated diners and cooks against a real kitchen
// server, over the real protocol (docs/simulator.md).
#include <fmt/format.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <unistd.h>

#include <CLI/CLI.hpp>
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
  bool json = false;
  bool quiet = false;
  app.add_option("--scenario", scenario_path, "Scenario file (deploy/scenarios/*.json)")->required();
  app.add_option("--cooks", policy,
                 "How cooks choose the next line: fifo (oldest ticket), display (the display's next up) or schedule "
                 "(the schedule to the deadline, docs/kitchen-schedule.md)")
      ->check(CLI::IsMember({"fifo", "display", "schedule"}));
  app.add_option("--seed", seed, "Seed of every random choice (default 1)");
  app.add_option("--speed", speed, "Restaurant time per wall-clock second (default 1)")->check(CLI::Range(0.01, 1000.0));
  app.add_option("--duration", duration_s, "Override the scenario's duration_s (restaurant seconds)")
      ->check(CLI::Range(1.0, 86400.0));
  app.add_option("--promise", promise_s, "Override the scenario's promise_s (restaurant seconds)")
      ->check(CLI::Range(1, 86400));
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
  options.policy = *sim::cook_policy_from(policy);
  options.seed = seed;
  options.speed = speed;
  options.server = server;
  options.config_path = config_path;
  if (server.empty()) {
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
