#include "shared/core/kitchen_queue.hpp"

#include <tuple>

#include "shared/core/promise.hpp"

namespace hourglass::core {

std::int64_t prep_ms(const Menu& menu, std::string_view item) {
  const MenuItem* found = menu.find(item);
  if (found == nullptr || !found->prep_s) return 0;
  return static_cast<std::int64_t>(*found->prep_s) * 1000;
}

std::string line_station(const OrderLine& line, const Menu& menu) {
  if (!line.station.empty()) return line.station;
  const MenuItem* item = menu.find(line.item);
  return item != nullptr ? item->station : std::string{};
}

std::optional<NextLine> next_line_for_station(const std::vector<Order>& orders, const Menu& menu,
                                              std::string_view station, std::int64_t now_ms,
                                              const std::function<bool(const OrderLine&)>& skip) {
  std::optional<NextLine> best;
  auto key = [](const NextLine& n) { return std::tuple(n.slack_ms, n.order->deadline_ms, n.order->seq); };
  for (const Order& order : orders) {
    if (order.status == OrderStatus::closed) continue;
    const std::int64_t remaining = remaining_ms(order, now_ms);
    for (const OrderLine& line : order.lines) {
      if (line.state != LineState::queued || line_station(line, menu) != station) continue;
      if (skip && skip(line)) continue;
      const NextLine candidate{&order, &line, remaining - prep_ms(menu, line.item)};
      // Strictly better only: the first line of a ticket wins a tie within it.
      if (!best || key(candidate) < key(*best)) best = candidate;
    }
  }
  return best;
}

}  // namespace hourglass::core
