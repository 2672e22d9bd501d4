#include "kitchen/manager/manager_draw.hpp"

#include <fmt/format.h>
#include <imgui.h>

#include <algorithm>
#include <cstring>

#include "shared/ui/fonts.hpp"
#include "shared/ui/widgets.hpp"
#include "shared/words/kitchen_text.hpp"
#include "shared/words/words.hpp"

namespace hourglass::manager {

using words::Word;

namespace {

// The quiet "Cancel" beside a dialog's primary action.
bool cancel_button(const words::Words& l, const ui::Theme& theme) {
  ui::ButtonStyle cancel;
  cancel.font = ui::FontSize::body;
  cancel.color = theme.surface_alt;
  cancel.text_color = theme.text;
  return ui::big_button((l(Word::console_cancel) + "##cancel").c_str(), theme, ImVec2(0, 0), cancel);
}

using ui::FontSize;

ImVec4 urgency_color(core::Urgency u, const ui::Theme& theme) {
  switch (u) {
    case core::Urgency::calm:
      return theme.success;
    case core::Urgency::amber:
      return theme.warning;
    case core::Urgency::red:
    case core::Urgency::late:
      return theme.danger;
  }
  return theme.text;
}

// A combo over (id, label) choices with "All" first; returns true on change.
bool choice(const char* id, const std::string& all, std::string& value,
            const std::vector<std::pair<std::string, std::string>>& choices, float width) {
  std::string preview = all;
  for (const auto& [cid, label] : choices) {
    if (cid == value) preview = label;
  }
  bool changed = false;
  ImGui::SetNextItemWidth(width);
  if (ImGui::BeginCombo(id, preview.c_str())) {
    if (ImGui::Selectable(all.c_str(), value.empty())) {
      value.clear();
      changed = true;
    }
    for (const auto& [cid, label] : choices) {
      if (ImGui::Selectable(label.c_str(), cid == value)) {
        value = cid;
        changed = true;
      }
    }
    ImGui::EndCombo();
  }
  return changed;
}

void total_card(const char* id, const std::string& label, const std::string& value, const std::string& sub, float width,
                ImVec4 value_color, const ui::Theme& theme, bool emphasised = false) {
  ui::CardStyle style;
  style.width = width;
  if (emphasised) style.stripe = theme.primary;
  ui::Card card(id, theme, style);
  ui::text(label, theme.text_muted, FontSize::small);
  ui::text_bold(value, value_color, FontSize::title);
  ui::text(sub.empty() ? " " : sub, theme.text_muted, FontSize::small);
}

void draw_breaches(const BreachLogView& log, const BreachTable& rows, ManagerForm& form, const words::Words& l,
                   const ManagerStatus& status, const ui::Theme& theme, ManagerIntents& intents) {
  // ---- filters ----
  const float field = theme.px(150.0f);
  ImGui::AlignTextToFramePadding();
  ui::text(l(Word::console_from), theme.text_muted);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(field);
  if (ImGui::InputTextWithHint("##from", "YYYY-MM-DD", form.from.data(), form.from.size(),
                               ImGuiInputTextFlags_EnterReturnsTrue)) {
    intents.refresh = true;
  }
  ImGui::SameLine();
  ui::text(l(Word::console_to), theme.text_muted);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(field);
  if (ImGui::InputTextWithHint("##to", "YYYY-MM-DD", form.to.data(), form.to.size(),
                               ImGuiInputTextFlags_EnterReturnsTrue)) {
    intents.refresh = true;
  }
  ImGui::SameLine();
  if (ImGui::Button((l(Word::console_refresh) + "##refresh").c_str())) intents.refresh = true;
  ImGui::SameLine(0.0f, theme.px(24.0f));
  ui::text(l(Word::console_table), theme.text_muted);
  ImGui::SameLine();
  std::vector<std::pair<std::string, std::string>> tables;
  for (const auto& t : log.tables) tables.emplace_back(t, t);
  choice("##table", l(Word::kds_all_stations), form.table, tables, theme.px(110.0f));
  ImGui::SameLine();
  ui::text(l(Word::console_dish), theme.text_muted);
  ImGui::SameLine();
  choice("##dish", l(Word::kds_all_stations), form.item, log.items, theme.px(220.0f));
  ImGui::SameLine();
  ui::text(l(Word::console_policy), theme.text_muted);
  ImGui::SameLine();
  std::vector<std::pair<std::string, std::string>> policies;
  for (const auto& p : log.policies) policies.emplace_back(p, words::policy_label(p, status.language));
  choice("##policy", l(Word::kds_all_stations), form.policy, policies, theme.px(170.0f));

  // ---- totals ----
  ImGui::Dummy(ImVec2(0, theme.px(2.0f)));
  const float avail = ImGui::GetContentRegionAvail().x;
  const float card_w = (avail - 4.0f * theme.spacing) / 5.0f;
  const auto& t = log.totals;
  total_card("orders", l(Word::console_orders), t.orders ? std::to_string(*t.orders) : "—",
             t.kept ? fmt::format("{} {}", *t.kept, l(Word::console_kept_of)) : "", card_w, theme.text, theme);
  ImGui::SameLine();
  total_card("ontime", l(Word::console_on_time), t.on_time_rate, "", card_w, theme.success, theme);
  ImGui::SameLine();
  total_card("breaches", l(Word::console_breach_count), std::to_string(t.breaches), "", card_w,
             t.breaches > 0 ? theme.danger : theme.text, theme);
  ImGui::SameLine();
  total_card("late", l(Word::console_late_dishes), std::to_string(t.late_lines), "", card_w, theme.text, theme);
  ImGui::SameLine();
  total_card("comp", l(Word::console_compensation), t.compensation_text, "", card_w, theme.danger, theme, true);

  // ---- the table (left) and the charts (right) ----
  const float export_h = ImGui::GetFrameHeightWithSpacing() + theme.spacing;
  const float body_h = ImGui::GetContentRegionAvail().y - export_h;
  const float right_w = std::max(theme.px(300.0f), ImGui::GetContentRegionAvail().x * 0.3f);
  const float left_w = ImGui::GetContentRegionAvail().x - right_w - theme.spacing;

  ImGui::BeginChild("table", ImVec2(left_w, body_h), false);
  constexpr ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                    ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuterH |
                                    ImGuiTableFlags_SizingFixedFit;
  if (ImGui::BeginTable("breach_log", 7, flags, ImVec2(0, 0))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(l(Word::console_col_time).c_str(),
                            ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_PreferSortDescending, 0.0f,
                            static_cast<ImGuiID>(BreachSortKey::time));
    ImGui::TableSetupColumn(l(Word::console_col_ticket).c_str(), 0, 0.0f, static_cast<ImGuiID>(BreachSortKey::ticket));
    ImGui::TableSetupColumn(l(Word::console_table).c_str(), 0, 0.0f, static_cast<ImGuiID>(BreachSortKey::table));
    ImGui::TableSetupColumn(l(Word::console_col_late).c_str(), ImGuiTableColumnFlags_WidthStretch, 0.0f,
                            static_cast<ImGuiID>(BreachSortKey::late_lines));
    ImGui::TableSetupColumn(l(Word::console_col_worst).c_str(), 0, 0.0f,
                            static_cast<ImGuiID>(BreachSortKey::worst_late));
    ImGui::TableSetupColumn(l(Word::console_policy).c_str(), ImGuiTableColumnFlags_NoSort);
    ImGui::TableSetupColumn(l(Word::console_col_comp).c_str(), ImGuiTableColumnFlags_PreferSortDescending, 0.0f,
                            static_cast<ImGuiID>(BreachSortKey::compensation));
    ImGui::TableHeadersRow();
    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs()) {
      if (specs->SpecsDirty && specs->SpecsCount > 0) {
        form.sort.key = static_cast<BreachSortKey>(specs->Specs[0].ColumnUserID);
        form.sort.descending = specs->Specs[0].SortDirection == ImGuiSortDirection_Descending;
        specs->SpecsDirty = false;
      }
    }
    // One text line per row, so 10,000 rows clip in constant time; only the
    // rows on screen are formatted (and kept by the cache until the data,
    // language or offset change).
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(log.order.size()));
    while (clipper.Step()) {
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        const BreachRow& row = rows.cache.row(rows.entries, log.order[static_cast<std::size_t>(i)]);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(row.when.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(row.ticket.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(row.table.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(row.lines_text.c_str());
        ImGui::TableNextColumn();
        ui::text(row.worst_late, row.lines.empty() || row.worst_late_ms == INT64_MAX ? theme.danger : theme.text);
        ImGui::TableNextColumn();
        ui::text(row.policy, theme.text_muted);
        ImGui::TableNextColumn();
        ui::text_right(row.compensation_text, theme.text);  // money right-aligned
      }
    }
    ImGui::EndTable();
  }
  if (log.empty()) ui::text_centered(l(Word::console_no_breaches), theme.text_muted, FontSize::large);
  ImGui::EndChild();

  ImGui::SameLine();
  ImGui::BeginChild("charts", ImVec2(right_w, body_h), false);
  {
    ui::CardStyle style;
    ui::Card card("per_hour", theme, style);
    ui::text_bold(l(Word::console_per_hour), theme.text, FontSize::body);
    const float w = card.content_width();
    const float h = theme.px(150.0f);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float bar_w = w / 24.0f;
    const int max = std::max(1, log.max_per_hour);
    for (int hour = 0; hour < 24; ++hour) {
      const int n = log.per_hour[static_cast<std::size_t>(hour)];
      const float bh = (h - theme.px(18.0f)) * static_cast<float>(n) / static_cast<float>(max);
      const float x = origin.x + bar_w * static_cast<float>(hour);
      const float base = origin.y + h - theme.px(18.0f);
      dl->AddRectFilled(ImVec2(x + 1.0f, base - bh), ImVec2(x + bar_w - 1.0f, base),
                        ui::to_u32(n == log.max_per_hour && n > 0 ? theme.danger : theme.primary), theme.px(2.0f));
      if (hour % 3 == 0) {
        const std::string label = std::to_string(hour);
        dl->AddText(ui::font(FontSize::small), ui::font(FontSize::small)->FontSize * 0.8f,
                    ImVec2(x, base + theme.px(2.0f)), ui::to_u32(theme.text_muted), label.c_str());
      }
    }
    ImGui::Dummy(ImVec2(w, h));
  }
  ImGui::Dummy(ImVec2(0, theme.spacing * 0.5f));
  {
    ui::Card card("per_dish", theme);
    ui::text_bold(l(Word::console_per_dish), theme.text, FontSize::body);
    const float w = card.content_width();
    const int max = log.dishes.empty() ? 1 : std::max(1, log.dishes.front().late_lines);
    if (ImGui::BeginTable("dishes", 3, ImGuiTableFlags_SizingFixedFit, ImVec2(w, 0))) {
      ImGui::TableSetupColumn("name", ImGuiTableColumnFlags_WidthStretch);
      ImGui::TableSetupColumn("n", ImGuiTableColumnFlags_WidthFixed, theme.px(40.0f));
      ImGui::TableSetupColumn("bar", ImGuiTableColumnFlags_WidthFixed, w * 0.3f);
      std::size_t shown = 0;
      for (const auto& dish : log.dishes) {
        if (++shown > 12) break;
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::PushClipRect(ImGui::GetCursorScreenPos(),
                            ImVec2(ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x,
                                   ImGui::GetCursorScreenPos().y + ImGui::GetTextLineHeight()),
                            true);
        ui::text(dish.name, theme.text);
        ImGui::PopClipRect();
        ImGui::TableNextColumn();
        ui::text_right(std::to_string(dish.late_lines), theme.text);
        ImGui::TableNextColumn();
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        const float bar = (w * 0.3f) * static_cast<float>(dish.late_lines) / static_cast<float>(max);
        ImGui::GetWindowDrawList()->AddRectFilled(
            ImVec2(pos.x, pos.y + theme.px(4.0f)),
            ImVec2(pos.x + bar, pos.y + ImGui::GetTextLineHeight() - theme.px(3.0f)),
            ui::to_u32(ui::with_alpha(theme.danger, 0.75f)), theme.px(2.0f));
        ImGui::Dummy(ImVec2(bar, ImGui::GetTextLineHeight()));
      }
      ImGui::EndTable();
    }
  }
  ImGui::EndChild();

  // ---- export ----
  ui::text(l(Word::console_export_to), theme.text_muted);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - theme.px(420.0f));
  ImGui::InputText("##export", form.export_path.data(), form.export_path.size());
  ImGui::SameLine();
  if (ImGui::Button((l(Word::console_export_csv) + "##export_button").c_str())) intents.export_csv = true;
  ImGui::SameLine();
  ui::text(status.last_update, theme.text_muted, FontSize::small);
}

// The next 15 minutes: the projected on-time rate, the kitchen's wait for a
// new order, and the orders projected to breach.
void draw_forecast(const LiveForecast& forecast, const words::Words& l, const ui::Theme& theme) {
  if (forecast.shown) {
    const double rate = forecast.due > 0 ? static_cast<double>(forecast.on_time) / forecast.due : 1.0;
    const ImVec4 color = rate >= 0.9 ? theme.success : rate >= 0.8 ? theme.warning : theme.danger;
    ui::text_bold(forecast.summary, color, FontSize::body);
    if (!forecast.kitchen_wait.empty()) ImGui::SameLine(0.0f, theme.px(24.0f));
  }
  if (!forecast.kitchen_wait.empty()) ui::text(forecast.kitchen_wait, theme.text_muted, FontSize::body);
  if (forecast.projected_breaches.empty()) return;
  ui::text_bold(l(Word::console_projected_breach) + ":", theme.danger, FontSize::body);
  constexpr std::size_t kShown = 12;  // about two rows; the tables below show the rest
  for (std::size_t i = 0; i < forecast.projected_breaches.size(); ++i) {
    const std::string breach = i < kShown ? forecast.projected_breaches[i]
                                          : fmt::format("+{} …", forecast.projected_breaches.size() - kShown);
    ImGui::SameLine(0.0f, theme.px(16.0f));
    if (ImGui::GetCursorPosX() + ImGui::CalcTextSize(breach.c_str()).x > ImGui::GetWindowContentRegionMax().x) {
      ImGui::NewLine();
    }
    ui::text(breach, theme.danger, FontSize::body);
    if (i >= kShown) break;
  }
}

// The 86 tab: the menu by category, one touch to sell a dish out or put it back.
void draw_sold_out(const LiveView& live, const words::Words& l, const ui::Theme& theme, ManagerIntents& intents) {
  ui::text(l(Word::console_sold_out_hint), theme.text_muted, FontSize::body);
  ImGui::BeginChild("sold_out", ImVec2(0, 0), false);
  std::string category;
  for (const LiveDish& dish : live.dishes) {
    if (dish.category != category) {
      category = dish.category;
      ImGui::Spacing();
      ui::text_bold(category, theme.text, FontSize::large);
    } else {
      ImGui::SameLine();
      const float w = ImGui::CalcTextSize(dish.name.c_str()).x + theme.px(80.0f);
      if (ImGui::GetCursorPosX() + w > ImGui::GetWindowContentRegionMax().x) ImGui::NewLine();
    }
    const std::string label =
        (dish.sold_out ? fmt::format("{} · {}", dish.name, l(Word::kds_sold_out)) : dish.name) + "##86" + dish.item;
    if (ui::pill(label.c_str(), dish.sold_out, theme, theme.danger, FontSize::body)) {
      intents.sold_out.push_back(core::SetSoldOut{dish.item, !dish.sold_out});
    }
  }
  ImGui::EndChild();
}

void draw_live(const LiveView& live, ManagerForm& form, const words::Words& l, const ui::Theme& theme) {
  ui::text(fmt::format("{} {}   ·   {} {}", live.open_orders, l(Word::console_open_orders), live.late_orders,
                       l(Word::console_late_orders)),
           theme.text_muted, FontSize::body);
  draw_forecast(live.forecast, l, theme);
  if (live.tables.empty()) {
    ui::text_centered(l(Word::console_no_open), theme.text_muted, FontSize::large);
    return;
  }
  ImGui::BeginChild("live", ImVec2(0, 0), false);
  const float avail = ImGui::GetContentRegionAvail().x;
  const int columns = std::max(1, static_cast<int>(avail / theme.px(420.0f)));
  const float card_w = (avail - static_cast<float>(columns - 1) * theme.spacing) / static_cast<float>(columns);
  int column = 0;
  for (const LiveTable& table : live.tables) {
    if (column > 0) ImGui::SameLine();
    ImGui::BeginGroup();
    {
      ui::CardStyle style;
      style.width = card_w;
      ui::Card card(("t" + table.table_id + table.close_order_id).c_str(), theme, style);
      const float w = card.content_width();
      ui::text_bold(table.table, theme.text, FontSize::large);
      for (const LiveOrder& order : table.orders) {
        ui::text(order.ticket, theme.text_muted);
        ImGui::SameLine();
        ui::text_bold(order.countdown, urgency_color(order.urgency, theme), FontSize::body);
        ImGui::SameLine();
        ui::text(order.status, theme.text_muted, FontSize::small);
        if (ImGui::BeginTable(("lines" + order.order_id).c_str(), 4, ImGuiTableFlags_SizingFixedFit)) {
          ImGui::TableSetupColumn("dish", ImGuiTableColumnFlags_WidthStretch);
          ImGui::TableSetupColumn("state");
          ImGui::TableSetupColumn("amount");
          ImGui::TableSetupColumn("comp");
          for (const LiveLine& line : order.lines) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ui::text_fitted(line.dish, line.late ? theme.danger : theme.text);
            ImGui::TableNextColumn();
            ui::text(line.comped ? l(Word::console_comped) : line.state_word, theme.text_muted, FontSize::small);
            ImGui::TableNextColumn();
            ui::text_right(line.amount, line.free ? theme.text_muted : theme.text);
            ImGui::TableNextColumn();
            if (line.can_comp) {
              ImGui::PushID(line.line_id.c_str());
              if (ImGui::SmallButton(l(Word::console_comp).c_str())) {
                form.comp_line_id = line.line_id;
                form.comp_dish = line.dish;
                form.comp_reason.fill('\0');
              }
              ImGui::PopID();
            }
          }
          ImGui::EndTable();
        }
      }
      ImGui::Separator();
      ui::text(l(Word::bill_total), theme.text_muted);
      ImGui::SameLine();
      (void)w;
      ui::text_right(fmt::format("{}  −{}  =  {}", table.subtotal, table.discount, table.total), theme.text);
      ui::ButtonStyle style_close;
      style_close.font = FontSize::body;
      style_close.color = theme.primary;
      if (ui::big_button((l(Word::console_close_table) + "##close").c_str(), theme, ImVec2(-1, 0), style_close)) {
        form.close_table = table.table_id;
        form.close_order_id = table.close_order_id;
      }
    }
    ImGui::EndGroup();
    column = (column + 1) % columns;
  }
  ImGui::EndChild();
}

void draw_dialogs(ManagerForm& form, const words::Words& l, const ui::Theme& theme, ManagerIntents& intents) {
  if (!form.comp_line_id.empty()) {
    ImGui::OpenPopup("comp");
    ImGui::SetNextWindowSize(ImVec2(theme.px(520.0f), 0));
    if (ImGui::BeginPopupModal("comp", nullptr, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize)) {
      ui::text_bold(l(Word::console_comp) + ": " + form.comp_dish, theme.text, FontSize::large);
      ui::text(l(Word::console_comp_reason), theme.text_muted);
      ImGui::SetNextItemWidth(-1);
      ImGui::InputText("##reason", form.comp_reason.data(), form.comp_reason.size());
      const bool has_reason = form.comp_reason[0] != '\0';
      ui::ButtonStyle style;
      style.font = FontSize::body;
      style.enabled = has_reason;
      if (ui::big_button((l(Word::console_comp_confirm) + "##ok").c_str(), theme, ImVec2(0, 0), style)) {
        intents.comp = std::make_pair(form.comp_line_id, std::string(form.comp_reason.data()));
        form.comp_line_id.clear();
        ImGui::CloseCurrentPopup();
      }
      ImGui::SameLine();
      if (cancel_button(l, theme)) {
        form.comp_line_id.clear();
        ImGui::CloseCurrentPopup();
      }
      ImGui::EndPopup();
    }
  }
  if (!form.close_table.empty()) {
    ImGui::OpenPopup("close");
    if (ImGui::BeginPopupModal(
            "close", nullptr,
            ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_AlwaysAutoResize)) {
      ui::text_bold(l(Word::console_close_table) + ": " + form.close_table, theme.text, FontSize::large);
      ui::ButtonStyle style;
      style.font = FontSize::body;
      if (ui::big_button((l(Word::console_close_confirm) + "##ok").c_str(), theme, ImVec2(0, 0), style)) {
        intents.close = std::make_pair(form.close_table, form.close_order_id);
        form.close_table.clear();
        ImGui::CloseCurrentPopup();
      }
      ImGui::SameLine();
      if (cancel_button(l, theme)) {
        form.close_table.clear();
        ImGui::CloseCurrentPopup();
      }
      ImGui::EndPopup();
    }
  }
}

}  // namespace

std::vector<std::string> manager_strings(const core::Menu& menu) {
  std::vector<std::string> out = words::all_words();
  for (const auto& item : menu.items) {
    out.push_back(item.name.en);
    out.push_back(item.name.zh);
  }
  out.push_back("—−·×¥●→…");
  return out;
}

ManagerIntents draw_manager(const LiveView& live, const BreachLogView& log, const BreachTable& rows, ManagerForm& form,
                            const ManagerStatus& status, const ui::Theme& theme) {
  ManagerIntents intents;
  const words::Words l(status.language);

  // ---- header: title, tabs, status, language ----
  ui::text_bold(l(Word::console_title), theme.text, FontSize::large);
  ImGui::SameLine(0.0f, theme.px(32.0f));
  if (ui::pill((l(Word::console_live) + "##live").c_str(), form.tab == ManagerTab::live, theme))
    form.tab = ManagerTab::live;
  ImGui::SameLine();
  if (ui::pill((l(Word::console_breaches) + "##breaches").c_str(), form.tab == ManagerTab::breaches, theme)) {
    form.tab = ManagerTab::breaches;
  }
  ImGui::SameLine();
  if (ui::pill((l(Word::console_sold_out_tab) + "##sold_out").c_str(), form.tab == ManagerTab::sold_out, theme)) {
    form.tab = ManagerTab::sold_out;
  }
  std::string conn;
  ImVec4 conn_color = theme.success;
  if (status.demo) {
    conn = l(Word::console_demo);
    conn_color = theme.accent;
  } else if (status.online) {
    conn = l(Word::console_online);
  } else {
    conn = fmt::format("{} {}", l(Word::console_offline), status.offline_since);
    conn_color = theme.danger;
  }
  const std::string right = fmt::format("{}   {}", conn, status.clock);
  const float lang_w = ImGui::CalcTextSize(l(Word::language_other).c_str()).x + theme.px(40.0f);
  ImGui::SameLine();
  const float right_x = ImGui::GetWindowContentRegionMax().x - lang_w - theme.spacing -
                        ImGui::CalcTextSize(right.c_str()).x - theme.px(8.0f);
  ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), right_x));
  ImGui::AlignTextToFramePadding();
  ui::text(right, conn_color);
  ImGui::SameLine();
  ui::ButtonStyle lang_style;
  lang_style.font = FontSize::body;
  lang_style.color = theme.surface_alt;
  lang_style.text_color = theme.text;
  ImGui::SetCursorPosX(ImGui::GetWindowContentRegionMax().x - lang_w);
  if (ui::big_button((l(Word::language_other) + "##lang").c_str(), theme, ImVec2(lang_w, theme.px(40.0f)),
                     lang_style)) {
    intents.toggle_language = true;
  }
  if (!status.demo && !status.online) {
    ui::banner(fmt::format("{} {} — {}", l(Word::console_offline), status.offline_since, status.last_update),
               theme.danger, theme.on_primary, theme);
  }
  ImGui::Separator();

  if (form.tab == ManagerTab::breaches) {
    draw_breaches(log, rows, form, l, status, theme, intents);
  } else if (form.tab == ManagerTab::sold_out) {
    draw_sold_out(live, l, theme, intents);
  } else {
    draw_live(live, form, l, theme);
  }
  draw_dialogs(form, l, theme, intents);
  return intents;
}

}  // namespace hourglass::manager
