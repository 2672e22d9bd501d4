#pragma once
// The kitchen's schedule to the deadline (docs/kitchen-schedule.md): from
// the open orders, each dish's prep_s and each station's capacity, when each
// station should start each unfinished line so that its order is complete
// before the deadline and the order's dishes reach the table close together,
// and when every order is projected to be complete. Pure: the same input
// gives the same schedule, on the server (kitchen load) and on the display.
//
// The model, in short: a station is `cooks` parallel places (cooks times
// burners, or steamer racks), each doing one line at a time for its prep_s.
// A line being cooked holds a place for half its prep_s more (when it was
// started is not known). Queued lines are placed in priority order (below)
// on the place that is free first; then each line is held back until its
// order's last dish would be at most `together_ms` ahead of it, and the
// places are filled again with those release times (a station with a
// backlog does not idle waiting for one).
//
// Priority: orders that can still be saved before the ones that cannot (a
// line is lost when even started now it would finish after its deadline);
// within each, rushed orders first, then least slack (deadline − now −
// prep_s), then the earlier deadline, the lower seq, the line's order.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "shared/core/menu.hpp"
#include "shared/core/order.hpp"

namespace hourglass::core {

struct ScheduleOptions {
  // The most an order's first dish may be ready before its last one.
  std::int64_t together_ms = 120'000;
  // Places per station; a station not named has one.
  std::map<std::string, int> cooks;
};

struct ScheduledLine {
  std::string order_id;
  std::string line_id;
  std::string station;
  LineState state = LineState::queued;  // queued or cooking
  std::int64_t start_at_ms = 0;         // a cooking line: now
  std::int64_t finish_at_ms = 0;
  bool fire_now = false;  // queued and its start has come
  bool lost = false;      // would be late even if started now
};

struct OrderProjection {
  std::string order_id;
  std::int64_t deadline_ms = 0;
  std::int64_t finish_at_ms = 0;  // when its last unfinished line is projected ready
  std::int64_t late_by_ms = 0;    // finish − deadline when positive, else 0
};

struct KitchenSchedule {
  // Every unfinished line (queued or cooking) of every order not closed, by
  // station, then start time, then priority.
  std::vector<ScheduledLine> lines;
  // Every order with an unfinished line, by seq.
  std::vector<OrderProjection> orders;

  // The line a free cook at `station` should take now: the first queued line
  // there whose start has come; nullopt when none has.
  std::optional<ScheduledLine> fire_next(std::string_view station) const;
  const OrderProjection* projection(std::string_view order_id) const;
};

KitchenSchedule schedule_kitchen(const std::vector<Order>& orders, const Menu& menu, std::int64_t now_ms,
                                 const ScheduleOptions& options = {});

}  // namespace hourglass::core
