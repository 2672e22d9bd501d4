// What the server does with the database it is given, before serving anyone:
// a second server on the same file refuses to start and names the one that
// holds it; a corrupt or foreign file is refused by name and left as it was;
// a missing one is created. All against the real binary (a full disk: full_disk_tests.cpp).

#include <SQLiteCpp/Database.h>
#include <fmt/format.h>
#include <unistd.h>

#include <csignal>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "tests/server/test_support.hpp"

using namespace hourglass;
using namespace hourglass::test;
using core::Role;
namespace fs = std::filesystem;

namespace {

core::Order placed(LineClient& client, const std::string& order_id, const std::string& item) {
  const auto reply = client.request(simple_order(order_id, {{item, 1}}));
  const auto* order = as<core::OrderMessage>(reply);
  INFO(describe(reply));
  REQUIRE(order != nullptr);
  return order->order;
}

void write_bytes(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

}  // namespace

TEST_CASE("a second server on the same database refuses to start, names the database and the holder, and the first "
          "keeps serving",
          "[server][integration][faults]") {
  TempDir dir;
  const auto config = dir.write_config();
  ServerProcess first(config);
  auto table = connect_as(first.port(), kTable1, Role::table);
  const core::Order before = placed(table.client, "lock-1", "mapo");

  const RunResult second = run_server_to_exit(config);
  CHECK(second.exit_code == 2);
  CHECK(second.output.find((dir.path() / "kitchen.db").string() + " is in use by another hourglass-kitchen") !=
        std::string::npos);
  CHECK(second.output.find(fmt::format("process {}:", first.pid())) != std::string::npos);
  CHECK(second.output.find("listening on") == std::string::npos);

  // The first never noticed: it still numbers tickets on.
  const core::Order after = placed(table.client, "lock-2", "rice");
  CHECK(after.seq == before.seq + 1);

  SECTION("once it is gone, even by kill -9, the next one starts on the same file") {
    CHECK(first.stop(SIGKILL) != 0);
    ServerProcess next(config);
    auto kds = connect_as(next.port(), kKds, Role::kds);
    CHECK(kds.snapshot.size() == 2);
  }
}

TEST_CASE("a corrupt database is refused by name and left as it was, never replaced by an empty one",
          "[server][integration][faults]") {
  TempDir dir;
  const auto config = dir.write_config();
  const fs::path db = dir.path() / "kitchen.db";
  std::string garbage(8192, '\0');
  for (std::size_t i = 0; i < garbage.size(); ++i) garbage[i] = static_cast<char>((i * 131 + 7) % 251);
  write_bytes(db, garbage);

  const RunResult result = run_server_to_exit(config);
  CHECK(result.exit_code != 0);
  CHECK(result.output.find(db.string() + ": file is not a database") != std::string::npos);
  CHECK(result.output.find("listening on") == std::string::npos);
  CHECK(ServerProcess::read_file(db) == garbage);
  CHECK_FALSE(fs::exists(db.string() + "-wal"));
}

TEST_CASE("a database of another program is refused by name and not written into", "[server][integration][faults]") {
  TempDir dir;
  const auto config = dir.write_config();
  const fs::path db = dir.path() / "kitchen.db";
  {
    SQLite::Database other(db.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    other.exec("CREATE TABLE invoices(id INTEGER PRIMARY KEY, total INTEGER); INSERT INTO invoices VALUES(1, 4200)");
  }
  const std::string bytes = ServerProcess::read_file(db);

  const RunResult result = run_server_to_exit(config);
  CHECK(result.exit_code != 0);
  CHECK(result.output.find(db.string() + ": not an Hourglass database") != std::string::npos);
  CHECK(ServerProcess::read_file(db) == bytes);  // not even switched to WAL
  SQLite::Database other(db.string(), SQLite::OPEN_READONLY);
  CHECK(other.execAndGet("SELECT count(*) FROM sqlite_master WHERE name = 'orders'").getInt() == 0);
}

TEST_CASE("a missing database is created on first start, as an empty file is taken for a new one",
          "[server][integration][faults]") {
  TempDir dir;
  const auto config = dir.write_config();
  const fs::path db = dir.path() / "kitchen.db";
  SECTION("missing") { REQUIRE_FALSE(fs::exists(db)); }
  SECTION("empty") { write_bytes(db, ""); }
  ServerProcess server(config);
  auto table = connect_as(server.port(), kTable1, Role::table);
  CHECK(placed(table.client, "new-1", "mapo").seq == 1);
  CHECK(fs::file_size(db) > 0);
}
