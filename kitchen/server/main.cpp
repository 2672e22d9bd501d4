// hourglass-kitchen: the kitchen server. Reads options, builds the parts,
// runs the loop. `export-breaches` writes the breach log as CSV; `backup`
// copies the database while the server runs.

#include <fmt/format.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "kitchen/chain/replicator.hpp"
#include "kitchen/server/backup.hpp"
#include "kitchen/server/breach_export.hpp"
#include "kitchen/server/clock.hpp"
#include "kitchen/server/database_lock.hpp"
#include "kitchen/server/hub.hpp"
#include "kitchen/server/kitchen_service.hpp"
#include "kitchen/server/server.hpp"
#include "kitchen/server/sqlite_storage.hpp"
#include "kitchen/server/stream.hpp"
#include "kitchen/server/web_server.hpp"
#include "shared/core/config.hpp"
#include "shared/core/local_time.hpp"
#include "shared/core/menu.hpp"

namespace hg = hourglass;

namespace {

// The exit code when the database or its disk is full at start-up (docs/operations.md).
constexpr int kExitDatabaseFull = 3;

// An endpoint's address as it goes before ":port" ("[::1]" for IPv6).
std::string host_text(const boost::asio::ip::tcp::endpoint& endpoint) {
  const std::string address = endpoint.address().to_string();
  return endpoint.address().is_v6() ? "[" + address + "]" : address;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"hourglass-kitchen: the Hourglass kitchen server"};
  std::string config_path, listen, database, log_level;
  std::optional<std::int64_t> promise_seconds;
  app.add_option("--config", config_path, "server configuration (JSON)");
  app.add_option("--listen", listen, "HOST:PORT to listen on (port 0 picks a free one); overrides the config");
  app.add_option("--db", database, "SQLite database file; overrides the config");
  app.add_option("--promise-seconds", promise_seconds, "promise length in seconds; overrides the config")
      ->check(CLI::Range(hg::core::kMinPromiseSeconds, hg::core::kMaxPromiseSeconds));
  app.add_option("--log-level", log_level, "trace, debug, info, warn, error, critical, off; overrides the config")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"}));

  hg::kitchen::ExportOptions export_options;
  CLI::App* export_command = app.add_subcommand("export-breaches", "write the breach log as CSV");
  export_command->add_option("--db", export_options.database, "SQLite database file")->required();
  export_command->add_option("--since", export_options.since, "first day (YYYY-MM-DD, in the store's zone), inclusive");
  export_command->add_option("--until", export_options.until, "last day (YYYY-MM-DD, in the store's zone), inclusive");
  export_command->add_option("--out", export_options.out, "CSV file to write (default: standard output)");
  export_command->add_option("--timezone", export_options.timezone,
                             "the store's IANA time zone for times and days (default: --config's, else this machine's)");
  export_command->add_option("--config", export_options.config_path, "the server configuration, for its timezone");
  export_command->add_flag("--plain", export_options.plain,
                           "the v1 format for scripts: UTC times and days, fen only, no byte-order mark");
  hg::kitchen::BackupOptions backup_options;
  CLI::App* backup_command =
      app.add_subcommand("backup", "copy the database consistently, also while the server runs (docs/operations.md)");
  backup_command->add_option("--db", backup_options.database, "SQLite database file")->required();
  backup_command->add_option("--to", backup_options.to, "the copy to write (replaced if it exists)")->required();
  std::string resend_database;
  CLI::App* resend_command = app.add_subcommand(
      "chain-resend", "send the whole history to the chain's central database again (docs/chain.md)");
  resend_command->add_option("--db", resend_database, "SQLite database file")->required();
  CLI11_PARSE(app, argc, argv);

  if (export_command->parsed()) return hg::kitchen::export_breaches(export_options);
  if (backup_command->parsed()) return hg::kitchen::backup_database(backup_options);
  if (resend_command->parsed()) {
    try {
      if (!std::filesystem::exists(resend_database)) {
        std::cerr << "hourglass-kitchen: " << resend_database << ": no such database\n";
        return 1;
      }
      hg::kitchen::SqliteStorage storage(resend_database);
      const std::int64_t queued = storage.queue_everything_for_chain();
      std::cout << resend_database << ": " << queued
                << " changes queued for the chain (the server sends them when it next reaches the central database)\n";
      return 0;
    } catch (const std::exception& error) {
      std::cerr << "hourglass-kitchen: " << resend_database << ": " << error.what() << "\n";
      return 1;
    }
  }
  if (config_path.empty()) {
    std::cerr << "--config is required\n" << app.help();
    return 2;
  }

  // Logs go to stderr; stdout carries only the `listening on` line.
  auto logger = spdlog::stderr_logger_mt("kitchen");
  spdlog::set_default_logger(logger);
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");

  auto loaded = hg::core::load_server_config(config_path);
  if (!loaded) {
    spdlog::critical("{}", loaded.error());
    return 2;
  }
  hg::core::ServerConfig config = std::move(loaded.value());
  if (!listen.empty()) {
    auto address = hg::core::parse_listen_address(listen);
    if (!address) {
      spdlog::critical("--listen: {}", address.error());
      return 2;
    }
    config.listen = address.value();
  }
  if (!database.empty()) config.database = database;
  if (promise_seconds) {
    config.promise.seconds = *promise_seconds;
    for (auto& rule : config.promise_rules) {
      if (!rule.sets_seconds) rule.terms.seconds = *promise_seconds;
    }
  }
  const auto timezone = hg::core::resolve_timezone(config.timezone);
  if (!timezone) {
    spdlog::critical("{}: {}", config_path, timezone.error());
    return 2;
  }
  config.timezone = timezone.value();
  hg::core::use_timezone(config.timezone);
  if (!log_level.empty()) config.log_level = log_level;
  spdlog::set_level(spdlog::level::from_str(config.log_level));

  try {
    // First, so that a bad certificate stops the server before anything else:
    // a server told to use TLS never serves plain TCP.
    std::unique_ptr<boost::asio::ssl::context> tls;
    if (config.tls) tls = hg::kitchen::make_tls_context(*config.tls);
    auto menu = hg::core::load_menu_file(config.menu);
    if (!menu) {
      spdlog::critical("{}", menu.error());
      return 2;
    }
    // The promise's clock: wall time that never steps with the system clock.
    hg::kitchen::SlewedClock clock;
    clock.on_step([](std::int64_t offset_ms) {
      spdlog::warn(
          "the system clock stepped: it is now {} ms from the server's clock, which slews toward it by 1 ms "
          "per {} ms and never jumps (restart the server with no order open to take the system time at once)",
          offset_ms, hg::kitchen::SlewedClock::kSlewDivisor);
    });
    // One server per database, before the file is touched.
    auto lock = hg::kitchen::DatabaseLock::acquire(config.database);
    if (!lock) {
      spdlog::critical("{}", lock.error());
      return 2;
    }
    hg::kitchen::SqliteStorage storage(config.database);
    if (config.limits.max_database_mb > 0) storage.limit_size_mb(config.limits.max_database_mb);
    // The chain's copy (docs/chain.md): a thread of its own that reads the
    // outbox the storage fills; the kitchen never waits for it.
    std::optional<hg::chain::Replicator> replicator;
    if (config.chain) {
      replicator.emplace(
          hg::chain::ReplicatorSettings{config.database, config.chain->store, config.chain->postgres, config.timezone});
    }
    hg::kitchen::Hub hub;
    hg::kitchen::KitchenService service(config, std::move(menu.value()), storage, clock, hub);
    service.start();

    boost::asio::io_context io;
    hg::kitchen::Server server(io, config, service, clock, tls.get());
    // SIGHUP: the devices and the menu again from the config file. Anything
    // wrong in it keeps what is in use (and says why).
    server.on_reload([&] {
      auto fresh = hg::core::load_server_config(config_path);
      if (!fresh) {
        spdlog::error("reload: {}; keeping the devices and the menu in use", fresh.error());
        return false;
      }
      auto fresh_menu = hg::core::load_menu_file(fresh.value().menu);
      if (!fresh_menu) {
        spdlog::error("reload: {}; keeping the devices and the menu in use", fresh_menu.error());
        return false;
      }
      config.devices = std::move(fresh.value().devices);
      const std::size_t dishes = fresh_menu.value().items.size();
      service.replace_menu(std::move(fresh_menu.value()));
      // A raised (or removed) cap is room again for a database that was full.
      if (fresh.value().limits.max_database_mb != config.limits.max_database_mb) {
        config.limits.max_database_mb = fresh.value().limits.max_database_mb;
        storage.limit_size_mb(config.limits.max_database_mb);
        spdlog::info("the database may now grow to {}", config.limits.max_database_mb > 0
                                                             ? fmt::format("{} MB", config.limits.max_database_mb)
                                                             : std::string("the size of the disk"));
      }
      spdlog::info("reloaded {}: {} devices, menu {} ({} dishes, for orders from now), limits.max_database_mb; other "
                   "settings take a restart",
                   config_path, config.devices.size(), fresh.value().menu, dishes);
      return true;
    });
    const auto bound = server.listen();
    server.start();
    std::optional<hg::kitchen::WebServer> web;
    if (config.web) {
      web.emplace(io, config, service, storage, clock, tls.get());
      const auto at = web->listen(*config.web);
      web->start();
      spdlog::info("manager page on {}://{}:{}/", tls ? "https" : "http", host_text(at), at.port());
    }
    spdlog::info("database {}, menu {}, promise {} s {} ({} rules, time zone {}), {} devices, {}", config.database,
                 config.menu, config.promise.seconds, hg::core::policy_name(config.promise.policy),
                 config.promise_rules.size(), config.timezone, config.devices.size(),
                 config.tls ? "TLS with " + config.tls->cert : std::string("plain TCP"));
    const std::string host = host_text(bound);
    std::printf("listening on %s:%u\n", host.c_str(), static_cast<unsigned>(bound.port()));
    std::fflush(stdout);
    try {
      io.run();
    } catch (...) {
      // A fatal error (a full disk, say) came out of a handler: close every
      // connection and let their handlers finish while the server and the io
      // context still exist, as a clean stop does, then report it below.
      try {
        server.stop();
        io.restart();
        io.poll();
      } catch (const std::exception& again) {
        spdlog::error("while stopping after a fatal error: {}", again.what());
      }
      throw;
    }
    spdlog::info("stopped cleanly");
  } catch (const hg::kitchen::StorageFull& error) {
    // Only before serving (a migration on a full disk, say): once serving, a
    // full database refuses writes and the server goes on (KitchenService).
    spdlog::critical(
        "the database {} is full ({}): cannot start; free disk space (or raise limits.max_database_mb) and the "
        "server starts again (systemd restarts it by itself)",
        config.database, error.what());
    return kExitDatabaseFull;
  } catch (const std::exception& error) {
    spdlog::critical("fatal: {}", error.what());
    return 1;
  }
  return 0;
}
