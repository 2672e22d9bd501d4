#pragma once
// Colours and spacing of one program's look, applied to ImGui's style in one
// place so the three programs look like products and not like debug tools.

#include <imgui.h>

#include <cstdint>
#include <string>

namespace hourglass::ui {

// 0xRRGGBB (opaque) to an ImGui colour; the themes are written in hex because
// that is how designers hand colours over.
ImVec4 rgb(std::uint32_t hex, float alpha = 1.0f);
// Linear mix: t = 0 gives a, t = 1 gives b (alpha mixed too).
ImVec4 mix(const ImVec4& a, const ImVec4& b, float t);
ImVec4 with_alpha(const ImVec4& c, float alpha);
ImU32 to_u32(const ImVec4& c);

struct Theme {
  std::string name;

  ImVec4 background;   // the root window (replaces ImGui's grey)
  ImVec4 surface;      // cards, panels
  ImVec4 surface_alt;  // hovered rows, secondary panels, empty bar track
  ImVec4 border;       // card outlines, separators
  ImVec4 text;         // body text
  ImVec4 text_muted;   // captions, secondary text
  ImVec4 primary;      // main action, selected tab
  ImVec4 on_primary;   // text drawn on primary / on coloured buttons
  ImVec4 accent;       // highlights (prices, badges)
  ImVec4 success;      // served / ready / on time
  ImVec4 warning;      // amber: at risk
  ImVec4 danger;       // red: breach, destructive action
  ImVec4 late;         // countdown text once the deadline has passed

  // Sizes in logical pixels at scale 1. Shell::theme() returns a copy with
  // `scale` set and these multiplied, so widgets only read them.
  float rounding = 8.0f;       // cards, buttons, pills
  float spacing = 10.0f;       // between items
  float padding = 14.0f;       // inside cards and the root window
  float touch_height = 48.0f;  // minimum height of a touch button
  float scale = 1.0f;

  // A logical size in pixels at this theme's scale (e.g. theme.px(48)).
  float px(float logical) const { return logical * scale; }
};

// Diner kiosk / table tablet: warm cream background, deep Chinese-restaurant
// red, rounded cards, generous spacing.
Theme warm_theme();
// Kitchen wall screen read from 2 m: dark, high contrast.
Theme kitchen_theme();
// Manager console: calm, light, business-tool look.
Theme office_theme();

// The same theme with its sizes multiplied by `scale` (and scale recorded).
Theme scaled(const Theme& theme, float scale);
// Writes the theme's colours and (already scaled) sizes into `style`.
void apply_theme(const Theme& theme, ImGuiStyle& style);

}  // namespace hourglass::ui
