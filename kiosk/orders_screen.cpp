// "My orders": every open round with its countdown.
#include <algorithm>
#include <cfloat>
#include <cmath>

#include "kiosk/screen_parts.hpp"

namespace hourglass::kiosk {

Intent draw_orders(const OrdersView& view, const ui::Theme& theme, const ScreenStyle& style) {
  auto [intent, origin, full, header_height, narrow] = begin_screen(view.header, theme, style);
  const float pad = theme.px(24);
  const float actions_h = theme.px(100);
  const float top = origin.y + header_height;

  ImGui::SetCursorScreenPos(ImVec2(origin.x, top));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(pad, pad));
  ImGui::BeginChild("##orders", ImVec2(full.x, full.y - header_height - actions_h), false,
                    ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_AlwaysUseWindowPadding);
  ImGui::PopStyleVar();
  touch_scroll();
  {
    const float w = ImGui::GetContentRegionAvail().x;
    if (view.apology_banner) {
      apology_banner(*view.apology_banner, theme, w);
      ImGui::Dummy(ImVec2(w, theme.px(4)));
    }
    if (!view.complaints.empty()) draw_complaint_statuses(view.complaints, theme, w);
    if (view.empty_text) {
      const ImVec2 p = ImGui::GetCursorScreenPos();
      card_background(p, ImVec2(w, theme.px(200)), theme, theme.surface);
      ui::draw_text_centered(FontSize::large, p, ImVec2(w, theme.px(200)), theme.text_muted, *view.empty_text);
      ImGui::Dummy(ImVec2(w, theme.px(200)));
    }
    // Masonry: each card goes to the shortest column, those on their way first.
    const float gap = theme.px(18);
    const std::size_t count = view.pending.size() + view.cards.size();
    const int columns = narrow ? 1 : std::min<int>(std::max<std::size_t>(count, 1), 2);
    const float col_w = std::floor((w - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns));
    const ImVec2 start = ImGui::GetCursorScreenPos();
    std::vector<float> bottoms(static_cast<std::size_t>(columns), start.y);
    for (const PendingCardView& card : view.pending) {
      const auto shortest = std::min_element(bottoms.begin(), bottoms.end());
      const auto col = static_cast<float>(shortest - bottoms.begin());
      *shortest += draw_pending_card(card, ImVec2(start.x + col * (col_w + gap), *shortest), col_w, theme) + gap;
      note_target("pending:" + card.order_id);
    }
    for (const OrderCardView& card : view.cards) {
      const auto shortest = std::min_element(bottoms.begin(), bottoms.end());
      const auto col = static_cast<float>(shortest - bottoms.begin());
      float height = 0.0f;
      keep(intent, draw_order_card(card, ImVec2(start.x + col * (col_w + gap), *shortest), col_w, theme, height, true));
      *shortest += height + gap;
    }
    ImGui::SetCursorScreenPos(start);
    ImGui::Dummy(ImVec2(w, *std::max_element(bottoms.begin(), bottoms.end()) - start.y));
  }
  ImGui::EndChild();

  // Actions along the bottom: the primary one is "add more dishes".
  const float by = origin.y + full.y - actions_h + theme.px(14);
  const float bh = actions_h - theme.px(28);
  const float bill_w = theme.px(narrow ? 180 : 220);
  const float waiter_w = theme.px(narrow ? 200 : 220);
  const float complain_w = view.complain.empty() ? 0.0f : theme.px(narrow ? 180 : 220);
  ButtonLook sec = secondary(theme, FontSize::large);
  sec.rounding = bh * 0.5f;
  if (button_at("##waiter2", ImVec2(origin.x + pad, by), ImVec2(waiter_w, bh), view.call_waiter, sec, theme)) {
    intent = simple(Action::call_waiter);
  }
  if (button_at("##bill", ImVec2(origin.x + pad + waiter_w + theme.px(14), by), ImVec2(bill_w, bh), view.view_bill, sec,
                theme)) {
    intent = go(Screen::bill);
  }
  note_target("bill");
  ButtonLook look = primary(theme, FontSize::large);
  look.rounding = bh * 0.5f;
  if (complain_w > 0 && button_at("##complain", ImVec2(origin.x + pad + waiter_w + bill_w + theme.px(28), by),
                                  ImVec2(complain_w, bh), view.complain, sec, theme)) {
    intent = simple(Action::open_complaint);
  }
  note_target("complain");
  const float add_x = origin.x + pad + waiter_w + bill_w + theme.px(28) + (complain_w > 0 ? complain_w + theme.px(14) : 0);
  if (button_at("##addmore", ImVec2(add_x, by), ImVec2(origin.x + full.x - pad - add_x, bh), view.add_more, look,
                theme)) {
    intent = go(Screen::menu);
  }
  note_target("add_more");
  return intent;
}

}  // namespace hourglass::kiosk
