// Scenario files: the shipped ones load, and every mistake is named.
#include <catch2/catch.hpp>
#include <string>

#include "kitchen/sim/scenario.hpp"

namespace sim = hourglass::sim;

TEST_CASE("the shipped scenarios load", "[sim][scenario]") {
  for (const char* name : {"lunch", "demo", "smoke"}) {
    CAPTURE(name);
    const auto scenario = sim::load_scenario_file(std::string(HOURGLASS_SOURCE_DIR) + "/deploy/scenarios/" + name + ".json");
    REQUIRE(scenario.ok());
    CHECK(scenario->name == name);
  }
  const auto lunch = sim::load_scenario_file(HOURGLASS_SOURCE_DIR "/deploy/scenarios/lunch.json");
  REQUIRE(lunch->peak);
  CHECK(lunch->peak->factor == 2.0);
  CHECK(lunch->cooks.at("wok") == 6);
  CHECK(lunch->survey_chance == 0.5);  // the defaults, when a file says nothing of the guests' voice
  CHECK(lunch->answer_s.min == 60);
  const auto smoke = sim::load_scenario_file(HOURGLASS_SOURCE_DIR "/deploy/scenarios/smoke.json");
  CHECK(smoke->complain_chance == 1.0);
  CHECK(smoke->answer_s.max == 5);
}

TEST_CASE("a bad scenario says what is wrong and where", "[sim][scenario][validation]") {
  auto [text, expected] = GENERATE(table<std::string, std::string>({
      {"[1]", "s.json: must be a JSON object, got array"},
      {"{", "s.json: not valid JSON"},
      {R"({"tabels": 3})", "s.json: tabels: unknown field (see docs/simulator.md)"},
      {R"({"tables": 0})", "s.json: tables: must be an integer 1-10000"},
      {R"({"tables": 2.5})", "s.json: tables: must be an integer 1-10000"},
      {R"({"rush_chance": 1.5})", "s.json: rush_chance: must be 0-1"},
      {R"({"parties_per_hour": "many"})", "s.json: parties_per_hour: must be a number"},
      {R"({"party_size": {"min": 5, "max": 2}})", "s.json: party_size: min is above max"},
      {R"({"policy": "free_everything"})", "s.json: policy: must be \"free_unserved\" or \"bill_percent\""},
      {R"({"cooks": {"wok": 0}})", "s.json: cooks.wok: must be an integer 1-100"},
      {R"({"peak": {"factor": -1}})", "s.json: peak.factor: must be 0-100"},
      {R"({"survey_chance": 2})", "s.json: survey_chance: must be 0-1"},
      {R"({"complain_chance": "often"})", "s.json: complain_chance: must be a number"},
      {R"({"answer_s": {"min": 300, "max": 60}})", "s.json: answer_s: min is above max"},
  }));
  CAPTURE(text);
  const auto scenario = sim::parse_scenario(text, "s.json");
  REQUIRE_FALSE(scenario.ok());
  CHECK(scenario.error() == expected);
}

TEST_CASE("a scenario file that is missing says so", "[sim][scenario][validation]") {
  const auto scenario = sim::load_scenario_file("/nonexistent/rush.json");
  REQUIRE_FALSE(scenario.ok());
  CHECK(scenario.error() == "/nonexistent/rush.json: cannot open the scenario file");
}
