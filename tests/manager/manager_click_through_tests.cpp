// The manager console against a REAL kitchen server, started by the test kit
// with the standard test kitchen: a table orders, the console's live view
// shows it, a comp made through the console reaches the table, and closing
// the table takes it off the live view.
#include <catch2/catch.hpp>
#include <string>
#include <utility>

#include "kitchen/manager/manager_app.hpp"
#include "kitchen/manager/manager_draw.hpp"
#include "shared/net/client.hpp"
#include "tests/kit/test_kit.hpp"
#include "tests/ui/headless_shell.hpp"

namespace core = hourglass::core;
namespace manager = hourglass::manager;
namespace net = hourglass::net;
namespace test = hourglass::test;
namespace ui = hourglass::ui;
using test::eventually;

TEST_CASE("the manager console sees the open order live and comps a line on the server", "[ui][manager][integration]") {
  test::TestKitchen kitchen;
  net::Client table(net::Options{.port = kitchen.port(), .role = core::Role::table, .token = test::kTable1});
  net::Client boss(net::Options{.port = kitchen.port(), .role = core::Role::manager, .token = test::kManager});
  REQUIRE(eventually([&] { return table.snapshot().connection.synced; }));
  table.place_order({core::LineRequest{"mapo", 1, ""}});
  REQUIRE(eventually([&] { return !table.snapshot().orders.empty(); }));

  ui::Shell shell(test::headless_shell_config(1280, 800, ui::office_theme(), manager::manager_strings(core::Menu{})));
  manager::ManagerApp app(boss, manager::ManagerSettings{}, test::wall_ms);
  app.form().tab = manager::ManagerTab::live;
  auto frame = [&] { test::capture_frame(shell, [&] { app.frame(shell.theme()); }); };
  REQUIRE(eventually([&] {
    frame();
    return app.live_view().tables.size() == 1;
  }));
  CHECK(app.breach_view().totals.breaches == 0);
  // The history answered: one order in the period, none decided yet.
  CHECK(eventually([&] {
    frame();
    return app.breach_view().totals.orders == 1;
  }));
  // Comp through the same intent the dialog's confirm button returns.
  const std::string line_id = app.live_view().tables[0].orders[0].lines[0].line_id;
  manager::ManagerIntents intents;
  intents.comp = std::make_pair(line_id, std::string("hair in the tofu"));
  app.apply(intents);
  CHECK(eventually([&] {
    const net::State state = table.snapshot();
    for (const auto& [id, order] : state.orders) {
      if (order.lines[0].comped) return true;
    }
    return false;
  }));
  REQUIRE(eventually([&] {
    frame();
    return app.live_view().tables[0].orders[0].lines[0].comped;
  }));
  CHECK(app.live_view().tables[0].total == "¥0.00");
  // Close the table: the order leaves the live view.
  intents = {};
  intents.close = std::make_pair(std::string("1"), std::string());
  app.apply(intents);
  CHECK(eventually([&] {
    frame();
    return app.live_view().tables.empty();
  }));
}

TEST_CASE("the console forecasts the next 15 minutes from the kitchen's schedule and its load, and sells out a dish",
          "[ui][manager][integration]") {
  test::TestKitchen kitchen;
  net::Client table(net::Options{.port = kitchen.port(), .role = core::Role::table, .token = test::kTable1});
  net::Client boss(net::Options{.port = kitchen.port(), .role = core::Role::manager, .token = test::kManager});
  REQUIRE(eventually([&] { return table.snapshot().connection.synced; }));
  // Two quick dishes: the sample kitchen makes them well inside 15 minutes.
  table.place_order({core::LineRequest{"paihuanggua", 1, ""}});
  table.place_order({core::LineRequest{"mapo", 1, ""}});
  REQUIRE(eventually([&] { return table.snapshot().orders.size() == 2; }));

  ui::Shell shell(test::headless_shell_config(1280, 800, ui::office_theme(),
                                              manager::manager_strings(test::sample_menu())));
  manager::ManagerApp app(boss, manager::ManagerSettings{}, test::wall_ms);
  app.form().tab = manager::ManagerTab::live;
  auto frame = [&] { test::capture_frame(shell, [&] { app.frame(shell.theme()); }); };
  REQUIRE(eventually([&] {
    frame();
    return app.live_view().forecast.due == 2 && !app.live_view().forecast.kitchen_wait.empty();
  }));
  const manager::LiveForecast& forecast = app.live_view().forecast;
  CHECK(forecast.shown);
  CHECK(forecast.on_time == 2);
  CHECK(forecast.summary == "Next 15 min: 2 of 2 orders due projected on time (100 %)");
  CHECK(forecast.projected_breaches.empty());
  CHECK(forecast.kitchen_wait.rfind("A new order now: about ", 0) == 0);

  // The 86 tab: drawn, then the touch's intent goes to the server.
  app.form().tab = manager::ManagerTab::sold_out;
  frame();
  REQUIRE_FALSE(app.live_view().dishes.empty());
  manager::ManagerIntents intents;
  intents.sold_out.push_back(core::SetSoldOut{"mapo", true});
  app.apply(intents);
  const auto sold_out_on_table = [&] {
    const net::State state = table.snapshot();
    return state.menu && state.menu->find("mapo") != nullptr && state.menu->find("mapo")->sold_out;
  };
  REQUIRE(eventually(sold_out_on_table, std::chrono::seconds(1)));
  REQUIRE(eventually([&] {
    frame();
    for (const auto& dish : app.live_view().dishes) {
      if (dish.item == "mapo") return dish.sold_out;
    }
    return false;
  }));
}

TEST_CASE("the console answers a table's complaint with a running timer, and its reports count it and the survey",
          "[ui][manager][integration]") {
  test::TestKitchen kitchen;
  net::Client table(net::Options{.port = kitchen.port(), .role = core::Role::table, .token = test::kTable1});
  net::Client boss(net::Options{.port = kitchen.port(), .role = core::Role::manager, .token = test::kManager});
  REQUIRE(eventually([&] { return table.snapshot().connection.synced && boss.snapshot().connection.synced; }));
  table.place_order({core::LineRequest{"mapo", 1, ""}});
  REQUIRE(eventually([&] { return !table.snapshot().orders.empty(); }));
  const std::string line_id = table.snapshot().orders.begin()->second.lines[0].line_id;

  ui::Shell shell(test::headless_shell_config(1280, 800, ui::office_theme(),
                                              manager::manager_strings(test::sample_menu())));
  const test::TempDir dir;
  manager::ManagerSettings settings;
  settings.export_path = (dir.path() / "breaches.csv").string();
  manager::ManagerApp app(boss, settings, test::wall_ms);
  app.form().tab = manager::ManagerTab::complaints;
  auto frame = [&] { test::capture_frame(shell, [&] { app.frame(shell.theme()); }); };
  REQUIRE(eventually([&] {
    frame();
    return app.reports_view().has_feedback && app.reports_view().has_history;
  }));
  CHECK(app.complaints_view().open.empty());

  // The guest: "the tofu is not right".
  core::Complain complain;
  complain.category = core::ComplaintCategory::dish_quality;
  complain.line_id = line_id;
  complain.note = "cold, 凉了";
  table.request(core::ClientMessage{complain});
  REQUIRE(eventually([&] {
    frame();
    return app.complaints_view().open.size() == 1;
  }));
  const manager::ComplaintRow& open = app.complaints_view().open[0];
  CHECK(open.dish == "Mapo Tofu");
  CHECK(open.category == "Dish quality");
  CHECK(open.note == "cold, 凉了");
  CHECK(open.waited.rfind("waiting 00:0", 0) == 0);
  CHECK(app.complaints_view().banner.rfind("1 open · oldest waiting", 0) == 0);
  CHECK(app.next_frame_ms().value() - test::wall_ms() <= 1000);  // the timer runs by the second
  // The reports count it at once, open.
  CHECK(app.reports_view().complaints_total == 1);
  CHECK(app.reports_view().complaints[0].open == 1);

  // The manager answers it (the dialog's button returns this intent).
  manager::ManagerIntents intents;
  intents.resolve = core::ResolveComplaint{open.complaint_id, core::Resolution::remade, "a fresh one"};
  app.apply(intents);
  REQUIRE(eventually([&] {
    const net::State state = table.snapshot();
    return !state.complaints.empty() && state.complaints.begin()->second.status == core::ComplaintStatus::resolved;
  }));
  CHECK(table.snapshot().complaints.begin()->second.resolution == core::Resolution::remade);
  REQUIRE(eventually([&] {
    frame();
    return app.complaints_view().open.empty() && app.reports_view().complaints[0].resolved == 1;
  }));
  CHECK(app.complaints_view().resolved.at(0).resolution == "Remade: a fresh one");
  CHECK(app.reports_view().complaints[0].median_response_ms.has_value());

  // The bill, then the survey; Refresh brings it into the reports.
  intents = {};
  intents.close = std::make_pair(std::string("1"), std::string());
  app.apply(intents);
  REQUIRE(eventually([&] {
    frame();
    return app.live_view().tables.empty();
  }));
  core::SubmitSurvey survey;
  survey.score = 9;
  const auto survey_req = table.request(core::ClientMessage{survey});
  REQUIRE(eventually([&] {
    for (const net::Event& event : table.take_events()) {
      if (event.req == survey_req) return std::holds_alternative<core::Ok>(event.payload);
    }
    return false;
  }));
  intents = {};
  intents.refresh = true;
  app.apply(intents);
  REQUIRE(eventually([&] {
    frame();
    return app.reports_view().all.surveys == 1;
  }));
  CHECK(app.reports_view().all.nps == 100);
  CHECK(app.reports_view().kept.surveys == 1);  // the mapo was not late
  CHECK(app.reports_view().broken.surveys == 0);

  // Drawn on its tab, and exported as a spreadsheet reads it.
  app.form().tab = manager::ManagerTab::reports;
  frame();
  intents = {};
  intents.export_report = manager::ReportExport::complaints;
  app.apply(intents);
  const auto sheet = test::read_spreadsheet_file(app.report_path(manager::ReportExport::complaints));
  REQUIRE_FALSE(sheet.error);
  CHECK(sheet.byte_order_mark);
  REQUIRE(sheet.rows.size() == 1);
  CHECK(sheet.cell(0, "dish_zh") == "麻婆豆腐");
  CHECK(sheet.cell(0, "resolution") == "remade");
  CHECK(sheet.cell(0, "resolution_note") == "a fresh one");
  CHECK(app.report_path(manager::ReportExport::complaints) == (dir.path() / "hourglass-complaints.csv").string());
  intents.export_report = manager::ReportExport::nps;
  app.apply(intents);
  const auto nps = test::read_spreadsheet_file(app.report_path(manager::ReportExport::nps));
  REQUIRE_FALSE(nps.error);
  CHECK(nps.cell(0, "nps") == "100");
}

TEST_CASE("the console takes the store's time zone from the server: its dates, hours and CSV times are Shanghai's",
          "[ui][manager][integration]") {
  test::TestConfig config;
  config.timezone = "Asia/Shanghai";
  test::TestKitchen kitchen(config);
  net::Client table(net::Options{.port = kitchen.port(), .role = core::Role::table, .token = test::kTable1});
  net::Client boss(net::Options{.port = kitchen.port(), .role = core::Role::manager, .token = test::kManager});
  REQUIRE(eventually([&] { return table.snapshot().connection.synced; }));
  core::Complain complain;
  complain.category = core::ComplaintCategory::service;
  table.request(core::ClientMessage{complain});

  ui::Shell shell(test::headless_shell_config(1280, 800, ui::office_theme(), manager::manager_strings(core::Menu{})));
  const test::TempDir dir;
  manager::ManagerSettings settings;
  settings.utc_offset_minutes = -300;  // this machine's, say; the store's wins
  settings.export_path = (dir.path() / "breaches.csv").string();
  manager::ManagerApp app(boss, settings, test::wall_ms);
  auto frame = [&] { test::capture_frame(shell, [&] { app.frame(shell.theme()); }); };
  REQUIRE(eventually([&] {
    frame();
    return app.reports_view().complaints_total == 1;
  }));
  CHECK(app.current_filter().until_ms.value() % 86'400'000 == 16 * 3'600'000);  // days end at midnight +08:00
  manager::ManagerIntents intents;
  intents.export_report = manager::ReportExport::complaints;
  app.apply(intents);
  const auto sheet = test::read_spreadsheet_file(app.report_path(manager::ReportExport::complaints));
  REQUIRE_FALSE(sheet.error);
  REQUIRE(sheet.rows.size() == 1);
  CHECK(sheet.cell(0, "at").substr(19) == "+08:00");

  SECTION("unless the offset was given on the command line") {
    settings.follow_store_timezone = false;
    manager::ManagerApp fixed(boss, settings, test::wall_ms);
    test::capture_frame(shell, [&] { fixed.frame(shell.theme()); });
    CHECK(fixed.current_filter().until_ms.value() % 86'400'000 == 5 * 3'600'000);  // midnight −05:00
  }
}
