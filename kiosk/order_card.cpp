// The order card and the apology banner: the orders, bill and counter end screens.
#include <algorithm>
#include <cfloat>
#include <cmath>

#include "kiosk/screen_parts.hpp"

namespace hourglass::kiosk {

namespace {

float state_pill(ImVec2 right_top, const OrderLineView& line, const ui::Theme& theme) {
  const ImVec4 tone = tone_color(line.state_tone, theme);
  const ImVec2 t = ui::measure_text(FontSize::small, line.state);
  const ImVec2 size(t.x + theme.px(22), t.y + theme.px(10));
  const ImVec2 pos(right_top.x - size.x, right_top.y);
  ui::fill_rect(pos, size, ui::with_alpha(tone, 0.14f), size.y * 0.5f);
  ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(pos.x + theme.px(10), pos.y + size.y * 0.5f), theme.px(3.5f),
                                              to_u32(tone), 12);
  ui::draw_text(FontSize::small, ImVec2(pos.x + theme.px(16), pos.y + theme.px(5)), ui::mix(tone, theme.text, 0.25f),
                line.state, true);
  return size.x;
}

}  // namespace

// An order card: countdown, bar, the dishes and their states. Returns the
// intent (rush) and the card's height through `height`.
Intent draw_order_card(const OrderCardView& card, ImVec2 pos, float width, const ui::Theme& theme, float& height,
                       bool show_rush) {
  Intent intent;
  ImGui::PushID(card.order_id.c_str());
  ImGui::SetCursorScreenPos(pos);
  ui::CardStyle style;
  style.width = width;
  style.stripe = tone_color(card.tone, theme);
  if (card.late) {
    style.border = theme.danger;
    style.border_thickness = 3.0f;
  }
  {
    ui::Card frame("##card", theme, style);
    const float inner = frame.content_width();
    const ImVec2 top = ImGui::GetCursorScreenPos();
    // Title row.
    const ImVec2 title = ui::draw_text(FontSize::large, top, theme.text, card.title, true);
    ui::draw_text(FontSize::body,
                  ImVec2(top.x + title.x + theme.px(14),
                         top.y + title.y - ui::measure_text(FontSize::body, card.ticket).y - theme.px(2)),
                  theme.text_muted, card.ticket);
    if (card.rushed) {
      const ImVec2 t = ui::measure_text(FontSize::small, card.rush_label);
      ui::draw_chip(ImVec2(top.x + inner - t.x - theme.px(16), top.y + theme.px(4)), card.rush_label,
                    ui::with_alpha(theme.warning, 0.2f), ui::mix(theme.warning, theme.text, 0.45f), theme);
    }
    ImGui::Dummy(ImVec2(inner, title.y));

    // The countdown, coloured by risk, over a bar that drains.
    ui::CountdownSpec spec;
    spec.text = card.big_text;
    spec.remaining_ms = card.remaining_ms;
    spec.total_ms = card.total_ms;
    spec.color = tone_color(card.tone, theme);
    spec.font = card.done && !card.late ? FontSize::title : FontSize::huge;
    spec.bar_height = 12.0f;
    ui::countdown(spec, theme);
    ui::text(card.caption, card.late ? theme.danger : theme.text_muted, FontSize::small);

    if (card.apology) {
      const ImVec2 p = ImGui::GetCursorScreenPos();
      const float wrap_w = inner - theme.px(28);
      const ImVec2 t = ui::measure_text(FontSize::body, *card.apology, wrap_w);
      const ImVec2 box(inner, t.y + theme.px(24));
      ui::fill_rect(p, box, ui::with_alpha(theme.danger, 0.1f), theme.rounding * 0.7f);
      ui::draw_text(FontSize::body, ImVec2(p.x + theme.px(14), p.y + theme.px(12)), theme.danger, *card.apology, true,
                    wrap_w);
      ImGui::Dummy(box);
    }

    // The dishes.
    for (std::size_t i = 0; i < card.lines.size(); ++i) {
      const OrderLineView& line = card.lines[i];
      const ImVec2 p = ImGui::GetCursorScreenPos();
      ui::fill_rect(p, ImVec2(inner, theme.px(1)), theme.border, 0.0f);
      const float row_y = p.y + theme.px(10);
      const ImVec2 q = ui::draw_text(FontSize::body, ImVec2(p.x, row_y), theme.text_muted, line.qty);
      const float name_x = p.x + std::max(q.x + theme.px(10), theme.px(52));
      const float pill_w = ui::measure_text(FontSize::small, line.state).x + theme.px(22);
      const float name_w = inner - (name_x - p.x) - pill_w - theme.px(80);
      const ImVec2 n = ui::draw_text(FontSize::body, ImVec2(name_x, row_y), line.late ? theme.danger : theme.text,
                                     line.name, false, name_w);
      float row_h = n.y;
      if (!line.note.empty()) {
        const ImVec2 nt = ui::draw_text(FontSize::small, ImVec2(name_x, row_y + n.y + theme.px(2)), theme.accent,
                                        "\"" + line.note + "\"", false, name_w);
        row_h += nt.y + theme.px(2);
      }
      const float used = state_pill(ImVec2(p.x + inner, row_y), line, theme);
      if (line.free) {
        ui::draw_chip(ImVec2(p.x + inner - used - theme.px(8) - ui::measure_text(FontSize::small, line.free_text).x -
                                 theme.px(16),
                             row_y),
                      line.free_text, theme.success, theme.on_primary, theme);
      }
      ImGui::Dummy(ImVec2(inner, row_h + theme.px(20)));
    }
    if (show_rush && card.can_rush) {
      const ImVec2 p = ImGui::GetCursorScreenPos();
      ButtonLook look{theme.warning, ui::mix(theme.warning, theme.text, 0.35f), ButtonKind::outlined, FontSize::body};
      const float w = ui::measure_text(FontSize::body, card.rush_label).x + theme.px(56);
      if (button_at("##rush", ImVec2(p.x + inner - w, p.y), ImVec2(w, theme.touch_height), card.rush_label, look,
                    theme)) {
        intent = simple(Action::rush, card.order_id);
      }
      note_target("rush:" + card.order_id);
      ImGui::SetCursorScreenPos(p);
      ImGui::Dummy(ImVec2(inner, theme.touch_height));
    }
    if (card.has_held) {
      // Hold and fire: one touch sends the dishes kept for later to the kitchen.
      const ImVec2 p = ImGui::GetCursorScreenPos();
      ButtonLook look = primary(theme, FontSize::body);
      const float w = ui::measure_text(FontSize::body, card.serve_now).x + theme.px(56);
      if (button_at("##fire", ImVec2(p.x + inner - w, p.y + theme.px(6)), ImVec2(w, theme.touch_height),
                    card.serve_now, look, theme)) {
        intent = simple(Action::fire_held, card.order_id);
      }
      note_target("fire:" + card.order_id);
      ImGui::SetCursorScreenPos(p);
      ImGui::Dummy(ImVec2(inner, theme.touch_height + theme.px(6)));
    }
  }
  height = ImGui::GetItemRectSize().y;
  ImGui::PopID();
  return intent;
}

float draw_pending_card(const PendingCardView& card, ImVec2 pos, float width, const ui::Theme& theme) {
  ImGui::PushID(card.order_id.c_str());
  ImGui::SetCursorScreenPos(pos);
  const ImVec4 tone = card.offline ? theme.warning : kiosk_colors(theme).info;
  ui::CardStyle style;
  style.width = width;
  style.stripe = tone;
  style.border = ui::with_alpha(tone, 0.6f);
  style.border_thickness = 2.0f;
  {
    ui::Card frame("##pending", theme, style);
    const float inner = frame.content_width();
    ui::text(card.title, theme.text, FontSize::large);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float wrap_w = inner - theme.px(28);
    const ImVec2 t = ui::measure_text(FontSize::body, card.status, wrap_w);
    const ImVec2 box(inner, t.y + theme.px(24));
    ui::fill_rect(p, box, ui::with_alpha(tone, 0.14f), theme.rounding * 0.7f);
    ui::draw_text(FontSize::body, ImVec2(p.x + theme.px(14), p.y + theme.px(12)), ui::mix(tone, theme.text, 0.45f),
                  card.status, true, wrap_w);
    ImGui::Dummy(box);
    const ImVec2 c = ImGui::GetCursorScreenPos();
    const ImVec2 clock = ui::draw_text(FontSize::small, ImVec2(c.x, c.y + theme.px(6)), theme.text_muted, card.clock,
                                       false, inner);
    ImGui::Dummy(ImVec2(inner, clock.y + theme.px(12)));
    for (const OrderLineView& line : card.lines) {
      const ImVec2 r = ImGui::GetCursorScreenPos();
      ui::fill_rect(r, ImVec2(inner, theme.px(1)), theme.border, 0.0f);
      const float row_y = r.y + theme.px(10);
      const ImVec2 q = ui::draw_text(FontSize::body, ImVec2(r.x, row_y), theme.text_muted, line.qty);
      const float name_x = r.x + std::max(q.x + theme.px(10), theme.px(52));
      const float name_w = inner - (name_x - r.x);
      const ImVec2 n = ui::draw_text(FontSize::body, ImVec2(name_x, row_y), theme.text, line.name, false, name_w);
      float row_h = n.y;
      if (!line.note.empty()) {
        const ImVec2 nt = ui::draw_text(FontSize::small, ImVec2(name_x, row_y + n.y + theme.px(2)), theme.accent,
                                        "\"" + line.note + "\"", false, name_w);
        row_h += nt.y + theme.px(2);
      }
      ImGui::Dummy(ImVec2(inner, row_h + theme.px(20)));
    }
    ui::text_right(card.subtotal, theme.text_muted);
  }
  const float height = ImGui::GetItemRectSize().y;
  ImGui::PopID();
  return height;
}

void apology_banner(const std::string& text, const ui::Theme& theme, float width) {
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float pad = theme.px(20);
  const float icon = theme.px(44);
  const float wrap_w = width - 3 * pad - icon;
  const ImVec2 t = ui::measure_text(FontSize::large, text, wrap_w);
  const ImVec2 box(width, std::max(t.y, icon) + 2 * pad);
  ui::fill_rect(p, box, theme.danger, theme.rounding);
  // An exclamation mark in a white circle.
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 c(p.x + pad + icon * 0.5f, p.y + box.y * 0.5f);
  draw->AddCircleFilled(c, icon * 0.5f, to_u32(theme.on_primary), 32);
  draw->AddLine(ImVec2(c.x, c.y - icon * 0.25f), ImVec2(c.x, c.y + icon * 0.08f), to_u32(theme.danger), theme.px(5));
  draw->AddCircleFilled(ImVec2(c.x, c.y + icon * 0.24f), theme.px(3), to_u32(theme.danger), 12);
  ui::draw_text(FontSize::large, ImVec2(p.x + 2 * pad + icon, p.y + (box.y - t.y) * 0.5f), theme.on_primary, text, true,
                wrap_w);
  ImGui::Dummy(box);
}

}  // namespace hourglass::kiosk
