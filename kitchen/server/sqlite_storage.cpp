#include "kitchen/server/sqlite_storage.hpp"

#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include <map>
#include <string>
#include <string_view>
#include <stdexcept>

namespace hourglass::kitchen {

namespace {

// Every row the chain copies, into the replication outbox (`verb`: INSERT
// into an empty one, INSERT OR IGNORE beside what already waits).
std::string queue_every_row_sql(const char* verb) {
  return fmt::format(R"sql(
      {0} INTO replication_outbox(kind, row_key) SELECT 'order', seq FROM orders ORDER BY seq;
      {0} INTO replication_outbox(kind, row_key) SELECT 'breach', breach_id FROM breaches ORDER BY breach_id;
      {0} INTO replication_outbox(kind, row_key) SELECT 'comp', id FROM comps ORDER BY id;
      {0} INTO replication_outbox(kind, row_key) SELECT 'complaint', complaint_id FROM complaints ORDER BY complaint_id;
      {0} INTO replication_outbox(kind, row_key) SELECT 'survey', survey_id FROM surveys ORDER BY survey_id;
      )sql",
                     verb);
}

// 6 -> 7 (docs/chain.md): the replication outbox. Every change to a row
// the chain copies leaves (kind, row_key) here, by trigger, so in the very
// transaction that makes the change whatever code path made it; a row
// changed again moves to the end with a new id (AUTOINCREMENT never reuses
// one), so the outbox holds each row once, in the order of its last change.
// The replicator sends the row as it is then, and deletes what it sent.
// Every row already in the database is queued, so a chain turned on later
// receives the store's whole history.
std::string replication_outbox_migration() {
  struct Source {
    const char* table;
    const char* kind;
    const char* key;  // NEW.<column> naming the row the chain copies
    bool updated;     // rows of this table are updated, not only inserted
  };
  static constexpr Source kSources[] = {
      {"orders", "order", "seq", true},           {"lines", "order", "seq", true},
      {"breaches", "breach", "breach_id", true},  {"breach_lines", "breach", "breach_id", false},
      {"comps", "comp", "id", false},             {"complaints", "complaint", "complaint_id", true},
      {"surveys", "survey", "survey_id", true},
  };
  std::string sql = R"sql(
      CREATE TABLE replication_outbox(
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,
        row_key INTEGER NOT NULL,
        UNIQUE(kind, row_key));
      )sql";
  for (const Source& source : kSources) {
    for (const char* event : {"INSERT", "UPDATE"}) {
      if (std::string_view(event) == "UPDATE" && !source.updated) continue;
      sql += fmt::format(
          "CREATE TRIGGER replicate_{0}_{1} AFTER {1} ON {0} BEGIN\n"
          "  DELETE FROM replication_outbox WHERE kind = '{2}' AND row_key = NEW.{3};\n"
          "  INSERT INTO replication_outbox(kind, row_key) VALUES('{2}', NEW.{3});\n"
          "END;\n",
          source.table, event, source.kind, source.key);
    }
  }
  return sql + queue_every_row_sql("INSERT");
}

// Migration N takes the schema from version N to N + 1. Append only.
const std::vector<std::string>& migrations() {
  static const std::vector<std::string> steps = {
      R"sql(
      CREATE TABLE orders(
        seq INTEGER PRIMARY KEY,
        order_id TEXT NOT NULL UNIQUE,
        owner TEXT NOT NULL,
        table_name TEXT NOT NULL,
        status TEXT NOT NULL,
        accepted_at_ms INTEGER NOT NULL,
        deadline_ms INTEGER NOT NULL,
        promise TEXT NOT NULL,
        rushed INTEGER NOT NULL,
        subtotal INTEGER NOT NULL,
        discount INTEGER NOT NULL);
      CREATE INDEX orders_unclosed ON orders(seq) WHERE status != 'closed';
      CREATE INDEX orders_accepted ON orders(accepted_at_ms);
      CREATE TABLE lines(
        line_id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL REFERENCES orders(seq),
        n INTEGER NOT NULL,
        item TEXT NOT NULL,
        name_en TEXT NOT NULL,
        name_zh TEXT NOT NULL,
        qty INTEGER NOT NULL,
        price INTEGER NOT NULL,
        promised INTEGER NOT NULL,
        state TEXT NOT NULL,
        served_at_ms INTEGER,
        cancelled_at_ms INTEGER,
        note TEXT NOT NULL,
        comped INTEGER NOT NULL,
        late INTEGER NOT NULL,
        station TEXT NOT NULL);
      CREATE INDEX lines_by_order ON lines(seq, n);
      CREATE TABLE audit(
        id INTEGER PRIMARY KEY,
        at_ms INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        line_id TEXT NOT NULL,
        action TEXT NOT NULL,
        detail TEXT NOT NULL,
        role TEXT NOT NULL,
        device TEXT NOT NULL);
      CREATE TABLE breaches(
        breach_id INTEGER PRIMARY KEY,
        seq INTEGER NOT NULL UNIQUE REFERENCES orders(seq),
        order_id TEXT NOT NULL,
        table_name TEXT NOT NULL,
        accepted_at_ms INTEGER NOT NULL,
        deadline_ms INTEGER NOT NULL,
        late_lines TEXT NOT NULL,
        discount INTEGER NOT NULL,
        policy TEXT NOT NULL,
        at_ms INTEGER NOT NULL);
      CREATE INDEX breaches_at ON breaches(at_ms);
      CREATE TABLE comps(
        id INTEGER PRIMARY KEY,
        at_ms INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        line_id TEXT NOT NULL,
        reason TEXT NOT NULL,
        role TEXT NOT NULL,
        device TEXT NOT NULL);
      )sql",
      // 1 -> 2: a breach's late lines become rows of their own instead of a
      // JSON array in breaches.late_lines (every existing array is moved, in
      // its order). line_id NULL: a line given without its id, whose
      // served_at_ms is the one recorded; name_en NULL: no name recorded.
      R"sql(
      CREATE TABLE breach_lines(
        breach_id INTEGER NOT NULL REFERENCES breaches(breach_id),
        position INTEGER NOT NULL,
        line_id TEXT,
        item TEXT NOT NULL,
        name_en TEXT,
        name_zh TEXT,
        qty INTEGER NOT NULL,
        price INTEGER NOT NULL,
        served_at_ms INTEGER,
        PRIMARY KEY(breach_id, position)) WITHOUT ROWID;
      INSERT INTO breach_lines(breach_id, position, line_id, item, name_en, name_zh, qty, price, served_at_ms)
        SELECT b.breach_id, j.key, j.value ->> '$.line_id', j.value ->> '$.item', j.value ->> '$.name.en',
               j.value ->> '$.name.zh', j.value ->> '$.qty', j.value ->> '$.price', j.value ->> '$.served_at_ms'
        FROM breaches AS b, json_each(b.late_lines) AS j;
      ALTER TABLE breaches DROP COLUMN late_lines;
      )sql",
      // 2 -> 3 (protocol v1.1): the dishes sold out, and the orders a fired
      // round's lines came from (a JSON array of seqs; '' for every order
      // before, none of which was fired).
      R"sql(
      CREATE TABLE sold_out(
        item TEXT PRIMARY KEY,
        at_ms INTEGER NOT NULL) WITHOUT ROWID;
      ALTER TABLE orders ADD COLUMN fired_from TEXT NOT NULL DEFAULT '';
      )sql",
      // 3 -> 4: when a line became ready, for the pass (expo). Lines made
      // ready before it have none.
      R"sql(
      ALTER TABLE lines ADD COLUMN ready_at_ms INTEGER;
      )sql",
      // 4 -> 5 (protocol v1.1 party size, per_late_minute, feedback): the
      // party size an order was placed for, when it was closed, the started
      // late minutes accrued; whether a breach's compensation is final
      // (every breach before was); complaints and surveys.
      R"sql(
      ALTER TABLE orders ADD COLUMN party_size INTEGER;
      ALTER TABLE orders ADD COLUMN closed_at_ms INTEGER;
      ALTER TABLE orders ADD COLUMN late_minutes INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX orders_closed_by_owner ON orders(owner, closed_at_ms) WHERE closed_at_ms IS NOT NULL;
      ALTER TABLE breaches ADD COLUMN settled INTEGER NOT NULL DEFAULT 1;
      CREATE TABLE complaints(
        complaint_id INTEGER PRIMARY KEY,
        owner TEXT NOT NULL,
        table_name TEXT NOT NULL,
        category TEXT NOT NULL,
        line_id TEXT,
        item TEXT,
        station TEXT,
        note TEXT NOT NULL,
        at_ms INTEGER NOT NULL,
        status TEXT NOT NULL,
        resolution TEXT,
        resolution_note TEXT NOT NULL DEFAULT '',
        resolved_at_ms INTEGER);
      CREATE INDEX complaints_at ON complaints(at_ms);
      CREATE INDEX complaints_open ON complaints(complaint_id) WHERE status = 'open';
      CREATE TABLE surveys(
        survey_id INTEGER PRIMARY KEY,
        owner TEXT NOT NULL,
        bill_key TEXT NOT NULL UNIQUE,
        table_name TEXT NOT NULL,
        order_id TEXT,
        score INTEGER NOT NULL,
        reasons TEXT NOT NULL,
        note TEXT NOT NULL,
        at_ms INTEGER NOT NULL,
        breached INTEGER NOT NULL);
      CREATE INDEX surveys_at ON surveys(at_ms);
      )sql",
      // 5 -> 6: when a cook started a line, for speed of service (cooking
      // time against prep_s). Lines started before it have none.
      R"sql(
      ALTER TABLE lines ADD COLUMN cooking_at_ms INTEGER;
      )sql",
      replication_outbox_migration(),
  };
  return steps;
}

constexpr const char* kOrderColumns =
    "seq, order_id, owner, table_name, status, accepted_at_ms, deadline_ms, promise, rushed, subtotal, discount,"
    " fired_from, party_size, closed_at_ms, late_minutes";

std::unique_ptr<SQLite::Statement> prepare(SQLite::Database& db, const std::string& sql) {
  return std::make_unique<SQLite::Statement>(db, sql);
}

template <class T>
void bind_optional(SQLite::Statement& statement, int index, const std::optional<T>& value) {
  if (value) {
    statement.bind(index, *value);
  } else {
    statement.bind(index);  // NULL
  }
}

std::optional<std::int64_t> optional_int(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return column.getInt64();
}

// Runs a prepared statement that returns no rows, and readies it for reuse.
// Runs a statement that writes and returns how many rows it changed. A
// write that finds no room (SQLITE_FULL: the disk, or max_page_count) is
// StorageFull, with the statement reset so it can be used again.
int run(SQLite::Statement& statement) {
  int changed = 0;
  try {
    changed = statement.exec();
  } catch (const SQLite::Exception& error) {
    statement.tryReset();  // returns the step's error again; it is the one thrown below
    statement.clearBindings();
    if ((error.getErrorCode() & 0xff) == SQLITE_FULL) throw StorageFull(error.what());
    throw;
  }
  statement.reset();
  statement.clearBindings();
  return changed;
}

constexpr const char* kBreachColumns =
    "b.breach_id, b.seq, b.order_id, b.table_name, b.accepted_at_ms, b.deadline_ms, b.discount, b.policy, b.at_ms,"
    " b.settled";

}  // namespace

SqliteStorage::SqliteStorage(const std::string& path) try : db_(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE) {
  db_.setBusyTimeout(5000);
  // A database of something else is never written into: an Hourglass
  // database is empty (new) or has the schema_version table.
  const int tables = db_.execAndGet("SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").getInt();
  const bool ours = db_.execAndGet("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")
                        .getInt() == 1;
  if (tables > 0 && !ours) {
    throw std::runtime_error(fmt::format(
        "not an Hourglass database ({} tables or indexes of something else and no schema_version); refusing to "
        "change it: point \"database\" at a new file or at the kitchen's own",
        tables));
  }
  db_.exec("PRAGMA journal_mode=WAL");
  db_.exec("PRAGMA synchronous=FULL");
  db_.exec("PRAGMA foreign_keys=ON");
  migrate();
  begin_ = prepare(db_, "BEGIN IMMEDIATE");
  commit_ = prepare(db_, "COMMIT");
  rollback_ = prepare(db_, "ROLLBACK");
  upsert_order_ = prepare(
      db_, fmt::format(
               "INSERT INTO orders({}) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(seq) DO UPDATE SET "
               "status=excluded.status, rushed=excluded.rushed, subtotal=excluded.subtotal, discount=excluded.discount,"
               " fired_from=excluded.fired_from, closed_at_ms=excluded.closed_at_ms,"
               " late_minutes=excluded.late_minutes",
               kOrderColumns));
  upsert_line_ =
      prepare(db_,
              "INSERT INTO lines(line_id, seq, n, item, name_en, name_zh, qty, price, promised, state, served_at_ms,"
              " cancelled_at_ms, note, comped, late, station, ready_at_ms, cooking_at_ms)"
              " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
              " ON CONFLICT(line_id) DO UPDATE SET state=excluded.state, served_at_ms=excluded.served_at_ms,"
              " cancelled_at_ms=excluded.cancelled_at_ms, comped=excluded.comped, late=excluded.late,"
              " ready_at_ms=excluded.ready_at_ms, cooking_at_ms=excluded.cooking_at_ms");
  update_verdict_ =
      prepare(db_, "UPDATE orders SET status = ?, subtotal = ?, discount = ?, late_minutes = ? WHERE seq = ?");
  update_breach_accrual_ = prepare(db_, "UPDATE breaches SET discount = ?, settled = ? WHERE seq = ?");
  clear_late_ = prepare(db_, "UPDATE lines SET late = 0 WHERE seq = ? AND late != 0");
  set_late_ = prepare(db_, "UPDATE lines SET late = 1 WHERE line_id = ?");
  insert_audit_ =
      prepare(db_, "INSERT INTO audit(at_ms, seq, line_id, action, detail, role, device) VALUES(?,?,?,?,?,?,?)");
  insert_breach_ =
      prepare(db_,
              "INSERT INTO breaches(seq, order_id, table_name, accepted_at_ms, deadline_ms, discount, policy,"
              " at_ms) VALUES(?,?,?,?,?,?,?,?)");
  insert_breach_line_ = prepare(db_,
                                "INSERT INTO breach_lines(breach_id, position, line_id, item, name_en, name_zh, qty,"
                                " price, served_at_ms) VALUES(?,?,?,?,?,?,?,?,?)");
  set_sold_out_ = prepare(db_, "INSERT INTO sold_out(item, at_ms) VALUES(?, ?) ON CONFLICT(item) DO NOTHING");
  clear_sold_out_ = prepare(db_, "DELETE FROM sold_out WHERE item = ?");
  insert_comp_ = prepare(db_, "INSERT INTO comps(at_ms, seq, line_id, reason, role, device) VALUES(?,?,?,?,?,?)");
  order_by_id_ = prepare(db_, fmt::format("SELECT {} FROM orders WHERE order_id = ?", kOrderColumns));
  order_by_seq_ = prepare(db_, fmt::format("SELECT {} FROM orders WHERE seq = ?", kOrderColumns));
  lines_of_order_ = prepare(
      db_,
      "SELECT line_id, item, name_en, name_zh, qty, price, promised, state, served_at_ms, cancelled_at_ms, note,"
      " comped, late, station, ready_at_ms, cooking_at_ms FROM lines WHERE seq = ? ORDER BY n");
  // The log in one query: each breach with its late lines in order (a breach
  // without any still gives its row), each line's served_at_ms as it is now
  // when the line is known (see Storage::add_breach), else as recorded.
  breaches_ =
      prepare(db_, fmt::format("SELECT {}, bl.position, bl.item, bl.name_en, bl.name_zh, bl.qty, bl.price,"
                               " CASE WHEN l.line_id IS NULL THEN bl.served_at_ms ELSE l.served_at_ms END"
                               " FROM breaches AS b LEFT JOIN breach_lines AS bl ON bl.breach_id = b.breach_id"
                               " LEFT JOIN lines AS l ON l.line_id = bl.line_id"
                               " WHERE (?1 IS NULL OR b.at_ms >= ?1) AND (?2 IS NULL OR b.at_ms < ?2)"
                               " AND (?3 IS NULL OR b.table_name = ?3) ORDER BY b.at_ms, b.breach_id, bl.position",
                               kBreachColumns));
} catch (const SQLite::Exception& error) {
  // Name the file: "file is not a database" alone does not say which.
  if ((error.getErrorCode() & 0xff) == SQLITE_FULL) throw StorageFull(fmt::format("{}: {}", path, error.what()));
  throw std::runtime_error(fmt::format("{}: {}", path, error.what()));
} catch (const std::exception& error) {
  throw std::runtime_error(fmt::format("{}: {}", path, error.what()));
}

void SqliteStorage::limit_size_mb(int mb) {
  // SQLite's own ceiling when there is no cap (its default max_page_count).
  constexpr std::int64_t kNoCap = 4294967294;
  const std::int64_t page = db_.execAndGet("PRAGMA page_size").getInt64();
  const std::int64_t pages = mb > 0 ? std::max<std::int64_t>(1, std::int64_t{mb} * 1024 * 1024 / page) : kNoCap;
  db_.exec(fmt::format("PRAGMA max_page_count = {}", pages));
}

SqliteStorage::~SqliteStorage() {
  if (in_batch_) {
    try {
      rollback();
    } catch (...) {
      // Closing the database rolls back anyway.
    }
  }
}

std::int64_t SqliteStorage::queue_everything_for_chain() {
  const std::int64_t before = db_.execAndGet("SELECT count(*) FROM replication_outbox").getInt64();
  SQLite::Transaction transaction(db_, SQLite::TransactionBehavior::IMMEDIATE);
  db_.exec(queue_every_row_sql("INSERT OR IGNORE"));
  transaction.commit();
  return db_.execAndGet("SELECT count(*) FROM replication_outbox").getInt64() - before;
}

int SqliteStorage::schema_version() { return db_.execAndGet("SELECT version FROM schema_version").getInt(); }

void SqliteStorage::migrate() {
  db_.exec("CREATE TABLE IF NOT EXISTS schema_version(version INTEGER NOT NULL)");
  if (db_.execAndGet("SELECT count(*) FROM schema_version").getInt() == 0) {
    db_.exec("INSERT INTO schema_version(version) VALUES(0)");
  }
  int version = schema_version();
  if (version > static_cast<int>(migrations().size())) {
    throw std::runtime_error(
        fmt::format("the database has schema version {}, newer than this server's {}", version, migrations().size()));
  }
  for (; version < static_cast<int>(migrations().size()); ++version) {
    SQLite::Transaction transaction(db_);
    db_.exec(migrations()[static_cast<std::size_t>(version)]);
    db_.exec(fmt::format("UPDATE schema_version SET version = {}", version + 1));
    transaction.commit();
  }
}

void SqliteStorage::begin() {
  run(*begin_);
  in_batch_ = true;
}

void SqliteStorage::commit() {
  run(*commit_);
  in_batch_ = false;
}

void SqliteStorage::rollback() {
  in_batch_ = false;
  // After some errors (SQLITE_FULL among them) SQLite may have rolled the
  // transaction back itself: then there is none to roll back.
  if (sqlite3_get_autocommit(db_.getHandle()) != 0) return;
  run(*rollback_);
}

void SqliteStorage::save_order(const StoredOrder& stored) {
  const core::Order& o = stored.order;
  auto& s = *upsert_order_;
  s.bind(1, o.seq);
  s.bind(2, o.order_id);
  s.bind(3, stored.owner);
  s.bind(4, o.table);
  s.bind(5, std::string(core::to_string(o.status)));
  s.bind(6, o.accepted_at_ms);
  s.bind(7, o.deadline_ms);
  s.bind(8, core::promise_terms_to_json(o.promise).dump());
  s.bind(9, o.rushed ? 1 : 0);
  s.bind(10, o.subtotal);
  s.bind(11, o.discount);
  s.bind(12, o.fired_from.empty() ? std::string() : core::Json(o.fired_from).dump());
  bind_optional(s, 13, o.party_size);
  bind_optional(s, 14, o.closed_at_ms);
  s.bind(15, o.late_minutes);
  run(s);
  for (std::size_t i = 0; i < o.lines.size(); ++i) {
    const core::OrderLine& line = o.lines[i];
    auto& l = *upsert_line_;
    l.bind(1, line.line_id);
    l.bind(2, o.seq);
    l.bind(3, static_cast<std::int64_t>(i + 1));
    l.bind(4, line.item);
    l.bind(5, line.name.en);
    l.bind(6, line.name.zh);
    l.bind(7, line.qty);
    l.bind(8, line.price);
    l.bind(9, line.promised ? 1 : 0);
    l.bind(10, std::string(core::to_string(line.state)));
    bind_optional(l, 11, line.served_at_ms);
    bind_optional(l, 12, line.cancelled_at_ms);
    l.bind(13, line.note);
    l.bind(14, line.comped ? 1 : 0);
    l.bind(15, line.late ? 1 : 0);
    l.bind(16, line.station);
    bind_optional(l, 17, line.ready_at_ms);
    bind_optional(l, 18, line.cooking_at_ms);
    run(l);
  }
}

void SqliteStorage::save_verdict(const StoredOrder& stored) {
  const core::Order& o = stored.order;
  auto& s = *update_verdict_;
  s.bind(1, std::string(core::to_string(o.status)));
  s.bind(2, o.subtotal);
  s.bind(3, o.discount);
  s.bind(4, o.late_minutes);
  s.bind(5, o.seq);
  run(s);
  if (s.getChanges() != 1) throw std::runtime_error(fmt::format("order #{}: verdict for an unsaved order", o.seq));
  // apply_verdict clears every late flag and sets the late lines': one
  // statement clears (it writes nothing when no flag was set), one per late
  // line sets.
  auto& clear = *clear_late_;
  clear.bind(1, o.seq);
  run(clear);
  for (const core::OrderLine& line : o.lines) {
    if (!line.late) continue;
    auto& set = *set_late_;
    set.bind(1, line.line_id);
    run(set);
  }
}

void SqliteStorage::add_audit(const AuditEntry& e) {
  auto& s = *insert_audit_;
  s.bind(1, e.at_ms);
  s.bind(2, e.seq);
  s.bind(3, e.line_id);
  s.bind(4, e.action);
  s.bind(5, e.detail);
  s.bind(6, e.role);
  s.bind(7, e.device);
  run(s);
}

std::int64_t SqliteStorage::add_breach(const core::BreachEntry& e, const std::vector<std::string>& line_ids) {
  auto& s = *insert_breach_;
  s.bind(1, e.seq);
  s.bind(2, e.order_id);
  s.bind(3, e.table);
  s.bind(4, e.accepted_at_ms);
  s.bind(5, e.deadline_ms);
  s.bind(6, e.discount);
  s.bind(7, e.policy);
  s.bind(8, e.at_ms);
  run(s);
  const std::int64_t breach_id = db_.getLastInsertRowid();
  for (std::size_t i = 0; i < e.late_lines.size(); ++i) {
    const core::BreachLateLine& line = e.late_lines[i];
    auto& l = *insert_breach_line_;
    l.bind(1, breach_id);
    l.bind(2, static_cast<std::int64_t>(i));
    if (i < line_ids.size()) {
      l.bind(3, line_ids[i]);
    } else {
      l.bind(3);  // NULL: served_at_ms as recorded
    }
    l.bind(4, line.item);
    if (line.name) {
      l.bind(5, line.name->en);
      l.bind(6, line.name->zh);
    } else {
      l.bind(5);
      l.bind(6);
    }
    l.bind(7, line.qty);
    l.bind(8, line.price);
    bind_optional(l, 9, line.served_at_ms);
    run(l);
  }
  return breach_id;
}

void SqliteStorage::add_comp(const CompRecord& c) {
  auto& s = *insert_comp_;
  s.bind(1, c.at_ms);
  s.bind(2, c.seq);
  s.bind(3, c.line_id);
  s.bind(4, c.reason);
  s.bind(5, c.role);
  s.bind(6, c.device);
  run(s);
}

StoredOrder SqliteStorage::order_from_row(SQLite::Statement& row) {
  StoredOrder stored;
  core::Order& o = stored.order;
  o.seq = row.getColumn(0).getInt64();
  o.order_id = row.getColumn(1).getString();
  stored.owner = row.getColumn(2).getString();
  o.table = row.getColumn(3).getString();
  const auto status = core::order_status_from_string(row.getColumn(4).getString());
  if (!status) throw std::runtime_error(fmt::format("order #{}: bad status in the database", o.seq));
  o.status = *status;
  o.accepted_at_ms = row.getColumn(5).getInt64();
  o.deadline_ms = row.getColumn(6).getInt64();
  o.promise = core::promise_terms_from_json(core::Json::parse(row.getColumn(7).getString()), "promise");
  o.rushed = row.getColumn(8).getInt() != 0;
  o.subtotal = row.getColumn(9).getInt64();
  o.discount = row.getColumn(10).getInt64();
  if (const std::string fired_from = row.getColumn(11).getString(); !fired_from.empty()) {
    o.fired_from = core::Json::parse(fired_from).get<std::vector<std::int64_t>>();
  }
  if (!row.getColumn(12).isNull()) o.party_size = row.getColumn(12).getInt();
  o.closed_at_ms = optional_int(row.getColumn(13));
  o.late_minutes = row.getColumn(14).getInt64();
  return stored;
}

void SqliteStorage::load_lines(StoredOrder& stored) {
  auto& q = *lines_of_order_;
  q.bind(1, stored.order.seq);
  while (q.executeStep()) {
    core::OrderLine line;
    line.line_id = q.getColumn(0).getString();
    line.item = q.getColumn(1).getString();
    line.name = core::LocalText{q.getColumn(2).getString(), q.getColumn(3).getString()};
    line.qty = q.getColumn(4).getInt();
    line.price = q.getColumn(5).getInt64();
    line.promised = q.getColumn(6).getInt() != 0;
    const auto state = core::line_state_from_string(q.getColumn(7).getString());
    if (!state) throw std::runtime_error(fmt::format("line {}: bad state in the database", line.line_id));
    line.state = *state;
    line.served_at_ms = optional_int(q.getColumn(8));
    line.cancelled_at_ms = optional_int(q.getColumn(9));
    line.note = q.getColumn(10).getString();
    line.comped = q.getColumn(11).getInt() != 0;
    line.late = q.getColumn(12).getInt() != 0;
    line.station = q.getColumn(13).getString();
    line.ready_at_ms = optional_int(q.getColumn(14));
    line.cooking_at_ms = optional_int(q.getColumn(15));
    stored.order.lines.push_back(std::move(line));
  }
  q.reset();
  q.clearBindings();
}

std::vector<StoredOrder> SqliteStorage::load_orders(SQLite::Statement& query) {
  std::vector<StoredOrder> orders;
  while (query.executeStep()) orders.push_back(order_from_row(query));
  query.reset();
  query.clearBindings();
  for (auto& order : orders) load_lines(order);
  return orders;
}

std::vector<StoredOrder> SqliteStorage::load_unclosed_orders() {
  SQLite::Statement query(db_,
                          fmt::format("SELECT {} FROM orders WHERE status != 'closed' ORDER BY seq", kOrderColumns));
  return load_orders(query);
}

std::optional<StoredOrder> SqliteStorage::find_order(const std::string& order_id) {
  order_by_id_->bind(1, order_id);
  auto orders = load_orders(*order_by_id_);
  if (orders.empty()) return std::nullopt;
  return std::move(orders.front());
}

std::optional<StoredOrder> SqliteStorage::find_order_by_seq(std::int64_t seq) {
  order_by_seq_->bind(1, seq);
  auto orders = load_orders(*order_by_seq_);
  if (orders.empty()) return std::nullopt;
  return std::move(orders.front());
}

std::int64_t SqliteStorage::max_seq() { return db_.execAndGet("SELECT coalesce(max(seq), 0) FROM orders").getInt64(); }

std::vector<core::BreachEntry> SqliteStorage::breaches(const BreachQuery& query) {
  auto& q = *breaches_;
  q.reset();  // in case a read before this one threw half-way
  q.clearBindings();
  bind_optional(q, 1, query.since_ms);
  bind_optional(q, 2, query.until_ms);
  bind_optional(q, 3, query.table);
  std::vector<core::BreachEntry> entries;
  while (q.executeStep()) {
    const std::int64_t breach_id = q.getColumn(0).getInt64();
    if (entries.empty() || entries.back().breach_id != breach_id) {
      core::BreachEntry& e = entries.emplace_back();
      e.breach_id = breach_id;
      e.seq = q.getColumn(1).getInt64();
      e.order_id = q.getColumn(2).getString();
      e.table = q.getColumn(3).getString();
      e.accepted_at_ms = q.getColumn(4).getInt64();
      e.deadline_ms = q.getColumn(5).getInt64();
      e.discount = q.getColumn(6).getInt64();
      e.policy = q.getColumn(7).getString();
      e.at_ms = q.getColumn(8).getInt64();
      e.settled = q.getColumn(9).getInt() != 0;
    }
    if (q.getColumn(10).isNull()) continue;  // a breach without late lines
    core::BreachLateLine& line = entries.back().late_lines.emplace_back();
    line.item = q.getColumn(11).getString();
    if (!q.getColumn(12).isNull())
      line.name = core::LocalText{q.getColumn(12).getString(), q.getColumn(13).getString()};
    line.qty = q.getColumn(14).getInt();
    line.price = q.getColumn(15).getInt64();
    line.served_at_ms = optional_int(q.getColumn(16));
  }
  q.reset();
  q.clearBindings();
  return entries;
}

std::vector<core::Order> SqliteStorage::history(std::optional<std::int64_t> since_ms,
                                                std::optional<std::int64_t> until_ms) {
  SQLite::Statement q(db_, fmt::format("SELECT {} FROM orders WHERE (?1 IS NULL OR accepted_at_ms >= ?1)"
                                       " AND (?2 IS NULL OR accepted_at_ms < ?2) ORDER BY seq",
                                       kOrderColumns));
  bind_optional(q, 1, since_ms);
  bind_optional(q, 2, until_ms);
  std::vector<core::Order> orders;
  for (auto& stored : load_orders(q)) orders.push_back(std::move(stored.order));
  return orders;
}

void SqliteStorage::set_sold_out(const std::string& item, bool sold_out, std::int64_t at_ms) {
  if (sold_out) {
    set_sold_out_->bind(1, item);
    set_sold_out_->bind(2, at_ms);
    run(*set_sold_out_);
  } else {
    clear_sold_out_->bind(1, item);
    run(*clear_sold_out_);
  }
}

std::vector<std::string> SqliteStorage::sold_out_items() {
  SQLite::Statement q(db_, "SELECT item FROM sold_out ORDER BY item");
  std::vector<std::string> items;
  while (q.executeStep()) items.push_back(q.getColumn(0).getString());
  return items;
}

void SqliteStorage::update_breach_accrual(std::int64_t seq, core::Fen discount, bool settled) {
  auto& s = *update_breach_accrual_;
  s.bind(1, discount);
  s.bind(2, settled ? 1 : 0);
  s.bind(3, seq);
  run(s);
}

namespace {

constexpr const char* kComplaintColumns =
    "complaint_id, owner, table_name, category, line_id, item, station, note, at_ms, status, resolution,"
    " resolution_note, resolved_at_ms";

template <class T>
T parsed_or_throw(std::optional<T> value, const char* what, std::int64_t id) {
  if (!value) throw std::runtime_error(fmt::format("complaint {}: bad {} in the database", id, what));
  return *value;
}

std::optional<std::string> optional_text(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return column.getString();
}

StoredComplaint complaint_from_row(SQLite::Statement& q) {
  StoredComplaint stored;
  core::Complaint& c = stored.complaint;
  c.complaint_id = q.getColumn(0).getInt64();
  stored.owner = q.getColumn(1).getString();
  c.table = q.getColumn(2).getString();
  c.category = parsed_or_throw(core::complaint_category_from_string(q.getColumn(3).getString()), "category",
                               c.complaint_id);
  c.line_id = optional_text(q.getColumn(4));
  c.item = optional_text(q.getColumn(5));
  c.station = optional_text(q.getColumn(6));
  c.note = q.getColumn(7).getString();
  c.at_ms = q.getColumn(8).getInt64();
  c.status = parsed_or_throw(core::complaint_status_from_string(q.getColumn(9).getString()), "status", c.complaint_id);
  if (const auto resolution = optional_text(q.getColumn(10))) {
    c.resolution = parsed_or_throw(core::resolution_from_string(*resolution), "resolution", c.complaint_id);
  }
  c.resolution_note = q.getColumn(11).getString();
  c.resolved_at_ms = optional_int(q.getColumn(12));
  return stored;
}

}  // namespace

std::int64_t SqliteStorage::add_complaint(const StoredComplaint& stored) {
  const core::Complaint& c = stored.complaint;
  SQLite::Statement s(db_,
                      "INSERT INTO complaints(owner, table_name, category, line_id, item, station, note, at_ms, status)"
                      " VALUES(?,?,?,?,?,?,?,?,'open')");
  s.bind(1, stored.owner);
  s.bind(2, c.table);
  s.bind(3, std::string(core::to_string(c.category)));
  bind_optional(s, 4, c.line_id);
  bind_optional(s, 5, c.item);
  bind_optional(s, 6, c.station);
  s.bind(7, c.note);
  s.bind(8, c.at_ms);
  run(s);
  return db_.getLastInsertRowid();
}

void SqliteStorage::resolve_complaint(const core::Complaint& c) {
  SQLite::Statement s(db_,
                      "UPDATE complaints SET status = 'resolved', resolution = ?, resolution_note = ?,"
                      " resolved_at_ms = ? WHERE complaint_id = ? AND status = 'open'");
  s.bind(1, std::string(core::to_string(c.resolution.value_or(core::Resolution::other))));
  s.bind(2, c.resolution_note);
  bind_optional(s, 3, c.resolved_at_ms);
  s.bind(4, c.complaint_id);
  if (run(s) != 1) throw std::runtime_error(fmt::format("complaint {}: not open to resolve", c.complaint_id));
}

std::optional<StoredComplaint> SqliteStorage::find_complaint(std::int64_t complaint_id) {
  SQLite::Statement q(db_, fmt::format("SELECT {} FROM complaints WHERE complaint_id = ?", kComplaintColumns));
  q.bind(1, complaint_id);
  if (!q.executeStep()) return std::nullopt;
  return complaint_from_row(q);
}

std::vector<StoredComplaint> SqliteStorage::complaints(const TimeRange& range, const std::string& owner,
                                                       bool open_only) {
  SQLite::Statement q(db_, fmt::format("SELECT {} FROM complaints WHERE (?1 IS NULL OR at_ms >= ?1)"
                                       " AND (?2 IS NULL OR at_ms < ?2) AND (?3 = '' OR owner = ?3)"
                                       " AND (?4 = 0 OR status = 'open') ORDER BY at_ms, complaint_id",
                                       kComplaintColumns));
  bind_optional(q, 1, range.since_ms);
  bind_optional(q, 2, range.until_ms);
  q.bind(3, owner);
  q.bind(4, open_only ? 1 : 0);
  std::vector<StoredComplaint> found;
  while (q.executeStep()) found.push_back(complaint_from_row(q));
  return found;
}

bool SqliteStorage::add_survey(const core::Survey& survey, const std::string& owner, const std::string& bill_key) {
  SQLite::Statement s(db_,
                      "INSERT INTO surveys(owner, bill_key, table_name, order_id, score, reasons, note, at_ms, breached)"
                      " VALUES(?,?,?,?,?,?,?,?,?) ON CONFLICT(bill_key) DO NOTHING");
  core::Json reasons = core::Json::array();
  for (const core::ComplaintCategory reason : survey.reasons) reasons.push_back(core::to_string(reason));
  s.bind(1, owner);
  s.bind(2, bill_key);
  s.bind(3, survey.table);
  bind_optional(s, 4, survey.order_id);
  s.bind(5, survey.score);
  s.bind(6, reasons.dump());
  s.bind(7, survey.note);
  s.bind(8, survey.at_ms);
  s.bind(9, survey.breached ? 1 : 0);
  return run(s) == 1;
}

std::vector<core::Survey> SqliteStorage::surveys(const TimeRange& range) {
  SQLite::Statement q(db_,
                      "SELECT table_name, order_id, score, reasons, note, at_ms, breached FROM surveys"
                      " WHERE (?1 IS NULL OR at_ms >= ?1) AND (?2 IS NULL OR at_ms < ?2) ORDER BY at_ms, survey_id");
  bind_optional(q, 1, range.since_ms);
  bind_optional(q, 2, range.until_ms);
  std::vector<core::Survey> found;
  while (q.executeStep()) {
    core::Survey& survey = found.emplace_back();
    survey.table = q.getColumn(0).getString();
    survey.order_id = optional_text(q.getColumn(1));
    survey.score = q.getColumn(2).getInt();
    for (const auto& reason : core::Json::parse(q.getColumn(3).getString())) {
      if (const auto category = core::complaint_category_from_string(reason.get<std::string>())) {
        survey.reasons.push_back(*category);
      }
    }
    survey.note = q.getColumn(4).getString();
    survey.at_ms = q.getColumn(5).getInt64();
    survey.breached = q.getColumn(6).getInt() != 0;
  }
  return found;
}

std::vector<std::int64_t> SqliteStorage::last_closed_bill(const std::string& owner) {
  SQLite::Statement q(db_,
                      "SELECT seq FROM orders WHERE owner = ?1 AND closed_at_ms = (SELECT max(closed_at_ms) FROM"
                      " orders WHERE owner = ?1 AND closed_at_ms IS NOT NULL) ORDER BY seq");
  q.bind(1, owner);
  std::vector<std::int64_t> seqs;
  while (q.executeStep()) seqs.push_back(q.getColumn(0).getInt64());
  return seqs;
}

std::int64_t SqliteStorage::count_audit() { return db_.execAndGet("SELECT count(*) FROM audit").getInt64(); }

}  // namespace hourglass::kitchen
