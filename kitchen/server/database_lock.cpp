#include "kitchen/server/database_lock.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace hourglass::kitchen {

namespace {

// "4242: hourglass-kitchen --config kitchen.json", or "4242" when /proc says nothing.
std::string describe_process(const std::string& pid) {
  std::ifstream cmdline("/proc/" + pid + "/cmdline", std::ios::binary);
  std::string args((std::istreambuf_iterator<char>(cmdline)), std::istreambuf_iterator<char>());
  for (char& c : args) {
    if (c == '\0') c = ' ';
  }
  while (!args.empty() && args.back() == ' ') args.pop_back();
  return args.empty() ? pid : fmt::format("{}: {}", pid, args);
}

}  // namespace

std::string DatabaseLock::lock_path(const std::string& database) { return database + ".lock"; }

core::Result<DatabaseLock> DatabaseLock::acquire(const std::string& database) {
  const std::string path = lock_path(database);
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return core::fail(fmt::format("{}: cannot open the lock file: {}", path, std::strerror(errno)));
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    char buffer[64] = {};
    const ssize_t n = ::pread(fd, buffer, sizeof buffer - 1, 0);
    ::close(fd);
    if (error != EWOULDBLOCK) return core::fail(fmt::format("{}: cannot lock: {}", path, std::strerror(error)));
    std::string pid(buffer, n > 0 ? static_cast<std::size_t>(n) : 0);
    while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
    return core::fail(fmt::format(
        "{} is in use by another hourglass-kitchen (process {}); two servers on one database would hand out the "
        "same tickets: stop that one first (systemctl stop hourglass-kitchen), or give this one its own database",
        database, pid.empty() ? std::string("unknown") : describe_process(pid)));
  }
  const std::string pid = fmt::format("{}\n", ::getpid());
  if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) != static_cast<ssize_t>(pid.size())) {
    const int error = errno;
    ::close(fd);
    return core::fail(fmt::format("{}: cannot write the lock file: {}", path, std::strerror(error)));
  }
  return DatabaseLock(fd);
}

DatabaseLock::DatabaseLock(DatabaseLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }

DatabaseLock::~DatabaseLock() {
  if (fd_ >= 0) ::close(fd_);  // releases the lock; the file stays, harmless
}

}  // namespace hourglass::kitchen
