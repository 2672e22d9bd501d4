#include "kitchen/manager/live_view.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "shared/core/money.hpp"
#include "shared/core/promise.hpp"
#include "shared/core/urgency.hpp"
#include "shared/words/kitchen_text.hpp"
#include "shared/words/words.hpp"

namespace hourglass::manager {

using words::Word;

LiveView build_live_view(const std::vector<core::Order>& orders, const core::UrgencyThresholds& thresholds,
                         std::int64_t server_now_ms, core::Language language) {
  LiveView view;
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
