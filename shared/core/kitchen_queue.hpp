#pragma once
// What a station should cook next: the rule the kitchen display's "next up"
// shows and the simulator's `display` cooks follow, so a cook who obeys the
// screen and a simulated one do the same thing.
//
// Today's rule: of the queued lines at the station, the one with the least
// slack (time left to its order's deadline minus the dish's prep_s), an
// earlier deadline first on a tie, then the lower ticket number, then the
// line's place on the ticket. Closed orders and lines already started,
// served or cancelled are not candidates. (Issue 10 replaces this with a
// schedule that knows each station's capacity.)

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/core/menu.hpp"
#include "shared/core/order.hpp"

namespace hourglass::core {

// The dish's usual preparation time in ms (0 when the menu gives none).
std::int64_t prep_ms(const Menu& menu, std::string_view item);
// The station that cooks `line`: its own, else its menu item's.
std::string line_station(const OrderLine& line, const Menu& menu);

struct NextLine {
  const Order* order = nullptr;
  const OrderLine* line = nullptr;
  std::int64_t slack_ms = 0;  // ≤ 0: start it now
};

// `skip` (optional) leaves out lines someone has already taken.
std::optional<NextLine> next_line_for_station(const std::vector<Order>& orders, const Menu& menu,
                                              std::string_view station, std::int64_t now_ms,
                                              const std::function<bool(const OrderLine&)>& skip = {});

}  // namespace hourglass::core
