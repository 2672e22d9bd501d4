// hourglass-chain-bench: the rate at which one store's replicator (the very
// code hourglass-kitchen runs, docs/chain.md) copies its outbox into a real
// PostgreSQL, beside that server's own ceiling measured in the same run:
// plain single-row inserts in transactions of the same size.
//
// It starts a private PostgreSQL (as tests/kit/postgres_server does: a
// temporary folder, a Unix socket, runuser postgres when root), writes a
// store's evening into a fresh SQLite through the real storage, and times
// the drain. docs/benchmarks.md and docs/scaling.md quote its line.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <filesystem>
#include <pqxx/pqxx>
#include <thread>

#include "kitchen/chain/replicator.hpp"
#include "kitchen/server/sqlite_storage.hpp"
#include "shared/core/menu.hpp"
#include "shared/core/order.hpp"
#include "tests/kit/postgres_server.hpp"

namespace fs = std::filesystem;
namespace hg = hourglass;

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

struct Evening {
  std::int64_t orders = 0;
  std::int64_t lines = 0;
  std::int64_t breaches = 0;
  std::int64_t breach_lines = 0;
  std::int64_t entries() const { return orders + breaches; }
  std::int64_t rows() const { return orders + lines + breaches + breach_lines; }
};

// `orders` orders of three dishes (four lines' worth of rows with the
// order), one in three breached with its two promised dishes late.
Evening write_evening(const std::string& database, const hg::core::Menu& menu, int orders) {
  hg::kitchen::SqliteStorage storage(database);
  Evening evening;
  const std::int64_t start_ms = 1'796'300'000'000;
  for (int first = 0; first < orders; first += 100) {
    storage.begin();
    for (int i = first; i < std::min(orders, first + 100); ++i) {
      const std::int64_t seq = i + 1;
      const std::int64_t at_ms = start_ms + i * 1000;
      auto order = hg::core::make_order(fmt::format("bench-{}", i),
                                        {{"gongbao", 2, "less spicy"}, {"mapo", 1, ""}, {"rice", 3, ""}}, menu, seq,
                                        fmt::format("{}", i % 40 + 1), at_ms,
                                        hg::core::PromiseTerms{900, hg::core::FreeUnservedPolicy{}});
      if (!order) throw std::runtime_error("the bench's order is refused by the sample menu: " + order.error().message);
      storage.save_order(hg::kitchen::StoredOrder{order.value(), fmt::format("table:{}", i % 40 + 1)});
      ++evening.orders;
      evening.lines += static_cast<std::int64_t>(order->lines.size());
      if (i % 3 == 0) {
        hg::core::BreachEntry breach;
        breach.order_id = order->order_id;
        breach.seq = seq;
        breach.table = order->table;
        breach.accepted_at_ms = at_ms;
        breach.deadline_ms = order->deadline_ms;
        breach.policy = "free_unserved";
        breach.at_ms = order->deadline_ms + 3;
        std::vector<std::string> late_ids;
        for (const auto& line : order->lines) {
          if (!line.promised) continue;
          breach.late_lines.push_back({line.item, line.qty, line.price, std::nullopt, line.name});
          breach.discount += line.price * line.qty;
          late_ids.push_back(line.line_id);
        }
        storage.add_breach(breach, late_ids);
        ++evening.breaches;
        evening.breach_lines += static_cast<std::int64_t>(late_ids.size());
      }
    }
    storage.commit();
  }
  return evening;
}

// PostgreSQL's own ceiling on this machine for rows of about the same width:
// one connection, prepared single-row inserts, `batch` rows a transaction.
double plain_insert_rows_per_second(const std::string& conninfo, int rows, int batch) {
  pqxx::connection connection(conninfo);
  {
    pqxx::work work(connection);
    work.exec("CREATE TABLE plain(store text NOT NULL, id bigint NOT NULL, a text, b text, c bigint, d bigint,"
              " e boolean, PRIMARY KEY(store, id))");
    work.commit();
  }
  connection.prepare("plain", "INSERT INTO plain VALUES($1, $2, $3, $4, $5, $6, $7)");
  const auto start = Clock::now();
  for (int first = 0; first < rows; first += batch) {
    pqxx::work work(connection);
    for (int i = first; i < std::min(rows, first + batch); ++i) {
      work.exec_prepared("plain", "store-0001", i, "Kung Pao Chicken", "宫保鸡丁", 3800, 1'796'300'000'000 + i, true);
    }
    work.commit();
  }
  return rows / seconds_since(start);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"hourglass-chain-bench: one store's replication rate into a real PostgreSQL, beside PostgreSQL's own"};
  int orders = 6000;
  std::string menu_path = HOURGLASS_SOURCE_DIR "/assets/menu.json";
  app.add_option("--orders", orders, "orders in the store's outbox (one in three breached)")->check(CLI::Range(1, 1'000'000));
  app.add_option("--menu", menu_path, "the menu the orders are made from");
  CLI11_PARSE(app, argc, argv);
  spdlog::set_level(spdlog::level::warn);
  try {
    auto menu = hg::core::load_menu_file(menu_path);
    if (!menu) throw std::runtime_error(menu.error());
    if (const auto why = hg::test::PostgresServer::unavailable()) throw std::runtime_error(*why);
    hg::test::PostgresServer postgres;
    const std::string central = postgres.create_database("chain");
    const fs::path folder = fs::temp_directory_path() / fmt::format("hourglass-chain-bench-{}", ::getpid());
    fs::create_directories(folder);
    const std::string database = (folder / "store.db").string();
    const Evening evening = write_evening(database, menu.value(), orders);

    hg::chain::ReplicatorSettings settings{database, "store-0001", central, "Asia/Shanghai"};
    const std::size_t batch = settings.batch_rows;
    const auto start = Clock::now();
    double drained_s = 0;
    {
      hg::chain::Replicator replicator(settings);
      while (replicator.stats().entries_sent < evening.entries()) {
        if (seconds_since(start) > 600) throw std::runtime_error("the outbox did not drain within 10 minutes");
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
      drained_s = seconds_since(start);
    }
    std::int64_t central_bytes = 0;
    {
      pqxx::connection connection(central);
      pqxx::read_transaction work(connection);
      central_bytes = work.exec1("SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n"
                                 " ON n.oid = c.relnamespace WHERE n.nspname = 'hourglass' AND c.relkind = 'r'")[0]
                          .as<std::int64_t>();
    }
    const double plain = plain_insert_rows_per_second(central, 20'000, static_cast<int>(batch));
    const double rows_per_s = evening.rows() / drained_s;
    fmt::print("chain replication: {} outbox entries ({} orders, {} breaches) = {} rows in {:.2f} s (schema creation "
               "included): {:.0f} entries/s, {:.0f} rows/s\n",
               evening.entries(), evening.orders, evening.breaches, evening.rows(), drained_s,
               evening.entries() / drained_s, rows_per_s);
    fmt::print("PostgreSQL's own ceiling here: {:.0f} plain single-row inserts/s in transactions of {}\n", plain, batch);
    fmt::print("ratio: replication = {:.2f} x the plain insert rate\n", rows_per_s / plain);
    fmt::print("central size: {:.1f} MiB, {:.0f} bytes per order with its lines, breach and indexes\n",
               central_bytes / 1048576.0, static_cast<double>(central_bytes) / evening.orders);
    fs::remove_all(folder);
  } catch (const std::exception& error) {
    fmt::print(stderr, "hourglass-chain-bench: {}\n", error.what());
    return 1;
  }
  return 0;
}
