#include "kitchen/loadgen/spawned_server.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <fstream>
#include <nlohmann/json.hpp>

namespace hourglass::loadgen {

SpawnedServer::~SpawnedServer() {
  stop();
  std::error_code ignored;
  if (!dir_.empty()) std::filesystem::remove_all(dir_, ignored);
}

void SpawnedServer::stop() {
  if (server_) server_->stop(SIGTERM, std::chrono::minutes(5));
  server_.reset();
}

std::uint16_t SpawnedServer::start(const ServerPlan& plan) {
  using Json = nlohmann::json;
  if (dir_.empty()) {
    dir_ = std::filesystem::temp_directory_path() / fmt::format("hourglass-loadgen-server-{}", getpid());
    std::filesystem::create_directories(dir_);
  }
  table_tokens_.clear();
  kds_tokens_.clear();
  Json devices = Json::array();
  for (int i = 0; i < plan.tables; ++i) {
    table_tokens_.push_back(fmt::format("loadgen-table-{}", i));
    devices.push_back({{"token", table_tokens_.back()}, {"role", "table"}, {"table", std::to_string(i + 1)}});
  }
  for (int i = 0; i < plan.displays; ++i) {
    kds_tokens_.push_back(fmt::format("loadgen-kds-{}", i));
    devices.push_back({{"token", kds_tokens_.back()}, {"role", "kds"}});
  }
  const Json config{{"listen", "127.0.0.1:0"},
                    {"database", (dir_ / "bench.db").string()},
                    {"menu", plan.menu},
                    {"promise", {{"seconds", plan.promise_s}, {"policy", "free_unserved"}}},
                    {"log_level", "warn"},
                    {"limits",
                     {{"requests_per_second", 100000},
                      {"burst", 100000},
                      {"max_queued_messages", 1000000},
                      {"max_connections", plan.max_connections}}},
                    {"devices", devices}};
  std::ofstream(dir_ / "kitchen.json") << config.dump(2);
  server_.emplace(test::KitchenLaunch{
      .binary = plan.binary,
      .config = dir_ / "kitchen.json",
      .log_file = dir_ / "server.log",
      .listen = "",                                  // the config's 127.0.0.1:0
      .startup_timeout = std::chrono::minutes(2)});  // a restart loads every open order first
  return server_->port();
}

}  // namespace hourglass::loadgen
