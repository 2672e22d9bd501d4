#include "shared/core/config.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "shared/core/json_read.hpp"

namespace hourglass::core {

Result<ListenAddress> parse_listen_address(std::string_view text) {
  const auto colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0) {
    return fail(fmt::format("listen address \"{}\" must be HOST:PORT", text));
  }
  std::string_view host = text.substr(0, colon);
  const std::string_view port_text = text.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  unsigned port = 0;
  const auto [end, error] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (error != std::errc{} || end != port_text.data() + port_text.size() || port > 65535 || port_text.empty()) {
    return fail(fmt::format("listen address \"{}\": port must be a number 0-65535", text));
  }
  return ListenAddress{std::string(host), static_cast<std::uint16_t>(port)};
}

namespace {

std::string resolve(const std::string& base_dir, const std::string& path) {
  const std::filesystem::path p(path);
  if (p.is_absolute() || base_dir.empty()) return path;
  return (std::filesystem::path(base_dir) / p).lexically_normal().string();
}

constexpr std::size_t kMinTokenLength = 8;

Limits read_limits(const JsonObjectReader& r) {
  Limits limits;
  const auto read = [&](const char* key, int& out, int min, int max) {
    if (const auto value = r.optional_integer(key)) {
      if (*value < min || *value > max)
        throw_field_error(r.path_of(key), fmt::format("must be an integer {}-{}", min, max));
      out = static_cast<int>(*value);
    }
  };
  read("requests_per_second", limits.requests_per_second, 1, 100000);
  read("burst", limits.burst, 1, 100000);
  read("max_connections", limits.max_connections, 1, 19000);
  read("hello_timeout_s", limits.hello_timeout_s, 1, 3600);
  int queued = static_cast<int>(limits.max_queued_messages);
  read("max_queued_messages", queued, 16, 1'000'000);
  limits.max_queued_messages = static_cast<std::size_t>(queued);
  read("max_database_mb", limits.max_database_mb, 1, 1'000'000);
  return limits;
}

}  // namespace

bool is_store_name(std::string_view name) {
  const auto allowed = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'; };
  if (name.empty() || name.size() > 64 || !allowed(name[0]) || name[0] == '-' || name[0] == '_' || name[0] == '.') {
    return false;
  }
  return std::all_of(name.begin(), name.end(), allowed);
}

Result<ServerConfig> parse_server_config(std::string_view json_text, std::string_view source,
                                         const std::string& base_dir) {
  Json document;
  try {
    document = Json::parse(json_text);
  } catch (const Json::exception& error) {  // parse_error, or out_of_range for a number overflow
    return fail(fmt::format("{}: not valid JSON: {}", source, error.what()));
  }
  try {
    const JsonObjectReader r(document, "");
    ServerConfig config;
    if (const auto listen = r.optional_string("listen")) {
      auto address = parse_listen_address(*listen);
      if (!address) throw_field_error("listen", address.error());
      config.listen = address.value();
    }
    config.database = resolve(base_dir, r.optional_string("database").value_or(config.database));
    config.menu = resolve(base_dir, r.string("menu"));
    if (r.has("promise")) {
      config.promise = promise_terms_from_json(r.object("promise"), "promise");
      const JsonObjectReader promise(r.object("promise"), "promise");
      if (const Json* rules = promise.find("rules")) {
        config.promise_rules = promise_rules_from_json(*rules, "promise.rules", config.promise);
      }
    }
    if (const auto timezone = r.optional_string("timezone")) {
      if (!is_timezone_name(*timezone)) {
        throw_field_error("timezone", fmt::format("\"{}\" is not a time zone name like \"Asia/Shanghai\"", *timezone));
      }
      config.timezone = *timezone;
    }

    const Json& devices = r.array("devices");
    std::set<std::string> tokens;
    for (std::size_t i = 0; i < devices.size(); ++i) {
      const JsonObjectReader d(devices[i], fmt::format("devices[{}]", i));
      Device device;
      device.token = d.string("token");
      // Never echo the token itself: config errors end up in logs.
      if (device.token.size() < kMinTokenLength) {
        throw_field_error(d.path_of("token"), fmt::format("must be at least {} characters", kMinTokenLength));
      }
      if (!tokens.insert(device.token).second) throw_field_error(d.path_of("token"), "is used by another device");
      const std::string role = d.string("role");
      const auto parsed = role_from_string(role);
      if (!parsed) throw_field_error(d.path_of("role"), "must be one of table, kiosk, kds, manager");
      device.role = *parsed;
      device.table = d.optional_string("table");
      if (device.role == Role::table) {
        if (!device.table || device.table->empty())
          throw_field_error(d.path_of("table"), "a table device needs its table");
        if (*device.table == kCounterTable) throw_field_error(d.path_of("table"), "\"counter\" is reserved for kiosks");
      } else if (device.table) {
        throw_field_error(d.path_of("table"), "only a table device has a table");
      }
      device.name = d.optional_string("name").value_or(fmt::format("{}#{}", role, i + 1));
      config.devices.push_back(std::move(device));
    }
    if (config.devices.empty()) throw_field_error("devices", "must list at least one device");

    if (r.has("tls")) {
      const JsonObjectReader t(r.object("tls"), "tls");
      config.tls = TlsFiles{resolve(base_dir, t.string("cert")), resolve(base_dir, t.string("key"))};
    }
    if (r.has("web")) {
      const JsonObjectReader w(r.object("web"), "web");
      auto address = parse_listen_address(w.string("listen"));
      if (!address) throw_field_error(w.path_of("listen"), address.error());
      config.web = address.value();
    }
    if (r.has("chain")) {
      const JsonObjectReader c(r.object("chain"), "chain");
      ChainConfig chain;
      chain.store = c.string("store");
      if (!is_store_name(chain.store)) {
        throw_field_error(c.path_of("store"),
                          "must be 1 to 64 lowercase letters, digits, '-', '_' or '.', starting with a letter or digit");
      }
      // Never echo it: it may hold a password, and config errors reach logs.
      chain.postgres = c.string("postgres");
      if (chain.postgres.empty()) throw_field_error(c.path_of("postgres"), "must be a PostgreSQL connection string");
      config.chain = std::move(chain);
    }
    if (r.has("limits")) config.limits = read_limits(JsonObjectReader(r.object("limits"), "limits"));
    if (const auto level = r.optional_string("log_level")) {
      static const std::set<std::string> levels{"trace", "debug", "info", "warn", "error", "critical", "off"};
      if (levels.count(*level) == 0) {
        throw_field_error("log_level", "must be one of trace, debug, info, warn, error, critical, off");
      }
      config.log_level = *level;
    }
    return config;
  } catch (const JsonFieldError& error) {
    return fail(fmt::format("{}: {}", source, error.what()));
  }
}

Result<ServerConfig> load_server_config(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return fail(fmt::format("{}: cannot open the config file", path));
  std::ostringstream text;
  text << file.rdbuf();
  const std::string base = std::filesystem::path(path).parent_path().string();
  return parse_server_config(text.str(), path, base);
}

bool is_timezone_name(std::string_view name) {
  if (name.empty() || name.size() > 64 || name.front() == '/' || name.back() == '/') return false;
  if (name.find("..") != std::string_view::npos || name.find("//") != std::string_view::npos) return false;
  for (const char c : name) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
                    c == '-' || c == '+' || c == '/';
    if (!ok) return false;
  }
  return true;
}

bool constant_time_equals(std::string_view a, std::string_view b) {
  // Compare over the longer length so the time depends on lengths only.
  const std::size_t length = std::max(a.size(), b.size());
  unsigned char difference = a.size() == b.size() ? 0 : 1;
  for (std::size_t i = 0; i < length; ++i) {
    const unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    const unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
    difference |= static_cast<unsigned char>(x ^ y);
  }
  return difference == 0;
}

const Device* find_device(const std::vector<Device>& devices, std::string_view token) {
  const Device* found = nullptr;
  for (const auto& device : devices) {
    // No early exit: every device is compared.
    if (constant_time_equals(device.token, token)) found = &device;
  }
  return found;
}

}  // namespace hourglass::core
