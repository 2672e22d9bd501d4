#include "shared/ui/fonts.hpp"

namespace hourglass::ui {

namespace {

// Symbols a UI string may use even when the caller forgot to pass it:
// money (¥ ￥), ×, dashes and ellipsis (— …), quotes, bullets, arrows,
// check marks, CJK punctuation (，。、：「」) and full-width forms.
constexpr ImWchar base_ranges[] = {
    0x0020, 0x00FF,  // ASCII + Latin-1 (¥ × · °)
    0x2000, 0x206F,  // general punctuation (— – … • ‘ ’ “ ”)
    0x20A0, 0x20CF,  // currency symbols
    0x2190, 0x21FF,  // arrows
    0x2212, 0x2212,  // minus sign
    0x25A0, 0x25FF,  // geometric shapes (● ▲ ■)
    0x2713, 0x2717,  // check and cross marks
    0x3000, 0x303F,  // CJK symbols and punctuation
    0xFF00, 0xFFEF,  // full-width forms (， ： （ ） ￥)
    0,
};

}  // namespace

float FontSizes::operator[](FontSize size) const {
  switch (size) {
    case FontSize::small:
      return small;
    case FontSize::body:
      return body;
    case FontSize::large:
      return large;
    case FontSize::title:
      return title;
    case FontSize::huge:
      return huge;
  }
  return body;
}

std::vector<ImWchar> build_glyph_ranges(std::span<const std::string> strings) {
  ImFontGlyphRangesBuilder builder;
  builder.AddRanges(base_ranges);
  for (const std::string& s : strings) {
    builder.AddText(s.data(), s.data() + s.size());
  }
  ImVector<ImWchar> built;
  builder.BuildRanges(&built);
  return std::vector<ImWchar>(built.begin(), built.end());
}

std::vector<ImWchar> build_typed_text_glyph_ranges(std::span<const std::string> strings) {
  ImFontGlyphRangesBuilder builder;
  builder.AddRanges(base_ranges);
  // Needs no live context: the table is static data inside ImGui.
  ImFontAtlas scratch;
  builder.AddRanges(scratch.GetGlyphRangesChineseSimplifiedCommon());
  for (const std::string& s : strings) {
    builder.AddText(s.data(), s.data() + s.size());
  }
  ImVector<ImWchar> built;
  builder.BuildRanges(&built);
  return std::vector<ImWchar>(built.begin(), built.end());
}

bool ranges_contain(std::span<const ImWchar> ranges, ImWchar code_point) {
  for (std::size_t i = 0; i + 1 < ranges.size() && ranges[i] != 0; i += 2) {
    if (code_point >= ranges[i] && code_point <= ranges[i + 1]) return true;
  }
  return false;
}

ImFont* font(FontSize size) {
  if (ImGui::GetCurrentContext() == nullptr) return nullptr;
  const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  const auto index = static_cast<int>(size);
  if (index < atlas->Fonts.Size) return atlas->Fonts[index];
  return nullptr;  // PushFont(nullptr) pushes the default font
}

FontScope::FontScope(FontSize size) { ImGui::PushFont(font(size)); }
FontScope::~FontScope() { ImGui::PopFont(); }

}  // namespace hourglass::ui
