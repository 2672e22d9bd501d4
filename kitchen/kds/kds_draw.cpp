#include "kitchen/kds/kds_draw.hpp"

#include <fmt/format.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "kitchen/kds/bump_keys.hpp"
#include "kitchen/kds/kds_layout.hpp"
#include "kitchen/kds/kds_paint.hpp"
#include "shared/ui/fonts.hpp"
#include "shared/ui/widgets.hpp"
#include "shared/words/words.hpp"

namespace hourglass::kitchen {

using words::Word;

namespace {

using core::LineState;
using ui::FontSize;

struct TicketResult {
  std::vector<KdsBump> bumps;
  std::vector<std::vector<std::string>> fires;
  std::vector<LineHit> hits;
  bool selected = false;
};

TicketResult draw_ticket(ImDrawList* dl, const KdsTicketView& t, const Placement& p, const Metrics& m,
                         const TextMeasure& measure, int hotkey, bool selected, int selected_line,
                         const words::Words& labels, const ui::Theme& theme) {
  TicketResult result;
  const ImVec2 min(p.x, p.y);
  const ImVec2 max(min.x + m.col_w, min.y + p.height);
  const ImVec4 ucolor = urgency_color(t.urgency, theme);

  ImVec4 background = theme.surface;
  if (t.urgency == Urgency::red) background = ui::mix(theme.surface, theme.danger, 0.10f);
  if (t.urgency == Urgency::late) background = ui::mix(theme.surface, theme.danger, t.flash_on ? 0.28f : 0.12f);
  dl->AddRectFilled(min, max, ui::to_u32(background), theme.rounding);
  dl->AddRectFilled(min, ImVec2(min.x + theme.px(8.0f), max.y), ui::to_u32(ucolor), theme.rounding,
                    ImDrawFlags_RoundCornersLeft);
  if (selected) {
    dl->AddRect(min, max, ui::to_u32(theme.text), theme.rounding, 0, theme.px(4.0f));
  } else if (t.urgency == Urgency::late) {
    dl->AddRect(min, max, ui::to_u32(theme.danger), theme.rounding, 0, theme.px(3.0f));
  } else if (t.at_risk) {
    dl->AddRect(min, max, ui::to_u32(theme.warning), theme.rounding, 0, theme.px(3.0f));
  }

  const float x0 = min.x + theme.px(8.0f) + m.pad;
  const float x1 = max.x - m.pad;
  float y = min.y + m.pad;

  // Header: ticket number, table, the bump-bar key, age.
  float x = x0;
  x += draw_text(dl, ImVec2(x, y), FontSize::title, theme.text, t.ticket, 0.0f, true) + m.gap;
  const float table_y = y + (m.title_h - m.large_h) * 0.5f;
  std::string right = t.age;
  const float right_w = text_size(FontSize::body, right).x;
  float key_w = 0.0f;
  if (hotkey > 0) {
    const std::string key = std::to_string(hotkey);
    key_w = text_size(FontSize::body, key).x + theme.px(16.0f);
  }
  draw_text(dl, ImVec2(x, table_y), FontSize::large, theme.text, t.table,
            std::max(0.0f, x1 - x - right_w - key_w - 2.0f * m.gap));
  const float body_y = y + (m.title_h - m.body_h) * 0.5f;
  draw_text(dl, ImVec2(x1 - right_w, body_y), FontSize::body, theme.text_muted, right);
  if (hotkey > 0) {
    const ImVec2 kmin(x1 - right_w - m.gap - key_w, body_y - theme.px(2.0f));
    const ImVec2 kmax(kmin.x + key_w, body_y + m.body_h + theme.px(2.0f));
    dl->AddRect(kmin, kmax, ui::to_u32(theme.text_muted), theme.px(4.0f), 0, theme.px(1.5f));
    draw_text(dl, ImVec2(kmin.x + theme.px(8.0f), body_y), FontSize::body, theme.text_muted, std::to_string(hotkey));
  }
  y += m.title_h + m.gap * 0.5f;

  // The countdown, with its level in words (colour is never the only signal).
  const bool show_countdown = t.urgency != Urgency::late || t.flash_on;
  const ImVec4 count_color = show_countdown ? ucolor : ui::with_alpha(ucolor, 0.45f);
  draw_text(dl, ImVec2(x0, y), FontSize::title, count_color, t.countdown, 0.0f, true);
  if (t.urgency != Urgency::late) {
    const float w = text_size(FontSize::small, t.urgency_word).x + theme.px(16.0f);
    const ImVec4 text_on = t.urgency == Urgency::amber ? ui::rgb(0x1A1A1A) : theme.on_primary;
    draw_chip(dl, ImVec2(x1 - w, y + (m.title_h - m.chip_row_h) * 0.5f), FontSize::small, ucolor, text_on,
              t.urgency_word, theme, m.chip_row_h);
  }
  y += m.title_h + m.gap * 0.5f;
  {
    const ImVec2 bmin(x0, y);
    const ImVec2 bmax(x1, y + m.bar_h);
    dl->AddRectFilled(bmin, bmax, ui::to_u32(theme.surface_alt), m.bar_h * 0.5f);
    const float fraction = ui::countdown_fraction(t.remaining_ms, t.promise_ms);
    if (fraction > 0.0f) {
      dl->AddRectFilled(bmin, ImVec2(x0 + (x1 - x0) * fraction, bmax.y), ui::to_u32(ucolor), m.bar_h * 0.5f);
    }
    if (t.urgency == Urgency::late) dl->AddRect(bmin, bmax, ui::to_u32(theme.danger), m.bar_h * 0.5f);
  }
  y += m.bar_h + m.gap;

  if (has_chip_row(t)) {
    float cx = x0;
    if (!t.projected_word.empty()) {
      // Before the ticket turns red: the schedule says it will miss, and by
      // how much; past saving, it is cooked after the orders that can make it.
      cx += draw_chip(dl, ImVec2(cx, y), FontSize::small, t.past_saving ? theme.late : theme.danger, theme.on_primary,
                      "◆ " + t.projected_word, theme, m.chip_row_h) +
            m.gap;
    } else if (t.at_risk) {
      cx += draw_chip(dl, ImVec2(cx, y), FontSize::small, theme.warning, ui::rgb(0x1A1A1A),
                      "▲ " + labels(Word::kds_at_risk), theme, m.chip_row_h) +
            m.gap;
    }
    if (t.rushed) {
      draw_chip(dl, ImVec2(cx, y), FontSize::small, ui::rgb(0xB455E0), theme.on_primary, "» " + labels(Word::kds_rush),
                theme, m.chip_row_h);
    }
    y += m.chip_row_h + m.gap * 0.5f;
  }

  // Lines: one touch moves a line one state forward.
  const float state_w = state_chip_width(measure, theme);
  const std::size_t shown = std::min(p.max_lines, t.lines.size());
  for (std::size_t i = 0; i < shown; ++i) {
    const KdsLineView& line = t.lines[i];
    const NameLayout name = name_layout(line, m, measure, labels, theme);
    const float h = line_height(line, m, measure, labels, theme);
    const ImVec2 rmin(x0 - theme.px(4.0f), y);
    const ImVec2 rmax(x1 + theme.px(4.0f), y + h);
    ImGui::SetCursorScreenPos(rmin);
    ImGui::PushID(line.line_id.c_str());
    bool clicked = false;
    if ((!line.finished && line.next_state) || line.held) {
      clicked = ImGui::InvisibleButton("line", ImVec2(rmax.x - rmin.x, h));
    }
    const bool hovered = !line.finished && ImGui::IsItemHovered();
    ImGui::PopID();
    if (clicked && line.held) {
      result.fires.push_back(t.held_line_ids);
    } else if (clicked) {
      result.bumps.push_back(KdsBump{line.line_id, *line.next_state});
    }
    result.hits.push_back(LineHit{line.line_id, rmin.x, rmin.y, rmax.x, rmax.y});

    // A line whose start has not come is drawn quieter: not now.
    const bool quiet = line.finished || line.waiting || line.held;
    ImVec4 row_bg = line.finished ? ui::with_alpha(theme.surface_alt, 0.25f)
                    : quiet       ? ui::with_alpha(theme.surface_alt, 0.55f)
                                  : theme.surface_alt;
    if (hovered) row_bg = ui::mix(row_bg, theme.primary, 0.25f);
    dl->AddRectFilled(rmin, rmax, ui::to_u32(row_bg), theme.px(6.0f));
    if (selected && static_cast<int>(i) == selected_line) {
      dl->AddRect(rmin, rmax, ui::to_u32(theme.accent), theme.px(6.0f), 0, theme.px(3.0f));
    }
    const float mid = y + (m.row_h - m.body_h) * 0.5f;
    // State chip: the state in words, coloured.
    const ImVec4 chip = state_color(line.state, theme);
    const ImVec4 chip_text = line.state == LineState::queued ? theme.text
                             : line.finished                 ? theme.text_muted
                                                             : theme.on_primary;
    const float chip_h = m.small_h + theme.px(8.0f);
    const ImVec2 cmin(x0 + theme.px(2.0f), y + (m.row_h - chip_h) * 0.5f);
    dl->AddRectFilled(cmin, ImVec2(cmin.x + state_w, cmin.y + chip_h), ui::to_u32(chip), theme.px(5.0f));
    if (line.state == LineState::queued) {
      dl->AddRect(cmin, ImVec2(cmin.x + state_w, cmin.y + chip_h), ui::to_u32(theme.text_muted), theme.px(5.0f));
    }
    const float sw = std::min(text_size(FontSize::small, line.state_word).x, state_w - theme.px(4.0f));
    draw_text(dl, ImVec2(cmin.x + (state_w - sw) * 0.5f, cmin.y + theme.px(4.0f)), FontSize::small, chip_text,
              line.state_word, state_w - theme.px(4.0f), !line.finished);

    const ImVec4 name_color = quiet ? theme.text_muted : theme.text;
    draw_text(dl, ImVec2(cmin.x + state_w + m.gap, mid), FontSize::body, name_color, fmt::format("{}×", line.qty), 0.0f,
              true);
    const float lx = x0 + name.x;
    float drawn = draw_text(dl, ImVec2(lx, mid), FontSize::body, name_color, name.first, name.width);
    if (!name.second.empty()) {
      const float w2 = draw_text(dl, ImVec2(lx, mid + m.body_h), FontSize::body, name_color, name.second, name.width);
      drawn = std::max(drawn, w2);
    }
    if (line.finished) {
      const float sy = mid + m.body_h * 0.55f;
      dl->AddLine(ImVec2(lx, sy), ImVec2(lx + std::min(drawn, name.width), sy), ui::to_u32(theme.text_muted),
                  theme.px(2.0f));
    }
    // Right-hand mark: FIRE NOW (the schedule says start it), LATE (a late
    // line still out), "start in 03:10" (quiet), or Fire (a held line).
    const float mark_w = mark_width(line, measure, labels, theme);
    if (mark_w > 0.0f) {
      const ImVec2 at(x1 - mark_w, y + (m.row_h - chip_h) * 0.5f);
      if (line.fire_now) {
        draw_chip(dl, at, FontSize::small, theme.warning, ui::rgb(0x1A1A1A), "▲ " + labels(Word::kds_fire_now), theme,
                  chip_h);
      } else if (line.late && !line.finished) {
        draw_chip(dl, at, FontSize::small, theme.danger, theme.on_primary, labels(Word::late_short), theme, chip_h);
      } else if (line.held) {
        draw_chip(dl, at, FontSize::small, ui::rgb(0xB455E0), theme.on_primary, line.start_word, theme, chip_h);
      } else {
        draw_chip(dl, at, FontSize::small, ui::with_alpha(theme.surface, 0.6f), theme.text_muted, line.start_word,
                  theme, chip_h);
      }
    }
    if (!line.note.empty()) {
      const float ny = y + h - m.note_h - theme.px(2.0f);
      draw_text(dl, ImVec2(lx, ny), FontSize::small, theme.warning, "» " + line.note, x1 - lx);
    }
    y += h + m.gap * 0.4f;
  }
  if (t.hidden_lines > 0 || shown < t.lines.size()) {
    const std::size_t more = static_cast<std::size_t>(t.hidden_lines) + (t.lines.size() - shown);
    draw_text(dl, ImVec2(x0, y), FontSize::small, theme.text_muted, fmt::format("+{} …", more));
    y += m.small_h + m.gap * 0.4f;
  }
  y += m.gap * 0.4f;

  // Ticket-level "all served": drawn here rather than with big_button so it
  // is exactly button_h tall (the layout arithmetic depends on it).
  {
    ImGui::SetCursorScreenPos(ImVec2(x0, y));
    ImGui::PushID(t.order_id.c_str());
    const ImVec2 bsize(x1 - x0, m.button_h);
    const bool clicked = ImGui::InvisibleButton("all", bsize) && t.can_serve_all;
    const bool hovered = ImGui::IsItemHovered();
    ImGui::PopID();
    const ImVec4 base = ui::mix(theme.success, ui::rgb(0x000000), 0.25f);
    const ImVec4 fill = !t.can_serve_all ? theme.surface_alt : hovered ? ui::mix(base, ui::rgb(0xFFFFFF), 0.1f) : base;
    const ImVec2 bmax(x0 + bsize.x, y + bsize.y);
    dl->AddRectFilled(ImVec2(x0, y), bmax, ui::to_u32(fill), theme.rounding);
    const std::string label = "✓ " + labels(Word::kds_serve_all);
    const ImVec2 extent = text_size(FontSize::body, label);
    draw_text(dl, ImVec2(x0 + (bsize.x - extent.x) * 0.5f, y + (bsize.y - extent.y) * 0.5f), FontSize::body,
              theme.on_primary, label, 0.0f, true);
    if (clicked) {
      for (const KdsLineView& line : t.lines) {
        if (!line.finished && !line.held) result.bumps.push_back(KdsBump{line.line_id, LineState::served});
      }
    }
  }
  // A touch anywhere else on the ticket selects it for the keyboard.
  if (ImGui::IsMouseClicked(0) && ImGui::IsMouseHoveringRect(min, max) && result.bumps.empty() &&
      result.fires.empty()) {
    result.selected = true;
  }
  return result;
}

void draw_sidebar(ImDrawList* dl, const KdsView& view, const Metrics& m, float width, const words::Words& labels,
                  const ui::Theme& theme) {
  const float x0 = width - m.sidebar_w - m.pad;
  const float x1 = width - m.pad;
  float y = m.top_h;
  const ImVec2 pmin(x0, y);
  const float bottom = ImGui::GetIO().DisplaySize.y - m.pad;
  dl->AddRectFilled(pmin, ImVec2(x1, bottom), ui::to_u32(theme.surface), theme.rounding);
  const float ix0 = x0 + m.pad;
  const float ix1 = x1 - m.pad;
  y += m.pad;

  // Summary tiles: how many tickets at each level, in numbers and words.
  struct Tile {
    int count;
    const std::string* word;
    ImVec4 color;
  };
  const Tile tiles[] = {{view.counts.late, &labels(Word::late_short), theme.danger},
                        {view.counts.red, &labels(Word::kds_red), theme.danger},
                        {view.counts.amber, &labels(Word::kds_amber), theme.warning},
                        {view.counts.at_risk, &labels(Word::kds_at_risk), theme.warning},
                        {view.counts.calm, &labels(Word::kds_calm), theme.success}};
  const float tile_gap = theme.px(6.0f);
  const float tile_h = m.title_h + m.small_h + theme.px(10.0f);
  for (int i = 0; i < 5; ++i) {
    // Three tiles on the first row, two on the second: the words stay whole.
    const int row = i < 3 ? 0 : 1;
    const int in_row = row == 0 ? 3 : 2;
    const int col = row == 0 ? i : i - 3;
    const float tile_w = (ix1 - ix0 - static_cast<float>(in_row - 1) * tile_gap) / static_cast<float>(in_row);
    const Tile& tile = tiles[i];
    const ImVec2 tmin(ix0 + static_cast<float>(col) * (tile_w + tile_gap),
                      y + static_cast<float>(row) * (tile_h + tile_gap));
    const ImVec2 tmax(tmin.x + tile_w, tmin.y + tile_h);
    const bool active = tile.count > 0;
    dl->AddRectFilled(tmin, tmax,
                      ui::to_u32(active ? ui::mix(theme.surface_alt, tile.color, 0.25f) : theme.surface_alt),
                      theme.px(6.0f));
    const std::string n = std::to_string(tile.count);
    const float nw = text_size(FontSize::title, n).x;
    draw_text(dl, ImVec2(tmin.x + (tile_w - nw) * 0.5f, tmin.y + theme.px(2.0f)), FontSize::title,
              active ? tile.color : theme.text_muted, n, 0.0f, true);
    const float ww = std::min(text_size(FontSize::small, *tile.word).x, tile_w - theme.px(4.0f));
    draw_text(dl, ImVec2(tmin.x + (tile_w - ww) * 0.5f, tmin.y + m.title_h + theme.px(4.0f)), FontSize::small,
              active ? theme.text : theme.text_muted, *tile.word, tile_w - theme.px(4.0f));
  }
  y += 2.0f * tile_h + tile_gap + m.gap * 1.5f;

  // Next up per station.
  draw_text(dl, ImVec2(ix0, y), FontSize::body, theme.accent, labels(Word::kds_next_up), 0.0f, true);
  y += m.body_h + m.gap * 0.6f;
  for (const NextUp& next : view.next_up) {
    if (y + m.small_h + m.body_h > bottom - m.pad) break;
    draw_text(dl, ImVec2(ix0, y), FontSize::small, theme.text_muted, next.station_name, (ix1 - ix0) * 0.5f);
    const bool fire = next.slack_ms <= 0;
    const std::string right = fmt::format("{}  {}", next.ticket, next.slack);
    const float rw = text_size(FontSize::small, right).x;
    draw_text(dl, ImVec2(ix1 - rw, y), FontSize::small, fire ? theme.warning : theme.text_muted, right, 0.0f, fire);
    y += m.small_h + theme.px(2.0f);
    draw_text(dl, ImVec2(ix0, y), FontSize::body, theme.text, next.dish, ix1 - ix0);
    y += m.body_h + m.gap * 0.6f;
  }
  y += m.gap;
  dl->AddLine(ImVec2(ix0, y), ImVec2(ix1, y), ui::to_u32(theme.border), theme.px(1.0f));
  y += m.gap;

  // All day: every dish waiting, queued and cooking.
  draw_text(dl, ImVec2(ix0, y), FontSize::body, theme.accent, labels(Word::kds_all_day), 0.0f, true);
  const float col_cook = ix1;
  const float col_queue = ix1 - theme.px(70.0f);
  {
    const float qw = text_size(FontSize::small, labels(Word::kds_queued)).x;
    const float cw = text_size(FontSize::small, labels(Word::kds_cooking)).x;
    draw_text(dl, ImVec2(col_queue - qw, y + (m.body_h - m.small_h)), FontSize::small, theme.text_muted,
              labels(Word::kds_queued));
    draw_text(dl, ImVec2(col_cook - cw, y + (m.body_h - m.small_h)), FontSize::small, theme.text_muted,
              labels(Word::kds_cooking));
  }
  y += m.body_h + m.gap * 0.6f;
  std::size_t shown = 0;
  for (const AllDayCount& count : view.all_day) {
    if (y + m.body_h > bottom - m.pad) {
      draw_text(dl, ImVec2(ix0, y - m.gap * 0.3f), FontSize::small, theme.text_muted,
                fmt::format("+{} …", view.all_day.size() - shown));
      break;
    }
    draw_text(dl, ImVec2(ix0, y), FontSize::body, theme.text, count.name, col_queue - ix0 - theme.px(56.0f));
    const std::string q = count.queued > 0 ? std::to_string(count.queued) : "-";
    const std::string c = count.cooking > 0 ? std::to_string(count.cooking) : "-";
    draw_text(dl, ImVec2(col_queue - text_size(FontSize::body, q).x, y), FontSize::body,
              count.queued > 0 ? theme.text : theme.text_muted, q, 0.0f, count.queued > 0);
    draw_text(dl, ImVec2(col_cook - text_size(FontSize::body, c).x, y), FontSize::body,
              count.cooking > 0 ? theme.accent : theme.text_muted, c, 0.0f, count.cooking > 0);
    y += m.body_h + theme.px(6.0f);
    ++shown;
  }
}

// The 86 list in the tickets' place: a tile per dish, sold-out ones red; one
// touch on a tile marks it sold out or back on.
void draw_sold_out_panel(ImDrawList* dl, const KdsView& view, const Metrics& m, const words::Words& labels,
                         const ui::Theme& theme, KdsIntents& intents) {
  float y = m.grid_y;
  draw_text(dl, ImVec2(m.grid_x, y), FontSize::body, theme.text, labels(Word::kds_sold_out_title), m.grid_w, true);
  y += m.body_h + m.gap;
  const float tile_h = m.body_h + m.small_h + theme.px(18.0f);
  const float bottom = m.grid_y + m.grid_h;
  const int rows = std::max(1, static_cast<int>((bottom - y + m.gap) / (tile_h + m.gap)));
  const int n = static_cast<int>(view.dishes.size());
  const int columns = std::max({2, static_cast<int>(m.grid_w / theme.px(260.0f)), (n + rows - 1) / rows});
  const float tile_w = (m.grid_w - static_cast<float>(columns - 1) * m.gap) / static_cast<float>(columns);
  for (int i = 0; i < n && i < rows * columns; ++i) {
    const SoldOutDish& dish = view.dishes[static_cast<std::size_t>(i)];
    const ImVec2 min(m.grid_x + static_cast<float>(i % columns) * (tile_w + m.gap),
                     y + static_cast<float>(i / columns) * (tile_h + m.gap));
    const ImVec2 max(min.x + tile_w, min.y + tile_h);
    ImGui::SetCursorScreenPos(min);
    const std::string id = "##86:" + dish.item;
    if (ImGui::InvisibleButton(id.c_str(), ImVec2(tile_w, tile_h))) {
      intents.sold_out.push_back(core::SetSoldOut{dish.item, !dish.sold_out});
    }
    const bool hovered = ImGui::IsItemHovered();
    ImVec4 fill = dish.sold_out ? ui::mix(theme.surface, theme.danger, 0.35f) : theme.surface;
    if (hovered) fill = ui::mix(fill, theme.text, 0.06f);
    dl->AddRectFilled(min, max, ui::to_u32(fill), theme.px(6.0f));
    dl->AddRect(min, max, ui::to_u32(dish.sold_out ? theme.danger : theme.border), theme.px(6.0f), 0,
                theme.px(dish.sold_out ? 2.0f : 1.0f));
    const float ip = theme.px(10.0f);
    const float chip_w = text_size(FontSize::small, dish.state_word).x + theme.px(16.0f);
    draw_text(dl, ImVec2(min.x + ip, min.y + theme.px(6.0f)), FontSize::body,
              dish.sold_out ? theme.text : theme.text, dish.name, tile_w - 2.0f * ip, true);
    draw_text(dl, ImVec2(min.x + ip, min.y + theme.px(8.0f) + m.body_h), FontSize::small, theme.text_muted,
              dish.station_name, tile_w - 3.0f * ip - chip_w);
    draw_chip(dl, ImVec2(max.x - ip - chip_w, min.y + theme.px(8.0f) + m.body_h), FontSize::small,
              dish.sold_out ? theme.danger : theme.surface_alt, dish.sold_out ? theme.on_primary : theme.text_muted,
              dish.state_word, theme);
    intents.buttons.push_back(ButtonHit{"86:" + dish.item, min.x, min.y, max.x, max.y});
  }
}

// Characters typed this frame (a bump bar types like a keyboard).
bool typed(char c) {
  const ImGuiIO& io = ImGui::GetIO();
  for (int i = 0; i < io.InputQueueCharacters.Size; ++i) {
    const ImWchar ch = io.InputQueueCharacters[i];
    if (ch == static_cast<ImWchar>(c)) return true;
  }
  return false;
}

bool key_pressed(ImGuiKey key) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key), false); }

BumpKeys read_bump_keys() {
  BumpKeys keys;
  for (int k = 1; k <= 9; ++k) {
    if (typed(static_cast<char>('0' + k))) keys.digit = k;
  }
  keys.up = key_pressed(ImGuiKey_UpArrow);
  keys.down = key_pressed(ImGuiKey_DownArrow);
  keys.bump = key_pressed(ImGuiKey_Enter) || key_pressed(ImGuiKey_KeyPadEnter) || typed(' ') || typed('+');
  keys.serve_all = typed('s') || typed('S') || typed('*');
  keys.recall = typed('r') || typed('R') || typed('-') || key_pressed(ImGuiKey_Backspace);
  keys.mute = typed('m') || typed('M');
  keys.next_page = key_pressed(ImGuiKey_PageDown) || key_pressed(ImGuiKey_RightArrow);
  keys.prev_page = key_pressed(ImGuiKey_PageUp) || key_pressed(ImGuiKey_LeftArrow);
  return keys;
}

}  // namespace

KdsIntents draw_kds(const KdsView& view, const KdsSelection& selection, const KdsStatus& status,
                    const ui::Theme& theme) {
  KdsIntents intents;
  const words::Words labels(status.language);
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const ImGuiTextMeasure measure;
  const Metrics m = screen_metrics(status, measure, theme);
  ImDrawList* dl = ImGui::GetWindowDrawList();

  // ---- top bar ----
  {
    const float y = m.pad;
    const float bar_h = theme.touch_height;
    // Right side: language, sound, recall, 86, then the clock and connection.
    TopBarButtons right(display.x - m.pad, y, theme);
    add_status_buttons(right, status, labels, theme, intents);
    const std::string sold_out = view.sold_out_count > 0
                                     ? fmt::format("{} ({})", labels(Word::kds_sold_out), view.sold_out_count)
                                     : labels(Word::kds_sold_out);
    if (right.add(sold_out, "86", selection.sold_out_panel ? theme.primary : theme.surface_alt, true)) {
      intents.toggle_sold_out_panel = true;
    }
    intents.buttons.push_back(right.last_hit("86"));
    // The station filters, left of the buttons: the title only when they
    // all fit beside it, and a filter that does not fit is left out.
    struct Pill {
      std::string label;
      float width;
    };
    std::vector<Pill> pills;
    float pills_w = 0.0f;
    for (const StationOption& station : view.stations) {
      std::string text = station.open_lines > 0 ? fmt::format("{} {}", station.name, station.open_lines) : station.name;
      const float w = text_size(FontSize::small, text).x + 2.0f * theme.px(18.0f) + theme.px(6.0f);
      pills.push_back(Pill{std::move(text) + "##st" + station.id, w});
      pills_w += w;
    }
    const float room = right.left() - m.gap - m.pad;
    const float title_w = text_size(FontSize::large, labels(Word::kds_title)).x + m.gap * 2.0f;
    float x = m.pad;
    if (title_w + pills_w <= room) {
      x += draw_text(dl, ImVec2(x, y + (bar_h - m.large_h) * 0.5f), FontSize::large, theme.text,
                     labels(Word::kds_title), 0.0f, true) +
           m.gap * 2.0f;
    }
    for (std::size_t i = 0; i < pills.size(); ++i) {
      if (x + pills[i].width > right.left() - m.gap) break;
      ImGui::SetCursorScreenPos(ImVec2(x, y + (bar_h - theme.px(40.0f)) * 0.5f));
      const std::string& id = view.stations[i].id;
      if (ui::pill(pills[i].label.c_str(), selection.station == id, theme, {}, FontSize::small)) {
        intents.station = id;
      }
      x = ImGui::GetItemRectMax().x + theme.px(6.0f);
    }
    draw_clock_and_connection(dl, status, right.left(), x, m, labels, theme);
  }

  if (selection.sold_out_panel) {
    draw_sold_out_panel(dl, view, m, labels, theme, intents);
    draw_sidebar(dl, view, m, display.x, labels, theme);
    return intents;
  }

  // ---- tickets, one page ----
  const std::vector<std::size_t> starts = page_starts(view, m, measure, labels, theme);
  const int pages = static_cast<int>(starts.size());
  const int page = std::clamp(selection.page, 0, std::max(0, pages - 1));
  const auto placed = view.tickets.empty()
                          ? std::vector<Placement>{}
                          : place_page(view, starts[static_cast<std::size_t>(page)], m, measure, labels, theme);
  if (view.tickets.empty()) {
    const ImVec2 extent = text_size(FontSize::title, labels(Word::kds_no_tickets));
    draw_text(dl, ImVec2(m.grid_x + (m.grid_w - extent.x) * 0.5f, m.grid_y + m.grid_h * 0.4f), FontSize::title,
              theme.text_muted, labels(Word::kds_no_tickets));
  }
  int hotkey = 0;
  for (const Placement& p : placed) {
    const KdsTicketView& t = view.tickets[p.index];
    ++hotkey;
    const bool selected = t.order_id == selection.order_id;
    int selected_line = selection.line;
    if (selected && selected_line < 0) {
      const auto next = line_to_advance(t);
      selected_line = next ? static_cast<int>(*next) : -1;
    }
    TicketResult r =
        draw_ticket(dl, t, p, m, measure, hotkey <= 9 ? hotkey : 0, selected, selected_line, labels, theme);
    for (auto& bump : r.bumps) intents.bumps.push_back(std::move(bump));
    for (auto& fire : r.fires) intents.fires.push_back(std::move(fire));
    for (auto& hit : r.hits) intents.line_hits.push_back(std::move(hit));
    if (r.selected) {
      intents.select_order = t.order_id;
      intents.select_line = -1;
    }
  }
  std::size_t shown_end = 0;
  for (const Placement& p : placed) {
    if (p.max_lines >= view.tickets[p.index].lines.size()) shown_end = p.index + 1;
  }
  if (pages > 1) {
    // Where the rest are: "Page 1/3  +14 more" with buttons.
    const std::size_t more = view.tickets.size() - shown_end;
    const std::string text =
        fmt::format("{} {}/{}   +{} {}", labels(Word::kds_page), page + 1, pages, more, labels(Word::kds_more_tickets));
    const ImVec2 extent = text_size(FontSize::body, text);
    const float bw = theme.px(64.0f);
    const float bx = m.grid_x + m.grid_w - extent.x - 2.0f * bw - 3.0f * m.gap;
    const float by = m.grid_y + m.grid_h + m.pad;
    dl->AddRectFilled(ImVec2(bx - m.gap, by - m.gap * 0.5f),
                      ImVec2(m.grid_x + m.grid_w, by + m.button_h + m.gap * 0.5f),
                      ui::to_u32(ui::with_alpha(theme.background, 0.92f)), theme.rounding);
    draw_text(dl, ImVec2(bx, by + (m.button_h - extent.y) * 0.5f), FontSize::body, theme.text, text, 0.0f, true);
    ImGui::SetCursorScreenPos(ImVec2(bx + extent.x + m.gap, by));
    ui::ButtonStyle style;
    style.font = FontSize::body;
    style.enabled = page > 0;
    if (ui::big_button("◀##prev", theme, ImVec2(bw, m.button_h), style)) intents.page = page - 1;
    ImGui::SetCursorScreenPos(ImVec2(bx + extent.x + 2.0f * m.gap + bw, by));
    style.enabled = page + 1 < pages;
    if (ui::big_button("▶##next", theme, ImVec2(bw, m.button_h), style)) intents.page = page + 1;
  }

  draw_sidebar(dl, view, m, display.x, labels, theme);

  // ---- keyboard, in the style of a bump bar ----
  std::vector<std::size_t> on_screen;
  for (const Placement& p : placed) on_screen.push_back(p.index);
  apply_bump_keys(read_bump_keys(), view, on_screen, selection, status.can_recall, page, pages, intents);
  return intents;
}

}  // namespace hourglass::kitchen
