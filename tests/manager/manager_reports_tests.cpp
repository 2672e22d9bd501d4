// The Reports tab's figures from the feedback and history replies: NPS by day
// and kept against broken, complaints by category with response times, speed
// of service against prep_s, on-time by hour and dish, and each CSV read back
// as a spreadsheet would; the period buttons, and the demo month. No server
// (the click-through tests have one).
#include <fmt/format.h>

#include <catch2/catch.hpp>

#include "kitchen/manager/complaints_view.hpp"
#include "kitchen/manager/manager_app.hpp"
#include "kitchen/manager/reports_view.hpp"
#include "shared/demo/demo_feedback.hpp"
#include "shared/net/fake_kitchen.hpp"
#include "tests/kit/spreadsheet_reader.hpp"

namespace core = hourglass::core;
namespace manager = hourglass::manager;
namespace test = hourglass::test;

namespace {

constexpr std::int64_t kMinute = 60'000;
// 2026-12-02 00:00 in Shanghai (16:00 UTC the day before).
constexpr std::int64_t kDay = 1'796'140'800'000;
constexpr int kShanghai = 8 * 60;

core::Survey survey(int score, bool breached, std::int64_t at_ms, std::string table = "1") {
  core::Survey s;
  s.table = std::move(table);
  s.score = score;
  s.breached = breached;
  s.at_ms = at_ms;
  return s;
}

core::Complaint complaint(std::int64_t id, core::ComplaintCategory category, std::int64_t at_ms,
                          std::optional<std::int64_t> answered_after_ms, std::string table = "7") {
  core::Complaint c;
  c.complaint_id = id;
  c.table = std::move(table);  // moved, not a literal assigned: gcc 12 warns falsely on that
  c.category = category;
  c.at_ms = at_ms;
  if (answered_after_ms) {
    c.status = core::ComplaintStatus::resolved;
    c.resolution = core::Resolution::comped;
    c.resolved_at_ms = at_ms + *answered_after_ms;
  }
  return c;
}

core::Menu menu() {
  core::Menu m;
  m.stations = {{"wok", {"Wok", "炒锅"}}, {"cold", {"Cold", "凉菜"}}};
  m.items = {{"gongbao", {"Kung Pao Chicken", "宫保鸡丁"}, "hot", 3800, "wok", true, 480, 2, {}, std::nullopt},
             {"paihuanggua", {"Smashed Cucumber", "拍黄瓜"}, "cold", 1200, "cold", true, 120, 0, {}, std::nullopt},
             {"rice", {"Rice", "米饭"}, "staple", 300, "cold", true, std::nullopt, 0, {}, std::nullopt}};
  return m;
}

core::OrderLine line(const std::string& item, const std::string& station, std::optional<std::int64_t> cooking,
                     std::optional<std::int64_t> ready, bool late = false) {
  core::OrderLine l;
  l.item = item;
  l.station = station;
  l.cooking_at_ms = cooking;
  l.ready_at_ms = ready;
  l.state = ready ? core::LineState::served : core::LineState::queued;
  l.late = late;
  return l;
}

core::Order order(std::int64_t accepted, core::OrderStatus status, std::vector<core::OrderLine> lines,
                  std::string table = "1") {
  core::Order o;
  o.order_id = fmt::format("o{}", accepted);
  o.table = std::move(table);
  o.accepted_at_ms = accepted;
  o.deadline_ms = accepted + 15 * kMinute;
  o.status = status;
  o.lines = std::move(lines);
  return o;
}

manager::ReportsView build(const std::vector<core::Survey>* surveys, const std::vector<core::Complaint>* complaints,
                           const std::vector<core::Order>* history, const core::Menu& m) {
  manager::ReportsInput input;
  input.surveys = surveys;
  input.complaints = complaints;
  input.history = history;
  input.menu = &m;
  input.utc_offset_minutes = kShanghai;
  return manager::build_reports_view(input);
}

}  // namespace

TEST_CASE("reports: nearest-rank percentiles, every figure a measured value", "[manager]") {
  CHECK_FALSE(manager::percentile({}, 50));
  CHECK(manager::percentile({7}, 50) == 7);
  CHECK(manager::percentile({7}, 90) == 7);
  CHECK(manager::percentile({2, 1}, 50) == 1);  // the lower of two
  CHECK(manager::percentile({2, 1}, 90) == 2);
  CHECK(manager::percentile({10, 9, 8, 7, 6, 5, 4, 3, 2, 1}, 50) == 5);
  CHECK(manager::percentile({10, 9, 8, 7, 6, 5, 4, 3, 2, 1}, 90) == 9);
  CHECK(manager::percentile({10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 11}, 90) == 10);  // ceil(9.9) = 10th
  CHECK(manager::percentile({3, 1, 2}, 100) == 3);
  CHECK_FALSE(manager::percentile({1}, 0));
}

TEST_CASE("reports: NPS of all tables, kept against broken, and by local day", "[manager]") {
  const std::vector<core::Survey> surveys = {
      survey(10, false, kDay + 12 * 60 * kMinute),  // promoter, kept
      survey(9, false, kDay + 13 * 60 * kMinute),   // promoter, kept
      survey(7, false, kDay + 13 * 60 * kMinute),   // passive, kept
      survey(6, true, kDay + 19 * 60 * kMinute),    // detractor, broken
      survey(9, true, kDay + 20 * 60 * kMinute),    // promoter, broken
      survey(0, true, kDay - 1),                    // 23:59:59.999 the day before, locally
  };
  const auto view = build(&surveys, nullptr, nullptr, menu());
  CHECK(view.has_feedback);
  CHECK(view.all.surveys == 6);
  CHECK(view.all.promoters == 3);
  CHECK(view.all.passives == 1);
  CHECK(view.all.detractors == 2);
  CHECK(view.all.nps == 17);  // 100 × (3 − 2) / 6 = 16.7
  CHECK(view.kept.surveys == 3);
  CHECK(view.kept.nps == 67);  // 66.7
  CHECK(view.broken.surveys == 3);
  CHECK(view.broken.nps == -33);  // −33.3
  REQUIRE(view.nps_by_day.size() == 2);
  CHECK(view.nps_by_day[0].day == "2026-12-01");
  CHECK(view.nps_by_day[0].tally.nps == -100);
  CHECK(view.nps_by_day[1].day == "2026-12-02");
  CHECK(view.nps_by_day[1].tally.surveys == 5);

  const auto sheet = test::read_spreadsheet(manager::nps_csv(view));
  REQUIRE_FALSE(sheet.error);
  CHECK(sheet.header == std::vector<std::string>{"scope", "surveys", "promoters", "passives", "detractors", "nps"});
  CHECK(sheet.cell(0, "scope") == "all");
  CHECK(sheet.cell(1, "scope") == "promise_kept");
  CHECK(sheet.cell(1, "nps") == "67");
  CHECK(sheet.cell(2, "nps") == "-33");
  CHECK(sheet.cell(3, "scope") == "2026-12-01");

  // Every survey as a row, local time with the offset, reasons by name.
  std::vector<core::Survey> listed = {surveys[3], surveys[5]};
  listed[0].reasons = {core::ComplaintCategory::slow, core::ComplaintCategory::service};
  listed[0].note = "slow, but they apologised";
  const auto rows = test::read_spreadsheet(manager::surveys_csv(listed, core::fixed_utc_offset(kShanghai)));
  REQUIRE_FALSE(rows.error);
  REQUIRE(rows.rows.size() == 2);
  CHECK(rows.cell(0, "at") == "2026-12-02 19:00:00+08:00");
  CHECK(rows.cell(0, "group") == "detractor");
  CHECK(rows.cell(0, "reasons") == "slow service");
  CHECK(rows.cell(0, "note") == "slow, but they apologised");
  CHECK(rows.cell(0, "promise_broken") == "yes");
  CHECK(rows.cell(1, "at") == "2026-12-01 23:59:59+08:00");

  SECTION("no surveys: no score, not zero") {
    const std::vector<core::Survey> none;
    const auto empty = build(&none, nullptr, nullptr, menu());
    CHECK_FALSE(empty.all.nps);
    CHECK_FALSE(empty.broken.nps);
    CHECK(test::read_spreadsheet(manager::nps_csv(empty)).cell(0, "nps").empty());
  }
  SECTION("a half rounds away from zero") {
    // 1 promoter, 0 detractors, 8 surveys: 12.5 → 13; mirrored: −13.
    std::vector<core::Survey> eight(7, survey(8, false, kDay));
    eight.push_back(survey(10, false, kDay));
    CHECK(build(&eight, nullptr, nullptr, menu()).all.nps == 13);
    eight.back().score = 3;
    CHECK(build(&eight, nullptr, nullptr, menu()).all.nps == -13);
  }
}

TEST_CASE("reports: complaints by category, answered ones timed, open ones counted", "[manager]") {
  const std::vector<core::Complaint> complaints = {
      complaint(1, core::ComplaintCategory::slow, kDay, 2 * kMinute),
      complaint(2, core::ComplaintCategory::slow, kDay, 4 * kMinute),
      complaint(3, core::ComplaintCategory::slow, kDay, 10 * kMinute),
      complaint(4, core::ComplaintCategory::slow, kDay, std::nullopt),
      complaint(5, core::ComplaintCategory::cleanliness, kDay, 90'000),
  };
  const auto view = build(nullptr, &complaints, nullptr, menu());
  REQUIRE(view.complaints.size() == 6);  // every category, even with none
  CHECK(view.complaints_total == 5);
  const auto& slow = view.complaints[1];
  CHECK(slow.category == core::ComplaintCategory::slow);
  CHECK(slow.complaints == 4);
  CHECK(slow.open == 1);
  CHECK(slow.resolved == 3);
  CHECK(slow.median_response_ms == 4 * kMinute);
  CHECK(slow.p90_response_ms == 10 * kMinute);
  CHECK(view.complaints[0].complaints == 0);
  CHECK_FALSE(view.complaints[0].median_response_ms);
  CHECK(manager::duration_text(view.complaints[4].median_response_ms) == "1:30");
  CHECK(manager::duration_text(std::nullopt) == "—");

  const auto sheet = test::read_spreadsheet(manager::complaints_by_category_csv(view));
  REQUIRE_FALSE(sheet.error);
  CHECK(sheet.rows.size() == 6);
  const auto slow_row = sheet.rows_where("category", "slow");
  REQUIRE(slow_row.size() == 1);
  CHECK(sheet.cell(slow_row[0], "median_response_s") == "240");
  CHECK(sheet.cell(slow_row[0], "p90_response_s") == "600");
  CHECK(sheet.cell(slow_row[0], "open") == "1");

  // The list, with local times and the answer.
  std::vector<core::Complaint> listed = {complaints[0], complaints[3]};
  listed[0].item = "paihuanggua";
  listed[0].note = "too salty, \"very\"";
  listed[0].resolution_note = "remade it";
  const auto list = test::read_spreadsheet(manager::complaints_csv(listed, menu(), core::fixed_utc_offset(kShanghai)));
  REQUIRE_FALSE(list.error);
  REQUIRE(list.rows.size() == 2);
  CHECK(list.cell(0, "at") == "2026-12-02 00:00:00+08:00");
  CHECK(list.cell(0, "resolved_at") == "2026-12-02 00:02:00+08:00");
  CHECK(list.cell(0, "dish_zh") == "拍黄瓜");
  CHECK(list.cell(0, "note") == "too salty, \"very\"");
  CHECK(list.cell(0, "resolution") == "comped");
  CHECK(list.cell(0, "response_mmss") == "2:00");
  CHECK(list.cell(1, "status") == "open");
  CHECK(list.cell(1, "resolved_at").empty());
}

TEST_CASE("reports: speed of service per station and dish, cooking time against prep_s", "[manager]") {
  const std::int64_t t = kDay + 12 * 60 * kMinute;
  const std::vector<core::Order> history = {
      order(t, core::OrderStatus::kept,
            {line("gongbao", "wok", t + kMinute, t + kMinute + 480'000),       // exactly prep_s: within
             line("paihuanggua", "cold", t, t + 121'000),                      // 1 s over prep_s
             line("rice", "cold", t, t + 30'000)}),                            // no prep_s: not timed against
      order(t + kMinute, core::OrderStatus::kept,
            {line("gongbao", "wok", t + 2 * kMinute, t + 2 * kMinute + 480'001),  // 1 ms over prep_s
             line("gongbao", "wok", std::nullopt, t + 10 * kMinute),             // made ready without a start
             line("gongbao", "wok", std::nullopt, std::nullopt)}),               // not ready: not counted
  };
  const auto view = build(nullptr, nullptr, &history, menu());
  CHECK(view.has_history);
  REQUIRE(view.stations.size() == 2);
  const auto& cold = view.stations[0];
  const auto& wok = view.stations[1];
  CHECK(cold.id == "cold");
  CHECK(cold.name == "Cold");
  CHECK(wok.lines == 3);
  CHECK(wok.cooked == 2);
  CHECK(wok.cook_p50_ms == 480'000);
  CHECK(wok.cook_p90_ms == 480'001);
  CHECK(wok.timed_against_prep == 2);
  CHECK(wok.within_prep == 1);
  CHECK(wok.ready_p50_ms == 9 * kMinute);
  CHECK(wok.ready_p90_ms == 9 * kMinute + 1);  // accepted at t + 1 min, ready 9 min 1 ms later
  CHECK(cold.timed_against_prep == 1);  // the rice has no prep_s
  CHECK(cold.within_prep == 0);
  const auto gongbao = std::find_if(view.dishes.begin(), view.dishes.end(), [](const auto& d) { return d.id == "gongbao"; });
  REQUIRE(gongbao != view.dishes.end());
  CHECK(gongbao->prep_s == 480);
  CHECK(gongbao->station == "wok");
  CHECK(view.dishes.front().id == "gongbao");  // slowest cooking p90 first

  const core::Menu m = menu();
  const auto sheet = test::read_spreadsheet(manager::speed_of_service_csv(view, m));
  REQUIRE_FALSE(sheet.error);
  const auto rows = sheet.rows_where("dish_id", "gongbao");
  REQUIRE(rows.size() == 1);
  CHECK(sheet.cell(rows[0], "dish_zh") == "宫保鸡丁");
  CHECK(sheet.cell(rows[0], "prep_s") == "480");
  CHECK(sheet.cell(rows[0], "cook_p50_s") == "480");
  CHECK(sheet.cell(rows[0], "lines_ready") == "3");
  CHECK(sheet.cell(rows[0], "within_prep") == "1");
  CHECK(sheet.rows_where("scope", "station").size() == 2);
}

TEST_CASE("reports: on-time rate by local hour of order and by dish, undecided orders left out", "[manager]") {
  const std::int64_t noon = kDay + 12 * 60 * kMinute;  // 12:00 in Shanghai
  std::vector<core::Order> history = {
      order(noon, core::OrderStatus::kept, {line("gongbao", "wok", std::nullopt, noon)}),
      order(noon + 59 * kMinute + 59'999, core::OrderStatus::breached,
            {line("gongbao", "wok", std::nullopt, noon, true), line("rice", "cold", std::nullopt, noon)}),
      order(noon + 60 * kMinute, core::OrderStatus::closed, {line("gongbao", "wok", std::nullopt, noon)}),
      order(noon + 2 * 60 * kMinute, core::OrderStatus::open, {line("gongbao", "wok", std::nullopt, std::nullopt)}),
  };
  const auto view = build(nullptr, nullptr, &history, menu());
  CHECK(view.by_hour[12].decided == 2);
  CHECK(view.by_hour[12].on_time == 1);
  CHECK(manager::rate_text(view.by_hour[12].rate_percent_tenths) == "50.0%");
  CHECK(view.by_hour[13].decided == 1);  // 13:00:00.000 is the next hour
  CHECK(manager::rate_text(view.by_hour[13].rate_percent_tenths) == "100.0%");
  CHECK(view.by_hour[14].decided == 0);  // still open: undecided
  CHECK(manager::rate_text(view.by_hour[14].rate_percent_tenths) == "—");
  REQUIRE(view.on_time_dishes.size() == 2);
  CHECK(view.on_time_dishes[0].id == "gongbao");  // the most late lines first
  CHECK(view.on_time_dishes[0].decided == 3);
  CHECK(view.on_time_dishes[0].on_time == 2);
  CHECK(manager::rate_text(view.on_time_dishes[0].rate_percent_tenths) == "66.7%");

  const core::Menu m = menu();
  const auto sheet = test::read_spreadsheet(manager::on_time_csv(view, m));
  REQUIRE_FALSE(sheet.error);
  CHECK(sheet.rows_where("scope", "hour").size() == 2);  // hours with decided orders only
  const auto noon_row = sheet.rows_where("hour", "12:00");
  REQUIRE(noon_row.size() == 1);
  CHECK(sheet.cell(noon_row[0], "on_time_percent") == "50.0");
}

TEST_CASE("complaints view: open ones longest waiting first, on the server's clock", "[manager]") {
  std::map<std::int64_t, core::Complaint> complaints;
  complaints[1] = complaint(1, core::ComplaintCategory::slow, kDay - 65'900, std::nullopt);
  complaints[2] = complaint(2, core::ComplaintCategory::dish_quality, kDay - 5 * kMinute, std::nullopt);
  complaints[2].item = "gongbao";
  complaints[3] = complaint(3, core::ComplaintCategory::service, kDay - 9 * kMinute, 185'000);
  const auto view = manager::build_complaints_view(complaints, menu(), kDay, core::Language::en);
  REQUIRE(view.open.size() == 2);
  CHECK(view.open[0].complaint_id == 2);
  CHECK(view.open[0].waited == "waiting 05:00");
  CHECK(view.open[0].category == "Dish quality");
  CHECK(view.open[0].dish == "Kung Pao Chicken");
  CHECK(view.open[1].waited == "waiting 01:05");  // a stopwatch: 65.9 s is 01:05
  CHECK(view.open[1].table == "Table 7");
  REQUIRE(view.resolved.size() == 1);
  CHECK(view.resolved[0].waited == "answered in 03:05");
  CHECK(view.resolved[0].resolution == "Comped");
  CHECK(view.banner == "2 open · oldest waiting 05:00");
  const auto zh = manager::build_complaints_view(complaints, menu(), kDay, core::Language::zh);
  CHECK(zh.open[0].dish == "宫保鸡丁");
  CHECK(zh.open[0].category == "菜品质量");
  CHECK(manager::build_complaints_view({}, menu(), kDay, core::Language::en).banner.empty());
}

TEST_CASE("the period buttons: today, the last 7 and 30 local days, today included", "[manager]") {
  // 2026-12-03 01:30 in Shanghai is 2026-12-02 17:30 UTC: the store's day is already the 3rd.
  const std::int64_t now = kDay + 24 * 60 * kMinute + 90 * kMinute;
  hourglass::net::FakeKitchenOptions options;
  options.role = core::Role::manager;
  options.now_ms = [now] { return now; };
  hourglass::net::FakeKitchen kitchen(options);
  manager::ManagerSettings settings;
  settings.utc_offset_minutes = kShanghai;
  manager::ManagerApp app(kitchen, settings, [now] { return now; });
  const std::int64_t tomorrow = kDay + 2 * 24 * 60 * kMinute;  // 2026-12-04 00:00 +08:00
  for (const int days : {1, 7, 30}) {
    CAPTURE(days);
    manager::ManagerIntents intents;
    intents.last_days = days;
    app.apply(intents);
    const manager::BreachFilter period = app.current_filter();
    CHECK(period.until_ms == tomorrow);
    CHECK(period.since_ms == tomorrow - days * 24 * 60 * kMinute);
  }
}

TEST_CASE("the demo month's feedback is consistent: in the past, answered after it was made, open ones last",
          "[manager]") {
  const core::Menu m = menu();
  const std::int64_t now = kDay + 20 * 60 * kMinute;
  std::vector<core::Order> history;
  for (int i = 0; i < 300; ++i) {
    const bool late = i % 5 == 0;
    history.push_back(order(now - (i + 1) * 37 * kMinute, late ? core::OrderStatus::breached : core::OrderStatus::kept,
                            {line("gongbao", "wok", std::nullopt, std::nullopt, late)}));
  }
  hourglass::demo::add_demo_kitchen_times(history, m);
  for (const core::Order& o : history) {
    REQUIRE(o.lines[0].cooking_at_ms);
    REQUIRE(o.lines[0].ready_at_ms);
    CHECK(*o.lines[0].cooking_at_ms <= *o.lines[0].ready_at_ms);
    CHECK(*o.lines[0].cooking_at_ms >= o.accepted_at_ms);
    CHECK(o.lines[0].station == "wok");
    if (o.lines[0].late) CHECK(*o.lines[0].ready_at_ms > o.deadline_ms);
  }
  const auto feedback = hourglass::demo::make_demo_feedback(history, m, now, 2);
  REQUIRE(feedback.surveys.size() > 50);
  REQUIRE(feedback.complaints.size() > 2);
  for (std::size_t i = 0; i < feedback.complaints.size(); ++i) {
    const core::Complaint& c = feedback.complaints[i];
    CHECK(c.complaint_id == static_cast<std::int64_t>(i) + 1);
    CHECK(c.at_ms < now);
    const bool last_two = i + 2 >= feedback.complaints.size();
    CHECK((c.status == core::ComplaintStatus::open) == last_two);
    if (c.resolved_at_ms) CHECK(*c.resolved_at_ms > c.at_ms);
  }
  for (const core::Survey& s : feedback.surveys) CHECK(s.at_ms < now);
  // The month's point: broken promises score lower, compensated or not.
  std::vector<core::Survey> surveys = feedback.surveys;
  const auto view = build(&surveys, nullptr, nullptr, m);
  REQUIRE(view.kept.nps);
  REQUIRE(view.broken.nps);
  CHECK(*view.kept.nps > *view.broken.nps);
}
