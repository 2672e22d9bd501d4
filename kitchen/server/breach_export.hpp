#pragma once
// `hourglass-kitchen export-breaches`: the breach log of a database as CSV.
//
// By default for spreadsheets (shared/core/spreadsheet_csv.hpp): a UTF-8
// byte-order mark, times in the store's zone with the offset, yuan beside
// fen. The zone is --timezone, else the `timezone` of --config's file, else
// this machine's. --since and --until are calendar days in that zone, both
// inclusive, on the time the breach was recorded.
//
// --plain writes the v1 format instead (shared/core/breach_csv.hpp: UTC
// times and days, fen only, no mark), byte for byte what earlier releases
// wrote, for scripts.

#include <optional>
#include <string>

namespace hourglass::kitchen {

struct ExportOptions {
  std::string database;
  std::optional<std::string> since;  // YYYY-MM-DD
  std::optional<std::string> until;  // YYYY-MM-DD
  std::optional<std::string> out;    // stdout when absent
  bool plain = false;
  std::optional<std::string> timezone;     // IANA name
  std::optional<std::string> config_path;  // a server config, for its timezone
};

// Returns the process exit code; errors are printed to stderr.
int export_breaches(const ExportOptions& options);

}  // namespace hourglass::kitchen
