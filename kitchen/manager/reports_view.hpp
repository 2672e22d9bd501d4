#pragma once
// The console's Reports tab as data (issue 11): what guests said and how the
// kitchen did over the period, each table with its CSV for spreadsheets.
//
//   - NPS by day, and NPS of tables whose promise was kept against those
//     where it was broken and compensated (does the compensation win the
//     guest back?);
//   - complaints by category, with the median and p90 time to answer;
//   - speed of service per station and per dish: cooking time (a cook's
//     start to ready) against the menu's prep_s, and order to ready;
//   - on-time rate by hour of order and by dish.
//
// Pure: built from the get_feedback and get_history replies for the period,
// the menu, and the store's UTC offset. Percentiles are nearest-rank (the
// p-th percentile of n sorted values is the ceil(p/100 × n)-th), so every
// figure is a real measured value; the median of 2 values is the lower one.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "shared/core/feedback.hpp"
#include "shared/core/menu.hpp"
#include "shared/core/order.hpp"
#include "shared/core/protocol.hpp"
#include "shared/core/spreadsheet_csv.hpp"

namespace hourglass::manager {

// The nearest-rank percentile (0 < p ≤ 100) of the values; nothing when empty.
std::optional<std::int64_t> percentile(std::vector<std::int64_t> values, int p);

struct NpsTally {
  int surveys = 0;
  int promoters = 0;   // 9-10
  int passives = 0;    // 7-8
  int detractors = 0;  // 0-6
  std::optional<int> nps;  // nothing without surveys
};
NpsTally tally_nps(const std::vector<const core::Survey*>& surveys);

struct NpsDay {
  std::string day;  // "2026-12-02", local
  NpsTally tally;
};

struct ComplaintCategoryRow {
  core::ComplaintCategory category = core::ComplaintCategory::other;
  int complaints = 0;
  int open = 0;
  int resolved = 0;
  std::optional<std::int64_t> median_response_ms;  // over the resolved ones
  std::optional<std::int64_t> p90_response_ms;
};

// Speed of one station or one dish, over the lines made ready in the period.
struct SpeedRow {
  std::string id;    // station name, or dish id
  std::string name;  // station name, or the dish's name in the language
  std::string station;  // the dish's station ("" for a station row)
  int lines = 0;        // lines made ready
  std::optional<int> prep_s;  // a dish's prep_s from the menu
  int cooked = 0;             // of them, with a recorded cooking start
  std::optional<std::int64_t> cook_p50_ms, cook_p90_ms;    // cooking start → ready
  std::optional<std::int64_t> ready_p50_ms, ready_p90_ms;  // order accepted → ready
  int timed_against_prep = 0;  // cooked lines whose dish has a prep_s
  int within_prep = 0;         // of them, cooked in prep_s or less
};

struct OnTimeRow {
  std::string id;  // "12" (hour, local) or dish id
  std::string name;
  int decided = 0;  // orders (by hour) or promised lines (by dish) whose promise was decided
  int on_time = 0;
  std::optional<int> rate_percent_tenths;  // 934 = 93.4 %; nothing when none was decided
};

struct ReportsView {
  NpsTally all, kept, broken;  // broken: some order of the bill broke the promise
  std::vector<NpsDay> nps_by_day;  // oldest first, days with surveys only
  std::vector<ComplaintCategoryRow> complaints;  // every category, in kComplaintCategories order
  int complaints_total = 0;
  std::vector<SpeedRow> stations;  // by name
  std::vector<SpeedRow> dishes;    // slowest cooking p90 first
  std::array<OnTimeRow, 24> by_hour{};
  std::vector<OnTimeRow> on_time_dishes;  // the most late lines first
  bool has_feedback = false;  // get_feedback has answered
  bool has_history = false;   // get_history has answered
};

struct ReportsInput {
  const std::vector<core::Survey>* surveys = nullptr;        // null: not known yet
  const std::vector<core::Complaint>* complaints = nullptr;  // null: not known yet
  const std::vector<core::Order>* history = nullptr;         // null: not known yet
  const core::Menu* menu = nullptr;
  core::Language language = core::Language::en;
  int utc_offset_minutes = 0;
};
ReportsView build_reports_view(const ReportsInput& input);

// "93.4%", or "—" without a rate.
std::string rate_text(const std::optional<int>& rate_percent_tenths);
// "4:05" for a duration, or "—".
std::string duration_text(const std::optional<std::int64_t>& ms);

// One CSV per report, for spreadsheets: columns named in English with ids
// beside names in both languages where a row names a dish, durations in
// seconds, times local with the offset. Without the byte-order mark
// (core::spreadsheet_file adds it).
std::string nps_csv(const ReportsView& view);
std::string complaints_by_category_csv(const ReportsView& view);
std::string speed_of_service_csv(const ReportsView& view, const core::Menu& menu);
std::string on_time_csv(const ReportsView& view, const core::Menu& menu);
// Every complaint and every survey of the period, one row each.
std::string complaints_csv(const std::vector<core::Complaint>& complaints, const core::Menu& menu,
                           const core::UtcOffsetAt& offset_at);
std::string surveys_csv(const std::vector<core::Survey>& surveys, const core::UtcOffsetAt& offset_at);

}  // namespace hourglass::manager
