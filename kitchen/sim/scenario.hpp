#pragma once
// A rush as a file (deploy/scenarios/*.json, docs/simulator.md): how many
// parties arrive and when, what they order, how many cooks each station has.
// Every field is checked; an error names the file and the field.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "shared/core/result.hpp"

namespace hourglass::sim {

struct Range {
  int min = 1;
  int max = 1;
};

// Arrivals rise to `factor` × the base rate at `at_s`, falling off linearly
// over `width_s` either side (a lunch peak).
struct Peak {
  double at_s = 0;
  double width_s = 1;
  double factor = 1;
};

struct Scenario {
  std::string name = "scenario";
  double duration_s = 3600;  // of the rush, in restaurant time
  int tables = 24;           // tablets the sim drives (tables 1..N)
  double parties_per_hour = 60;
  std::optional<Peak> peak;
  Range party_size{1, 6};
  Range rounds{1, 2};
  double dishes_per_diner = 1.0;  // promised dishes per diner in the first round
  // When set, every first round is this many different promised items drawn
  // uniformly from the menu (no rice or drinks on top): the measurement's
  // fixed order shape (deploy/scenarios/promise.json).
  std::optional<Range> dishes_per_order;
  double drink_chance = 0.5;      // per diner, first round
  Range round_gap_s{300, 900};    // from a round served to the next ordered
  double think_s = 90;            // seated to the first order
  double linger_s = 600;          // all served to the bill
  double rush_chance = 0.1;       // per round, at 60 % of the promise
  double waiter_chance = 0.1;     // per party
  int promise_s = 900;            // the server's promise (the sim starts the server)
  std::string policy = "free_unserved";
  std::map<std::string, int> cooks;  // per station; a station not named has the menu's `cooks` (else one)
  double prep_spread = 0.25;         // σ of the log-normal around prep_s
  double serve_s = 20;               // ready to served (a runner walking it out)
  double survey_chance = 0.5;        // per party, at the bill
  double complain_chance = 0.3;      // per party whose promise broke, at the breach
  Range answer_s{60, 300};           // a complaint to the manager's answer
};

core::Result<Scenario> parse_scenario(std::string_view json_text, std::string_view source);
core::Result<Scenario> load_scenario_file(const std::string& path);

}  // namespace hourglass::sim
