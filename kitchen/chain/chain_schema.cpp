#include "kitchen/chain/chain_schema.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace hourglass::chain {

namespace {

// Migration N takes the central schema from version N to N + 1. Append
// only: stores of different releases share one database. Times are the
// store server's milliseconds since the epoch (its promise clock); money is
// in fen; booleans are booleans. docs/chain.md explains every column.
const std::vector<const char*>& migrations() {
  static const std::vector<const char*> steps = {
      R"sql(
      CREATE TABLE hourglass.stores(
        store text PRIMARY KEY,
        timezone text NOT NULL,
        first_seen_ms bigint NOT NULL,
        last_seen_ms bigint NOT NULL,
        rows_received bigint NOT NULL DEFAULT 0);
      CREATE TABLE hourglass.orders(
        store text NOT NULL REFERENCES hourglass.stores(store),
        seq bigint NOT NULL,
        order_id text NOT NULL,
        owner text NOT NULL,
        table_name text NOT NULL,
        status text NOT NULL,
        accepted_at_ms bigint NOT NULL,
        deadline_ms bigint NOT NULL,
        promise jsonb NOT NULL,
        rushed boolean NOT NULL,
        subtotal bigint NOT NULL,
        discount bigint NOT NULL,
        fired_from text NOT NULL,
        party_size integer,
        closed_at_ms bigint,
        late_minutes integer NOT NULL,
        PRIMARY KEY(store, seq));
      CREATE INDEX orders_accepted ON hourglass.orders(store, accepted_at_ms);
      CREATE TABLE hourglass.lines(
        store text NOT NULL REFERENCES hourglass.stores(store),
        line_id text NOT NULL,
        seq bigint NOT NULL,
        n integer NOT NULL,
        item text NOT NULL,
        name_en text NOT NULL,
        name_zh text NOT NULL,
        qty integer NOT NULL,
        price bigint NOT NULL,
        promised boolean NOT NULL,
        state text NOT NULL,
        served_at_ms bigint,
        cancelled_at_ms bigint,
        note text NOT NULL,
        comped boolean NOT NULL,
        late boolean NOT NULL,
        station text NOT NULL,
        ready_at_ms bigint,
        cooking_at_ms bigint,
        PRIMARY KEY(store, line_id));
      CREATE INDEX lines_by_order ON hourglass.lines(store, seq);
      CREATE TABLE hourglass.breaches(
        store text NOT NULL REFERENCES hourglass.stores(store),
        breach_id bigint NOT NULL,
        seq bigint NOT NULL,
        order_id text NOT NULL,
        table_name text NOT NULL,
        accepted_at_ms bigint NOT NULL,
        deadline_ms bigint NOT NULL,
        discount bigint NOT NULL,
        policy text NOT NULL,
        at_ms bigint NOT NULL,
        settled boolean NOT NULL,
        PRIMARY KEY(store, breach_id),
        UNIQUE(store, seq));
      CREATE INDEX breaches_at ON hourglass.breaches(store, at_ms);
      CREATE TABLE hourglass.breach_lines(
        store text NOT NULL REFERENCES hourglass.stores(store),
        breach_id bigint NOT NULL,
        position integer NOT NULL,
        line_id text,
        item text NOT NULL,
        name_en text,
        name_zh text,
        qty integer NOT NULL,
        price bigint NOT NULL,
        served_at_ms bigint,
        PRIMARY KEY(store, breach_id, position));
      CREATE TABLE hourglass.comps(
        store text NOT NULL REFERENCES hourglass.stores(store),
        id bigint NOT NULL,
        at_ms bigint NOT NULL,
        seq bigint NOT NULL,
        line_id text NOT NULL,
        reason text NOT NULL,
        role text NOT NULL,
        device text NOT NULL,
        PRIMARY KEY(store, id));
      CREATE TABLE hourglass.complaints(
        store text NOT NULL REFERENCES hourglass.stores(store),
        complaint_id bigint NOT NULL,
        owner text NOT NULL,
        table_name text NOT NULL,
        category text NOT NULL,
        line_id text,
        item text,
        station text,
        note text NOT NULL,
        at_ms bigint NOT NULL,
        status text NOT NULL,
        resolution text,
        resolution_note text NOT NULL,
        resolved_at_ms bigint,
        PRIMARY KEY(store, complaint_id));
      CREATE INDEX complaints_at ON hourglass.complaints(store, at_ms);
      CREATE TABLE hourglass.surveys(
        store text NOT NULL REFERENCES hourglass.stores(store),
        survey_id bigint NOT NULL,
        owner text NOT NULL,
        bill_key text NOT NULL,
        table_name text NOT NULL,
        order_id text,
        score integer NOT NULL,
        reasons jsonb NOT NULL,
        note text NOT NULL,
        at_ms bigint NOT NULL,
        breached boolean NOT NULL,
        PRIMARY KEY(store, survey_id));
      CREATE INDEX surveys_at ON hourglass.surveys(store, at_ms);
      )sql",
  };
  return steps;
}

// Any constant: every Hourglass program migrating takes the same lock.
constexpr long kMigrationLock = 7015'0013;

}  // namespace

int chain_schema_version() { return static_cast<int>(migrations().size()); }

void ensure_chain_schema(pqxx::connection& connection) {
  pqxx::work work(connection);
  work.exec(fmt::format("SELECT pg_advisory_xact_lock({})", kMigrationLock));
  work.exec("CREATE SCHEMA IF NOT EXISTS hourglass");
  work.exec("CREATE TABLE IF NOT EXISTS hourglass.schema_version(version integer NOT NULL)");
  const pqxx::result rows = work.exec("SELECT version FROM hourglass.schema_version");
  int version = 0;
  if (rows.empty()) {
    work.exec("INSERT INTO hourglass.schema_version(version) VALUES(0)");
  } else {
    version = rows[0][0].as<int>();
  }
  if (version > chain_schema_version()) {
    throw std::runtime_error(fmt::format(
        "the central database has chain schema version {}, newer than this program's {}: upgrade this store",
        version, chain_schema_version()));
  }
  for (; version < chain_schema_version(); ++version) {
    work.exec(migrations()[static_cast<std::size_t>(version)]);
    work.exec(fmt::format("UPDATE hourglass.schema_version SET version = {}", version + 1));
  }
  work.commit();
}

const std::vector<ReplicatedTable>& replicated_tables() {
  // In the order a kind's rows are sent: an order before its lines.
  static const std::vector<ReplicatedTable> tables = {
      {"orders", "order", "seq", {"seq"},
       {"seq", "order_id", "owner", "table_name", "status", "accepted_at_ms", "deadline_ms", "promise", "rushed",
        "subtotal", "discount", "fired_from", "party_size", "closed_at_ms", "late_minutes"}},
      {"lines", "order", "seq", {"line_id"},
       {"line_id", "seq", "n", "item", "name_en", "name_zh", "qty", "price", "promised", "state", "served_at_ms",
        "cancelled_at_ms", "note", "comped", "late", "station", "ready_at_ms", "cooking_at_ms"}},
      {"breaches", "breach", "breach_id", {"breach_id"},
       {"breach_id", "seq", "order_id", "table_name", "accepted_at_ms", "deadline_ms", "discount", "policy", "at_ms",
        "settled"}},
      {"breach_lines", "breach", "breach_id", {"breach_id", "position"},
       {"breach_id", "position", "line_id", "item", "name_en", "name_zh", "qty", "price", "served_at_ms"}},
      {"comps", "comp", "id", {"id"}, {"id", "at_ms", "seq", "line_id", "reason", "role", "device"}},
      {"complaints", "complaint", "complaint_id", {"complaint_id"},
       {"complaint_id", "owner", "table_name", "category", "line_id", "item", "station", "note", "at_ms", "status",
        "resolution", "resolution_note", "resolved_at_ms"}},
      {"surveys", "survey", "survey_id", {"survey_id"},
       {"survey_id", "owner", "bill_key", "table_name", "order_id", "score", "reasons", "note", "at_ms",
        "breached"}},
  };
  return tables;
}

}  // namespace hourglass::chain
