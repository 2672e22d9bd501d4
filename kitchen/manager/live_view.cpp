#include "kitchen/manager/live_view.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "shared/core/countdown.hpp"
#include "shared/core/kitchen_load.hpp"
#include "shared/core/money.hpp"
#include "shared/core/promise_forecast.hpp"
#include "shared/core/promise.hpp"
#include "shared/core/urgency.hpp"
#include "shared/words/kitchen_text.hpp"
#include "shared/words/words.hpp"

namespace hourglass::manager {

using words::Word;

namespace {

LiveForecast forecast_of(const std::vector<core::Order>& orders, const core::Menu& menu,
                         const std::optional<core::KitchenLoad>& kitchen_load, std::int64_t now_ms,
                         core::Language language) {
  const words::Words labels(language);
  LiveForecast out;
  if (kitchen_load) out.kitchen_wait = labels.format(Word::console_kitchen_wait, (kitchen_load->wait_s + 59) / 60);
  std::size_t open_lines = 0;
  for (const core::Order& order : orders) {
    for (const core::OrderLine& line : order.lines) open_lines += core::needs_cooking(line.state) ? 1 : 0;
  }
  if (open_lines > core::kMaxScheduledLines) return out;
  const core::KitchenSchedule schedule =
      core::schedule_kitchen(orders, menu, now_ms, core::schedule_options_for(menu));
  const core::PromiseForecast forecast = core::forecast_promise(orders, schedule, now_ms);
  out.shown = true;
  out.due = forecast.due;
  out.on_time = forecast.on_time;
  if (forecast.due == 0) {
    out.summary = labels(Word::console_forecast_none);
  } else {
    const int percent = (forecast.on_time * 100 + forecast.due / 2) / forecast.due;
    out.summary = labels.format(Word::console_forecast, forecast.due, forecast.on_time, percent);
  }
  for (const core::ProjectedBreach& breach : forecast.projected_breaches) {
    out.projected_breaches.push_back(fmt::format("{} · {} · +{}", words::ticket_label(breach.seq),
                                                 words::table_label(breach.table, language),
                                                 core::format_countdown(breach.late_by_ms)));
  }
  return out;
}

}  // namespace

LiveView build_live_view(const std::vector<core::Order>& orders, const core::Menu& menu,
                         const std::optional<core::KitchenLoad>& kitchen_load,
                         const core::UrgencyThresholds& thresholds, std::int64_t server_now_ms,
                         core::Language language) {
  LiveView view;
  view.forecast = forecast_of(orders, menu, kitchen_load, server_now_ms, language);
  for (const core::MenuItem& item : menu.items) {
    const core::MenuGroup* category = menu.category(item.category);
    view.dishes.push_back(LiveDish{item.id, item.name.in(language),
                                   category != nullptr ? category->name.in(language) : item.category, item.sold_out});
  }
  std::map<std::string, std::vector<const core::Order*>> by_table;
  for (const core::Order& order : orders) {
    if (order.status == core::OrderStatus::closed) continue;
    // Counter orders are closed one by one: each is its own "table".
    const std::string key = order.table == core::kCounterTable ? order.table + "/" + order.order_id : order.table;
    by_table[key].push_back(&order);
  }
  for (auto& [key, list] : by_table) {
    std::sort(list.begin(), list.end(), [](const core::Order* a, const core::Order* b) {
      return a->deadline_ms != b->deadline_ms ? a->deadline_ms < b->deadline_ms : a->seq < b->seq;
    });
    LiveTable table;
    table.table_id = list.front()->table;
    table.table = words::table_label(table.table_id, language);
    if (table.table_id == core::kCounterTable) {
      table.close_order_id = list.front()->order_id;
      table.table = fmt::format("{} {}", table.table, words::ticket_label(list.front()->seq));
    }
    table.earliest_deadline_ms = list.front()->deadline_ms;
    core::Fen subtotal = 0;
    core::Fen discount = 0;
    for (const core::Order* order : list) {
      LiveOrder lo;
      lo.order_id = order->order_id;
      lo.ticket = words::ticket_label(order->seq);
      const std::int64_t remaining = core::remaining_ms(*order, server_now_ms);
      lo.urgency = core::order_urgency(*order, server_now_ms, thresholds);
      switch (order->status) {
        case core::OrderStatus::open:
          lo.countdown = words::countdown_text(remaining, language);
          lo.status = words::text(Word::status_open, language);
          break;
        case core::OrderStatus::kept:
          lo.countdown = words::text(Word::console_kept_of, language);
          lo.status = words::text(Word::console_kept_of, language);
          break;
        case core::OrderStatus::breached:
          lo.countdown = words::countdown_text(std::min<std::int64_t>(remaining, -1), language);
          lo.status = words::text(Word::status_breached, language);
          break;
        case core::OrderStatus::closed:
          break;
      }
      if (order->status == core::OrderStatus::open) ++view.open_orders;
      if (lo.urgency == core::Urgency::late) ++view.late_orders;
      for (const core::OrderLine& line : order->lines) {
        LiveLine ll;
        ll.line_id = line.line_id;
        ll.dish = fmt::format("{}× {}", line.qty, line.name.in(language).empty() ? line.item : line.name.in(language));
        ll.state = line.state;
        ll.state_word = words::line_state_word(line.state, language);
        ll.amount = core::format_money(line.price * line.qty);
        ll.comped = line.comped;
        ll.late = line.late;
        ll.free = core::is_free(core::line_charge(*order, line));
        ll.can_comp = !line.comped && line.state != core::LineState::cancelled;
        lo.lines.push_back(std::move(ll));
      }
      subtotal += order->subtotal;
      discount += order->discount;
      table.orders.push_back(std::move(lo));
    }
    table.subtotal = core::format_money(subtotal);
    table.discount = core::format_money(discount);
    table.total = core::format_money(subtotal - discount);
    view.tables.push_back(std::move(table));
  }
  std::sort(view.tables.begin(), view.tables.end(),
            [](const LiveTable& a, const LiveTable& b) { return a.earliest_deadline_ms < b.earliest_deadline_ms; });
  return view;
}

}  // namespace hourglass::manager
