#include "kitchen/server/hub.hpp"

namespace hourglass::kitchen {

void Hub::join(const ParticipantPtr& participant) {
  const Identity& who = participant->identity();
  all_[participant->id()] = participant;
  if (core::is_staff(who.role)) {
    staff_[participant->id()] = participant;
  } else {
    by_owner_[who.owner][participant->id()] = participant;
  }
}

void Hub::leave(const Participant& participant) {
  if (all_.erase(participant.id()) == 0) return;
  const Identity& who = participant.identity();
  if (core::is_staff(who.role)) {
    staff_.erase(participant.id());
    return;
  }
  const auto group = by_owner_.find(who.owner);
  if (group == by_owner_.end()) return;
  group->second.erase(participant.id());
  if (group->second.empty()) by_owner_.erase(group);
}

std::vector<ParticipantPtr> Hub::order_audience(const std::string&, const std::string& owner,
                                                const Participant* excluded) const {
  // A table order's owner is "table:<table>", so routing by owner is routing
  // by table; a counter order's owner is the kiosk token that placed it.
  std::vector<ParticipantPtr> audience;
  const auto add = [&](const Group& group) {
    for (const auto& [id, participant] : group) {
      if (participant.get() != excluded) audience.push_back(participant);
    }
  };
  if (const auto group = by_owner_.find(owner); group != by_owner_.end()) add(group->second);
  add(staff_);
  return audience;
}

std::vector<ParticipantPtr> Hub::staff() const {
  std::vector<ParticipantPtr> audience;
  for (const auto& [id, participant] : staff_) audience.push_back(participant);
  return audience;
}

std::vector<ParticipantPtr> Hub::everyone() const {
  std::vector<ParticipantPtr> audience;
  audience.reserve(all_.size());
  for (const auto& [id, participant] : all_) audience.push_back(participant);
  return audience;
}

}  // namespace hourglass::kitchen
