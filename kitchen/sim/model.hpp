#pragma once
// The simulator's pure parts: when parties arrive, what they order, how long
// a dish takes a cook, which line a cook takes next. Randomness comes from
// seeded engines: one for arrivals and one per party (party_random), so a
// seed replays the same diners whatever the cooks do (on one build: the
// standard distributions are the library's own).

#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "kitchen/sim/scenario.hpp"
#include "shared/core/kitchen_queue.hpp"
#include "shared/core/kitchen_schedule.hpp"
#include "shared/core/menu.hpp"
#include "shared/core/order.hpp"

namespace hourglass::sim {

using Random = std::mt19937_64;

// The engine of the `index`-th party of a run with `seed`: its size, rounds,
// dishes, cooking times, rushes and calls. Independent of every other
// party's, so a cook policy that serves one party sooner does not change
// what the next party orders.
Random party_random(std::uint64_t seed, std::uint64_t index);

// Parties per second at restaurant time `t_s`: the base rate, lifted by the
// peak (linear rise and fall over width_s either side of at_s).
double arrival_rate(const Scenario& scenario, double t_s);
// The next arrival after `t_s` (a Poisson process with the rate above, by
// thinning); nullopt when none comes before the scenario ends.
std::optional<double> next_arrival(const Scenario& scenario, double t_s, Random& random);

// A party's round: first rounds have `dishes_per_diner` promised dishes per
// diner (rounded at random), rice for half of them and a drink at
// drink_chance, or with `dishes_per_order` that many different promised
// items and nothing else; later rounds one or two extra dishes. Lines are merged by
// item (qty), at most core::kMaxLineQty each.
std::vector<core::LineRequest> order_round(const core::Menu& menu, const Scenario& scenario, int party_size,
                                           bool first_round, Random& random);

// How long a cook takes over `item`, in restaurant seconds: log-normal with
// median prep_s and σ = prep_spread (σ 0.25: 90 % of dishes within about
// ±40 % of prep_s); 30 s for a dish without prep_s.
double cook_seconds(const core::Menu& menu, const std::string& item, double spread, Random& random);

// fifo: the oldest ticket's first line; least_slack: the v1 display's next
// up (core::next_line_for_station); display: the v1.1 display's next up,
// the schedule to the deadline's fire_next.
enum class CookPolicy { fifo, least_slack, display };
std::optional<CookPolicy> cook_policy_from(const std::string& name);
std::string_view to_string(CookPolicy policy);

// The line a free cook at `station` takes: fifo, the oldest ticket's first
// queued line there (kitchens without help); least_slack, the v1 display's
// next up (core::next_line_for_station); display, what the kitchen display
// shows as next up now: the first line whose start has come in the kitchen's
// schedule to the deadline (core::schedule_kitchen with `cooks` places per
// station, KitchenSchedule::fire_next), which may be none while queued lines
// wait to finish with their order. Lines in `taken`
// are being cooked already. The orders' deadlines are in server time, which
// runs `speed` times slower than the restaurant's: the time left to each
// deadline is scaled up by `speed` before it is weighed against prep_s
// (restaurant seconds), so the display policy sees the rush it would see at
// 1×. The result points into `orders`.
std::optional<core::NextLine> choose_line(CookPolicy policy, const std::vector<core::Order>& orders,
                                          const core::Menu& menu, const std::string& station, std::int64_t now_ms,
                                          const std::set<std::string>& taken, double speed = 1.0,
                                          const std::map<std::string, int>& cooks = {});

// A party's 0-10 answer to "would you recommend us?" at the bill. Kept: most
// promote (80 % score 9-10, 15 % 7-8, 5 % 4-6). Broken and compensated: a
// third each promote (9-10), stay passive (7-8) or detract (2-6), so the
// reports can show what a broken promise costs even when it is paid for.
int survey_score(bool promise_broken, Random& random);

}  // namespace hourglass::sim
