#pragma once
// The kitchen server the load generator starts for itself: a temporary
// folder with a config of high limits, `tables` table devices and
// `displays` kitchen displays, and the database, kept across a restart so
// the second run loads the first one's orders.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "tests/kit/kitchen_process.hpp"

namespace hourglass::loadgen {

struct ServerPlan {
  std::string binary;  // hourglass-kitchen
  std::string menu;
  int promise_s = 30;
  int tables = 64;  // tokens loadgen-table-<i>, tables "1".."N"
  int displays = 1;  // tokens loadgen-kds-<i>
  int max_connections = 1000;
};

class SpawnedServer {
 public:
  SpawnedServer() = default;
  // SIGTERM, then the folder goes.
  ~SpawnedServer();
  SpawnedServer(const SpawnedServer&) = delete;
  SpawnedServer& operator=(const SpawnedServer&) = delete;

  // Starts the server (again, after stop(), on the same database) and
  // returns its port.
  std::uint16_t start(const ServerPlan& plan);
  // SIGTERM: the server commits what it has and exits cleanly.
  void stop();

  int pid() const { return server_ ? server_->pid() : -1; }
  const std::vector<std::string>& table_tokens() const { return table_tokens_; }
  const std::vector<std::string>& kds_tokens() const { return kds_tokens_; }

 private:
  std::filesystem::path dir_;
  std::optional<test::KitchenProcess> server_;
  std::vector<std::string> table_tokens_, kds_tokens_;
};

}  // namespace hourglass::loadgen
