#include "kiosk/kiosk_screens.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <string_view>

#include "shared/ui/fonts.hpp"
#include "shared/ui/widgets.hpp"

namespace hourglass::kiosk {

namespace {

using ui::FontSize;
using ui::to_u32;

ImVec2 add(ImVec2 a, ImVec2 b) { return ImVec2(a.x + b.x, a.y + b.y); }

// Colours the kiosk needs beyond the shared theme, derived from it so the
// look stays defined in one place (warm_theme).
struct KioskColors {
  ImVec4 bar;  // the dark cart bar
  ImVec4 bar_text;
  ImVec4 rail;      // category rail background
  ImVec4 badge_bg;  // promise badge
  ImVec4 shadow;
  ImVec4 info;
};

KioskColors kiosk_colors(const ui::Theme& theme) {
  KioskColors c;
  c.bar = ui::mix(theme.text, ui::rgb(0x000000), 0.1f);
  c.bar_text = ui::rgb(0xFFF8EE);
  c.rail = theme.surface_alt;
  c.badge_bg = ui::mix(theme.accent, ui::rgb(0xFFFFFF), 0.82f);
  c.shadow = ImVec4(0.35f, 0.2f, 0.1f, 0.08f);
  c.info = ui::rgb(0x2C7DA0);
  return c;
}

ImFont* font_of(FontSize size) { return ui::font(size); }

// Records the last item under `key` when a test asked for touch targets.
DrawHooks* hooks() { return static_cast<DrawHooks*>(ImGui::GetIO().UserData); }

void note_target(std::string key) {
  DrawHooks* h = hooks();
  TouchTargets* targets = h != nullptr ? h->targets : nullptr;
  if (targets != nullptr)
    targets->items.push_back(TouchTarget{std::move(key), ImGui::GetItemRectMin(), ImGui::GetItemRectMax()});
}

ImVec2 measure(FontSize size, std::string_view s, float wrap = 0.0f) {
  ImFont* font = font_of(size);
  return font->CalcTextSizeA(font->FontSize, FLT_MAX, wrap, s.data(), s.data() + s.size());
}

// Draws `s` at `pos` (screen coordinates); bold draws it twice, 1 px apart,
// because wqy-microhei has no bold face.
ImVec2 put_text(FontSize size, ImVec2 pos, ImVec4 color, std::string_view s, bool bold = false, float wrap = 0.0f) {
  ImFont* font = font_of(size);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const char* begin = s.data();
  const char* end = s.data() + s.size();
  draw->AddText(font, font->FontSize, pos, to_u32(color), begin, end, wrap);
  if (bold) {
    const float offset = std::max(1.0f, std::round(font->FontSize / 36.0f));
    draw->AddText(font, font->FontSize, ImVec2(pos.x + offset, pos.y), to_u32(color), begin, end, wrap);
  }
  return measure(size, s, wrap);
}

// Centred in the box [min, min + size].
void put_text_centered(FontSize size, ImVec2 min, ImVec2 box, ImVec4 color, std::string_view s, bool bold = false) {
  const ImVec2 t = measure(size, s);
  put_text(size, ImVec2(std::round(min.x + (box.x - t.x) * 0.5f), std::round(min.y + (box.y - t.y) * 0.5f)), color, s,
           bold);
}

// Fills with ImGui; shared/ui's renderer draws the inside of a rounded
// rectangle as a few SDL fills on the software renderer.
void fill(ImVec2 min, ImVec2 size, ImVec4 color, float rounding, ImDrawFlags flags = 0) {
  ImGui::GetWindowDrawList()->AddRectFilled(min, add(min, size), to_u32(color), rounding, flags);
}

void outline(ImVec2 min, ImVec2 size, ImVec4 color, float rounding, float thickness) {
  ImGui::GetWindowDrawList()->AddRect(min, add(min, size), to_u32(color), rounding, 0, thickness);
}

// A soft card: shadow plus a rounded white panel.
void card_background(ImVec2 min, ImVec2 size, const ui::Theme& theme, ImVec4 background) {
  const KioskColors colors = kiosk_colors(theme);
  // Only the band below the card: a full-size shadow would double the
  // pixels the software renderer blends for every card.
  const float band = theme.rounding + theme.px(3);
  fill(ImVec2(min.x, min.y + size.y - theme.rounding), ImVec2(size.x, band), colors.shadow, theme.rounding,
       ImDrawFlags_RoundCornersBottom);
  fill(min, size, background, theme.rounding);
}

enum class ButtonKind { filled, outlined, ghost };

struct ButtonLook {
  ImVec4 color;
  ImVec4 text;
  ButtonKind kind = ButtonKind::filled;
  FontSize font = FontSize::body;
  bool bold = true;
  bool enabled = true;
  float rounding = -1.0f;             // < 0: theme.rounding
  ImVec4 disabled_color{0, 0, 0, 0};  // alpha 0: a muted beige
};

// A touch button at an absolute position. Returns true when released over it.
bool button_at(const char* id, ImVec2 pos, ImVec2 size, std::string_view label, const ButtonLook& look,
               const ui::Theme& theme) {
  ImGui::SetCursorScreenPos(pos);
  ImGui::BeginDisabled(!look.enabled);
  const bool clicked = ImGui::InvisibleButton(id, size);
  const bool held = ImGui::IsItemActive();
  const bool hovered = ImGui::IsItemHovered();
  ImGui::EndDisabled();
  const float rounding = look.rounding >= 0.0f ? look.rounding : theme.rounding;
  ImVec4 color = look.enabled                   ? look.color
                 : look.disabled_color.w > 0.0f ? look.disabled_color
                                                : ui::mix(theme.border, theme.surface_alt, 0.3f);
  if (held)
    color = ui::mix(color, ImVec4(0, 0, 0, color.w), 0.18f);
  else if (hovered)
    color = ui::mix(color, ImVec4(1, 1, 1, color.w), 0.08f);
  switch (look.kind) {
    case ButtonKind::filled:
      fill(pos, size, color, rounding);
      break;
    case ButtonKind::outlined:
      fill(pos, size, held ? ui::mix(theme.surface, color, 0.15f) : theme.surface, rounding);
      outline(pos, size, color, rounding, theme.px(2));
      break;
    case ButtonKind::ghost:
      if (held) fill(pos, size, ui::with_alpha(color, 0.12f), rounding);
      break;
  }
  const ImVec4 text = look.enabled                   ? look.text
                      : look.disabled_color.w > 0.0f ? ui::with_alpha(look.text, 0.45f)
                                                     : theme.text_muted;
  put_text_centered(look.font, pos, size, text, label, look.bold);
  return clicked && look.enabled;
}

ButtonLook primary(const ui::Theme& theme, FontSize font = FontSize::large) {
  return ButtonLook{theme.primary, theme.on_primary, ButtonKind::filled, font};
}
ButtonLook secondary(const ui::Theme& theme, FontSize font = FontSize::body) {
  return ButtonLook{theme.primary, theme.primary, ButtonKind::outlined, font};
}

// A round button ("+", "−") with its centre at `center`.
bool round_button(const char* id, ImVec2 center, float radius, std::string_view label, bool filled,
                  const ui::Theme& theme) {
  const ImVec2 min(center.x - radius, center.y - radius);
  ImGui::SetCursorScreenPos(min);
  const bool clicked = ImGui::InvisibleButton(id, ImVec2(radius * 2, radius * 2));
  const bool held = ImGui::IsItemActive();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  ImVec4 color = theme.primary;
  if (held) color = ui::mix(color, ImVec4(0, 0, 0, 1), 0.2f);
  if (filled) {
    draw->AddCircleFilled(center, radius, to_u32(color), 32);
  } else {
    draw->AddCircleFilled(center, radius, to_u32(theme.surface), 32);
    draw->AddCircle(center, radius - theme.px(1), to_u32(color), 32, theme.px(2.5f));
  }
  // Drawn as strokes: crisp at any size and independent of the font.
  const float arm = radius * 0.42f;
  const float thickness = std::max(2.0f, radius * 0.16f);
  const ImU32 stroke = to_u32(filled ? theme.on_primary : color);
  draw->AddLine(ImVec2(center.x - arm, center.y), ImVec2(center.x + arm, center.y), stroke, thickness);
  if (label == "+")
    draw->AddLine(ImVec2(center.x, center.y - arm), ImVec2(center.x, center.y + arm), stroke, thickness);
  return clicked;
}

// A small rounded label.
float chip(ImVec2 pos, std::string_view label, ImVec4 background, ImVec4 text, const ui::Theme& theme,
           FontSize font = FontSize::small) {
  const ImVec2 t = measure(font, label);
  const ImVec2 size(t.x + theme.px(16), t.y + theme.px(6));
  fill(pos, size, background, size.y * 0.5f);
  put_text(font, ImVec2(pos.x + theme.px(8), pos.y + theme.px(3)), text, label);
  return size.x;
}

// Small chillies drawn as strokes (no emoji in the font).
float chillies(ImVec2 pos, int count, const ui::Theme& theme) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float step = theme.px(16);
  for (int i = 0; i < count; ++i) {
    const ImVec2 o(pos.x + step * static_cast<float>(i), pos.y);
    draw->AddBezierCubic(ImVec2(o.x + theme.px(3), o.y + theme.px(6)), ImVec2(o.x + theme.px(4), o.y + theme.px(16)),
                         ImVec2(o.x + theme.px(9), o.y + theme.px(19)), ImVec2(o.x + theme.px(13), o.y + theme.px(20)),
                         to_u32(ui::rgb(0xD7261E)), theme.px(4.5f));
    draw->AddLine(ImVec2(o.x + theme.px(3), o.y + theme.px(6)), ImVec2(o.x + theme.px(6), o.y + theme.px(1)),
                  to_u32(ui::rgb(0x3C8D2F)), theme.px(2.5f));
  }
  return step * static_cast<float>(count);
}

// The hourglass mark: two triangles in a red seal.
void hourglass_seal(ImVec2 pos, float size, const ui::Theme& theme) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  fill(pos, ImVec2(size, size), theme.primary, theme.px(10));
  const float m = size * 0.26f;
  const ImU32 white = to_u32(theme.on_primary);
  const ImVec2 tl(pos.x + m, pos.y + m);
  const ImVec2 tr(pos.x + size - m, pos.y + m);
  const ImVec2 mid(pos.x + size * 0.5f, pos.y + size * 0.5f);
  const ImVec2 bl(pos.x + m, pos.y + size - m);
  const ImVec2 br(pos.x + size - m, pos.y + size - m);
  draw->AddTriangleFilled(tl, tr, mid, white);
  draw->AddTriangle(bl, br, mid, white, theme.px(2));
  draw->AddTriangleFilled(ImVec2(mid.x - size * 0.12f, br.y), ImVec2(mid.x + size * 0.12f, br.y),
                          ImVec2(mid.x, br.y - size * 0.12f), white);
}

bool narrow_layout(const ui::Theme& theme) { return ImGui::GetMainViewport()->WorkSize.x < theme.px(1000); }

// Drag to scroll the current child window, as a finger expects.
void touch_scroll() {
  const ImGuiIO& io = ImGui::GetIO();
  if (ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem) && ImGui::IsMouseDragging(0, 6.0f)) {
    ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
  }
}

void keep(Intent& result, Intent candidate) {
  if (!result && candidate) result = std::move(candidate);
}

Intent go(Screen screen) {
  Intent intent;
  intent.action = Action::go;
  intent.screen = screen;
  return intent;
}

Intent simple(Action action, std::string id = {}) {
  Intent intent;
  intent.action = action;
  intent.id = std::move(id);
  return intent;
}

// ---- header ----

struct HeaderResult {
  float height = 0.0f;
  Intent intent;
};

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

  fill(origin, ImVec2(width, height), theme.surface, 0.0f);
  fill(ImVec2(origin.x, origin.y + height - theme.px(1)), ImVec2(width, theme.px(1)), theme.border, 0.0f);

  // Left: seal, brand, table.
  const float seal = theme.px(48);
  hourglass_seal(ImVec2(origin.x + pad, origin.y + (row - seal) * 0.5f), seal, theme);
  float x = origin.x + pad + seal + theme.px(14);
  const ImVec2 brand = measure(FontSize::large, view.brand);
  put_text(FontSize::large, ImVec2(x, origin.y + (row - brand.y) * 0.5f), theme.text, view.brand, true);
  x += brand.x + theme.px(16);
  if (!view.place.empty()) {
    const ImVec2 t = measure(FontSize::body, view.place);
    const ImVec2 size(t.x + theme.px(24), theme.px(40));
    const ImVec2 pos(x, origin.y + (row - size.y) * 0.5f);
    fill(pos, size, theme.surface_alt, size.y * 0.5f);
    put_text_centered(FontSize::body, pos, size, theme.text, view.place, true);
    x += size.x + theme.px(16);
  }

  // Right, from the edge inwards: language, call waiter, tabs.
  float right = origin.x + width - pad;
  const float button_h = theme.px(style.counter ? 60 : 52);
  const float button_y = origin.y + (row - button_h) * 0.5f;
  {
    const float w = measure(FontSize::body, view.language_button).x + theme.px(40);
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
    const float w = measure(FontSize::body, view.call_waiter).x + theme.px(40);
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
  if (!view.tabs.empty()) {
    float tabs_w = 0.0f;
    for (const TabView& tab : view.tabs) tabs_w += measure(FontSize::body, tab.label).x + theme.px(44);
    const float tabs_y = narrow ? origin.y + row - theme.px(10) + (row - theme.px(10) - button_h) * 0.5f : button_y;
    float tx = narrow ? origin.x + width - pad - tabs_w : right - tabs_w;
    fill(ImVec2(tx - theme.px(4), tabs_y - theme.px(4)), ImVec2(tabs_w + theme.px(8), button_h + theme.px(8)),
         theme.surface_alt, (button_h + theme.px(8)) * 0.5f);
    for (const TabView& tab : view.tabs) {
      const float w = measure(FontSize::body, tab.label).x + theme.px(44);
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
        put_text_centered(FontSize::small, ImVec2(c.x - r, c.y - r), ImVec2(2 * r, 2 * r), theme.on_primary, badge,
                          true);
      }
      tx += w;
    }
    if (!narrow) right = tx - tabs_w - theme.px(16);
  }

  // The promise badge (and the most urgent clock), between the brand and
  // the buttons; on a narrow screen, on the second row.
  {
    const bool second_row = narrow && !view.tabs.empty();
    const float by = second_row ? origin.y + row - theme.px(10) : origin.y;
    const float bh = second_row ? row - theme.px(10) : row;
    float bx = second_row ? origin.x + pad : x;
    const ImVec2 t = measure(FontSize::body, view.promise);
    const ImVec2 size(t.x + theme.px(28), theme.px(44));
    const float limit = second_row ? origin.x + width : right;
    if (bx + size.x < limit) {
      const ImVec2 pos(bx, by + (bh - size.y) * 0.5f);
      fill(pos, size, colors.badge_bg, size.y * 0.5f);
      put_text_centered(FontSize::body, pos, size, theme.primary, view.promise, true);
      bx += size.x + theme.px(12);
    }
    if (view.next_countdown) {
      const ImVec4 tone = tone_color(view.next_tone, theme);
      const ImVec2 ct = measure(FontSize::large, *view.next_countdown);
      const ImVec2 csize(ct.x + theme.px(28), theme.px(44));
      if (bx + csize.x < (second_row ? origin.x + width - pad - 0 : right) && !second_row) {
        const ImVec2 pos(bx, by + (bh - csize.y) * 0.5f);
        fill(pos, csize, ui::with_alpha(tone, 0.12f), csize.y * 0.5f);
        put_text_centered(FontSize::large, pos, csize, tone, *view.next_countdown, true);
      }
    }
  }

  result.height = height;
  float y = origin.y + height;
  if (!view.error_text.empty()) {
    const float h = theme.px(44);
    fill(ImVec2(origin.x, y), ImVec2(width, h), theme.danger, 0.0f);
    put_text_centered(FontSize::body, ImVec2(origin.x, y), ImVec2(width, h), theme.on_primary, view.error_text, true);
    y += h;
  } else if (view.offline) {
    const float h = theme.px(44);
    fill(ImVec2(origin.x, y), ImVec2(width, h), theme.warning, 0.0f);
    put_text_centered(FontSize::body, ImVec2(origin.x, y), ImVec2(width, h), ui::rgb(0x2B1D16), view.offline_text,
                      true);
    y += h;
  }
  result.height = y - origin.y;
  return result;
}

// ---- menu ----

Intent draw_rail(const MenuView& view, ImVec2 pos, ImVec2 size, const ui::Theme& theme) {
  Intent intent;
  const KioskColors colors = kiosk_colors(theme);
  fill(pos, size, colors.rail, 0.0f);
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
      fill(item_pos, item_size, color, theme.rounding);
    } else if (held) {
      fill(item_pos, item_size, ui::with_alpha(color, 0.15f), theme.rounding);
    }
    const float dot = theme.px(6);
    if (!tab.selected) {
      ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(item_pos.x + theme.px(16), item_pos.y + item_h * 0.5f), dot,
                                                  to_u32(color), 16);
    }
    const float text_x = item_pos.x + theme.px(tab.selected ? 16 : 30);
    const float wrap = item_pos.x + item_size.x - theme.px(tab.in_cart > 0 ? 40 : 12);
    const ImVec2 t = measure(FontSize::body, tab.label, wrap - text_x);
    put_text(FontSize::body, ImVec2(text_x, item_pos.y + (item_h - t.y) * 0.5f),
             tab.selected ? theme.on_primary : theme.text, tab.label, tab.selected, wrap - text_x);
    if (tab.in_cart > 0) {
      const float r = theme.px(12);
      const ImVec2 c(item_pos.x + item_size.x - r - theme.px(8), item_pos.y + item_h * 0.5f);
      ImGui::GetWindowDrawList()->AddCircleFilled(c, r, to_u32(tab.selected ? theme.on_primary : theme.primary), 24);
      put_text_centered(FontSize::small, ImVec2(c.x - r, c.y - r), ImVec2(2 * r, 2 * r),
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
  fill(tile_pos, ImVec2(tile, tile), ui::mix(color, ui::rgb(0xFFFFFF), 0.84f), theme.rounding * 0.8f);
  {
    ImFont* big = font_of(FontSize::huge);
    const float glyph = std::min(big->FontSize, tile * 0.5f);
    const ImVec2 t = big->CalcTextSizeA(glyph, FLT_MAX, 0.0f, dish.initial.c_str());
    ImGui::GetWindowDrawList()->AddText(
        big, glyph, ImVec2(std::round(tile_pos.x + (tile - t.x) * 0.5f), std::round(tile_pos.y + (tile - t.y) * 0.5f)),
        to_u32(color), dish.initial.c_str());
  }

  const float text_x = tile_pos.x + tile + pad;
  const float text_w = pos.x + size.x - pad - text_x;
  float y = pos.y + pad - theme.px(2);
  y += put_text(FontSize::body, ImVec2(text_x, y), theme.text, dish.name, true, text_w).y + theme.px(2);
  y += put_text(FontSize::small, ImVec2(text_x, y), theme.text_muted, dish.other_name, false, text_w).y + theme.px(6);

  float mx = text_x;
  if (dish.spicy > 0) mx += chillies(ImVec2(mx, y), dish.spicy, theme) + theme.px(6);
  if (!dish.promised) {
    mx += chip(ImVec2(mx, y), dish.outside_promise, ui::with_alpha(theme.warning, 0.18f),
               ui::mix(theme.warning, theme.text, 0.45f), theme) +
          theme.px(6);
  }
  if (!dish.allergens.empty() && dish.promised) {
    std::string allergens = dish.allergens_label + ": ";
    for (std::size_t i = 0; i < dish.allergens.size(); ++i) {
      if (i > 0) allergens += " · ";
      allergens += dish.allergens[i];
    }
    if (mx + measure(FontSize::small, allergens).x < text_x + text_w) {
      put_text(FontSize::small, ImVec2(mx, y + theme.px(2)), theme.text_muted, allergens);
    }
  }

  // Bottom row: the price, then the quantity controls.
  const ImVec2 price = measure(FontSize::large, dish.price);
  put_text(FontSize::large, ImVec2(text_x, pos.y + size.y - pad - price.y), theme.primary, dish.price, true);
  const float r = theme.px(26);
  const ImVec2 plus(pos.x + size.x - pad - r, pos.y + size.y - pad - r);
  float controls_w = 2 * r;
  ImGui::PushID(dish.id.c_str());
  if (round_button("##plus", plus, r, "+", true, theme)) intent = simple(Action::quick_add, dish.id);
  note_target("plus:" + dish.id);
  if (dish.qty_in_cart > 0) {
    const std::string qty = std::to_string(dish.qty_in_cart);
    const float qty_w = std::max(theme.px(36), measure(FontSize::large, qty).x + theme.px(12));
    put_text_centered(FontSize::large, ImVec2(plus.x - r - qty_w, plus.y - r), ImVec2(qty_w, 2 * r), theme.text, qty,
                      true);
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
  fill(bar_pos, bar_size, colors.bar, bar_size.y * 0.5f);

  // The count bubble.
  const float r = bar_size.y * 0.36f;
  const ImVec2 c(bar_pos.x + bar_size.y * 0.5f + theme.px(6), bar_pos.y + bar_size.y * 0.5f);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddCircleFilled(c, r, to_u32(bar.count > 0 ? theme.primary : ui::mix(colors.bar, colors.bar_text, 0.25f)), 32);
  put_text_centered(FontSize::large, ImVec2(c.x - r, c.y - r), ImVec2(2 * r, 2 * r), colors.bar_text,
                    std::to_string(bar.count), true);

  const float text_x = c.x + r + theme.px(18);
  if (bar.count > 0) {
    const ImVec2 total = measure(FontSize::title, bar.total);
    put_text(FontSize::title, ImVec2(text_x, c.y - total.y * 0.5f), colors.bar_text, bar.total, true);
    put_text(
        FontSize::body,
        ImVec2(text_x + total.x + theme.px(14), c.y - measure(FontSize::body, bar.count_text).y * 0.5f + theme.px(3)),
        ui::mix(colors.bar_text, colors.bar, 0.35f), bar.count_text);
  } else {
    put_text(FontSize::body, ImVec2(text_x, c.y - measure(FontSize::body, bar.empty_text).y * 0.5f),
             ui::mix(colors.bar_text, colors.bar, 0.35f), bar.empty_text);
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

Intent draw_detail(const DetailView& detail, NoteEdit& note, const ui::Theme& theme) {
  Intent intent;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  ImGui::SetNextWindowFocus();
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::Begin("##detail", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBackground);
  ImGui::PopStyleVar();
  fill(viewport->WorkPos, viewport->WorkSize, ImVec4(0.1f, 0.06f, 0.03f, 0.55f), 0.0f);

  const DishView& dish = detail.dish;
  const float w = std::min(theme.px(780), viewport->WorkSize.x - theme.px(40));
  const float pad = theme.px(28);
  const float strip_h = theme.px(120);
  const float bottom_h = theme.px(72);
  // The panel is as tall as its content: strip, description, marks, note, buttons.
  const float desc_h =
      dish.description.empty() ? 0.0f : measure(FontSize::body, dish.description, w - 2 * pad).y + theme.px(12);
  const float content_h = strip_h + theme.px(18) + desc_h + theme.px(36) +
                          measure(FontSize::body, detail.note_label).y + theme.px(8) +
                          font_of(FontSize::body)->FontSize + theme.px(28) + theme.px(32) + bottom_h + pad;
  const float h = std::min(content_h, viewport->WorkSize.y - theme.px(40));
  const ImVec2 pos(std::round(viewport->WorkPos.x + (viewport->WorkSize.x - w) * 0.5f),
                   std::round(viewport->WorkPos.y + (viewport->WorkSize.y - h) * 0.5f));
  fill(pos, ImVec2(w, h), theme.surface, theme.rounding * 1.5f);
  const ImVec4 color = ui::rgb(dish.tile_color);

  // Header strip in the category colour with the big seal character.
  fill(pos, ImVec2(w, strip_h), ui::mix(color, ui::rgb(0xFFFFFF), 0.84f), theme.rounding * 1.5f,
       ImDrawFlags_RoundCornersTop);
  {
    ImFont* big = font_of(FontSize::huge);
    put_text(FontSize::huge, ImVec2(pos.x + pad, pos.y + (strip_h - big->FontSize) * 0.5f), color, dish.initial);
  }
  const float title_x = pos.x + pad + font_of(FontSize::huge)->FontSize + theme.px(24);
  const float title_w = pos.x + w - pad - theme.px(60) - title_x;
  const ImVec2 name = measure(FontSize::title, dish.name, title_w);
  put_text(FontSize::title, ImVec2(title_x, pos.y + theme.px(20)), theme.text, dish.name, true, title_w);
  put_text(FontSize::body, ImVec2(title_x, pos.y + theme.px(24) + name.y), theme.text_muted, dish.other_name);
  if (round_button("##close", ImVec2(pos.x + w - theme.px(40), pos.y + theme.px(40)), theme.px(26), "-", false,
                   theme)) {
    intent = simple(Action::close_detail);
  }
  note_target("detail_close");
  // Make the close button read as "×": overdraw the minus with a cross.
  {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 c(pos.x + w - theme.px(40), pos.y + theme.px(40));
    const float a = theme.px(10);
    draw->AddCircleFilled(c, theme.px(22), to_u32(theme.surface), 24);
    draw->AddLine(ImVec2(c.x - a, c.y - a), ImVec2(c.x + a, c.y + a), to_u32(theme.primary), theme.px(3));
    draw->AddLine(ImVec2(c.x - a, c.y + a), ImVec2(c.x + a, c.y - a), to_u32(theme.primary), theme.px(3));
  }

  float y = pos.y + strip_h + theme.px(18);
  const float text_w = w - 2 * pad;
  if (!dish.description.empty()) {
    y += put_text(FontSize::body, ImVec2(pos.x + pad, y), theme.text, dish.description, false, text_w).y + theme.px(12);
  }
  float mx = pos.x + pad;
  if (dish.spicy > 0) mx += chillies(ImVec2(mx, y), dish.spicy, theme) + theme.px(8);
  if (!dish.promised) {
    mx += chip(ImVec2(mx, y), dish.outside_promise, ui::with_alpha(theme.warning, 0.18f),
               ui::mix(theme.warning, theme.text, 0.45f), theme) +
          theme.px(8);
  }
  if (!dish.allergens.empty()) {
    std::string allergens = dish.allergens_label + ": ";
    for (std::size_t i = 0; i < dish.allergens.size(); ++i) allergens += (i > 0 ? " · " : "") + dish.allergens[i];
    put_text(FontSize::small, ImVec2(mx, y + theme.px(2)), theme.text_muted, allergens);
  }
  y += theme.px(36);

  put_text(FontSize::body, ImVec2(pos.x + pad, y), theme.text, detail.note_label, true);
  y += measure(FontSize::body, detail.note_label).y + theme.px(8);
  ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, y));
  ImGui::PushItemWidth(text_w);
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(theme.px(14), theme.px(14)));
  ImGui::PushStyleColor(ImGuiCol_FrameBg, theme.surface_alt);
  ImGui::InputTextWithHint("##note", detail.note_hint.c_str(), note.buffer.data(), note.buffer.size());
  ImGui::PopStyleColor();
  ImGui::PopStyleVar();
  ImGui::PopItemWidth();

  // Bottom: quantity stepper and the primary action.
  const float by = pos.y + h - pad - bottom_h;
  const float r = theme.px(28);
  const ImVec2 minus(pos.x + pad + r, by + bottom_h * 0.5f);
  if (round_button("##dminus", minus, r, "-", false, theme)) intent = Intent{Action::detail_qty, {}, 0, -1};
  const std::string qty = std::to_string(detail.qty);
  put_text_centered(FontSize::title, ImVec2(minus.x + r, by), ImVec2(theme.px(64), bottom_h), theme.text, qty, true);
  const ImVec2 plus(minus.x + r + theme.px(64) + r, minus.y);
  if (round_button("##dplus", plus, r, "+", true, theme)) intent = Intent{Action::detail_qty, {}, 0, 1};
  const float add_x = plus.x + r + theme.px(24);
  ButtonLook look = primary(theme, FontSize::large);
  look.rounding = bottom_h * 0.5f;
  if (button_at("##dadd", ImVec2(add_x, by), ImVec2(pos.x + w - pad - add_x, bottom_h), detail.add_button, look,
                theme)) {
    intent = simple(Action::detail_add, dish.id);
  }
  note_target("detail_add");
  ImGui::End();
  return intent;
}

// ---- shared bits of the order screens ----

float state_pill(ImVec2 right_top, const OrderLineView& line, const ui::Theme& theme) {
  const ImVec4 tone = tone_color(line.state_tone, theme);
  const ImVec2 t = measure(FontSize::small, line.state);
  const ImVec2 size(t.x + theme.px(22), t.y + theme.px(10));
  const ImVec2 pos(right_top.x - size.x, right_top.y);
  fill(pos, size, ui::with_alpha(tone, 0.14f), size.y * 0.5f);
  ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(pos.x + theme.px(10), pos.y + size.y * 0.5f), theme.px(3.5f),
                                              to_u32(tone), 12);
  put_text(FontSize::small, ImVec2(pos.x + theme.px(16), pos.y + theme.px(5)), ui::mix(tone, theme.text, 0.25f),
           line.state, true);
  return size.x;
}

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
    const ImVec2 title = put_text(FontSize::large, top, theme.text, card.title, true);
    put_text(
        FontSize::body,
        ImVec2(top.x + title.x + theme.px(14), top.y + title.y - measure(FontSize::body, card.ticket).y - theme.px(2)),
        theme.text_muted, card.ticket);
    if (card.rushed) {
      const ImVec2 t = measure(FontSize::small, card.rush_label);
      chip(ImVec2(top.x + inner - t.x - theme.px(16), top.y + theme.px(4)), card.rush_label,
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
      const ImVec2 t = measure(FontSize::body, *card.apology, wrap_w);
      const ImVec2 box(inner, t.y + theme.px(24));
      fill(p, box, ui::with_alpha(theme.danger, 0.1f), theme.rounding * 0.7f);
      put_text(FontSize::body, ImVec2(p.x + theme.px(14), p.y + theme.px(12)), theme.danger, *card.apology, true,
               wrap_w);
      ImGui::Dummy(box);
    }

    // The dishes.
    for (std::size_t i = 0; i < card.lines.size(); ++i) {
      const OrderLineView& line = card.lines[i];
      const ImVec2 p = ImGui::GetCursorScreenPos();
      fill(p, ImVec2(inner, theme.px(1)), theme.border, 0.0f);
      const float row_y = p.y + theme.px(10);
      const ImVec2 q = put_text(FontSize::body, ImVec2(p.x, row_y), theme.text_muted, line.qty);
      const float name_x = p.x + std::max(q.x + theme.px(10), theme.px(52));
      const float pill_w = measure(FontSize::small, line.state).x + theme.px(22);
      const float name_w = inner - (name_x - p.x) - pill_w - theme.px(80);
      const ImVec2 n = put_text(FontSize::body, ImVec2(name_x, row_y), line.late ? theme.danger : theme.text, line.name,
                                false, name_w);
      float row_h = n.y;
      if (!line.note.empty()) {
        const ImVec2 nt = put_text(FontSize::small, ImVec2(name_x, row_y + n.y + theme.px(2)), theme.accent,
                                   "\"" + line.note + "\"", false, name_w);
        row_h += nt.y + theme.px(2);
      }
      const float used = state_pill(ImVec2(p.x + inner, row_y), line, theme);
      if (line.free) {
        chip(
            ImVec2(p.x + inner - used - theme.px(8) - measure(FontSize::small, line.free_text).x - theme.px(16), row_y),
            line.free_text, theme.success, theme.on_primary, theme);
      }
      ImGui::Dummy(ImVec2(inner, row_h + theme.px(20)));
    }
    if (show_rush && card.can_rush) {
      const ImVec2 p = ImGui::GetCursorScreenPos();
      ButtonLook look{theme.warning, ui::mix(theme.warning, theme.text, 0.35f), ButtonKind::outlined, FontSize::body};
      const float w = measure(FontSize::body, card.rush_label).x + theme.px(56);
      if (button_at("##rush", ImVec2(p.x + inner - w, p.y), ImVec2(w, theme.touch_height), card.rush_label, look,
                    theme)) {
        intent = simple(Action::rush, card.order_id);
      }
      note_target("rush:" + card.order_id);
      ImGui::SetCursorScreenPos(p);
      ImGui::Dummy(ImVec2(inner, theme.touch_height));
    }
  }
  height = ImGui::GetItemRectSize().y;
  ImGui::PopID();
  return intent;
}

void apology_banner(const std::string& text, const ui::Theme& theme, float width) {
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float pad = theme.px(20);
  const float icon = theme.px(44);
  const float wrap_w = width - 3 * pad - icon;
  const ImVec2 t = measure(FontSize::large, text, wrap_w);
  const ImVec2 box(width, std::max(t.y, icon) + 2 * pad);
  fill(p, box, theme.danger, theme.rounding);
  // An exclamation mark in a white circle.
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 c(p.x + pad + icon * 0.5f, p.y + box.y * 0.5f);
  draw->AddCircleFilled(c, icon * 0.5f, to_u32(theme.on_primary), 32);
  draw->AddLine(ImVec2(c.x, c.y - icon * 0.25f), ImVec2(c.x, c.y + icon * 0.08f), to_u32(theme.danger), theme.px(5));
  draw->AddCircleFilled(ImVec2(c.x, c.y + icon * 0.24f), theme.px(3), to_u32(theme.danger), 12);
  put_text(FontSize::large, ImVec2(p.x + 2 * pad + icon, p.y + (box.y - t.y) * 0.5f), theme.on_primary, text, true,
           wrap_w);
  ImGui::Dummy(box);
}

}  // namespace

KioskRoot::KioskRoot(const ui::Theme& theme) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  constexpr ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                                     ImGuiWindowFlags_NoBackground;
  ImGui::Begin("kiosk", nullptr, flags);
  ImGui::PopStyleVar(3);
  (void)theme;
}

KioskRoot::~KioskRoot() { ImGui::End(); }

const TouchTarget* TouchTargets::find(std::string_view key) const {
  for (const TouchTarget& target : items) {
    if (target.key == key) return &target;
  }
  return nullptr;
}

ImVec4 tone_color(Tone tone, const ui::Theme& theme) {
  switch (tone) {
    case Tone::neutral:
      return theme.text;
    case Tone::muted:
      return theme.text_muted;
    case Tone::good:
      return theme.success;
    case Tone::warn:
      return theme.warning;
    case Tone::danger:
      return theme.danger;
    case Tone::late:
      return theme.late;
    case Tone::info:
      return kiosk_colors(theme).info;
  }
  return theme.text;
}

Intent draw_menu(const MenuView& view, NoteEdit& note, const ui::Theme& theme, const ScreenStyle& style) {
  const HeaderResult header = draw_header(view.header, theme, style);
  Intent intent = header.intent;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const ImVec2 origin = viewport->WorkPos;
  const ImVec2 full = viewport->WorkSize;
  const bool narrow = narrow_layout(theme);
  const float bar_h = theme.px(style.counter ? 108 : 96);
  const float top = origin.y + header.height;
  const float body_h = full.y - header.height - bar_h;
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
        put_text(FontSize::title, start, view.category_color != 0 ? color : theme.text, view.category_title, true);
    fill(ImVec2(start.x, start.y + title.y + theme.px(6)), ImVec2(theme.px(56), theme.px(5)), color, theme.px(3));
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

Intent draw_cart(const CartView& view, const ui::Theme& theme, const ScreenStyle& style) {
  const HeaderResult header = draw_header(view.header, theme, style);
  Intent intent = header.intent;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const ImVec2 origin = viewport->WorkPos;
  const ImVec2 full = viewport->WorkSize;
  const bool narrow = narrow_layout(theme);
  const float pad = theme.px(24);
  const float top = origin.y + header.height;
  const float summary_w = narrow ? full.x - 2 * pad : theme.px(400);
  const float summary_h = theme.px(view.confirming ? 400 : 380);
  const ImVec2 list_pos(origin.x + pad, top + pad);
  const ImVec2 list_size(narrow ? full.x - 2 * pad : full.x - summary_w - 3 * pad,
                         narrow ? full.y - header.height - summary_h - 3 * pad : full.y - header.height - 2 * pad);

  // The lines.
  ImGui::SetCursorScreenPos(list_pos);
  ImGui::BeginChild("##cartlines", list_size, false, ImGuiWindowFlags_NoBackground);
  touch_scroll();
  {
    const float w = ImGui::GetContentRegionAvail().x;
    const ImVec2 start = ImGui::GetCursorScreenPos();
    const ImVec2 title = put_text(FontSize::title, start, theme.text, view.title, true);
    put_text(FontSize::body,
             ImVec2(start.x + title.x + theme.px(16),
                    start.y + title.y - measure(FontSize::body, view.count_text).y - theme.px(3)),
             theme.text_muted, view.count_text);
    ImGui::Dummy(ImVec2(w, title.y + theme.px(10)));
    if (view.lines.empty()) {
      const ImVec2 p = ImGui::GetCursorScreenPos();
      card_background(p, ImVec2(w, theme.px(160)), theme, theme.surface);
      put_text_centered(FontSize::large, p, ImVec2(w, theme.px(160)), theme.text_muted, view.empty_text);
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
      const float text_w = w - 2 * ip - total_w - controls_w - theme.px(20);
      const float block_h = measure(FontSize::body, line.name, text_w).y + measure(FontSize::small, line.other_name).y +
                            (line.note.empty() ? 0.0f : measure(FontSize::small, line.note).y + theme.px(4)) +
                            theme.px(6);
      float y = p.y + std::max(theme.px(8), (row_h - block_h) * 0.5f);
      y += put_text(FontSize::body, ImVec2(p.x + ip, y), theme.text, line.name, true, text_w).y;
      const std::string second = line.other_name + "   " + line.unit_price;
      y += put_text(FontSize::small, ImVec2(p.x + ip, y + theme.px(2)), theme.text_muted, second).y + theme.px(4);
      if (!line.note.empty()) put_text(FontSize::small, ImVec2(p.x + ip, y), theme.accent, "\"" + line.note + "\"");

      const float cy = p.y + row_h * 0.5f;
      const float total_x = p.x + w - ip - total_w;
      const ImVec2 plus(total_x - theme.px(16) - r, cy);
      const ImVec2 minus(plus.x - r - theme.px(56) - r, cy);
      if (round_button("##minus", minus, r, "-", false, theme)) intent = Intent{Action::cart_qty, {}, line.index, -1};
      put_text_centered(FontSize::large, ImVec2(minus.x + r, cy - r), ImVec2(theme.px(56), 2 * r), theme.text,
                        std::to_string(line.qty), true);
      if (round_button("##plus", plus, r, "+", true, theme)) intent = Intent{Action::cart_qty, {}, line.index, 1};
      const ImVec2 t = measure(FontSize::large, line.line_total);
      put_text(FontSize::large, ImVec2(p.x + w - ip - t.x, cy - t.y * 0.5f), theme.text, line.line_total, true);
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
    put_text(FontSize::body, ImVec2(sp.x + ip, y), theme.text_muted, view.subtitle, false, inner);
    y += measure(FontSize::body, view.subtitle, inner).y + theme.px(18);
    put_text(FontSize::large, ImVec2(sp.x + ip, y + theme.px(6)), theme.text, view.subtotal_label);
    const ImVec2 t = measure(FontSize::title, view.subtotal);
    put_text(FontSize::title, ImVec2(sp.x + ip + inner - t.x, y), theme.primary, view.subtotal, true);
    y += t.y + theme.px(12);
    const KioskColors colors = kiosk_colors(theme);
    const ImVec2 bt = measure(FontSize::small, view.header.promise);
    fill(ImVec2(sp.x + ip, y), ImVec2(bt.x + theme.px(24), bt.y + theme.px(12)), colors.badge_bg, theme.px(14));
    put_text(FontSize::small, ImVec2(sp.x + ip + theme.px(12), y + theme.px(6)), theme.primary, view.header.promise,
             true);
    if (!view.sending_text.empty()) {
      put_text(FontSize::small, ImVec2(sp.x + ip, y + bt.y + theme.px(20)), kiosk_colors(theme).info,
               view.sending_text);
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
    fill(ImVec2(sp.x, sp.y), ImVec2(summary_w, theme.px(8)), theme.primary, theme.rounding,
         ImDrawFlags_RoundCornersTop);
    y += theme.px(6);
    y += put_text(FontSize::title, ImVec2(sp.x + ip, y), theme.text, view.confirm_title, true, inner).y + theme.px(14);
    put_text(FontSize::body, ImVec2(sp.x + ip, y), theme.text, view.confirm_body, false, inner);
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

Intent draw_orders(const OrdersView& view, const ui::Theme& theme, const ScreenStyle& style) {
  const HeaderResult header = draw_header(view.header, theme, style);
  Intent intent = header.intent;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const ImVec2 origin = viewport->WorkPos;
  const ImVec2 full = viewport->WorkSize;
  const bool narrow = narrow_layout(theme);
  const float pad = theme.px(24);
  const float actions_h = theme.px(100);
  const float top = origin.y + header.height;

  ImGui::SetCursorScreenPos(ImVec2(origin.x, top));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(pad, pad));
  ImGui::BeginChild("##orders", ImVec2(full.x, full.y - header.height - actions_h), false,
                    ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_AlwaysUseWindowPadding);
  ImGui::PopStyleVar();
  touch_scroll();
  {
    const float w = ImGui::GetContentRegionAvail().x;
    if (view.apology_banner) {
      apology_banner(*view.apology_banner, theme, w);
      ImGui::Dummy(ImVec2(w, theme.px(4)));
    }
    if (!view.sending_text.empty()) {
      ui::banner(view.sending_text, ui::with_alpha(kiosk_colors(theme).info, 0.15f), kiosk_colors(theme).info, theme);
    }
    if (view.cards.empty()) {
      const ImVec2 p = ImGui::GetCursorScreenPos();
      card_background(p, ImVec2(w, theme.px(200)), theme, theme.surface);
      put_text_centered(FontSize::large, p, ImVec2(w, theme.px(200)), theme.text_muted, view.empty_text);
      ImGui::Dummy(ImVec2(w, theme.px(200)));
    }
    // Masonry: each card goes to the shortest column.
    const float gap = theme.px(18);
    const int columns = narrow ? 1 : std::min<int>(std::max<std::size_t>(view.cards.size(), 1), 2);
    const float col_w = std::floor((w - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns));
    const ImVec2 start = ImGui::GetCursorScreenPos();
    std::vector<float> bottoms(static_cast<std::size_t>(columns), start.y);
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
  const float add_x = origin.x + pad + waiter_w + bill_w + theme.px(28);
  if (button_at("##addmore", ImVec2(add_x, by), ImVec2(origin.x + full.x - pad - add_x, bh), view.add_more, look,
                theme)) {
    intent = go(Screen::menu);
  }
  note_target("add_more");
  return intent;
}

Intent draw_bill(const BillView& view, const ui::Theme& theme, const ScreenStyle& style) {
  const HeaderResult header = draw_header(view.header, theme, style);
  Intent intent = header.intent;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const ImVec2 origin = viewport->WorkPos;
  const ImVec2 full = viewport->WorkSize;
  const float pad = theme.px(24);
  const float top = origin.y + header.height;
  const float w = std::min(theme.px(860), full.x - 2 * pad);
  const float x = origin.x + (full.x - w) * 0.5f;

  ImGui::SetCursorScreenPos(ImVec2(x - pad, top));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(pad, pad));
  ImGui::BeginChild("##bill", ImVec2(w + 2 * pad, full.y - header.height), false,
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
        put_text(FontSize::body, p, theme.text_muted, line.qty);
        put_text(FontSize::body, ImVec2(p.x + theme.px(56), p.y), theme.text, line.name);
        const ImVec2 t = measure(FontSize::body, line.amount);
        put_text(FontSize::body, ImVec2(p.x + inner - t.x, p.y), line.free ? theme.text_muted : theme.text,
                 line.amount);
        if (line.free) {
          ImGui::GetWindowDrawList()->AddLine(ImVec2(p.x + inner - t.x, p.y + t.y * 0.55f),
                                              ImVec2(p.x + inner, p.y + t.y * 0.55f), to_u32(theme.text_muted),
                                              theme.px(1.5f));
          chip(ImVec2(p.x + inner - t.x - measure(FontSize::small, line.free_text).x - theme.px(28), p.y),
               line.free_text, theme.success, theme.on_primary, theme);
        }
        ImGui::Dummy(ImVec2(inner, t.y + theme.px(4)));
      }
      if (order.compensation) {
        const ImVec2 p = ImGui::GetCursorScreenPos();
        put_text(FontSize::body, ImVec2(p.x + theme.px(56), p.y), theme.success, view.compensation_label);
        const ImVec2 t = measure(FontSize::body, *order.compensation);
        put_text(FontSize::body, ImVec2(p.x + inner - t.x, p.y), theme.success, *order.compensation, true);
        ImGui::Dummy(ImVec2(inner, t.y + theme.px(4)));
      }
      const ImVec2 p = ImGui::GetCursorScreenPos();
      fill(ImVec2(p.x, p.y + theme.px(4)), ImVec2(inner, theme.px(1)), theme.border, 0.0f);
      ImGui::Dummy(ImVec2(inner, theme.px(12)));
    }
    auto total_row = [&](const std::string& label, const std::string& value, ImVec4 color, FontSize font, bool bold) {
      const ImVec2 p = ImGui::GetCursorScreenPos();
      const ImVec2 t = measure(font, value);
      put_text(font, ImVec2(p.x, p.y + (t.y - measure(font, label).y)), color, label, bold);
      put_text(font, ImVec2(p.x + inner - t.x, p.y), color, value, bold);
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
  }
  ImGui::EndChild();
  return intent;
}

Intent draw_counter_done(const CounterDoneView& view, const ui::Theme& theme, const ScreenStyle& style) {
  const HeaderResult header = draw_header(view.header, theme, style);
  Intent intent = header.intent;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const ImVec2 origin = viewport->WorkPos;
  const ImVec2 full = viewport->WorkSize;
  const bool narrow = narrow_layout(theme);
  const float pad = theme.px(32);
  const float top = origin.y + header.height + pad;
  const float body_h = full.y - header.height - 2 * pad;

  // Left (or top): the pickup number on a red ticket.
  const float ticket_w = narrow ? full.x - 2 * pad : (full.x - 3 * pad) * 0.42f;
  const float ticket_h = narrow ? body_h * 0.36f : body_h;
  const ImVec2 tp(origin.x + pad, top);
  card_background(tp, ImVec2(ticket_w, ticket_h), theme, theme.primary);
  const ImVec2 title = measure(FontSize::large, view.pickup_title);
  put_text(FontSize::large, ImVec2(tp.x + (ticket_w - title.x) * 0.5f, tp.y + theme.px(28)),
           ui::with_alpha(theme.on_primary, 0.9f), view.pickup_title, true);
  {
    ImFont* big = font_of(FontSize::huge);
    const float size = std::min(ticket_h * 0.5f, big->FontSize * 2.0f);
    const ImVec2 t = big->CalcTextSizeA(size, FLT_MAX, 0.0f, view.pickup_number.c_str());
    ImGui::GetWindowDrawList()->AddText(
        big, size, ImVec2(std::round(tp.x + (ticket_w - t.x) * 0.5f), std::round(tp.y + (ticket_h - t.y) * 0.5f)),
        to_u32(theme.on_primary), view.pickup_number.c_str());
  }
  const ImVec2 hint = measure(FontSize::body, view.hint, ticket_w - theme.px(48));
  put_text(FontSize::body, ImVec2(tp.x + theme.px(24), tp.y + ticket_h - hint.y - theme.px(28)), theme.on_primary,
           view.hint, false, ticket_w - theme.px(48));

  // Right (or below): the order's live card, then "done".
  const float cx = narrow ? origin.x + pad : tp.x + ticket_w + pad;
  const float cy = narrow ? top + ticket_h + pad : top;
  const float cw = narrow ? full.x - 2 * pad : full.x - ticket_w - 3 * pad;
  if (view.card) {
    float height = 0.0f;
    keep(intent, draw_order_card(*view.card, ImVec2(cx, cy), cw, theme, height, false));
  }
  const float button_h = theme.px(84);
  const float by = origin.y + full.y - pad - button_h;
  ButtonLook look = primary(theme, FontSize::title);
  look.rounding = button_h * 0.5f;
  const ImVec2 rt = measure(FontSize::body, view.resets_in);
  put_text(FontSize::body, ImVec2(cx + (cw - rt.x) * 0.5f, by - rt.y - theme.px(12)), theme.text_muted, view.resets_in);
  if (button_at("##done", ImVec2(cx, by), ImVec2(cw, button_h), view.done_button, look, theme)) {
    intent = simple(Action::next_guest);
  }
  note_target("done");
  (void)style;
  return intent;
}

}  // namespace hourglass::kiosk
