// The dish detail: description, marks, the note, quantity, add to cart.
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <string>
#include <vector>

#include "kiosk/screen_parts.hpp"

namespace hourglass::kiosk {

namespace {

struct ChipPlace {
  ImVec2 offset;  // from the top left of the chip area
  ImVec2 size;
};

// The one-touch notes laid out in rows that wrap at `width`.
std::vector<ChipPlace> place_chips(const std::vector<NoteChipView>& chips, float width, const ui::Theme& theme) {
  std::vector<ChipPlace> places;
  const float h = theme.px(52);
  const float gap = theme.px(10);
  float x = 0.0f;
  float y = 0.0f;
  for (const NoteChipView& chip : chips) {
    const float w = std::min(width, ui::measure_text(FontSize::body, chip.label).x + theme.px(40));
    if (x > 0.0f && x + w > width) {
      x = 0.0f;
      y += h + gap;
    }
    places.push_back(ChipPlace{ImVec2(x, y), ImVec2(w, h)});
    x += w + gap;
  }
  return places;
}

float chips_height(const std::vector<ChipPlace>& places) {
  return places.empty() ? 0.0f : places.back().offset.y + places.back().size.y;
}

}  // namespace

Intent draw_detail(const DetailView& detail, NoteEdit& note, const ui::Theme& theme) {
  Intent intent;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  ImGui::SetNextWindowFocus();
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::Begin("##detail", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBackground);
  ImGui::PopStyleVar();
  ui::fill_rect(viewport->WorkPos, viewport->WorkSize, ImVec4(0.1f, 0.06f, 0.03f, 0.55f), 0.0f);

  const DishView& dish = detail.dish;
  const float w = std::min(theme.px(780), viewport->WorkSize.x - theme.px(40));
  const float pad = theme.px(28);
  const float strip_h = theme.px(120);
  const float bottom_h = theme.px(72);
  // The panel is as tall as its content: strip, description, marks, note, buttons.
  const float desc_h = dish.description.empty()
                           ? 0.0f
                           : ui::measure_text(FontSize::body, dish.description, w - 2 * pad).y + theme.px(12);
  const std::vector<ChipPlace> chips = place_chips(detail.chips, w - 2 * pad, theme);
  const float chips_h = chips.empty() ? 0.0f
                                      : ui::measure_text(FontSize::body, detail.chips_label).y + theme.px(8) +
                                            chips_height(chips) + theme.px(20);
  const float typed_h = detail.typed_note ? ui::measure_text(FontSize::body, detail.note_label).y + theme.px(8) +
                                                ui::font(FontSize::body)->FontSize + theme.px(28)
                                          : 0.0f;
  const float content_h =
      strip_h + theme.px(18) + desc_h + theme.px(36) + chips_h + typed_h + theme.px(32) + bottom_h + pad;
  const float h = std::min(content_h, viewport->WorkSize.y - theme.px(40));
  const ImVec2 pos(std::round(viewport->WorkPos.x + (viewport->WorkSize.x - w) * 0.5f),
                   std::round(viewport->WorkPos.y + (viewport->WorkSize.y - h) * 0.5f));
  ui::fill_rect(pos, ImVec2(w, h), theme.surface, theme.rounding * 1.5f);
  const ImVec4 color = ui::rgb(dish.tile_color);

  // Header strip in the category colour with the big seal character.
  ui::fill_rect(pos, ImVec2(w, strip_h), ui::mix(color, ui::rgb(0xFFFFFF), 0.84f), theme.rounding * 1.5f,
                ImDrawFlags_RoundCornersTop);
  {
    ImFont* big = ui::font(FontSize::huge);
    ui::draw_text(FontSize::huge, ImVec2(pos.x + pad, pos.y + (strip_h - big->FontSize) * 0.5f), color, dish.initial);
  }
  const float title_x = pos.x + pad + ui::font(FontSize::huge)->FontSize + theme.px(24);
  const float title_w = pos.x + w - pad - theme.px(60) - title_x;
  const ImVec2 name = ui::measure_text(FontSize::title, dish.name, title_w);
  ui::draw_text(FontSize::title, ImVec2(title_x, pos.y + theme.px(20)), theme.text, dish.name, true, title_w);
  ui::draw_text(FontSize::body, ImVec2(title_x, pos.y + theme.px(24) + name.y), theme.text_muted, dish.other_name);
  if (round_button("##close", ImVec2(pos.x + w - theme.px(40), pos.y + theme.px(40)), theme.px(26), "-", false,
                   theme)) {
    intent = simple(Action::close_detail);
  }
  note_target("detail_close");
  // Make the close button read as "×": overdraw the minus with a cross.
  {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 c(pos.x + w - theme.px(40), pos.y + theme.px(40));
    const float a = theme.px(10);
    draw->AddCircleFilled(c, theme.px(22), to_u32(theme.surface), 24);
    draw->AddLine(ImVec2(c.x - a, c.y - a), ImVec2(c.x + a, c.y + a), to_u32(theme.primary), theme.px(3));
    draw->AddLine(ImVec2(c.x - a, c.y + a), ImVec2(c.x + a, c.y - a), to_u32(theme.primary), theme.px(3));
  }

  float y = pos.y + strip_h + theme.px(18);
  const float text_w = w - 2 * pad;
  if (!dish.description.empty()) {
    y += ui::draw_text(FontSize::body, ImVec2(pos.x + pad, y), theme.text, dish.description, false, text_w).y +
         theme.px(12);
  }
  float mx = pos.x + pad;
  if (dish.spicy > 0) mx += chillies(ImVec2(mx, y), dish.spicy, theme) + theme.px(8);
  if (!dish.promised) {
    mx += ui::draw_chip(ImVec2(mx, y), dish.outside_promise, ui::with_alpha(theme.warning, 0.18f),
                        ui::mix(theme.warning, theme.text, 0.45f), theme) +
          theme.px(8);
  }
  if (!dish.allergens.empty()) {
    std::string allergens = dish.allergens_label + ": ";
    for (std::size_t i = 0; i < dish.allergens.size(); ++i) allergens += (i > 0 ? " · " : "") + dish.allergens[i];
    ui::draw_text(FontSize::small, ImVec2(mx, y + theme.px(2)), theme.text_muted, allergens);
  }
  y += theme.px(36);

  // One-touch notes: a touch chooses or drops one.
  if (!chips.empty()) {
    ui::draw_text(FontSize::body, ImVec2(pos.x + pad, y), theme.text, detail.chips_label, true);
    y += ui::measure_text(FontSize::body, detail.chips_label).y + theme.px(8);
    for (std::size_t i = 0; i < chips.size(); ++i) {
      const NoteChipView& chip = detail.chips[i];
      ButtonLook look{theme.primary, chip.selected ? theme.on_primary : theme.primary,
                      chip.selected ? ButtonKind::filled : ButtonKind::outlined, FontSize::body};
      look.bold = chip.selected;
      look.enabled = chip.enabled;
      look.rounding = chips[i].size.y * 0.5f;
      const std::string id = "##chip" + std::to_string(chip.index);
      if (button_at(id.c_str(), ImVec2(pos.x + pad + chips[i].offset.x, y + chips[i].offset.y), chips[i].size,
                    chip.label, look, theme)) {
        intent = Intent{Action::toggle_note_chip, {}, chip.index, 0};
      }
      note_target("chip:" + std::to_string(chip.index));
    }
    y += chips_height(chips) + theme.px(20);
  }
  if (detail.typed_note) {
    ui::draw_text(FontSize::body, ImVec2(pos.x + pad, y), theme.text, detail.note_label, true);
    y += ui::measure_text(FontSize::body, detail.note_label).y + theme.px(8);
    ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, y));
    ImGui::PushItemWidth(text_w);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(theme.px(14), theme.px(14)));
    ImGui::PushStyleColor(ImGuiCol_FrameBg, theme.surface_alt);
    ImGui::InputTextWithHint("##note", detail.note_hint.c_str(), note.buffer.data(), note.buffer.size());
    ImGui::PopStyleColor();
    ImGui::PopStyleVar();
    ImGui::PopItemWidth();
  }

  // Bottom: quantity stepper and the primary action.
  const float by = pos.y + h - pad - bottom_h;
  const float r = theme.px(28);
  const ImVec2 minus(pos.x + pad + r, by + bottom_h * 0.5f);
  if (round_button("##dminus", minus, r, "-", false, theme)) intent = Intent{Action::detail_qty, {}, 0, -1};
  const std::string qty = std::to_string(detail.qty);
  ui::draw_text_centered(FontSize::title, ImVec2(minus.x + r, by), ImVec2(theme.px(64), bottom_h), theme.text, qty,
                         true);
  const ImVec2 plus(minus.x + r + theme.px(64) + r, minus.y);
  if (round_button("##dplus", plus, r, "+", true, theme)) intent = Intent{Action::detail_qty, {}, 0, 1};
  const float add_x = plus.x + r + theme.px(24);
  ButtonLook look = primary(theme, FontSize::large);
  look.rounding = bottom_h * 0.5f;
  look.enabled = !dish.sold_out;
  if (button_at("##dadd", ImVec2(add_x, by), ImVec2(pos.x + w - pad - add_x, bottom_h),
                dish.sold_out ? dish.sold_out_text : detail.add_button, look, theme)) {
    intent = simple(Action::detail_add, dish.id);
  }
  note_target("detail_add");
  ImGui::End();
  return intent;
}

}  // namespace hourglass::kiosk
