#include "kitchen/kds/expo_draw.hpp"

#include <fmt/format.h>
#include <imgui.h>

#include <algorithm>

#include "kitchen/kds/kds_layout.hpp"
#include "kitchen/kds/kds_paint.hpp"
#include "shared/ui/widgets.hpp"
#include "shared/words/words.hpp"

namespace hourglass::kitchen {

using core::LineState;
using ui::FontSize;
using words::Word;

namespace {

float card_height(const ExpoTicket& t, const Metrics& m, const ui::Theme& theme) {
  float h = m.pad + m.large_h + m.gap * 0.5f + m.title_h + m.gap;
  h += static_cast<float>(t.ready.size()) * (m.body_h + theme.px(6.0f));
  if (!t.missing.empty()) {
    h += m.gap * 0.5f + m.small_h + theme.px(4.0f) + static_cast<float>(t.missing.size()) * (m.body_h + theme.px(6.0f));
  }
  return h + m.gap + m.button_h + m.pad;
}

// One order at the pass; its serve button's bumps go to `intents`.
void draw_card(ImDrawList* dl, const ExpoTicket& t, ImVec2 min, float width, float height, const Metrics& m,
               const words::Words& labels, const ui::Theme& theme, KdsIntents& intents) {
  const ImVec2 max(min.x + width, min.y + height);
  const ImVec4 ucolor = urgency_color(t.urgency, theme);
  ImVec4 background = t.complete ? ui::mix(theme.surface, theme.success, 0.10f) : theme.surface;
  dl->AddRectFilled(min, max, ui::to_u32(background), theme.rounding);
  dl->AddRectFilled(min, ImVec2(min.x + theme.px(8.0f), max.y), ui::to_u32(ucolor), theme.rounding,
                    ImDrawFlags_RoundCornersLeft);
  if (t.dying) dl->AddRect(min, max, ui::to_u32(theme.danger), theme.rounding, 0, theme.px(3.0f));
  const float x0 = min.x + theme.px(8.0f) + m.pad;
  const float x1 = max.x - m.pad;
  float y = min.y + m.pad;

  // Header: ticket, table; the promise's countdown on the right.
  const float tw = draw_text(dl, ImVec2(x0, y), FontSize::large, theme.text, t.ticket, 0.0f, true);
  const float cw = text_size(FontSize::body, t.countdown).x;
  draw_text(dl, ImVec2(x1 - cw, y + (m.large_h - m.body_h) * 0.5f), FontSize::body, ucolor, t.countdown, 0.0f, true);
  draw_text(dl, ImVec2(x0 + tw + m.gap, y + (m.large_h - m.body_h) * 0.5f), FontSize::body, theme.text_muted, t.table,
            x1 - cw - m.gap - (x0 + tw + m.gap));
  y += m.large_h + m.gap * 0.5f;

  // How long the food has waited under the lamp, and how much of it is there.
  const ImVec4 wait_color = t.dying ? theme.danger : t.waiting_ms > 60'000 ? theme.warning : theme.text;
  const ImVec4 progress_fill = t.complete ? theme.success : theme.surface_alt;
  const float pw = text_size(FontSize::small, t.progress).x + theme.px(16.0f);
  draw_chip(dl, ImVec2(x1 - pw, y + (m.title_h - m.small_h - theme.px(6.0f)) * 0.5f), FontSize::small, progress_fill,
            t.complete ? theme.on_primary : theme.text, t.progress, theme);
  if (!t.waiting.empty()) {
    const std::string& label = labels(Word::kds_expo_at_pass);
    const float lw = draw_text(dl, ImVec2(x0, y + m.title_h - m.small_h - theme.px(4.0f)), FontSize::small,
                               theme.text_muted, label, 0.0f);
    draw_text(dl, ImVec2(x0 + lw + m.gap * 0.5f, y), FontSize::title, wait_color, t.waiting, 0.0f, true);
  }
  y += m.title_h + m.gap;

  for (const ExpoLine& line : t.ready) {
    draw_text(dl, ImVec2(x0, y), FontSize::body, theme.success, "✓", 0.0f, true);
    draw_text(dl, ImVec2(x0 + theme.px(24.0f), y), FontSize::body, theme.text, line.name, x1 - x0 - theme.px(24.0f));
    y += m.body_h + theme.px(6.0f);
  }
  if (!t.missing.empty()) {
    y += m.gap * 0.5f;
    draw_text(dl, ImVec2(x0, y), FontSize::small, theme.warning, fmt::format("{} ({})", labels(Word::kds_expo_missing), t.missing.size()), 0.0f, true);
    y += m.small_h + theme.px(4.0f);
    for (const ExpoLine& line : t.missing) {
      const float sw = draw_chip(dl, ImVec2(x0, y), FontSize::small, state_color(line.state, theme), theme.text,
                                 line.state_word, theme, m.body_h);
      draw_text(dl, ImVec2(x0 + sw + m.gap, y), FontSize::body, theme.text_muted, line.name, x1 - x0 - sw - m.gap);
      y += m.body_h + theme.px(6.0f);
    }
  }
  y = max.y - m.pad - m.button_h;

  // One touch serves everything at the pass.
  ImGui::SetCursorScreenPos(ImVec2(x0, y));
  ImGui::PushID(t.order_id.c_str());
  const ImVec2 bsize(x1 - x0, m.button_h);
  const bool clicked = ImGui::InvisibleButton("serve", bsize);
  const bool hovered = ImGui::IsItemHovered();
  ImGui::PopID();
  const ImVec4 base = t.complete ? ui::mix(theme.success, ui::rgb(0x000000), 0.25f) : theme.primary;
  dl->AddRectFilled(ImVec2(x0, y), ImVec2(x1, y + bsize.y),
                    ui::to_u32(hovered ? ui::mix(base, ui::rgb(0xFFFFFF), 0.1f) : base), theme.rounding);
  const std::string label = "✓ " + t.serve_word;
  const float lw = text_size(FontSize::body, label).x;
  draw_text(dl, ImVec2(x0 + (bsize.x - lw) * 0.5f, y + (bsize.y - m.body_h) * 0.5f), FontSize::body,
            theme.on_primary, label, bsize.x, true);
  intents.buttons.push_back(ButtonHit{"serve:" + t.order_id, x0, y, x1, y + bsize.y});
  if (clicked) {
    for (const ExpoLine& line : t.ready) intents.bumps.push_back(KdsBump{line.line_id, LineState::served});
  }
}

}  // namespace

KdsIntents draw_expo(const ExpoView& view, const KdsStatus& status, const ui::Theme& theme) {
  KdsIntents intents;
  const words::Words labels(status.language);
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const ImGuiTextMeasure measure;
  const Metrics m = screen_metrics(status, measure, theme);
  ImDrawList* dl = ImGui::GetWindowDrawList();

  // ---- top bar: what the pass holds; language, sound, recall, clock ----
  const float y = m.pad;
  const float bar_h = theme.touch_height;
  TopBarButtons right(display.x - m.pad, y, theme);
  add_status_buttons(right, status, labels, theme, intents);
  float x = m.pad;
  x += draw_text(dl, ImVec2(x, y + (bar_h - m.large_h) * 0.5f), FontSize::large, theme.text,
                 labels(Word::kds_expo_title), 0.0f, true) +
       m.gap * 2.0f;
  const std::string summary = labels.format(Word::kds_expo_summary, view.tickets.size(), view.complete);
  x += draw_text(dl, ImVec2(x, y + (bar_h - m.body_h) * 0.5f), FontSize::body, theme.text_muted, summary,
                 right.left() - x - m.gap) +
       m.gap;
  draw_clock_and_connection(dl, status, right.left(), x, m, labels, theme);

  // ---- the orders at the pass, longest waiting first, in columns ----
  const float left = m.pad;
  const float width = display.x - 2.0f * m.pad;
  const float top = m.top_h;
  const float bottom = display.y - m.pad;
  if (view.tickets.empty()) {
    const ImVec2 extent = text_size(FontSize::title, labels(Word::kds_expo_none));
    draw_text(dl, ImVec2(left + (width - extent.x) * 0.5f, top + (bottom - top) * 0.4f), FontSize::title,
              theme.text_muted, labels(Word::kds_expo_none));
    return intents;
  }
  const int columns = std::max(1, static_cast<int>((width + m.gap) / (theme.px(300.0f) + m.gap)));
  const float col_w = (width - static_cast<float>(columns - 1) * m.gap) / static_cast<float>(columns);
  std::vector<float> column_y(static_cast<std::size_t>(columns), top);
  std::size_t shown = 0;
  for (const ExpoTicket& t : view.tickets) {
    const float h = card_height(t, m, theme);
    const auto column = std::min_element(column_y.begin(), column_y.end());
    // In order: a card that does not fit ends the screen, so the oldest
    // food is never pushed aside by a smaller newer card.
    if (*column + h > bottom && *column > top) break;
    const float cx = left + static_cast<float>(column - column_y.begin()) * (col_w + m.gap);
    draw_card(dl, t, ImVec2(cx, *column), col_w, h, m, labels, theme, intents);
    *column += h + m.gap;
    ++shown;
  }
  if (shown < view.tickets.size()) {
    const std::string more = fmt::format("+{} {}", view.tickets.size() - shown, labels(Word::kds_more_tickets));
    const ImVec2 extent = text_size(FontSize::body, more);
    const ImVec2 at(left + width - extent.x - m.pad, bottom - extent.y - m.pad);
    dl->AddRectFilled(ImVec2(at.x - m.gap, at.y - m.gap * 0.5f), ImVec2(left + width, bottom),
                      ui::to_u32(ui::with_alpha(theme.background, 0.92f)), theme.rounding);
    draw_text(dl, at, FontSize::body, theme.text, more, 0.0f, true);
  }
  return intents;
}

}  // namespace hourglass::kitchen
