#include "shared/core/kitchen_load.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <string>

#include "shared/core/kitchen_queue.hpp"

namespace hourglass::core {

namespace {

// The median prep_s (ms) of each station's promised dishes that give one.
std::map<std::string, std::int64_t> usual_prep_ms(const Menu& menu) {
  std::map<std::string, std::vector<std::int64_t>> by_station;
  for (const MenuItem& item : menu.items) {
    if (item.promised && item.prep_s && *item.prep_s > 0) by_station[item.station].push_back(*item.prep_s * 1000LL);
  }
  std::map<std::string, std::int64_t> usual;
  for (auto& [station, preps] : by_station) {
    std::sort(preps.begin(), preps.end());
    usual[station] = preps[preps.size() / 2];
  }
  return usual;
}

// The slowest station's wait, given when each station has a place free.
std::int64_t slowest(const std::map<std::string, std::int64_t>& usual,
                     const std::function<std::int64_t(const std::string&)>& free_at, std::int64_t now_ms) {
  std::int64_t wait = 0;
  for (const auto& [station, prep] : usual) wait = std::max(wait, std::max(free_at(station), now_ms) - now_ms + prep);
  return wait;
}

std::size_t unfinished_lines(const std::vector<Order>& orders) {
  std::size_t count = 0;
  for (const Order& order : orders) {
    if (order.status == OrderStatus::closed) continue;
    for (const OrderLine& line : order.lines) count += needs_cooking(line.state) ? 1 : 0;
  }
  return count;
}

// Each station's remaining work spread evenly over its places (a line being
// cooked counts half its prep, as in the schedule).
std::int64_t fluid_wait_ms(const std::vector<Order>& orders, const Menu& menu, std::int64_t now_ms) {
  std::map<std::string, std::int64_t> work_ms;
  for (const Order& order : orders) {
    if (order.status == OrderStatus::closed) continue;
    for (const OrderLine& line : order.lines) {
      if (!needs_cooking(line.state)) continue;
      const std::int64_t prep = prep_ms(menu, line.item);
      const bool lost = line.state == LineState::queued && now_ms + prep > order.deadline_ms;
      if (lost) continue;
      work_ms[line_station(line, menu)] += line.state == LineState::cooking ? prep / 2 : prep;
    }
  }
  return slowest(
      usual_prep_ms(menu),
      [&](const std::string& station) {
        const auto work = work_ms.find(station);
        return now_ms + (work == work_ms.end() ? 0 : work->second / station_cooks(menu, station));
      },
      now_ms);
}

}  // namespace

ScheduleOptions schedule_options_for(const Menu& menu) {
  ScheduleOptions options;
  for (const MenuGroup& station : menu.stations) options.cooks[station.id] = station_cooks(menu, station.id);
  return options;
}

std::int64_t typical_wait_ms(const KitchenSchedule& schedule, const Menu& menu, std::int64_t now_ms) {
  std::map<std::string, std::vector<std::int64_t>> finishes;
  for (const ScheduledLine& line : schedule.lines) {
    if (!line.lost) finishes[line.station].push_back(line.finish_at_ms);
  }
  return slowest(
      usual_prep_ms(menu),
      [&](const std::string& station) {
        auto found = finishes.find(station);
        const auto places = static_cast<std::size_t>(station_cooks(menu, station));
        if (found == finishes.end() || found->second.size() < places) return now_ms;
        std::vector<std::int64_t>& at = found->second;
        // The places-th latest finish: the place that frees first after the work.
        std::nth_element(at.begin(), at.begin() + static_cast<std::ptrdiff_t>(places - 1), at.end(),
                         std::greater<>());
        return at[places - 1];
      },
      now_ms);
}

std::int64_t typical_wait_ms(const std::vector<Order>& orders, const Menu& menu, std::int64_t now_ms) {
  if (unfinished_lines(orders) > kMaxScheduledLines) return fluid_wait_ms(orders, menu, now_ms);
  return typical_wait_ms(schedule_kitchen(orders, menu, now_ms, schedule_options_for(menu)), menu, now_ms);
}

bool should_push_load(const std::optional<LoadPushed>& last, std::int64_t wait_s, std::int64_t now_ms) {
  if (!last) return true;
  return std::llabs(wait_s - last->wait_s) >= kLoadStepS && now_ms - last->at_ms >= kLoadMinIntervalMs;
}

std::int64_t wait_seconds(std::int64_t wait_ms) { return (std::max<std::int64_t>(0, wait_ms) + 999) / 1000; }

}  // namespace hourglass::core
