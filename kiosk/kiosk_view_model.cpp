#include "kiosk/kiosk_view_model.hpp"

#include <fmt/core.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "kiosk/guest_voice_view.hpp"
#include "shared/core/countdown.hpp"
#include "shared/core/json_read.hpp"
#include "shared/core/money.hpp"
#include "shared/core/promise.hpp"
#include "shared/core/urgency.hpp"

namespace hourglass::kiosk {

namespace {

using words::text;

// The first UTF-8 character of `s`.
std::string first_character(const std::string& s) {
  if (s.empty()) return {};
  const auto lead = static_cast<unsigned char>(s[0]);
  std::size_t length = 1;
  if (lead >= 0xF0) {
    length = 4;
  } else if (lead >= 0xE0) {
    length = 3;
  } else if (lead >= 0xC0) {
    length = 2;
  }
  return s.substr(0, std::min(length, s.size()));
}

// "6.9" for 69 (the Chinese "折" counts tenths), "8" for 80.
std::string zhe(int pay_percent) {
  if (pay_percent % 10 == 0) return std::to_string(pay_percent / 10);
  return fmt::format("{}.{}", pay_percent / 10, pay_percent % 10);
}

std::string promise_adjective(std::int64_t seconds, Language language) {
  if (seconds % 60 == 0) return words::format_word(Word::minutes_adj, language, seconds / 60);
  return words::format_word(Word::seconds_adj, language, seconds);
}

bool counts_for_promise(const core::OrderLine& line) {
  return line.promised && line.state != core::LineState::cancelled && line.state != core::LineState::held &&
         line.state != core::LineState::fired;
}

// Every promised, not cancelled line served: the clock has stopped. Returns
// when the last one was served.
std::optional<std::int64_t> all_served_at(const core::Order& order) {
  std::int64_t last = order.accepted_at_ms;
  bool any = false;
  for (const core::OrderLine& line : order.lines) {
    if (!counts_for_promise(line)) continue;
    if (line.state != core::LineState::served || !line.served_at_ms) return std::nullopt;
    last = std::max(last, *line.served_at_ms);
    any = true;
  }
  if (!any) return std::nullopt;
  return last;
}

std::vector<const core::Order*> by_acceptance(const std::vector<core::Order>& orders) {
  std::vector<const core::Order*> sorted;
  for (const core::Order& order : orders) {
    if (order.status != core::OrderStatus::closed) sorted.push_back(&order);
  }
  std::stable_sort(sorted.begin(), sorted.end(), [](const core::Order* a, const core::Order* b) {
    return a->accepted_at_ms != b->accepted_at_ms ? a->accepted_at_ms < b->accepted_at_ms : a->seq < b->seq;
  });
  return sorted;
}

constexpr std::array<std::uint32_t, 8> kCategoryPalette = {
    0x2F8F6B,  // jade: cold dishes
    0xC0392B,  // chilli red: wok
    0xB7791F,  // soy amber: braised
    0x2C7DA0,  // porcelain blue: soups
    0x8E5B3A,  // wheat brown: staples
    0x6A4C93,  // plum: drinks
    0xD46A8A,  // peach blossom: desserts
    0x5C6B73,
};

// "Kitchen busy: about 14 min" when a new order would take 80 % of the
// promise or more (the kitchen's own projection, v1.1 kitchen_load).
std::string kitchen_busy_text(const KioskState& state, Language language) {
  if (!state.kitchen_wait_s || *state.kitchen_wait_s * 5 < state.promise.seconds * 4) return {};
  return words::format_word(Word::kitchen_busy, language, (*state.kitchen_wait_s + 59) / 60);
}

DishView dish_view(const core::MenuItem& item, const Cart& cart, const KioskState& state, std::uint32_t color,
                   Language language) {
  DishView dish;
  dish.id = item.id;
  dish.name = item.name.in(language);
  dish.other_name = item.name.in(words::other_language(language));
  dish.initial = first_character(item.name.zh);
  dish.price = core::format_money(item.price);
  if (item.description) dish.description = item.description->in(language);
  dish.spicy = item.spicy;
  for (const std::string& allergen : item.allergens) {
    const core::LocalText* label = core::allergen_label(allergen);
    dish.allergens.push_back(label != nullptr ? label->in(language) : allergen);
  }
  dish.allergens_label = text(Word::allergens, language);
  dish.promised = item.promised;
  if (!item.promised) {
    dish.outside_promise =
        words::format_word(Word::not_in_promise, language, promise_adjective(state.promise.seconds, language));
  }
  dish.qty_in_cart = cart.qty_of(item.id);
  dish.tile_color = color;
  dish.sold_out = item.sold_out;
  if (item.sold_out) dish.sold_out_text = text(Word::sold_out, language);
  return dish;
}

}  // namespace

namespace {

Tone urgency_tone(core::Urgency urgency) {
  switch (urgency) {
    case core::Urgency::calm:
      return Tone::good;
    case core::Urgency::amber:
      return Tone::warn;
    case core::Urgency::red:
      return Tone::danger;
    case core::Urgency::late:
      return Tone::late;
  }
  return Tone::good;
}

}  // namespace

Tone countdown_tone(std::int64_t remaining_ms, std::int64_t total_ms) {
  return urgency_tone(core::urgency_for_remaining(remaining_ms, core::thresholds_for_promise(total_ms)));
}

std::string countdown_text(std::int64_t remaining_ms, Language language) {
  if (remaining_ms >= 0) return core::format_countdown(remaining_ms);
  return words::format_word(Word::late_by, language, core::format_countdown(remaining_ms));
}

std::string promise_duration(std::int64_t seconds, Language language) {
  if (seconds % 60 == 0) return words::format_word(Word::minutes_short, language, seconds / 60);
  return words::format_word(Word::seconds_short, language, seconds);
}

std::string promise_badge(const core::PromiseTerms& terms, Language language) {
  const std::string duration = promise_duration(terms.seconds, language);
  if (const auto* minute = std::get_if<core::PerLateMinutePolicy>(&terms.policy)) {
    return words::format_word(Word::promise_per_minute, language, duration, core::format_money(minute->per_minute),
                              core::format_money(minute->cap));
  }
  if (const auto* percent = std::get_if<core::BillPercentPolicy>(&terms.policy)) {
    if (language == Language::zh)
      return words::format_word(Word::promise_percent, language, duration, zhe(percent->pay_percent));
    return words::format_word(Word::promise_percent, language, duration, percent->pay_percent);
  }
  return words::format_word(Word::promise_free, language, duration);
}

std::string promise_badge_short(const core::PromiseTerms& terms, Language language) {
  const std::string duration = promise_duration(terms.seconds, language);
  if (const auto* minute = std::get_if<core::PerLateMinutePolicy>(&terms.policy)) {
    return words::format_word(Word::promise_per_minute_short, language, duration,
                              core::format_money(minute->per_minute));
  }
  if (const auto* percent = std::get_if<core::BillPercentPolicy>(&terms.policy)) {
    if (language == Language::zh) {
      return words::format_word(Word::promise_percent_short, language, duration, zhe(percent->pay_percent));
    }
    return words::format_word(Word::promise_percent_short, language, duration, percent->pay_percent);
  }
  return words::format_word(Word::promise_free_short, language, duration);
}

std::string apology_text(std::int64_t promise_seconds, core::Fen compensation, Language language) {
  return words::format_word(Word::apology, language, promise_adjective(promise_seconds, language),
                            core::format_money(compensation));
}

std::string breach_apology(const core::Order& order, Language language, std::int64_t server_now_ms) {
  const auto* minute = std::get_if<core::PerLateMinutePolicy>(&order.promise.policy);
  if (minute == nullptr || core::breach_settled(order)) {
    return apology_text(order.promise.seconds, core::promise_compensation(order), language);
  }
  // Still growing: the amount as of now, by the same rule the server
  // applies (its pushes confirm it a minute at a time).
  core::Order now = order;
  core::advance_accrual(now, server_now_ms);
  return words::format_word(Word::apology_accruing, language, core::format_money(core::promise_compensation(now)),
                            core::format_money(minute->per_minute), core::format_money(minute->cap));
}

std::string line_state_text(core::LineState state, Language language) {
  switch (state) {
    case core::LineState::queued:
      return text(Word::state_queued, language);
    case core::LineState::cooking:
      return text(Word::state_cooking, language);
    case core::LineState::ready:
      return text(Word::state_ready, language);
    case core::LineState::served:
      return text(Word::state_served, language);
    case core::LineState::cancelled:
      return text(Word::state_cancelled, language);
    case core::LineState::held:
      return text(Word::state_held, language);
    case core::LineState::fired:
      return text(Word::state_fired, language);
  }
  return {};
}

Tone line_state_tone(core::LineState state) {
  switch (state) {
    case core::LineState::queued:
      return Tone::muted;
    case core::LineState::cooking:
      return Tone::warn;
    case core::LineState::ready:
      return Tone::info;
    case core::LineState::served:
      return Tone::good;
    case core::LineState::cancelled:
    case core::LineState::held:
    case core::LineState::fired:
      return Tone::muted;
  }
  return Tone::neutral;
}

std::uint32_t category_color(std::size_t index) { return kCategoryPalette[index % kCategoryPalette.size()]; }

HeaderView build_header_view(const KioskState& state, const HeaderInputs& inputs, Language language,
                             std::int64_t server_now_ms) {
  HeaderView header;
  header.brand = text(Word::brand, language);
  if (inputs.mode == Mode::counter) {
    header.place = text(Word::counter_label, language);
  } else if (!state.table.empty()) {
    header.place = words::format_word(Word::table_label, language, state.table);
  }
  header.promise = promise_badge(state.promise, language);
  header.promise_short = promise_badge_short(state.promise, language);
  header.language_button = text(Word::language_other, language);
  header.offline = !state.connected;
  header.offline_text = text(state.has_welcome ? Word::offline : Word::connecting, language);
  header.error_text = state.fatal_error;
  if (inputs.mode == Mode::counter) return header;

  header.call_waiter = text(Word::call_waiter, language);
  int open_orders = static_cast<int>(build_pending_cards(state, language).size());
  std::optional<std::int64_t> most_urgent;
  for (const core::Order& order : state.orders) {
    if (order.status == core::OrderStatus::closed) continue;
    ++open_orders;
    if (order.status != core::OrderStatus::open || !core::has_promised_work(order)) continue;
    const std::int64_t remaining = core::remaining_ms(order, server_now_ms);
    if (!most_urgent || remaining < *most_urgent) most_urgent = remaining;
  }
  if (most_urgent) {
    header.next_countdown = countdown_text(*most_urgent, language);
    header.next_tone = countdown_tone(*most_urgent, state.promise.seconds * 1000);
  }
  header.tabs = {
      TabView{Screen::menu, text(Word::tab_menu, language), 0,
              inputs.screen == Screen::menu || inputs.screen == Screen::cart},
      TabView{Screen::orders, text(Word::tab_orders, language), open_orders, inputs.screen == Screen::orders},
      TabView{Screen::bill, text(Word::tab_bill, language), 0, inputs.screen == Screen::bill},
  };
  return header;
}

std::string compose_note(const std::vector<std::string>& chips, const std::string& typed) {
  std::string note;
  auto append = [&](const std::string& part) {
    if (part.empty()) return;
    if (!note.empty()) note += " · ";
    note += part;
  };
  for (const std::string& chip : chips) append(chip);
  append(typed);
  return note;
}

std::string detail_note(const core::Menu& menu, const std::string& item, const std::vector<std::size_t>& chips,
                        const std::string& typed, Language language) {
  std::vector<std::string> labels;
  if (const core::MenuItem* found = menu.find(item)) {
    const auto& notes = menu.quick_notes(*found);
    for (std::size_t i = 0; i < notes.size(); ++i) {
      if (std::find(chips.begin(), chips.end(), i) != chips.end()) labels.push_back(notes[i].in(language));
    }
  }
  return compose_note(labels, typed);
}

MenuView build_menu_view(const KioskState& state, const Cart& cart, const MenuInputs& inputs, Language language,
                         std::int64_t server_now_ms) {
  MenuView view;
  view.header = build_header_view(state, inputs.header, language, server_now_ms);
  const core::Menu& menu = state.menu;
  std::string selected = inputs.category;
  if (menu.category(selected) == nullptr && !menu.categories.empty()) selected = menu.categories.front().id;

  for (std::size_t i = 0; i < menu.categories.size(); ++i) {
    const core::MenuGroup& group = menu.categories[i];
    CategoryTabView tab;
    tab.id = group.id;
    tab.label = group.name.in(language);
    tab.color = category_color(i);
    tab.selected = group.id == selected;
    for (const CartLine& line : cart.lines()) {
      const core::MenuItem* item = menu.find(line.item);
      if (item != nullptr && item->category == group.id) tab.in_cart += line.qty;
    }
    if (tab.selected) {
      view.category_title = tab.label;
      view.category_color = tab.color;
    }
    view.categories.push_back(std::move(tab));
  }
  for (const core::MenuItem& item : menu.items) {
    if (item.category != selected) continue;
    view.dishes.push_back(dish_view(item, cart, state, view.category_color, language));
  }

  view.cart_bar.count = cart.count();
  view.cart_bar.count_text = words::format_word(Word::cart_items, language, cart.count());
  view.cart_bar.total = core::format_money(cart.subtotal(menu));
  view.cart_bar.empty_text = text(Word::cart_empty, language);
  view.cart_bar.button = text(Word::order_button, language);
  view.cart_bar.enabled = !cart.empty();
  view.cart_bar.kitchen_busy = kitchen_busy_text(state, language);

  if (inputs.detail_item) {
    if (const core::MenuItem* item = menu.find(*inputs.detail_item)) {
      std::uint32_t color = 0;
      for (std::size_t i = 0; i < menu.categories.size(); ++i) {
        if (menu.categories[i].id == item->category) color = category_color(i);
      }
      DetailView detail;
      detail.dish = dish_view(*item, cart, state, color, language);
      detail.note_label = text(Word::note_label, language);
      detail.note_hint = text(Word::note_hint, language);
      detail.typed_note = inputs.header.mode == Mode::table;
      const std::string typed = detail.typed_note ? inputs.detail_typed_note : std::string();
      const auto& notes = menu.quick_notes(*item);
      if (!notes.empty()) detail.chips_label = text(Word::note_quick, language);
      for (std::size_t i = 0; i < notes.size(); ++i) {
        NoteChipView chip;
        chip.index = i;
        chip.label = notes[i].in(language);
        chip.selected = std::find(inputs.detail_chips.begin(), inputs.detail_chips.end(), i) != inputs.detail_chips.end();
        if (!chip.selected) {
          std::vector<std::size_t> with = inputs.detail_chips;
          with.push_back(i);
          chip.enabled =
              core::utf8_length(detail_note(menu, item->id, with, typed, language)) <= core::kMaxNoteCodePoints;
        }
        detail.chips.push_back(std::move(chip));
      }
      detail.qty = std::clamp(inputs.detail_qty, 1, core::kMaxLineQty);
      detail.add_button = words::format_word(Word::detail_add, language, core::format_money(item->price * detail.qty));
      detail.close = text(Word::detail_close, language);
      view.detail = std::move(detail);
    }
  }
  return view;
}

CartView build_cart_view(const KioskState& state, const Cart& cart, const HeaderInputs& header, bool confirming,
                         Language language, std::int64_t server_now_ms) {
  CartView view;
  view.header = build_header_view(state, header, language, server_now_ms);
  view.title = text(Word::cart_title, language);
  view.subtitle = text(Word::cart_subtitle, language);
  for (std::size_t i = 0; i < cart.lines().size(); ++i) {
    const CartLine& line = cart.lines()[i];
    CartLineView row;
    row.index = i;
    row.qty = line.qty;
    row.note = line.note;
    if (const core::MenuItem* item = state.menu.find(line.item)) {
      row.name = item->name.in(language);
      row.other_name = item->name.in(words::other_language(language));
      row.unit_price = words::format_word(Word::each, language, core::format_money(item->price));
      row.line_total = core::format_money(item->price * line.qty);
      row.outside_promise = !item->promised;
      row.sold_out = item->sold_out;
    } else {
      row.name = line.item;
    }
    if (row.sold_out) {
      row.sold_out_text = text(Word::cart_sold_out, language);
      view.blocked_text = row.sold_out_text;
    }
    row.hold = line.hold;
    // Hold and fire is for a table (a counter diner takes the tray at once).
    if (header.mode == Mode::table) row.hold_label = text(Word::serve_later, language);
    view.lines.push_back(std::move(row));
  }
  view.empty_text = text(Word::cart_empty, language);
  view.count_text = words::format_word(Word::cart_items, language, cart.count());
  view.subtotal_label = text(Word::subtotal, language);
  view.subtotal = core::format_money(cart.subtotal(state.menu));
  view.place_button = text(Word::place_order, language);
  view.keep_browsing = text(Word::keep_browsing, language);
  view.remove = text(Word::remove, language);
  view.can_place = !cart.empty() && view.blocked_text.empty();
  view.confirming = confirming && view.can_place;
  view.kitchen_busy = kitchen_busy_text(state, language);
  view.confirm_title = text(Word::confirm_title, language);
  view.confirm_body = words::format_word(Word::confirm_body, language, cart.count(), view.subtotal,
                                         promise_duration(state.promise.seconds, language));
  view.confirm_yes = text(Word::confirm_yes, language);
  view.confirm_back = text(Word::confirm_back, language);
  if (!state.pending.empty()) view.sending_text = text(Word::sending, language);
  return view;
}

OrderCardView build_order_card(const core::Order& order, int round, Language language, std::int64_t server_now_ms) {
  OrderCardView card;
  card.order_id = order.order_id;
  card.title = words::format_word(Word::round_label, language, round);
  card.ticket = words::format_word(Word::ticket_label, language, order.seq);
  card.total_ms = std::max<std::int64_t>(1, order.deadline_ms - order.accepted_at_ms);
  card.rushed = order.rushed;
  card.rush_label = text(order.rushed ? Word::rushed : Word::rush, language);
  card.subtotal = core::format_money(order.subtotal);

  const auto served_at = all_served_at(order);
  const bool breached = core::promise_broken(order);
  if (!breached && !core::has_promised_work(order)) {
    // The clock stopped in time (or the order holds nothing promised): show
    // the achievement, the bar frozen. A dish outside the promise may still
    // be cooking; that never makes the round late.
    card.done = true;
    card.remaining_ms = served_at ? order.deadline_ms - *served_at : card.total_ms;
    card.tone = Tone::good;
    if (served_at) {
      card.big_text = text(Word::kept, language);
      card.caption =
          words::format_word(Word::served_in, language, core::format_countdown(*served_at - order.accepted_at_ms));
    } else {
      card.big_text =
          words::format_word(Word::not_in_promise, language, promise_adjective(order.promise.seconds, language));
    }
  } else {
    // Late time stops growing once the last late dish reaches the table.
    const std::int64_t now = served_at ? *served_at : server_now_ms;
    card.remaining_ms = order.deadline_ms - now;
    if (breached && card.remaining_ms >= 0) card.remaining_ms = -1;
    card.late = card.remaining_ms < 0;
    card.done = served_at.has_value();
    card.tone =
        breached ? Tone::late
                 : urgency_tone(core::order_urgency(order, server_now_ms, core::thresholds_for_promise(card.total_ms)));
    card.big_text = countdown_text(card.remaining_ms, language);
    card.caption = card.late ? text(Word::apology_short, language) : text(Word::time_left, language);
  }
  card.can_rush = order.status == core::OrderStatus::open && !order.rushed && !card.done;
  if (breached) card.apology = breach_apology(order, language, server_now_ms);
  for (const core::OrderLine& line : order.lines) {
    if (line.state == core::LineState::fired) continue;  // it is in the round it was fired into
    if (line.state == core::LineState::held) {
      card.has_held = true;
      card.serve_now = text(Word::serve_now, language);
    }
    OrderLineView row;
    row.qty = words::format_word(Word::qty_times, language, line.qty);
    row.name = line.name.in(language);
    row.note = line.note;
    row.state = line_state_text(line.state, language);
    row.state_tone = line_state_tone(line.state);
    row.late = line.late;
    row.free = core::is_free(core::line_charge(order, line));
    row.free_text = text(Word::free_line, language);
    card.lines.push_back(std::move(row));
  }
  return card;
}

std::vector<PendingCardView> build_pending_cards(const KioskState& state, Language language) {
  std::vector<PendingCardView> cards;
  for (const PendingRound& round : state.pending) {
    const bool acknowledged = std::any_of(state.orders.begin(), state.orders.end(),
                                          [&](const core::Order& order) { return order.order_id == round.order_id; });
    if (acknowledged) continue;
    PendingCardView card;
    card.order_id = round.order_id;
    card.title = text(Word::pending_title, language);
    card.offline = !state.connected;
    card.status = text(card.offline ? Word::pending_offline : Word::sending, language);
    card.clock = words::format_word(Word::pending_clock, language, promise_adjective(state.promise.seconds, language));
    core::Fen subtotal = 0;
    for (const core::LineRequest& request : round.lines) {
      OrderLineView row;
      row.qty = words::format_word(Word::qty_times, language, request.qty);
      row.note = request.note;
      if (const core::MenuItem* item = state.menu.find(request.item)) {
        row.name = item->name.in(language);
        subtotal += item->price * request.qty;
      } else {
        row.name = request.item;  // a menu not received yet (restarted offline)
      }
      card.lines.push_back(std::move(row));
    }
    card.subtotal = core::format_money(subtotal);
    cards.push_back(std::move(card));
  }
  std::reverse(cards.begin(), cards.end());
  return cards;
}

OrdersView build_orders_view(const KioskState& state, const HeaderInputs& header, Language language,
                             std::int64_t server_now_ms) {
  OrdersView view;
  view.header = build_header_view(state, header, language, server_now_ms);
  view.title = text(Word::tab_orders, language);
  view.pending = build_pending_cards(state, language);
  const auto sorted = by_acceptance(state.orders);
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    view.cards.push_back(build_order_card(*sorted[i], static_cast<int>(i + 1), language, server_now_ms));
  }
  for (const OrderCardView& card : view.cards) {
    if (card.apology) view.apology_banner = card.apology;  // the latest round wins
  }
  // What the diner is waiting for first: late rounds, then running clocks
  // by time left, then rounds already on the table (newest first).
  auto group = [](const OrderCardView& card) { return card.done ? 2 : card.late ? 0 : 1; };
  std::reverse(view.cards.begin(), view.cards.end());
  std::stable_sort(view.cards.begin(), view.cards.end(), [&](const OrderCardView& a, const OrderCardView& b) {
    if (group(a) != group(b)) return group(a) < group(b);
    return group(a) == 1 && a.remaining_ms < b.remaining_ms;
  });
  if (view.pending.empty() && view.cards.empty()) view.empty_text = text(Word::no_orders, language);
  view.add_more = text(Word::add_more, language);
  view.call_waiter = text(Word::call_waiter, language);
  view.view_bill = text(Word::view_bill, language);
  view.complain = text(Word::complain_button, language);
  view.complaints = build_complaint_statuses(state, language, server_now_ms);
  return view;
}

BillView build_bill_view(const KioskState& state, const HeaderInputs& header, Language language,
                         std::int64_t server_now_ms) {
  BillView view;
  view.header = build_header_view(state, header, language, server_now_ms);
  view.title = text(Word::bill_title, language);
  const auto sorted = by_acceptance(state.orders);
  std::vector<core::Order> orders;
  for (const core::Order* order : sorted) orders.push_back(*order);
  const core::Bill bill = core::make_bill(state.table, orders);

  core::Fen compensation = 0;
  for (std::size_t i = 0; i < bill.orders.size(); ++i) {
    const core::Order& order = bill.orders[i];
    BillOrderView row;
    row.title = words::format_word(Word::round_label, language, i + 1) + "  ·  " +
                words::format_word(Word::ticket_label, language, order.seq);
    for (const core::OrderLine& line : order.lines) {
      if (!core::in_subtotal(line.state)) continue;
      BillLineView bill_line;
      bill_line.qty = words::format_word(Word::qty_times, language, line.qty);
      bill_line.name = line.name.in(language);
      bill_line.amount = core::format_money(line.price * line.qty);
      bill_line.free = core::is_free(core::line_charge(order, line));
      bill_line.free_text = text(Word::free_line, language);
      row.lines.push_back(std::move(bill_line));
    }
    row.subtotal = core::format_money(order.subtotal);
    const core::Fen order_compensation = core::promise_compensation(order);
    if (order_compensation > 0) row.compensation = "-" + core::format_money(order_compensation);
    compensation += order_compensation;
    if (core::promise_broken(order)) {
      view.apology = apology_text(order.promise.seconds, order_compensation, language);
    }
    view.orders.push_back(std::move(row));
  }
  view.subtotal_label = text(Word::subtotal, language);
  view.subtotal = core::format_money(bill.subtotal);
  view.compensation_label = text(Word::bill_compensation, language);
  if (compensation > 0) view.compensation = "-" + core::format_money(compensation);
  view.comps_label = text(Word::bill_comp, language);
  const core::Fen comps = bill.discount - compensation;
  if (comps > 0) view.comps = "-" + core::format_money(comps);
  view.total_label = text(Word::bill_total, language);
  view.total = core::format_money(bill.total);
  view.hint = text(Word::bill_pay_hint, language);
  view.call_waiter = text(Word::call_waiter, language);
  return view;
}

CounterDoneView build_counter_done_view(const KioskState& state, const std::string& order_id,
                                        std::int64_t seconds_to_reset, Language language, std::int64_t server_now_ms) {
  CounterDoneView view;
  view.header = build_header_view(state, HeaderInputs{Mode::counter, Screen::counter_done}, language, server_now_ms);
  view.pickup_title = text(Word::pickup_title, language);
  view.pickup_number = "…";
  for (const core::Order& order : state.orders) {
    if (order.order_id != order_id) continue;
    view.pickup_number = std::to_string(order.seq);
    OrderCardView card = build_order_card(order, 1, language, server_now_ms);
    card.title = words::format_word(Word::ticket_label, language, order.seq);
    card.ticket.clear();
    view.card = std::move(card);
  }
  if (!view.card) {
    for (PendingCardView& pending : build_pending_cards(state, language)) {
      if (pending.order_id == order_id) view.pending = std::move(pending);
    }
  }
  view.hint = view.card      ? text(Word::pickup_hint, language)
              : view.pending ? view.pending->status
                             : text(Word::sending, language);
  view.resets_in = words::format_word(Word::resets_in, language, std::max<std::int64_t>(0, seconds_to_reset));
  view.done_button = text(Word::new_order, language);
  return view;
}

}  // namespace hourglass::kiosk
