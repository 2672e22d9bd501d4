#include "kitchen/manager/manager_draw.hpp"

#include <fmt/format.h>
#include <imgui.h>

#include <algorithm>
#include <cstring>

#include "shared/core/breach_csv.hpp"
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

// From and to (local days) and Refresh: the period of the breach log and the reports.
void draw_period(ManagerForm& form, const words::Words& l, const ui::Theme& theme, ManagerIntents& intents) {
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
  // One touch for the periods a manager asks about most.
  const std::pair<Word, int> presets[] = {{Word::console_today, 1}, {Word::console_week, 7}, {Word::console_month, 30}};
  for (const auto& [word, days] : presets) {
    ImGui::SameLine();
    if (ImGui::SmallButton((l(word) + "##days" + std::to_string(days)).c_str())) intents.last_days = days;
  }
}

void draw_breaches(const BreachLogView& log, const BreachTable& rows, ManagerForm& form, const words::Words& l,
                   const ManagerStatus& status, const ui::Theme& theme, ManagerIntents& intents) {
  // ---- filters ----
  draw_period(form, l, theme, intents);
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
    const std::string breach =
        i < kShown ? forecast.projected_breaches[i] : fmt::format("+{} …", forecast.projected_breaches.size() - kShown);
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

// A section heading with its CSV button at the right.
void section_heading(const std::string& title, const char* id, ReportExport report, const words::Words& l,
                     const ui::Theme& theme, ManagerIntents& intents) {
  ui::text_bold(title, theme.text, FontSize::body);
  const std::string label = l(Word::report_export) + "##" + id;
  const float w =
      ImGui::CalcTextSize(label.substr(0, label.find("##")).c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
  ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetContentRegionMax().x - w));
  if (ImGui::SmallButton(label.c_str())) intents.export_report = report;
}

// "+33", "0", "−35" (a real minus), "—" without surveys.
std::string nps_text(const NpsTally& tally) {
  if (!tally.nps) return "—";
  if (*tally.nps < 0) return fmt::format("−{}", -*tally.nps);
  return *tally.nps == 0 ? "0" : fmt::format("+{}", *tally.nps);
}

ImVec4 nps_color(const NpsTally& tally, const ui::Theme& theme) {
  if (!tally.nps) return theme.text_muted;
  return *tally.nps >= 30 ? theme.success : *tally.nps >= 0 ? theme.warning : theme.danger;
}

constexpr ImGuiTableFlags kReportTable =
    ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_ScrollY;

void right_cell(const std::string& text, const ui::Theme& theme, ImVec4 color = {0, 0, 0, 0}) {
  ImGui::TableNextColumn();
  ui::text_right(text, color.w > 0 ? color : theme.text);
}

void draw_reports(const ReportsView& view, ManagerForm& form, const words::Words& l, const ManagerStatus& status,
                  const ui::Theme& theme, ManagerIntents& intents) {
  draw_period(form, l, theme, intents);
  ImGui::SameLine(0.0f, theme.px(24.0f));
  ui::text(status.last_update, theme.text_muted, FontSize::small);

  // ---- the question first: NPS, and is it lower where we broke the promise? ----
  const float avail = ImGui::GetContentRegionAvail().x;
  const float card_w = (avail - 3.0f * theme.spacing) / 4.0f;
  const auto surveys = [&](const NpsTally& t) { return l.format(Word::report_surveys, t.surveys); };
  total_card("nps_all", l(Word::report_nps) + " · " + l(Word::report_all_tables), nps_text(view.all), surveys(view.all),
             card_w, nps_color(view.all, theme), theme, true);
  ImGui::SameLine();
  total_card("nps_kept", l(Word::report_nps_kept), nps_text(view.kept), surveys(view.kept), card_w,
             nps_color(view.kept, theme), theme);
  ImGui::SameLine();
  total_card("nps_broken", l(Word::report_nps_broken), nps_text(view.broken), surveys(view.broken), card_w,
             nps_color(view.broken, theme), theme);
  ImGui::SameLine();
  int open = 0;
  for (const auto& row : view.complaints) open += row.open;
  total_card("complaints", l(Word::console_complaints_tab), std::to_string(view.complaints_total),
             open > 0 ? fmt::format("{} {}", open, l(Word::report_col_open)) : "", card_w,
             open > 0 ? theme.danger : theme.text, theme);

  const float body_h = ImGui::GetContentRegionAvail().y;
  const float left_w = (ImGui::GetContentRegionAvail().x - theme.spacing) * 0.42f;
  const float right_w = ImGui::GetContentRegionAvail().x - left_w - theme.spacing;
  const float row_h = ImGui::GetTextLineHeightWithSpacing() + theme.px(4.0f);

  // ---- left: NPS by day, complaints by category ----
  ImGui::BeginChild("reports_left", ImVec2(left_w, body_h), false);
  {
    ui::Card card("complaints_by_category", theme);
    section_heading(l(Word::report_complaints), "complaints_by_category", ReportExport::complaints_by_category, l,
                    theme, intents);
    if (ImGui::BeginTable("categories", 5, kReportTable & ~ImGuiTableFlags_ScrollY)) {
      ImGui::TableSetupColumn(l(Word::console_category_column).c_str(), ImGuiTableColumnFlags_WidthStretch);
      ImGui::TableSetupColumn(l(Word::report_col_count).c_str());
      ImGui::TableSetupColumn(l(Word::report_col_open).c_str());
      ImGui::TableSetupColumn(l(Word::report_col_median).c_str());
      ImGui::TableSetupColumn(l(Word::report_col_p90).c_str());
      ImGui::TableHeadersRow();
      for (const ComplaintCategoryRow& row : view.complaints) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ui::text(words::complaint_category_label(row.category, status.language),
                 row.complaints > 0 ? theme.text : theme.text_muted);
        right_cell(std::to_string(row.complaints), theme);
        right_cell(std::to_string(row.open), theme, row.open > 0 ? theme.danger : theme.text_muted);
        right_cell(duration_text(row.median_response_ms), theme);
        right_cell(duration_text(row.p90_response_ms), theme);
      }
      ImGui::EndTable();
    }
    if (ImGui::SmallButton(
            (l(Word::console_complaints_tab) + " " + l(Word::report_export) + "##complaints_list").c_str())) {
      intents.export_report = ReportExport::complaints;
    }
  }
  ImGui::Dummy(ImVec2(0, theme.spacing * 0.5f));
  {
    ui::Card card("nps_by_day", theme);
    section_heading(l(Word::report_nps_by_day), "nps", ReportExport::nps, l, theme, intents);
    const float table_h = std::max(row_h * 3.0f, ImGui::GetContentRegionAvail().y - row_h * 2.0f - theme.spacing * 3);
    if (ImGui::BeginTable("nps_days", 5, kReportTable, ImVec2(0, table_h))) {
      ImGui::TableSetupScrollFreeze(0, 1);
      ImGui::TableSetupColumn(l(Word::report_col_day).c_str(), ImGuiTableColumnFlags_WidthStretch);
      ImGui::TableSetupColumn(l(Word::report_col_count).c_str());
      ImGui::TableSetupColumn(l(Word::report_col_promoters).c_str());
      ImGui::TableSetupColumn(l(Word::report_col_detractors).c_str());
      ImGui::TableSetupColumn("NPS");
      ImGui::TableHeadersRow();
      for (auto it = view.nps_by_day.rbegin(); it != view.nps_by_day.rend(); ++it) {  // newest first
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(it->day.c_str());
        right_cell(std::to_string(it->tally.surveys), theme);
        right_cell(std::to_string(it->tally.promoters), theme);
        right_cell(std::to_string(it->tally.detractors), theme);
        right_cell(nps_text(it->tally), theme, nps_color(it->tally, theme));
      }
      ImGui::EndTable();
    }
    if (view.nps_by_day.empty()) ui::text(l(Word::report_no_data), theme.text_muted);
    if (ImGui::SmallButton((l(Word::report_surveys_list) + "##surveys").c_str())) {
      intents.export_report = ReportExport::surveys;
    }
  }
  ImGui::EndChild();

  // ---- right: speed of service, on time ----
  ImGui::SameLine();
  ImGui::BeginChild("reports_right", ImVec2(right_w, body_h), false);
  {
    ui::Card card("speed", theme);
    section_heading(l(Word::report_speed), "speed", ReportExport::speed_of_service, l, theme, intents);
    const float table_h = std::max(row_h * 4.0f, body_h * 0.5f - row_h * 2.0f);
    if (ImGui::BeginTable("speed_rows", 7, kReportTable, ImVec2(0, table_h))) {
      ImGui::TableSetupScrollFreeze(0, 1);
      ImGui::TableSetupColumn(l(Word::report_col_station).c_str(), ImGuiTableColumnFlags_WidthStretch);
      ImGui::TableSetupColumn(l(Word::report_col_lines).c_str());
      ImGui::TableSetupColumn(l(Word::report_col_prep).c_str());
      ImGui::TableSetupColumn(l(Word::report_col_cook_p50).c_str());
      ImGui::TableSetupColumn(l(Word::report_col_cook_p90).c_str());
      ImGui::TableSetupColumn(l(Word::report_col_within_prep).c_str());
      ImGui::TableSetupColumn(l(Word::report_col_ready_p90).c_str());
      ImGui::TableHeadersRow();
      const auto speed_row = [&](const SpeedRow& row, bool station) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        if (station) {
          ui::text_bold(row.name, theme.text);
        } else {
          ui::text_fitted("  " + row.name, theme.text);
        }
        right_cell(std::to_string(row.lines), theme);
        right_cell(row.prep_s ? core::format_mm_ss(static_cast<std::int64_t>(*row.prep_s) * 1000) : "", theme,
                   theme.text_muted);
        const bool slow =
            row.prep_s && row.cook_p50_ms && *row.cook_p50_ms > static_cast<std::int64_t>(*row.prep_s) * 1000;
        right_cell(duration_text(row.cook_p50_ms), theme, slow ? theme.danger : theme.text);
        right_cell(duration_text(row.cook_p90_ms), theme);
        right_cell(
            rate_text(row.timed_against_prep > 0
                          ? std::optional<int>(static_cast<int>((2000LL * row.within_prep + row.timed_against_prep) /
                                                                (2LL * row.timed_against_prep)))
                          : std::nullopt),
            theme);
        right_cell(duration_text(row.ready_p90_ms), theme, theme.text_muted);
      };
      for (const SpeedRow& station : view.stations) {
        speed_row(station, true);
        for (const SpeedRow& dish : view.dishes) {
          if (dish.station == station.id) speed_row(dish, false);
        }
      }
      ImGui::EndTable();
    }
    if (view.stations.empty()) ui::text(l(Word::report_no_data), theme.text_muted);
  }
  ImGui::Dummy(ImVec2(0, theme.spacing * 0.5f));
  {
    ui::Card card("on_time", theme);
    section_heading(l(Word::report_on_time) + " · " + l(Word::report_by_hour), "on_time", ReportExport::on_time, l,
                    theme, intents);
    const float w = card.content_width();
    const float h = theme.px(90.0f);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float bar_w = w / 24.0f;
    const float base = origin.y + h - theme.px(18.0f);
    for (int hour = 0; hour < 24; ++hour) {
      const OnTimeRow& row = view.by_hour[static_cast<std::size_t>(hour)];
      const float x = origin.x + bar_w * static_cast<float>(hour);
      if (row.rate_percent_tenths) {
        const float bh = (h - theme.px(22.0f)) * static_cast<float>(*row.rate_percent_tenths) / 1000.0f;
        const ImVec4 color = *row.rate_percent_tenths >= 900   ? theme.success
                             : *row.rate_percent_tenths >= 800 ? theme.warning
                                                               : theme.danger;
        dl->AddRectFilled(ImVec2(x + 1.0f, base - bh), ImVec2(x + bar_w - 1.0f, base), ui::to_u32(color),
                          theme.px(2.0f));
      }
      if (hour % 3 == 0) {
        dl->AddText(ui::font(FontSize::small), ui::font(FontSize::small)->FontSize * 0.8f,
                    ImVec2(x, base + theme.px(2.0f)), ui::to_u32(theme.text_muted), std::to_string(hour).c_str());
      }
    }
    ImGui::Dummy(ImVec2(w, h));
    ui::text_bold(l(Word::report_on_time) + " · " + l(Word::report_by_dish), theme.text, FontSize::body);
    const float table_h = std::max(row_h * 3.0f, ImGui::GetContentRegionAvail().y - theme.spacing * 2);
    if (ImGui::BeginTable("on_time_dishes", 3, kReportTable, ImVec2(0, table_h))) {
      ImGui::TableSetupColumn("dish", ImGuiTableColumnFlags_WidthStretch);
      ImGui::TableSetupColumn("n");
      ImGui::TableSetupColumn("rate");
      for (const OnTimeRow& dish : view.on_time_dishes) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ui::text_fitted(dish.name, theme.text);
        right_cell(fmt::format("{}/{}", dish.on_time, dish.decided), theme, theme.text_muted);
        const ImVec4 color = dish.rate_percent_tenths && *dish.rate_percent_tenths < 800 ? theme.danger : theme.text;
        right_cell(rate_text(dish.rate_percent_tenths), theme, color);
      }
      ImGui::EndTable();
    }
  }
  ImGui::EndChild();
}

// A level of the chain view in the console's colours.
ImVec4 level_color(ChainLevel level, const ui::Theme& theme) {
  switch (level) {
    case ChainLevel::good:
      return theme.success;
    case ChainLevel::watch:
      return theme.warning;
    case ChainLevel::bad:
      return theme.danger;
    case ChainLevel::none:
      break;
  }
  return theme.text_muted;
}

// A store's on-time share day by day: one cell a day, coloured as the
// console colours an on-time rate, empty where nothing was decided.
void day_strip(const std::vector<ChainDayCell>& days, const words::Words& l, const ui::Theme& theme) {
  const float width = ImGui::GetContentRegionAvail().x;
  const float height = ImGui::GetTextLineHeight();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  if (days.empty() || width <= 0.0f) {
    ImGui::Dummy(ImVec2(std::max(width, 1.0f), height));
    return;
  }
  const float cell = width / static_cast<float>(days.size());
  const float gap = cell > theme.px(6.0f) ? theme.px(2.0f) : 0.0f;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  for (std::size_t i = 0; i < days.size(); ++i) {
    const ImVec2 a(origin.x + cell * static_cast<float>(i), origin.y);
    const ImVec2 b(a.x + cell - gap, origin.y + height);
    const ImVec4 color = days[i].level == ChainLevel::none ? theme.surface_alt : level_color(days[i].level, theme);
    draw->AddRectFilled(a, b, ImGui::ColorConvertFloat4ToU32(color), theme.px(2.0f));
  }
  ImGui::Dummy(ImVec2(width, height));
  if (ImGui::IsItemHovered()) {
    const float x = ImGui::GetIO().MousePos.x - origin.x;
    const auto i = static_cast<std::size_t>(std::clamp(x / cell, 0.0f, static_cast<float>(days.size() - 1)));
    const ChainDayCell& day = days[i];
    ImGui::SetTooltip(
        "%s", fmt::format("{} · {} {} · {} {} · {} {}", day.day, l(Word::console_on_time),
                          day.on_time ? fmt::format("{:.1f}%", *day.on_time) : "—", l(Word::console_orders), day.orders,
                          l(Word::console_breach_count), day.breaches)
                  .c_str());
  }
}

void chain_row(const ChainStoreRow& row, bool whole_chain, const words::Words& l, const ui::Theme& theme) {
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  if (whole_chain) {
    ui::text_bold(row.store, theme.primary);
  } else {
    ui::text_bold(row.store, theme.text);
  }
  right_cell(row.on_time_text, theme, level_color(row.on_time_level, theme));
  right_cell(row.orders, theme);
  right_cell(row.breaches, theme, row.breaches != "0" ? theme.danger : theme.text);
  right_cell(row.compensation, theme);
  right_cell(row.comps, theme, theme.text_muted);
  right_cell(row.nps, theme, level_color(row.nps_level, theme));
  right_cell(row.complaints, theme, row.complaints_open ? theme.danger : theme.text);
  right_cell(row.response, theme, theme.text_muted);
  ImGui::TableNextColumn();
  day_strip(row.days, l, theme);
}

// The chain's stores side by side over the period, worst first, under the
// chain's totals; the same period controls as the breach log.
void draw_chain(const ChainPanel& panel, ManagerForm& form, const words::Words& l, const ui::Theme& theme,
                ManagerIntents& intents) {
  const ChainView& view = panel.view;
  draw_period(form, l, theme, intents);
  ImGui::SameLine(0.0f, theme.px(24.0f));
  ui::text(panel.as_of, theme.text_muted, FontSize::small);
  if (!panel.problem.empty()) ui::banner(panel.problem, theme.danger, theme.on_primary, theme);
  if (!panel.read) return;  // no figures yet: zeros would read as a chain that sold nothing

  const float avail = ImGui::GetContentRegionAvail().x;
  const float card_w = (avail - 4.0f * theme.spacing) / 5.0f;
  total_card("chain_on_time", l(Word::chain_all_stores) + " · " + l(Word::console_on_time), view.chain.on_time_text,
             l.format(Word::chain_stores, view.stores.size()), card_w, level_color(view.chain.on_time_level, theme),
             theme, true);
  ImGui::SameLine();
  total_card("chain_orders", l(Word::console_orders), view.chain.orders, "", card_w, theme.text, theme);
  ImGui::SameLine();
  total_card("chain_breaches", l(Word::console_breach_count), view.chain.breaches, view.chain.compensation, card_w,
             view.chain.breaches != "0" ? theme.danger : theme.text, theme);
  ImGui::SameLine();
  total_card("chain_nps", l(Word::chain_col_nps), view.chain.nps, "", card_w, level_color(view.chain.nps_level, theme),
             theme);
  ImGui::SameLine();
  total_card("chain_complaints", l(Word::console_complaints_tab), view.chain.complaints, "", card_w,
             view.chain.complaints_open ? theme.danger : theme.text, theme);

  section_heading(l.format(Word::chain_stores, view.stores.size()), "chain", ReportExport::chain, l, theme, intents);
  if (view.stores.empty()) {
    ui::text(l(Word::chain_no_rows), theme.text_muted);
    return;
  }
  if (ImGui::BeginTable("chain_stores", 10, kReportTable, ImVec2(0.0f, ImGui::GetContentRegionAvail().y))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(l(Word::chain_col_store).c_str());
    ImGui::TableSetupColumn(l(Word::console_on_time).c_str());
    ImGui::TableSetupColumn(l(Word::console_orders).c_str());
    ImGui::TableSetupColumn(l(Word::console_breach_count).c_str());
    ImGui::TableSetupColumn(l(Word::console_col_comp).c_str());
    ImGui::TableSetupColumn(l(Word::chain_col_comps).c_str());
    ImGui::TableSetupColumn(l(Word::chain_col_nps).c_str());
    ImGui::TableSetupColumn(l(Word::console_complaints_tab).c_str());
    ImGui::TableSetupColumn(l(Word::chain_col_response).c_str());
    ImGui::TableSetupColumn(l(Word::chain_col_days).c_str(), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableHeadersRow();
    chain_row(view.chain, true, l, theme);
    for (const ChainStoreRow& row : view.stores) chain_row(row, false, l, theme);
    ImGui::EndTable();
  }
}

// One complaint as a card: who, what, how long they have waited, and (open)
// the four answers.
void complaint_card(const ComplaintRow& row, bool open, float width, ManagerForm& form, const words::Words& l,
                    const ui::Theme& theme) {
  ui::CardStyle style;
  style.width = width;
  style.stripe = open ? (row.waited_ms >= 5 * 60'000 ? theme.danger : theme.warning) : theme.success;
  ui::Card card(("complaint" + std::to_string(row.complaint_id)).c_str(), theme, style);
  ui::text_bold(row.table, theme.text, FontSize::large);
  ImGui::SameLine(0.0f, theme.px(16.0f));
  ui::text_bold(row.waited, open ? (row.waited_ms >= 5 * 60'000 ? theme.danger : theme.warning) : theme.success,
                FontSize::large);
  ui::text(row.dish.empty() ? row.category : fmt::format("{} · {}", row.category, row.dish), theme.text,
           FontSize::body);
  if (!row.note.empty()) ui::text_fitted("“" + row.note + "”", theme.text_muted, FontSize::body, card.content_width());
  if (!open) {
    ui::text_fitted(row.resolution, theme.text_muted, FontSize::body, card.content_width());
    return;
  }
  ui::ButtonStyle style_resolve;
  style_resolve.font = FontSize::body;
  style_resolve.color = theme.primary;
  if (ui::big_button((l(Word::console_resolve) + "##resolve" + std::to_string(row.complaint_id)).c_str(), theme,
                     ImVec2(-1, 0), style_resolve)) {
    form.resolve_complaint_id = row.complaint_id;
    form.resolve_title = fmt::format("{} · {}", row.table, row.dish.empty() ? row.category : row.dish);
    form.resolve_note.fill('\0');
  }
}

void draw_complaints(const ComplaintsView& view, ManagerForm& form, const words::Words& l, const ui::Theme& theme) {
  ImGui::BeginChild("complaints", ImVec2(0, 0), false);
  const float avail = ImGui::GetContentRegionAvail().x;
  const int columns = std::max(1, static_cast<int>(avail / theme.px(380.0f)));
  const float card_w = (avail - static_cast<float>(columns - 1) * theme.spacing) / static_cast<float>(columns);
  const auto grid = [&](const std::vector<ComplaintRow>& rows, bool open) {
    int column = 0;
    for (const ComplaintRow& row : rows) {
      if (column > 0) ImGui::SameLine();
      ImGui::BeginGroup();
      complaint_card(row, open, card_w, form, l, theme);
      ImGui::EndGroup();
      column = (column + 1) % columns;
    }
  };
  if (view.open.empty()) {
    ui::text(l(Word::console_no_complaints), theme.text_muted, FontSize::large);
  } else {
    grid(view.open, true);
  }
  if (!view.resolved.empty()) {
    ImGui::Spacing();
    ui::text_bold(l(Word::console_resolved_recently), theme.text_muted, FontSize::body);
    grid(view.resolved, false);
  }
  ImGui::EndChild();
}

void draw_resolve_dialog(ManagerForm& form, const words::Words& l, const ui::Theme& theme, ManagerIntents& intents) {
  if (form.resolve_complaint_id == 0) return;
  ImGui::OpenPopup("resolve");
  ImGui::SetNextWindowSize(ImVec2(theme.px(620.0f), 0));
  if (!ImGui::BeginPopupModal("resolve", nullptr, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize)) return;
  ui::text_bold(l(Word::console_resolve) + ": " + form.resolve_title, theme.text, FontSize::large);
  ui::text(l(Word::console_resolve_note), theme.text_muted);
  ImGui::SetNextItemWidth(-1);
  ImGui::InputText("##resolve_note", form.resolve_note.data(), form.resolve_note.size());
  ui::ButtonStyle style;
  style.font = FontSize::body;
  for (const core::Resolution resolution : core::kResolutions) {
    const std::string label =
        words::resolution_label(resolution, l.language()) + "##" + std::string(core::to_string(resolution));
    if (ui::big_button(label.c_str(), theme, ImVec2(0, 0), style)) {
      intents.resolve = core::ResolveComplaint{form.resolve_complaint_id, resolution, form.resolve_note.data()};
      form.resolve_complaint_id = 0;
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
  }
  if (cancel_button(l, theme)) {
    form.resolve_complaint_id = 0;
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
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

// The store's tabs, and the Chain tab when the console has the chain's database.
void draw_store_tabs(const ManagerViews& views, ManagerForm& form, const words::Words& l, const ui::Theme& theme) {
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
  ImGui::SameLine();
  if (ui::pill((l(Word::console_reports_tab) + "##reports").c_str(), form.tab == ManagerTab::reports, theme)) {
    form.tab = ManagerTab::reports;
  }
  ImGui::SameLine();
  const std::string complaints_tab =
      views.complaints.open.empty()
          ? l(Word::console_complaints_tab)
          : fmt::format("{} ● {}", l(Word::console_complaints_tab), views.complaints.open.size());
  if (ui::pill((complaints_tab + "##complaints").c_str(), form.tab == ManagerTab::complaints, theme,
               views.complaints.open.empty() ? ImVec4{0, 0, 0, 0} : theme.danger)) {
    form.tab = ManagerTab::complaints;
  }
  if (views.chain != nullptr) {
    ImGui::SameLine();
    if (ui::pill((l(Word::chain_tab) + "##chain").c_str(), form.tab == ManagerTab::chain, theme)) {
      form.tab = ManagerTab::chain;
    }
  }
  if (views.chain == nullptr && form.tab == ManagerTab::chain) form.tab = ManagerTab::breaches;
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

const char* report_export_name(ReportExport report) {
  switch (report) {
    case ReportExport::nps:
      return "nps";
    case ReportExport::surveys:
      return "surveys";
    case ReportExport::complaints_by_category:
      return "complaints-by-category";
    case ReportExport::complaints:
      return "complaints";
    case ReportExport::speed_of_service:
      return "speed-of-service";
    case ReportExport::on_time:
      return "on-time";
    case ReportExport::chain:
      return "chain";
  }
  return "report";
}

ManagerIntents draw_manager(const ManagerViews& views, ManagerForm& form, const ManagerStatus& status,
                            const ui::Theme& theme) {
  const LiveView& live = views.live;
  ManagerIntents intents;
  const words::Words l(status.language);

  // ---- header: title, tabs, status, language ----
  ui::text_bold(l(Word::console_title), theme.text, FontSize::large);
  ImGui::SameLine(0.0f, theme.px(32.0f));
  if (status.chain_only) {
    form.tab = ManagerTab::chain;  // no kitchen behind this console: its other tabs would be empty
    ui::pill((l(Word::chain_tab) + "##chain").c_str(), true, theme);
  } else {
    draw_store_tabs(views, form, l, theme);
  }
  std::string conn;
  ImVec4 conn_color = theme.success;
  if (status.demo) {
    conn = l(Word::console_demo);
    conn_color = theme.accent;
  } else if (status.chain_only) {
    conn = "";  // no kitchen to be online with: the Chain tab says how its database is
    conn_color = theme.text_muted;
  } else if (status.online) {
    conn = l(Word::console_online);
  } else {
    conn = fmt::format("{} {}", l(Word::console_offline), status.offline_since);
    conn_color = theme.danger;
  }
  const std::string right = conn.empty() ? status.clock : fmt::format("{}   {}", conn, status.clock);
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
  if (!status.demo && !status.chain_only && !status.online) {
    ui::banner(fmt::format("{} {} — {}", l(Word::console_offline), status.offline_since, status.last_update),
               theme.danger, theme.on_primary, theme);
  }
  // An open complaint is told on every tab, with how long the guest has waited.
  if (!views.complaints.banner.empty() && form.tab != ManagerTab::complaints) {
    ui::banner(l(Word::console_complaints_tab) + ": " + views.complaints.banner, theme.danger, theme.on_primary, theme);
    if (ImGui::IsItemClicked()) form.tab = ManagerTab::complaints;
  }
  ImGui::Separator();

  if (form.tab == ManagerTab::breaches) {
    draw_breaches(views.log, views.rows, form, l, status, theme, intents);
  } else if (form.tab == ManagerTab::sold_out) {
    draw_sold_out(live, l, theme, intents);
  } else if (form.tab == ManagerTab::reports) {
    draw_reports(views.reports, form, l, status, theme, intents);
  } else if (form.tab == ManagerTab::complaints) {
    draw_complaints(views.complaints, form, l, theme);
  } else if (form.tab == ManagerTab::chain && views.chain != nullptr) {
    draw_chain(*views.chain, form, l, theme, intents);
  } else {
    draw_live(live, form, l, theme);
  }
  draw_dialogs(form, l, theme, intents);
  draw_resolve_dialog(form, l, theme, intents);
  return intents;
}

}  // namespace hourglass::manager
