// The schema migrations on a real old file: tests/server/fixtures/v1_schema.db
// was written by the e4f1377 server (late lines as JSON in breaches), with
// what that server reported about it beside it (see the README there). A copy
// is opened by the current storage, and by the current server, and must read
// exactly the same.

#include <SQLiteCpp/Database.h>
#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "kitchen/server/breach_export.hpp"
#include "kitchen/server/sqlite_storage.hpp"
#include "shared/core/breach_csv.hpp"
#include "shared/core/spreadsheet_csv.hpp"
#include "tests/server/test_support.hpp"

using namespace hourglass;
using namespace hourglass::test;
using kitchen::SqliteStorage;
namespace fs = std::filesystem;

namespace {

const fs::path kFixtures = fs::path(HOURGLASS_SOURCE_DIR) / "tests" / "server" / "fixtures";

// The fixture ("v1": schema 1; "v2": schema 2, the release before v1.1;
// "v4", "v5", "v6": the releases before the last three schema changes),
// copied: the tests never write to the committed file.
fs::path copy_fixture(const TempDir& dir, const std::string& prefix = "v1") {
  const fs::path copy = dir.path() / "kitchen.db";
  fs::copy_file(kFixtures / (prefix + "_schema.db"), copy);
  return copy;
}

core::ServerEnvelope recorded(const std::string& file) {
  std::string line = ServerProcess::read_file(kFixtures / file);
  while (!line.empty() && line.back() == '\n') line.pop_back();
  auto decoded = core::decode_server_message(line);
  REQUIRE(decoded);
  return decoded.value();
}

std::vector<core::BreachEntry> recorded_breaches(const std::string& prefix = "v1") {
  const auto envelope = recorded(prefix + "_breach_log.json");
  REQUIRE(as<core::BreachLog>(envelope));
  return as<core::BreachLog>(envelope)->entries;
}

std::vector<core::Order> recorded_history(const std::string& prefix = "v1") {
  const auto envelope = recorded(prefix + "_history.json");
  REQUIRE(as<core::History>(envelope));
  return as<core::History>(envelope)->orders;
}

int count(SQLite::Database& db, const std::string& sql) { return db.execAndGet(sql).getInt(); }

// Runs a command and returns its standard output.
std::string output_of(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe);
  char chunk[4096];
  while (const std::size_t n = fread(chunk, 1, sizeof chunk, pipe)) out.append(chunk, n);
  CHECK(pclose(pipe) == 0);
  return out;
}

}  // namespace

TEST_CASE("migration: the fixture is the old schema, as the old server left it", "[server]") {
  // Guards the premise of the tests below: were the fixture ever regenerated
  // by a newer server, they would test nothing.
  TempDir dir;
  SQLite::Database db(copy_fixture(dir).string(), SQLite::OPEN_READWRITE);
  CHECK(count(db, "SELECT version FROM schema_version") == 1);
  CHECK(count(db, "SELECT count(*) FROM pragma_table_info('breaches') WHERE name = 'late_lines'") == 1);
  CHECK(count(db, "SELECT count(*) FROM sqlite_master WHERE name = 'breach_lines'") == 0);
  CHECK(count(db, "SELECT count(*) FROM breaches") == 4);
}

TEST_CASE("migration: a schema-1 file keeps every order, breach, late line and comp", "[server]") {
  TempDir dir;
  const fs::path path = copy_fixture(dir);
  const auto breaches = recorded_breaches();
  const auto history = recorded_history();
  REQUIRE(breaches.size() == 4);
  REQUIRE(history.size() == 6);
  {
    SqliteStorage storage(path.string());
    CHECK(storage.schema_version() == SqliteStorage::kSchemaVersion);

    // The breach log, late lines and their served_at_ms (one served 1.5 s
    // after its breach) exactly as the old server gave it.
    CHECK(storage.breaches({}) == breaches);
    const auto late_served = storage.breaches({std::nullopt, std::nullopt, std::string("1")});
    REQUIRE(late_served.size() == 1);
    REQUIRE(late_served[0].late_lines.size() == 1);
    REQUIRE(late_served[0].late_lines[0].served_at_ms);
    CHECK(*late_served[0].late_lines[0].served_at_ms > late_served[0].deadline_ms + 1'000);
    CHECK(storage.breaches({breaches[3].at_ms, std::nullopt, std::nullopt}) ==
          std::vector<core::BreachEntry>{breaches[3]});

    // Every order with its lines, and which are still open.
    CHECK(storage.history(std::nullopt, std::nullopt) == history);
    for (const auto& order : history) {
      const auto found = storage.find_order(order.order_id);
      REQUIRE(found);
      CHECK(found->order == order);
    }
    const auto unclosed = storage.load_unclosed_orders();
    REQUIRE(unclosed.size() == 1);
    CHECK(unclosed[0].order.order_id == "v1-pct-kept");
    CHECK(unclosed[0].owner == "table:1");
    CHECK(storage.max_seq() == 6);
  }
  SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
  CHECK(count(db, "SELECT count(*) FROM breach_lines") == 6);
  CHECK(count(db, "SELECT count(*) FROM breach_lines WHERE line_id IS NULL OR name_en IS NULL") == 0);
  CHECK(count(db, "SELECT count(*) FROM pragma_table_info('breaches') WHERE name = 'late_lines'") == 0);
  SQLite::Statement comp(db, "SELECT seq, line_id, reason, role, device FROM comps");
  REQUIRE(comp.executeStep());
  CHECK(comp.getColumn(0).getInt64() == 3);
  CHECK(comp.getColumn(1).getString() == "3-3");
  CHECK(comp.getColumn(2).getString() == "spilt \"all\" of it");
  CHECK(comp.getColumn(3).getString() == "manager");
  CHECK_FALSE(comp.executeStep());
  CHECK(count(db, "SELECT count(*) FROM audit") > 20);

  // Opening it again migrates nothing twice.
  SqliteStorage again(path.string());
  CHECK(again.schema_version() == SqliteStorage::kSchemaVersion);
  CHECK(again.breaches({}) == breaches);
}

TEST_CASE("migration: export-breaches --plain writes the old server's CSV byte for byte", "[server]") {
  const std::string prefix = GENERATE("v1", "v2", "v4", "v5", "v6");
  CAPTURE(prefix);
  TempDir dir;
  const fs::path path = copy_fixture(dir, prefix);
  const std::string expected = ServerProcess::read_file(kFixtures / (prefix + "_breaches.csv"));
  REQUIRE(expected.find("v1-late-served,gongbao") != std::string::npos);
  SECTION("in process") {
    const fs::path out = dir.path() / "breaches.csv";
    kitchen::ExportOptions options;
    options.database = path.string();
    options.out = out.string();
    options.plain = true;
    REQUIRE(kitchen::export_breaches(options) == 0);
    CHECK(ServerProcess::read_file(out) == expected);
  }
  SECTION("the hourglass-kitchen command") {
    CHECK(output_of(fmt::format("'{}' export-breaches --plain --db '{}'", HOURGLASS_KITCHEN_BINARY,
                                path.string())) == expected);
  }
}

TEST_CASE("export-breaches reads a copy: the database it is given is left byte for byte, an older one not migrated",
          "[server]") {
  const std::string prefix = GENERATE("v1", "v5", "v6");
  CAPTURE(prefix);
  TempDir dir;
  const fs::path path = copy_fixture(dir, prefix);
  const std::string before = ServerProcess::read_file(path);
  CHECK(output_of(fmt::format("'{}' export-breaches --plain --db '{}'", HOURGLASS_KITCHEN_BINARY, path.string())) ==
        ServerProcess::read_file(kFixtures / (prefix + "_breaches.csv")));
  CHECK(ServerProcess::read_file(path) == before);
  // A reader of a WAL database may leave an empty -wal beside it; nothing was written to it.
  const fs::path wal = path.string() + "-wal";
  CHECK((!fs::exists(wal) || fs::file_size(wal) == 0));
  // An old server can still open its own file: the schema is the old one.
  SQLite::Database db(path.string(), SQLite::OPEN_READONLY);
  CHECK(count(db, "SELECT version FROM schema_version") == std::stoi(prefix.substr(1)));
}

TEST_CASE("export-breaches refuses a database of another program by the name it was given", "[server]") {
  TempDir dir;
  const fs::path path = dir.path() / "notes.db";
  {
    SQLite::Database other(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    other.exec("CREATE TABLE notes(text TEXT)");
  }
  const fs::path errors = dir.path() / "stderr";
  const int status = std::system(fmt::format("'{}' export-breaches --db '{}' >/dev/null 2>'{}'",
                                             HOURGLASS_KITCHEN_BINARY, path.string(), errors.string())
                                     .c_str());
  CHECK(status != 0);
  CHECK(ServerProcess::read_file(errors) == path.string() + ": not an Hourglass database (no schema_version)\n");
}

TEST_CASE("export-breaches: the spreadsheet format opens right, in the store's zone, read back as a spreadsheet would",
          "[server]") {
  TempDir dir;
  const fs::path path = copy_fixture(dir, "v5");
  const auto plain = test::read_spreadsheet(ServerProcess::read_file(kFixtures / "v5_breaches.csv"));
  REQUIRE_FALSE(plain.error);
  const fs::path out = dir.path() / "breaches.csv";
  const auto run = [&](const std::string& options) {
    return std::system(fmt::format("'{}' export-breaches --db '{}' --out '{}' {} 2>'{}'", HOURGLASS_KITCHEN_BINARY,
                                   path.string(), out.string(), options, (dir.path() / "stderr").string())
                           .c_str());
  };
  const auto stderr_text = [&] { return ServerProcess::read_file(dir.path() / "stderr"); };

  SECTION("--timezone: times with +08:00, yuan beside fen, a byte-order mark") {
    REQUIRE(run("--timezone Asia/Shanghai") == 0);
    const auto sheet = test::read_spreadsheet_file(out.string());
    REQUIRE_FALSE(sheet.error);
    CHECK(sheet.byte_order_mark);
    CHECK(sheet.crlf);
    CHECK(sheet.header == core::breach_spreadsheet_columns());
    REQUIRE(sheet.rows.size() == plain.rows.size());
    for (std::size_t row = 0; row < sheet.rows.size(); ++row) {
      CAPTURE(row);
      // The same instant as the v1 file's UTC time, in Shanghai's wall clock.
      const std::string utc = plain.cell(row, "recorded_at");
      const std::int64_t ms = *core::parse_utc_date_ms(utc.substr(0, 10)) +
                              ((std::stoll(utc.substr(11, 2)) * 60 + std::stoll(utc.substr(14, 2))) * 60 +
                               std::stoll(utc.substr(17, 2))) * 1000;
      CHECK(sheet.cell(row, "recorded_at") == core::format_local_timestamp(ms, 8 * 60));
      CHECK(sheet.cell(row, "recorded_at").substr(19) == "+08:00");
      CHECK(sheet.cell(row, "price_fen") == plain.cell(row, "price_fen"));
      CHECK(sheet.cell(row, "price_yuan") == core::format_yuan(std::stoll(plain.cell(row, "price_fen"))));
      CHECK(sheet.cell(row, "order_compensation_yuan") ==
            core::format_yuan(std::stoll(plain.cell(row, "order_compensation_fen"))));
      CHECK(sheet.cell(row, "dish_zh") == plain.cell(row, "dish_zh"));
      CHECK(sheet.cell(row, "settled") == "yes");
    }
    const auto gongbao = sheet.rows_where("dish_id", "gongbao");
    REQUIRE(gongbao.size() == 1);
    CHECK(sheet.cell(gongbao[0], "dish_zh") == "宫保鸡丁");
    CHECK(sheet.cell(gongbao[0], "price_yuan") == "38.00");
  }
  SECTION("--config: the server configuration's timezone") {
    TestConfig config;
    config.timezone = "America/New_York";  // December: -05:00
    const fs::path config_path = dir.write_config(config);
    REQUIRE(run(fmt::format("--config '{}'", config_path.string())) == 0);
    const auto sheet = test::read_spreadsheet_file(out.string());
    REQUIRE_FALSE(sheet.error);
    REQUIRE_FALSE(sheet.rows.empty());
    CHECK(sheet.cell(0, "accepted").substr(19) == "-05:00");
  }
  SECTION("--since and --until are the store's days: the fixture's evening is 2026-12-03 in Shanghai") {
    REQUIRE(run("--timezone Asia/Shanghai --since 2026-12-03 --until 2026-12-03") == 0);
    CHECK(test::read_spreadsheet_file(out.string()).rows.size() == plain.rows.size());
    REQUIRE(run("--timezone Asia/Shanghai --until 2026-12-02") == 0);
    CHECK(test::read_spreadsheet_file(out.string()).rows.empty());
    REQUIRE(run("--timezone Asia/Shanghai --since 2026-12-04") == 0);
    CHECK(test::read_spreadsheet_file(out.string()).rows.empty());
  }
  SECTION("a zone that does not exist is refused by name") {
    CHECK(run("--timezone Mars/Olympus_Mons") != 0);
    CHECK(stderr_text().find("Mars/Olympus_Mons") != std::string::npos);
    CHECK_FALSE(fs::exists(out));
  }
}

TEST_CASE("migration: a schema-5 file of the last release keeps its complaints and surveys, and takes cooking times",
          "[server]") {
  TempDir dir;
  const fs::path path = copy_fixture(dir, "v5");
  {
    SQLite::Database db(path.string(), SQLite::OPEN_READONLY);
    REQUIRE(count(db, "SELECT version FROM schema_version") == 5);  // the premise: the old format
    REQUIRE(count(db, "SELECT count(*) FROM pragma_table_info('lines') WHERE name = 'cooking_at_ms'") == 0);
    REQUIRE(count(db, "SELECT count(*) FROM complaints") == 2);
    REQUIRE(count(db, "SELECT count(*) FROM surveys") == 1);
  }
  const auto history = recorded_history("v5");
  SqliteStorage storage(path.string());
  CHECK(storage.schema_version() == SqliteStorage::kSchemaVersion);
  CHECK(storage.breaches({}) == recorded_breaches("v5"));
  CHECK(storage.history(std::nullopt, std::nullopt) == history);
  {
    // The whole history waits in the replication outbox, for a chain turned on later.
    SQLite::Database db(path.string(), SQLite::OPEN_READONLY);
    CHECK(count(db, "SELECT count(*) FROM replication_outbox") ==
          count(db, "SELECT (SELECT count(*) FROM orders) + (SELECT count(*) FROM breaches) + "
                    "(SELECT count(*) FROM comps) + (SELECT count(*) FROM complaints) + (SELECT count(*) FROM surveys)"));
    CHECK(count(db, "SELECT count(*) FROM replication_outbox WHERE kind = 'complaint'") == 2);
    CHECK(count(db, "SELECT count(*) FROM replication_outbox WHERE kind = 'order' AND row_key NOT IN "
                    "(SELECT seq FROM orders)") == 0);
  }
  // A line started by a cook now keeps when.
  storage.begin();
  kitchen::StoredOrder open = storage.load_unclosed_orders().front();
  open.order.lines.front().cooking_at_ms = 1'796'300'000'123;
  storage.save_order(open);
  storage.commit();
  const auto reread = storage.find_order(open.order.order_id);
  REQUIRE(reread);
  CHECK(reread->order == open.order);
}

TEST_CASE("migration: a schema-6 file of the last release queues its whole history for the chain, and reads the same",
          "[server][chain]") {
  TempDir dir;
  const fs::path path = copy_fixture(dir, "v6");
  {
    SQLite::Database db(path.string(), SQLite::OPEN_READONLY);
    REQUIRE(count(db, "SELECT version FROM schema_version") == 6);  // the premise: the old format
    REQUIRE(count(db, "SELECT count(*) FROM sqlite_master WHERE name = 'replication_outbox'") == 0);
  }
  const auto history = recorded_history("v6");
  const auto breaches = recorded_breaches("v6");
  SqliteStorage storage(path.string());
  CHECK(storage.schema_version() == SqliteStorage::kSchemaVersion);
  CHECK(storage.breaches({}) == breaches);
  CHECK(storage.history(std::nullopt, std::nullopt) == history);
  SQLite::Database db(path.string(), SQLite::OPEN_READONLY);
  // Every order, breach, comp, complaint and survey, once each, oldest first within its kind.
  CHECK(count(db, "SELECT count(*) FROM replication_outbox WHERE kind = 'order'") ==
        static_cast<int>(history.size()));
  CHECK(count(db, "SELECT count(*) FROM replication_outbox WHERE kind = 'breach'") ==
        static_cast<int>(breaches.size()));
  CHECK(count(db, "SELECT count(*) FROM replication_outbox WHERE kind = 'comp'") == count(db, "SELECT count(*) FROM comps"));
  CHECK(count(db, "SELECT count(*) FROM replication_outbox WHERE kind = 'complaint'") == 2);
  CHECK(count(db, "SELECT count(*) FROM replication_outbox WHERE kind = 'survey'") == 1);
  CHECK(count(db, "SELECT count(*) FROM comps") > 0);
  CHECK(count(db, "SELECT count(*) FROM (SELECT row_key, id, lag(row_key) OVER (ORDER BY id) AS previous"
                  " FROM replication_outbox WHERE kind = 'order') WHERE row_key < previous") == 0);
  // And asking for it all again adds nothing that already waits.
  CHECK(storage.queue_everything_for_chain() == 0);
}

TEST_CASE("migration: the old writer's JSON escapes, and lines without id or name, move intact", "[server]") {
  TempDir dir;
  const fs::path path = copy_fixture(dir);
  {
    // What late_lines_to_json wrote for such lines (order #1 had no breach).
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
    db.exec(
        R"sql(INSERT INTO breaches(seq, order_id, table_name, accepted_at_ms, deadline_ms, late_lines, discount, policy, at_ms)
        VALUES(1, 'v1-kept', '1', 10, 20, '[{"item":"a \"quoted\" \\ item\twith\ncontrols\u0001","price":3800,"qty":2,"served_at_ms":21},{"item":"rice","line_id":"1-1","name":{"en":"Steamed \"Rice\"","zh":"米饭"},"price":300,"qty":1,"served_at_ms":null},{"item":"x","price":1,"qty":1,"served_at_ms":null}]', 4101, 'free_unserved', 9))sql");
    db.exec(
        "INSERT INTO breaches(seq, order_id, table_name, accepted_at_ms, deadline_ms, late_lines, discount, policy, "
        "at_ms) VALUES(6, 'v1-pct-kept', '1', 10, 20, '[]', 0, 'free_unserved', 9)");
  }
  SqliteStorage storage(path.string());
  const auto all = storage.breaches({std::nullopt, 10, std::nullopt});
  REQUIRE(all.size() == 2);
  const auto& e = all[0];
  CHECK(e.order_id == "v1-kept");
  CHECK(e.discount == 4101);
  REQUIRE(e.late_lines.size() == 3);
  CHECK(e.late_lines[0].item == "a \"quoted\" \\ item\twith\ncontrols\x01");
  CHECK(e.late_lines[0].qty == 2);
  CHECK(e.late_lines[0].price == 3800);
  CHECK(e.late_lines[0].served_at_ms == 21);  // no line id: as recorded
  CHECK_FALSE(e.late_lines[0].name);
  CHECK(e.late_lines[1].name == core::LocalText{"Steamed \"Rice\"", "米饭"});
  const auto kept = storage.find_order("v1-kept");
  REQUIRE(kept);
  CHECK(e.late_lines[1].served_at_ms == kept->order.lines[0].served_at_ms);  // the line's, as now
  CHECK(e.late_lines[2].item == "x");
  CHECK(all[1].order_id == "v1-pct-kept");
  CHECK(all[1].late_lines.empty());
  CHECK(storage.breaches({}).size() == 6);
}

TEST_CASE("migration: a schema-2 file of the last release keeps every order and breach, and takes v1.1 data and ready times",
          "[server]") {
  TempDir dir;
  const fs::path path = copy_fixture(dir, "v2");
  {
    SQLite::Database db(path.string(), SQLite::OPEN_READONLY);
    REQUIRE(count(db, "SELECT version FROM schema_version") == 2);  // the premise: the old format
    REQUIRE(count(db, "SELECT count(*) FROM sqlite_master WHERE name = 'sold_out'") == 0);
  }
  const auto breaches = recorded_breaches("v2");
  const auto history = recorded_history("v2");
  REQUIRE(breaches.size() == 4);
  REQUIRE(history.size() == 6);
  SqliteStorage storage(path.string());
  CHECK(storage.schema_version() == SqliteStorage::kSchemaVersion);
  CHECK(storage.breaches({}) == breaches);
  CHECK(storage.history(std::nullopt, std::nullopt) == history);
  for (const auto& order : history) CHECK(order.fired_from.empty());
  CHECK(storage.sold_out_items().empty());
  CHECK(storage.load_unclosed_orders().size() == 1);
  // The new tables and column take what v1.1 stores.
  storage.begin();
  storage.set_sold_out("mapo", true, 1);
  kitchen::StoredOrder round = storage.load_unclosed_orders().front();
  round.order.fired_from = {3, 5};
  round.order.lines.front().state = core::LineState::held;
  round.order.lines.back().ready_at_ms = 1'234;
  storage.save_order(round);
  storage.commit();
  CHECK(storage.sold_out_items() == std::vector<std::string>{"mapo"});
  const auto reread = storage.find_order(round.order.order_id);
  REQUIRE(reread);
  CHECK(reread->order == round.order);
}

TEST_CASE("migration: the new server on an old file serves the same breach log and history", "[server][integration]") {
  const std::string prefix = GENERATE("v1", "v2", "v4", "v5", "v6");
  CAPTURE(prefix);
  TempDir dir;
  copy_fixture(dir, prefix);
  TestConfig config;
  config.promise_seconds = 2;
  ServerProcess server(dir.write_config(config));
  auto manager = connect_as(server.port(), kManager, core::Role::manager);
  REQUIRE(manager.snapshot.size() == 1);
  CHECK(manager.snapshot[0].order_id == "v1-pct-kept");

  // The very JSON the old server sent, entry for entry.
  const auto old_log = core::Json::parse(ServerProcess::read_file(kFixtures / (prefix + "_breach_log.json")));
  manager.client.send_line(R"({"type":"get_breach_log","req":"log"})");
  core::Json new_log;
  while (!new_log.contains("re")) {  // pushes, if any, come without re
    const auto line = manager.client.read_line();
    REQUIRE(line);
    new_log = core::Json::parse(*line);
  }
  CHECK(new_log.at("re") == "log");
  CHECK(new_log.at("type") == "breach_log");
  // Plus v1.1's `settled`, true for every breach of a policy that does not accrue.
  // (a v5 server sent it too).
  core::Json entries = new_log.at("entries");
  core::Json old_entries = old_log.at("entries");
  for (auto& entry : entries) {
    CHECK(entry.at("settled") == true);
    entry.erase("settled");
  }
  for (auto& entry : old_entries) entry.erase("settled");
  CHECK(entries == old_entries);

  const auto history = manager.client.request(core::GetHistory{});
  REQUIRE(as<core::History>(history));
  CHECK(as<core::History>(history)->orders == recorded_history(prefix));

  if (prefix == "v5" || prefix == "v6") {  // the guest's voice, as the old server reported it
    const auto feedback = manager.client.request(core::GetFeedback{});
    REQUIRE(as<core::Feedback>(feedback));
    const auto old_feedback = recorded(prefix + "_feedback.json");
    REQUIRE(as<core::Feedback>(old_feedback));
    CHECK(*as<core::Feedback>(feedback) == *as<core::Feedback>(old_feedback));
    CHECK(as<core::Feedback>(feedback)->complaints.size() == 2);
  }
}
