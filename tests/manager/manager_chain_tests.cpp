// The console's Chain tab (issue 13): the stores side by side, worst first,
// with each one's day-by-day on-time strip under the chain's totals; the
// tab's period, CSV and chain-only mode through the app. The feed that
// reads the central database is tested against a real PostgreSQL in
// tests/server/chain_tests.cpp.
#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "kitchen/chain/chain_source.hpp"
#include "kitchen/manager/chain_view.hpp"
#include "kitchen/manager/demo_chain.hpp"
#include "kitchen/manager/manager_app.hpp"
#include "shared/net/fake_kitchen.hpp"
#include "tests/kit/test_kit.hpp"
#include "tests/ui/headless_shell.hpp"

namespace chain = hourglass::chain;
namespace core = hourglass::core;
namespace manager = hourglass::manager;
namespace net = hourglass::net;
namespace test = hourglass::test;
namespace ui = hourglass::ui;
using manager::ChainLevel;

namespace {

chain::StoreDay store_day(std::string store, std::string day, std::int64_t decided, std::int64_t broken) {
  chain::StoreDay row;
  row.store = std::move(store);
  row.day = std::move(day);
  row.orders = decided;
  row.decided = decided;
  row.broken = broken;
  row.breaches = broken;
  row.compensation_fen = broken * 4'000;
  return row;
}

chain::ReportRange period(std::string from, std::string to) {
  chain::ReportRange range;
  range.from = std::move(from);
  range.to = std::move(to);
  return range;
}

// A source the test answers by hand: what the console asked, and when.
class ScriptedChain final : public chain::ChainSource {
 public:
  void ask(const chain::ReportRange& range) override { asked.push_back(range); }
  chain::ChainSnapshot snapshot() const override { return shown; }
  std::uint64_t version() const override { return version_; }
  void show(chain::ChainSnapshot snapshot) {
    shown = std::move(snapshot);
    ++version_;
  }
  std::vector<chain::ReportRange> asked;
  chain::ChainSnapshot shown;

 private:
  std::uint64_t version_ = 0;
};

net::FakeKitchenOptions empty_kitchen(std::int64_t now) {
  net::FakeKitchenOptions options;
  options.role = core::Role::manager;
  options.now_ms = [now] { return now; };
  return options;
}

// 2026-12-08 12:00 UTC.
constexpr std::int64_t kNow = 1'796'731'200'000;

}  // namespace

TEST_CASE("chain view: on-time and NPS levels at their edges", "[manager]") {
  CHECK(manager::on_time_level(std::nullopt) == ChainLevel::none);
  CHECK(manager::on_time_level(100.0) == ChainLevel::good);
  CHECK(manager::on_time_level(90.0) == ChainLevel::good);
  CHECK(manager::on_time_level(89.99) == ChainLevel::watch);
  CHECK(manager::on_time_level(80.0) == ChainLevel::watch);
  CHECK(manager::on_time_level(79.99) == ChainLevel::bad);
  CHECK(manager::nps_level(std::nullopt) == ChainLevel::none);
  CHECK(manager::nps_level(30) == ChainLevel::good);
  CHECK(manager::nps_level(29) == ChainLevel::watch);
  CHECK(manager::nps_level(0) == ChainLevel::watch);
  CHECK(manager::nps_level(-1) == ChainLevel::bad);
}

TEST_CASE("chain view: the stores worst first under the chain's totals, each with its days", "[manager]") {
  std::vector<chain::StoreDay> rows = {
      store_day("wuhan-01", "2026-12-01", 100, 2),
      store_day("wuhan-01", "2026-12-03", 100, 4),
      store_day("chengdu-02", "2026-12-02", 50, 10),
      // The same on-time share as wuhan-01 (97 %) with more compensation: worse.
      store_day("changsha-01", "2026-12-01", 200, 6),
      // Nothing decided: last, whatever its name.
      store_day("aaa-new", "2026-12-03", 0, 0),
      // Outside the period: left out of every figure.
      store_day("wuhan-01", "2026-11-30", 1000, 1000),
  };
  rows[0].surveys = 10;
  rows[0].promoters = 2;
  rows[0].detractors = 5;  // NPS −30
  rows[2].complaints = 3;
  rows[2].complaints_open = 1;
  rows[2].median_response_s = 245.0;
  rows[3].orders = 210;  // 10 still open
  rows[3].compensation_fen += 100;

  const manager::ChainView view =
      manager::build_chain_view(rows, period("2026-12-01", "2026-12-04"), core::Language::en);
  REQUIRE(view.stores.size() == 4);
  CHECK(view.stores[0].store == "chengdu-02");   // 80 %
  CHECK(view.stores[1].store == "changsha-01");  // 97 %, ¥241 of compensation
  CHECK(view.stores[2].store == "wuhan-01");     // 97 %, ¥240
  CHECK(view.stores[3].store == "aaa-new");

  const manager::ChainStoreRow& chengdu = view.stores[0];
  CHECK(chengdu.on_time_text == "80.0%");
  CHECK(chengdu.on_time_level == ChainLevel::watch);
  CHECK(chengdu.breaches == "10");
  CHECK(chengdu.compensation == "¥400.00");
  CHECK(chengdu.complaints == "3 (1 open)");
  CHECK(chengdu.complaints_open);
  CHECK(chengdu.response == "4:05");
  CHECK(chengdu.nps == "—");

  const manager::ChainStoreRow& wuhan = view.stores[2];
  CHECK(wuhan.on_time_text == "97.0%");
  CHECK(wuhan.orders == "200");  // not the 1,000 of the day before the period
  CHECK(wuhan.nps == "−30");
  CHECK(wuhan.nps_level == ChainLevel::bad);
  CHECK(wuhan.response == "—");
  // The strip: every day of the period, empty where the store decided nothing.
  REQUIRE(view.days == std::vector<std::string>{"2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04"});
  REQUIRE(wuhan.days.size() == 4);
  CHECK(wuhan.days[0].on_time == Approx(98.0));
  CHECK(wuhan.days[0].level == ChainLevel::good);
  CHECK_FALSE(wuhan.days[1].on_time);
  CHECK(wuhan.days[1].level == ChainLevel::none);
  CHECK(wuhan.days[2].on_time == Approx(96.0));
  CHECK(wuhan.days[2].breaches == 4);
  CHECK_FALSE(wuhan.days[3].on_time);

  const manager::ChainStoreRow& new_store = view.stores[3];
  CHECK(new_store.on_time_text == "—");
  CHECK(new_store.on_time_level == ChainLevel::none);

  // The chain: every store in the period added together.
  CHECK(view.chain.store == "All stores");
  CHECK(view.chain.orders == "460");  // 200 + 50 + 210 + 0
  CHECK(view.chain.breaches == "22");
  CHECK(view.chain.on_time_text == fmt::format("{:.1f}%", 100.0 * (450 - 22) / 450));
  CHECK(view.chain.compensation == "¥881.00");
  CHECK(view.complaints_open == 1);
  REQUIRE(view.chain.days.size() == 4);
  CHECK(view.chain.days[0].orders == 310);  // wuhan 100 + changsha 210
  CHECK(view.chain.days[1].on_time == Approx(80.0));

  // In Chinese, the same figures and the words translated.
  const manager::ChainView zh = manager::build_chain_view(rows, period("2026-12-01", "2026-12-04"), core::Language::zh);
  CHECK(zh.chain.store == "全部门店");
  CHECK(zh.stores[0].complaints == "3（1待处理）");
}

TEST_CASE("chain view: a tie on the on-time share puts the store that paid more first", "[manager]") {
  const std::vector<chain::StoreDay> rows = {store_day("b-store", "2026-12-01", 100, 5),
                                             store_day("a-store", "2026-12-01", 100, 5)};
  std::vector<chain::StoreDay> paid_more = rows;
  paid_more[0].compensation_fen += 1;
  const auto view = manager::build_chain_view(paid_more, {}, core::Language::en);
  REQUIRE(view.stores.size() == 2);
  CHECK(view.stores[0].store == "b-store");
  // Equal in everything: by name, so the order never flickers between reads.
  const auto equal = manager::build_chain_view(rows, {}, core::Language::en);
  CHECK(equal.stores[0].store == "a-store");
}

TEST_CASE("chain view: the strip's days without a full period, and a long period's last days", "[manager]") {
  const std::vector<chain::StoreDay> rows = {store_day("s", "2026-12-05", 10, 0), store_day("s", "2026-12-02", 10, 1)};
  // No dates (or one not a real day): the days the rows have, oldest first.
  CHECK(manager::build_chain_view(rows, {}, core::Language::en).days ==
        std::vector<std::string>{"2026-12-02", "2026-12-05"});
  CHECK(manager::build_chain_view(rows, period("2026-02-30", "2026-12-31"), core::Language::en).days ==
        std::vector<std::string>{"2026-12-02", "2026-12-05"});
  // From after to: nothing is in the period.
  const auto backwards = manager::build_chain_view(rows, period("2026-12-09", "2026-12-01"), core::Language::en);
  CHECK(backwards.stores.empty());
  CHECK(backwards.chain.orders == "0");
  // A year: the strip keeps the last kChainStripDays, across a month's end.
  const auto year = manager::build_chain_view(rows, period("2026-01-01", "2026-12-31"), core::Language::en);
  REQUIRE(year.days.size() == manager::kChainStripDays);
  CHECK(year.days.back() == "2026-12-31");
  CHECK(year.days.front() == "2026-10-31");
  CHECK(year.stores.at(0).orders == "20");  // the figures are the whole period's
}

TEST_CASE("the Chain tab asks for the form's period, again on a period button, and exports what it shows",
          "[manager][ui]") {
  net::FakeKitchen kitchen(empty_kitchen(kNow));
  ScriptedChain source;
  const test::TempDir dir;
  manager::ManagerSettings settings;
  settings.export_path = (dir / "hourglass-breaches.csv").string();
  manager::ManagerApp app(
      kitchen, settings, [] { return kNow; }, &source);
  ui::Shell shell(test::headless_shell_config(1280, 800, ui::office_theme(), manager::manager_strings(core::Menu{})));
  app.form().tab = manager::ManagerTab::chain;
  const auto frame = [&] { test::capture_frame(shell, [&] { app.frame(shell.theme()); }); };
  frame();
  REQUIRE(source.asked.size() == 1);
  CHECK(source.asked[0] == period("2026-11-09", "2026-12-08"));  // the last 30 days, as the breach log
  CHECK(app.form().tab == manager::ManagerTab::chain);

  chain::ChainSnapshot snapshot;
  snapshot.range = source.asked[0];
  snapshot.days = {store_day("wuhan-01", "2026-12-08", 40, 1), store_day("chengdu-02", "2026-12-07", 10, 5)};
  snapshot.as_of_ms = kNow;
  source.show(snapshot);
  frame();
  REQUIRE(app.chain_view().stores.size() == 2);
  CHECK(app.chain_view().stores[0].store == "chengdu-02");

  manager::ManagerIntents today;
  today.last_days = 1;
  app.apply(today);
  REQUIRE(source.asked.size() == 2);
  CHECK(source.asked[1] == period("2026-12-08", "2026-12-08"));

  // The CSV: per store and day, as hourglass-chain --csv, with the spreadsheet's mark.
  manager::ManagerIntents save;
  save.export_report = manager::ReportExport::chain;
  app.apply(save);
  const std::string path = app.report_path(manager::ReportExport::chain);
  CHECK(std::filesystem::path(path).filename() == "hourglass-chain.csv");
  const test::Spreadsheet sheet = test::read_spreadsheet_file(path);
  REQUIRE_FALSE(sheet.error);
  REQUIRE(sheet.rows.size() == 2);
  const auto chengdu = sheet.rows_where("store", "chengdu-02");
  REQUIRE(chengdu.size() == 1);
  CHECK(sheet.cell(chengdu[0], "on_time_percent") == "50.0");
  CHECK(sheet.cell(chengdu[0], "compensation_fen") == "20000");

  // The feed fails: the figures shown stay, with the reason.
  snapshot.error = "could not connect to server: Connection refused";
  snapshot.days.clear();  // a feed keeps the old rows; the app must show what it is given
  source.show(snapshot);
  frame();
  CHECK(app.chain_snapshot().error == snapshot.error);
  CHECK(app.chain_view().stores.empty());
}

TEST_CASE("without a chain source there is no Chain tab, and chain-only shows nothing else", "[manager][ui]") {
  net::FakeKitchen kitchen(empty_kitchen(kNow));
  ui::Shell shell(test::headless_shell_config(1280, 800, ui::office_theme(), manager::manager_strings(core::Menu{})));
  {
    manager::ManagerApp app(kitchen, manager::ManagerSettings{}, [] { return kNow; });
    app.form().tab = manager::ManagerTab::chain;  // as --tab chain would, without --chain
    test::capture_frame(shell, [&] { app.frame(shell.theme()); });
    CHECK(app.form().tab == manager::ManagerTab::breaches);
  }
  {
    ScriptedChain source;
    manager::ManagerSettings settings;
    settings.chain_only = true;
    manager::ManagerApp app(
        kitchen, settings, [] { return kNow; }, &source);
    app.form().tab = manager::ManagerTab::live;
    test::capture_frame(shell, [&] { app.frame(shell.theme()); });
    CHECK(app.form().tab == manager::ManagerTab::chain);
    CHECK(source.asked.size() == 1);
  }
}

TEST_CASE("the demo chain: every store has every day up to today, and the period filters it", "[manager]") {
  const auto days = manager::make_demo_chain(kNow, 8 * 60, 30);
  std::map<std::string, int> per_store;
  for (const auto& day : days) {
    ++per_store[day.store];
    CHECK(day.decided <= day.orders);
    CHECK(day.broken <= day.decided);
    CHECK(day.promoters + day.detractors <= day.surveys);
    CHECK(day.complaints_open <= day.complaints);
    CHECK(day.day <= "2026-12-08");
  }
  CHECK(per_store.size() == 8);
  for (const auto& [store, count] : per_store) CHECK(count == 30);
  manager::DemoChain demo(days, kNow);
  demo.ask(period("2026-12-08", "2026-12-08"));
  CHECK(demo.snapshot().days.size() == 8);
  CHECK(manager::make_demo_chain(kNow, 8 * 60, 30).front().orders == days.front().orders);  // the same every run
}
