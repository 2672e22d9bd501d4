#pragma once
// The kiosk's view-models: pure functions of (state, cart, language, server
// time) to plain structs holding the exact text, tone and flags to draw.
// No ImGui here, so every word and threshold is unit-tested.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/cart.hpp"
#include "kiosk/kiosk_state.hpp"
#include "shared/core/order.hpp"
#include "shared/words/words.hpp"

namespace hourglass::kiosk {

using words::Word;

// Colour intent; the screens map it to the theme.
enum class Tone { neutral, muted, good, warn, danger, late, info };

enum class Screen { menu, cart, orders, bill, counter_done };

// ---- time and promise wording ----

// The countdown's tone: good above a third of the promise, warn from a third
// (5:00 of 15:00), danger from 2/15 (2:00 of 15:00), late below zero.
Tone countdown_tone(std::int64_t remaining_ms, std::int64_t total_ms);
// "07:42" while time remains; "late by 01:05" / "已超时 01:05" after.
std::string countdown_text(std::int64_t remaining_ms, Language language);
// "15 min" / "15分钟" (seconds when not whole minutes: "30 s").
std::string promise_duration(std::int64_t seconds, Language language);
// The promise as a badge: "Served in 15 min, or it's free".
std::string promise_badge(const core::PromiseTerms& terms, Language language);
// Its short form, for a full header: "15 min or free".
std::string promise_badge_short(const core::PromiseTerms& terms, Language language);
// "Sorry, we missed our 15-minute promise: ¥38.00 is on us".
std::string apology_text(std::int64_t promise_seconds, core::Fen compensation, Language language);
// A breached order's apology; while a per_late_minute compensation still
// grows, what it is at `server_now_ms` and how it grows.
std::string breach_apology(const core::Order& order, Language language, std::int64_t server_now_ms);
std::string line_state_text(core::LineState state, Language language);
Tone line_state_tone(core::LineState state);

// ---- header (every screen) ----

struct TabView {
  Screen screen = Screen::menu;
  std::string label;
  int badge = 0;  // open orders on "My orders", with those on their way
  bool selected = false;
};

struct HeaderView {
  std::string brand;
  std::string place;  // "Table 12" / "12号桌" / "Self-order"
  std::string promise;
  std::string promise_short;  // the badge when the header is full
  std::string language_button;
  std::string call_waiter;    // empty: not offered (counter mode)
  std::vector<TabView> tabs;  // empty in counter mode
  // The most urgent open order, for the header clock.
  std::optional<std::string> next_countdown;
  Tone next_tone = Tone::neutral;
  bool offline = false;
  std::string offline_text;
  std::string error_text;  // the server refused this device
};

struct HeaderInputs {
  Mode mode = Mode::table;
  Screen screen = Screen::menu;
};
HeaderView build_header_view(const KioskState& state, const HeaderInputs& inputs, Language language,
                             std::int64_t server_now_ms);

// ---- menu ----

struct CategoryTabView {
  std::string id;
  std::string label;
  std::uint32_t color = 0;  // 0xRRGGBB
  int in_cart = 0;
  bool selected = false;
};

struct DishView {
  std::string id;
  std::string name;        // in the current language
  std::string other_name;  // in the other language, smaller
  std::string initial;     // the first character of the Chinese name, for the tile
  std::string price;       // "¥38.00"
  std::string description;
  int spicy = 0;
  std::vector<std::string> allergens;  // labels in the current language
  std::string allergens_label;         // "Contains"
  bool promised = true;
  std::string outside_promise;  // "Not in the 15-minute promise" when !promised
  int qty_in_cart = 0;
  std::uint32_t tile_color = 0;
  bool sold_out = false;      // greyed: cannot be added
  std::string sold_out_text;  // "Sold out" / "已售罄"
};

struct CartBarView {
  int count = 0;
  std::string count_text;  // "3 items"
  std::string total;       // "¥104.00"
  std::string empty_text;
  std::string button;  // "Order"
  bool enabled = false;
  std::string kitchen_busy;  // "Kitchen busy: about 14 min", near or past the promise; else empty
};

// A one-touch note ("less spicy") in the dish detail.
struct NoteChipView {
  std::size_t index = 0;  // in the menu's list for this dish
  std::string label;      // in the current language; also what the kitchen reads
  bool selected = false;
  bool enabled = true;  // false: adding it would pass the 200-character note limit
};

struct DetailView {
  DishView dish;
  std::string note_label;
  std::string note_hint;
  std::string chips_label;         // "Tap to tell the kitchen"; empty: no chips
  std::vector<NoteChipView> chips;  // the menu's notes for this dish
  bool typed_note = true;           // a keyboard exists (table tablet); not at the counter
  int qty = 1;
  std::string add_button;  // "Add to cart  ¥76.00"
  std::string close;
};

struct MenuView {
  HeaderView header;
  std::vector<CategoryTabView> categories;
  std::string category_title;
  std::uint32_t category_color = 0;
  std::vector<DishView> dishes;  // the selected category's
  CartBarView cart_bar;
  std::optional<DetailView> detail;
};

struct MenuInputs {
  HeaderInputs header;
  std::string category;  // empty: the first
  std::optional<std::string> detail_item;
  int detail_qty = 1;
  std::vector<std::size_t> detail_chips;  // chosen one-touch notes, by index
  std::string detail_typed_note;
};

// The note a line carries: the chosen one-touch notes in the menu's order,
// then the typed text, joined by " · " ("less spicy · no coriander · for a child").
std::string compose_note(const std::vector<std::string>& chips, const std::string& typed);
// The note for `item` from the chosen chip indices (in `language`) and the
// typed text; chip indices the dish does not offer are ignored.
std::string detail_note(const core::Menu& menu, const std::string& item, const std::vector<std::size_t>& chips,
                        const std::string& typed, Language language);
MenuView build_menu_view(const KioskState& state, const Cart& cart, const MenuInputs& inputs, Language language,
                         std::int64_t server_now_ms);
// The colour of the category at `index` (a fixed warm palette).
std::uint32_t category_color(std::size_t index);

// ---- cart ----

struct CartLineView {
  std::size_t index = 0;
  std::string name;
  std::string other_name;
  std::string note;
  int qty = 0;
  std::string unit_price;
  std::string line_total;
  bool outside_promise = false;
  bool sold_out = false;      // sold out since it was chosen: remove it to order
  std::string sold_out_text;
  bool hold = false;          // "serve later": sent held
  std::string hold_label;
};

struct CartView {
  HeaderView header;
  std::string title;
  std::string subtitle;
  std::vector<CartLineView> lines;
  std::string empty_text;
  std::string count_text;
  std::string subtotal_label;
  std::string subtotal;
  std::string place_button;
  std::string keep_browsing;
  std::string remove;
  bool can_place = false;
  bool confirming = false;
  std::string confirm_title;
  std::string confirm_body;
  std::string confirm_yes;
  std::string confirm_back;
  std::string sending_text;  // non-empty while an order is unacknowledged
  std::string blocked_text;  // why the round cannot be placed (a sold-out dish); empty: it can
  std::string kitchen_busy;
};

CartView build_cart_view(const KioskState& state, const Cart& cart, const HeaderInputs& header, bool confirming,
                         Language language, std::int64_t server_now_ms);

// ---- the guest's voice (built in guest_voice_view) ----

struct ComplaintStatusView {
  std::int64_t complaint_id = 0;
  std::string text;  // "We are on it: Too slow · 02:10" / "Answered: we are making it again (…)"
  Tone tone = Tone::info;
};
struct SurveyView {
  std::string title;  // "How likely are you to recommend us to a friend?"
  std::string scale;  // "0 = not at all · 10 = certainly"
  std::string skip;
  std::string thanks;  // shown instead once answered or skipped
  bool done = false;
};
// ---- orders ----

struct OrderLineView {
  std::string qty;  // "2 ×"
  std::string name;
  std::string note;
  std::string state;
  Tone state_tone = Tone::neutral;
  bool late = false;
  bool free = false;
  std::string free_text;
};

struct OrderCardView {
  std::string order_id;
  std::string title;     // "Round 2"
  std::string ticket;    // "No. 41"
  std::string big_text;  // "07:42", "late by 01:05", "Promise kept"
  std::string caption;   // "left to serve everything", "All served in 08:12"
  Tone tone = Tone::good;
  std::int64_t remaining_ms = 0;  // for the bar (negative: late)
  std::int64_t total_ms = 1;
  bool late = false;
  bool done = false;  // every promised dish served (or cancelled)
  std::vector<OrderLineView> lines;
  bool can_rush = false;
  bool rushed = false;
  std::string rush_label;
  std::optional<std::string> apology;
  std::string subtotal;
  bool has_held = false;   // dishes to serve later: one touch fires them
  std::string serve_now;   // "Serve now"
};

// An order the kitchen does not have yet (placed offline, or on its way):
// no countdown, because the promise starts when the kitchen receives it.
struct PendingCardView {
  std::string order_id;
  std::string title;   // "Not yet with the kitchen"
  std::string status;  // offline: "sent as soon as the tablet is back online"; else "Sending…"
  std::string clock;   // "The 15-minute clock starts when the kitchen receives it"
  bool offline = false;
  std::vector<OrderLineView> lines;  // qty, name, note (no state yet)
  std::string subtotal;
};

struct OrdersView {
  HeaderView header;
  std::string title;
  // Only when there is nothing at all to show: no round and none on its way.
  std::optional<std::string> empty_text;
  std::optional<std::string> apology_banner;  // the latest breach's apology
  std::vector<PendingCardView> pending;       // newest first, above the cards
  std::vector<OrderCardView> cards;           // newest first
  std::string add_more;
  std::string call_waiter;
  std::string view_bill;
  std::string complain;                           // "Something wrong?"
  std::vector<ComplaintStatusView> complaints;    // this table's, newest first
};

OrderCardView build_order_card(const core::Order& order, int round, Language language, std::int64_t server_now_ms);
// The orders still on their way, newest first (one the kitchen already
// acknowledged is left out, whatever the outbox still says).
std::vector<PendingCardView> build_pending_cards(const KioskState& state, Language language);
OrdersView build_orders_view(const KioskState& state, const HeaderInputs& header, Language language,
                             std::int64_t server_now_ms);

// ---- bill ----

struct BillLineView {
  std::string qty;
  std::string name;
  std::string amount;
  bool free = false;
  std::string free_text;
};

struct BillOrderView {
  std::string title;  // "Round 1 · No. 39"
  std::vector<BillLineView> lines;
  std::string subtotal;
  std::optional<std::string> compensation;  // "−¥38.00"
};

struct BillView {
  HeaderView header;
  std::string title;
  std::vector<BillOrderView> orders;
  std::string subtotal_label;
  std::string subtotal;
  std::string compensation_label;
  std::optional<std::string> compensation;  // "−¥38.00" when any
  std::string comps_label;
  std::optional<std::string> comps;
  std::string total_label;
  std::string total;
  std::string hint;
  std::string call_waiter;
  std::optional<std::string> apology;
  std::optional<SurveyView> survey;  // set by the app: offered once per bill
};

BillView build_bill_view(const KioskState& state, const HeaderInputs& header, Language language,
                         std::int64_t server_now_ms);

// ---- counter: the end screen ----

struct CounterDoneView {
  HeaderView header;
  std::string pickup_title;
  std::string pickup_number;  // "41", or "…" while sending
  std::optional<OrderCardView> card;
  std::optional<PendingCardView> pending;  // the order is not with the kitchen yet
  std::string hint;
  std::string resets_in;
  std::string done_button;
  std::optional<SurveyView> survey;  // set by the app: offered once the order is with the kitchen
};

CounterDoneView build_counter_done_view(const KioskState& state, const std::string& order_id,
                                        std::int64_t seconds_to_reset, Language language, std::int64_t server_now_ms);

}  // namespace hourglass::kiosk
