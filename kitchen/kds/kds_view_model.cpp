#include "kitchen/kds/kds_view_model.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <map>
#include <tuple>

#include "shared/core/countdown.hpp"
#include "shared/core/kitchen_load.hpp"
#include "shared/core/kitchen_queue.hpp"
#include "shared/core/kitchen_schedule.hpp"
#include "shared/core/promise.hpp"
#include "shared/words/kitchen_text.hpp"
#include "shared/words/words.hpp"

namespace hourglass::kitchen {

using words::Word;

using core::Language;
using core::LineState;

namespace {

bool is_finished(LineState state) {
  return state == LineState::served || state == LineState::cancelled || state == LineState::fired;
}

std::optional<LineState> next_state(LineState state) {
  switch (state) {
    case LineState::queued:
      return LineState::cooking;
    case LineState::cooking:
      return LineState::ready;
    case LineState::ready:
      return LineState::served;
    case LineState::served:
    case LineState::cancelled:
    case LineState::held:  // fired, not bumped
    case LineState::fired:
      return std::nullopt;
  }
  return std::nullopt;
}

std::string next_word(LineState state, const words::Words& labels) {
  switch (state) {
    case LineState::queued:
      return labels(Word::kds_start);
    case LineState::cooking:
      return labels(Word::kds_ready);
    case LineState::ready:
      return labels(Word::kds_serve);
    case LineState::served:
    case LineState::cancelled:
    case LineState::held:
    case LineState::fired:
      return {};
  }
  return {};
}


std::string age_text(std::int64_t age_ms, const words::Words& labels) {
  return labels.format(Word::minutes_short, std::max<std::int64_t>(0, age_ms) / 60000);
}

}  // namespace

std::string urgency_word(Urgency urgency, const words::Words& labels) {
  switch (urgency) {
    case Urgency::calm:
      return labels(Word::kds_calm);
    case Urgency::amber:
      return labels(Word::kds_amber);
    case Urgency::red:
      return labels(Word::kds_red);
    case Urgency::late:
      return labels(Word::late_short);
  }
  return {};
}

const std::string& line_name(const core::OrderLine& line, const core::Menu& menu, Language language) {
  const std::string& own = line.name.in(language);
  if (!own.empty()) return own;
  const core::MenuItem* item = menu.find(line.item);
  if (item != nullptr && !item->name.in(language).empty()) return item->name.in(language);
  return line.item;
}

KdsView build_kds_view(const std::vector<core::Order>& orders, const core::Menu& menu, const KdsFilter& filter,
                       const core::UrgencyThresholds& thresholds, std::int64_t server_now_ms, Language language) {
  const words::Words labels(language);
  KdsView view;
  view.server_now_ms = server_now_ms;

  std::map<std::string, int> station_open;  // queued + cooking lines per station, unfiltered
  std::map<std::string, std::size_t> all_day_index;

  const core::KitchenSchedule schedule =
      core::schedule_kitchen(orders, menu, server_now_ms, core::schedule_options_for(menu));
  std::map<std::string, const core::ScheduledLine*> scheduled;  // by line_id
  for (const core::ScheduledLine& line : schedule.lines) scheduled[line.line_id] = &line;
  std::map<std::string, std::int64_t> ticket_start;  // by order_id: its shown line that starts first

  // Earliest deadline first; the ticket number breaks ties so the order is stable.
  std::vector<const core::Order*> sorted;
  sorted.reserve(orders.size());
  for (const core::Order& order : orders) {
    if (order.status == core::OrderStatus::closed) continue;
    const bool has_work = std::any_of(order.lines.begin(), order.lines.end(),
                                      [](const core::OrderLine& l) { return !is_finished(l.state); });
    if (!has_work) continue;
    sorted.push_back(&order);
  }
  std::sort(sorted.begin(), sorted.end(), [](const core::Order* a, const core::Order* b) {
    if (a->deadline_ms != b->deadline_ms) return a->deadline_ms < b->deadline_ms;
    return a->seq < b->seq;
  });

  for (const core::Order* order : sorted) {
    const std::int64_t remaining = core::remaining_ms(*order, server_now_ms);
    KdsTicketView ticket;
    ticket.order_id = order->order_id;
    ticket.seq = order->seq;
    ticket.ticket = words::ticket_label(order->seq);
    ticket.table = words::table_label(order->table, language);
    ticket.age = age_text(server_now_ms - order->accepted_at_ms, labels);
    ticket.deadline_ms = order->deadline_ms;
    ticket.remaining_ms = remaining;
    ticket.promise_ms = order->deadline_ms - order->accepted_at_ms;
    ticket.urgency = core::order_urgency(*order, server_now_ms, thresholds);
    ticket.breached = order->status == core::OrderStatus::breached;
    // A breached order shows LATE even if this screen's clock lags a little.
    if (order->status == core::OrderStatus::kept) {
      ticket.countdown = labels(Word::kds_kept);  // no clock left to show: the promise was kept
    } else {
      ticket.countdown = words::countdown_text(
          ticket.urgency == Urgency::late ? std::min<std::int64_t>(remaining, -1) : remaining, language);
    }
    ticket.urgency_word = urgency_word(ticket.urgency, labels);
    ticket.rushed = order->rushed;
    ticket.flash_on = ticket.urgency != Urgency::late || (server_now_ms / 500) % 2 == 0;

    std::int64_t longest_prep = 0;
    for (const core::OrderLine& line : order->lines) {
      if (line.promised && needs_cooking(line.state)) {
        longest_prep = std::max(longest_prep, core::prep_ms(menu, line.item));
      }
    }
    // Only a running clock can be at risk: a kept order whose unpromised dish
    // is still cooking is not.
    const bool running = order->status == core::OrderStatus::open && core::has_promised_work(*order);
    ticket.at_risk = running && ticket.urgency != Urgency::late && remaining < longest_prep;
    if (const core::OrderProjection* projection = schedule.projection(order->order_id);
        projection != nullptr && running && ticket.urgency != Urgency::late && projection->late_by_ms > 0) {
      ticket.projected_late_ms = projection->late_by_ms;
      // Triage: an order with a line that would be late even if started now
      // cannot be saved; the schedule cooks it after the ones that can, and
      // the ticket says so, so no cook rushes it at their expense.
      ticket.past_saving = std::any_of(schedule.lines.begin(), schedule.lines.end(), [&](const core::ScheduledLine& s) {
        return s.order_id == order->order_id && s.lost;
      });
      ticket.projected_word = labels.format(ticket.past_saving ? Word::kds_past_saving : Word::kds_projected_late,
                                            core::format_countdown(projection->late_by_ms));
    }

    for (const core::OrderLine& line : order->lines) {
      const std::string station = core::line_station(line, menu);
      if (needs_cooking(line.state)) station_open[station] += 1;
      if (!filter.station.empty() && station != filter.station) {
        if (!is_finished(line.state)) ++ticket.hidden_lines;
        continue;
      }
      KdsLineView lv;
      lv.line_id = line.line_id;
      lv.item = line.item;
      lv.qty = line.qty;
      lv.name = line_name(line, menu, language);
      lv.note = line.note;
      lv.state = line.state;
      lv.state_word = words::line_state_word(line.state, language);
      lv.station = station;
      lv.promised = line.promised;
      lv.late = line.late;
      lv.comped = line.comped;
      lv.finished = is_finished(line.state);
      lv.held = line.state == LineState::held;
      if (line.state == LineState::fired) continue;  // it lives on in its new round
      if (const auto found = scheduled.find(line.line_id); found != scheduled.end()) {
        const core::ScheduledLine& at = *found->second;
        auto [start, inserted] = ticket_start.try_emplace(order->order_id, at.start_at_ms);
        if (!inserted) start->second = std::min(start->second, at.start_at_ms);
        if (line.state == LineState::queued) {
          lv.fire_now = at.fire_now;
          lv.waiting = !at.fire_now;
          lv.start_in_ms = std::max<std::int64_t>(0, at.start_at_ms - server_now_ms);
          lv.start_word = at.fire_now ? labels(Word::kds_fire_now)
                                      : labels.format(Word::kds_start_in, core::format_countdown(lv.start_in_ms));
        }
      } else if (line.state == LineState::ready) {
        ticket_start.try_emplace(order->order_id, server_now_ms);  // to serve now
      }
      lv.next_state = next_state(line.state);
      lv.next_word = next_word(line.state, labels);
      if (lv.held) {
        ticket.held_line_ids.push_back(lv.line_id);
        lv.start_word = labels(Word::kds_fire_held);
      } else if (!lv.finished) {
        ticket.can_serve_all = true;
      }

      if (needs_cooking(line.state)) {
        auto [it, inserted] = all_day_index.try_emplace(line.item, view.all_day.size());
        if (inserted) view.all_day.push_back(AllDayCount{line.item, lv.name, 0, 0});
        AllDayCount& count = view.all_day[it->second];
        (line.state == LineState::queued ? count.queued : count.cooking) += line.qty;
      }
      ticket.lines.push_back(std::move(lv));
    }
    if (ticket.lines.empty() || (!ticket.can_serve_all && ticket.held_line_ids.empty())) continue;  // nothing here
    // The lines stay in the ticket's order (a cook's eye finds them where they
    // were); held ones go last, apart.
    std::stable_partition(ticket.lines.begin(), ticket.lines.end(), [](const KdsLineView& l) { return !l.held; });
    if (ticket.projected_late_ms > 0) ++view.counts.projected_late;

    switch (ticket.urgency) {
      case Urgency::calm:
        ++view.counts.calm;
        break;
      case Urgency::amber:
        ++view.counts.amber;
        break;
      case Urgency::red:
        ++view.counts.red;
        break;
      case Urgency::late:
        ++view.counts.late;
        break;
    }
    if (ticket.at_risk) ++view.counts.at_risk;
    view.tickets.push_back(std::move(ticket));
  }

  // Schedule order: the ticket whose shown work starts first.
  std::stable_sort(view.tickets.begin(), view.tickets.end(), [&](const KdsTicketView& a, const KdsTicketView& b) {
    const auto start = [&](const KdsTicketView& t) {
      const auto found = ticket_start.find(t.order_id);
      return found == ticket_start.end() ? std::numeric_limits<std::int64_t>::max() : found->second;
    };
    return std::tuple(start(a), a.deadline_ms, a.seq) < std::tuple(start(b), b.deadline_ms, b.seq);
  });

  std::stable_sort(view.all_day.begin(), view.all_day.end(), [](const AllDayCount& a, const AllDayCount& b) {
    if (a.total() != b.total()) return a.total() > b.total();
    return a.name < b.name;
  });

  view.stations.push_back(StationOption{"", labels(Word::kds_all_stations), 0});
  int all_open = 0;
  for (const core::MenuGroup& station : menu.stations) {
    const int open = station_open.count(station.id) != 0 ? station_open[station.id] : 0;
    all_open += open;
    view.stations.push_back(StationOption{station.id, station.name.in(language), open});
    if (!filter.station.empty() && station.id != filter.station) continue;
    // The schedule's next line, the one the simulator's `display` cooks take
    // (KitchenSchedule::fire_next); else the first queued line still to wait.
    std::optional<core::ScheduledLine> next_line = schedule.fire_next(station.id);
    if (!next_line) {
      for (const core::ScheduledLine& line : schedule.lines) {
        if (line.station == station.id && line.state == LineState::queued) {
          next_line = line;
          break;
        }
      }
    }
    if (next_line) {
      const auto order = std::find_if(orders.begin(), orders.end(),
                                      [&](const core::Order& o) { return o.order_id == next_line->order_id; });
      const core::OrderLine* line = order == orders.end() ? nullptr : order->find_line(next_line->line_id);
      if (line != nullptr) {
        NextUp next;
        next.station = station.id;
        next.station_name = station.name.in(language);
        next.order_id = order->order_id;
        next.line_id = line->line_id;
        next.ticket = words::ticket_label(order->seq);
        next.dish = fmt::format("{}× {}", line->qty, line_name(*line, menu, language));
        next.slack_ms = next_line->fire_now ? 0 : next_line->start_at_ms - server_now_ms;
        next.slack = next.slack_ms <= 0 ? labels(Word::kds_fire_now)
                                        : fmt::format("{} {}", labels(Word::kds_fire_in),
                                                      core::format_countdown(next.slack_ms));
        view.next_up.push_back(std::move(next));
      }
    }
  }
  view.stations.front().open_lines = all_open;
  for (const core::MenuItem& item : menu.items) {
    if (item.sold_out) ++view.sold_out_count;
    if (!filter.station.empty() && item.station != filter.station) continue;
    const core::MenuGroup* station = menu.station(item.station);
    view.dishes.push_back(SoldOutDish{item.id, item.name.in(language),
                                      station != nullptr ? station->name.in(language) : item.station, item.sold_out,
                                      labels(item.sold_out ? Word::kds_sold_out : Word::kds_available)});
  }
  return view;
}

std::optional<std::size_t> line_to_advance(const KdsTicketView& ticket) {
  std::optional<std::size_t> best;
  for (std::size_t i = 0; i < ticket.lines.size(); ++i) {
    const KdsLineView& line = ticket.lines[i];
    if (line.finished || !line.next_state) continue;
    if (!best || static_cast<int>(line.state) < static_cast<int>(ticket.lines[*best].state)) best = i;
  }
  return best;
}

std::vector<std::string> kds_strings(const core::Menu& menu) {
  std::vector<std::string> strings = words::all_words();
  for (const core::MenuItem& item : menu.items) {
    strings.push_back(item.name.en);
    strings.push_back(item.name.zh);
  }
  for (const core::MenuGroup& station : menu.stations) {
    strings.push_back(station.name.en);
    strings.push_back(station.name.zh);
  }
  for (Language language : {Language::en, Language::zh}) {
    for (auto state :
         {LineState::queued, LineState::cooking, LineState::ready, LineState::served, LineState::cancelled,
          LineState::held, LineState::fired}) {
      strings.push_back(words::line_state_word(state, language));
    }
    strings.push_back(words::table_label("0123456789", language));
    strings.push_back(words::table_label(std::string(core::kCounterTable), language));
    strings.push_back(words::countdown_text(-1000, language));
    strings.push_back(words::late_by_text(0, std::nullopt, language));
  }
  strings.push_back("×#+-:·▲▼●○✓");
  return strings;
}

std::string complaint_alert(const std::map<std::int64_t, core::Complaint>& complaints, const core::Menu& menu,
                            const std::string& station, std::int64_t server_now_ms, core::Language language) {
  const core::Complaint* oldest = nullptr;
  int count = 0;
  for (const auto& [id, complaint] : complaints) {
    if (complaint.status != core::ComplaintStatus::open || !complaint.item) continue;
    if (!station.empty() && complaint.station.value_or("") != station) continue;
    ++count;
    if (oldest == nullptr || complaint.at_ms < oldest->at_ms) oldest = &complaint;
  }
  if (oldest == nullptr) return "";
  const core::MenuItem* item = menu.find(*oldest->item);
  const std::string dish = item != nullptr ? item->name.in(language) : *oldest->item;
  const std::string what =
      oldest->note.empty() ? words::complaint_category_label(oldest->category, language) : oldest->note;
  // A stopwatch: the wait rounds down (format_countdown rounds lateness down).
  const std::string waited = core::format_countdown(-std::max<std::int64_t>(0, server_now_ms - oldest->at_ms));
  std::string text = words::format_word(Word::kds_complaint, language, words::table_label(oldest->table, language),
                                        dish, what) +
                     " · " + words::format_word(Word::kds_complaint_waiting, language, waited);
  if (count > 1) text += fmt::format(" (+{})", count - 1);
  return text;
}

}  // namespace hourglass::kitchen
