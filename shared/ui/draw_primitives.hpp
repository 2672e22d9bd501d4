#pragma once
// Drawing at absolute screen positions into the current window's draw list:
// text (measured, wrapped, centred, fitted), filled and outlined rounded
// rectangles, and chips. The kiosk's screens are laid out by hand, in pixels,
// rather than by ImGui's cursor; these are the bricks they share, and that
// the kitchen display can share.

#include <imgui.h>

#include <string>
#include <string_view>

#include "shared/ui/fonts.hpp"
#include "shared/ui/theme.hpp"

namespace hourglass::ui {

// The size `s` takes in `size`; with `wrap` > 0, wrapped to that width.
ImVec2 measure_text(FontSize size, std::string_view s, float wrap = 0.0f);

// Draws `s` at `pos` (screen coordinates) and returns its size; with `wrap`
// > 0, wrapped to that width. Bold draws it twice, 1 px apart (scaled),
// because wqy-microhei has no bold face.
ImVec2 draw_text(FontSize size, ImVec2 pos, ImVec4 color, std::string_view s, bool bold = false, float wrap = 0.0f);

// One line centred in the box [min, min + box].
void draw_text_centered(FontSize size, ImVec2 min, ImVec2 box, ImVec4 color, std::string_view s, bool bold = false);

// `s` cut at a code point and ended with "…" so it fits in `max_width`; `s`
// itself when it fits.
std::string ellipsize(FontSize size, std::string_view s, float max_width);

// The largest of `largest`, `largest - 1`, ... `smallest` in which `s` fits
// on one line in `max_width`; `smallest` when none does.
FontSize fit_font(std::string_view s, float max_width, FontSize largest, FontSize smallest);

// A filled rectangle; shared/ui's renderer draws the inside of a rounded
// rectangle as a few SDL fills on the software renderer. `flags` as
// ImDrawFlags_RoundCorners* (0: all corners).
void fill_rect(ImVec2 min, ImVec2 size, ImVec4 color, float rounding, ImDrawFlags flags = 0);
void outline_rect(ImVec2 min, ImVec2 size, ImVec4 color, float rounding, float thickness);

// A small rounded label: the text padded 8 px left and right, 3 px above and
// below (scaled), on a pill of `background`.
ImVec2 chip_size(std::string_view label, const Theme& theme, FontSize font = FontSize::small);
// Draws the chip at `pos`; returns its width.
float draw_chip(ImVec2 pos, std::string_view label, ImVec4 background, ImVec4 text, const Theme& theme,
                FontSize font = FontSize::small);

}  // namespace hourglass::ui
