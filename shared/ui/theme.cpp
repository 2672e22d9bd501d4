#include "shared/ui/theme.hpp"

#include <algorithm>

namespace hourglass::ui {

ImVec4 rgb(std::uint32_t hex, float alpha) {
  return ImVec4(static_cast<float>((hex >> 16) & 0xFF) / 255.0f, static_cast<float>((hex >> 8) & 0xFF) / 255.0f,
                static_cast<float>(hex & 0xFF) / 255.0f, alpha);
}

ImVec4 mix(const ImVec4& a, const ImVec4& b, float t) {
  t = std::clamp(t, 0.0f, 1.0f);
  return ImVec4(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t, a.z + (b.z - a.z) * t, a.w + (b.w - a.w) * t);
}

ImVec4 with_alpha(const ImVec4& c, float alpha) { return ImVec4(c.x, c.y, c.z, alpha); }

ImU32 to_u32(const ImVec4& c) { return ImGui::ColorConvertFloat4ToU32(c); }

Theme warm_theme() {
  Theme t;
  t.name = "warm";
  t.background = rgb(0xFBF5EC);  // warm cream
  t.surface = rgb(0xFFFFFF);
  t.surface_alt = rgb(0xF3E8D8);
  t.border = rgb(0xE6D5BE);
  t.text = rgb(0x2B1D16);  // deep brown-black, softer than pure black
  t.text_muted = rgb(0x8A7565);
  t.primary = rgb(0xB3261E);  // Chinese-restaurant red
  t.on_primary = rgb(0xFFFFFF);
  t.accent = rgb(0xC8860D);  // gold, for prices and badges
  t.success = rgb(0x2E7D32);
  t.warning = rgb(0xE08A00);
  t.danger = rgb(0xC62828);
  t.late = rgb(0xC62828);
  t.rounding = 14.0f;
  t.spacing = 14.0f;
  t.padding = 20.0f;
  t.touch_height = 56.0f;  // diners' fingers, often in a hurry
  return t;
}

Theme kitchen_theme() {
  Theme t;
  t.name = "kitchen";
  t.background = rgb(0x0E1116);  // near black: readable across a bright kitchen
  t.surface = rgb(0x1B212B);
  t.surface_alt = rgb(0x2A3240);
  t.border = rgb(0x3A4556);
  t.text = rgb(0xF4F6FA);
  t.text_muted = rgb(0xA3AEC0);
  t.primary = rgb(0x2F80ED);
  t.on_primary = rgb(0xFFFFFF);
  t.accent = rgb(0x56CCF2);
  t.success = rgb(0x27C46B);
  t.warning = rgb(0xFFB020);  // amber
  t.danger = rgb(0xFF4D4F);
  t.late = rgb(0xFF4D4F);
  t.rounding = 8.0f;
  t.spacing = 10.0f;
  t.padding = 14.0f;
  t.touch_height = 56.0f;  // greasy fingers, gloves
  return t;
}

Theme office_theme() {
  Theme t;
  t.name = "office";
  t.background = rgb(0xF4F6F9);
  t.surface = rgb(0xFFFFFF);
  t.surface_alt = rgb(0xE9EDF3);
  t.border = rgb(0xD5DCE6);
  t.text = rgb(0x1F2933);
  t.text_muted = rgb(0x66768A);
  t.primary = rgb(0x2F5D8A);  // calm slate blue
  t.on_primary = rgb(0xFFFFFF);
  t.accent = rgb(0x3E7CB1);
  t.success = rgb(0x2F855A);
  t.warning = rgb(0xD69E2E);
  t.danger = rgb(0xC53030);
  t.late = rgb(0xC53030);
  t.rounding = 6.0f;
  t.spacing = 8.0f;
  t.padding = 12.0f;
  t.touch_height = 48.0f;
  return t;
}

Theme scaled(const Theme& theme, float scale) {
  Theme t = theme;
  // Sizes are stored unscaled in the named themes; a theme already scaled is
  // rescaled relative to its own scale.
  const float factor = scale / theme.scale;
  t.rounding *= factor;
  t.spacing *= factor;
  t.padding *= factor;
  t.touch_height *= factor;
  t.scale = scale;
  return t;
}

void apply_theme(const Theme& t, ImGuiStyle& style) {
  // Start from ImGui's defaults at the theme's scale so switching themes at
  // run time does not compound scaling.
  style = ImGuiStyle();
  style.ScaleAllSizes(t.scale);

  style.WindowPadding = ImVec2(t.padding, t.padding);
  style.FramePadding = ImVec2(t.padding * 0.75f, t.padding * 0.45f);
  style.ItemSpacing = ImVec2(t.spacing, t.spacing);
  style.ItemInnerSpacing = ImVec2(t.spacing * 0.6f, t.spacing * 0.6f);
  style.CellPadding = ImVec2(t.spacing * 0.6f, t.spacing * 0.4f);
  style.WindowRounding = 0.0f;
  style.ChildRounding = t.rounding;
  style.FrameRounding = t.rounding;
  style.PopupRounding = t.rounding;
  style.GrabRounding = t.rounding;
  style.TabRounding = t.rounding;
  style.ScrollbarRounding = t.rounding;
  style.ScrollbarSize = t.px(14.0f);  // wide enough to drag with a finger
  style.GrabMinSize = t.px(24.0f);
  style.WindowBorderSize = 0.0f;
  style.ChildBorderSize = 0.0f;
  style.PopupBorderSize = t.px(1.0f);
  style.FrameBorderSize = 0.0f;
  style.TouchExtraPadding = ImVec2(t.px(2.0f), t.px(2.0f));

  ImVec4* c = style.Colors;
  const ImVec4 hover = mix(t.surface_alt, t.primary, 0.15f);
  c[ImGuiCol_Text] = t.text;
  c[ImGuiCol_TextDisabled] = t.text_muted;
  c[ImGuiCol_WindowBg] = t.background;
  c[ImGuiCol_ChildBg] = with_alpha(t.surface, 0.0f);  // cards draw their own
  c[ImGuiCol_PopupBg] = t.surface;
  c[ImGuiCol_Border] = t.border;
  c[ImGuiCol_BorderShadow] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_FrameBg] = t.surface_alt;
  c[ImGuiCol_FrameBgHovered] = hover;
  c[ImGuiCol_FrameBgActive] = mix(t.surface_alt, t.primary, 0.25f);
  c[ImGuiCol_TitleBg] = t.surface;
  c[ImGuiCol_TitleBgActive] = t.surface;
  c[ImGuiCol_TitleBgCollapsed] = t.surface;
  c[ImGuiCol_MenuBarBg] = t.surface;
  c[ImGuiCol_ScrollbarBg] = with_alpha(t.background, 0.0f);
  c[ImGuiCol_ScrollbarGrab] = t.border;
  c[ImGuiCol_ScrollbarGrabHovered] = mix(t.border, t.text_muted, 0.5f);
  c[ImGuiCol_ScrollbarGrabActive] = t.text_muted;
  c[ImGuiCol_CheckMark] = t.primary;
  c[ImGuiCol_SliderGrab] = t.primary;
  c[ImGuiCol_SliderGrabActive] = mix(t.primary, t.text, 0.2f);
  c[ImGuiCol_Button] = t.surface_alt;
  c[ImGuiCol_ButtonHovered] = hover;
  c[ImGuiCol_ButtonActive] = mix(t.surface_alt, t.primary, 0.3f);
  c[ImGuiCol_Header] = mix(t.surface, t.primary, 0.12f);
  c[ImGuiCol_HeaderHovered] = mix(t.surface, t.primary, 0.2f);
  c[ImGuiCol_HeaderActive] = mix(t.surface, t.primary, 0.3f);
  c[ImGuiCol_Separator] = t.border;
  c[ImGuiCol_SeparatorHovered] = t.primary;
  c[ImGuiCol_SeparatorActive] = t.primary;
  c[ImGuiCol_ResizeGrip] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_ResizeGripHovered] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_ResizeGripActive] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_Tab] = t.surface_alt;
  c[ImGuiCol_TabHovered] = hover;
  c[ImGuiCol_TabActive] = t.primary;
  c[ImGuiCol_TabUnfocused] = t.surface_alt;
  c[ImGuiCol_TabUnfocusedActive] = t.primary;
  c[ImGuiCol_PlotLines] = t.primary;
  c[ImGuiCol_PlotLinesHovered] = t.accent;
  c[ImGuiCol_PlotHistogram] = t.primary;
  c[ImGuiCol_PlotHistogramHovered] = t.accent;
  c[ImGuiCol_TableHeaderBg] = t.surface_alt;
  c[ImGuiCol_TableBorderStrong] = t.border;
  c[ImGuiCol_TableBorderLight] = mix(t.border, t.surface, 0.5f);
  c[ImGuiCol_TableRowBg] = with_alpha(t.surface, 0.0f);
  c[ImGuiCol_TableRowBgAlt] = with_alpha(t.surface_alt, 0.5f);
  c[ImGuiCol_TextSelectedBg] = with_alpha(t.primary, 0.35f);
  c[ImGuiCol_DragDropTarget] = t.accent;
  c[ImGuiCol_NavHighlight] = t.primary;
  c[ImGuiCol_NavWindowingHighlight] = t.primary;
  c[ImGuiCol_NavWindowingDimBg] = with_alpha(t.text, 0.2f);
  c[ImGuiCol_ModalWindowDimBg] = with_alpha(rgb(0x000000), 0.45f);
}

}  // namespace hourglass::ui
