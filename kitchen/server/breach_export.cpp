#include "kitchen/server/breach_export.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "kitchen/server/sqlite_storage.hpp"
#include "shared/core/breach_csv.hpp"
#include "shared/core/config.hpp"
#include "shared/core/local_time.hpp"
#include "shared/core/spreadsheet_csv.hpp"

namespace hourglass::kitchen {

namespace {

constexpr std::int64_t kDayMs = 24 * 3600 * 1000;

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
    SqliteStorage storage(options.database);
    const auto entries = storage.breaches(query);
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
