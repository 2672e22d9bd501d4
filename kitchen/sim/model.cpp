#include "kitchen/sim/model.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace hourglass::sim {

Random party_random(std::uint64_t seed, std::uint64_t index) {
  std::seed_seq sequence{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32),
                         static_cast<std::uint32_t>(index), static_cast<std::uint32_t>(index >> 32), 0x9a27u};
  return Random(sequence);
}

double arrival_rate(const Scenario& scenario, double t_s) {
  double factor = 1.0;
  if (scenario.peak) {
    const double distance = std::abs(t_s - scenario.peak->at_s) / scenario.peak->width_s;
    if (distance < 1.0) factor = 1.0 + (scenario.peak->factor - 1.0) * (1.0 - distance);
  }
  return scenario.parties_per_hour / 3600.0 * factor;
}

std::optional<double> next_arrival(const Scenario& scenario, double t_s, Random& random) {
  const double peak = scenario.peak ? std::max(1.0, scenario.peak->factor) : 1.0;
  const double max_rate = scenario.parties_per_hour / 3600.0 * peak;
  if (max_rate <= 0) return std::nullopt;
  std::exponential_distribution<double> gap(max_rate);
  std::uniform_real_distribution<double> accept(0.0, 1.0);
  while (true) {
    t_s += gap(random);
    if (t_s >= scenario.duration_s) return std::nullopt;
    if (accept(random) * max_rate <= arrival_rate(scenario, t_s)) return t_s;
  }
}

namespace {

const core::MenuItem* pick(const std::vector<const core::MenuItem*>& items, Random& random) {
  if (items.empty()) return nullptr;
  std::uniform_int_distribution<std::size_t> index(0, items.size() - 1);
  return items[index(random)];
}

}  // namespace

std::vector<core::LineRequest> order_round(const core::Menu& menu, const Scenario& scenario, int party_size,
                                           bool first_round, Random& random) {
  std::vector<const core::MenuItem*> dishes, drinks;
  const core::MenuItem* rice = menu.find("rice");
  for (const core::MenuItem& item : menu.items) {
    if (&item == rice) continue;
    (item.category == "drink" ? drinks : dishes).push_back(&item);
  }
  std::map<std::string, int> qty;
  std::vector<std::string> order;  // first-picked first
  auto add = [&](const core::MenuItem* item) {
    if (item == nullptr) return;
    if (qty[item->id]++ == 0) order.push_back(item->id);
  };
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  if (first_round && scenario.dishes_per_order) {
    std::vector<const core::MenuItem*> promised;
    for (const core::MenuItem& item : menu.items) {
      if (item.promised) promised.push_back(&item);
    }
    const int wanted = std::uniform_int_distribution<int>(scenario.dishes_per_order->min,
                                                          scenario.dishes_per_order->max)(random);
    for (int i = 0; i < wanted && !promised.empty(); ++i) {
      std::uniform_int_distribution<std::size_t> index(0, promised.size() - 1);
      const std::size_t k = index(random);
      add(promised[k]);
      promised.erase(promised.begin() + static_cast<std::ptrdiff_t>(k));  // different items
    }
  } else if (first_round) {
    const double wanted = scenario.dishes_per_diner * party_size;
    const int count = std::max(1, static_cast<int>(std::floor(wanted + unit(random))));
    for (int i = 0; i < count; ++i) add(pick(dishes, random));
    for (int i = 0; i < party_size; ++i) {
      if (rice != nullptr && unit(random) < 0.5) add(rice);
      if (unit(random) < scenario.drink_chance) add(pick(drinks, random));
    }
  } else {
    const int count = 1 + (unit(random) < 0.5 ? 1 : 0);
    for (int i = 0; i < count; ++i) add(pick(dishes, random));
  }
  std::vector<core::LineRequest> lines;
  for (const std::string& id : order) {
    lines.push_back(core::LineRequest{id, std::min(qty[id], core::kMaxLineQty), ""});
  }
  return lines;
}

double cook_seconds(const core::Menu& menu, const std::string& item, double spread, Random& random) {
  const core::MenuItem* found = menu.find(item);
  const double median = found != nullptr && found->prep_s && *found->prep_s > 0 ? *found->prep_s : 30.0;
  if (spread <= 0) return median;
  std::lognormal_distribution<double> seconds(std::log(median), spread);
  return seconds(random);
}

std::optional<CookPolicy> cook_policy_from(const std::string& name) {
  if (name == "fifo") return CookPolicy::fifo;
  if (name == "least-slack") return CookPolicy::least_slack;
  if (name == "display" || name == "schedule") return CookPolicy::display;  // "schedule": its name before v1.1
  return std::nullopt;
}

std::string_view to_string(CookPolicy policy) {
  switch (policy) {
    case CookPolicy::fifo: return "fifo";
    case CookPolicy::least_slack: return "least-slack";
    case CookPolicy::display: return "display";
  }
  return "fifo";
}

std::optional<core::NextLine> choose_line(CookPolicy policy, const std::vector<core::Order>& orders,
                                          const core::Menu& menu, const std::string& station, std::int64_t now_ms,
                                          const std::set<std::string>& taken, double speed,
                                          const std::map<std::string, int>& cooks) {
  const auto is_taken = [&](const core::OrderLine& line) { return taken.contains(line.line_id); };
  if (policy != CookPolicy::fifo) {
    std::vector<core::Order> restaurant_time = orders;
    for (core::Order& order : restaurant_time) {
      order.deadline_ms = now_ms + std::llround(static_cast<double>(order.deadline_ms - now_ms) * speed);
    }
    if (policy == CookPolicy::display) {
      core::ScheduleOptions options;
      options.cooks = cooks;
      const core::KitchenSchedule schedule = core::schedule_kitchen(restaurant_time, menu, now_ms, options);
      for (const core::ScheduledLine& scheduled : schedule.lines) {
        if (scheduled.station != station || !scheduled.fire_now || taken.contains(scheduled.line_id)) continue;
        for (const core::Order& order : orders) {
          if (order.order_id != scheduled.order_id) continue;
          const core::OrderLine* line = order.find_line(scheduled.line_id);
          if (line != nullptr) return core::NextLine{&order, line, 0};
        }
      }
      return std::nullopt;
    }
    auto next = core::next_line_for_station(restaurant_time, menu, station, now_ms, is_taken);
    if (!next) return std::nullopt;
    const auto o = static_cast<std::size_t>(next->order - restaurant_time.data());
    const auto l = static_cast<std::size_t>(next->line - restaurant_time[o].lines.data());
    return core::NextLine{&orders[o], &orders[o].lines[l], next->slack_ms};
  }
  std::optional<core::NextLine> oldest;
  for (const core::Order& order : orders) {
    if (order.status == core::OrderStatus::closed) continue;
    if (oldest && order.seq >= oldest->order->seq) continue;
    for (const core::OrderLine& line : order.lines) {
      if (line.state != core::LineState::queued || core::line_station(line, menu) != station || is_taken(line)) {
        continue;
      }
      oldest = core::NextLine{&order, &line, 0};
      break;
    }
  }
  return oldest;
}

int survey_score(bool promise_broken, Random& random) {
  const int roll = std::uniform_int_distribution<int>(0, 99)(random);
  const auto between = [&](int low, int high) { return std::uniform_int_distribution<int>(low, high)(random); };
  if (!promise_broken) return roll < 80 ? between(9, 10) : roll < 95 ? between(7, 8) : between(4, 6);
  return roll < 33 ? between(9, 10) : roll < 66 ? between(7, 8) : between(2, 6);
}

}  // namespace hourglass::sim
