#pragma once
// Fonts: one face (WenQuanYi Micro Hei, Chinese + Latin) loaded at a few pixel
// sizes, with glyph ranges built from the strings the program will show so no
// dish name renders as '?', and without a 128 MiB full-CJK atlas.

#include <imgui.h>

#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hourglass::ui {

inline constexpr const char* default_font_path = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

// The font sizes a program can use. The atlas holds one font per entry, in
// this order (Shell relies on it: font(size) is Fonts[index]).
enum class FontSize : std::size_t { small, body, large, title, huge };
inline constexpr std::size_t font_size_count = 5;

// Pixel sizes at scale 1, per program (the kitchen display wants bigger
// countdowns than the kiosk, for example).
struct FontSizes {
  float small = 18.0f;
  float body = 22.0f;
  float large = 30.0f;
  float title = 40.0f;
  float huge = 64.0f;

  float operator[](FontSize size) const;
};

// Glyph ranges (ImGui's zero-terminated pairs) covering ASCII, Latin-1,
// general punctuation (— … • ‘’ “”), arrows, ×, ¥/￥, CJK punctuation and
// full-width forms, plus every character of `strings`. Pure: needs no ImGui
// context, so it is unit-tested directly.
std::vector<ImWchar> build_glyph_ranges(std::span<const std::string> strings);
// The same plus the ~2,500 most common simplified Chinese characters, for the
// text sizes that show what people type (a diner's note "少辣", a comp
// reason): those are not known when the atlas is built.
std::vector<ImWchar> build_typed_text_glyph_ranges(std::span<const std::string> strings);
// True when `ranges` (as built above) contain the code point.
bool ranges_contain(std::span<const ImWchar> ranges, ImWchar code_point);

// The font loaded for `size` in the current ImGui context (the default font
// if the atlas was not built by Shell).
ImFont* font(FontSize size);

// Pushes a font for a scope: `FontScope big{FontSize::large};`.
class FontScope {
 public:
  explicit FontScope(FontSize size);
  ~FontScope();
  FontScope(const FontScope&) = delete;
  FontScope& operator=(const FontScope&) = delete;
};

}  // namespace hourglass::ui
