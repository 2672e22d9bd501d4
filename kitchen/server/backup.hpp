#pragma once
// `hourglass-kitchen backup --db FILE --to FILE`: a consistent copy of the
// kitchen's database through SQLite's online backup, safe while the server
// runs (in WAL mode the copy reads one snapshot and never blocks the
// server's writes). The copy is written beside the target as
// "<to>.partial", checked with PRAGMA integrity_check, then renamed over
// the target: a backup cut off half way never leaves a half file under the
// target's name. docs/operations.md says how to restore.

#include <string>

namespace hourglass::kitchen {

struct BackupOptions {
  std::string database;
  std::string to;
};

// Returns the process exit code; says what it copied on stdout, errors on stderr.
int backup_database(const BackupOptions& options);

}  // namespace hourglass::kitchen
