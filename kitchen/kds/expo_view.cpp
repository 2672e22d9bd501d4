#include "kitchen/kds/expo_view.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <optional>

#include "kitchen/kds/kds_view_model.hpp"
#include "shared/core/countdown.hpp"
#include "shared/words/kitchen_text.hpp"
#include "shared/words/words.hpp"

namespace hourglass::kitchen {

using core::LineState;
using words::Word;

ExpoView build_expo_view(const std::vector<core::Order>& orders, const core::Menu& menu, const ExpoOptions& options,
                         std::int64_t server_now_ms, core::Language language) {
  const words::Words labels(language);
  ExpoView view;
  view.server_now_ms = server_now_ms;
  std::vector<std::pair<std::int64_t, std::int64_t>> keys;  // first ready, deadline: per ticket, for the sort
  for (const core::Order& order : orders) {
    if (order.status == core::OrderStatus::closed) continue;
    ExpoTicket t;
    std::optional<std::int64_t> first_ready;
    int counted = 0;
    for (const core::OrderLine& line : order.lines) {
      ExpoLine el{line.line_id, fmt::format("{}× {}", line.qty, line_name(line, menu, language)), line.state,
                  words::line_state_word(line.state, language)};
      if (line.state == LineState::ready) {
        if (line.ready_at_ms) first_ready = std::min(first_ready.value_or(*line.ready_at_ms), *line.ready_at_ms);
        t.ready.push_back(std::move(el));
        ++counted;
      } else if (line.state == LineState::queued || line.state == LineState::cooking) {
        t.missing.push_back(std::move(el));
        ++counted;
      }
    }
    if (t.ready.empty()) continue;
    t.order_id = order.order_id;
    t.ticket = words::ticket_label(order.seq);
    t.table = words::table_label(order.table, language);
    t.countdown = words::countdown_text(order.deadline_ms - server_now_ms, language);
    t.urgency = core::order_urgency(order, server_now_ms, options.thresholds);
    t.urgency_word = urgency_word(t.urgency, labels);
    if (first_ready) {
      t.waiting_ms = std::max<std::int64_t>(0, server_now_ms - *first_ready);
      t.waiting = core::format_countdown(t.waiting_ms);
      t.dying = t.waiting_ms > options.dying_ms;
    }
    t.complete = t.missing.empty();
    t.progress = t.complete ? labels(Word::kds_expo_all_ready)
                            : labels.format(Word::kds_expo_ready_count, t.ready.size(), counted);
    t.serve_word = t.complete ? labels(Word::kds_expo_serve_order)
                              : labels.format(Word::kds_expo_serve_ready, t.ready.size());
    if (t.complete) ++view.complete;
    keys.emplace_back(first_ready.value_or(std::numeric_limits<std::int64_t>::max()), order.deadline_ms);
    view.tickets.push_back(std::move(t));
  }
  std::vector<std::size_t> index(view.tickets.size());
  for (std::size_t i = 0; i < index.size(); ++i) index[i] = i;
  std::stable_sort(index.begin(), index.end(), [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
  std::vector<ExpoTicket> sorted;
  sorted.reserve(index.size());
  for (std::size_t i : index) sorted.push_back(std::move(view.tickets[i]));
  view.tickets = std::move(sorted);
  return view;
}

}  // namespace hourglass::kitchen
