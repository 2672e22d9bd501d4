#pragma once
// The manager console program: the live orders and the breach log from its
// link to the kitchen (the real server, or a fake kitchen for the demo), the
// views rebuilt when their inputs change, drawing, and the manager's actions
// (comp, close, refresh, export) sent through the link.

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "kitchen/chain/chain_source.hpp"
#include "kitchen/manager/breach_log_view.hpp"
#include "kitchen/manager/chain_view.hpp"
#include "kitchen/manager/complaints_view.hpp"
#include "kitchen/manager/live_view.hpp"
#include "kitchen/manager/manager_draw.hpp"
#include "kitchen/manager/reports_view.hpp"
#include "shared/core/urgency.hpp"
#include "shared/net/kitchen_link.hpp"
#include "shared/ui/theme.hpp"
#include "shared/ui/widgets.hpp"

namespace hourglass::manager {

struct ManagerSettings {
  core::Language language = core::Language::en;
  core::UrgencyThresholds thresholds;
  int utc_offset_minutes = 0;
  // Take the store's zone from the server's welcome (its `timezone`), for the
  // dates, the charts' hours and the exports' times; false when the offset
  // was given on the command line.
  bool follow_store_timezone = true;
  int default_days = 30;  // the breach log's first period: the last 30 days
  std::string export_path = "hourglass-breaches.csv";
  // Benchmarks: filter and sort the whole log again every frame, as if the
  // filter changed on every frame (normally it is rebuilt on change only).
  bool rebuild_every_frame = false;
  bool demo = false;  // say so on screen: the kitchen is a fake one
  // The chain's central database and no kitchen: the Chain tab alone.
  bool chain_only = false;
};

class ManagerApp {
 public:
  // With a chain source the console has a Chain tab (the stores side by
  // side); it must outlive the app.
  ManagerApp(net::KitchenLink& link, ManagerSettings settings, std::function<std::int64_t()> local_now_ms,
             chain::ChainSource* chain = nullptr);

  void frame(const ui::Theme& theme);
  // When the screen next changes by itself (local clock): a live countdown's
  // second, the clock's minute, a toast's end. For the run loop.
  std::optional<std::int64_t> next_frame_ms() const;

  ManagerForm& form() { return form_; }
  const BreachLogView& breach_view() const { return breach_view_; }
  // The entries breach_view() indexes.
  const std::vector<core::BreachEntry>& breach_entries() const { return entries_; }
  const LiveView& live_view() const { return live_view_; }
  const ReportsView& reports_view() const { return reports_view_; }
  const ComplaintsView& complaints_view() const { return complaints_view_; }
  const ChainView& chain_view() const { return chain_view_; }
  // The chain's figures the Chain tab shows now.
  const chain::ChainSnapshot& chain_snapshot() const { return chain_snapshot_; }
  // Where a report's CSV goes: beside the breach export's file,
  // "hourglass-<report>.csv".
  std::string report_path(ReportExport report) const;
  // The filter the form describes now (dates as local days).
  BreachFilter current_filter() const;
  // What frame() does with the drawing's intents; public so tests drive the
  // same path as the buttons.
  void apply(const ManagerIntents& intents);

 private:
  void refresh_from_link();
  void request_period();
  // The chain's figures for the form's period (its dates as the stores' days).
  void ask_chain();
  void refresh_chain();
  // The Chain tab's view with how fresh it is and what is wrong, if anything.
  ChainPanel make_chain_panel() const;
  void export_csv();
  void export_report(ReportExport report);
  std::int64_t server_now() const;
  void follow_store_timezone();
  // The store's offset at each instant for the exports: its zone's when the
  // welcome named one, else the fixed offset.
  core::UtcOffsetAt export_offset() const;
  void toast(std::string text, ui::ToastKind kind);

  net::KitchenLink* link_ = nullptr;
  ManagerSettings settings_;
  std::function<std::int64_t()> local_now_ms_;
  net::State state_;
  std::uint64_t seen_version_ = 0;
  std::vector<core::BreachEntry> entries_;
  std::optional<std::vector<core::Order>> history_;
  std::optional<net::RequestId> breach_req_;
  std::optional<net::RequestId> history_req_;
  std::optional<net::RequestId> feedback_req_;
  std::optional<core::Feedback> feedback_;  // the period's, from get_feedback
  bool requested_once_ = false;
  std::string zone_in_use_;  // the welcome's zone, once applied
  std::int64_t log_as_of_ms_ = 0;

  ManagerForm form_;
  LiveView live_view_;
  // The entries and history prepared for filtering, once per data, language
  // or offset change; the view is rebuilt from it when the filter or sort
  // changed; the table's rows are formatted only when on screen.
  BreachLogIndex breach_index_;
  BreachLogView breach_view_;
  BreachRowCache breach_rows_;
  std::uint64_t data_version_ = 1;
  std::string indexed_key_;  // data version, language, offset of breach_index_
  std::string built_key_;    // the same plus filter and sort, of breach_view_
  ReportsView reports_view_;
  std::string reports_key_;  // data version and language of reports_view_
  ComplaintsView complaints_view_;
  chain::ChainSource* chain_ = nullptr;
  bool chain_asked_ = false;
  std::uint64_t chain_seen_version_ = 0;
  chain::ChainSnapshot chain_snapshot_;
  ChainView chain_view_;
  std::string chain_key_;  // the snapshot's version and the language of chain_view_
  ui::ToastStack toasts_;
  // Orders this console closed: the server answers the requester with the
  // bill only (the closed orders are pushed to the others), so they are
  // dropped here from the live view.
  std::set<std::string> closed_by_us_;
};

}  // namespace hourglass::manager
