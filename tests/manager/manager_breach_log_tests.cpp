// The manager's breach log view: filters, sort, totals, per-dish and
// per-hour counts, and the CSV export (escaping of Chinese, commas, quotes).
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "kitchen/manager/breach_log_view.hpp"
#include "shared/core/breach_csv.hpp"
#include "shared/demo/demo_breaches.hpp"

namespace core = hourglass::core;
namespace demo = hourglass::demo;
namespace manager = hourglass::manager;

namespace {

constexpr std::int64_t kDay = 86'400'000;
constexpr std::int64_t kHour = 3'600'000;
constexpr std::int64_t kBase = 1'763'769'600'000;  // 2025-11-22T00:00:00Z

core::BreachEntry entry(std::int64_t id, std::int64_t at_ms, std::string table, std::string policy,
                        std::vector<core::BreachLateLine> lines, core::Fen discount) {
  core::BreachEntry e;
  e.breach_id = id;
  e.order_id = "o" + std::to_string(id);
  e.seq = 100 + id;
  e.table = std::move(table);
  e.deadline_ms = at_ms;
  e.accepted_at_ms = at_ms - 900'000;
  e.at_ms = at_ms;
  e.policy = std::move(policy);
  e.late_lines = std::move(lines);
  e.discount = discount;
  return e;
}

core::BreachLateLine late(std::string item, std::string en, std::string zh, int qty,
                          std::optional<std::int64_t> served_at) {
  core::BreachLateLine l;
  l.item = std::move(item);
  l.qty = qty;
  l.price = 3800;
  l.served_at_ms = served_at;
  l.name = core::LocalText{std::move(en), std::move(zh)};
  return l;
}

std::vector<core::BreachEntry> sample() {
  const std::int64_t t1 = kBase + 12 * kHour;
  const std::int64_t t2 = kBase + 12 * kHour + 30 * 60'000;
  const std::int64_t t3 = kBase + kDay + 19 * kHour;
  return {
      entry(1, t1, "12", "free_unserved", {late("gongbao", "Kung Pao Chicken", "宫保鸡丁", 2, t1 + 192'000)}, 7600),
      entry(2, t2, "3", "bill_percent",
            {late("gongbao", "Kung Pao Chicken", "宫保鸡丁", 1, std::nullopt),
             late("rice", "Rice", "米饭", 1, t2 + 5'000)},
            2500),
      entry(3, t3, "12", "free_unserved", {late("mapo", "Mapo Tofu", "麻婆豆腐", 1, t3 + 61'000)}, 2800),
  };
}

// The view plus every row it shows, formatted as the table would show them.
struct Built : manager::BreachLogView {
  std::vector<manager::BreachRow> rows;
};

Built with_rows(manager::BreachLogView view, const std::vector<core::BreachEntry>& entries,
                core::Language language = core::Language::en, int utc_offset_minutes = 0) {
  Built built{std::move(view), {}};
  for (std::uint32_t i : built.order)
    built.rows.push_back(manager::breach_row(entries.at(i), language, utc_offset_minutes));
  return built;
}

Built build(const manager::BreachFilter& filter, manager::BreachSort sort = {},
            const std::optional<std::vector<core::Order>>& history = std::nullopt) {
  const auto entries = sample();
  return with_rows(manager::build_breach_log_view(entries, history, filter, sort, core::Language::en, 0), entries);
}

core::Order history_order(std::string id, std::int64_t accepted, core::OrderStatus status, bool late_line = false,
                          std::string table = "12") {
  core::Order o;
  o.order_id = std::move(id);
  o.table = std::move(table);
  o.accepted_at_ms = accepted;
  o.deadline_ms = accepted + 900'000;
  o.status = status;
  core::OrderLine line;
  line.item = "gongbao";
  line.late = late_line;
  o.lines.push_back(line);
  return o;
}

}  // namespace

TEST_CASE("totals over the whole log", "[ui][manager]") {
  const auto view = build({});
  CHECK(view.totals.breaches == 3);
  CHECK(view.totals.late_lines == 4);
  CHECK(view.totals.compensation == 7600 + 2500 + 2800);
  CHECK(view.totals.compensation_text == "¥129.00");
  CHECK(view.totals.on_time_rate == "—");  // no history yet: unknown, not 100%
  CHECK(view.per_hour[12] == 2);
  CHECK(view.per_hour[19] == 1);
  CHECK(view.max_per_hour == 2);
  REQUIRE(view.dishes.size() == 3);
  CHECK(view.dishes[0].item == "gongbao");
  CHECK(view.dishes[0].late_lines == 2);
  CHECK(view.dishes[0].late_qty == 3);
}

TEST_CASE("rows: newest first by default, with how late each line was finally served", "[ui][manager]") {
  const auto view = build({});
  REQUIRE(view.rows.size() == 3);
  CHECK(view.rows[0].breach_id == 3);
  CHECK(view.rows[2].breach_id == 1);
  CHECK(view.rows[2].lines[0].dish == "2× Kung Pao Chicken");
  CHECK(view.rows[2].lines[0].late_by == "+03:12");
  CHECK(view.rows[1].lines[0].late_by == "not served");
  CHECK(view.rows[1].worst_late == "not served");  // never served is the worst
  CHECK(view.rows[1].lines_text == "1× Kung Pao Chicken not served  ·  1× Rice +00:05");
  CHECK(view.rows[2].compensation_text == "¥76.00");
  CHECK(view.rows[2].when == "2025-11-22 12:00");
  CHECK(view.rows[2].table == "Table 12");
}

TEST_CASE("filters: date range (since inclusive, until exclusive), table, dish, policy", "[ui][manager]") {
  SECTION("date range") {
    manager::BreachFilter f;
    f.since_ms = kBase + 12 * kHour + 30 * 60'000;  // exactly breach 2
    f.until_ms = kBase + kDay + 19 * kHour;         // exactly breach 3: excluded
    const auto view = build(f);
    REQUIRE(view.rows.size() == 1);
    CHECK(view.rows[0].breach_id == 2);
    CHECK(view.totals.compensation == 2500);
  }
  SECTION("table") {
    manager::BreachFilter f;
    f.table = "12";
    CHECK(build(f).rows.size() == 2);
  }
  SECTION("dish: breaches with that dish late") {
    manager::BreachFilter f;
    f.item = "rice";
    const auto view = build(f);
    REQUIRE(view.rows.size() == 1);
    CHECK(view.rows[0].breach_id == 2);
    CHECK(view.rows[0].lines.size() == 2);  // the whole breach, as the table shows it
  }
  SECTION("policy") {
    manager::BreachFilter f;
    f.policy = "bill_percent";
    CHECK(build(f).rows.size() == 1);
  }
  SECTION("the filter choices come from the data") {
    const auto view = build({});
    CHECK(view.tables == std::vector<std::string>{"12", "3"});
    CHECK(view.policies == std::vector<std::string>{"bill_percent", "free_unserved"});
    CHECK(view.items.size() == 3);
  }
}

TEST_CASE("sorting by each column, ties broken by time", "[ui][manager]") {
  using K = manager::BreachSortKey;
  CHECK(build({}, {K::compensation, true}).rows[0].breach_id == 1);
  CHECK(build({}, {K::compensation, false}).rows[0].breach_id == 2);
  CHECK(build({}, {K::late_lines, true}).rows[0].breach_id == 2);
  CHECK(build({}, {K::worst_late, true}).rows[0].breach_id == 2);   // not served
  CHECK(build({}, {K::worst_late, false}).rows[0].breach_id == 3);  // 1:01 late
  const auto by_table = build({}, {K::table, false});
  CHECK(by_table.rows[0].table_id == "3");  // numeric order: 3 before 12
  CHECK(by_table.rows[1].breach_id == 1);
  CHECK(by_table.rows[2].breach_id == 3);
  CHECK(build({}, {K::time, false}).rows[0].breach_id == 1);
  // Entries not in time order sort the same.
  auto shuffled = sample();
  std::swap(shuffled[0], shuffled[2]);
  const auto newest = manager::build_breach_log_view(shuffled, std::nullopt, {}, {}, core::Language::en, 0);
  CHECK(newest.order == std::vector<std::uint32_t>{0, 1, 2});  // breach 3, 2, 1
  const auto oldest =
      manager::build_breach_log_view(shuffled, std::nullopt, {}, {K::time, false}, core::Language::en, 0);
  CHECK(oldest.order == std::vector<std::uint32_t>{2, 1, 0});
}

TEST_CASE("on-time rate from the history: kept over decided orders in the period", "[ui][manager]") {
  std::vector<core::Order> history = {
      history_order("a", kBase + 11 * kHour, core::OrderStatus::kept),
      history_order("b", kBase + 11 * kHour, core::OrderStatus::kept),
      history_order("c", kBase + 11 * kHour, core::OrderStatus::closed),  // closed in time: kept
      history_order("d", kBase + 12 * kHour, core::OrderStatus::breached, true),
      history_order("e", kBase + 12 * kHour, core::OrderStatus::closed, true),  // breached, then closed
      history_order("f", kBase + 13 * kHour, core::OrderStatus::open),          // undecided
      history_order("g", kBase + 3 * kDay, core::OrderStatus::kept),            // outside the period
  };
  manager::BreachFilter f;
  f.since_ms = kBase;
  f.until_ms = kBase + 2 * kDay;
  const auto view = build(f, {}, history);
  CHECK(view.totals.orders == 6);
  CHECK(view.totals.kept == 3);
  CHECK(view.totals.breached_orders == 2);
  CHECK(view.totals.on_time_rate == "60.0%");
  f.table = "nobody";
  CHECK(build(f, {}, history).totals.on_time_rate == "—");
  f.table.clear();
  f.item = "gongbao";  // every order has it
  CHECK(build(f, {}, history).totals.orders == 6);
  f.item = "mapo";  // late in the log, in no order of the history
  CHECK(build(f, {}, history).totals.orders == 0);
  f.item.clear();
  f.policy = "bill_percent";  // the orders' terms are the default, free_unserved
  CHECK(build(f, {}, history).totals.orders == 0);
  f.policy = "free_unserved";
  CHECK(build(f, {}, history).totals.orders == 6);
}

TEST_CASE("one index, many views: the same as building from the entries each time", "[ui][manager]") {
  const auto entries = sample();
  const auto index = manager::index_breach_log(entries, std::nullopt, core::Language::en, 0);
  CHECK(index.tables == std::vector<std::string>{"12", "3"});
  using K = manager::BreachSortKey;
  for (K key : {K::time, K::ticket, K::table, K::late_lines, K::worst_late, K::compensation}) {
    for (bool descending : {true, false}) {
      for (const char* table : {"", "12", "3", "7"}) {
        manager::BreachFilter f;
        f.table = table;
        const auto a = manager::build_breach_log_view(index, f, {key, descending});
        const auto b =
            manager::build_breach_log_view(entries, std::nullopt, f, {key, descending}, core::Language::en, 0);
        CHECK(a.order == b.order);
        CHECK(a.totals.compensation == b.totals.compensation);
        CHECK(a.per_hour == b.per_hour);
      }
    }
  }
}

TEST_CASE("local time: the hour-of-day chart and dates follow the restaurant's offset", "[ui][manager]") {
  const auto view = manager::build_breach_log_view(sample(), std::nullopt, {}, {}, core::Language::en, 8 * 60);
  CHECK(view.per_hour[20] == 2);  // 12:00 UTC is 20:00 in Beijing
  CHECK(view.per_hour[3] == 1);   // 19:00 UTC is 03:00 the next day
  CHECK(manager::local_time_text(kBase, 8 * 60) == "2025-11-22 08:00");
  CHECK(manager::local_day_start_ms("2025-11-22", 8 * 60) == kBase - 8 * kHour);
  CHECK_FALSE(manager::local_day_start_ms("22/11/2025", 0).has_value());
}

TEST_CASE("CSV: what the table shows, Chinese text, commas and quotes escaped", "[ui][manager]") {
  std::vector<core::BreachEntry> entries = sample();
  entries[0].late_lines[0].name = core::LocalText{"Chicken, \"Kung Pao\"", "宫保鸡丁，特辣"};
  entries[0].table = "A,1";
  manager::BreachFilter f;
  f.table = "A,1";
  const auto view = manager::build_breach_log_view(entries, std::nullopt, f, {}, core::Language::zh, 0);
  const std::string csv = manager::breach_log_csv(view, entries, core::fixed_utc_offset(0));
  CHECK(csv.rfind("breach_id,recorded_at,table,", 0) == 0);
  CHECK(csv.find("\"A,1\"") != std::string::npos);
  CHECK(csv.find("\"Chicken, \"\"Kung Pao\"\"\"") != std::string::npos);
  CHECK(csv.find("宫保鸡丁，特辣") != std::string::npos);  // a full-width comma needs no quotes
  CHECK(csv.find("\r\n") != std::string::npos);
  // One header and one row per late line of the rows shown (breach 1 only).
  std::size_t lines = 0;
  for (std::size_t at = csv.find("\r\n"); at != std::string::npos; at = csv.find("\r\n", at + 2)) ++lines;
  CHECK(lines == 2);
  CHECK(core::csv_escape("plain") == "plain");
  CHECK(core::csv_escape("a\nb") == "\"a\nb\"");

  const auto path =
      std::filesystem::temp_directory_path() / ("hourglass_breaches_" + std::to_string(::getpid()) + ".csv");
  REQUIRE_FALSE(manager::write_csv_file(path.string(), csv).has_value());
  std::ifstream in(path, std::ios::binary);
  const std::string written((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(written == "\xEF\xBB\xBF" + csv);  // BOM so spreadsheets read UTF-8
  std::filesystem::remove(path);
  CHECK(manager::write_csv_file("/nonexistent-dir/x.csv", csv).has_value());
}

TEST_CASE("the demo month is consistent: one breached order in the history per entry", "[ui][manager]") {
  core::Menu menu;
  menu.stations = {{"wok", {"Wok", "炒锅"}}};
  menu.items = {{"gongbao", {"Kung Pao Chicken", "宫保鸡丁"}, "hot", 3800, "wok", true, 480, 2, {}, std::nullopt}};
  const auto breaches = demo::make_demo_breaches(menu, 50, kBase, 30, 480);
  REQUIRE(breaches.size() == 50);
  for (const core::BreachEntry& breach : breaches) {
    CHECK(breach.at_ms <= kBase);  // nothing breached later than now, today included
    for (const core::BreachLateLine& line : breach.late_lines) CHECK(line.served_at_ms.value_or(0) <= kBase);
  }
  const auto history = demo::make_demo_history(breaches, 9);
  const auto view = manager::build_breach_log_view(breaches, history, {}, {}, core::Language::en, 480);
  CHECK(view.totals.orders == 500);
  CHECK(view.totals.on_time_rate == "90.0%");
}

TEST_CASE("CSV: every filtered row in the table's order, not only the rows on screen", "[ui][manager]") {
  const auto entries = sample();
  const auto view = manager::build_breach_log_view(
      entries, std::nullopt, {}, {manager::BreachSortKey::compensation, false}, core::Language::en, 0);
  REQUIRE(view.order.size() == 3);
  const std::string csv = manager::breach_log_csv(view, entries, core::fixed_utc_offset(0));
  // Cheapest first: breach 2 (two late lines), 3, then 1.
  std::vector<std::string> ids;
  for (std::size_t at = csv.find("\r\n"); at != std::string::npos; at = csv.find("\r\n", at + 2)) {
    if (at + 2 < csv.size()) ids.push_back(csv.substr(at + 2, csv.find(',', at + 2) - at - 2));
  }
  CHECK(ids == std::vector<std::string>{"2", "2", "3", "1"});
}

TEST_CASE("row cache: formats a row once, again after the language, offset or data change", "[ui][manager]") {
  const auto entries = sample();
  manager::BreachRowCache cache;
  cache.sync(1, core::Language::en, 0);
  CHECK(cache.size() == 0);  // nothing formatted until shown
  CHECK(cache.row(entries, 0).table == "Table 12");
  CHECK(cache.row(entries, 1).worst_late == "not served");
  CHECK(&cache.row(entries, 0) == &cache.row(entries, 0));  // kept, not formatted again
  CHECK(cache.size() == 2);
  cache.sync(1, core::Language::en, 0);
  CHECK(cache.size() == 2);
  cache.sync(1, core::Language::zh, 0);
  CHECK(cache.size() == 0);
  CHECK(cache.row(entries, 1).worst_late == "未上菜");
  CHECK(cache.row(entries, 0).lines_text == "2× 宫保鸡丁 +03:12");
  cache.sync(1, core::Language::zh, 8 * 60);
  CHECK(cache.size() == 0);
  CHECK(cache.row(entries, 0).when == "2025-11-22 20:00");
  cache.sync(2, core::Language::zh, 8 * 60);
  CHECK(cache.size() == 0);
  CHECK(cache.row(entries, 7).breach_id == 0);  // out of range: an empty row, not a crash
}

TEST_CASE("sorting 10,000 entries: each column's order, ties by time then id, both directions", "[ui][manager]") {
  core::Menu menu;
  menu.stations = {{"wok", {"Wok", "炒锅"}}};
  menu.items = {{"gongbao", {"Kung Pao Chicken", "宫保鸡丁"}, "hot", 3800, "wok", true, 480, 2, {}, std::nullopt},
                {"mapo", {"Mapo Tofu", "麻婆豆腐"}, "hot", 2800, "wok", true, 300, 2, {}, std::nullopt},
                {"rice", {"Rice", "米饭"}, "staple", 300, "wok", true, 60, 2, {}, std::nullopt}};
  const auto entries = demo::make_demo_breaches(menu, 10'000, kBase, 30, 480);
  const auto table_rank = [](const std::string& t) {
    const bool numeric = !t.empty() && std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
    return numeric ? std::pair<std::int64_t, std::int64_t>{0, std::stoll(t)}
                   : std::pair<std::int64_t, std::int64_t>{1, 0};
  };
  using K = manager::BreachSortKey;
  for (K key : {K::time, K::ticket, K::table, K::late_lines, K::worst_late, K::compensation}) {
    for (bool descending : {true, false}) {
      manager::BreachFilter f;
      f.since_ms = kBase - 20 * kDay;
      const auto view =
          manager::build_breach_log_view(entries, std::nullopt, f, {key, descending}, core::Language::en, 480);
      REQUIRE(view.order.size() > 5'000);
      REQUIRE(view.order.size() < 10'000);
      const auto key_of = [&](std::uint32_t i) {
        const core::BreachEntry& e = entries[i];
        const auto row = manager::breach_row(e, core::Language::en, 480);
        std::pair<std::int64_t, std::int64_t> k{0, 0};
        switch (key) {
          case K::time:
            break;
          case K::ticket:
            k.second = e.seq;
            break;
          case K::table:
            k = table_rank(e.table);
            break;
          case K::late_lines:
            k.second = static_cast<std::int64_t>(e.late_lines.size());
            break;
          case K::worst_late:
            k.second = row.worst_late_ms;
            break;
          case K::compensation:
            k.second = e.discount;
            break;
        }
        return std::make_tuple(k, e.at_ms, e.breach_id);
      };
      bool ordered = true;
      for (std::size_t r = 1; r < view.order.size(); ++r) {
        const auto a = key_of(view.order[r - 1]);
        const auto b = key_of(view.order[r]);
        if (descending ? !(b < a) : !(a < b)) ordered = false;
      }
      CHECK(ordered);
    }
  }
}
