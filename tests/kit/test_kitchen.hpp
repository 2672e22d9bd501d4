#pragma once
// The real kitchen server in a temporary folder of its own, with the
// standard test config or one given: the usual start of an integration test.

#include <cstdint>
#include <string>

#include "tests/kit/kitchen_config.hpp"
#include "tests/kit/server_process.hpp"
#include "tests/kit/temp_dir.hpp"

namespace hourglass::test {

struct TestKitchen {
  explicit TestKitchen(const TestConfig& config = {}) : server(dir.write_config(config)) {}
  TempDir dir;
  ServerProcess server;
  std::uint16_t port() const { return server.port(); }
  std::string address() const { return server.address(); }
};

}  // namespace hourglass::test
