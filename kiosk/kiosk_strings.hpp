#pragma once
// Every string the kiosk shows, in both languages, in one table. Dish and
// category names come from the menu; everything else is here. Strings with
// `{}` are fmt patterns filled by the view-model.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "shared/core/menu.hpp"

namespace hourglass::kiosk {

using core::Language;

enum class Str : std::size_t {
  brand,
  table_label,  // "Table {}"
  counter_label,
  promise_free,     // "{} minutes, or it's free"
  promise_percent,  // "{} minutes, or pay {}%"
  language_other,   // the button that switches: "中文" on English screens
  tab_menu,
  tab_orders,
  tab_bill,
  call_waiter,
  waiter_called,
  not_in_promise,  // "Not in the {}-min promise"
  spicy,
  add,
  cart_empty,
  cart_items,  // "{} items"
  view_cart,
  order_button,
  cart_title,
  cart_subtitle,
  note_label,
  note_hint,
  subtotal,
  place_order,
  confirm_title,
  confirm_body,  // "{} dishes, {}. Your {}-minute clock starts when the kitchen accepts."
  confirm_yes,
  confirm_back,
  keep_browsing,
  remove,
  detail_add,  // "Add to cart · {}"
  detail_close,
  allergens,
  orders_title,
  no_orders,
  round_label,   // "Round {}"
  ticket_label,  // "No. {}"
  time_left,
  late_by,    // "late by {}"
  served_in,  // "All served in {}"
  kept,
  rush,
  rushed,
  add_more,
  view_bill,
  sending,
  state_queued,
  state_cooking,
  state_ready,
  state_served,
  state_cancelled,
  free_line,
  apology,  // "Sorry, we missed our {} promise: {} is on us"
  apology_short,
  bill_title,
  bill_compensation,
  bill_comp,
  bill_total,
  bill_pay_hint,
  offline,  // "Offline — reconnecting… your cart is safe"
  connecting,
  counter_welcome,
  counter_start,
  pickup_title,
  pickup_hint,
  new_order,
  resets_in,      // "Next guest in {} s"
  minutes_short,  // "{} min"
  seconds_short,  // "{} s"
  order_failed,
  qty_times,    // "{} ×"
  minutes_adj,  // "{}-minute" (the apology)
  seconds_adj,
  late_short,
  each,
  count
};

// The text of `id` in `language` (UTF-8).
std::string_view tr(Str id, Language language);
// Every UI string in both languages: for the font atlas.
std::vector<std::string> all_ui_strings();
// "中文" when showing English, "English" when showing Chinese.
Language other_language(Language language);

}  // namespace hourglass::kiosk
