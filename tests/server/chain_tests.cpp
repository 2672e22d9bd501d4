// Chain replication (docs/chain.md) with the real parts: a real PostgreSQL
// server started in a temporary folder, real hourglass-kitchen stores
// replicating into it while it is stopped and started and while a store is
// killed with kill -9, and the hourglass-chain report read back. The
// central figures must equal each store's own: its SQLite, and the breach
// log its manager is served.

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <cstdio>
#include <map>
#include <pqxx/pqxx>
#include <thread>

#include "kitchen/chain/chain_feed.hpp"
#include "kitchen/chain/chain_report.hpp"
#include "kitchen/chain/chain_schema.hpp"
#include "kitchen/chain/conninfo.hpp"
#include "tests/kit/test_kitchen.hpp"
#include "tests/server/test_support.hpp"

using namespace hourglass;
using namespace hourglass::test;
using core::Role;
namespace fs = std::filesystem;

namespace {

// A store of the chain: a real server whose config names it and the central database.
TestConfig store_config(const std::string& store, const std::string& postgres) {
  TestConfig config;
  config.promise_seconds = 2;  // unserved orders breach while the test runs
  config.timezone = "Asia/Shanghai";
  config.limits = R"({"requests_per_second":100000,"burst":100000})";  // a rush from one tablet
  config.chain = fmt::format(R"({{"store":"{}","postgres":"{}"}})", store, postgres);
  return config;
}

struct StoreFigures {
  std::vector<std::string> orders;  // "seq order_id status discount", by seq
  std::int64_t lines = 0;
  std::int64_t comps = 0;
  std::int64_t outbox = 0;
};

StoreFigures store_figures(const fs::path& database) {
  SQLite::Database db(database.string(), SQLite::OPEN_READONLY);
  db.setBusyTimeout(5000);
  StoreFigures figures;
  SQLite::Statement orders(db, "SELECT seq, order_id, status, discount FROM orders ORDER BY seq");
  while (orders.executeStep()) {
    figures.orders.push_back(fmt::format("{} {} {} {}", orders.getColumn(0).getInt64(), orders.getColumn(1).getString(),
                                         orders.getColumn(2).getString(), orders.getColumn(3).getInt64()));
  }
  figures.lines = db.execAndGet("SELECT count(*) FROM lines").getInt64();
  figures.comps = db.execAndGet("SELECT count(*) FROM comps").getInt64();
  figures.outbox = db.execAndGet("SELECT count(*) FROM replication_outbox").getInt64();
  return figures;
}

StoreFigures central_figures(const std::string& postgres, const std::string& store) {
  pqxx::connection connection(postgres);
  pqxx::read_transaction work(connection);
  StoreFigures figures;
  const auto has_tables = work.exec1("SELECT to_regclass('hourglass.orders') IS NOT NULL")[0].as<bool>();
  if (!has_tables) return figures;
  for (const auto& row : work.exec_params(
           "SELECT seq, order_id, status, discount FROM hourglass.orders WHERE store = $1 ORDER BY seq", store)) {
    figures.orders.push_back(fmt::format("{} {} {} {}", row[0].as<std::int64_t>(), row[1].as<std::string>(),
                                         row[2].as<std::string>(), row[3].as<std::int64_t>()));
  }
  figures.lines = work.exec_params1("SELECT count(*) FROM hourglass.lines WHERE store = $1", store)[0].as<std::int64_t>();
  figures.comps = work.exec_params1("SELECT count(*) FROM hourglass.comps WHERE store = $1", store)[0].as<std::int64_t>();
  return figures;
}

struct BreachFigures {
  std::size_t count = 0;
  std::int64_t discount = 0;
};

BreachFigures served_breach_log(std::uint16_t port) {
  auto manager = connect_as(port, kManager, Role::manager);
  const auto reply = manager.client.request(core::GetBreachLog{}, 30s);
  const auto* log = as<core::BreachLog>(reply);
  REQUIRE(log);
  BreachFigures figures{log->entries.size(), 0};
  for (const auto& entry : log->entries) figures.discount += entry.discount;
  return figures;
}

// Orders that will breach (left unserved) and orders kept (all served at once).
void play_rush(Connected& table, Connected& kds, const std::string& prefix, int orders) {
  for (int i = 0; i < orders; ++i) {
    const auto reply = table.client.request(simple_order(fmt::format("{}-{}", prefix, i), {{"gongbao", 1}, {"rice", 1}}));
    const auto* placed = as<core::OrderMessage>(reply);
    INFO(describe(reply));
    REQUIRE(placed);
    if (i % 3 != 0) {
      for (const auto& line : placed->order.lines) {
        REQUIRE(as<core::OrderMessage>(kds.client.request(core::MarkLine{line.line_id, core::LineState::served})));
      }
    }
  }
}

std::string run_output(const std::string& command, int& exit_code) {
  std::string out;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  REQUIRE(pipe);
  char chunk[4096];
  while (const std::size_t n = fread(chunk, 1, sizeof chunk, pipe)) out.append(chunk, n);
  const int status = pclose(pipe);
  exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

// Whether the store has judged every order it holds: each deadline is a
// second past, and no order is still open after its deadline.
bool all_judged(const fs::path& database) {
  SQLite::Database db(database.string(), SQLite::OPEN_READONLY);
  db.setBusyTimeout(5000);
  const std::int64_t judged_before = wall_ms() - 1000;
  if (db.execAndGet("SELECT coalesce(max(deadline_ms), 0) FROM orders").getInt64() >= judged_before) return false;
  SQLite::Statement open(db, "SELECT count(*) FROM orders WHERE status = 'open' AND deadline_ms < ?");
  open.bind(1, judged_before);
  open.executeStep();
  return open.getColumn(0).getInt64() == 0;
}

// Every store's own figures, and the central ones, once its outbox is empty.
bool replicated(const fs::path& database, const std::string& postgres, const std::string& store) {
  const StoreFigures own = store_figures(database);
  if (own.outbox != 0) return false;
  const StoreFigures central = central_figures(postgres, store);
  return central.orders == own.orders && central.lines == own.lines && central.comps == own.comps;
}

// What a failed wait for replicated() saw.
std::string replication_state(const fs::path& database, const std::string& postgres, const std::string& store) {
  const StoreFigures own = store_figures(database);
  const StoreFigures central = central_figures(postgres, store);
  std::string first_difference;
  for (std::size_t i = 0; i < std::min(own.orders.size(), central.orders.size()); ++i) {
    if (own.orders[i] != central.orders[i]) {
      first_difference = own.orders[i] + " != " + central.orders[i];
      break;
    }
  }
  return fmt::format("{}: outbox {}; orders {} here, {} central (first difference: {}); lines {}/{}; comps {}/{}",
                     store, own.outbox, own.orders.size(), central.orders.size(), first_difference, own.lines,
                     central.lines, own.comps, central.comps);
}

}  // namespace

TEST_CASE("chain: two stores replicate into one PostgreSQL through its stop and a store's kill -9, each row once",
          "[server][integration][chain]") {
  if (const auto why = PostgresServer::unavailable()) FAIL("the chain tests need PostgreSQL: " << *why);
  PostgresServer postgres;
  const std::string central = postgres.create_database("chain");
  TestKitchen wuhan(store_config("wuhan-01", central));
  TestKitchen chengdu(store_config("chengdu-02", central));
  const fs::path wuhan_db = wuhan.dir / "kitchen.db";
  const fs::path chengdu_db = chengdu.dir / "kitchen.db";

  {
    auto wuhan_table = connect_as(wuhan.port(), kTable1, Role::table);
    auto wuhan_kds = connect_as(wuhan.port(), kKds, Role::kds);
    auto chengdu_table = connect_as(chengdu.port(), kTable2, Role::table);
    auto chengdu_kds = connect_as(chengdu.port(), kKds, Role::kds);
    play_rush(wuhan_table, wuhan_kds, "w-up", 9);
    play_rush(chengdu_table, chengdu_kds, "c-up", 6);
    REQUIRE(eventually([&] { return replicated(wuhan_db, central, "wuhan-01"); }, 30s));
    REQUIRE(eventually([&] { return replicated(chengdu_db, central, "chengdu-02"); }, 30s));

    // The central server goes away: the stores go on taking orders, their
    // promises break on time, a manager comps a dish, and it all waits.
    postgres.stop();
    play_rush(wuhan_table, wuhan_kds, "w-down", 12);
    play_rush(chengdu_table, chengdu_kds, "c-down", 9);
    const auto wuhan_breach = next_push_of<core::BreachMessage>(wuhan_table.client, 10s);
    REQUIRE(wuhan_breach);
    auto manager = connect_as(chengdu.port(), kManager, Role::manager);
    const auto comp_reply = chengdu_table.client.request(simple_order("c-comp", {{"cola", 2}}));
    const auto* comp_target = as<core::OrderMessage>(comp_reply);  // points into comp_reply
    REQUIRE(comp_target);
    REQUIRE(as<core::OrderMessage>(
        manager.client.request(core::CompLine{comp_target->order.lines.at(0).line_id, "dropped on the floor"})));
    CHECK(store_figures(wuhan_db).outbox > 0);
    CHECK(store_figures(chengdu_db).outbox > 0);
    CHECK(wuhan.server.running());
    CHECK(chengdu.server.running());
  }

  // Back after a while; wuhan is killed while it replicates and orders pour in.
  postgres.start();
  {
    auto wuhan_table = connect_as(wuhan.port(), kTable1, Role::table);
    std::thread sender([&] {
      try {
        for (int i = 0; i < 1000; ++i) {
          wuhan_table.client.send(simple_order(fmt::format("w-kill-{}", i), {{"rice", 1}}),
                                  core::RequestId{std::int64_t{i}});
        }
      } catch (const std::exception&) {
        // The server died under us: expected.
      }
    });
    int acked = 0;
    bool central_has_some = false;
    while (!(acked > 30 && central_has_some)) {
      const auto reply = wuhan_table.client.next(10s);
      REQUIRE(reply);
      if (as<core::OrderMessage>(*reply)) ++acked;
      if (acked % 10 == 0) central_has_some = central_figures(central, "wuhan-01").orders.size() > 21;
    }
    CHECK(store_figures(wuhan_db).outbox > 0);  // killed with changes still to send
    wuhan.server.kill9();
    sender.join();
  }
  wuhan.server.restart();
  // The thousand orders sent before the kill lapse two seconds after they
  // were taken, and the restarted store judges them one by one: wait until
  // it has, so that the figures compared below are final (under the
  // sanitizers this takes seconds, and its pushes flood a manager's
  // connection opened meanwhile).
  REQUIRE(eventually([&] { return all_judged(wuhan_db); }, 120s));

  const bool wuhan_done = eventually([&] { return replicated(wuhan_db, central, "wuhan-01"); }, 90s);
  INFO(replication_state(wuhan_db, central, "wuhan-01") << "\nwuhan's log:\n" << wuhan.server.log());
  REQUIRE(wuhan_done);
  REQUIRE(eventually([&] { return replicated(chengdu_db, central, "chengdu-02"); }, 90s));
  const StoreFigures wuhan_own = store_figures(wuhan_db);
  CHECK(wuhan_own.orders.size() > 9 + 12 + 30);
  CHECK(store_figures(chengdu_db).comps == 1);

  // The chain report's totals are each store's own breach log.
  const BreachFigures wuhan_log = served_breach_log(wuhan.port());
  const BreachFigures chengdu_log = served_breach_log(chengdu.port());
  CHECK(wuhan_log.count >= 7);  // one in three of 21 unserved, at least
  pqxx::connection connection(central);
  std::map<std::string, chain::StoreDay> totals;
  for (const auto& row : chain::store_totals(chain::chain_report(connection, {}))) totals[row.store] = row;
  REQUIRE(totals.size() == 2);
  CHECK(totals["wuhan-01"].orders == static_cast<std::int64_t>(wuhan_own.orders.size()));
  CHECK(totals["wuhan-01"].breaches == static_cast<std::int64_t>(wuhan_log.count));
  CHECK(totals["wuhan-01"].compensation_fen == wuhan_log.discount);
  CHECK(totals["chengdu-02"].breaches == static_cast<std::int64_t>(chengdu_log.count));
  CHECK(totals["chengdu-02"].compensation_fen == chengdu_log.discount);
  CHECK(totals["chengdu-02"].comps == 1);

  // And hourglass-chain prints them, as a table and as CSV.
  int code = -1;
  const std::string csv =
      run_output(fmt::format("'{}' --postgres '{}' --totals --csv", HOURGLASS_CHAIN_BINARY, central), code);
  INFO(csv);
  CHECK(code == 0);
  CHECK(csv.rfind("store,day,orders,", 0) == 0);
  CHECK_THAT(csv, Catch::Contains(fmt::format("wuhan-01,,{},", wuhan_own.orders.size())));
  CHECK_THAT(csv, Catch::Contains("chengdu-02,,"));
  const std::string table = run_output(fmt::format("'{}' --postgres '{}'", HOURGLASS_CHAIN_BINARY, central), code);
  INFO(table);
  CHECK(code == 0);
  CHECK_THAT(table, Catch::Contains("wuhan-01") && Catch::Contains("chengdu-02"));

  // The central copy of a store lost: chain-resend, while the store runs, sends it all again.
  {
    pqxx::work work(connection);
    for (const char* lost : {"lines", "breach_lines", "breaches", "comps", "orders"}) {
      work.exec_params(fmt::format("DELETE FROM hourglass.{} WHERE store = $1", lost), "wuhan-01");
    }
    work.commit();
  }
  const std::string resend = run_output(
      fmt::format("'{}' chain-resend --db '{}'", HOURGLASS_KITCHEN_BINARY, wuhan_db.string()), code);
  INFO(resend);
  CHECK(code == 0);
  CHECK_THAT(resend, Catch::Contains(fmt::format("{} changes queued", wuhan_own.orders.size() + wuhan_log.count)));
  REQUIRE(eventually([&] { return replicated(wuhan_db, central, "wuhan-01"); }, 30s));
  CHECK(chain::store_totals(chain::chain_report(connection, {std::nullopt, std::nullopt, std::string("wuhan-01")})).at(0).breaches ==
        static_cast<std::int64_t>(wuhan_log.count));
}

TEST_CASE("chain: a store whose central database cannot be reached serves as ever and says so in its log",
          "[server][integration][chain]") {
  TempDir nowhere;  // a socket folder with no server in it
  TestConfig config = store_config("lonely-01", fmt::format("host={} port=5432 dbname=chain user=hourglass password=s3cret",
                                                            nowhere.path().string()));
  config.promise_seconds = 900;  // no breach joins the three orders in the outbox
  TestKitchen store(config);
  auto table = connect_as(store.port(), kTable1, Role::table);
  auto kds = connect_as(store.port(), kKds, Role::kds);
  play_rush(table, kds, "alone", 3);
  REQUIRE(eventually([&] { return store.server.log().find("chain: cannot replicate") != std::string::npos; }));
  CHECK(store_figures(store.dir / "kitchen.db").outbox == 3);
  CHECK(store.server.log().find("s3cret") == std::string::npos);  // the log never shows the password
}

TEST_CASE("chain: the central schema is made once by many, and a newer one is refused", "[server][chain]") {
  if (const auto why = PostgresServer::unavailable()) FAIL("the chain tests need PostgreSQL: " << *why);
  PostgresServer postgres;
  const std::string central = postgres.create_database("chain");
  int code = -1;
  const std::string empty = run_output(fmt::format("'{}' --postgres '{}'", HOURGLASS_CHAIN_BINARY, central), code);
  CHECK(code == 3);  // no store has connected yet
  CHECK_THAT(empty, Catch::Contains("no Hourglass tables yet"));
  const std::string bad_day =
      run_output(fmt::format("'{}' --postgres '{}' --from 2026-13-01", HOURGLASS_CHAIN_BINARY, central), code);
  CHECK(code != 0);
  CHECK_THAT(bad_day, Catch::Contains("YYYY-MM-DD"));
  {
    std::vector<std::thread> stores;
    std::atomic<int> failures = 0;
    for (int i = 0; i < 4; ++i) {
      stores.emplace_back([&] {
        try {
          pqxx::connection connection(central);
          chain::ensure_chain_schema(connection);
        } catch (const std::exception&) {
          ++failures;
        }
      });
    }
    for (auto& store : stores) store.join();
    CHECK(failures == 0);
  }
  pqxx::connection connection(central);
  {
    pqxx::work work(connection);
    CHECK(work.exec1("SELECT version FROM hourglass.schema_version")[0].as<int>() == chain::chain_schema_version());
    CHECK(work.exec1("SELECT count(*) FROM hourglass.schema_version")[0].as<int>() == 1);
    work.exec(fmt::format("UPDATE hourglass.schema_version SET version = {}", chain::chain_schema_version() + 1));
    work.commit();
  }
  CHECK_THROWS_WITH(chain::ensure_chain_schema(connection), Catch::Contains("newer than this program's"));
  const std::string report = run_output(fmt::format("'{}' --postgres '{}'", HOURGLASS_CHAIN_BINARY, central), code);
  INFO(report);
  CHECK(code == 0);  // a report reads what it can: a newer schema keeps these columns
}

TEST_CASE("chain: a connection string is shown and logged without its password, however it is written", "[server]") {
  using chain::without_password;
  CHECK(without_password("host=10.0.0.9 dbname=chain user=s1 password=hunter2") ==
        "user=s1 dbname=chain host=10.0.0.9");
  // Spaces around '=', a quoted password with a space in it, and the URI form.
  const std::string spaced = without_password("host = db1 password = 'hunter 2' dbname=chain");
  CHECK(spaced.find("hunter") == std::string::npos);
  CHECK_THAT(spaced, Catch::Contains("host=db1") && Catch::Contains("dbname=chain"));
  const std::string uri = without_password("postgresql://s1:hunter2@db1:5433/chain?sslmode=require");
  CHECK(uri.find("hunter2") == std::string::npos);
  CHECK_THAT(uri, Catch::Contains("host=db1") && Catch::Contains("port=5433") && Catch::Contains("sslmode=require"));
  // A value with a space is quoted as libpq would read it back.
  CHECK(without_password("host=db1 application_name='hourglass wuhan'") ==
        "host=db1 application_name='hourglass wuhan'");
  // Not a connection string: nothing of it is repeated.
  CHECK(without_password("host='unterminated password=hunter2") == "(a connection string libpq cannot read)");
  CHECK(chain::with_timeouts("host=db1") == "host=db1 connect_timeout=10 keepalives_idle=30");
  CHECK(chain::with_timeouts("host=db1 connect_timeout=3") == "host=db1 connect_timeout=3 keepalives_idle=30");
}

TEST_CASE("chain: the feed a screen reads the chain through answers from a real PostgreSQL that a real store "
          "replicates into, and keeps its figures with the reason while the database is stopped",
          "[server][integration][chain]") {
  if (const auto why = PostgresServer::unavailable()) FAIL("the chain tests need PostgreSQL: " << *why);
  PostgresServer postgres;
  const std::string central = postgres.create_database("chain");

  // Nobody has replicated yet: read, and said so.
  {
    chain::ChainFeed feed(central, wall_ms, 1h);
    feed.ask({});
    REQUIRE(eventually([&] { return feed.snapshot().as_of_ms > 0; }, 15s));
    CHECK(feed.snapshot().no_tables);
    CHECK(feed.snapshot().error.empty());
    CHECK(feed.snapshot().days.empty());
  }

  TestKitchen store(store_config("wuhan-01", central));
  const fs::path database = store.dir / "kitchen.db";
  auto table = connect_as(store.port(), kTable1, Role::table);
  REQUIRE(as<core::OrderMessage>(table.client.request(simple_order("feed-1", {{"mapo", 1}}))));
  REQUIRE(as<core::OrderMessage>(table.client.request(simple_order("feed-2", {{"rice", 2}}))));

  chain::ChainFeed feed(central + " password=hunter2", wall_ms, 200ms);
  CHECK(feed.snapshot().source.find("hunter2") == std::string::npos);
  CHECK(feed.version() == 0);  // nothing read until asked
  feed.ask({});  // every day
  REQUIRE(eventually(
      [&] {
        const auto snapshot = feed.snapshot();
        return snapshot.days.size() == 1 && snapshot.days[0].orders == 2;
      },
      30s));
  CHECK(feed.snapshot().days[0].store == "wuhan-01");
  CHECK(feed.version() > 0);
  // The same figures hourglass-chain's query gives.
  {
    pqxx::connection connection(central);
    const auto report = chain::chain_report(connection, {});
    REQUIRE(report.size() == 1);
    CHECK(report[0].day == feed.snapshot().days[0].day);
  }
  // A period with none of the store's days: read, and empty.
  feed.ask({std::string("2001-01-01"), std::string("2001-01-31"), std::nullopt});
  REQUIRE(eventually([&] { return feed.snapshot().range.from == std::optional<std::string>("2001-01-01"); }, 15s));
  CHECK(feed.snapshot().days.empty());
  feed.ask({});
  REQUIRE(eventually([&] { return feed.snapshot().days.size() == 1; }, 15s));

  // The central database stops: the feed says why and keeps the last figures.
  postgres.stop();
  REQUIRE(eventually([&] { return !feed.snapshot().error.empty(); }, 30s));
  CHECK(feed.snapshot().days.size() == 1);
  CHECK(feed.snapshot().error.find("hunter2") == std::string::npos);
  CHECK(feed.snapshot().error.find('\n') == std::string::npos);

  // Back: a third order reached the store meanwhile, and the feed catches up.
  REQUIRE(as<core::OrderMessage>(table.client.request(simple_order("feed-3", {{"cola", 1}}))));
  postgres.start();
  REQUIRE(eventually(
      [&] {
        const auto snapshot = feed.snapshot();
        return snapshot.error.empty() && snapshot.days.size() == 1 && snapshot.days[0].orders == 3;
      },
      60s));
  CHECK(replicated(database, central, "wuhan-01"));

  // A restart between two reads: the second read answers at once, with no
  // error shown (no connection is kept from the first to be found dead).
  chain::ChainFeed quiet(central, wall_ms, 1h);
  quiet.ask({});
  REQUIRE(eventually([&] { return quiet.snapshot().as_of_ms > 0; }, 15s));
  postgres.stop();
  postgres.start();
  const std::uint64_t before = quiet.version();
  quiet.ask({});
  REQUIRE(eventually([&] { return quiet.version() >= before + 2; }, 30s));  // started, then done
  CHECK(quiet.snapshot().error.empty());
  CHECK(quiet.snapshot().days.size() == 1);
}
