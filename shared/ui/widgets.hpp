#pragma once
// Widgets shared by the kiosk, the kitchen display and the manager console.
// They are dumb: they draw what they are given (text is formatted by the
// caller's view-model) and return what the user did. Colours and sizes come
// from the Theme that Shell::theme() returns (already scaled).

#include <imgui.h>

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>

#include "shared/ui/fonts.hpp"
#include "shared/ui/theme.hpp"

namespace hourglass::ui {

// The full-screen window a program draws into: no title bar, no resize grip,
// no move, padding from the theme, covering the whole display. It draws no
// background of its own: the Shell clears every frame with
// Shell::theme().background (so set the theme on the Shell, not only here),
// which is ~20x cheaper than a full-screen quad on the software renderer.
// `RootWindow root{"kds", frame.theme};`
class RootWindow {
 public:
  RootWindow(const char* id, const Theme& theme);
  ~RootWindow();
  RootWindow(const RootWindow&) = delete;
  RootWindow& operator=(const RootWindow&) = delete;
};

struct CardStyle {
  float width = 0.0f;             // 0: all the available width
  float min_height = 0.0f;        // the card grows with its content past this
  ImVec4 background{0, 0, 0, 0};  // alpha 0: theme.surface
  ImVec4 border{0, 0, 0, 0};      // alpha 0: no outline
  float border_thickness = 0.0f;  // logical px; 0 with a border colour: 2 px
  // A coloured strip down the left edge (ticket state, category colour);
  // alpha 0: none.
  ImVec4 stripe{0, 0, 0, 0};
};

// A rounded, padded panel whose height follows its content. Draw the content
// between construction and destruction; the background is laid under it
// afterwards (draw-list channels), so no height has to be known up front.
// Inside, the available width (GetContentRegionAvail, text_right, wrapping,
// countdown and full-width buttons) is the card's, not the window's.
class Card {
 public:
  Card(const char* id, const Theme& theme, const CardStyle& style = {});
  ~Card();
  Card(const Card&) = delete;
  Card& operator=(const Card&) = delete;
  // Width available to content inside the padding.
  float content_width() const { return content_width_; }

 private:
  const Theme& theme_;
  CardStyle style_;
  ImDrawListSplitter splitter_;
  ImVec2 origin_;
  float width_ = 0.0f;
  float content_width_ = 0.0f;
  // The window's right content edges, narrowed to the card while it is open.
  float saved_work_max_x_ = 0.0f;
  float saved_content_max_x_ = 0.0f;
};

struct ButtonStyle {
  ImVec4 color{0, 0, 0, 0};       // alpha 0: theme.primary
  ImVec4 text_color{0, 0, 0, 0};  // alpha 0: theme.on_primary
  FontSize font = FontSize::large;
  bool enabled = true;
};

// A big touch button: at least theme.touch_height high, coloured, rounded.
// size.x == 0: fit the label; size.x < 0: fill the available width.
// Returns true when clicked (released over it).
bool big_button(const char* label, const Theme& theme, ImVec2 size = {0, 0}, const ButtonStyle& style = {});

// A pill (category tab, station filter, status chip). Selected: filled with
// `color` (alpha 0: theme.primary); not selected: outlined, muted text.
// Returns true when clicked.
bool pill(const char* label, bool selected, const Theme& theme, ImVec4 color = {0, 0, 0, 0},
          FontSize font = FontSize::body);

struct CountdownSpec {
  // The text to show: "07:42" or "LATE 01:05"; the caller's view-model
  // formats it (and chooses the wording and language).
  std::string_view text;
  std::int64_t remaining_ms = 0;  // negative once late
  std::int64_t total_ms = 1;      // the promise (e.g. 15 min) for the bar
  // Colour by risk chosen by the caller (theme.success / warning / danger);
  // alpha 0: theme.text. Once late the widget uses theme.late regardless.
  ImVec4 color{0, 0, 0, 0};
  FontSize font = FontSize::huge;
  float width = 0.0f;        // 0: the available width
  float bar_height = 10.0f;  // logical px
};

// Large mm:ss text plus a bar draining from full to empty over total_ms.
// Late: the text in theme.late, the bar empty with a danger outline.
void countdown(const CountdownSpec& spec, const Theme& theme);

// Fraction of the bar that is full for (remaining, total): 1 at the start, 0
// at or after the deadline, clamped. Pure, for tests.
float countdown_fraction(std::int64_t remaining_ms, std::int64_t total_ms);

// A full-width coloured strip with centred text ("Offline — reconnecting…").
void banner(std::string_view text, ImVec4 background, ImVec4 text_color, const Theme& theme,
            FontSize font = FontSize::body);

// Text helpers.
void text(std::string_view text, ImVec4 color, FontSize font = FontSize::body);
// `text` cut at a code point and ended with "…" so that it fits `max_width`
// pixels in `font` (the current font when that size is not loaded);
// unchanged when it fits.
std::string elide(std::string_view text, FontSize font, float max_width);
// text() that never draws past `max_width` (default: the space left on the
// line): a long name is cut with "…" rather than run into its neighbour.
void text_fitted(std::string_view text, ImVec4 color, FontSize font = FontSize::body, float max_width = 0.0f);
// Right-aligned so its right edge is at the right of the available region (or
// at `right_edge` when given, in window-local x): money columns.
void text_right(std::string_view text, ImVec4 color, float right_edge = 0.0f, FontSize font = FontSize::body);
void text_centered(std::string_view text, ImVec4 color, FontSize font = FontSize::body);
// wqy-microhei has no bold face: draws twice, 1 px apart (scaled).
void text_bold(std::string_view text, ImVec4 color, FontSize font = FontSize::body);

// AddRectFilled with rounding, drawn as straight bands plus four small corner
// fans. ImGui fans a rounded rectangle from one corner, and SDL's software
// renderer rasterises each triangle's whole bounding box: a 1280x300 rounded
// rect costs ~15 ms a frame that way, ~1.6 ms this way. (Shell's renderer,
// sdl_render.hpp, now scan-converts such fans into a few fills, so a plain
// rounded AddRectFilled is as cheap; this stays for the screens using it.)
// `corners` as ImDrawFlags_RoundCorners* (0: all).
void fill_rounded_rect(ImDrawList* draw_list, ImVec2 min, ImVec2 max, ImU32 color, float rounding,
                       ImDrawFlags corners = 0);

enum class ToastKind { info, success, warning, error };

// Short messages stacked at the bottom centre of the screen, newest at the
// bottom, each disappearing after its duration. Holds only its queue; time is
// passed in (the program's clock), never read here.
class ToastStack {
 public:
  void push(std::string text, ToastKind kind, std::int64_t now_ms, std::int64_t duration_ms = 4000);
  // Drops expired toasts and draws the rest above every window.
  void draw(std::int64_t now_ms, const Theme& theme);
  std::size_t size() const { return toasts_.size(); }
  void clear() { toasts_.clear(); }
  // What is queued, oldest first (for tests and logs).
  std::vector<std::string> texts() const;
  // When the next toast disappears (the clock push was given): the screen
  // needs a frame then. Nothing when none is shown.
  std::optional<std::int64_t> next_expiry_ms() const;

 private:
  struct Toast {
    std::string text;
    ToastKind kind;
    std::int64_t expires_ms;
  };
  std::deque<Toast> toasts_;
  static constexpr std::size_t max_toasts = 5;
};

}  // namespace hourglass::ui
