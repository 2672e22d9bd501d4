#pragma once
// The server configuration file (PROTOCOL.md "Server configuration").

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/core/order.hpp"
#include "shared/core/promise.hpp"
#include "shared/core/promise_rules.hpp"
#include "shared/core/result.hpp"

namespace hourglass::core {

struct Device {
  std::string token;
  Role role = Role::table;
  std::optional<std::string> table;  // the table role only
  std::string name;                  // optional label for logs ("tablet-12")
};

struct TlsFiles {
  std::string cert;
  std::string key;
};

// Defaults documented in docs/protocol.md.
struct Limits {
  int requests_per_second = 50;  // sustained, per connection
  int burst = 100;               // requests allowed at once before the rate applies
  int max_connections = 5000;
  int hello_timeout_s = 10;
  std::size_t max_queued_messages = 1024;  // per connection, before it is cut off
  int max_database_mb = 0;  // the database may grow to this (0: as far as the disk goes)
};

struct ListenAddress {
  std::string host = "127.0.0.1";
  std::uint16_t port = 7015;
};

// Extension (docs/chain.md): the store's name in the chain and the central
// PostgreSQL it copies its orders, breaches and feedback to.
struct ChainConfig {
  std::string store;     // "wuhan-01": lowercase letters, digits, '-', '_', '.'; at most 64
  std::string postgres;  // a libpq connection string: "host=… dbname=… user=…"
  bool operator==(const ChainConfig&) const = default;
};

// Whether `name` is a store name as ChainConfig::store describes.
bool is_store_name(std::string_view name);

struct ServerConfig {
  ListenAddress listen;
  std::string database = "hourglass.db";  // resolved against the config file's folder
  std::string menu = "assets/menu.json";
  PromiseTerms promise;
  std::vector<PromiseRule> promise_rules;  // v1.1: promise.rules, tried in order
  std::string timezone;                    // IANA name ("Asia/Shanghai"); empty: the system's
  std::vector<Device> devices;
  std::optional<TlsFiles> tls;
  // Extension: the manager's page on a phone (docs/manager-page.md), served
  // at this address when given; HTTPS when `tls` is.
  std::optional<ListenAddress> web{};
  std::optional<ChainConfig> chain{};
  Limits limits;
  std::string log_level = "info";
};

// Whether `name` is written as an IANA zone name ("Asia/Shanghai", "UTC",
// "America/Argentina/Buenos_Aires"): letters, digits, '_', '-', '+', '/'
// between parts, no "..". Whether the zone exists is the server's to check.
bool is_timezone_name(std::string_view name);

// "127.0.0.1:7015", "[::1]:7015", "0.0.0.0:0".
Result<ListenAddress> parse_listen_address(std::string_view text);

// Parses and validates a config document. Relative paths resolve against
// `base_dir` (the config file's folder). Errors name the file and field.
Result<ServerConfig> parse_server_config(std::string_view json_text, std::string_view source,
                                         const std::string& base_dir);
Result<ServerConfig> load_server_config(const std::string& path);

// The device a token belongs to, compared in constant time over all devices
// so the timing does not reveal which tokens exist or how close a guess is.
const Device* find_device(const std::vector<Device>& devices, std::string_view token);
bool constant_time_equals(std::string_view a, std::string_view b);

}  // namespace hourglass::core
