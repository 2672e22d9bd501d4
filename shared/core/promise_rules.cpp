#include "shared/core/promise_rules.hpp"

#include <fmt/format.h>

#include <array>
#include <bitset>
#include <set>

namespace hourglass::core {

namespace {

constexpr std::array<const char*, 4> kConditionKeys{"party_min", "party_max", "from", "until"};

bool is_condition_key(const std::string& key) {
  for (const char* condition : kConditionKeys) {
    if (key == condition) return true;
  }
  return false;
}

std::optional<int> read_party_bound(const JsonObjectReader& r, const char* key) {
  const auto value = r.optional_integer(key);
  if (!value) return std::nullopt;
  if (*value < kMinPartySize || *value > kMaxPartySize) {
    throw_field_error(r.path_of(key), fmt::format("must be a party size {}-{}", kMinPartySize, kMaxPartySize));
  }
  return static_cast<int>(*value);
}

std::optional<int> read_time(const JsonObjectReader& r, const char* key, bool allow_end_of_day) {
  const auto text = r.optional_string(key);
  if (!text) return std::nullopt;
  const auto minute = parse_time_of_day(*text, allow_end_of_day);
  if (!minute) {
    throw_field_error(r.path_of(key), fmt::format("must be a time of day \"HH:MM\" (00:00-{}), got \"{}\"",
                                                  allow_end_of_day ? "24:00" : "23:59", *text));
  }
  return minute;
}

// The defaults with the rule's own keys written over them; a rule naming
// another policy starts from that policy alone.
PromiseTerms read_terms(const Json& rule, const JsonObjectReader& r, const std::string& rule_path,
                        const PromiseTerms& defaults) {
  Json merged = promise_terms_to_json(defaults);
  if (rule.contains("policy")) merged = Json{{"seconds", defaults.seconds}};
  for (const auto& [key, value] : rule.items()) {
    if (!is_condition_key(key)) merged[key] = value;
  }
  const PromiseTerms terms = promise_terms_from_json(merged, rule_path);
  // Every key the rule sets must be a part of the terms it makes.
  const Json made = promise_terms_to_json(terms);
  for (const auto& [key, value] : rule.items()) {
    if (is_condition_key(key) || made.contains(key)) continue;
    throw_field_error(r.path_of(key.c_str()),
                      fmt::format("unknown key (a rule has party_min, party_max, from, until, seconds, policy and "
                                  "the parameters of its policy, here {})",
                                  policy_name(terms.policy)));
  }
  return terms;
}

std::bitset<kMinutesPerDay> window_minutes(const PromiseRule& rule) {
  std::bitset<kMinutesPerDay> minutes;
  const int from = rule.from_minute.value_or(0);
  const int until = rule.until_minute.value_or(kMinutesPerDay);
  if (from < until) {
    for (int m = from; m < until; ++m) minutes.set(static_cast<std::size_t>(m));
  } else {  // across midnight
    for (int m = from; m < kMinutesPerDay; ++m) minutes.set(static_cast<std::size_t>(m));
    for (int m = 0; m < until; ++m) minutes.set(static_cast<std::size_t>(m));
  }
  return minutes;
}

bool has_party(const PromiseRule& rule) { return rule.party_min || rule.party_max; }
bool has_time(const PromiseRule& rule) { return rule.from_minute || rule.until_minute; }

bool overlaps(const PromiseRule& a, const PromiseRule& b) {
  if (has_party(a) != has_party(b) || has_time(a) != has_time(b)) return false;  // different kinds: order decides
  if (has_party(a)) {
    const int low = std::max(a.party_min.value_or(kMinPartySize), b.party_min.value_or(kMinPartySize));
    const int high = std::min(a.party_max.value_or(kMaxPartySize), b.party_max.value_or(kMaxPartySize));
    if (low > high) return false;
  }
  if (has_time(a) && (window_minutes(a) & window_minutes(b)).none()) return false;
  return true;
}

std::string describe_conditions(const PromiseRule& rule) {
  std::string text;
  if (has_party(rule)) {
    text += fmt::format("party {}-{}", rule.party_min.value_or(kMinPartySize), rule.party_max.value_or(kMaxPartySize));
  }
  if (has_time(rule)) {
    if (!text.empty()) text += ", ";
    text += fmt::format("{}-{}", format_time_of_day(rule.from_minute.value_or(0)),
                        format_time_of_day(rule.until_minute.value_or(kMinutesPerDay)));
  }
  return text;
}

}  // namespace

std::optional<int> parse_time_of_day(const std::string& text, bool allow_end_of_day) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  for (const std::size_t i : {0U, 1U, 3U, 4U}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  const int hours = (text[0] - '0') * 10 + (text[1] - '0');
  const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
  if (minutes > 59) return std::nullopt;
  if (hours == 24 && minutes == 0 && allow_end_of_day) return kMinutesPerDay;
  if (hours > 23) return std::nullopt;
  return hours * 60 + minutes;
}

std::string format_time_of_day(int minute) { return fmt::format("{:02}:{:02}", minute / 60, minute % 60); }

std::vector<PromiseRule> promise_rules_from_json(const Json& rules, const std::string& path,
                                                 const PromiseTerms& defaults) {
  if (!rules.is_array()) throw_field_error(path, "must be a list of rules");
  std::vector<PromiseRule> read;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const std::string rule_path = fmt::format("{}[{}]", path, i);
    const JsonObjectReader r(rules[i], rule_path);
    PromiseRule rule;
    rule.party_min = read_party_bound(r, "party_min");
    rule.party_max = read_party_bound(r, "party_max");
    rule.from_minute = read_time(r, "from", false);
    rule.until_minute = read_time(r, "until", true);
    if (!has_party(rule) && !has_time(rule)) {
      throw_field_error(rule_path,
                        "has no condition (party_min, party_max, from, until): the defaults are promise.seconds "
                        "and promise.policy");
    }
    if (rule.party_min && rule.party_max && *rule.party_min > *rule.party_max) {
      throw_field_error(rule_path, fmt::format("can never match: party_min {} is above party_max {}", *rule.party_min,
                                               *rule.party_max));
    }
    if (rule.from_minute.value_or(0) == rule.until_minute.value_or(kMinutesPerDay) || window_minutes(rule).none()) {
      throw_field_error(rule_path, fmt::format("can never match: from {} until {} is an empty window",
                                               format_time_of_day(rule.from_minute.value_or(0)),
                                               format_time_of_day(rule.until_minute.value_or(kMinutesPerDay))));
    }
    std::size_t sets = 0;
    for (const auto& item : rules[i].items()) sets += is_condition_key(item.key()) ? 0 : 1;
    if (sets == 0) throw_field_error(rule_path, "sets nothing: give seconds, a policy or its parameters");
    rule.terms = read_terms(rules[i], r, rule_path, defaults);
    rule.sets_seconds = rules[i].contains("seconds");
    for (std::size_t j = 0; j < read.size(); ++j) {
      if (overlaps(read[j], rule)) {
        throw_field_error(rule_path, fmt::format("overlaps {}[{}]: {} and {} both match some orders", path, j,
                                                 describe_conditions(read[j]), describe_conditions(rule)));
      }
    }
    read.push_back(std::move(rule));
  }
  return read;
}

Json promise_rule_to_json(const PromiseRule& rule) {
  Json json = promise_terms_to_json(rule.terms);
  if (rule.party_min) json["party_min"] = *rule.party_min;
  if (rule.party_max) json["party_max"] = *rule.party_max;
  if (rule.from_minute) json["from"] = format_time_of_day(*rule.from_minute);
  if (rule.until_minute) json["until"] = format_time_of_day(*rule.until_minute);
  return json;
}

bool rule_matches(const PromiseRule& rule, std::optional<int> party_size, int minute_of_day) {
  if (has_party(rule)) {
    if (!party_size) return false;
    if (*party_size < rule.party_min.value_or(kMinPartySize)) return false;
    if (*party_size > rule.party_max.value_or(kMaxPartySize)) return false;
  }
  if (has_time(rule)) {
    if (minute_of_day < 0 || minute_of_day >= kMinutesPerDay) return false;
    const int from = rule.from_minute.value_or(0);
    const int until = rule.until_minute.value_or(kMinutesPerDay);
    const bool inside = from < until ? minute_of_day >= from && minute_of_day < until
                                     : minute_of_day >= from || minute_of_day < until;
    if (!inside) return false;
  }
  return true;
}

PromiseTerms terms_for(const PromiseTerms& defaults, const std::vector<PromiseRule>& rules,
                       std::optional<int> party_size, int minute_of_day) {
  for (const PromiseRule& rule : rules) {
    if (rule_matches(rule, party_size, minute_of_day)) return rule.terms;
  }
  return defaults;
}

}  // namespace hourglass::core
