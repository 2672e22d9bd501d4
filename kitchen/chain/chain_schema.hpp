#pragma once
// The chain's central database (docs/chain.md): PostgreSQL schema
// "hourglass", one row per store's row, keyed by (store, the store's id).
// Created and migrated by whichever program connects first; the versions
// are in hourglass.schema_version.

#include <pqxx/pqxx>
#include <string>
#include <vector>

namespace hourglass::chain {

// The version ensure_chain_schema() leaves the central database at.
int chain_schema_version();

// Creates or migrates the schema, under an advisory lock so that stores
// starting together do not race. Throws std::runtime_error for a database
// whose schema is newer than this program's.
void ensure_chain_schema(pqxx::connection& connection);

// A table the stores copy, as SQLite and PostgreSQL both name it: the
// outbox `kind` it travels under, the SQLite column that holds the outbox's
// row_key, the key columns besides `store`, and every column sent.
struct ReplicatedTable {
  std::string name;
  std::string kind;
  std::string outbox_key;
  std::vector<std::string> key;
  std::vector<std::string> columns;
};
const std::vector<ReplicatedTable>& replicated_tables();

}  // namespace hourglass::chain
