#pragma once
// Every fixed word the screens show, in both languages, in one table: the
// tablet, the kitchen display and the manager console share it, so the same
// thing is said the same way everywhere and no screen keeps its own labels.
// Dish, category and station names come from the menu. Words with `{}` are
// fmt patterns (format_word fills them).

#include <fmt/format.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "shared/core/menu.hpp"

namespace hourglass::words {

using core::Language;

enum class Word : std::size_t {
  brand,
  table_label,  // "Table {}"
  counter_label,
  promise_free,     // "{} minutes, or it's free"
  promise_percent,  // "{} minutes, or pay {}%"
  promise_free_short,     // the badge when the header is full: "15 min or free"
  promise_percent_short,  // "15 min or pay 80%"
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
  note_quick,  // over the one-touch note chips
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
  pending_title,    // an order placed while offline: not yet with the kitchen
  pending_offline,  // "Will be sent when the tablet is back online"
  pending_clock,    // "The {} clock starts when the kitchen receives it"
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
  kds_title,
  kds_all_stations,
  kds_all_day,
  kds_next_up,
  kds_fire_now,
  kds_fire_in,
  kds_at_risk,
  kds_rush,
  kds_calm,
  kds_amber,
  kds_red,
  kds_kept,
  kds_serve_all,
  kds_queued,
  kds_cooking,
  kds_start,
  kds_ready,
  kds_serve,
  kds_recall,
  kds_mute,
  kds_unmute,
  kds_online,
  kds_offline,
  kds_connecting,
  kds_demo,
  kds_more_tickets,
  kds_page,
  kds_no_tickets,
  kds_new_ticket,
  kds_call_waiter,
  kds_breach_toast,
  kds_keys_hint,
  kds_stale,
  console_title,
  console_live,
  console_breaches,
  console_online,
  console_offline,
  console_demo,
  console_from,
  console_to,
  console_table,
  console_dish,
  console_policy,
  console_refresh,
  console_export_csv,
  console_export_to,
  console_orders,
  console_on_time,
  console_breach_count,
  console_late_dishes,
  console_compensation,
  console_col_time,
  console_col_ticket,
  console_col_late,
  console_col_worst,
  console_col_comp,
  console_per_dish,
  console_per_hour,
  console_no_breaches,
  console_comp,
  console_comp_reason,
  console_comp_confirm,
  console_cancel,
  console_close_table,
  console_close_confirm,
  console_discount,
  console_comped,
  console_open_orders,
  console_late_orders,
  console_no_open,
  console_kept_of,
  kitchen_state_queued,
  kitchen_state_cooking,
  kitchen_state_ready,
  kitchen_state_served,
  kitchen_state_cancelled,
  counter_table,   // the table of counter (kiosk) orders
  not_served,      // a late dish never served
  late_countdown,  // a late countdown on kitchen screens
  policy_free_unserved,
  policy_bill_percent,
  status_open,
  status_breached,
  console_as_of,
  console_loading,
  console_choose_file,
  console_exported,
  state_held,
  state_fired,
  sold_out,
  sold_out_refused,
  cart_sold_out,
  serve_later,
  serve_now,
  held_title,
  kitchen_busy,
  kitchen_state_held,
  kitchen_state_fired,
  kds_start_in,
  kds_projected_late,
  kds_fire_held,
  kds_held_lines,
  kds_sold_out,
  kds_back_on,
  kds_sold_out_title,
  kds_available,
  kds_expo_title,
  kds_expo_missing,
  kds_expo_at_pass,
  kds_expo_serve_order,
  kds_expo_serve_ready,
  kds_expo_none,
  kds_expo_all_ready,
  kds_expo_ready_count,
  kds_expo_summary,
  console_forecast,
  console_forecast_none,
  console_kitchen_wait,
  console_projected_breach,
  console_sold_out_tab,
  console_sold_out_hint,
  kds_past_saving,
  promise_per_minute,
  promise_per_minute_short,
  apology_accruing,
  party_title,
  party_guests,
  party_one_guest,
  party_start,
  skip,
  complain_button,
  complain_title,
  complaint_dish_quality,
  complaint_slow,
  complaint_wrong_or_missing,
  complaint_service,
  complaint_cleanliness,
  complaint_other,
  complain_about_dish,
  complain_send,
  cancel,
  complaint_sent,
  complaint_open,
  complaint_answered,
  resolution_remade,
  resolution_comped,
  resolution_apologized,
  resolution_other,
  survey_title,
  survey_scale,
  survey_thanks,
  kds_complaint,
  console_reports_tab,
  console_complaints_tab,
  console_open_complaints,
  staff_dish_quality,
  staff_slow,
  staff_wrong_or_missing,
  staff_service,
  staff_cleanliness,
  staff_other,
  staff_remade,
  staff_comped,
  staff_apologized,
  staff_resolved_other,
  console_resolve_note,
  console_waiting,
  console_answered_in,
  console_no_complaints,
  console_resolved_recently,
  report_nps,
  report_surveys,
  report_all_tables,
  report_nps_kept,
  report_nps_broken,
  report_nps_by_day,
  report_complaints,
  report_col_count,
  report_col_open,
  report_col_median,
  report_col_p90,
  report_speed,
  report_col_station,
  report_col_lines,
  report_col_prep,
  report_col_cook_p50,
  report_col_cook_p90,
  report_col_ready_p50,
  report_col_ready_p90,
  report_col_within_prep,
  report_on_time,
  report_by_hour,
  report_by_dish,
  report_col_day,
  report_col_promoters,
  report_col_detractors,
  report_export,
  report_no_data,
  kds_complaint_waiting,
  console_category_column,
  report_surveys_list,
  console_resolve,
  console_today,
  console_week,
  console_month,
  chain_tab,
  chain_all_stores,
  chain_stores,
  chain_col_store,
  chain_col_comps,
  chain_col_nps,
  chain_col_response,
  chain_col_days,
  chain_complaints_open,
  chain_as_of,
  chain_loading,
  chain_unreachable,
  chain_no_stores,
  chain_no_rows,
  count
};

// The text of `word` in `language` (UTF-8).
std::string_view word(Word word, Language language);
// The same text as a string, from a table built once (no allocation).
const std::string& text(Word word, Language language);
// `word` as an fmt pattern filled with `args`.
template <typename... Args>
std::string format_word(Word word, Language language, Args&&... args) {
  return fmt::format(fmt::runtime(hourglass::words::word(word, language)), std::forward<Args>(args)...);
}

// Words bound to one language: `const Words w(language); w(Word::tab_menu)`.
class Words {
 public:
  explicit Words(Language language) : language_(language) {}
  const std::string& operator()(Word word) const { return text(word, language_); }
  template <typename... Args>
  std::string format(Word word, Args&&... args) const {
    return format_word(word, language_, std::forward<Args>(args)...);
  }
  Language language() const { return language_; }

 private:
  Language language_;
};

// Every word in both languages: for the font atlas.
std::vector<std::string> all_words();
// "中文" when showing English, "English" when showing Chinese.
Language other_language(Language language);

}  // namespace hourglass::words
