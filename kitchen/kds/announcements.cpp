#include "kitchen/kds/announcements.hpp"

namespace hourglass::kitchen {

std::vector<Announcement> Announcer::notice(const KdsView& view) {
  std::vector<Announcement> out;
  for (const KdsTicketView& ticket : view.tickets) {
    auto announce = [&](Announcement::Kind kind) {
      if (seeded_) out.push_back(Announcement{kind, ticket.order_id, ticket.ticket, ticket.table});
    };
    if (known_orders_.insert(ticket.order_id).second) announce(Announcement::Kind::new_ticket);
    if (ticket.breached && known_breached_.insert(ticket.order_id).second) announce(Announcement::Kind::breached);
    if (ticket.rushed && known_rushed_.insert(ticket.order_id).second) announce(Announcement::Kind::rushed);
  }
  seeded_ = true;
  return out;
}

}  // namespace hourglass::kitchen
