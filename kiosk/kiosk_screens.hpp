#pragma once
// The kiosk's screens: ImGui drawing only. Each draw function takes a
// view-model built by kiosk_view_model and returns what the diner asked for
// (an Intent); the app applies it. No state is kept here (no static locals),
// no JSON, no network.

#include <imgui.h>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/guest_voice_view.hpp"
#include "kiosk/kiosk_view_model.hpp"
#include "shared/ui/theme.hpp"

namespace hourglass::kiosk {

enum class Action {
  none,
  switch_language,
  call_waiter,
  go,               // screen
  select_category,  // id
  open_detail,      // id
  close_detail,
  detail_qty,  // value = delta
  detail_add,
  toggle_note_chip,  // index: the one-touch note in the detail
  quick_add,     // id
  quick_remove,  // id
  cart_qty,      // index, value = delta
  cart_remove,   // index
  place_order,   // asks for confirmation
  confirm_order,
  cancel_confirm,
  rush,        // id = order_id
  cart_hold,   // index: serve later, or with the round
  fire_held,   // id = order_id: its held dishes now
  next_guest,  // counter: back to the start for the next diner
  // v1.1 the guest's voice
  party_step,          // value = delta
  party_start,         // the party size chosen
  party_skip,          // not said
  open_complaint,
  complaint_category,  // id = category name
  complaint_line,      // id = line_id (again: none)
  send_complaint,
  close_complaint,
  survey_score,  // value = 0-10
  survey_skip,
};

struct Intent {
  Action action = Action::none;
  std::string id;
  std::size_t index = 0;
  int value = 0;
  Screen screen = Screen::menu;

  explicit operator bool() const { return action != Action::none; }
};

// The note typed in the dish detail: ImGui edits a char buffer in place.
// 200 code points of up to 4 bytes, plus the terminator.
struct NoteEdit {
  std::array<char, 801> buffer{};
  std::string text() const { return std::string(buffer.data()); }
  void clear() { buffer.fill('\0'); }
};

// Where the touch targets were drawn in the last frame, by a stable key
// ("plus:gongbao", "order", "place", "yes", "tab:orders", "lang", ...).
// Recorded only when the DrawHooks in io.UserData name one: UI tests use it to
// click by name instead of by hard-coded pixels.
struct TouchTarget {
  std::string key;
  ImVec2 min;
  ImVec2 max;
};
struct TouchTargets {
  std::vector<TouchTarget> items;
  void clear() { items.clear(); }
  const TouchTarget* find(std::string_view key) const;
};

// The full-screen, chrome-less window the kiosk draws into. Like
// ui::RootWindow but without padding and without painting the background:
// the renderer already clears to theme.background, and on the software
// renderer a full-screen quad costs about a million blended pixels a frame.
class KioskRoot {
 public:
  explicit KioskRoot(const ui::Theme& theme);
  ~KioskRoot();
  KioskRoot(const KioskRoot&) = delete;
  KioskRoot& operator=(const KioskRoot&) = delete;
};

// What the caller lends the screens for one frame, through ImGui's
// io.UserData (may be null).
struct DrawHooks {
  TouchTargets* targets = nullptr;
};

// Layout knobs that differ between the table tablet and the counter kiosk.
struct ScreenStyle {
  bool counter = false;  // bigger buttons, no tabs
};

Intent draw_menu(const MenuView& view, NoteEdit& note, const ui::Theme& theme, const ScreenStyle& style);
Intent draw_cart(const CartView& view, const ui::Theme& theme, const ScreenStyle& style);
Intent draw_orders(const OrdersView& view, const ui::Theme& theme, const ScreenStyle& style);
Intent draw_bill(const BillView& view, const ui::Theme& theme, const ScreenStyle& style);
Intent draw_counter_done(const CounterDoneView& view, const ui::Theme& theme, const ScreenStyle& style);

// The guest's voice (guest_voice_screen.cpp): two panels over the screen,
// the complaints' answers inside "My orders", the survey strip.
Intent draw_party_panel(const PartyPanelView& view, const ui::Theme& theme);
Intent draw_complaint_form(const ComplaintFormView& view, const ui::Theme& theme);
// At the cursor, `width` wide; returns the height used.
float draw_complaint_statuses(const std::vector<ComplaintStatusView>& statuses, const ui::Theme& theme, float width);
Intent draw_survey(const SurveyView& view, ImVec2 pos, float width, const ui::Theme& theme, float& height);

// The theme colour for a tone.
ImVec4 tone_color(Tone tone, const ui::Theme& theme);

}  // namespace hourglass::kiosk
