#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "kitchen/server/sqlite_storage.hpp"
#include "kitchen/server/storage_batch.hpp"
#include "tests/server/test_support.hpp"

using namespace hourglass;
using kitchen::SqliteStorage;
using kitchen::StoredOrder;

namespace {

core::Menu test_menu() {
  auto menu = core::load_menu_file(std::string(HOURGLASS_SOURCE_DIR) + "/assets/menu.json");
  REQUIRE(menu);
  return menu.value();
}

StoredOrder sample_order(std::int64_t seq, const std::string& id, std::int64_t at_ms) {
  auto order = core::make_order(id, {{"gongbao", 2, "less spicy"}, {"rice", 1, ""}}, test_menu(), seq, "12", at_ms,
                                core::PromiseTerms{60, core::BillPercentPolicy{69}});
  REQUIRE(order);
  return StoredOrder{order.value(), "table:12"};
}

core::BreachEntry sample_breach() {
  // Aggregate initialisation: gcc 12 warns falsely on assigning short literals.
  return core::BreachEntry{0,
                           std::string("a"),
                           1,
                           std::string("12"),
                           1'000,
                           61'000,
                           {{"gongbao", 2, 3800, std::nullopt, core::LocalText{"Kung Pao Chicken", "宫保鸡丁"}}},
                           100,
                           std::string("bill_percent"),
                           61'005};
}

void exercise(SqliteStorage& storage) {
  CHECK(storage.schema_version() == SqliteStorage::kSchemaVersion);
  CHECK(storage.max_seq() == 0);
  StoredOrder first = sample_order(1, "a", 1'000);
  StoredOrder second = sample_order(2, "b", 2'000);

  SECTION("an order round-trips with its lines and promise terms") {
    storage.begin();
    storage.save_order(first);
    storage.commit();
    const auto found = storage.find_order("a");
    REQUIRE(found);
    CHECK(*found == first);
    CHECK(storage.find_order_by_seq(1) == found);
    CHECK_FALSE(storage.find_order("zzz"));
    CHECK(storage.max_seq() == 1);
  }
  SECTION("updates replace the order's state and its lines'") {
    storage.begin();
    storage.save_order(first);
    core::mark_line(first.order, first.order.lines[0], core::LineState::served, 1'500);
    core::comp_line(first.order, first.order.lines[1]);
    first.order.rushed = true;
    storage.save_order(first);
    storage.commit();
    CHECK(storage.find_order("a")->order == first.order);
  }
  SECTION("a verdict saves status, totals and late flags like a full save") {
    storage.begin();
    storage.save_order(first);
    storage.commit();
    core::mark_line(first.order, first.order.lines[1], core::LineState::served, 30'000);
    storage.begin();
    storage.save_order(first);
    first.order.lines[1].late = true;  // a stale flag: the verdict must clear it
    storage.save_order(first);
    const core::PromiseVerdict verdict = core::evaluate_promise(first.order);
    REQUIRE(verdict.breached);
    core::apply_verdict(first.order, verdict);
    storage.save_verdict(first);
    storage.commit();
    CHECK(storage.find_order("a")->order == first.order);
    CHECK(first.order.lines[0].late);
    CHECK_FALSE(first.order.lines[1].late);
    CHECK_THROWS(storage.save_verdict(second));  // never saved
  }
  SECTION("a breach's late lines, rows of their own, read back exactly (escapes, no name, no line id)") {
    core::BreachEntry breach = sample_breach();
    breach.late_lines[0].item = "a \"quoted\" \\ item\twith\ncontrols\x01";
    breach.late_lines[0].served_at_ms = 61'500;
    breach.late_lines.push_back(breach.late_lines[0]);
    breach.late_lines[1].name.reset();
    breach.late_lines[1].served_at_ms.reset();
    storage.begin();
    storage.save_order(first);
    breach.breach_id = storage.add_breach(breach, {});  // no line ids: served_at_ms as recorded
    storage.commit();
    const auto all = storage.breaches({});
    REQUIRE(all.size() == 1);
    CHECK(all[0] == breach);
  }
  SECTION("a rolled-back batch leaves nothing") {
    storage.begin();
    storage.save_order(first);
    storage.rollback();
    CHECK_FALSE(storage.find_order("a"));
  }
  SECTION("unclosed orders, breaches once per order, filters, history") {
    storage.begin();
    storage.save_order(first);
    second.order.status = core::OrderStatus::closed;
    storage.save_order(second);
    kitchen::AuditEntry audit{1'000, 1, "", "placed", "", "table", "tablet"};
    storage.add_audit(audit);
    core::BreachEntry breach = sample_breach();
    const auto id = storage.add_breach(breach, {"1-1"});
    CHECK_THROWS(storage.add_breach(breach, {"1-1"}));  // exactly once per order
    core::mark_line(first.order, first.order.lines[0], core::LineState::served, 70'000);
    storage.save_order(first);
    storage.commit();

    const auto unclosed = storage.load_unclosed_orders();
    REQUIRE(unclosed.size() == 1);
    CHECK(unclosed[0].order.order_id == "a");
    CHECK(storage.count_audit() == 1);

    const auto all = storage.breaches({});
    REQUIRE(all.size() == 1);
    breach.breach_id = id;
    breach.late_lines[0].served_at_ms = 70'000;  // served late: the log shows how late
    CHECK(all[0] == breach);
    CHECK(storage.breaches({61'005, std::nullopt, std::nullopt}).size() == 1);
    CHECK(storage.breaches({61'006, std::nullopt, std::nullopt}).empty());
    CHECK(storage.breaches({std::nullopt, 61'005, std::nullopt}).empty());
    CHECK(storage.breaches({std::nullopt, std::nullopt, std::string("13")}).empty());
    CHECK(storage.history(1'000, 2'000).size() == 1);
    CHECK(storage.history(std::nullopt, std::nullopt).size() == 2);
  }
}

}  // namespace

TEST_CASE("storage: on :memory:", "[server]") {
  SqliteStorage storage(":memory:");
  exercise(storage);
}

TEST_CASE("storage: on a real file, surviving a reopen", "[server]") {
  test::TempDir dir;
  const std::string path = (dir.path() / "kitchen.db").string();
  {
    SqliteStorage storage(path);
    exercise(storage);
  }
  SqliteStorage reopened(path);
  CHECK(reopened.schema_version() == SqliteStorage::kSchemaVersion);
  StoredOrder order = sample_order(7, "persisted", 5'000);
  reopened.begin();
  reopened.save_order(order);
  reopened.commit();
  SqliteStorage again(path);
  CHECK(again.find_order("persisted") == order);
}

TEST_CASE("storage batch: an exception between begin and commit leaves nothing written", "[server]") {
  SqliteStorage storage(":memory:");
  const StoredOrder order = sample_order(1, "a", 1'000);
  SECTION("thrown by the caller") {
    CHECK_THROWS_AS(
        [&] {
          kitchen::StorageBatch batch(storage);
          storage.save_order(order);
          storage.add_audit(kitchen::AuditEntry{1'000, 1, "", "placed", "", "table", "tablet"});
          throw std::runtime_error("the request failed");
        }(),
        std::runtime_error);
  }
  SECTION("thrown by the storage itself (a breach for an order never saved)") {
    CHECK_THROWS([&] {
      kitchen::StorageBatch batch(storage);
      storage.save_order(order);
      core::BreachEntry breach = sample_breach();
      breach.seq = 99;  // no such order: the foreign key refuses it
      storage.add_breach(breach, {});
      batch.commit();
    }());
  }
  CHECK_FALSE(storage.in_batch());
  CHECK_FALSE(storage.find_order("a"));
  CHECK(storage.max_seq() == 0);
  CHECK(storage.count_audit() == 0);
  CHECK(storage.breaches({}).empty());
  // The storage is usable again.
  kitchen::StorageBatch next(storage);
  storage.save_order(order);
  next.commit();
  CHECK(storage.find_order("a"));
}

TEST_CASE("storage batch: a committed batch stays, and the guard's end does nothing more", "[server]") {
  SqliteStorage storage(":memory:");
  {
    kitchen::StorageBatch batch(storage);
    CHECK(storage.in_batch());
    storage.save_order(sample_order(1, "a", 1'000));
    batch.commit();
    CHECK_FALSE(storage.in_batch());
  }
  CHECK(storage.find_order("a"));
  {
    kitchen::StorageBatch batch(storage);  // a second batch opens after the first
    storage.save_order(sample_order(2, "b", 2'000));
  }  // not committed: rolled back
  CHECK(storage.find_order("a"));
  CHECK_FALSE(storage.find_order("b"));
}

namespace {

// The replication outbox (docs/chain.md) as the replicator reads it: kind/row_key, oldest first.
std::vector<std::string> outbox(const std::string& path) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  SQLite::Statement select(db, "SELECT kind, row_key FROM replication_outbox ORDER BY id");
  std::vector<std::string> entries;
  while (select.executeStep()) {
    entries.push_back(select.getColumn(0).getString() + "/" + std::to_string(select.getColumn(1).getInt64()));
  }
  return entries;
}

}  // namespace

TEST_CASE("storage: each change leaves its row in the replication outbox once, in the order of last change, "
          "in the change's own transaction",
          "[server][chain]") {
  test::TempDir dir;
  const std::string path = (dir.path() / "kitchen.db").string();
  SqliteStorage storage(path);
  CHECK(outbox(path).empty());
  StoredOrder first = sample_order(1, "a", 1'000);
  StoredOrder second = sample_order(2, "b", 2'000);
  storage.begin();
  storage.save_order(first);
  storage.save_order(second);
  CHECK(outbox(path).empty());  // not before the commit: it is the same transaction
  storage.commit();
  CHECK(outbox(path) == std::vector<std::string>{"order/1", "order/2"});

  storage.begin();
  const auto breach_id = storage.add_breach(sample_breach(), {"1-1"});
  storage.commit();
  CHECK(outbox(path) == std::vector<std::string>{"order/1", "order/2", fmt::format("breach/{}", breach_id)});

  // A line of the first order served: the order moves to the end, still once.
  core::mark_line(first.order, first.order.lines[0], core::LineState::served, 1'500);
  storage.begin();
  storage.save_order(first);
  storage.commit();
  CHECK(outbox(path) == std::vector<std::string>{"order/2", fmt::format("breach/{}", breach_id), "order/1"});

  // A rolled-back change leaves nothing.
  storage.begin();
  storage.save_order(sample_order(3, "c", 3'000));
  storage.rollback();
  CHECK(outbox(path).size() == 3);
}
