// CI's smoke test: a few seconds of rush against a real hourglass-kitchen
// (started by the simulator on a temporary database), through the screens'
// own client. Counts only: every acknowledged order stored once, every
// breach pushed and stored once, nothing left behind. No timing is asserted.
#include <catch2/catch.hpp>

#include "kitchen/sim/runner.hpp"
#include "tests/kit/kitchen_config.hpp"
#include "tests/kit/server_process.hpp"

namespace sim = hourglass::sim;

TEST_CASE("smoke: a short rush loses and duplicates nothing, and every breach is paid once", "[sim][smoke]") {
  auto scenario = sim::load_scenario_file(HOURGLASS_SOURCE_DIR "/deploy/scenarios/smoke.json");
  REQUIRE(scenario.ok());
  sim::SimOptions options;
  options.scenario = scenario.value();
  options.speed = 60;  // the scenario's 60 s promise is 1 s for the server
  options.seed = 11;
  options.kitchen_binary = hourglass::test::kitchen_binary();
  options.menu_path = hourglass::test::sample_menu_path();
  const sim::SimReport report = sim::run_simulation(options);
  INFO(sim::report_table(report));

  CHECK(report.parties > 0);
  CHECK(report.orders_placed > 0);
  CHECK(report.orders_acknowledged == report.orders_placed);
  CHECK(report.orders_rejected == 0);
  REQUIRE(report.checked_store);
  CHECK(report.stored_orders == report.orders_acknowledged);
  CHECK(report.acknowledged_missing == 0);
  CHECK(report.stored_unacknowledged == 0);
  // A one-minute promise on dishes of several minutes: some are broken.
  CHECK(report.orders_breached > 0);
  CHECK(report.compensation_fen > 0);
  CHECK(report.stored_breaches == report.breach_pushes);
  CHECK(report.duplicate_breach_pushes == 0);
  CHECK(report.lines_cooked > 0);
  CHECK(report.exactly_once());
  CHECK(report.errors == 0);
  // The ceiling counts the same orders; what was kept could be kept at all,
  // and the spread covers only orders the cooks served whole.
  CHECK(report.orders_promised > 0);
  CHECK(report.orders_promised <= report.orders_placed);
  CHECK(report.orders_could_be_on_time <= report.orders_promised);
  CHECK(report.orders_kept <= report.orders_could_be_on_time);
  CHECK(report.orders_kept + report.orders_breached + report.orders_open_at_end <= report.orders_promised);
  CHECK(report.spread_orders <= report.orders_placed);
  CHECK(report.spread_p50_s <= report.spread_p90_s);
  // The guests' voice: every party answers the survey and every late one
  // complains (the smoke scenario's chances are 1); each is stored once, and
  // every complaint the manager answered is resolved in the database.
  CHECK(report.surveys == report.tables_closed);
  CHECK(report.stored_surveys == report.surveys);
  CHECK(report.complaints > 0);
  CHECK(report.stored_complaints == report.complaints);
  CHECK(report.complaints_answered <= report.complaints);
  CHECK(report.stored_answered == report.complaints_answered);
  CHECK(report.promoters + report.detractors <= report.surveys);
}
