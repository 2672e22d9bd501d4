#include "kitchen/kds/kds_paint.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cfloat>
#include <cmath>

#include "shared/ui/widgets.hpp"

namespace hourglass::kitchen {

using core::LineState;
using ui::FontSize;

namespace {

ImFont* font_or_default(FontSize size) {
  ImFont* f = ui::font(size);
  return f != nullptr ? f : ImGui::GetFont();
}

}  // namespace

float font_px(FontSize size) {
  ImFont* f = ui::font(size);
  return f != nullptr ? f->FontSize : ImGui::GetFontSize();
}


ImVec2 text_size(FontSize size, std::string_view text) {
  ImFont* f = font_or_default(size);
  return f->CalcTextSizeA(f->FontSize, FLT_MAX, 0.0f, text.data(), text.data() + text.size());
}

// The longest head of `text` that fits `width`, broken after a space when
// there is one (English), else between any two code points (Chinese).
std::size_t fitting_prefix(FontSize size, std::string_view text, float width) {
  ImFont* f = font_or_default(size);
  // The width of each head, summed code point by code point in the order
  // CalcTextSizeA sums them (so the same floats), not measured afresh each
  // time: this runs for every line of every ticket, every frame.
  const bool one_line = text.find_first_of("\r\n") == std::string_view::npos;
  float w = 0.0f;
  std::size_t best = 0;
  std::size_t last_space = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t next = i + 1;
    while (next < text.size() && (static_cast<unsigned char>(text[next]) & 0xC0) == 0x80) ++next;
    if (one_line) {
      w += f->CalcTextSizeA(f->FontSize, FLT_MAX, 0.0f, text.data() + i, text.data() + next).x;
    } else {
      w = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0.0f, text.data(), text.data() + next).x;
    }
    if (w > width) break;
    if (text[i] == ' ') last_space = next;
    best = next;
    i = next;
  }
  if (best < text.size() && last_space > 0) return last_space;
  return best;
}

float ImGuiTextMeasure::width(FontSize size, std::string_view text) const { return text_size(size, text).x; }
float ImGuiTextMeasure::height(FontSize size) const { return font_px(size); }
std::size_t ImGuiTextMeasure::fitting_prefix(FontSize size, std::string_view text, float width) const {
  return kitchen::fitting_prefix(size, text, width);
}

// Draws text at `pos`, cut with "…" to `max_width` (0: no limit); bold draws
// it twice, a pixel apart. Returns the width drawn.
float draw_text(ImDrawList* dl, ImVec2 pos, FontSize size, ImVec4 color, std::string_view text, float max_width,
                bool bold) {
  ImFont* f = font_or_default(size);
  const std::string shown = ui::elide(text, size, max_width);
  const ImVec2 extent = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0.0f, shown.c_str());
  const ImU32 col = ui::to_u32(color);
  if (bold) {
    const float offset = std::max(1.0f, std::round(f->FontSize / 36.0f));
    dl->AddText(f, f->FontSize, ImVec2(pos.x + offset, pos.y), col, shown.c_str());
  }
  dl->AddText(f, f->FontSize, pos, col, shown.c_str());
  return extent.x;
}

// A filled chip with a word in it; returns its width.
float draw_chip(ImDrawList* dl, ImVec2 pos, FontSize size, ImVec4 fill, ImVec4 color, std::string_view text,
                const ui::Theme& theme, float height) {
  const ImVec2 extent = text_size(size, text);
  const float pad = theme.px(8.0f);
  const float h = height > 0.0f ? height : extent.y + theme.px(6.0f);
  const ImVec2 max(pos.x + extent.x + 2.0f * pad, pos.y + h);
  dl->AddRectFilled(pos, max, ui::to_u32(fill), theme.px(5.0f));
  draw_text(dl, ImVec2(pos.x + pad, pos.y + (h - extent.y) * 0.5f), size, color, text, 0.0f, true);
  return max.x - pos.x;
}

namespace {

bool offline(const KdsStatus& status) {
  return status.connection == Connection::offline || status.connection == Connection::connecting;
}

}  // namespace

bool shows_banner(const KdsStatus& status) { return offline(status) || !status.complaint_alert.empty(); }

Metrics screen_metrics(const KdsStatus& status, const TextMeasure& measure, const ui::Theme& theme) {
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  return metrics(measure, theme, display.x, display.y, shows_banner(status));
}

TopBarButtons::TopBarButtons(float right_x, float y, const ui::Theme& theme) : right_(right_x), y_(y), theme_(&theme) {}

bool TopBarButtons::add(const std::string& text, const char* id, ImVec4 color, bool enabled) {
  const ImVec2 extent = text_size(FontSize::small, text);
  const float w = extent.x + theme_->px(28.0f);
  right_ -= w;
  last_min_ = ImVec2(right_, y_);
  last_max_ = ImVec2(right_ + w, y_ + theme_->touch_height);
  ImGui::SetCursorScreenPos(last_min_);
  ui::ButtonStyle style;
  style.color = color;
  style.font = FontSize::small;
  style.enabled = enabled;
  const std::string label = text + "##" + id;
  const bool clicked = ui::big_button(label.c_str(), *theme_, ImVec2(w, theme_->touch_height), style);
  right_ -= theme_->px(6.0f);
  return clicked;
}

ButtonHit TopBarButtons::last_hit(std::string key) const {
  return ButtonHit{std::move(key), last_min_.x, last_min_.y, last_max_.x, last_max_.y};
}

void add_status_buttons(TopBarButtons& buttons, const KdsStatus& status, const words::Words& labels,
                        const ui::Theme& theme, KdsIntents& intents) {
  using words::Word;
  if (buttons.add(labels(Word::language_other), "lang", theme.surface_alt, true)) intents.toggle_language = true;
  if (buttons.add(status.muted ? "✕ " + labels(Word::kds_unmute) : labels(Word::kds_mute), "mute",
                  status.muted ? theme.danger : theme.surface_alt, true)) {
    intents.toggle_mute = true;
  }
  if (buttons.add("↶ " + labels(Word::kds_recall), "recall", status.can_recall ? theme.primary : theme.surface_alt,
                  status.can_recall)) {
    intents.recall = true;
  }
}

void draw_clock_and_connection(ImDrawList* dl, const KdsStatus& status, float right_x, float left_limit,
                               const Metrics& m, const words::Words& labels, const ui::Theme& theme) {
  using words::Word;
  const float y = m.pad;
  const float bar_h = theme.touch_height;
  std::string conn;
  ImVec4 conn_color = theme.success;
  switch (status.connection) {
    case Connection::demo:
      conn = labels(Word::kds_demo);
      conn_color = theme.accent;
      break;
    case Connection::online:
      conn = "● " + labels(Word::kds_online);
      break;
    case Connection::connecting:
      conn = labels(Word::kds_connecting);
      conn_color = theme.warning;
      break;
    case Connection::offline:
      conn = "○ " + labels(Word::kds_offline).substr(0, labels(Word::kds_offline).find(' '));
      conn_color = theme.danger;
      break;
  }
  const std::string clock_conn = status.clock.empty() ? conn : fmt::format("{}   {}", status.clock, conn);
  const float x = right_x - text_size(FontSize::large, clock_conn).x - m.gap;
  if (x > left_limit) draw_text(dl, ImVec2(x, y + (bar_h - m.large_h) * 0.5f), FontSize::large, conn_color, clock_conn);
  if (shows_banner(status)) {
    ImGui::SetCursorScreenPos(ImVec2(m.pad, y + bar_h + m.gap));
    ImGui::PushItemWidth(ImGui::GetIO().DisplaySize.x - 2.0f * m.pad);
    const std::string text = !offline(status) ? status.complaint_alert
                             : status.connection == Connection::connecting
                                 ? labels(Word::kds_connecting) + "…"
                                 : fmt::format("{} {}", labels(Word::kds_offline), status.offline_since);
    ImGui::BeginGroup();
    ui::banner(text, theme.danger, theme.on_primary, theme, FontSize::body);
    ImGui::EndGroup();
    ImGui::PopItemWidth();
  }
}

ImVec4 urgency_color(Urgency urgency, const ui::Theme& theme) {
  switch (urgency) {
    case Urgency::calm:
      return theme.success;
    case Urgency::amber:
      return theme.warning;
    case Urgency::red:
      return theme.danger;
    case Urgency::late:
      return theme.late;
  }
  return theme.text;
}

ImVec4 state_color(LineState state, const ui::Theme& theme) {
  switch (state) {
    case LineState::queued:
      return theme.surface_alt;
    case LineState::cooking:
      return theme.primary;
    case LineState::ready:
      return ui::mix(theme.success, ui::rgb(0x000000), 0.15f);
    case LineState::served:
    case LineState::cancelled:
    case LineState::fired:
      return ui::mix(theme.surface, theme.surface_alt, 0.5f);
    case LineState::held:
      return ui::mix(theme.surface_alt, ui::rgb(0xB455E0), 0.35f);
  }
  return theme.surface_alt;
}

}  // namespace hourglass::kitchen
