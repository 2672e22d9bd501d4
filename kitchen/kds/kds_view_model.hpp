#pragma once
// The kitchen display as data: which tickets, in which order, in which colour,
// with which words. A pure function of the orders, the menu and the server
// time, so every rule here is unit-tested without a window.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "shared/core/feedback.hpp"
#include "shared/core/menu.hpp"
#include "shared/core/order.hpp"
#include "shared/core/urgency.hpp"
#include "shared/words/words.hpp"

namespace hourglass::kitchen {

using core::Urgency;

struct KdsFilter {
  std::string station;  // empty: every station
};

struct KdsLineView {
  std::string line_id;
  std::string item;
  int qty = 1;
  std::string name;  // in the display language
  std::string note;
  core::LineState state = core::LineState::queued;
  std::string state_word;  // "COOKING" / "在做"
  std::string station;
  bool promised = true;
  bool late = false;  // fixed by the server at the deadline
  bool comped = false;
  bool finished = false;  // served or cancelled
  bool held = false;      // hold and fire: waits for the table's "serve now" or the staff's fire
  // The kitchen's schedule (core::schedule_kitchen): a queued line whose
  // start has come is to fire now; one whose time has not come waits (drawn
  // quieter) with "start in mm:ss".
  bool fire_now = false;
  bool waiting = false;
  std::int64_t start_in_ms = 0;
  std::string start_word;  // "FIRE NOW" / "start in 03:10"; empty unless queued
  std::optional<core::LineState> next_state;  // where one bump takes it
  std::string next_word;                      // the bump's label: "START" / "开做", "READY", "SERVE"
};

struct KdsTicketView {
  std::string order_id;
  std::int64_t seq = 0;
  std::string ticket;  // "#41"
  std::string table;   // "Table 12"
  std::string age;     // "7 min" / "7分钟"
  std::int64_t deadline_ms = 0;
  std::int64_t remaining_ms = 0;
  std::int64_t promise_ms = 0;  // the order's promise length, for the bar
  std::string countdown;        // "04:59" or "LATE 01:05"
  Urgency urgency = Urgency::calm;
  std::string urgency_word;  // words, so colour is never the only signal
  bool breached = false;     // the server ruled the promise broken (the alarm sounds for these only)
  bool at_risk = false;
  // The schedule projects its last dish after the deadline: by how much, and
  // the words ("projected late 02:10"), shown before the ticket turns red.
  std::int64_t projected_late_ms = 0;
  std::string projected_word;
  // Late whatever is done now (a line would be late even started at once):
  // cooked after the orders that can still make it ("past saving, late 04:10", in the late colour).
  bool past_saving = false;
  bool rushed = false;
  bool flash_on = true;            // late tickets flash: the phase at this server time
  std::vector<KdsLineView> lines;  // the lines shown (after the station filter), held ones last
  // Held lines come last among `lines`, marked "Fire": one touch fires all
  // of them into a new round (fire_lines).
  std::vector<std::string> held_line_ids;
  int hidden_lines = 0;            // lines of other stations, not shown
  bool can_serve_all = false;      // some shown line is not yet served
};

// Dishes waiting across every shown ticket ("all day" in kitchen words).
struct AllDayCount {
  std::string item;
  std::string name;
  int queued = 0;  // Σ qty
  int cooking = 0;
  int total() const { return queued + cooking; }
};

// Per station: the schedule's next line (KitchenSchedule::fire_next), else
// the first queued line there with the time until it should start.
struct NextUp {
  std::string station;
  std::string station_name;
  std::string order_id;
  std::string line_id;
  std::string ticket;
  std::string dish;  // "2× Kung Pao Chicken"
  std::int64_t slack_ms = 0;  // until its scheduled start; <= 0: fire now
  std::string slack;          // "FIRE NOW" / "in 03:10"
};

struct StationOption {
  std::string id;  // empty: all
  std::string name;
  int open_lines = 0;  // queued + cooking lines at this station
};

// A dish on the 86 list: one touch marks it sold out or back on.
struct SoldOutDish {
  std::string item;
  std::string name;
  std::string station_name;
  bool sold_out = false;
  std::string state_word;  // "86" / "available"
};

struct KdsCounts {
  int calm = 0;
  int amber = 0;
  int red = 0;
  int late = 0;
  int at_risk = 0;
  int projected_late = 0;  // open tickets the schedule projects to miss
};

struct KdsView {
  // Schedule order: a ticket's place is its shown line that starts first in
  // the kitchen's schedule (ready lines to serve count as now), then the
  // deadline and the ticket number.
  std::vector<KdsTicketView> tickets;
  std::vector<AllDayCount> all_day;     // most first
  std::vector<NextUp> next_up;          // in menu station order
  std::vector<StationOption> stations;  // "All" first
  KdsCounts counts;
  // The 86 list: the menu's dishes (of the filtered station), in menu order.
  std::vector<SoldOutDish> dishes;
  int sold_out_count = 0;  // across the whole menu
  std::int64_t server_now_ms = 0;
};

// The level in words ("HURRY", "LATE"), so colour is never the only signal.
std::string urgency_word(Urgency urgency, const words::Words& labels);
// The line's own name in `language`, else the menu's, else its item id.
const std::string& line_name(const core::OrderLine& line, const core::Menu& menu, core::Language language);

// One ticket per order that still has work: open orders, and breached or kept
// ones with lines not yet served or cancelled (a late dish still has to go
// out). Closed orders and orders whose every line is done are left out.
// The schedule uses the places of the menu's stations (`cooks`).
KdsView build_kds_view(const std::vector<core::Order>& orders, const core::Menu& menu, const KdsFilter& filter,
                       const core::UrgencyThresholds& thresholds, std::int64_t server_now_ms, core::Language language);

// The line one "advance" key press bumps on a ticket: the first shown line
// that is not finished, starting with the least advanced. nullopt when none.
std::optional<std::size_t> line_to_advance(const KdsTicketView& ticket);

// The banner for open complaints about a dish (those naming one), of
// `station` ("" for all): the oldest, with how long the guest has waited on
// the server's clock, and how many more. "" when there are none.
std::string complaint_alert(const std::map<std::int64_t, core::Complaint>& complaints, const core::Menu& menu,
                            const std::string& station, std::int64_t server_now_ms, core::Language language);

// Every string the display can show (UI words, menu names, stations, in both
// languages), for the font atlas.
std::vector<std::string> kds_strings(const core::Menu& menu);

}  // namespace hourglass::kitchen
