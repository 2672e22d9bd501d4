#include "shared/ui/widgets.hpp"

// For narrowing the window's content region to a card (as tables do); the
// ImGui version is pinned by Debian, so the internal layout is stable.
#include <imgui_internal.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstring>

namespace hourglass::ui {

namespace {

ImVec2 add(ImVec2 a, ImVec2 b) { return ImVec2(a.x + b.x, a.y + b.y); }

const ImVec4& or_default(const ImVec4& c, const ImVec4& fallback) { return c.w > 0.0f ? c : fallback; }

// The visible part of an ImGui label ("Add##dish42" shows "Add").
const char* label_end(const char* label) {
  const char* hidden = std::strstr(label, "##");
  return hidden != nullptr ? hidden : label + std::strlen(label);
}

ImVec4 lighter(const ImVec4& c, float t) { return mix(c, ImVec4(1, 1, 1, c.w), t); }
ImVec4 darker(const ImVec4& c, float t) { return mix(c, ImVec4(0, 0, 0, c.w), t); }

void text_unformatted(std::string_view s) { ImGui::TextUnformatted(s.data(), s.data() + s.size()); }

}  // namespace

void fill_rounded_rect(ImDrawList* draw_list, ImVec2 min, ImVec2 max, ImU32 color, float rounding,
                       ImDrawFlags corners) {
  const float w = max.x - min.x;
  const float h = max.y - min.y;
  if (w <= 0.0f || h <= 0.0f) return;
  if ((corners & ImDrawFlags_RoundCornersMask_) == 0) corners = ImDrawFlags_RoundCornersAll;
  if (corners & ImDrawFlags_RoundCornersNone) corners = 0;
  const float r = std::min(rounding, std::min(w, h) * 0.5f);
  if (r < 0.5f || corners == 0) {
    draw_list->AddRectFilled(min, max, color);
    return;
  }
  const bool tl = (corners & ImDrawFlags_RoundCornersTopLeft) != 0;
  const bool tr = (corners & ImDrawFlags_RoundCornersTopRight) != 0;
  const bool bl = (corners & ImDrawFlags_RoundCornersBottomLeft) != 0;
  const bool br = (corners & ImDrawFlags_RoundCornersBottomRight) != 0;
  // Middle band, then top and bottom bands stopping short of rounded corners.
  // The bands reach 1 px under each corner fan's straight edges: anti-aliasing
  // fades those edges, which would otherwise show as light seams. (So a
  // translucent colour shows darker seams: prefer opaque colours here.)
  const float o = std::min(1.0f, r);
  draw_list->AddRectFilled(ImVec2(min.x, min.y + r - o), ImVec2(max.x, max.y - r + o), color);
  draw_list->AddRectFilled(ImVec2(min.x + (tl ? r - o : 0.0f), min.y), ImVec2(max.x - (tr ? r - o : 0.0f), min.y + r),
                           color);
  draw_list->AddRectFilled(ImVec2(min.x + (bl ? r - o : 0.0f), max.y - r), ImVec2(max.x - (br ? r - o : 0.0f), max.y),
                           color);
  // Quarter discs fanned from their own centre: every triangle stays small.
  const auto corner = [&](ImVec2 centre, float from, float to) {
    draw_list->PathLineTo(centre);
    draw_list->PathArcTo(centre, r, from, to);
    draw_list->PathFillConvex(color);
  };
  constexpr float pi = 3.14159265358979f;
  if (tl) corner(ImVec2(min.x + r, min.y + r), pi, 1.5f * pi);
  if (tr) corner(ImVec2(max.x - r, min.y + r), 1.5f * pi, 2.0f * pi);
  if (br) corner(ImVec2(max.x - r, max.y - r), 0.0f, 0.5f * pi);
  if (bl) corner(ImVec2(min.x + r, max.y - r), 0.5f * pi, pi);
}

RootWindow::RootWindow(const char* id, const Theme& theme) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(theme.padding, theme.padding));
  // Transparent: Shell clears the frame with its theme's background. A
  // full-screen quad costs ~3.5 ms a frame on the software renderer at
  // 1280x800, against ~0.2 ms for the clear.
  ImGui::PushStyleColor(ImGuiCol_WindowBg, with_alpha(theme.background, 0.0f));
  constexpr ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
  // Begin's result only says whether the window is visible; End is owed either way.
  ImGui::Begin(id, nullptr, flags);
  ImGui::PopStyleColor();
  ImGui::PopStyleVar(3);
}

RootWindow::~RootWindow() { ImGui::End(); }

Card::Card(const char* id, const Theme& theme, const CardStyle& style) : theme_(theme), style_(style) {
  ImGui::PushID(id);
  ImDrawList* draw_list = ImGui::GetWindowDrawList();
  // Content goes to channel 1; the background, whose height is only known at
  // the end, is put under it in channel 0 by the destructor.
  splitter_.Split(draw_list, 2);
  splitter_.SetCurrentChannel(draw_list, 1);
  origin_ = ImGui::GetCursorScreenPos();
  width_ = style_.width > 0.0f ? style_.width : ImGui::GetContentRegionAvail().x;
  const float stripe = style_.stripe.w > 0.0f ? theme_.px(6.0f) : 0.0f;
  content_width_ = std::max(0.0f, width_ - 2.0f * theme_.padding - stripe);
  ImGui::SetCursorScreenPos(add(origin_, ImVec2(theme_.padding + stripe, theme_.padding)));
  ImGui::BeginGroup();
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  saved_work_max_x_ = window->WorkRect.Max.x;
  saved_content_max_x_ = window->ContentRegionRect.Max.x;
  const float content_right = origin_.x + width_ - theme_.padding;
  window->WorkRect.Max.x = content_right;
  window->ContentRegionRect.Max.x = content_right;
}

Card::~Card() {
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  window->WorkRect.Max.x = saved_work_max_x_;
  window->ContentRegionRect.Max.x = saved_content_max_x_;
  ImGui::EndGroup();
  const float content_bottom = ImGui::GetItemRectMax().y;
  const float height = std::max(content_bottom + theme_.padding - origin_.y, style_.min_height);
  const ImVec2 max = add(origin_, ImVec2(width_, height));

  ImDrawList* draw_list = ImGui::GetWindowDrawList();
  splitter_.SetCurrentChannel(draw_list, 0);
  fill_rounded_rect(draw_list, origin_, max, to_u32(or_default(style_.background, theme_.surface)), theme_.rounding);
  if (style_.stripe.w > 0.0f) {
    fill_rounded_rect(draw_list, origin_, ImVec2(origin_.x + theme_.px(6.0f), max.y), to_u32(style_.stripe),
                      theme_.rounding, ImDrawFlags_RoundCornersLeft);
  }
  if (style_.border.w > 0.0f) {
    const float thickness = style_.border_thickness > 0.0f ? theme_.px(style_.border_thickness) : theme_.px(2.0f);
    draw_list->AddRect(origin_, max, to_u32(style_.border), theme_.rounding, 0, thickness);
  }
  splitter_.Merge(draw_list);

  // One item covering the whole card, so SameLine() and spacing work after it.
  ImGui::SetCursorScreenPos(origin_);
  ImGui::Dummy(ImVec2(width_, height));
  ImGui::PopID();
}

bool big_button(const char* label, const Theme& theme, ImVec2 size, const ButtonStyle& style) {
  const ImVec4 color = or_default(style.color, theme.primary);
  const ImVec4 text_color = or_default(style.text_color, theme.on_primary);
  FontScope font_scope(style.font);
  const ImVec2 padding(theme.padding * 1.2f, theme.padding * 0.6f);
  const ImVec2 text_size = ImGui::CalcTextSize(label, nullptr, true);
  ImVec2 button_size = size;
  if (button_size.x == 0.0f) button_size.x = text_size.x + 2.0f * padding.x;
  if (button_size.x < 0.0f) button_size.x = ImGui::GetContentRegionAvail().x;
  button_size.y = std::max({button_size.y, theme.touch_height, text_size.y + 2.0f * padding.y});

  const ImVec2 pos = ImGui::GetCursorScreenPos();
  // Drawn by hand rather than with ImGui::Button: see fill_rounded_rect.
  ImGui::BeginDisabled(!style.enabled);
  const bool clicked = ImGui::InvisibleButton(label, button_size);
  const bool hovered = ImGui::IsItemHovered();
  const bool held = ImGui::IsItemActive();
  const ImVec4 fill = held ? darker(color, 0.18f) : hovered ? lighter(color, 0.12f) : color;
  ImDrawList* draw_list = ImGui::GetWindowDrawList();
  const ImVec2 max = add(pos, button_size);
  // GetColorU32 applies the disabled alpha.
  fill_rounded_rect(draw_list, pos, max, ImGui::GetColorU32(fill), theme.rounding);
  const char* end = label_end(label);
  draw_list->PushClipRect(pos, max, true);
  draw_list->AddText(
      add(pos, ImVec2(std::max(padding.x, (button_size.x - text_size.x) * 0.5f), (button_size.y - text_size.y) * 0.5f)),
      ImGui::GetColorU32(text_color), label, end);
  draw_list->PopClipRect();
  ImGui::EndDisabled();
  return clicked;
}

bool pill(const char* label, bool selected, const Theme& theme, ImVec4 color, FontSize font) {
  const ImVec4 fill = or_default(color, theme.primary);
  FontScope font_scope(font);
  const char* end = label_end(label);
  const ImVec2 text_size = ImGui::CalcTextSize(label, end);
  const ImVec2 size(text_size.x + 2.0f * theme.px(18.0f),
                    std::max(text_size.y + 2.0f * theme.px(9.0f), theme.px(40.0f)));
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const bool clicked = ImGui::InvisibleButton(label, size);
  const bool hovered = ImGui::IsItemHovered();
  const bool held = ImGui::IsItemActive();

  ImVec4 background;
  ImVec4 text_color;
  if (selected) {
    background = held ? darker(fill, 0.18f) : hovered ? lighter(fill, 0.1f) : fill;
    text_color = theme.on_primary;
  } else {
    background = held ? mix(theme.surface_alt, fill, 0.25f) : hovered ? mix(theme.surface, fill, 0.1f) : theme.surface;
    text_color = theme.text;
  }
  ImDrawList* draw_list = ImGui::GetWindowDrawList();
  const ImVec2 max = add(pos, size);
  const float rounding = size.y * 0.5f;
  fill_rounded_rect(draw_list, pos, max, to_u32(background), rounding);
  if (!selected) draw_list->AddRect(pos, max, to_u32(theme.border), rounding, 0, theme.px(1.5f));
  draw_list->AddText(add(pos, ImVec2((size.x - text_size.x) * 0.5f, (size.y - text_size.y) * 0.5f)), to_u32(text_color),
                     label, end);
  return clicked;
}

float countdown_fraction(std::int64_t remaining_ms, std::int64_t total_ms) {
  if (total_ms <= 0 || remaining_ms <= 0) return 0.0f;
  if (remaining_ms >= total_ms) return 1.0f;
  return static_cast<float>(static_cast<double>(remaining_ms) / static_cast<double>(total_ms));
}

void countdown(const CountdownSpec& spec, const Theme& theme) {
  const bool late = spec.remaining_ms < 0;
  const ImVec4 color = late ? theme.late : or_default(spec.color, theme.text);
  const float width = spec.width > 0.0f ? spec.width : ImGui::GetContentRegionAvail().x;
  {
    FontScope font_scope(spec.font);
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    text_unformatted(spec.text);
    ImGui::PopStyleColor();
  }
  const float bar_height = theme.px(spec.bar_height);
  const float rounding = bar_height * 0.5f;
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const ImVec2 max = add(pos, ImVec2(width, bar_height));
  ImDrawList* draw_list = ImGui::GetWindowDrawList();
  if (late) {
    // Empty, and outlined in danger so "late" reads even in grey-scale.
    // Opaque mix rather than alpha: the corner fans overlap their bands by the
    // anti-aliasing fringe, which would show as seams in a translucent fill.
    fill_rounded_rect(draw_list, pos, max, to_u32(mix(theme.surface, theme.danger, 0.22f)), rounding);
    draw_list->AddRect(pos, max, to_u32(theme.danger), rounding, 0, theme.px(1.5f));
  } else {
    fill_rounded_rect(draw_list, pos, max, to_u32(theme.surface_alt), rounding);
    const float fraction = countdown_fraction(spec.remaining_ms, spec.total_ms);
    if (fraction > 0.0f) {
      fill_rounded_rect(draw_list, pos, ImVec2(pos.x + width * fraction, max.y), to_u32(color), rounding);
    }
  }
  ImGui::Dummy(ImVec2(width, bar_height));
}

void banner(std::string_view text, ImVec4 background, ImVec4 text_color, const Theme& theme, FontSize font) {
  FontScope font_scope(font);
  const ImVec2 text_size = ImGui::CalcTextSize(text.data(), text.data() + text.size());
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const ImVec2 size(ImGui::GetContentRegionAvail().x, text_size.y + 2.0f * theme.px(12.0f));
  ImDrawList* draw_list = ImGui::GetWindowDrawList();
  fill_rounded_rect(draw_list, pos, add(pos, size), to_u32(background), theme.rounding);
  draw_list->AddText(add(pos, ImVec2(std::max(0.0f, (size.x - text_size.x) * 0.5f), (size.y - text_size.y) * 0.5f)),
                     to_u32(text_color), text.data(), text.data() + text.size());
  ImGui::Dummy(size);
}

void text(std::string_view s, ImVec4 color, FontSize font) {
  FontScope font_scope(font);
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  text_unformatted(s);
  ImGui::PopStyleColor();
}

std::string elide(std::string_view text, FontSize size, float max_width) {
  ImFont* f = font(size);
  if (f == nullptr) f = ImGui::GetFont();
  auto width = [f](std::string_view s) {
    return f->CalcTextSizeA(f->FontSize, FLT_MAX, 0.0f, s.data(), s.data() + s.size()).x;
  };
  std::string shown(text);
  if (max_width <= 0.0f || width(shown) <= max_width) return shown;
  while (!shown.empty()) {
    // Drop one UTF-8 code point from the end.
    std::size_t cut = shown.size() - 1;
    while (cut > 0 && (static_cast<unsigned char>(shown[cut]) & 0xC0) == 0x80) --cut;
    shown.erase(cut);
    const std::string candidate = shown + "…";
    if (width(candidate) <= max_width) return candidate;
  }
  return shown;
}

void text_fitted(std::string_view s, ImVec4 color, FontSize font, float max_width) {
  const float room = max_width > 0.0f ? max_width : ImGui::GetContentRegionAvail().x;
  text(elide(s, font, room), color, font);
}

void text_right(std::string_view s, ImVec4 color, float right_edge, FontSize font) {
  FontScope font_scope(font);
  const float width = ImGui::CalcTextSize(s.data(), s.data() + s.size()).x;
  const float right = right_edge > 0.0f ? right_edge : ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x;
  ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), right - width));
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  text_unformatted(s);
  ImGui::PopStyleColor();
}

void text_centered(std::string_view s, ImVec4 color, FontSize font) {
  FontScope font_scope(font);
  const float width = ImGui::CalcTextSize(s.data(), s.data() + s.size()).x;
  const float avail = ImGui::GetContentRegionAvail().x;
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, (avail - width) * 0.5f));
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  text_unformatted(s);
  ImGui::PopStyleColor();
}

void text_bold(std::string_view s, ImVec4 color, FontSize font) {
  FontScope font_scope(font);
  // Thicken proportionally: 1 px is invisible on a 64 px countdown.
  const float offset = std::max(1.0f, std::round(ImGui::GetFontSize() / 36.0f));
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddText(ImVec2(pos.x + offset, pos.y), to_u32(color), s.data(), s.data() + s.size());
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  text_unformatted(s);
  ImGui::PopStyleColor();
}

void ToastStack::push(std::string text, ToastKind kind, std::int64_t now_ms, std::int64_t duration_ms) {
  if (toasts_.size() >= max_toasts) toasts_.pop_front();
  toasts_.push_back(Toast{std::move(text), kind, now_ms + duration_ms});
}

std::vector<std::string> ToastStack::texts() const {
  std::vector<std::string> out;
  for (const Toast& toast : toasts_) out.push_back(toast.text);
  return out;
}

std::optional<std::int64_t> ToastStack::next_expiry_ms() const {
  std::optional<std::int64_t> next;
  for (const Toast& toast : toasts_) {
    if (!next || toast.expires_ms < *next) next = toast.expires_ms;
  }
  return next;
}

void ToastStack::draw(std::int64_t now_ms, const Theme& theme) {
  std::erase_if(toasts_, [now_ms](const Toast& t) { return t.expires_ms <= now_ms; });
  if (toasts_.empty()) return;
  ImFont* toast_font = font(FontSize::body);
  if (toast_font == nullptr) toast_font = ImGui::GetFont();
  const float font_size = toast_font->FontSize;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImDrawList* draw_list = ImGui::GetForegroundDrawList();
  const ImVec2 padding(theme.px(22.0f), theme.px(12.0f));
  float bottom = viewport->WorkPos.y + viewport->WorkSize.y - theme.px(32.0f);
  // Newest at the bottom, older ones above it.
  for (auto it = toasts_.rbegin(); it != toasts_.rend(); ++it) {
    ImVec4 background;
    ImVec4 text_color = theme.on_primary;
    switch (it->kind) {
      case ToastKind::info:
        background = mix(theme.text, theme.background, 0.08f);
        text_color = theme.background;
        break;
      case ToastKind::success:
        background = theme.success;
        break;
      case ToastKind::warning:
        background = theme.warning;
        text_color = rgb(0x1A1A1A);  // white on amber is unreadable
        break;
      case ToastKind::error:
        background = theme.danger;
        break;
    }
    const char* begin = it->text.c_str();
    const char* end = begin + it->text.size();
    const ImVec2 text_size = toast_font->CalcTextSizeA(font_size, FLT_MAX, 0.0f, begin, end);
    const ImVec2 size(text_size.x + 2.0f * padding.x, text_size.y + 2.0f * padding.y);
    const ImVec2 min(viewport->WorkPos.x + (viewport->WorkSize.x - size.x) * 0.5f, bottom - size.y);
    const ImVec2 max = add(min, size);
    // A soft shadow so the toast reads over any content.
    draw_list->AddRectFilled(add(min, ImVec2(0, theme.px(3.0f))), add(max, ImVec2(0, theme.px(3.0f))),
                             to_u32(ImVec4(0, 0, 0, 0.18f)), size.y * 0.5f);
    fill_rounded_rect(draw_list, min, max, to_u32(background), size.y * 0.5f);
    draw_list->AddText(toast_font, font_size, add(min, padding), to_u32(text_color), begin, end);
    bottom = min.y - theme.px(10.0f);
  }
}

}  // namespace hourglass::ui
