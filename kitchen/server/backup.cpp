#include "kitchen/server/backup.hpp"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Database.h>
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <system_error>

namespace hourglass::kitchen {

namespace fs = std::filesystem;

int backup_database(const BackupOptions& options) {
  if (!fs::exists(options.database)) {
    std::cerr << fmt::format("{}: no such database\n", options.database);
    return 1;
  }
  std::error_code same_error;
  if (fs::exists(options.to) && fs::equivalent(options.database, options.to, same_error)) {
    std::cerr << fmt::format("--to {} is the database itself\n", options.to);
    return 2;
  }
  const std::string partial = options.to + ".partial";
  try {
    SQLite::Database source(options.database, SQLite::OPEN_READONLY);
    source.setBusyTimeout(5000);
    if (source.execAndGet("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")
            .getInt() != 1) {
      std::cerr << fmt::format("{}: not an Hourglass database (no schema_version)\n", options.database);
      return 1;
    }
    fs::remove(partial);
    {
      SQLite::Database copy(partial, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      SQLite::Backup backup(copy, source);
      backup.executeStep();  // every page, from one snapshot of the source
    }
    SQLite::Database check(partial, SQLite::OPEN_READONLY);
    const std::string integrity = check.execAndGet("PRAGMA integrity_check").getString();
    if (integrity != "ok") {
      std::cerr << fmt::format("{}: the copy fails its integrity check: {}\n", partial, integrity);
      return 1;
    }
    const int schema = check.execAndGet("SELECT version FROM schema_version").getInt();
    const int orders = check.execAndGet("SELECT count(*) FROM orders").getInt();
    const int breaches = check.execAndGet("SELECT count(*) FROM breaches").getInt();
    fs::rename(partial, options.to);
    std::cout << fmt::format("backed up {} to {}: schema {}, {} orders, {} breaches, integrity ok\n",
                             options.database, options.to, schema, orders, breaches);
  } catch (const std::exception& error) {
    std::error_code ignored;
    fs::remove(partial, ignored);
    std::cerr << fmt::format("backup of {} to {} failed: {}\n", options.database, options.to, error.what());
    return 1;
  }
  return 0;
}

}  // namespace hourglass::kitchen
