#include "kitchen/server/breach_export.hpp"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Database.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <stdexcept>

#include "kitchen/server/sqlite_storage.hpp"
#include "shared/core/breach_csv.hpp"
#include "shared/core/config.hpp"
#include "shared/core/local_time.hpp"
#include "shared/core/spreadsheet_csv.hpp"

namespace hourglass::kitchen {

namespace {

constexpr std::int64_t kDayMs = 24 * 3600 * 1000;

// The database as one snapshot, copied through SQLite's online backup into
// a temporary file removed afterwards. The export reads the copy, so it
// never writes the file it was given: not a running server's, and not an
// older release's, which opening it as storage would migrate in place
// (an old server on it would then refuse its own database).
class SnapshotCopy {
 public:
  explicit SnapshotCopy(const std::string& database) {
    std::string pattern = (std::filesystem::temp_directory_path() / "hourglass-export-XXXXXX").string();
    const int fd = mkstemp(pattern.data());
    if (fd < 0) throw std::runtime_error("cannot make a temporary copy to read");
    close(fd);
    path_ = pattern;
    try {
      SQLite::Database source(database, SQLite::OPEN_READONLY);
      source.setBusyTimeout(5000);
      if (source.execAndGet("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")
              .getInt() != 1) {
        throw std::runtime_error("not an Hourglass database (no schema_version)");
      }
      SQLite::Database copy(path_, SQLite::OPEN_READWRITE);
      SQLite::Backup backup(copy, source);
      backup.executeStep();  // every page, from one snapshot of the source
    } catch (...) {
      remove_files();
      throw;
    }
  }
  ~SnapshotCopy() { remove_files(); }
  SnapshotCopy(const SnapshotCopy&) = delete;
  SnapshotCopy& operator=(const SnapshotCopy&) = delete;
  const std::string& path() const { return path_; }

 private:
  void remove_files() const {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      std::error_code ignored;  // a leftover temporary file is no reason to fail an export
      std::filesystem::remove(path_ + suffix, ignored);
    }
  }

  std::string path_;
};

// The zone the export's times and days are in; an error message when the
// zone or the config cannot be read.
core::Result<std::string> export_timezone(const ExportOptions& options) {
  std::string configured;
  if (options.timezone) {
    configured = *options.timezone;
  } else if (options.config_path) {
    auto config = core::load_server_config(*options.config_path);
    if (!config) return core::fail(config.error());
    configured = config.value().timezone;
  }
  auto zone = core::resolve_timezone(configured);
  if (!zone) return core::fail(options.timezone ? "--timezone: " + zone.error() : zone.error());
  return zone;
}

// The first millisecond of a calendar day ("YYYY-MM-DD"), or of the day
// after it: in UTC for the plain format, else in the process's zone.
std::optional<std::int64_t> day_start_ms(const std::string& text, bool plain, bool day_after = false) {
  auto utc = core::parse_utc_date_ms(text);
  if (utc && day_after) *utc += kDayMs;
  if (!utc || plain) return utc;
  // Local midnight is UTC midnight minus the offset in force then.
  const std::int64_t guess = *utc - static_cast<std::int64_t>(core::process_utc_offset_minutes(*utc)) * 60'000;
  return *utc - static_cast<std::int64_t>(core::process_utc_offset_minutes(guess)) * 60'000;
}

}  // namespace

int export_breaches(const ExportOptions& options) {
  if (!options.plain) {
    auto zone = export_timezone(options);
    if (!zone) {
      std::cerr << zone.error() << "\n";
      return 2;
    }
    core::use_timezone(zone.value());
  }
  BreachQuery query;
  if (options.since) {
    query.since_ms = day_start_ms(*options.since, options.plain);
    if (!query.since_ms) {
      std::cerr << fmt::format("--since \"{}\": expected YYYY-MM-DD\n", *options.since);
      return 2;
    }
  }
  if (options.until) {
    query.until_ms = day_start_ms(*options.until, options.plain, true);  // the whole day is included
    if (!query.until_ms) {
      std::cerr << fmt::format("--until \"{}\": expected YYYY-MM-DD\n", *options.until);
      return 2;
    }
  }
  if (!std::filesystem::exists(options.database)) {
    std::cerr << fmt::format("{}: no such database\n", options.database);
    return 1;
  }
  try {
    const SnapshotCopy snapshot(options.database);
    std::vector<core::BreachEntry> entries;
    {
      SqliteStorage storage(snapshot.path());  // migrated to this release's schema, the copy only
      entries = storage.breaches(query);
    }
    const std::string csv = options.plain ? core::breach_csv(entries)
                                          : core::spreadsheet_file(core::breach_spreadsheet_csv(
                                                entries, core::process_utc_offset_minutes));
    if (options.out) {
      std::ofstream file(*options.out, std::ios::binary | std::ios::trunc);
      file << csv;
      file.close();
      if (!file) {
        std::cerr << fmt::format("{}: cannot write\n", *options.out);
        return 1;
      }
    } else {
      std::cout << csv << std::flush;
    }
  } catch (const std::exception& error) {
    std::cerr << fmt::format("{}: {}\n", options.database, error.what());
    return 1;
  }
  return 0;
}

}  // namespace hourglass::kitchen
