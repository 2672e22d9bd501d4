#pragma once
// One server per database. A second hourglass-kitchen started on the same
// file (the service runs, someone starts another by hand) would hand out the
// same ticket numbers and lose the other's breaches; it must refuse to start
// instead, naming the database and the process that holds it.
//
// The lock is flock(2) on "<database>.lock" beside the database, holding the
// owner's pid: the kernel releases it when the process ends, however it ends
// (kill -9, power loss), so a stale file never blocks a restart. Readers
// (export-breaches, backup) do not take it.

#include <string>

#include "shared/core/result.hpp"

namespace hourglass::kitchen {

class DatabaseLock {
 public:
  // The lock, or why not: "kitchen.db is in use by another hourglass-kitchen
  // (process 4242: hourglass-kitchen --config …)".
  static core::Result<DatabaseLock> acquire(const std::string& database);

  DatabaseLock(DatabaseLock&& other) noexcept;
  DatabaseLock& operator=(DatabaseLock&&) = delete;
  DatabaseLock(const DatabaseLock&) = delete;
  DatabaseLock& operator=(const DatabaseLock&) = delete;
  ~DatabaseLock();

  // "<database>.lock".
  static std::string lock_path(const std::string& database);

 private:
  explicit DatabaseLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace hourglass::kitchen
