#pragma once
// A real PostgreSQL server for the chain tests, in a temporary folder of
// its own, listening on a Unix socket only (no TCP port to collide on).
// PostgreSQL refuses to run as root, and CI runs as root: then the server
// runs as the `postgres` user that Debian's package creates (runuser), in a
// folder that user owns. Without root it runs as the current user.

#include <filesystem>
#include <optional>
#include <string>

namespace hourglass::test {

class PostgresServer {
 public:
  // Why no server can be started here (no postgresql-15, no postgres
  // user), or nothing when one can.
  static std::optional<std::string> unavailable();

  // initdb and start; throws std::runtime_error with the server's log.
  PostgresServer();
  ~PostgresServer();  // stops it (immediate) and removes the folder
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  void stop();   // a fast shutdown: clients are disconnected
  void start();  // again, on the same data
  bool running() const { return running_; }

  // "host=<socket folder> port=5432 dbname=<database> user=hourglass"
  std::string conninfo(const std::string& database = "postgres") const;
  // Creates a database; returns conninfo(name).
  std::string create_database(const std::string& name);

 private:
  void run(const std::string& command, const std::string& what) const;

  std::filesystem::path folder_;
  bool running_ = false;
};

}  // namespace hourglass::test
