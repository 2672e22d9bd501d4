#pragma once
// `hourglass-kitchen export-breaches`: the breach log of a database as CSV
// (shared/core/breach_csv.hpp). --since and --until are UTC calendar days,
// both inclusive, filtering on the time the breach was recorded.

#include <optional>
#include <string>

namespace hourglass::kitchen {

struct ExportOptions {
  std::string database;
  std::optional<std::string> since;  // YYYY-MM-DD
  std::optional<std::string> until;  // YYYY-MM-DD
  std::optional<std::string> out;    // stdout when absent
};

// Returns the process exit code; errors are printed to stderr.
int export_breaches(const ExportOptions& options);

}  // namespace hourglass::kitchen
