#pragma once
// Draws the manager console (live orders, breach log) from its views and
// returns what the manager asked for. The form's text buffers are the only
// thing it writes: ImGui edits them in place.

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "kitchen/manager/breach_log_view.hpp"
#include "kitchen/manager/chain_view.hpp"
#include "kitchen/manager/complaints_view.hpp"
#include "kitchen/manager/live_view.hpp"
#include "kitchen/manager/reports_view.hpp"
#include "shared/core/protocol.hpp"
#include "shared/ui/theme.hpp"

namespace hourglass::manager {

enum class ManagerTab { live, breaches, sold_out, reports, complaints, chain };

// The Reports tab's CSV files, one per table, and the Chain tab's.
enum class ReportExport { nps, surveys, complaints_by_category, complaints, speed_of_service, on_time, chain };
// "nps", "surveys", …: the file's name part ("hourglass-nps.csv").
const char* report_export_name(ReportExport report);

// Every fixed word in both languages, for the font atlas.
std::vector<std::string> manager_strings(const core::Menu& menu);

// What the manager is typing or choosing, held by the app between frames.
struct ManagerForm {
  ManagerTab tab = ManagerTab::breaches;
  std::array<char, 16> from{};  // "YYYY-MM-DD"
  std::array<char, 16> to{};
  std::string table;  // filter choices ("" = all)
  std::string item;
  std::string policy;
  BreachSort sort;
  std::array<char, 512> export_path{};
  // The comp dialog.
  std::string comp_line_id;
  std::string comp_dish;
  std::array<char, 256> comp_reason{};
  // The close-table confirmation.
  std::string close_table;
  std::string close_order_id;
  // The resolve-complaint dialog (0: closed).
  std::int64_t resolve_complaint_id = 0;
  std::string resolve_title;
  std::array<char, 256> resolve_note{};
};

struct ManagerStatus {
  bool demo = false;
  bool chain_only = false;  // no kitchen: the Chain tab alone
  bool online = false;
  std::string offline_since;  // "" when online
  std::string clock;
  std::string last_update;  // "breach log as of 12:34"
  core::Language language = core::Language::en;
};

struct ManagerIntents {
  bool toggle_language = false;
  bool refresh = false;  // dates changed or asked: fetch the log and history again
  std::optional<int> last_days;  // a period button: the last N local days, today included
  bool export_csv = false;
  std::optional<std::pair<std::string, std::string>> comp;   // line id, reason
  std::optional<std::pair<std::string, std::string>> close;  // table, order id (counter)
  std::vector<core::SetSoldOut> sold_out;                    // the 86 tab's touches
  std::optional<core::ResolveComplaint> resolve;             // the complaints tab's answer
  std::optional<ReportExport> export_report;                 // a Reports table's CSV button
};

// The breach table's rows: the entries `log` indexes, and the cache that
// formats the ones on screen (synced by the caller to the entries' version,
// the language and the offset).
struct BreachTable {
  const std::vector<core::BreachEntry>& entries;
  BreachRowCache& cache;
};

// The Chain tab: the stores side by side, and how fresh they are.
struct ChainPanel {
  const ChainView& view;
  std::string as_of;    // "chain database as of 14:03:05", or "reading…"
  std::string problem;  // unreachable, or no store yet: a banner ("" when fine)
  bool read = false;    // figures were read at least once (else only the banner)
};

// What the console shows, one view per tab (no chain panel: no Chain tab).
struct ManagerViews {
  const LiveView& live;
  const BreachLogView& log;
  BreachTable rows;
  const ReportsView& reports;
  const ComplaintsView& complaints;
  const ChainPanel* chain = nullptr;
};

ManagerIntents draw_manager(const ManagerViews& views, ManagerForm& form, const ManagerStatus& status,
                            const ui::Theme& theme);

}  // namespace hourglass::manager
