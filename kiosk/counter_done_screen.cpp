// The counter kiosk's end screen: the pickup number and the order's card.
#include <algorithm>
#include <cfloat>
#include <cmath>

#include "kiosk/screen_parts.hpp"

namespace hourglass::kiosk {

Intent draw_counter_done(const CounterDoneView& view, const ui::Theme& theme, const ScreenStyle& style) {
  auto [intent, origin, full, header_height, narrow] = begin_screen(view.header, theme, style);
  const float pad = theme.px(32);
  const float top = origin.y + header_height + pad;
  const float body_h = full.y - header_height - 2 * pad;

  // Left (or top): the pickup number on a red ticket.
  const float ticket_w = narrow ? full.x - 2 * pad : (full.x - 3 * pad) * 0.42f;
  const float ticket_h = narrow ? body_h * 0.36f : body_h;
  const ImVec2 tp(origin.x + pad, top);
  card_background(tp, ImVec2(ticket_w, ticket_h), theme, theme.primary);
  const ImVec2 title = ui::measure_text(FontSize::large, view.pickup_title);
  ui::draw_text(FontSize::large, ImVec2(tp.x + (ticket_w - title.x) * 0.5f, tp.y + theme.px(28)),
                ui::with_alpha(theme.on_primary, 0.9f), view.pickup_title, true);
  {
    ImFont* big = ui::font(FontSize::huge);
    const float size = std::min(ticket_h * 0.5f, big->FontSize * 2.0f);
    const ImVec2 t = big->CalcTextSizeA(size, FLT_MAX, 0.0f, view.pickup_number.c_str());
    ImGui::GetWindowDrawList()->AddText(
        big, size, ImVec2(std::round(tp.x + (ticket_w - t.x) * 0.5f), std::round(tp.y + (ticket_h - t.y) * 0.5f)),
        to_u32(theme.on_primary), view.pickup_number.c_str());
  }
  const ImVec2 hint = ui::measure_text(FontSize::body, view.hint, ticket_w - theme.px(48));
  ui::draw_text(FontSize::body, ImVec2(tp.x + theme.px(24), tp.y + ticket_h - hint.y - theme.px(28)), theme.on_primary,
                view.hint, false, ticket_w - theme.px(48));

  // Right (or below): the order's live card, then "done".
  const float cx = narrow ? origin.x + pad : tp.x + ticket_w + pad;
  const float cy = narrow ? top + ticket_h + pad : top;
  const float cw = narrow ? full.x - 2 * pad : full.x - ticket_w - 3 * pad;
  if (view.card) {
    float height = 0.0f;
    keep(intent, draw_order_card(*view.card, ImVec2(cx, cy), cw, theme, height, false));
    if (view.survey) {
      float survey_h = 0.0f;
      keep(intent, draw_survey(*view.survey, ImVec2(cx, cy + height + theme.px(18)), cw, theme, survey_h));
    }
  } else if (view.pending) {
    draw_pending_card(*view.pending, ImVec2(cx, cy), cw, theme);
    note_target("pending:" + view.pending->order_id);
  }
  const float button_h = theme.px(84);
  const float by = origin.y + full.y - pad - button_h;
  ButtonLook look = primary(theme, FontSize::title);
  look.rounding = button_h * 0.5f;
  const ImVec2 rt = ui::measure_text(FontSize::body, view.resets_in);
  ui::draw_text(FontSize::body, ImVec2(cx + (cw - rt.x) * 0.5f, by - rt.y - theme.px(12)), theme.text_muted,
                view.resets_in);
  if (button_at("##done", ImVec2(cx, by), ImVec2(cw, button_h), view.done_button, look, theme)) {
    intent = simple(Action::next_guest);
  }
  note_target("done");
  (void)style;
  return intent;
}

}  // namespace hourglass::kiosk
