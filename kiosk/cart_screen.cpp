// The cart and its confirm step.
#include <algorithm>
#include <cfloat>
#include <cmath>

#include "kiosk/screen_parts.hpp"

namespace hourglass::kiosk {

Intent draw_cart(const CartView& view, const ui::Theme& theme, const ScreenStyle& style) {
  auto [intent, origin, full, header_height, narrow] = begin_screen(view.header, theme, style);
  const float pad = theme.px(24);
  const float top = origin.y + header_height;
  const float summary_w = narrow ? full.x - 2 * pad : theme.px(400);
  const float summary_h = theme.px(view.confirming ? 400 : 380);
  const ImVec2 list_pos(origin.x + pad, top + pad);
  const ImVec2 list_size(narrow ? full.x - 2 * pad : full.x - summary_w - 3 * pad,
                         narrow ? full.y - header_height - summary_h - 3 * pad : full.y - header_height - 2 * pad);

  // The lines.
  ImGui::SetCursorScreenPos(list_pos);
  ImGui::BeginChild("##cartlines", list_size, false, ImGuiWindowFlags_NoBackground);
  touch_scroll();
  {
    const float w = ImGui::GetContentRegionAvail().x;
    const ImVec2 start = ImGui::GetCursorScreenPos();
    const ImVec2 title = ui::draw_text(FontSize::title, start, theme.text, view.title, true);
    ui::draw_text(FontSize::body,
                  ImVec2(start.x + title.x + theme.px(16),
                         start.y + title.y - ui::measure_text(FontSize::body, view.count_text).y - theme.px(3)),
                  theme.text_muted, view.count_text);
    ImGui::Dummy(ImVec2(w, title.y + theme.px(10)));
    if (view.lines.empty()) {
      const ImVec2 p = ImGui::GetCursorScreenPos();
      card_background(p, ImVec2(w, theme.px(160)), theme, theme.surface);
      ui::draw_text_centered(FontSize::large, p, ImVec2(w, theme.px(160)), theme.text_muted, view.empty_text);
      ImGui::Dummy(ImVec2(w, theme.px(160)));
    }
    const float row_h = theme.px(104);
    for (const CartLineView& line : view.lines) {
      ImGui::PushID(static_cast<int>(line.index));
      const ImVec2 p = ImGui::GetCursorScreenPos();
      card_background(p, ImVec2(w, row_h), theme, theme.surface);
      const float ip = theme.px(18);
      const float r = theme.px(26);
      const float total_w = theme.px(130);
      const float controls_w = 2 * r + theme.px(56) + 2 * r;
      const float hold_w = line.hold_label.empty() ? 0.0f : theme.px(150);
      const float text_w = w - 2 * ip - total_w - controls_w - theme.px(20) - (hold_w > 0 ? hold_w + theme.px(12) : 0);
      const float block_h =
          ui::measure_text(FontSize::body, line.name, text_w).y + ui::measure_text(FontSize::small, line.other_name).y +
          (line.note.empty() ? 0.0f : ui::measure_text(FontSize::small, line.note).y + theme.px(4)) + theme.px(6);
      float y = p.y + std::max(theme.px(8), (row_h - block_h) * 0.5f);
      y += ui::draw_text(FontSize::body, ImVec2(p.x + ip, y), theme.text, line.name, true, text_w).y;
      if (line.sold_out) {
        y += ui::draw_text(FontSize::small, ImVec2(p.x + ip, y + theme.px(2)), theme.danger, line.sold_out_text, true,
                           text_w)
                 .y +
             theme.px(4);
      } else {
        const std::string second = line.other_name + "   " + line.unit_price;
        y += ui::draw_text(FontSize::small, ImVec2(p.x + ip, y + theme.px(2)), theme.text_muted, second).y +
             theme.px(4);
      }
      if (!line.note.empty())
        ui::draw_text(FontSize::small, ImVec2(p.x + ip, y), theme.accent, "\"" + line.note + "\"");

      const float cy = p.y + row_h * 0.5f;
      const float total_x = p.x + w - ip - total_w;
      const ImVec2 plus(total_x - theme.px(16) - r, cy);
      const ImVec2 minus(plus.x - r - theme.px(56) - r, cy);
      if (round_button("##minus", minus, r, "-", false, theme)) intent = Intent{Action::cart_qty, {}, line.index, -1};
      ui::draw_text_centered(FontSize::large, ImVec2(minus.x + r, cy - r), ImVec2(theme.px(56), 2 * r), theme.text,
                             std::to_string(line.qty), true);
      if (round_button("##plus", plus, r, "+", true, theme)) intent = Intent{Action::cart_qty, {}, line.index, 1};
      if (hold_w > 0) {
        // Hold and fire: this dish waits until the table says "serve now".
        ButtonLook hold = line.hold ? primary(theme, FontSize::small) : secondary(theme, FontSize::small);
        hold.rounding = theme.px(22);
        const ImVec2 hp(minus.x - r - theme.px(12) - hold_w, cy - theme.px(22));
        const std::string label = (line.hold ? "✓ " : "") + line.hold_label;
        if (button_at("##hold", hp, ImVec2(hold_w, theme.px(44)), label, hold, theme)) {
          intent = Intent{Action::cart_hold, {}, line.index, 0};
        }
        note_target("hold:" + std::to_string(line.index));
      }
      const ImVec2 t = ui::measure_text(FontSize::large, line.line_total);
      ui::draw_text(FontSize::large, ImVec2(p.x + w - ip - t.x, cy - t.y * 0.5f), theme.text, line.line_total, true);
      ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + row_h + theme.px(12)));
      ImGui::Dummy(ImVec2(w, 0));
      ImGui::PopID();
    }
  }
  ImGui::EndChild();

  // The summary and the primary action.
  const ImVec2 sp = narrow ? ImVec2(origin.x + pad, origin.y + full.y - summary_h - pad)
                           : ImVec2(origin.x + full.x - summary_w - pad, top + pad);
  card_background(sp, ImVec2(summary_w, summary_h), theme, theme.surface);
  const float ip = theme.px(24);
  const float inner = summary_w - 2 * ip;
  float y = sp.y + ip;
  const float button_h = theme.px(style.counter ? 84 : 72);
  if (!view.confirming) {
    ui::draw_text(FontSize::body, ImVec2(sp.x + ip, y), theme.text_muted, view.subtitle, false, inner);
    y += ui::measure_text(FontSize::body, view.subtitle, inner).y + theme.px(18);
    ui::draw_text(FontSize::large, ImVec2(sp.x + ip, y + theme.px(6)), theme.text, view.subtotal_label);
    const ImVec2 t = ui::measure_text(FontSize::title, view.subtotal);
    ui::draw_text(FontSize::title, ImVec2(sp.x + ip + inner - t.x, y), theme.primary, view.subtotal, true);
    y += t.y + theme.px(12);
    const KioskColors colors = kiosk_colors(theme);
    const ImVec2 bt = ui::measure_text(FontSize::small, view.header.promise);
    ui::fill_rect(ImVec2(sp.x + ip, y), ImVec2(bt.x + theme.px(24), bt.y + theme.px(12)), colors.badge_bg,
                  theme.px(14));
    ui::draw_text(FontSize::small, ImVec2(sp.x + ip + theme.px(12), y + theme.px(6)), theme.primary,
                  view.header.promise, true);
    const float note_y = y + bt.y + theme.px(20);
    if (!view.blocked_text.empty()) {
      ui::draw_text(FontSize::small, ImVec2(sp.x + ip, note_y), theme.danger, view.blocked_text, true, inner);
    } else if (!view.sending_text.empty()) {
      ui::draw_text(FontSize::small, ImVec2(sp.x + ip, note_y), kiosk_colors(theme).info, view.sending_text);
    } else if (!view.kitchen_busy.empty()) {
      ui::draw_text(FontSize::small, ImVec2(sp.x + ip, note_y), theme.warning, "⏳ " + view.kitchen_busy, true, inner);
    }
    const float by = sp.y + summary_h - ip - button_h * 2 - theme.px(12);
    ButtonLook look = primary(theme, FontSize::large);
    look.enabled = view.can_place;
    look.rounding = button_h * 0.5f;
    if (button_at("##place", ImVec2(sp.x + ip, by), ImVec2(inner, button_h), view.place_button, look, theme)) {
      intent = simple(Action::place_order);
    }
    note_target("place");
    ButtonLook back = secondary(theme, FontSize::large);
    back.rounding = button_h * 0.5f;
    if (button_at("##more", ImVec2(sp.x + ip, by + button_h + theme.px(12)), ImVec2(inner, button_h),
                  view.keep_browsing, back, theme)) {
      intent = go(Screen::menu);
    }
    note_target("keep_browsing");
  } else {
    // The confirm step: what will happen, then yes or back.
    ui::fill_rect(ImVec2(sp.x, sp.y), ImVec2(summary_w, theme.px(8)), theme.primary, theme.rounding,
                  ImDrawFlags_RoundCornersTop);
    y += theme.px(6);
    y += ui::draw_text(FontSize::title, ImVec2(sp.x + ip, y), theme.text, view.confirm_title, true, inner).y +
         theme.px(14);
    ui::draw_text(FontSize::body, ImVec2(sp.x + ip, y), theme.text, view.confirm_body, false, inner);
    const float by = sp.y + summary_h - ip - button_h * 2 - theme.px(12);
    ButtonLook look = primary(theme, FontSize::large);
    look.rounding = button_h * 0.5f;
    if (button_at("##yes", ImVec2(sp.x + ip, by), ImVec2(inner, button_h), view.confirm_yes, look, theme)) {
      intent = simple(Action::confirm_order);
    }
    note_target("yes");
    ButtonLook back{theme.text_muted, theme.text, ButtonKind::outlined, FontSize::large};
    back.rounding = button_h * 0.5f;
    if (button_at("##back", ImVec2(sp.x + ip, by + button_h + theme.px(12)), ImVec2(inner, button_h), view.confirm_back,
                  back, theme)) {
      intent = simple(Action::cancel_confirm);
    }
    note_target("back");
  }
  return intent;
}

}  // namespace hourglass::kiosk
