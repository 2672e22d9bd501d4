// Promise rules as data: reading the config's rules (every refusal names the
// rule), and matching at the edges (party bounds, until exclusive, a window
// across midnight).

#include <catch2/catch.hpp>

#include "shared/core/config.hpp"
#include "shared/core/promise_rules.hpp"

using namespace hourglass::core;

namespace {

const PromiseTerms kDefaults{900, FreeUnservedPolicy{}};

std::vector<PromiseRule> rules_of(const std::string& json) {
  return promise_rules_from_json(Json::parse(json), "promise.rules", kDefaults);
}

std::string refusal_of(const std::string& json) {
  try {
    rules_of(json);
  } catch (const JsonFieldError& error) {
    return error.what();
  }
  FAIL("the rules were accepted: " << json);
  return "";
}

int at(int hours, int minutes) { return hours * 60 + minutes; }

}  // namespace

TEST_CASE("rules: the protocol's example reads, and what a rule does not set comes from the defaults", "[rules]") {
  const auto rules = rules_of(R"([{"party_min":5,"party_max":10,"seconds":2700},
                                  {"from":"12:00","until":"13:00","seconds":1200}])");
  REQUIRE(rules.size() == 2);
  CHECK(rules[0].terms == PromiseTerms{2700, FreeUnservedPolicy{}});
  CHECK(rules[1].from_minute == at(12, 0));
  CHECK(rules[1].until_minute == at(13, 0));
  // A party of 6 at 12:30: the first rule wins.
  CHECK(terms_for(kDefaults, rules, 6, at(12, 30)).seconds == 2700);
  CHECK(terms_for(kDefaults, rules, 2, at(12, 30)).seconds == 1200);
  CHECK(terms_for(kDefaults, rules, std::nullopt, at(12, 30)).seconds == 1200);
  CHECK(terms_for(kDefaults, rules, 2, at(18, 0)) == kDefaults);
}

TEST_CASE("rules: a rule may change the policy and its parameters", "[rules]") {
  const auto rules = rules_of(R"([{"party_min":5,"policy":"per_late_minute","per_minute":500,"cap":5000}])");
  REQUIRE(rules.size() == 1);
  CHECK(rules[0].terms == PromiseTerms{900, PerLateMinutePolicy{500, 5000}});
  // Parameters alone apply to the default policy.
  const auto percent = promise_rules_from_json(Json::parse(R"([{"party_min":5,"pay_percent":50}])"), "promise.rules",
                                               PromiseTerms{900, BillPercentPolicy{69}});
  CHECK(percent[0].terms == PromiseTerms{900, BillPercentPolicy{50}});
}

TEST_CASE("rules: party size bounds are inclusive and match only orders that give one", "[rules]") {
  const auto rules = rules_of(R"([{"party_min":5,"party_max":10,"seconds":2700}])");
  CHECK_FALSE(rule_matches(rules[0], 4, 0));
  CHECK(rule_matches(rules[0], 5, 0));
  CHECK(rule_matches(rules[0], 10, 0));
  CHECK_FALSE(rule_matches(rules[0], 11, 0));
  CHECK_FALSE(rule_matches(rules[0], std::nullopt, 0));
  const auto open_ended = rules_of(R"([{"party_min":8,"seconds":2700}])");
  CHECK(rule_matches(open_ended[0], 50, 0));
  CHECK_FALSE(rule_matches(open_ended[0], 7, 0));
}

TEST_CASE("rules: from is inclusive, until exclusive", "[rules]") {
  const auto rules = rules_of(R"([{"from":"12:00","until":"13:00","seconds":1200}])");
  CHECK_FALSE(rule_matches(rules[0], std::nullopt, at(11, 59)));
  CHECK(rule_matches(rules[0], std::nullopt, at(12, 0)));
  CHECK(rule_matches(rules[0], std::nullopt, at(12, 59)));
  CHECK_FALSE(rule_matches(rules[0], std::nullopt, at(13, 0)));
}

TEST_CASE("rules: a window may cross midnight, and 24:00 ends the day", "[rules]") {
  const auto night = rules_of(R"([{"from":"22:00","until":"02:00","seconds":1800}])");
  CHECK_FALSE(rule_matches(night[0], std::nullopt, at(21, 59)));
  CHECK(rule_matches(night[0], std::nullopt, at(22, 0)));
  CHECK(rule_matches(night[0], std::nullopt, at(23, 59)));
  CHECK(rule_matches(night[0], std::nullopt, at(0, 0)));
  CHECK(rule_matches(night[0], std::nullopt, at(1, 59)));
  CHECK_FALSE(rule_matches(night[0], std::nullopt, at(2, 0)));
  const auto evening = rules_of(R"([{"from":"18:00","until":"24:00","seconds":1800}])");
  CHECK(rule_matches(evening[0], std::nullopt, at(23, 59)));
  CHECK_FALSE(rule_matches(evening[0], std::nullopt, at(0, 0)));
}

TEST_CASE("rules: every refusal names the rule and says what is wrong", "[rules]") {
  CHECK_THAT(refusal_of(R"([{"seconds":1200}])"), Catch::Contains("promise.rules[0]") && Catch::Contains("no condition"));
  CHECK_THAT(refusal_of(R"([{"party_min":5}])"), Catch::Contains("promise.rules[0]") && Catch::Contains("sets nothing"));
  CHECK_THAT(refusal_of(R"([{"party_min":6,"party_max":5,"seconds":1}])"),
             Catch::Contains("promise.rules[0]") && Catch::Contains("can never match"));
  CHECK_THAT(refusal_of(R"([{"from":"12:00","until":"12:00","seconds":1}])"),
             Catch::Contains("can never match") && Catch::Contains("empty window"));
  CHECK_THAT(refusal_of(R"([{"party_min":51,"seconds":1}])"), Catch::Contains("promise.rules[0].party_min"));
  CHECK_THAT(refusal_of(R"([{"party_min":0,"seconds":1}])"), Catch::Contains("promise.rules[0].party_min"));
  CHECK_THAT(refusal_of(R"([{"from":"25:00","seconds":1}])"), Catch::Contains("promise.rules[0].from"));
  CHECK_THAT(refusal_of(R"([{"from":"12:5","seconds":1}])"), Catch::Contains("HH:MM"));
  CHECK_THAT(refusal_of(R"([{"from":"24:00","seconds":1}])"), Catch::Contains("promise.rules[0].from"));
  CHECK_THAT(refusal_of(R"([{"party_min":5,"seconds":1,"colour":"red"}])"),
             Catch::Contains("promise.rules[0].colour") && Catch::Contains("unknown key"));
  CHECK_THAT(refusal_of(R"([{"party_min":5,"pay_percent":50}])"),
             Catch::Contains("promise.rules[0].pay_percent") && Catch::Contains("free_unserved"));
  CHECK_THAT(refusal_of(R"([{"party_min":5,"seconds":0}])"), Catch::Contains("promise.rules[0].seconds"));
  CHECK_THAT(refusal_of(R"([{"party_min":5,"policy":"per_late_minute","per_minute":500}])"),
             Catch::Contains("promise.rules[0].cap"));
  CHECK_THAT(refusal_of(R"({"party_min":5})"), Catch::Contains("promise.rules") && Catch::Contains("list"));
}

TEST_CASE("rules: bounds overlapping an earlier rule of the same kind are refused, naming both", "[rules]") {
  CHECK_THAT(refusal_of(R"([{"party_min":2,"party_max":4,"seconds":1500},{"party_min":4,"party_max":10,"seconds":2700}])"),
             Catch::Contains("promise.rules[1]") && Catch::Contains("overlaps promise.rules[0]"));
  CHECK_THAT(refusal_of(R"([{"from":"11:00","until":"13:00","seconds":1},{"from":"12:30","until":"14:00","seconds":2}])"),
             Catch::Contains("promise.rules[1]") && Catch::Contains("overlaps"));
  CHECK_THAT(refusal_of(R"([{"from":"22:00","until":"02:00","seconds":1},{"from":"01:00","until":"03:00","seconds":2}])"),
             Catch::Contains("overlaps"));
  // Touching is not overlapping: until is exclusive.
  CHECK(rules_of(R"([{"party_min":2,"party_max":4,"seconds":1500},{"party_min":5,"party_max":10,"seconds":2700}])")
            .size() == 2);
  CHECK(rules_of(R"([{"from":"11:00","until":"12:00","seconds":1},{"from":"12:00","until":"13:00","seconds":2}])")
            .size() == 2);
  // A party rule and a time rule may both match an order: the first wins, as documented.
  CHECK(rules_of(R"([{"party_min":5,"seconds":2700},{"from":"12:00","until":"13:00","seconds":1200}])").size() == 2);
}

TEST_CASE("rules: a rule read back from its JSON (the welcome's) is the same rule", "[rules]") {
  const auto rules = rules_of(R"([{"party_min":5,"party_max":10,"seconds":2700},
                                  {"from":"22:00","until":"02:00","policy":"per_late_minute","per_minute":500,"cap":5000}])");
  Json written = Json::array();
  for (const auto& rule : rules) written.push_back(promise_rule_to_json(rule));
  auto read = promise_rules_from_json(written, "rules", kDefaults);
  for (auto& rule : read) rule.sets_seconds = false;
  auto expected = rules;
  for (auto& rule : expected) rule.sets_seconds = false;
  CHECK(read == expected);
}

TEST_CASE("config: rules and the time zone are read from the config, refusals name the file", "[rules][config]") {
  const std::string base = R"({"menu":"menu.json","devices":[{"token":"manager-token-1","role":"manager"}],)";
  const auto parsed = parse_server_config(
      base + R"("timezone":"Asia/Shanghai","promise":{"seconds":900,"policy":"free_unserved","rules":[{"party_min":5,"seconds":2700}]}})",
      "kitchen.json", "");
  REQUIRE(parsed.ok());
  CHECK(parsed.value().timezone == "Asia/Shanghai");
  REQUIRE(parsed.value().promise_rules.size() == 1);
  const auto bad_rule = parse_server_config(
      base + R"("promise":{"seconds":900,"policy":"free_unserved","rules":[{"party_max":0,"seconds":2700}]}})",
      "kitchen.json", "");
  REQUIRE_FALSE(bad_rule.ok());
  CHECK_THAT(bad_rule.error(), Catch::Contains("kitchen.json") && Catch::Contains("promise.rules[0].party_max"));
  const auto bad_zone = parse_server_config(base + R"("timezone":"../etc/passwd"})", "kitchen.json", "");
  REQUIRE_FALSE(bad_zone.ok());
  CHECK_THAT(bad_zone.error(), Catch::Contains("timezone"));
}

TEST_CASE("config: the owners' sample with rules (deploy/kitchen-rules.json) loads as documented", "[rules][config]") {
  const auto loaded = load_server_config(std::string(HOURGLASS_SOURCE_DIR) + "/deploy/kitchen-rules.json");
  REQUIRE(loaded.ok());
  const ServerConfig& config = loaded.value();
  CHECK(config.timezone == "Asia/Shanghai");
  CHECK(config.promise == PromiseTerms{1500, PerLateMinutePolicy{500, 5000}});
  REQUIRE(config.promise_rules.size() == 2);
  CHECK(terms_for(config.promise, config.promise_rules, 6, 18 * 60).seconds == 2700);
  CHECK(terms_for(config.promise, config.promise_rules, 3, 12 * 60 + 30).seconds == 1200);
  CHECK(terms_for(config.promise, config.promise_rules, 3, 18 * 60) == config.promise);
}
