// The bill, with the compensation of a broken promise.
#include <algorithm>
#include <cfloat>
#include <cmath>

#include "kiosk/screen_parts.hpp"

namespace hourglass::kiosk {

Intent draw_bill(const BillView& view, const ui::Theme& theme, const ScreenStyle& style) {
  auto [intent, origin, full, header_height, narrow] = begin_screen(view.header, theme, style);
  const float pad = theme.px(24);
  const float top = origin.y + header_height;
  const float w = std::min(theme.px(860), full.x - 2 * pad);
  const float x = origin.x + (full.x - w) * 0.5f;

  ImGui::SetCursorScreenPos(ImVec2(x - pad, top));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(pad, pad));
  ImGui::BeginChild("##bill", ImVec2(w + 2 * pad, full.y - header_height), false,
                    ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_AlwaysUseWindowPadding);
  ImGui::PopStyleVar();
  touch_scroll();
  if (view.apology) {
    apology_banner(*view.apology, theme, w);
    ImGui::Dummy(ImVec2(w, theme.px(2)));
  }
  {
    ui::CardStyle card_style;
    card_style.width = w;
    ui::Card card("##billcard", theme, card_style);
    const float inner = card.content_width();
    ui::text_bold(view.title, theme.text, FontSize::title);
    ImGui::Dummy(ImVec2(inner, theme.px(4)));
    for (const BillOrderView& order : view.orders) {
      ui::text_bold(order.title, theme.text_muted, FontSize::body);
      for (const BillLineView& line : order.lines) {
        const ImVec2 p = ImGui::GetCursorScreenPos();
        ui::draw_text(FontSize::body, p, theme.text_muted, line.qty);
        ui::draw_text(FontSize::body, ImVec2(p.x + theme.px(56), p.y), theme.text, line.name);
        const ImVec2 t = ui::measure_text(FontSize::body, line.amount);
        ui::draw_text(FontSize::body, ImVec2(p.x + inner - t.x, p.y), line.free ? theme.text_muted : theme.text,
                      line.amount);
        if (line.free) {
          ImGui::GetWindowDrawList()->AddLine(ImVec2(p.x + inner - t.x, p.y + t.y * 0.55f),
                                              ImVec2(p.x + inner, p.y + t.y * 0.55f), to_u32(theme.text_muted),
                                              theme.px(1.5f));
          ui::draw_chip(
              ImVec2(p.x + inner - t.x - ui::measure_text(FontSize::small, line.free_text).x - theme.px(28), p.y),
              line.free_text, theme.success, theme.on_primary, theme);
        }
        ImGui::Dummy(ImVec2(inner, t.y + theme.px(4)));
      }
      if (order.compensation) {
        const ImVec2 p = ImGui::GetCursorScreenPos();
        ui::draw_text(FontSize::body, ImVec2(p.x + theme.px(56), p.y), theme.success, view.compensation_label);
        const ImVec2 t = ui::measure_text(FontSize::body, *order.compensation);
        ui::draw_text(FontSize::body, ImVec2(p.x + inner - t.x, p.y), theme.success, *order.compensation, true);
        ImGui::Dummy(ImVec2(inner, t.y + theme.px(4)));
      }
      const ImVec2 p = ImGui::GetCursorScreenPos();
      ui::fill_rect(ImVec2(p.x, p.y + theme.px(4)), ImVec2(inner, theme.px(1)), theme.border, 0.0f);
      ImGui::Dummy(ImVec2(inner, theme.px(12)));
    }
    auto total_row = [&](const std::string& label, const std::string& value, ImVec4 color, FontSize font, bool bold) {
      const ImVec2 p = ImGui::GetCursorScreenPos();
      const ImVec2 t = ui::measure_text(font, value);
      ui::draw_text(font, ImVec2(p.x, p.y + (t.y - ui::measure_text(font, label).y)), color, label, bold);
      ui::draw_text(font, ImVec2(p.x + inner - t.x, p.y), color, value, bold);
      ImGui::Dummy(ImVec2(inner, t.y + theme.px(4)));
    };
    total_row(view.subtotal_label, view.subtotal, theme.text, FontSize::body, false);
    if (view.compensation) total_row(view.compensation_label, *view.compensation, theme.success, FontSize::body, true);
    if (view.comps) total_row(view.comps_label, *view.comps, theme.success, FontSize::body, true);
    total_row(view.total_label, view.total, theme.primary, FontSize::title, true);
    ui::text(view.hint, theme.text_muted, FontSize::small);
    ImGui::Dummy(ImVec2(inner, theme.px(8)));
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ButtonLook look = primary(theme, FontSize::large);
    look.rounding = theme.px(32);
    if (button_at("##billwaiter", p, ImVec2(inner, theme.px(64)), view.call_waiter, look, theme)) {
      intent = simple(Action::call_waiter);
    }
    ImGui::SetCursorScreenPos(p);
    ImGui::Dummy(ImVec2(inner, theme.px(64)));
    if (view.survey) {
      ImGui::Dummy(ImVec2(inner, theme.px(12)));
      const ImVec2 at = ImGui::GetCursorScreenPos();
      float height = 0.0f;
      keep(intent, draw_survey(*view.survey, at, inner, theme, height));
      ImGui::SetCursorScreenPos(at);
      ImGui::Dummy(ImVec2(inner, height));
    }
  }
  ImGui::EndChild();
  return intent;
}

}  // namespace hourglass::kiosk
