#include "shared/ui/draw_primitives.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <vector>

#include "shared/ui/text_wrap.hpp"
#include "shared/ui/theme.hpp"

namespace hourglass::ui {

namespace {

ImVec2 add(ImVec2 a, ImVec2 b) { return ImVec2(a.x + b.x, a.y + b.y); }

float line_width(ImFont* font, std::string_view s) {
  return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, s.data(), s.data() + s.size()).x;
}

// Our own line breaks (text_wrap.hpp), not ImGui's: ImGui breaks after '.'
// and inside numbers.
std::vector<std::string_view> lines_of(ImFont* f, std::string_view s, float wrap) {
  return wrap_lines(s, wrap, [f](std::string_view line) { return line_width(f, line); });
}

}  // namespace

ImVec2 measure_text(FontSize size, std::string_view s, float wrap) {
  ImFont* f = font(size);
  if (wrap <= 0.0f) return f->CalcTextSizeA(f->FontSize, FLT_MAX, 0.0f, s.data(), s.data() + s.size());
  const std::vector<std::string_view> lines = lines_of(f, s, wrap);
  float width = 0.0f;
  for (std::string_view line : lines) width = std::max(width, line_width(f, line));
  return ImVec2(width, f->FontSize * static_cast<float>(lines.size()));
}

ImVec2 draw_text(FontSize size, ImVec2 pos, ImVec4 color, std::string_view s, bool bold, float wrap) {
  ImFont* f = font(size);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImU32 col = to_u32(color);
  const float offset = std::max(1.0f, std::round(f->FontSize / 36.0f));
  auto put = [&](ImVec2 at, std::string_view line) {
    draw->AddText(f, f->FontSize, at, col, line.data(), line.data() + line.size());
    if (bold) draw->AddText(f, f->FontSize, ImVec2(at.x + offset, at.y), col, line.data(), line.data() + line.size());
  };
  if (wrap <= 0.0f) {
    put(pos, s);
    return measure_text(size, s);
  }
  const std::vector<std::string_view> lines = lines_of(f, s, wrap);
  float width = 0.0f;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    put(ImVec2(pos.x, pos.y + f->FontSize * static_cast<float>(i)), lines[i]);
    width = std::max(width, line_width(f, lines[i]));
  }
  return ImVec2(width, f->FontSize * static_cast<float>(lines.size()));
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
