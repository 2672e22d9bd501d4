#include "shared/core/kitchen_schedule.hpp"

#include <algorithm>
#include <limits>
#include <tuple>

#include "shared/core/kitchen_queue.hpp"

namespace hourglass::core {

namespace {

// One unfinished line, as the passes see it.
struct Work {
  const Order* order = nullptr;
  std::size_t line = 0;  // index in order->lines
  std::string station;
  std::int64_t prep_ms = 0;
  bool cooking = false;
  bool lost = false;
  std::int64_t release_ms = 0;  // not started before this (pass 2)
  std::int64_t start_ms = 0, finish_ms = 0;
};

// Smaller first.
auto priority(const Work& w, std::int64_t now_ms) {
  const std::int64_t slack = w.order->deadline_ms - now_ms - w.prep_ms;
  return std::tuple(w.lost, !w.order->rushed, slack, w.order->deadline_ms, w.order->seq, w.line);
}

// Places the queued lines of one station (`queued`, in priority order) on
// `places` (when each is next free), each no earlier than its release time:
// whenever a place comes free, it takes the first line in priority order
// already released. If none is, the place waits for the earliest release,
// but only when the station's remaining work still fits before the earliest
// remaining deadline after the wait; a station with a backlog never idles
// (it takes the first line in priority order at once).
void place(std::vector<Work*>& queued, std::vector<std::int64_t> places, std::int64_t margin_ms) {
  std::vector<bool> done(queued.size(), false);
  for (std::size_t placed = 0; placed < queued.size(); ++placed) {
    const auto free = std::min_element(places.begin(), places.end());
    std::optional<std::size_t> pick;
    for (std::size_t i = 0; i < queued.size(); ++i) {
      if (done[i] || queued[i]->release_ms > *free) continue;
      pick = i;
      break;
    }
    if (!pick) {
      std::optional<std::size_t> first, earliest;
      std::int64_t work_ms = 0;
      std::int64_t tightest = std::numeric_limits<std::int64_t>::max();
      for (std::size_t i = 0; i < queued.size(); ++i) {
        if (done[i]) continue;
        if (!first) first = i;
        if (!earliest || queued[i]->release_ms < queued[*earliest]->release_ms) earliest = i;
        work_ms += queued[i]->prep_ms;
        tightest = std::min(tightest, queued[i]->order->deadline_ms);
      }
      const auto per_place = work_ms / static_cast<std::int64_t>(places.size());
      const bool can_wait = queued[*earliest]->release_ms + per_place + margin_ms <= tightest;
      pick = can_wait ? earliest : first;
      if (!can_wait) queued[*first]->release_ms = *free;  // a backlog: it starts now
    }
    Work& w = *queued[*pick];
    done[*pick] = true;
    w.start_ms = std::max(*free, w.release_ms);
    w.finish_ms = w.start_ms + w.prep_ms;
    *free = w.finish_ms;
  }
}

}  // namespace

std::optional<ScheduledLine> KitchenSchedule::fire_next(std::string_view station) const {
  for (const ScheduledLine& line : lines) {
    if (line.station == station && line.fire_now) return line;
  }
  return std::nullopt;
}

const OrderProjection* KitchenSchedule::projection(std::string_view order_id) const {
  for (const OrderProjection& order : orders) {
    if (order.order_id == order_id) return &order;
  }
  return nullptr;
}

KitchenSchedule schedule_kitchen(const std::vector<Order>& orders, const Menu& menu, std::int64_t now_ms,
                                 const ScheduleOptions& options) {
  std::vector<Work> work;
  for (const Order& order : orders) {
    if (order.status == OrderStatus::closed) continue;
    for (std::size_t i = 0; i < order.lines.size(); ++i) {
      const OrderLine& line = order.lines[i];
      if (line.state != LineState::queued && line.state != LineState::cooking) continue;
      Work w;
      w.order = &order;
      w.line = i;
      w.station = line_station(line, menu);
      w.prep_ms = prep_ms(menu, line.item);
      w.cooking = line.state == LineState::cooking;
      w.lost = !w.cooking && now_ms + w.prep_ms > order.deadline_ms;
      w.release_ms = now_ms;
      work.push_back(std::move(w));
    }
  }

  // The stations: their places, busy with the lines being cooked, and their
  // queued lines in priority order.
  struct Station {
    std::vector<std::int64_t> busy_until;  // the places after the cooking lines
    std::vector<Work*> queued;
  };
  std::map<std::string, Station> stations;
  for (Work& w : work) {
    Station& station = stations[w.station];
    if (station.busy_until.empty()) {
      const auto named = options.cooks.find(w.station);
      const int places = named != options.cooks.end() ? std::max(1, named->second) : 1;
      station.busy_until.assign(static_cast<std::size_t>(places), now_ms);
    }
  }
  for (Work& w : work) {
    Station& station = stations[w.station];
    if (w.cooking) {
      // Half its prep time left, on the place free first.
      const auto free = std::min_element(station.busy_until.begin(), station.busy_until.end());
      w.start_ms = now_ms;
      w.finish_ms = std::max(*free, now_ms) + w.prep_ms / 2;
      *free = w.finish_ms;
    } else {
      station.queued.push_back(&w);
    }
  }
  for (auto& [name, station] : stations) {
    std::stable_sort(station.queued.begin(), station.queued.end(),
                     [&](const Work* a, const Work* b) { return priority(*a, now_ms) < priority(*b, now_ms); });
  }

  // Pass 1: as soon as a place is free. Each order's last dish gives the
  // time its other dishes should not be ready long before.
  for (auto& [name, station] : stations) place(station.queued, station.busy_until, options.together_ms);
  std::map<const Order*, std::int64_t> last_ready;
  for (const Work& w : work) {
    auto [at, inserted] = last_ready.try_emplace(w.order, w.finish_ms);
    if (!inserted) at->second = std::max(at->second, w.finish_ms);
  }
  // Pass 2: every queued line held back to `together_ms` before its order's
  // last dish, but never past its latest on-time start less the same margin
  // (a dish often takes longer than its prep_s), then placed again.
  for (Work& w : work) {
    if (w.cooking) continue;
    const std::int64_t together = last_ready[w.order] - options.together_ms - w.prep_ms;
    const std::int64_t latest = w.order->deadline_ms - w.prep_ms - options.together_ms;
    w.release_ms = std::max(now_ms, std::min(together, latest));
  }
  for (auto& [name, station] : stations) place(station.queued, station.busy_until, options.together_ms);

  KitchenSchedule schedule;
  for (const Work& w : work) {
    const OrderLine& line = w.order->lines[w.line];
    schedule.lines.push_back(ScheduledLine{w.order->order_id, line.line_id, w.station, line.state, w.start_ms,
                                           w.finish_ms, !w.cooking && w.start_ms <= now_ms, w.lost});
  }
  std::map<std::string, std::size_t> rank;  // priority order, for ties in start time
  {
    std::vector<const Work*> all;
    for (const Work& w : work) all.push_back(&w);
    std::stable_sort(all.begin(), all.end(), [&](const Work* a, const Work* b) {
      return std::tuple(!a->cooking, priority(*a, now_ms)) < std::tuple(!b->cooking, priority(*b, now_ms));
    });
    for (std::size_t i = 0; i < all.size(); ++i) rank[all[i]->order->lines[all[i]->line].line_id] = i;
  }
  std::stable_sort(schedule.lines.begin(), schedule.lines.end(), [&](const ScheduledLine& a, const ScheduledLine& b) {
    return std::tuple(a.station, a.start_at_ms, rank[a.line_id]) < std::tuple(b.station, b.start_at_ms, rank[b.line_id]);
  });

  std::map<std::int64_t, OrderProjection> by_seq;
  for (const Work& w : work) {
    auto [at, inserted] = by_seq.try_emplace(w.order->seq, OrderProjection{w.order->order_id, w.order->deadline_ms,
                                                                            w.finish_ms, 0});
    if (!inserted) at->second.finish_at_ms = std::max(at->second.finish_at_ms, w.finish_ms);
  }
  for (auto& [seq, projection] : by_seq) {
    projection.late_by_ms = std::max<std::int64_t>(0, projection.finish_at_ms - projection.deadline_ms);
    schedule.orders.push_back(projection);
  }
  return schedule;
}

}  // namespace hourglass::core
