#pragma once
// What the kitchen display's screens (the tickets, the 86 list, the expo)
// paint with: text measured and drawn in the display's fonts, chips, and the
// colours of urgency and line states.

#include <imgui.h>

#include <cstddef>
#include <string>
#include <string_view>

#include "kitchen/kds/kds_draw.hpp"
#include "kitchen/kds/kds_layout.hpp"
#include "shared/core/order.hpp"
#include "shared/core/urgency.hpp"
#include "shared/ui/fonts.hpp"
#include "shared/ui/theme.hpp"
#include "shared/words/words.hpp"

namespace hourglass::kitchen {

float font_px(ui::FontSize size);
ImVec2 text_size(ui::FontSize size, std::string_view text);
// The longest head of `text` that fits `width`, broken after a space when
// there is one (English), else between any two code points (Chinese).
std::size_t fitting_prefix(ui::FontSize size, std::string_view text, float width);

// Text widths from the fonts the screen draws with.
class ImGuiTextMeasure final : public TextMeasure {
 public:
  float width(ui::FontSize size, std::string_view text) const override;
  float height(ui::FontSize size) const override;
  std::size_t fitting_prefix(ui::FontSize size, std::string_view text, float width) const override;
};

// Draws text at `pos`, cut with "…" to `max_width` (0: no limit); bold draws
// it twice, a pixel apart. Returns the width drawn.
float draw_text(ImDrawList* dl, ImVec2 pos, ui::FontSize size, ImVec4 color, std::string_view text,
                float max_width = 0.0f, bool bold = false);
// A filled chip with a word in it; returns its width.
float draw_chip(ImDrawList* dl, ImVec2 pos, ui::FontSize size, ImVec4 fill, ImVec4 color, std::string_view text,
                const ui::Theme& theme, float height = 0.0f);

// Whether a banner shows under the top bar: offline or connecting, else an
// open complaint about a dish.
bool shows_banner(const KdsStatus& status);
// The layout's sizes for this window, with room for the banner when it shows.
Metrics screen_metrics(const KdsStatus& status, const TextMeasure& measure, const ui::Theme& theme);

// The top bar's buttons, laid right to left from `right_x`.
class TopBarButtons {
 public:
  TopBarButtons(float right_x, float y, const ui::Theme& theme);
  bool add(const std::string& text, const char* id, ImVec4 color, bool enabled);
  // Where the last one added was drawn.
  ButtonHit last_hit(std::string key) const;
  // The left edge of the buttons laid so far.
  float left() const { return right_; }

 private:
  float right_;
  float y_;
  const ui::Theme* theme_;
  ImVec2 last_min_{};
  ImVec2 last_max_{};
};

// Language, sound and recall, the buttons both screens' top bars start with.
void add_status_buttons(TopBarButtons& buttons, const KdsStatus& status, const words::Words& labels,
                        const ui::Theme& theme, KdsIntents& intents);

// The server's clock and the connection, right-aligned at `right_x` when it
// fits right of `left_limit`; the offline or connecting banner under the bar.
void draw_clock_and_connection(ImDrawList* dl, const KdsStatus& status, float right_x, float left_limit,
                               const Metrics& m, const words::Words& labels, const ui::Theme& theme);

ImVec4 urgency_color(core::Urgency urgency, const ui::Theme& theme);
ImVec4 state_color(core::LineState state, const ui::Theme& theme);

}  // namespace hourglass::kitchen
