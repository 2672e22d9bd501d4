#pragma once
// Promise rules as data (PROTOCOL.md v1.1 "Party size and promise rules"):
// the config's `promise.rules`, tried in order; the first that matches an
// order sets its terms, none matching leaves the defaults. Pure: the time
// of day comes in as a minute of the day in the store's time zone.
//
// A rule has conditions (`party_min`/`party_max` inclusive, 1-50, matching
// only orders that carry a party size; `from` inclusive and `until`
// exclusive, "HH:MM", a window that may cross midnight: "22:00" to "02:00")
// and sets any of `seconds`, `policy` and the policy's parameters. What it
// does not set comes from the defaults (a rule that names another policy
// gives that policy's parameters itself).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "shared/core/json_read.hpp"
#include "shared/core/promise.hpp"

namespace hourglass::core {

inline constexpr int kMinPartySize = 1;
inline constexpr int kMaxPartySize = 50;
inline constexpr int kMinutesPerDay = 24 * 60;

struct PromiseRule {
  std::optional<int> party_min{};
  std::optional<int> party_max{};
  std::optional<int> from_minute{};   // minute of the day, 0-1439
  std::optional<int> until_minute{};  // exclusive, 1-1440 ("24:00")
  PromiseTerms terms{};               // the defaults with what the rule sets
  bool sets_seconds = false;          // its own `seconds` (else the default's, even when overridden)
  bool operator==(const PromiseRule&) const = default;
};

// Reads and validates `rules` against the defaults. Throws JsonFieldError
// naming the rule (`promise.rules[1].from: ...`): an unknown key, a rule
// with no condition or nothing to set, one that can never match, or one
// whose bounds overlap an earlier rule with the same kinds of condition.
std::vector<PromiseRule> promise_rules_from_json(const Json& rules, const std::string& path,
                                                 const PromiseTerms& defaults);
// The rule with its full terms: {"party_min":5,"party_max":10,"seconds":2700,
// "policy":"free_unserved"}. promise_rules_from_json reads it back (welcome).
Json promise_rule_to_json(const PromiseRule& rule);

bool rule_matches(const PromiseRule& rule, std::optional<int> party_size, int minute_of_day);
// The first matching rule's terms, or the defaults.
PromiseTerms terms_for(const PromiseTerms& defaults, const std::vector<PromiseRule>& rules,
                       std::optional<int> party_size, int minute_of_day);

// "HH:MM" (00:00-23:59; "24:00" too when `allow_end_of_day`) to minutes.
std::optional<int> parse_time_of_day(const std::string& text, bool allow_end_of_day);
std::string format_time_of_day(int minute);

}  // namespace hourglass::core
