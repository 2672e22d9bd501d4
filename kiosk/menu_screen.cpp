// The menu: category rail, dish cards, cart bar (and the detail over them).
#include <algorithm>
#include <cfloat>
#include <cmath>

#include "kiosk/screen_parts.hpp"

namespace hourglass::kiosk {

namespace {

Intent draw_rail(const MenuView& view, ImVec2 pos, ImVec2 size, const ui::Theme& theme) {
  Intent intent;
  const KioskColors colors = kiosk_colors(theme);
  ui::fill_rect(pos, size, colors.rail, 0.0f);
  ImGui::SetCursorScreenPos(pos);
  ImGui::BeginChild("##rail", size, false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoBackground);
  touch_scroll();
  const float item_h = theme.px(72);
  const float margin = theme.px(10);
  ImVec2 cursor = ImGui::GetCursorScreenPos();
  cursor.y += margin;
  for (const CategoryTabView& tab : view.categories) {
    const ImVec4 color = ui::rgb(tab.color);
    const ImVec2 item_pos(cursor.x + margin, cursor.y);
    const ImVec2 item_size(size.x - 2 * margin, item_h);
    ImGui::PushID(tab.id.c_str());
    ImGui::SetCursorScreenPos(item_pos);
    if (ImGui::InvisibleButton("##cat", item_size)) keep(intent, simple(Action::select_category, tab.id));
    note_target("category:" + tab.id);
    const bool held = ImGui::IsItemActive();
    ImGui::PopID();
    if (tab.selected) {
      ui::fill_rect(item_pos, item_size, color, theme.rounding);
    } else if (held) {
      ui::fill_rect(item_pos, item_size, ui::with_alpha(color, 0.15f), theme.rounding);
    }
    const float dot = theme.px(6);
    if (!tab.selected) {
      ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(item_pos.x + theme.px(16), item_pos.y + item_h * 0.5f), dot,
                                                  to_u32(color), 16);
    }
    const float text_x = item_pos.x + theme.px(tab.selected ? 16 : 30);
    const float wrap = item_pos.x + item_size.x - theme.px(tab.in_cart > 0 ? 40 : 12);
    const ImVec2 t = ui::measure_text(FontSize::body, tab.label, wrap - text_x);
    ui::draw_text(FontSize::body, ImVec2(text_x, item_pos.y + (item_h - t.y) * 0.5f),
                  tab.selected ? theme.on_primary : theme.text, tab.label, tab.selected, wrap - text_x);
    if (tab.in_cart > 0) {
      const float r = theme.px(12);
      const ImVec2 c(item_pos.x + item_size.x - r - theme.px(8), item_pos.y + item_h * 0.5f);
      ImGui::GetWindowDrawList()->AddCircleFilled(c, r, to_u32(tab.selected ? theme.on_primary : theme.primary), 24);
      ui::draw_text_centered(FontSize::small, ImVec2(c.x - r, c.y - r), ImVec2(2 * r, 2 * r),
                             tab.selected ? color : theme.on_primary, std::to_string(tab.in_cart), true);
    }
    cursor.y += item_h + theme.px(6);
  }
  ImGui::SetCursorScreenPos(cursor);
  ImGui::Dummy(ImVec2(1, margin));
  ImGui::EndChild();
  return intent;
}

Intent draw_dish_card(const DishView& dish, ImVec2 pos, ImVec2 size, const ui::Theme& theme) {
  Intent intent;
  card_background(pos, size, theme, theme.surface);
  const float pad = theme.px(14);
  const ImVec4 color = ui::rgb(dish.tile_color);

  // The tile: the dish's first character as a seal in its category colour.
  const float tile = size.y - 2 * pad;
  const ImVec2 tile_pos(pos.x + pad, pos.y + pad);
  ui::fill_rect(tile_pos, ImVec2(tile, tile), ui::mix(color, ui::rgb(0xFFFFFF), 0.84f), theme.rounding * 0.8f);
  {
    ImFont* big = ui::font(FontSize::huge);
    const float glyph = std::min(big->FontSize, tile * 0.5f);
    const ImVec2 t = big->CalcTextSizeA(glyph, FLT_MAX, 0.0f, dish.initial.c_str());
    ImGui::GetWindowDrawList()->AddText(
        big, glyph, ImVec2(std::round(tile_pos.x + (tile - t.x) * 0.5f), std::round(tile_pos.y + (tile - t.y) * 0.5f)),
        to_u32(color), dish.initial.c_str());
  }

  const float text_x = tile_pos.x + tile + pad;
  const float text_w = pos.x + size.x - pad - text_x;
  float y = pos.y + pad - theme.px(2);
  y += ui::draw_text(FontSize::body, ImVec2(text_x, y), theme.text, dish.name, true, text_w).y + theme.px(2);
  y += ui::draw_text(FontSize::small, ImVec2(text_x, y), theme.text_muted, dish.other_name, false, text_w).y +
       theme.px(6);

  float mx = text_x;
  if (dish.spicy > 0) mx += chillies(ImVec2(mx, y), dish.spicy, theme) + theme.px(6);
  if (!dish.promised) {
    mx += ui::draw_chip(ImVec2(mx, y), dish.outside_promise, ui::with_alpha(theme.warning, 0.18f),
                        ui::mix(theme.warning, theme.text, 0.45f), theme) +
          theme.px(6);
  }
  if (!dish.allergens.empty() && dish.promised) {
    std::string allergens = dish.allergens_label + ": ";
    for (std::size_t i = 0; i < dish.allergens.size(); ++i) {
      if (i > 0) allergens += " · ";
      allergens += dish.allergens[i];
    }
    if (mx + ui::measure_text(FontSize::small, allergens).x < text_x + text_w) {
      ui::draw_text(FontSize::small, ImVec2(mx, y + theme.px(2)), theme.text_muted, allergens);
    }
  }

  // Bottom row: the price, then the quantity controls.
  const ImVec2 price = ui::measure_text(FontSize::large, dish.price);
  ui::draw_text(FontSize::large, ImVec2(text_x, pos.y + size.y - pad - price.y), theme.primary, dish.price, true);
  const float r = theme.px(26);
  const ImVec2 plus(pos.x + size.x - pad - r, pos.y + size.y - pad - r);
  float controls_w = 2 * r;
  ImGui::PushID(dish.id.c_str());
  if (dish.sold_out) {
    // Greyed, with the word: it cannot be added (v1.1 sold out).
    ui::fill_rect(pos, size, ui::with_alpha(theme.surface, 0.6f), theme.rounding);
    const ImVec2 word = ui::measure_text(FontSize::body, dish.sold_out_text);
    ui::draw_chip(ImVec2(pos.x + size.x - pad - word.x - theme.px(20), plus.y - word.y * 0.5f - theme.px(4)),
                  dish.sold_out_text, theme.danger, theme.on_primary, theme);
    ImGui::PopID();
    return intent;
  }
  if (round_button("##plus", plus, r, "+", true, theme)) intent = simple(Action::quick_add, dish.id);
  note_target("plus:" + dish.id);
  if (dish.qty_in_cart > 0) {
    const std::string qty = std::to_string(dish.qty_in_cart);
    const float qty_w = std::max(theme.px(36), ui::measure_text(FontSize::large, qty).x + theme.px(12));
    ui::draw_text_centered(FontSize::large, ImVec2(plus.x - r - qty_w, plus.y - r), ImVec2(qty_w, 2 * r), theme.text,
                           qty, true);
    const ImVec2 minus(plus.x - 2 * r - qty_w, plus.y);
    if (round_button("##minus", minus, r, "-", false, theme)) intent = simple(Action::quick_remove, dish.id);
    note_target("minus:" + dish.id);
    controls_w += qty_w + 2 * r;
  }
  // The rest of the card opens the detail (note, description).
  ImGui::SetCursorScreenPos(pos);
  if (ImGui::InvisibleButton("##open", ImVec2(size.x - controls_w - pad * 2, size.y))) {
    keep(intent, simple(Action::open_detail, dish.id));
  }
  note_target("open:" + dish.id);
  ImGui::PopID();
  return intent;
}

Intent draw_cart_bar(const CartBarView& bar, ImVec2 pos, ImVec2 size, const ui::Theme& theme,
                     const ScreenStyle& style) {
  Intent intent;
  const KioskColors colors = kiosk_colors(theme);
  const float margin = theme.px(12);
  const ImVec2 bar_pos(pos.x + margin, pos.y + margin * 0.5f);
  const ImVec2 bar_size(size.x - 2 * margin, size.y - margin * 1.5f);
  ui::fill_rect(bar_pos, bar_size, colors.bar, bar_size.y * 0.5f);

  // The count bubble.
  const float r = bar_size.y * 0.36f;
  const ImVec2 c(bar_pos.x + bar_size.y * 0.5f + theme.px(6), bar_pos.y + bar_size.y * 0.5f);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddCircleFilled(c, r, to_u32(bar.count > 0 ? theme.primary : ui::mix(colors.bar, colors.bar_text, 0.25f)), 32);
  ui::draw_text_centered(FontSize::large, ImVec2(c.x - r, c.y - r), ImVec2(2 * r, 2 * r), colors.bar_text,
                         std::to_string(bar.count), true);

  const float text_x = c.x + r + theme.px(18);
  if (bar.count > 0) {
    const ImVec2 total = ui::measure_text(FontSize::title, bar.total);
    ui::draw_text(FontSize::title, ImVec2(text_x, c.y - total.y * 0.5f), colors.bar_text, bar.total, true);
    ui::draw_text(FontSize::body,
                  ImVec2(text_x + total.x + theme.px(14),
                         c.y - ui::measure_text(FontSize::body, bar.count_text).y * 0.5f + theme.px(3)),
                  ui::mix(colors.bar_text, colors.bar, 0.35f), bar.count_text);
  } else {
    ui::draw_text(FontSize::body, ImVec2(text_x, c.y - ui::measure_text(FontSize::body, bar.empty_text).y * 0.5f),
                  ui::mix(colors.bar_text, colors.bar, 0.35f), bar.empty_text);
  }

  if (!bar.kitchen_busy.empty()) {
    // The kitchen's own projection, before the diner orders (v1.1 kitchen_load).
    ui::draw_chip(ImVec2(bar_pos.x + theme.px(24), bar_pos.y - theme.px(38)), "⏳ " + bar.kitchen_busy,
                  theme.warning, ui::rgb(0x1A1A1A), theme);
  }
  const float button_w = theme.px(style.counter ? 280 : 240);
  const ImVec2 button_pos(bar_pos.x + bar_size.x - button_w - theme.px(8), bar_pos.y + theme.px(8));
  const ImVec2 button_size(button_w, bar_size.y - theme.px(16));
  ButtonLook look = primary(theme, FontSize::large);
  look.enabled = bar.enabled;
  look.rounding = button_size.y * 0.5f;
  look.disabled_color = ui::mix(colors.bar, colors.bar_text, 0.18f);
  if (button_at("##order", button_pos, button_size, bar.button, look, theme)) intent = go(Screen::cart);
  note_target("order");
  // The whole bar opens the cart too, as on the phone apps diners know.
  ImGui::SetCursorScreenPos(bar_pos);
  if (bar.enabled && ImGui::InvisibleButton("##bar", ImVec2(bar_size.x - button_w - theme.px(16), bar_size.y))) {
    keep(intent, go(Screen::cart));
  }
  return intent;
}

}  // namespace

Intent draw_menu(const MenuView& view, NoteEdit& note, const ui::Theme& theme, const ScreenStyle& style) {
  auto [intent, origin, full, header_height, narrow] = begin_screen(view.header, theme, style);
  const float bar_h = theme.px(style.counter ? 108 : 96);
  const float top = origin.y + header_height;
  const float body_h = full.y - header_height - bar_h;
  const float rail_w = theme.px(narrow ? 170 : 200);

  keep(intent, draw_rail(view, ImVec2(origin.x, top), ImVec2(rail_w, body_h), theme));

  // The dishes of the selected category.
  const float pad = theme.px(20);
  ImGui::SetCursorScreenPos(ImVec2(origin.x + rail_w, top));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(pad, pad));
  ImGui::BeginChild("##dishes", ImVec2(full.x - rail_w, body_h), false,
                    ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_AlwaysUseWindowPadding);
  ImGui::PopStyleVar();
  touch_scroll();
  {
    const float avail = ImGui::GetContentRegionAvail().x;
    const ImVec2 start = ImGui::GetCursorScreenPos();
    const ImVec4 color = ui::rgb(view.category_color);
    const ImVec2 title =
        ui::draw_text(FontSize::title, start, view.category_color != 0 ? color : theme.text, view.category_title, true);
    ui::fill_rect(ImVec2(start.x, start.y + title.y + theme.px(6)), ImVec2(theme.px(56), theme.px(5)), color,
                  theme.px(3));
    ImGui::Dummy(ImVec2(avail, title.y + theme.px(14)));

    const float gap = theme.px(16);
    const int columns = std::max(1, static_cast<int>((avail + gap) / (theme.px(440) + gap)));
    const float card_w = std::floor((avail - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns));
    const float card_h = theme.px(172);
    const ImVec2 grid = ImGui::GetCursorScreenPos();
    const float window_top = ImGui::GetWindowPos().y;
    const float window_bottom = window_top + ImGui::GetWindowSize().y;
    for (std::size_t i = 0; i < view.dishes.size(); ++i) {
      const int col = static_cast<int>(i) % columns;
      const int row = static_cast<int>(i) / columns;
      const ImVec2 p(grid.x + static_cast<float>(col) * (card_w + gap),
                     grid.y + static_cast<float>(row) * (card_h + gap));
      // Only what is on screen is drawn: the software renderer pays per vertex.
      if (p.y + card_h < window_top || p.y > window_bottom) continue;
      keep(intent, draw_dish_card(view.dishes[i], p, ImVec2(card_w, card_h), theme));
    }
    const int rows = (static_cast<int>(view.dishes.size()) + columns - 1) / columns;
    ImGui::SetCursorScreenPos(grid);
    ImGui::Dummy(ImVec2(avail, static_cast<float>(rows) * (card_h + gap)));
  }
  ImGui::EndChild();

  // The cart bar along the bottom.
  const ImVec2 bar_pos(origin.x, origin.y + full.y - bar_h);
  keep(intent, draw_cart_bar(view.cart_bar, bar_pos, ImVec2(full.x, bar_h), theme, style));

  if (view.detail) {
    const Intent detail = draw_detail(*view.detail, note, theme);
    // The overlay is modal: only its own intents count, and the header's.
    return detail ? detail : (intent.action == Action::switch_language ? intent : Intent{});
  }
  return intent;
}

}  // namespace hourglass::kiosk
