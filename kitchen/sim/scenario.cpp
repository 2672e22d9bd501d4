#include "kitchen/sim/scenario.hpp"

#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "shared/core/json_read.hpp"

namespace hourglass::sim {

namespace {

using core::Json;
using core::JsonObjectReader;
using core::throw_field_error;

const std::set<std::string> kKnownFields = {
    "name",         "duration_s",  "tables",   "parties_per_hour", "peak",         "party_size",
    "rounds",       "dishes_per_diner", "drink_chance", "round_gap_s", "think_s", "linger_s",
    "rush_chance",  "waiter_chance", "promise_s", "policy",        "cooks",        "prep_spread",
    "serve_s",      "dishes_per_order", "survey_chance", "complain_chance", "answer_s", "_comment"};

double number(const JsonObjectReader& reader, const char* key, double fallback, double min, double max) {
  if (!reader.has(key)) return fallback;
  const Json& value = *reader.find(key);
  if (!value.is_number()) throw_field_error(reader.path_of(key), "must be a number");
  const double x = value.get<double>();
  if (!(x >= min && x <= max)) throw_field_error(reader.path_of(key), fmt::format("must be {}-{}", min, max));
  return x;
}

int whole(const JsonObjectReader& reader, const char* key, int fallback, int min, int max) {
  if (!reader.has(key)) return fallback;
  const Json& value = *reader.find(key);
  if (!value.is_number_integer() || value.get<std::int64_t>() < min || value.get<std::int64_t>() > max) {
    throw_field_error(reader.path_of(key), fmt::format("must be an integer {}-{}", min, max));
  }
  return value.get<int>();
}

Range range(const JsonObjectReader& reader, const char* key, Range fallback, int min, int max) {
  if (!reader.has(key)) return fallback;
  const JsonObjectReader inner(reader.object(key), reader.path_of(key));
  Range r{whole(inner, "min", fallback.min, min, max), whole(inner, "max", fallback.max, min, max)};
  if (r.min > r.max) throw_field_error(reader.path_of(key), "min is above max");
  return r;
}

Scenario read(const Json& document) {
  const JsonObjectReader reader(document, "");  // throws unless an object
  for (const auto& [key, value] : document.items()) {
    if (!kKnownFields.contains(key)) throw_field_error(key, "unknown field (see docs/simulator.md)");
  }
  Scenario s;
  if (reader.has("name")) s.name = reader.string("name");
  s.duration_s = number(reader, "duration_s", s.duration_s, 1, 24 * 3600);
  s.tables = whole(reader, "tables", s.tables, 1, 10000);
  s.parties_per_hour = number(reader, "parties_per_hour", s.parties_per_hour, 0, 1e6);
  if (reader.has("peak")) {
    const JsonObjectReader peak(reader.object("peak"), "peak");
    s.peak = Peak{number(peak, "at_s", 0, 0, 24 * 3600), number(peak, "width_s", 1800, 1, 24 * 3600),
                  number(peak, "factor", 2, 0, 100)};
  }
  s.party_size = range(reader, "party_size", s.party_size, 1, 20);
  s.rounds = range(reader, "rounds", s.rounds, 1, 10);
  s.dishes_per_diner = number(reader, "dishes_per_diner", s.dishes_per_diner, 0, 10);
  if (reader.has("dishes_per_order")) s.dishes_per_order = range(reader, "dishes_per_order", Range{2, 5}, 1, 20);
  s.drink_chance = number(reader, "drink_chance", s.drink_chance, 0, 1);
  s.round_gap_s = range(reader, "round_gap_s", s.round_gap_s, 0, 24 * 3600);
  s.think_s = number(reader, "think_s", s.think_s, 0, 3600);
  s.linger_s = number(reader, "linger_s", s.linger_s, 0, 24 * 3600);
  s.rush_chance = number(reader, "rush_chance", s.rush_chance, 0, 1);
  s.waiter_chance = number(reader, "waiter_chance", s.waiter_chance, 0, 1);
  s.promise_s = whole(reader, "promise_s", s.promise_s, 1, 86400);
  if (reader.has("policy")) {
    s.policy = reader.string("policy");
    if (s.policy != "free_unserved" && s.policy != "bill_percent") {
      throw_field_error("policy", "must be \"free_unserved\" or \"bill_percent\"");
    }
  }
  if (reader.has("cooks")) {
    const Json& cooks = reader.object("cooks");
    const JsonObjectReader inner(cooks, "cooks");
    for (const auto& [station, value] : cooks.items()) s.cooks[station] = whole(inner, station.c_str(), 1, 1, 100);
  }
  s.prep_spread = number(reader, "prep_spread", s.prep_spread, 0, 2);
  s.serve_s = number(reader, "serve_s", s.serve_s, 0, 3600);
  s.survey_chance = number(reader, "survey_chance", s.survey_chance, 0, 1);
  s.complain_chance = number(reader, "complain_chance", s.complain_chance, 0, 1);
  s.answer_s = range(reader, "answer_s", s.answer_s, 0, 24 * 3600);
  return s;
}

}  // namespace

core::Result<Scenario> parse_scenario(std::string_view json_text, std::string_view source) {
  const Json document = Json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) return core::fail(fmt::format("{}: not valid JSON", source));
  try {
    return read(document);
  } catch (const core::JsonFieldError& error) {
    return core::fail(fmt::format("{}: {}", source, error.what()));
  }
}

core::Result<Scenario> load_scenario_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return core::fail(fmt::format("{}: cannot open the scenario file", path));
  std::ostringstream text;
  text << file.rdbuf();
  return parse_scenario(text.str(), path);
}

}  // namespace hourglass::sim
