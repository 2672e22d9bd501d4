// The load generator's fleet against a real server: every device comes up,
// every order and ping it sends is answered and counted once, a refusal is
// reported. Counts only; the latencies are benchmarks (docs/benchmarks.md).
#include <catch2/catch.hpp>
#include <chrono>

#include "kitchen/loadgen/fleet.hpp"
#include "kitchen/loadgen/spawned_server.hpp"
#include "tests/kit/kitchen_config.hpp"
#include "tests/kit/server_process.hpp"

namespace loadgen = hourglass::loadgen;

namespace {

loadgen::ServerPlan plan(int tables, int displays) {
  loadgen::ServerPlan plan;
  plan.binary = hourglass::test::kitchen_binary().string();
  plan.menu = hourglass::test::sample_menu_path().string();
  plan.tables = tables;
  plan.displays = displays;
  plan.promise_s = 3600;
  return plan;
}

// Pumps until `done` holds or 30 s pass.
template <class Done>
bool pump_until(loadgen::Fleet& fleet, Done done) {
  const auto give_up = loadgen::FleetClock::now() + std::chrono::seconds(30);
  while (!done()) {
    if (loadgen::FleetClock::now() > give_up) return false;
    fleet.pump(loadgen::FleetClock::now() + std::chrono::milliseconds(20));
  }
  return true;
}

}  // namespace

TEST_CASE("fleet: 250 devices come up in batches, and every order and ping is answered once", "[bench][fleet]") {
  loadgen::SpawnedServer server;
  const auto port = server.start(plan(248, 2));
  REQUIRE(server.table_tokens().size() == 248);
  REQUIRE(server.kds_tokens().size() == 2);
  std::vector<loadgen::FleetDevice> devices;
  for (const auto& token : server.kds_tokens()) devices.push_back({token, "kds"});
  for (const auto& token : server.table_tokens()) devices.push_back({token, "table"});
  loadgen::Fleet fleet("127.0.0.1", port);
  fleet.connect(devices, std::chrono::seconds(60));  // more than one batch of 200
  REQUIRE(fleet.size() == 250);

  for (std::size_t i = 2; i < 250; ++i) fleet.place_order(i, i < 100 ? 1 : 2);
  for (std::size_t i = 0; i < 250; ++i) fleet.ping(i);
  std::size_t pongs = 0, shown = 0;
  REQUIRE(pump_until(fleet, [&] {
    pongs += fleet.take_pong_ms().size();
    shown += fleet.take_display_ms().size();
    return fleet.unanswered(1) == 0 && fleet.unanswered(2) == 0 && pongs == 250 && shown == 248;
  }));
  CHECK(fleet.accept_ms(1).size() == 98);
  CHECK(fleet.accept_ms(2).size() == 150);
  CHECK(fleet.accept_ms(3).empty());
  CHECK(fleet.refusals() == 0);
  CHECK(fleet.closed() == 0);
}

TEST_CASE("fleet: a device with an unknown token is reported with the server's refusal", "[bench][fleet]") {
  loadgen::SpawnedServer server;
  const auto port = server.start(plan(1, 0));
  loadgen::Fleet fleet("127.0.0.1", port);
  REQUIRE_THROWS_WITH(fleet.connect({{server.table_tokens().front(), "table"}, {"no-such-token-at-all", "table"}},
                                    std::chrono::seconds(30)),
                      Catch::Contains("refused") && Catch::Contains("error"));
}
