#pragma once
// Every fixed word of the kitchen display, in both languages, in one table.

#include <string>
#include <vector>

#include "shared/core/menu.hpp"

namespace hourglass::kitchen {

struct KdsLabels {
  std::string title;
  std::string all_stations;
  std::string all_day;
  std::string next_up;
  std::string fire_now;  // a line's mark, and next-up's slack when ≤ 0
  std::string fire_in;   // "in" before a slack time
  std::string at_risk;
  std::string rush;
  std::string calm;
  std::string amber;
  std::string red;
  std::string late;
  std::string kept;  // a ticket whose promise was kept, with a dish outside it still to go
  std::string serve_all;
  std::string queued;
  std::string cooking;
  std::string start;  // queued → cooking
  std::string ready;  // cooking → ready
  std::string serve;  // ready → served
  std::string recall;
  std::string mute;
  std::string unmute;
  std::string language;  // the button that switches to the other language
  std::string online;
  std::string offline;  // banner: "OFFLINE: reconnecting… data as of %s"
  std::string connecting;
  std::string demo;
  std::string more_tickets;  // "+{} more"
  std::string page;          // "Page"
  std::string no_tickets;
  std::string new_ticket;    // toast: "New ticket"
  std::string call_waiter;   // toast: "Table 12 calls a waiter"
  std::string rushed_toast;  // toast: "RUSH"
  std::string breach_toast;  // toast: "Promise broken"
  std::string minutes;       // "min" / "分钟"
  std::string keys_hint;
  std::string stale;  // "last update" before a time
};

const KdsLabels& kds_labels(core::Language language);

// Both languages' labels as one list, for the font atlas.
std::vector<std::string> all_kds_labels();

}  // namespace hourglass::kitchen
