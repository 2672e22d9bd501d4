// The kiosk's shared screen parts: colours, buttons, marks, intent helpers.
#include "kiosk/screen_parts.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>

namespace hourglass::kiosk {

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

namespace {

DrawHooks* hooks() { return static_cast<DrawHooks*>(ImGui::GetIO().UserData); }

}  // namespace

void note_target(std::string key) {
  DrawHooks* h = hooks();
  TouchTargets* targets = h != nullptr ? h->targets : nullptr;
  if (targets != nullptr)
    targets->items.push_back(TouchTarget{std::move(key), ImGui::GetItemRectMin(), ImGui::GetItemRectMax()});
}

void note_region(std::string key, ImVec2 min, ImVec2 max) {
  DrawHooks* h = hooks();
  if (h != nullptr && h->targets != nullptr) h->targets->items.push_back(TouchTarget{std::move(key), min, max});
}

// A soft card: shadow plus a rounded white panel.
void card_background(ImVec2 min, ImVec2 size, const ui::Theme& theme, ImVec4 background) {
  const KioskColors colors = kiosk_colors(theme);
  // Only the band below the card: a full-size shadow would double the
  // pixels the software renderer blends for every card.
  const float band = theme.rounding + theme.px(3);
  ui::fill_rect(ImVec2(min.x, min.y + size.y - theme.rounding), ImVec2(size.x, band), colors.shadow, theme.rounding,
                ImDrawFlags_RoundCornersBottom);
  ui::fill_rect(min, size, background, theme.rounding);
}

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
      ui::fill_rect(pos, size, color, rounding);
      break;
    case ButtonKind::outlined:
      ui::fill_rect(pos, size, held ? ui::mix(theme.surface, color, 0.15f) : theme.surface, rounding);
      ui::outline_rect(pos, size, color, rounding, theme.px(2));
      break;
    case ButtonKind::ghost:
      if (held) ui::fill_rect(pos, size, ui::with_alpha(color, 0.12f), rounding);
      break;
  }
  const ImVec4 text = look.enabled                   ? look.text
                      : look.disabled_color.w > 0.0f ? ui::with_alpha(look.text, 0.45f)
                                                     : theme.text_muted;
  ui::draw_text_centered(look.font, pos, size, text, label, look.bold);
  return clicked && look.enabled;
}

ButtonLook primary(const ui::Theme& theme, FontSize font) {
  return ButtonLook{theme.primary, theme.on_primary, ButtonKind::filled, font};
}
ButtonLook secondary(const ui::Theme& theme, FontSize font) {
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
  ui::fill_rect(pos, ImVec2(size, size), theme.primary, theme.px(10));
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

Intent simple(Action action, std::string id) {
  Intent intent;
  intent.action = action;
  intent.id = std::move(id);
  return intent;
}

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

}  // namespace hourglass::kiosk
