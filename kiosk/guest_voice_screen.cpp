// The guest's voice on screen: the party-size panel when a table starts, the
// "something is wrong" panel, the complaints' answers on "My orders", and the
// one-touch survey under the bill and on the counter's pickup screen.
#include <algorithm>
#include <cmath>

#include "kiosk/screen_parts.hpp"

namespace hourglass::kiosk {

namespace {

// A dimmed full screen with a centred panel of `size`; returns the panel's corner.
ImVec2 begin_overlay(const char* id, ImVec2 size, const ui::Theme& theme) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  ImGui::SetNextWindowFocus();
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::Begin(id, nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBackground);
  ImGui::PopStyleVar();
  ui::fill_rect(viewport->WorkPos, viewport->WorkSize, ImVec4(0.1f, 0.06f, 0.03f, 0.55f), 0.0f);
  const ImVec2 pos(std::round(viewport->WorkPos.x + (viewport->WorkSize.x - size.x) * 0.5f),
                   std::round(viewport->WorkPos.y + (viewport->WorkSize.y - size.y) * 0.5f));
  ui::fill_rect(pos, size, theme.surface, theme.rounding * 1.5f);
  return pos;
}

void end_overlay() { ImGui::End(); }

float panel_width(const ui::Theme& theme) {
  return std::min(theme.px(820), ImGui::GetMainViewport()->WorkSize.x - theme.px(40));
}

// Choices laid out in rows that wrap; returns the height used. `on_touch`
// gets the index of a touched choice.
template <class OnTouch>
float choice_rows(const char* prefix, const std::vector<ChoiceView>& choices, ImVec2 pos, float width, float min_w,
                  const ui::Theme& theme, OnTouch on_touch) {
  const float h = theme.px(64);
  const float gap = theme.px(12);
  float x = pos.x;
  float y = pos.y;
  for (std::size_t i = 0; i < choices.size(); ++i) {
    const ChoiceView& choice = choices[i];
    const float w = std::min(width, std::max(min_w, ui::measure_text(FontSize::body, choice.label).x + theme.px(40)));
    if (x > pos.x && x + w > pos.x + width) {
      x = pos.x;
      y += h + gap;
    }
    ButtonLook look = choice.selected ? primary(theme, FontSize::body) : secondary(theme, FontSize::body);
    const std::string id = std::string("##") + prefix + choice.key;
    if (button_at(id.c_str(), ImVec2(x, y), ImVec2(w, h), choice.label, look, theme)) on_touch(i);
    note_target(std::string(prefix) + choice.key);
    x += w + gap;
  }
  return choices.empty() ? 0.0f : y + h - pos.y;
}

}  // namespace

Intent draw_party_panel(const PartyPanelView& view, const ui::Theme& theme) {
  Intent intent;
  const float w = panel_width(theme);
  const float pad = theme.px(32);
  const float inner = w - 2 * pad;
  const float terms_h = ui::measure_text(FontSize::body, view.terms, inner).y;
  const float h = pad + theme.px(60) + theme.px(150) + theme.px(50) + terms_h + theme.px(40) + theme.px(80) + pad;
  const ImVec2 pos = begin_overlay("##party", ImVec2(w, h), theme);
  float y = pos.y + pad;
  ui::draw_text_centered(FontSize::title, ImVec2(pos.x, y), ImVec2(w, theme.px(50)), theme.text, view.title, true);
  y += theme.px(60);
  // − N +
  const float r = theme.px(44);
  const float cy = y + theme.px(75);
  const float cx = pos.x + w * 0.5f;
  if (view.can_decrease && round_button("##party_less", ImVec2(cx - theme.px(170), cy), r, "\xe2\x88\x92", false, theme)) {
    intent = Intent{Action::party_step, {}, 0, -1};
  }
  note_target("party_less");
  ui::draw_text_centered(FontSize::huge, ImVec2(cx - theme.px(100), cy - theme.px(60)),
                         ImVec2(theme.px(200), theme.px(120)), theme.primary, view.size, true);
  if (view.can_increase && round_button("##party_more", ImVec2(cx + theme.px(170), cy), r, "+", true, theme)) {
    intent = Intent{Action::party_step, {}, 0, +1};
  }
  note_target("party_more");
  y += theme.px(150);
  ui::draw_text_centered(FontSize::large, ImVec2(pos.x, y), ImVec2(w, theme.px(40)), theme.text_muted, view.size_text);
  y += theme.px(50);
  ui::draw_text(FontSize::body, ImVec2(pos.x + pad, y), theme.primary, view.terms, true, inner);
  y += terms_h + theme.px(40);
  const float bh = theme.px(80);
  const float skip_w = theme.px(200);
  if (button_at("##party_skip", ImVec2(pos.x + pad, y), ImVec2(skip_w, bh), view.skip, secondary(theme, FontSize::large),
                theme)) {
    intent = simple(Action::party_skip);
  }
  note_target("party_skip");
  if (button_at("##party_start", ImVec2(pos.x + pad + skip_w + theme.px(16), y),
                ImVec2(inner - skip_w - theme.px(16), bh), view.start, primary(theme), theme)) {
    intent = simple(Action::party_start);
  }
  note_target("party_start");
  end_overlay();
  return intent;
}

Intent draw_complaint_form(const ComplaintFormView& view, const ui::Theme& theme) {
  Intent intent;
  const float w = panel_width(theme);
  const float pad = theme.px(28);
  const float inner = w - 2 * pad;
  // Measure the rows by laying them out once off-screen is not possible with
  // buttons; a generous fixed height with a scrolling dish list instead.
  const float h = std::min(ImGui::GetMainViewport()->WorkSize.y - theme.px(40), theme.px(720));
  const ImVec2 pos = begin_overlay("##complain", ImVec2(w, h), theme);
  float y = pos.y + pad;
  y += ui::draw_text(FontSize::large, ImVec2(pos.x + pad, y), theme.text, view.title, true, inner).y + theme.px(18);
  y += choice_rows("category:", view.categories, ImVec2(pos.x + pad, y), inner, (inner - theme.px(24)) / 3.0f, theme,
                   [&](std::size_t i) { intent = Intent{Action::complaint_category, view.categories[i].key}; }) +
       theme.px(22);
  const float bh = theme.px(76);
  const float bottom = pos.y + h - pad - bh;
  if (!view.dish_label.empty()) {
    y += ui::draw_text(FontSize::body, ImVec2(pos.x + pad, y), theme.text_muted, view.dish_label).y + theme.px(10);
    ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, y));
    ImGui::BeginChild("##complain_dishes", ImVec2(inner, std::max(theme.px(70), bottom - y - theme.px(16))), false,
                      ImGuiWindowFlags_NoBackground);
    touch_scroll();
    const ImVec2 start = ImGui::GetCursorScreenPos();
    const float used = choice_rows("dish:", view.dishes, start, inner - theme.px(12), theme.px(160), theme,
                                   [&](std::size_t i) { intent = Intent{Action::complaint_line, view.dishes[i].key}; });
    ImGui::Dummy(ImVec2(inner - theme.px(12), used));
    ImGui::EndChild();
  }
  const float cancel_w = theme.px(200);
  if (button_at("##complain_cancel", ImVec2(pos.x + pad, bottom), ImVec2(cancel_w, bh), view.cancel,
                secondary(theme, FontSize::large), theme)) {
    intent = simple(Action::close_complaint);
  }
  note_target("complain_cancel");
  ButtonLook send = primary(theme);
  send.enabled = view.can_send;
  if (button_at("##complain_send", ImVec2(pos.x + pad + cancel_w + theme.px(16), bottom),
                ImVec2(inner - cancel_w - theme.px(16), bh), view.send, send, theme) &&
      view.can_send) {
    intent = simple(Action::send_complaint);
  }
  note_target("complain_send");
  end_overlay();
  return intent;
}

float draw_complaint_statuses(const std::vector<ComplaintStatusView>& statuses, const ui::Theme& theme, float width) {
  const ImVec2 start = ImGui::GetCursorScreenPos();
  float y = start.y;
  for (const ComplaintStatusView& status : statuses) {
    const float ip = theme.px(16);
    const float h = ui::measure_text(FontSize::body, status.text, width - 2 * ip).y + 2 * ip;
    card_background(ImVec2(start.x, y), ImVec2(width, h), theme, ui::mix(tone_color(status.tone, theme), theme.surface, 0.85f));
    ui::draw_text(FontSize::body, ImVec2(start.x + ip, y + ip), tone_color(status.tone, theme), status.text, true,
                  width - 2 * ip);
    note_region("complaint:" + std::to_string(status.complaint_id), ImVec2(start.x, y), ImVec2(start.x + width, y + h));
    y += h + theme.px(10);
  }
  ImGui::Dummy(ImVec2(width, y - start.y));
  return y - start.y;
}

Intent draw_survey(const SurveyView& view, ImVec2 pos, float width, const ui::Theme& theme, float& height) {
  Intent intent;
  const float ip = theme.px(18);
  if (view.done) {
    const float h = ui::measure_text(FontSize::large, view.thanks).y + 2 * ip;
    card_background(pos, ImVec2(width, h), theme, theme.surface);
    ui::draw_text_centered(FontSize::large, pos, ImVec2(width, h), tone_color(Tone::good, theme), view.thanks, true);
    note_region("survey_thanks", pos, ImVec2(pos.x + width, pos.y + h));
    height = h;
    return intent;
  }
  const float title_h = ui::measure_text(FontSize::body, view.title, width - 2 * ip).y;
  const float bh = theme.px(64);
  const float h = ip + title_h + theme.px(12) + bh + theme.px(8) + ui::measure_text(FontSize::small, view.scale).y + ip;
  card_background(pos, ImVec2(width, h), theme, theme.surface);
  float y = pos.y + ip;
  ui::draw_text(FontSize::body, ImVec2(pos.x + ip, y), theme.text, view.title, true, width - 2 * ip);
  y += title_h + theme.px(12);
  const float skip_w = theme.px(120);
  const float gap = theme.px(6);
  const float bw = std::floor((width - 2 * ip - skip_w - theme.px(16) - 10 * gap) / 11.0f);
  for (int score = 0; score <= 10; ++score) {
    const std::string id = "##score" + std::to_string(score);
    ButtonLook look = secondary(theme, FontSize::large);
    if (button_at(id.c_str(), ImVec2(pos.x + ip + static_cast<float>(score) * (bw + gap), y), ImVec2(bw, bh),
                  std::to_string(score), look, theme)) {
      intent = Intent{Action::survey_score, {}, 0, score};
    }
    note_target("score:" + std::to_string(score));
  }
  if (button_at("##survey_skip", ImVec2(pos.x + width - ip - skip_w, y), ImVec2(skip_w, bh), view.skip,
                secondary(theme, FontSize::body), theme)) {
    intent = simple(Action::survey_skip);
  }
  note_target("survey_skip");
  y += bh + theme.px(8);
  ui::draw_text(FontSize::small, ImVec2(pos.x + ip, y), theme.text_muted, view.scale);
  height = h;
  return intent;
}

}  // namespace hourglass::kiosk
