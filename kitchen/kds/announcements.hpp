#pragma once
// What the kitchen display announces (a chime, the alarm, a toast) as the
// tickets change: new tickets, rushes and broken promises, once each. Pure,
// so "a kept order never sounds the alarm" is a unit test.

#include <set>
#include <string>
#include <vector>

#include "kitchen/kds/kds_view_model.hpp"

namespace hourglass::kitchen {

struct Announcement {
  enum class Kind { new_ticket, rushed, breached };
  Kind kind = Kind::new_ticket;
  std::string order_id;
  std::string ticket;  // "#41"
  std::string table;   // "Table 12"
};

// The tickets already announced. The first call only seeds it: a screen
// started mid-rush must not sound forty chimes.
class Announcer {
 public:
  // Announcements for what changed in `view` since the last call. The alarm
  // is the server's verdict (`breached`), never this screen's clock: a ticket
  // past its deadline that the server ruled kept is not announced.
  std::vector<Announcement> notice(const KdsView& view);

 private:
  bool seeded_ = false;
  std::set<std::string> known_orders_;
  std::set<std::string> known_breached_;
  std::set<std::string> known_rushed_;
};

}  // namespace hourglass::kitchen
