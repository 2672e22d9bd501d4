#include "kitchen/server/breach_export.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "kitchen/server/sqlite_storage.hpp"
#include "shared/core/breach_csv.hpp"

namespace hourglass::kitchen {

int export_breaches(const ExportOptions& options) {
  constexpr std::int64_t kDayMs = 24 * 3600 * 1000;
  BreachQuery query;
  if (options.since) {
    query.since_ms = core::parse_utc_date_ms(*options.since);
    if (!query.since_ms) {
      std::cerr << fmt::format("--since \"{}\": expected YYYY-MM-DD\n", *options.since);
      return 2;
    }
  }
  if (options.until) {
    const auto day = core::parse_utc_date_ms(*options.until);
    if (!day) {
      std::cerr << fmt::format("--until \"{}\": expected YYYY-MM-DD\n", *options.until);
      return 2;
    }
    query.until_ms = *day + kDayMs;  // the whole day is included
  }
  if (!std::filesystem::exists(options.database)) {
    std::cerr << fmt::format("{}: no such database\n", options.database);
    return 1;
  }
  try {
    SqliteStorage storage(options.database);
    const std::string csv = core::breach_csv(storage.breaches(query));
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
