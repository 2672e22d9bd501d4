#pragma once
// What the kiosk's screens share: its colours, its buttons and marks, the
// header, the order card and the apology banner, and the small intent
// helpers. Internal to the screens (kiosk/*_screen.cpp); the app sees only
// kiosk_screens.hpp.

#include <imgui.h>

#include <string>
#include <string_view>

#include "kiosk/kiosk_screens.hpp"
#include "kiosk/kiosk_view_model.hpp"
#include "shared/ui/draw_primitives.hpp"
#include "shared/ui/fonts.hpp"
#include "shared/ui/theme.hpp"
#include "shared/ui/widgets.hpp"

namespace hourglass::kiosk {

using ui::FontSize;
using ui::to_u32;

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
KioskColors kiosk_colors(const ui::Theme& theme);

// Records the last item under `key` when a test asked for touch targets.
void note_target(std::string key);
// Records a drawn region that is not a button (the header clock) the same way.
void note_region(std::string key, ImVec2 min, ImVec2 max);

// A soft card: shadow plus a rounded panel.
void card_background(ImVec2 min, ImVec2 size, const ui::Theme& theme, ImVec4 background);

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
               const ui::Theme& theme);
ButtonLook primary(const ui::Theme& theme, FontSize font = FontSize::large);
ButtonLook secondary(const ui::Theme& theme, FontSize font = FontSize::body);
// A round button ("+", "−") with its centre at `center`.
bool round_button(const char* id, ImVec2 center, float radius, std::string_view label, bool filled,
                  const ui::Theme& theme);

// Small chillies drawn as strokes (no emoji in the font); returns the width.
float chillies(ImVec2 pos, int count, const ui::Theme& theme);
// The hourglass mark: two triangles in a red seal.
void hourglass_seal(ImVec2 pos, float size, const ui::Theme& theme);

bool narrow_layout(const ui::Theme& theme);
// Drag to scroll the current child window, as a finger expects.
void touch_scroll();

// Keeps the first intent of a frame.
void keep(Intent& result, Intent candidate);
Intent go(Screen screen);
Intent simple(Action action, std::string id = {});

// The header on every screen (and the offline or error strip under it).
struct HeaderResult {
  float height = 0.0f;
  Intent intent;
};
HeaderResult draw_header(const HeaderView& view, const ui::Theme& theme, const ScreenStyle& style);

// How every screen starts: the header drawn, then the room below it.
struct ScreenArea {
  Intent intent;  // the header's own (language, waiter, tabs)
  ImVec2 origin;  // the viewport's work area
  ImVec2 full;
  float header_height = 0.0f;
  bool narrow = false;  // a portrait tablet
};
ScreenArea begin_screen(const HeaderView& header, const ui::Theme& theme, const ScreenStyle& style);

// The dish detail over the menu.
Intent draw_detail(const DetailView& detail, NoteEdit& note, const ui::Theme& theme);

// An order card: countdown, bar, the dishes and their states. Returns the
// intent (rush) and the card's height through `height`.
Intent draw_order_card(const OrderCardView& card, ImVec2 pos, float width, const ui::Theme& theme, float& height,
                       bool show_rush);
// The red "sorry" strip at the cursor, `width` wide.
// An order on its way to the kitchen (no countdown yet). Returns its height.
float draw_pending_card(const PendingCardView& card, ImVec2 pos, float width, const ui::Theme& theme);
void apology_banner(const std::string& text, const ui::Theme& theme, float width);

}  // namespace hourglass::kiosk
