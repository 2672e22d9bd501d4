#include "kitchen/chain/replicator.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <pqxx/pqxx>
#include <vector>

#include "kitchen/chain/chain_schema.hpp"
#include "kitchen/chain/conninfo.hpp"

namespace hourglass::chain {

namespace {

using Value = std::optional<std::string>;  // one column as text; nullopt is NULL
using Row = std::vector<Value>;

struct OutboxEntry {
  std::int64_t id;
  std::string kind;
  std::int64_t row_key;
};

// The rows of one table to send, read in one SQLite snapshot.
struct TableRows {
  const ReplicatedTable* table;
  std::vector<Row> rows;
};

std::string joined(const std::vector<std::string>& names, const std::string& prefix = "") {
  std::string out;
  for (const auto& name : names) {
    if (!out.empty()) out += ", ";
    out += prefix + name;
  }
  return out;
}

std::string upsert_sql(const ReplicatedTable& table) {
  std::string placeholders = "$1";
  for (std::size_t i = 0; i < table.columns.size(); ++i) placeholders += fmt::format(", ${}", i + 2);
  std::vector<std::string> updates;
  for (const auto& column : table.columns) {
    if (std::find(table.key.begin(), table.key.end(), column) == table.key.end()) {
      updates.push_back(fmt::format("{0} = EXCLUDED.{0}", column));
    }
  }
  return fmt::format("INSERT INTO hourglass.{}(store, {}) VALUES({}) ON CONFLICT(store, {}) DO UPDATE SET {}",
                     table.name, joined(table.columns), placeholders, joined(table.key), joined(updates));
}

// Both ends, open while the central database answers.
class Session {
 public:
  explicit Session(const ReplicatorSettings& settings)
      : store_(settings.database, SQLite::OPEN_READWRITE), central_(with_timeouts(settings.postgres)) {
    store_.setBusyTimeout(5000);
    ensure_chain_schema(central_);
    for (const auto& table : replicated_tables()) {
      reads_.emplace(table.name, std::make_unique<SQLite::Statement>(
                                     store_, fmt::format("SELECT {} FROM {} WHERE {} = ?", joined(table.columns),
                                                         table.name, table.outbox_key)));
      central_.prepare("upsert_" + table.name, upsert_sql(table));
    }
    central_.prepare("store_seen",
                     "INSERT INTO hourglass.stores(store, timezone, first_seen_ms, last_seen_ms, rows_received)"
                     " VALUES($1, $2, $3, $3, $4) ON CONFLICT(store) DO UPDATE SET timezone = EXCLUDED.timezone,"
                     " last_seen_ms = EXCLUDED.last_seen_ms,"
                     " rows_received = hourglass.stores.rows_received + EXCLUDED.rows_received");
  }

  // The oldest entries and the rows they name, as one snapshot of the store.
  std::vector<OutboxEntry> read(std::size_t limit, std::vector<TableRows>& out) {
    std::vector<OutboxEntry> entries;
    SQLite::Transaction snapshot(store_, SQLite::TransactionBehavior::DEFERRED);
    SQLite::Statement select(store_, "SELECT id, kind, row_key FROM replication_outbox ORDER BY id LIMIT ?");
    select.bind(1, static_cast<std::int64_t>(limit));
    while (select.executeStep()) {
      entries.push_back(
          {select.getColumn(0).getInt64(), select.getColumn(1).getString(), select.getColumn(2).getInt64()});
    }
    for (const OutboxEntry& entry : entries) {
      for (const auto& table : replicated_tables()) {
        if (table.kind != entry.kind) continue;
        SQLite::Statement& read = *reads_.at(table.name);
        read.bind(1, entry.row_key);
        TableRows rows{&table, {}};
        while (read.executeStep()) {
          Row row;
          for (int i = 0; i < read.getColumnCount(); ++i) {
            const SQLite::Column column = read.getColumn(i);
            row.push_back(column.isNull() ? Value() : Value(column.getString()));
          }
          rows.rows.push_back(std::move(row));
        }
        read.reset();
        read.clearBindings();
        out.push_back(std::move(rows));
      }
    }
    snapshot.commit();
    return entries;
  }

  // One transaction: every row, then the store's last_seen. Returns once
  // PostgreSQL has committed it.
  void send(const std::vector<TableRows>& batch, std::size_t entries, const ReplicatorSettings& settings,
            std::int64_t now_ms) {
    pqxx::work work(central_);
    // The store's row first: every other row refers to it.
    work.exec_prepared("store_seen", settings.store, settings.timezone, now_ms, static_cast<std::int64_t>(entries));
    std::vector<const char*> params;
    for (const TableRows& rows : batch) {
      for (const Row& row : rows.rows) {
        params.clear();
        params.push_back(settings.store.c_str());
        for (const Value& value : row) params.push_back(value ? value->c_str() : nullptr);
        work.exec_prepared("upsert_" + rows.table->name, pqxx::prepare::make_dynamic_params(params));
      }
    }
    work.commit();
  }

  // What was sent leaves the outbox. An entry whose row changed meanwhile
  // has a new, larger id and stays, to go with the next batch.
  void forget_through(std::int64_t last_id) {
    SQLite::Statement forget(store_, "DELETE FROM replication_outbox WHERE id <= ?");
    forget.bind(1, last_id);
    forget.exec();
  }

  std::int64_t waiting() { return store_.execAndGet("SELECT count(*) FROM replication_outbox").getInt64(); }

 private:
  SQLite::Database store_;
  pqxx::connection central_;
  std::map<std::string, std::unique_ptr<SQLite::Statement>> reads_;
};

}  // namespace

Replicator::Replicator(ReplicatorSettings settings) : settings_(std::move(settings)), thread_([this] { run(); }) {}

Replicator::~Replicator() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

ReplicatorStats Replicator::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

bool Replicator::wait_for(std::chrono::milliseconds duration) {
  std::unique_lock lock(mutex_);
  return !wake_.wait_for(lock, duration, [this] { return stopping_; });
}

void Replicator::run() {
  const std::string central = without_password(settings_.postgres);
  std::unique_ptr<Session> session;
  std::chrono::milliseconds backoff{1000};
  std::int64_t failures_in_spell = 0;
  do {
    try {
      if (!session) {
        session = std::make_unique<Session>(settings_);
        spdlog::info("chain: store {} replicating to {} ({} changes waiting{})", settings_.store, central,
                     session->waiting(),
                     failures_in_spell > 0 ? fmt::format(", after {} failed attempts", failures_in_spell) : "");
        failures_in_spell = 0;
        backoff = std::chrono::milliseconds{1000};
        std::lock_guard lock(mutex_);
        stats_.connected = true;
      }
      std::vector<TableRows> batch;
      const std::vector<OutboxEntry> entries = session->read(settings_.batch_rows, batch);
      if (entries.empty()) {
        if (!wait_for(settings_.idle_poll)) break;
        continue;
      }
      // last_seen is for people reading the central database: wall time.
      const auto now =
          std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch());
      session->send(batch, entries.size(), settings_, now.count());
      session->forget_through(entries.back().id);
      std::lock_guard lock(mutex_);
      stats_.entries_sent += static_cast<std::int64_t>(entries.size());
      ++stats_.transactions;
    } catch (const std::exception& error) {
      // PostgreSQL unreachable or gone, or the store's file busy: start both
      // ends again after a pause. Nothing was forgotten that was not sent.
      session.reset();
      ++failures_in_spell;
      {
        std::lock_guard lock(mutex_);
        stats_.connected = false;
        ++stats_.failures;
      }
      std::string reason = error.what();
      reason.erase(std::remove(reason.begin(), reason.end(), '\n'), reason.end());
      if (failures_in_spell == 1 || failures_in_spell % 60 == 0) {
        spdlog::warn(
            "chain: cannot replicate to {} ({}); the store goes on and its changes wait in its outbox; "
            "trying again in {} s (attempt {})",
            central, reason, backoff.count() / 1000, failures_in_spell);
      }
      if (!wait_for(backoff)) break;
      backoff = std::min(backoff * 2, settings_.max_backoff);
    }
  } while (true);
}

}  // namespace hourglass::chain
