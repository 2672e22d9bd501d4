#pragma once
// Routing (PROTOCOL.md): an order's changes go to the connections of its
// table (or of the kiosk token that placed it), every kds and every manager.
// Knows nothing of sockets.

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "kitchen/server/participant.hpp"

namespace hourglass::kitchen {

class Hub {
 public:
  void join(const ParticipantPtr& participant);
  void leave(const Participant& participant);

  // Who may see an order of `table` placed by `owner`, except `excluded`
  // (the requester, who gets the reply instead).
  std::vector<ParticipantPtr> order_audience(const std::string& table, const std::string& owner,
                                             const Participant* excluded) const;
  // Every kds and manager.
  std::vector<ParticipantPtr> staff() const;
  // Every connection, of every role.
  std::vector<ParticipantPtr> everyone() const;
  std::size_t size() const { return all_.size(); }
  bool has(const Participant& participant) const { return all_.count(participant.id()) != 0; }

 private:
  using Group = std::map<std::uint64_t, ParticipantPtr>;  // by id: a stable delivery order
  std::map<std::uint64_t, ParticipantPtr> all_;
  Group staff_;
  std::unordered_map<std::string, Group> by_owner_;  // tables by "table:N", kiosks by token hash
};

}  // namespace hourglass::kitchen
