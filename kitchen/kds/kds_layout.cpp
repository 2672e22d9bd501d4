#include "kitchen/kds/kds_layout.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace hourglass::kitchen {

using ui::FontSize;
using words::Word;

Metrics metrics(const TextMeasure& measure, const ui::Theme& theme, float width, float height, bool banner) {
  Metrics m{};
  m.pad = theme.padding;
  m.gap = theme.spacing;
  m.title_h = measure.height(FontSize::title);
  m.body_h = measure.height(FontSize::body);
  m.small_h = measure.height(FontSize::small);
  m.large_h = measure.height(FontSize::large);
  m.top_h = theme.touch_height + 2.0f * m.pad;
  if (banner) m.top_h += m.body_h + theme.px(24.0f) + m.gap;
  m.sidebar_w = std::clamp(width * 0.2f, theme.px(260.0f), theme.px(420.0f));
  m.grid_x = m.pad;
  m.grid_y = m.top_h;
  m.grid_w = std::max(theme.px(200.0f), width - m.sidebar_w - 3.0f * m.pad);
  m.bar_h = theme.px(8.0f);
  m.button_h = std::max(theme.touch_height * 0.75f, m.body_h + theme.px(16.0f));
  // The bottom strip is kept for the page buttons.
  m.grid_h = std::max(theme.px(200.0f), height - m.top_h - 2.0f * m.pad - m.button_h);
  const float min_col = theme.px(300.0f);
  m.columns = std::max(1, static_cast<int>((m.grid_w + m.gap) / (min_col + m.gap)));
  m.col_w = (m.grid_w - static_cast<float>(m.columns - 1) * m.gap) / static_cast<float>(m.columns);
  m.bar_h = theme.px(8.0f);
  m.row_h = std::max(theme.touch_height * 0.75f, m.body_h + theme.px(12.0f));
  m.note_h = m.small_h + theme.px(4.0f);
  m.chip_row_h = m.small_h + theme.px(8.0f);
  return m;
}

float mark_width(const KdsLineView& line, const TextMeasure& measure, const words::Words& labels,
                 const ui::Theme& theme) {
  if (line.fire_now) return measure.width(FontSize::small, "▲ " + labels(Word::kds_fire_now)) + theme.px(16.0f);
  if (line.late && !line.finished) return measure.width(FontSize::small, labels(Word::late_short)) + theme.px(16.0f);
  if (line.waiting || line.held) return measure.width(FontSize::small, line.start_word) + theme.px(16.0f);
  return 0.0f;
}

bool has_chip_row(const KdsTicketView& t) { return t.at_risk || t.rushed || !t.projected_word.empty(); }

float state_chip_width(const TextMeasure& measure, const ui::Theme& theme) {
  return std::max(measure.width(FontSize::small, "COOKING"), measure.width(FontSize::small, "CANCELLED")) * 0.9f +
         theme.px(14.0f);
}

NameLayout name_layout(const KdsLineView& line, const Metrics& m, const TextMeasure& measure,
                       const words::Words& labels, const ui::Theme& theme) {
  NameLayout out;
  const std::string qty = fmt::format("{}×", line.qty);
  out.x =
      theme.px(2.0f) + state_chip_width(measure, theme) + m.gap + measure.width(FontSize::body, qty) + theme.px(6.0f);
  const float inner = m.col_w - theme.px(8.0f) - 2.0f * m.pad;
  const float mark = mark_width(line, measure, labels, theme);
  out.width = inner - out.x - (mark > 0.0f ? mark + m.gap : 0.0f);
  const std::size_t head = measure.fitting_prefix(FontSize::body, line.name, out.width);
  out.first = line.name.substr(0, head);
  if (head < line.name.size()) {
    std::size_t rest = head;
    while (rest < line.name.size() && line.name[rest] == ' ') ++rest;
    out.second = line.name.substr(rest);
    while (!out.first.empty() && out.first.back() == ' ') out.first.pop_back();
  }
  return out;
}

float line_height(const KdsLineView& line, const Metrics& m, const TextMeasure& measure, const words::Words& labels,
                  const ui::Theme& theme) {
  const NameLayout name = name_layout(line, m, measure, labels, theme);
  return m.row_h + (name.second.empty() ? 0.0f : m.body_h) + (line.note.empty() ? 0.0f : m.note_h);
}

float ticket_height(const KdsTicketView& t, const Metrics& m, const TextMeasure& measure, const words::Words& labels,
                    const ui::Theme& theme, std::size_t max_lines) {
  float h = m.pad + m.title_h + m.gap * 0.5f + m.title_h + m.gap * 0.5f + m.bar_h + m.gap;
  if (has_chip_row(t)) h += m.chip_row_h + m.gap * 0.5f;
  const std::size_t shown = std::min(max_lines, t.lines.size());
  for (std::size_t i = 0; i < shown; ++i) {
    h += line_height(t.lines[i], m, measure, labels, theme) + m.gap * 0.4f;
  }
  if (t.hidden_lines > 0 || shown < t.lines.size()) h += m.small_h + m.gap * 0.4f;
  h += m.gap * 0.4f + m.button_h + m.pad;
  return h;
}

std::vector<Placement> place_page(const KdsView& view, std::size_t first, const Metrics& m, const TextMeasure& measure,
                                  const words::Words& labels, const ui::Theme& theme) {
  std::vector<Placement> out;
  std::vector<float> column_y(static_cast<std::size_t>(m.columns), m.grid_y);
  const float bottom = m.grid_y + m.grid_h;
  bool cut_one = false;
  for (std::size_t i = first; i < view.tickets.size(); ++i) {
    const float h = ticket_height(view.tickets[i], m, measure, labels, theme, SIZE_MAX);
    const auto shortest = std::min_element(column_y.begin(), column_y.end());
    const bool empty_column = *shortest == m.grid_y;
    if (*shortest + h > bottom && !empty_column) {
      // Keep the order (most urgent first): rather than leave the space
      // empty or put a calmer ticket ahead, show this one cut, with "+N".
      const float room = bottom - *shortest;
      std::size_t fit = 0;
      while (fit < view.tickets[i].lines.size() &&
             ticket_height(view.tickets[i], m, measure, labels, theme, fit + 1) <= room) {
        ++fit;
      }
      if (fit == 0 || cut_one) break;
      const auto c = static_cast<std::size_t>(shortest - column_y.begin());
      out.push_back(Placement{i, m.grid_x + static_cast<float>(c) * (m.col_w + m.gap), *shortest,
                              ticket_height(view.tickets[i], m, measure, labels, theme, fit), fit});
      // That column is full; the calmer tickets after it may still fill the
      // others, since every ticket up to here is on screen.
      *shortest = bottom;
      cut_one = true;
      continue;
    }
    const auto c = static_cast<std::size_t>(shortest - column_y.begin());
    out.push_back(Placement{i, m.grid_x + static_cast<float>(c) * (m.col_w + m.gap), *shortest, h});
    *shortest += h + m.gap;
  }
  return out;
}

std::vector<std::size_t> page_starts(const KdsView& view, const Metrics& m, const TextMeasure& measure,
                                     const words::Words& labels, const ui::Theme& theme) {
  std::vector<std::size_t> starts{0};
  std::size_t first = 0;
  while (first < view.tickets.size()) {
    const auto placed = place_page(view, first, m, measure, labels, theme);
    if (placed.empty()) break;
    // A ticket cut on a page is shown whole at the top of the next.
    std::size_t next = placed.back().index + 1;
    for (const Placement& p : placed) {
      if (p.max_lines < view.tickets[p.index].lines.size() && p.index > first) next = std::min(next, p.index);
    }
    first = next;
    if (first < view.tickets.size()) starts.push_back(first);
  }
  return starts;
}

}  // namespace hourglass::kitchen
