#pragma once
// The kiosk app: the diner's session (screen, language, cart, open dish)
// plus the link to the kitchen. Each frame it pulls the state, builds the
// current screen's view-model, draws it and applies the one intent the
// diner expressed. Time is passed in.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/cart.hpp"
#include "kiosk/guest_voice_view.hpp"
#include "kiosk/kiosk_link.hpp"
#include "kiosk/kiosk_screens.hpp"
#include "kiosk/kiosk_state.hpp"
#include "kiosk/kiosk_view_model.hpp"
#include "shared/ui/theme.hpp"
#include "shared/ui/widgets.hpp"

namespace hourglass::kiosk {

struct AppOptions {
  Mode mode = Mode::table;
  Language language = Language::zh;  // the default; the counter returns to it
  int reset_seconds = 20;            // counter: end screen to next guest
  std::string cart_file;             // empty: the cart is not kept
  Screen start_screen = Screen::menu;
  std::string start_category;
  std::optional<std::string> start_detail;
  bool start_confirming = false;
};

class KioskApp {
 public:
  KioskApp(AppOptions options, std::unique_ptr<KioskLink> link, Cart cart);

  // One frame: inside a root window the caller has opened.
  void frame(const ui::Theme& theme, std::int64_t local_now_ms);

  // Applies an intent as if the diner had touched it (tests, demo set-up).
  void apply(const Intent& intent, std::int64_t local_now_ms);

  const KioskState& state() const { return state_; }
  const Cart& cart() const { return cart_; }
  const ui::ToastStack& toasts() const { return toasts_; }
  Screen screen() const { return screen_; }
  Language language() const { return language_; }
  std::int64_t server_now_ms(std::int64_t local_now_ms) const { return local_now_ms + state_.clock_offset_ms; }
  // Pulls state and events from the link (frame() does it too); true when
  // something on the screen changed.
  bool update(std::int64_t local_now_ms);
  // When the screen next changes by itself (local clock): a countdown's next
  // second, a toast's end. Nothing: only input or the kitchen changes it.
  std::optional<std::int64_t> next_frame_ms(std::int64_t local_now_ms) const;

 private:
  void save_cart();
  // A refused round: a sold-out dish puts it back in the cart, marked.
  void restore_refused(const LinkEvent& event, std::int64_t local_now_ms);
  void reset_for_next_guest();
  HeaderInputs header_inputs() const { return HeaderInputs{options_.mode, screen_}; }

  AppOptions options_;
  std::unique_ptr<KioskLink> link_;
  Cart cart_;
  Cart saved_cart_;
  KioskState state_;
  Screen screen_ = Screen::menu;
  Language language_ = Language::zh;
  std::string category_;
  std::optional<std::string> detail_item_;
  int detail_qty_ = 1;
  std::vector<std::size_t> detail_chips_;  // one-touch notes chosen in the detail
  NoteEdit note_;
  bool confirming_ = false;
  std::string done_order_id_;        // counter: the order on the end screen
  // What each round placed from this screen held, until the kitchen answers
  // (a refused one goes back to the cart).
  std::map<std::string, std::vector<core::LineRequest>> placed_lines_;
  std::int64_t done_since_ms_ = -1;  // local time the end screen opened (-1: at the next frame)
  ui::ToastStack toasts_;
  std::int64_t last_now_ms_ = 0;

  // v1.1 the guest's voice.
  // Whether the party-size panel waits for an answer: a table that starts.
  bool asks_party_size() const;
  // Keeps the table's session (party size, survey) in step with its bill and
  // state_.promise with the terms a round ordered now would get.
  void follow_table_session(std::int64_t local_now_ms);
  std::optional<int> party_size_;
  int party_choice_ = kDefaultPartySize;
  bool party_settled_ = false;  // chosen or skipped for this bill
  bool had_orders_ = false;
  bool complaint_open_ = false;
  std::optional<core::ComplaintCategory> complaint_category_;
  std::optional<std::string> complaint_line_;
  bool survey_done_ = false;     // table: answered or skipped for this bill
  std::string surveyed_order_;   // counter: the order answered or skipped
  std::string zone_in_use_;      // the store's zone this process reads local time in
};

// Every string the kiosk may show for `menu`: dish, category and allergen
// names and descriptions, plus the UI table. For the font atlas.
std::vector<std::string> display_strings(const core::Menu* menu);

}  // namespace hourglass::kiosk
