// `hourglass-kitchen backup` while the server runs and tablets keep
// ordering: the copy is consistent, and a server started on it (the restore
// of docs/operations.md) serves every order the copy holds.

#include <fmt/format.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "tests/server/test_support.hpp"

using namespace hourglass;
using namespace hourglass::test;
using core::Role;
namespace fs = std::filesystem;

namespace {

int run(const std::string& arguments, const fs::path& output) {
  return std::system(
      fmt::format("'{}' {} >'{}' 2>&1", HOURGLASS_KITCHEN_BINARY, arguments, output.string()).c_str());
}

}  // namespace

TEST_CASE("backup: a consistent copy while orders keep coming, and a server restored from it serves them",
          "[server][integration][backup]") {
  TempDir dir;
  const auto config = dir.write_config();
  const fs::path copy = dir.path() / "backup" / "kitchen-copy.db";
  fs::create_directories(copy.parent_path());
  int before = 0;
  {
    ServerProcess server(config);
    auto table = connect_as(server.port(), kTable1, Role::table);
    for (; before < 20; ++before) {
      REQUIRE(as<core::OrderMessage>(table.client.request(simple_order(fmt::format("b-{}", before), {{"rice", 1}}))));
    }
    // A tablet keeps ordering during the backup.
    std::atomic<bool> stop = false;
    std::atomic<int> during = 0;
    std::thread orders([&] {
      auto other = connect_as(server.port(), kTable2, Role::table);
      while (!stop) {
        if (as<core::OrderMessage>(other.client.request(simple_order(fmt::format("d-{}", during.load()), {{"cola", 1}})))) {
          ++during;
        }
      }
    });
    const fs::path out = dir.path() / "backup.out";
    const int code = run(fmt::format("backup --db '{}' --to '{}'", (dir.path() / "kitchen.db").string(), copy.string()),
                         out);
    stop = true;
    orders.join();
    INFO(ServerProcess::read_file(out));
    REQUIRE(code == 0);
    CHECK(ServerProcess::read_file(out).find("integrity ok") != std::string::npos);
    CHECK_FALSE(fs::exists(copy.string() + ".partial"));
    CHECK(during > 0);
  }

  // Restore: a server on the copy has the 20 orders before it and some of those during it, each once.
  TempDir restored;
  fs::copy_file(copy, restored.path() / "kitchen.db");
  ServerProcess server(restored.write_config());
  auto kds = connect_as(server.port(), kKds, Role::kds);
  std::set<std::string> ids;
  for (const core::Order& order : kds.snapshot) ids.insert(order.order_id);
  CHECK(ids.size() == kds.snapshot.size());
  for (int i = 0; i < before; ++i) CHECK(ids.count(fmt::format("b-{}", i)) == 1);
  CHECK(kds.snapshot.size() >= static_cast<std::size_t>(before));
  // And it numbers on from the copy's last ticket, never reusing one.
  auto table = connect_as(server.port(), kTable1, Role::table);
  const auto reply = table.client.request(simple_order("after-restore", {{"rice", 1}}));
  const auto* next = as<core::OrderMessage>(reply);  // points into `reply`
  REQUIRE(next);
  std::int64_t last = 0;
  for (const core::Order& order : kds.snapshot) last = std::max(last, order.seq);
  CHECK(next->order.seq == last + 1);
}

TEST_CASE("backup: refuses what is not a kitchen database, and never leaves a half copy", "[server][backup]") {
  TempDir dir;
  const fs::path out = dir.path() / "out.txt";
  const fs::path target = dir.path() / "copy.db";
  CHECK(run(fmt::format("backup --db '{}' --to '{}'", (dir.path() / "missing.db").string(), target.string()), out) !=
        0);
  CHECK(ServerProcess::read_file(out).find("missing.db: no such database") != std::string::npos);
  {
    std::ofstream garbage(dir.path() / "garbage.db", std::ios::binary);
    garbage << std::string(4096, 'x');
  }
  CHECK(run(fmt::format("backup --db '{}' --to '{}'", (dir.path() / "garbage.db").string(), target.string()), out) !=
        0);
  CHECK(ServerProcess::read_file(out).find("not a database") != std::string::npos);
  CHECK_FALSE(fs::exists(target));
  CHECK_FALSE(fs::exists(target.string() + ".partial"));
}
