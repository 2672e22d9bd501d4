#include "tests/kit/postgres_server.hpp"

#include <fmt/format.h>
#include <pwd.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace fs = std::filesystem;

namespace hourglass::test {

namespace {

constexpr const char* kBin = "/usr/lib/postgresql/15/bin";
constexpr int kPort = 5432;  // names the socket file in our own folder: no TCP

bool as_root() { return ::geteuid() == 0; }

// The command as the user PostgreSQL runs as.
std::string as_server_user(const std::string& command) {
  return as_root() ? "runuser -u postgres -- " + command : command;
}

std::string read_all(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::optional<std::string> PostgresServer::unavailable() {
  if (!fs::exists(fs::path(kBin) / "pg_ctl")) return fmt::format("no {}/pg_ctl (apt-get install postgresql-15)", kBin);
  if (as_root() && ::getpwnam("postgres") == nullptr) return std::string("running as root and no postgres user");
  return std::nullopt;
}

PostgresServer::PostgresServer() {
  if (const auto why = unavailable()) throw std::runtime_error("no PostgreSQL here: " + *why);
  std::string pattern = (fs::temp_directory_path() / "hourglass-pg-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot make a folder for PostgreSQL");
  folder_ = pattern;
  if (as_root()) {
    const passwd* user = ::getpwnam("postgres");
    if (::chown(folder_.c_str(), user->pw_uid, user->pw_gid) != 0) {
      throw std::runtime_error("cannot give " + folder_.string() + " to the postgres user");
    }
  }
  run(as_server_user(fmt::format("{}/initdb -D '{}/data' -A trust -U hourglass --no-sync -E UTF8 --locale=C", kBin,
                                 folder_.string())),
      "initdb");
  start();
}

PostgresServer::~PostgresServer() {
  if (running_) {
    std::system(as_server_user(fmt::format("{}/pg_ctl -D '{}/data' -m immediate -w stop >/dev/null 2>&1", kBin,
                                           folder_.string()))
                    .c_str());
  }
  std::error_code ignored;
  fs::remove_all(folder_, ignored);
}

void PostgresServer::start() {
  // fsync off: a test server's durability is not what is tested (the
  // store's SQLite is); it makes the runs quicker on a shared disk.
  run(as_server_user(fmt::format("{0}/pg_ctl -D '{1}/data' -l '{1}/server.log' -w -t 60 -o \"-p {2} -k '{1}' "
                                 "-c listen_addresses='' -c fsync=off -c max_connections=50\" start",
                                 kBin, folder_.string(), kPort)),
      "pg_ctl start");
  running_ = true;
}

void PostgresServer::stop() {
  run(as_server_user(fmt::format("{}/pg_ctl -D '{}/data' -m fast -w -t 60 stop", kBin, folder_.string())),
      "pg_ctl stop");
  running_ = false;
}

std::string PostgresServer::conninfo(const std::string& database) const {
  return fmt::format("host={} port={} dbname={} user=hourglass", folder_.string(), kPort, database);
}

std::string PostgresServer::create_database(const std::string& name) {
  run(fmt::format("{}/psql '{}' -q -c 'CREATE DATABASE \"{}\"'", kBin, conninfo(), name), "CREATE DATABASE");
  return conninfo(name);
}

void PostgresServer::run(const std::string& command, const std::string& what) const {
  const fs::path output = folder_ / "command.log";
  const std::string redirected = fmt::format("{} >'{}' 2>&1", command, output.string());
  if (std::system(redirected.c_str()) != 0) {
    throw std::runtime_error(fmt::format("{} failed: {}\n{}\nserver log:\n{}", what, command, read_all(output),
                                         read_all(folder_ / "server.log")));
  }
}

}  // namespace hourglass::test
