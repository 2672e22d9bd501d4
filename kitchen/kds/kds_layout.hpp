#pragma once
// The kitchen display's layout as numbers: how tall each ticket is, which
// tickets go in which column of a page, where each page starts. Apart from
// drawing, so the page arithmetic is tested without a window: the text
// widths come through TextMeasure (ImGui's fonts on screen, a fixed-width
// measure in tests).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kitchen/kds/kds_view_model.hpp"
#include "shared/ui/fonts.hpp"
#include "shared/ui/theme.hpp"
#include "shared/words/words.hpp"

namespace hourglass::kitchen {

// How wide text is in each font size, in screen pixels.
class TextMeasure {
 public:
  virtual ~TextMeasure() = default;
  virtual float width(ui::FontSize size, std::string_view text) const = 0;
  virtual float height(ui::FontSize size) const = 0;
  // The longest head of `text` that fits `width`, broken after a space when
  // there is one (English), else between any two code points (Chinese).
  virtual std::size_t fitting_prefix(ui::FontSize size, std::string_view text, float width) const = 0;
};

// Sizes every part of the screen is laid out with, so that the page
// arithmetic and the drawing agree.
struct Metrics {
  float pad;
  float gap;
  float top_h;
  float sidebar_w;
  float grid_x;
  float grid_y;
  float grid_w;
  float grid_h;
  int columns;
  float col_w;
  float title_h;
  float body_h;
  float small_h;
  float large_h;
  float bar_h;
  float row_h;
  float note_h;
  float chip_row_h;
  float button_h;
};

Metrics metrics(const TextMeasure& measure, const ui::Theme& theme, float width, float height, bool banner);

// The width of a line's mark ("▲ FIRE NOW", "LATE"); 0 without one.
// Whether a ticket has the row of chips under its bar (at risk, rush, projected late).
bool has_chip_row(const KdsTicketView& t);
float mark_width(const KdsLineView& line, const TextMeasure& measure, const words::Words& labels,
                 const ui::Theme& theme);
// The width of the state chip, the same for every state.
float state_chip_width(const TextMeasure& measure, const ui::Theme& theme);

// A dish name takes one line, or two when it does not fit (then cut with "…").
struct NameLayout {
  std::string first;
  std::string second;
  float x = 0.0f;  // where the name starts, from the row's left
  float width = 0.0f;
};

NameLayout name_layout(const KdsLineView& line, const Metrics& m, const TextMeasure& measure,
                       const words::Words& labels, const ui::Theme& theme);
float line_height(const KdsLineView& line, const Metrics& m, const TextMeasure& measure, const words::Words& labels,
                  const ui::Theme& theme);
// The height of a ticket showing its first `max_lines` lines (all when
// max_lines is at least their number); a cut ticket gets a "+N" row.
float ticket_height(const KdsTicketView& t, const Metrics& m, const TextMeasure& measure, const words::Words& labels,
                    const ui::Theme& theme, std::size_t max_lines = SIZE_MAX);

struct Placement {
  std::size_t index;
  float x;  // the ticket's top left, screen pixels
  float y;
  float height;
  std::size_t max_lines = SIZE_MAX;  // fewer when the ticket was cut to fit
};

// Lays tickets out from `first` into the shortest column until one does
// not fit anywhere (a ticket taller than a whole column still gets its own).
std::vector<Placement> place_page(const KdsView& view, std::size_t first, const Metrics& m, const TextMeasure& measure,
                                  const words::Words& labels, const ui::Theme& theme);
// The first ticket of every page; a ticket cut on a page is shown whole at
// the top of the next.
std::vector<std::size_t> page_starts(const KdsView& view, const Metrics& m, const TextMeasure& measure,
                                     const words::Words& labels, const ui::Theme& theme);

}  // namespace hourglass::kitchen
