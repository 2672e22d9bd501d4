#include "shared/ui/draw_primitives.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>

#include "shared/ui/theme.hpp"

namespace hourglass::ui {

namespace {

ImVec2 add(ImVec2 a, ImVec2 b) { return ImVec2(a.x + b.x, a.y + b.y); }

float line_width(ImFont* font, std::string_view s) {
  return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, s.data(), s.data() + s.size()).x;
}

}  // namespace

ImVec2 measure_text(FontSize size, std::string_view s, float wrap) {
  ImFont* f = font(size);
  return f->CalcTextSizeA(f->FontSize, FLT_MAX, wrap, s.data(), s.data() + s.size());
}

ImVec2 draw_text(FontSize size, ImVec2 pos, ImVec4 color, std::string_view s, bool bold, float wrap) {
  ImFont* f = font(size);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const char* begin = s.data();
  const char* end = s.data() + s.size();
  draw->AddText(f, f->FontSize, pos, to_u32(color), begin, end, wrap);
  if (bold) {
    const float offset = std::max(1.0f, std::round(f->FontSize / 36.0f));
    draw->AddText(f, f->FontSize, ImVec2(pos.x + offset, pos.y), to_u32(color), begin, end, wrap);
  }
  return measure_text(size, s, wrap);
}

void draw_text_centered(FontSize size, ImVec2 min, ImVec2 box, ImVec4 color, std::string_view s, bool bold) {
  const ImVec2 t = measure_text(size, s);
  draw_text(size, ImVec2(std::round(min.x + (box.x - t.x) * 0.5f), std::round(min.y + (box.y - t.y) * 0.5f)), color, s,
            bold);
}

std::string ellipsize(FontSize size, std::string_view s, float max_width) {
  ImFont* f = font(size);
  if (line_width(f, s) <= max_width) return std::string(s);
  std::string shown(s);
  while (!shown.empty()) {
    // Drop one UTF-8 code point from the end.
    std::size_t cut = shown.size() - 1;
    while (cut > 0 && (static_cast<unsigned char>(shown[cut]) & 0xC0) == 0x80) --cut;
    shown.erase(cut);
    while (!shown.empty() && shown.back() == ' ') shown.pop_back();
    const std::string candidate = shown + "…";
    if (line_width(f, candidate) <= max_width) return candidate;
  }
  return "…";
}

FontSize fit_font(std::string_view s, float max_width, FontSize largest, FontSize smallest) {
  auto index = static_cast<std::size_t>(largest);
  const auto last = static_cast<std::size_t>(smallest);
  for (; index > last; --index) {
    if (line_width(font(static_cast<FontSize>(index)), s) <= max_width) break;
  }
  return static_cast<FontSize>(index);
}

void fill_rect(ImVec2 min, ImVec2 size, ImVec4 color, float rounding, ImDrawFlags flags) {
  ImGui::GetWindowDrawList()->AddRectFilled(min, add(min, size), to_u32(color), rounding, flags);
}

void outline_rect(ImVec2 min, ImVec2 size, ImVec4 color, float rounding, float thickness) {
  ImGui::GetWindowDrawList()->AddRect(min, add(min, size), to_u32(color), rounding, 0, thickness);
}

ImVec2 chip_size(std::string_view label, const Theme& theme, FontSize font) {
  const ImVec2 t = measure_text(font, label);
  return ImVec2(t.x + theme.px(16), t.y + theme.px(6));
}

float draw_chip(ImVec2 pos, std::string_view label, ImVec4 background, ImVec4 text, const Theme& theme, FontSize font) {
  const ImVec2 size = chip_size(label, theme, font);
  fill_rect(pos, size, background, size.y * 0.5f);
  draw_text(font, ImVec2(pos.x + theme.px(8), pos.y + theme.px(3)), text, label);
  return size.x;
}

}  // namespace hourglass::ui
