#include "kiosk/kiosk_app.hpp"

#include <fmt/core.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "shared/core/local_time.hpp"
#include "shared/words/words.hpp"
#include "shared/ui/frame_schedule.hpp"

namespace hourglass::kiosk {

KioskApp::KioskApp(AppOptions options, std::unique_ptr<KioskLink> link, Cart cart)
    : options_(std::move(options)), link_(std::move(link)), cart_(std::move(cart)), saved_cart_(cart_) {
  screen_ = options_.start_screen;
  language_ = options_.language;
  category_ = options_.start_category;
  detail_item_ = options_.start_detail;
  confirming_ = options_.start_confirming;
  link_->refresh(state_);
  if (screen_ == Screen::counter_done && !state_.orders.empty()) {
    done_order_id_ = state_.orders.back().order_id;
  }
}

bool KioskApp::update(std::int64_t local_now_ms) {
  last_now_ms_ = local_now_ms;
  bool changed = link_->refresh(state_);
  for (const LinkEvent& event : link_->take_events()) {
    changed = true;
    switch (event.kind) {
      case LinkEvent::Kind::accepted:
        placed_lines_.erase(event.order_id);
        break;
      case LinkEvent::Kind::rejected:
        restore_refused(event, local_now_ms);
        break;
      case LinkEvent::Kind::waiter_coming:
        toasts_.push(words::text(Word::waiter_called, language_), ui::ToastKind::success, local_now_ms);
        break;
      case LinkEvent::Kind::failed:
        spdlog::warn("request failed: {}", event.message);
        toasts_.push(words::text(Word::offline, language_), ui::ToastKind::warning, local_now_ms);
        break;
      case LinkEvent::Kind::breach:
        break;  // the order update carries the breach; the orders screen shows it
      case LinkEvent::Kind::complaint_sent:
        toasts_.push(words::text(Word::complaint_sent, language_), ui::ToastKind::success, local_now_ms);
        break;
      case LinkEvent::Kind::complaint_answered:
        screen_ = options_.mode == Mode::table ? Screen::orders : screen_;  // where the answer shows
        break;
      case LinkEvent::Kind::survey_sent:
        break;
    }
  }
  follow_table_session(local_now_ms);
  // The menu may have changed under the cart (a dish withdrawn).
  if (!state_.menu.items.empty() && cart_.drop_unknown(state_.menu) > 0) save_cart();
  if (screen_ == Screen::counter_done && done_since_ms_ < 0) done_since_ms_ = local_now_ms;
  // Counter: back to the start after the pause.
  if (screen_ == Screen::counter_done && options_.reset_seconds > 0 &&
      local_now_ms - done_since_ms_ >= static_cast<std::int64_t>(options_.reset_seconds) * 1000) {
    reset_for_next_guest();
    changed = true;
  }
  return changed;
}

void KioskApp::follow_table_session(std::int64_t local_now_ms) {
  if (!state_.timezone.empty() && state_.timezone != zone_in_use_) {
    core::use_timezone(state_.timezone);
    zone_in_use_ = state_.timezone;
  }
  const bool has_orders = !state_.orders.empty() || !state_.pending.empty();
  if (options_.mode == Mode::table) {
    if (had_orders_ && !has_orders) {  // the table was closed: the next guests start afresh
      party_settled_ = false;
      party_size_.reset();
      party_choice_ = kDefaultPartySize;
    }
    if (!had_orders_ && has_orders) survey_done_ = false;  // a new bill
  }
  had_orders_ = has_orders;
  state_.promise =
      terms_in_force(state_, party_size_, core::local_minute_of_day(server_now_ms(local_now_ms)));
}

bool KioskApp::asks_party_size() const {
  return options_.mode == Mode::table && state_.has_welcome && !party_settled_ && screen_ == Screen::menu &&
         state_.orders.empty() && state_.pending.empty();
}

std::optional<std::int64_t> KioskApp::next_frame_ms(std::int64_t local_now_ms) const {
  std::optional<std::int64_t> next = toasts_.next_expiry_ms();
  std::optional<std::int64_t> tick;
  if (screen_ == Screen::counter_done && done_since_ms_ >= 0) {
    tick = done_since_ms_ + ui::next_tick_ms(local_now_ms - done_since_ms_, 1000);  // seconds to the next guest
  } else if (!state_.orders.empty() || !state_.complaints.empty()) {
    const std::int64_t now = server_now_ms(local_now_ms);  // countdowns tick on the server's second
    tick = local_now_ms + ui::next_tick_ms(now, 1000) - now;
  }
  if (tick && (!next || *tick < *next)) next = tick;
  return next;
}

void KioskApp::frame(const ui::Theme& theme, std::int64_t local_now_ms) {
  update(local_now_ms);
  const std::int64_t now = server_now_ms(local_now_ms);
  const ScreenStyle style{options_.mode == Mode::counter};
  // The screens lay out edge to edge; keep a padded root window from clipping them.
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::PushClipRect(viewport->WorkPos,
                      ImVec2(viewport->WorkPos.x + viewport->WorkSize.x, viewport->WorkPos.y + viewport->WorkSize.y),
                      false);
  Intent intent;
  switch (screen_) {
    case Screen::menu: {
      MenuInputs inputs;
      inputs.header = header_inputs();
      inputs.category = category_;
      inputs.detail_item = detail_item_;
      inputs.detail_qty = detail_qty_;
      inputs.detail_chips = detail_chips_;
      inputs.detail_typed_note = note_.text();
      const MenuView view = build_menu_view(state_, cart_, inputs, language_, now);
      intent = draw_menu(view, note_, theme, style);
      break;
    }
    case Screen::cart: {
      const CartView view = build_cart_view(state_, cart_, header_inputs(), confirming_, language_, now);
      intent = draw_cart(view, theme, style);
      break;
    }
    case Screen::orders: {
      const OrdersView view = build_orders_view(state_, header_inputs(), language_, now);
      intent = draw_orders(view, theme, style);
      break;
    }
    case Screen::bill: {
      BillView view = build_bill_view(state_, header_inputs(), language_, now);
      if (!state_.orders.empty() || survey_done_) view.survey = build_survey_view(survey_done_, language_);
      intent = draw_bill(view, theme, style);
      break;
    }
    case Screen::counter_done: {
      const std::int64_t left = options_.reset_seconds - (local_now_ms - done_since_ms_) / 1000;
      CounterDoneView view = build_counter_done_view(state_, done_order_id_, left, language_, now);
      if (view.card) view.survey = build_survey_view(surveyed_order_ == done_order_id_, language_);
      intent = draw_counter_done(view, theme, style);
      break;
    }
  }
  ImGui::PopClipRect();
  if (asks_party_size()) {
    const int minute = core::local_minute_of_day(now);
    const Intent panel = draw_party_panel(build_party_panel(state_, party_choice_, minute, language_), theme);
    if (panel) intent = panel;
  } else if (complaint_open_) {
    const Intent panel =
        draw_complaint_form(build_complaint_form(state_, complaint_category_, complaint_line_, language_), theme);
    if (panel) intent = panel;
  }
  if (intent) apply(intent, local_now_ms);
  toasts_.draw(local_now_ms, theme);
}

void KioskApp::apply(const Intent& intent, std::int64_t local_now_ms) {
  switch (intent.action) {
    case Action::none:
      return;
    case Action::switch_language:
      language_ = words::other_language(language_);
      return;
    case Action::call_waiter:
      link_->call_waiter();
      return;
    case Action::go:
      screen_ = intent.screen;
      confirming_ = false;
      detail_item_.reset();
      return;
    case Action::select_category:
      category_ = intent.id;
      return;
    case Action::open_detail:
      detail_item_ = intent.id;
      detail_qty_ = 1;
      detail_chips_.clear();
      note_.clear();
      return;
    case Action::toggle_note_chip: {
      const auto chosen = std::find(detail_chips_.begin(), detail_chips_.end(), intent.index);
      if (chosen != detail_chips_.end()) {
        detail_chips_.erase(chosen);
      } else {
        detail_chips_.push_back(intent.index);
      }
      return;
    }
    case Action::close_detail:
      detail_item_.reset();
      return;
    case Action::detail_qty:
      detail_qty_ = std::clamp(detail_qty_ + intent.value, 1, core::kMaxLineQty);
      return;
    case Action::detail_add:
      cart_.add(intent.id, detail_qty_,
                detail_note(state_.menu, intent.id, detail_chips_,
                            options_.mode == Mode::table ? note_.text() : std::string(), language_));
      detail_item_.reset();
      save_cart();
      return;
    case Action::quick_add:
      cart_.add(intent.id, 1);
      save_cart();
      return;
    case Action::quick_remove:
      cart_.remove_one(intent.id);
      save_cart();
      return;
    case Action::cart_qty:
      cart_.change_qty(intent.index, intent.value);
      save_cart();
      return;
    case Action::cart_remove:
      cart_.remove(intent.index);
      save_cart();
      return;
    case Action::place_order:
      confirming_ = !cart_.empty();
      return;
    case Action::cancel_confirm:
      confirming_ = false;
      return;
    case Action::confirm_order: {
      if (cart_.empty()) return;
      // The net client persists the order in its outbox before returning,
      // so clearing the cart afterwards cannot lose it.
      const std::string order_id = link_->place_order(cart_.requests(), party_size_);
      placed_lines_[order_id] = cart_.requests();
      cart_.clear();
      save_cart();
      confirming_ = false;
      if (options_.mode == Mode::counter) {
        done_order_id_ = order_id;
        done_since_ms_ = local_now_ms;
        screen_ = Screen::counter_done;
      } else {
        screen_ = Screen::orders;
      }
      link_->refresh(state_);
      return;
    }
    case Action::rush:
      link_->rush(intent.id);
      return;
    case Action::cart_hold:
      cart_.toggle_hold(intent.index);
      save_cart();
      return;
    case Action::fire_held: {
      std::vector<std::string> held;
      for (const core::Order& order : state_.orders) {
        if (order.order_id != intent.id) continue;
        for (const core::OrderLine& line : order.lines) {
          if (line.state == core::LineState::held) held.push_back(line.line_id);
        }
      }
      if (!held.empty()) link_->fire(std::move(held));
      return;
    }
    case Action::next_guest:
      reset_for_next_guest();
      return;
    case Action::party_step:
      party_choice_ = std::clamp(party_choice_ + intent.value, core::kMinPartySize, core::kMaxPartySize);
      return;
    case Action::party_start:
      party_size_ = party_choice_;
      party_settled_ = true;
      follow_table_session(local_now_ms);
      return;
    case Action::party_skip:
      party_size_.reset();
      party_settled_ = true;
      follow_table_session(local_now_ms);
      return;
    case Action::open_complaint:
      complaint_open_ = true;
      complaint_category_.reset();
      complaint_line_.reset();
      return;
    case Action::complaint_category:
      complaint_category_ = core::complaint_category_from_string(intent.id);
      return;
    case Action::complaint_line:
      if (complaint_line_ == intent.id) {
        complaint_line_.reset();
      } else {
        complaint_line_ = intent.id;
      }
      return;
    case Action::send_complaint:
      if (!complaint_category_) return;
      link_->complain(*complaint_category_, complaint_line_);
      complaint_open_ = false;
      return;
    case Action::close_complaint:
      complaint_open_ = false;
      return;
    case Action::survey_score:
    case Action::survey_skip: {
      const bool answered = intent.action == Action::survey_score;
      const int score = std::clamp(intent.value, core::kMinSurveyScore, core::kMaxSurveyScore);
      if (options_.mode == Mode::counter) {
        if (done_order_id_.empty()) return;
        if (answered) link_->submit_survey(score, done_order_id_);
        surveyed_order_ = done_order_id_;
      } else {
        if (answered) link_->submit_survey(score, std::nullopt);
        survey_done_ = true;
      }
      return;
    }
  }
}

void KioskApp::restore_refused(const LinkEvent& event, std::int64_t local_now_ms) {
  const auto placed = placed_lines_.find(event.order_id);
  if (event.sold_out_item.empty() || placed == placed_lines_.end()) {
    toasts_.push(words::format_word(Word::order_failed, language_, event.message), ui::ToastKind::error,
                 local_now_ms, 6000);
    return;
  }
  // Sold out since the diner chose it: the round comes back to the cart,
  // the dish marked there, in the diner's language.
  const core::MenuItem* item = state_.menu.find(event.sold_out_item);
  const std::string name = item != nullptr ? item->name.in(language_) : event.sold_out_item;
  toasts_.push(words::format_word(Word::sold_out_refused, language_, name), ui::ToastKind::error, local_now_ms, 8000);
  for (const core::LineRequest& line : placed->second) cart_.add(line.item, line.qty, line.note, line.hold);
  save_cart();
  placed_lines_.erase(placed);
  if (options_.mode == Mode::table || screen_ == Screen::counter_done) {
    screen_ = Screen::cart;
    done_order_id_.clear();
  }
}

void KioskApp::reset_for_next_guest() {
  screen_ = Screen::menu;
  language_ = options_.language;
  category_.clear();
  detail_item_.reset();
  confirming_ = false;
  done_order_id_.clear();
  surveyed_order_.clear();
  complaint_open_ = false;
  if (!cart_.empty()) {
    cart_.clear();
    save_cart();
  }
}

void KioskApp::save_cart() {
  if (options_.cart_file.empty() || cart_ == saved_cart_) return;
  auto saved = kiosk::save_cart(cart_, options_.cart_file);
  if (!saved) {
    // The cart still works in memory; only a restart would lose it.
    spdlog::warn("cart not saved: {}", saved.error());
    return;
  }
  saved_cart_ = cart_;
}

std::vector<std::string> display_strings(const core::Menu* menu) {
  std::vector<std::string> strings = words::all_words();
  for (const core::MenuGroup& allergen : core::known_allergens()) {
    strings.push_back(allergen.name.en);
    strings.push_back(allergen.name.zh);
  }
  if (menu == nullptr) return strings;
  for (const core::MenuGroup& group : menu->categories) {
    strings.push_back(group.name.en);
    strings.push_back(group.name.zh);
    for (const core::LocalText& note : group.notes) {
      strings.push_back(note.en);
      strings.push_back(note.zh);
    }
  }
  for (const core::MenuItem& item : menu->items) {
    for (const core::LocalText& note : item.notes.value_or(std::vector<core::LocalText>{})) {
      strings.push_back(note.en);
      strings.push_back(note.zh);
    }
    strings.push_back(item.name.en);
    strings.push_back(item.name.zh);
    if (item.description) {
      strings.push_back(item.description->en);
      strings.push_back(item.description->zh);
    }
  }
  return strings;
}

}  // namespace hourglass::kiosk
