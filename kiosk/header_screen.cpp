// The header: brand, table, promise badge, the most urgent clock, tabs, language.
#include <algorithm>
#include <cfloat>
#include <cmath>

#include "kiosk/header_layout.hpp"
#include "kiosk/screen_parts.hpp"

namespace hourglass::kiosk {

HeaderResult draw_header(const HeaderView& view, const ui::Theme& theme, const ScreenStyle& style) {
  HeaderResult result;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const ImVec2 origin = viewport->WorkPos;
  const float width = viewport->WorkSize.x;
  const bool narrow = narrow_layout(theme);
  const float row = theme.px(style.counter ? 88 : 76);
  const float height = narrow && !view.tabs.empty() ? row * 2 - theme.px(10) : row;
  const float pad = theme.px(20);
  const KioskColors colors = kiosk_colors(theme);

  ui::fill_rect(origin, ImVec2(width, height), theme.surface, 0.0f);
  ui::fill_rect(ImVec2(origin.x, origin.y + height - theme.px(1)), ImVec2(width, theme.px(1)), theme.border, 0.0f);

  // Left: seal, brand, table. Measured now, drawn once the row's fit is known.
  const float seal = theme.px(48);
  hourglass_seal(ImVec2(origin.x + pad, origin.y + (row - seal) * 0.5f), seal, theme);
  const float left_x = origin.x + pad + seal + theme.px(14);
  const ImVec2 brand = ui::measure_text(FontSize::large, view.brand);
  const float brand_w = brand.x + theme.px(16);
  ImVec2 place_size(0.0f, theme.px(40));
  if (!view.place.empty()) place_size.x = ui::measure_text(FontSize::body, view.place).x + theme.px(24);
  const float place_w = view.place.empty() ? 0.0f : place_size.x + theme.px(16);

  // Right, from the edge inwards: language, call waiter, tabs.
  float right = origin.x + width - pad;
  const float button_h = theme.px(style.counter ? 60 : 52);
  const float button_y = origin.y + (row - button_h) * 0.5f;
  {
    const float w = ui::measure_text(FontSize::body, view.language_button).x + theme.px(40);
    right -= w;
    ButtonLook look{theme.text, theme.text, ButtonKind::outlined, FontSize::body};
    look.rounding = button_h * 0.5f;
    if (button_at("##lang", ImVec2(right, button_y), ImVec2(w, button_h), view.language_button, look, theme)) {
      result.intent = simple(Action::switch_language);
    }
    note_target("lang");
    right -= theme.px(12);
  }
  if (!view.call_waiter.empty()) {
    const float w = ui::measure_text(FontSize::body, view.call_waiter).x + theme.px(40);
    right -= w;
    ButtonLook look = secondary(theme);
    look.rounding = button_h * 0.5f;
    if (button_at("##waiter", ImVec2(right, button_y), ImVec2(w, button_h), view.call_waiter, look, theme)) {
      keep(result.intent, simple(Action::call_waiter));
    }
    note_target("waiter");
    right -= theme.px(16);
  }

  // Tabs: a segmented control; on a narrow screen on the second row.
  float tabs_x = origin.x + width - pad;
  if (!view.tabs.empty()) {
    float tabs_w = 0.0f;
    for (const TabView& tab : view.tabs) tabs_w += ui::measure_text(FontSize::body, tab.label).x + theme.px(44);
    const float tabs_y = narrow ? origin.y + row - theme.px(10) + (row - theme.px(10) - button_h) * 0.5f : button_y;
    float tx = narrow ? origin.x + width - pad - tabs_w : right - tabs_w;
    ui::fill_rect(ImVec2(tx - theme.px(4), tabs_y - theme.px(4)), ImVec2(tabs_w + theme.px(8), button_h + theme.px(8)),
                  theme.surface_alt, (button_h + theme.px(8)) * 0.5f);
    for (const TabView& tab : view.tabs) {
      const float w = ui::measure_text(FontSize::body, tab.label).x + theme.px(44);
      ButtonLook look{tab.selected ? theme.primary : theme.surface_alt, tab.selected ? theme.on_primary : theme.text,
                      tab.selected ? ButtonKind::filled : ButtonKind::ghost, FontSize::body};
      look.rounding = button_h * 0.5f;
      ImGui::PushID(static_cast<int>(tab.screen));
      if (button_at("##tab", ImVec2(tx, tabs_y), ImVec2(w, button_h), tab.label, look, theme)) {
        keep(result.intent, go(tab.screen));
      }
      note_target(std::string("tab:") + (tab.screen == Screen::menu     ? "menu"
                                         : tab.screen == Screen::orders ? "orders"
                                                                        : "bill"));
      ImGui::PopID();
      if (tab.badge > 0) {
        const std::string badge = std::to_string(tab.badge);
        const float r = theme.px(12);
        const ImVec2 c(tx + w - r * 0.6f, tabs_y + r * 0.3f);
        ImGui::GetWindowDrawList()->AddCircleFilled(c, r, to_u32(theme.accent), 24);
        ui::draw_text_centered(FontSize::small, ImVec2(c.x - r, c.y - r), ImVec2(2 * r, 2 * r), theme.on_primary, badge,
                               true);
      }
      tx += w;
    }
    if (!narrow) right = tx - tabs_w - theme.px(16);
    tabs_x = tx - tabs_w;
  }

  // The promise badge and the most urgent clock, between the brand and the
  // buttons; on a narrow screen, on the second row left of the tabs.
  const bool second_row = narrow && !view.tabs.empty();
  const ImVec2 promise_t = ui::measure_text(FontSize::body, view.promise);
  const ImVec2 short_t = ui::measure_text(FontSize::body, view.promise_short);
  const float badge_h = theme.px(44);
  HeaderItems items;
  items.gap = theme.px(12);
  items.promise_full = view.promise.empty() ? 0.0f : promise_t.x + theme.px(28);
  items.promise_short = view.promise_short.empty() ? 0.0f : short_t.x + theme.px(28);
  std::string countdown;
  if (view.next_countdown) {
    countdown = *view.next_countdown;
    items.countdown = ui::measure_text(FontSize::large, countdown).x + theme.px(28);
  }
  if (second_row) {
    items.space = tabs_x - theme.px(16) - (origin.x + pad);
  } else {
    items.brand = brand_w;
    items.space = right - left_x - place_w;
  }
  const HeaderFit fit = fit_header(items);

  float x = left_x;
  if (second_row || fit.brand) {
    ui::draw_text(FontSize::large, ImVec2(x, origin.y + (row - brand.y) * 0.5f), theme.text, view.brand, true);
    x += brand_w;
  }
  if (!view.place.empty()) {
    const ImVec2 pos(x, origin.y + (row - place_size.y) * 0.5f);
    ui::fill_rect(pos, place_size, theme.surface_alt, place_size.y * 0.5f);
    ui::draw_text_centered(FontSize::body, pos, place_size, theme.text, view.place, true);
    x += place_w;
  }
  {
    const float by = second_row ? origin.y + row - theme.px(10) : origin.y;
    const float bh = second_row ? row - theme.px(10) : row;
    float bx = second_row ? origin.x + pad : x;
    if (fit.promise != PromiseForm::none) {
      const bool full = fit.promise == PromiseForm::full;
      const std::string& label = full ? view.promise : view.promise_short;
      const ImVec2 size(full ? items.promise_full : items.promise_short, badge_h);
      const ImVec2 pos(bx, by + (bh - size.y) * 0.5f);
      ui::fill_rect(pos, size, colors.badge_bg, size.y * 0.5f);
      ui::draw_text_centered(FontSize::body, pos, size, theme.primary, label, true);
      bx += size.x + items.gap;
    }
    if (fit.countdown) {
      const ImVec4 tone = tone_color(view.next_tone, theme);
      const ImVec2 size(items.countdown, badge_h);
      const ImVec2 pos(bx, by + (bh - size.y) * 0.5f);
      ui::fill_rect(pos, size, ui::with_alpha(tone, 0.12f), size.y * 0.5f);
      ui::draw_text_centered(FontSize::large, pos, size, tone, countdown, true);
      note_region("countdown", pos, ImVec2(pos.x + size.x, pos.y + size.y));
    }
  }

  result.height = height;
  float y = origin.y + height;
  if (!view.error_text.empty()) {
    const float h = theme.px(44);
    ui::fill_rect(ImVec2(origin.x, y), ImVec2(width, h), theme.danger, 0.0f);
    ui::draw_text_centered(FontSize::body, ImVec2(origin.x, y), ImVec2(width, h), theme.on_primary, view.error_text,
                           true);
    y += h;
  } else if (view.offline) {
    const float h = theme.px(44);
    ui::fill_rect(ImVec2(origin.x, y), ImVec2(width, h), theme.warning, 0.0f);
    ui::draw_text_centered(FontSize::body, ImVec2(origin.x, y), ImVec2(width, h), ui::rgb(0x2B1D16), view.offline_text,
                           true);
    y += h;
  }
  result.height = y - origin.y;
  return result;
}

ScreenArea begin_screen(const HeaderView& header, const ui::Theme& theme, const ScreenStyle& style) {
  const HeaderResult drawn = draw_header(header, theme, style);
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  return ScreenArea{drawn.intent, viewport->WorkPos, viewport->WorkSize, drawn.height, narrow_layout(theme)};
}

}  // namespace hourglass::kiosk
