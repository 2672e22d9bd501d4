#pragma once
// The standard test kitchen: its devices and tokens, a kitchen.json writer
// with the knobs the tests turn, and the sample menu (assets/menu.json).

#include <cstdint>
#include <filesystem>
#include <string>

#include "shared/core/menu.hpp"

namespace hourglass::test {

// Tokens of the standard test config: tables 1 (two tablets) and 2, two
// kiosks (the counter), two kitchen displays and the manager.
inline constexpr const char* kTable1 = "token-table-1";
inline constexpr const char* kTable1b = "token-table-1b";
inline constexpr const char* kTable2 = "token-table-2";
inline constexpr const char* kKiosk1 = "token-kiosk-1";
inline constexpr const char* kKiosk2 = "token-kiosk-2";
inline constexpr const char* kKds = "token-kds-1";
inline constexpr const char* kKds2 = "token-kds-2";
inline constexpr const char* kManager = "token-manager";

struct TestConfig {
  std::int64_t promise_seconds = 900;
  std::string policy = R"({"policy":"free_unserved"})";  // without "seconds"
  std::string limits = "{}";
  int extra_tables = 0;  // tokens "token-extra-N", tables "x<N>"
  std::string log_level = "info";
  std::string timezone;  // an IANA name; empty: none in the file (the system's)
  std::string tls;  // a "tls" object, e.g. {"cert":"cert.pem","key":"key.pem"}; empty: plain TCP
  std::string chain;  // a "chain" object, e.g. {"store":"s1","postgres":"host=…"}; empty: none
  bool web = false;  // the manager's page on 127.0.0.1:0 (its port: web_port_of in test_kit.hpp)
};

// Writes `folder`/kitchen.json: listen 127.0.0.1:0, the database
// kitchen.db beside it, the sample menu, the standard devices. Returns its path.
std::filesystem::path write_kitchen_config(const std::filesystem::path& folder, const TestConfig& config = {});

// A self-signed certificate for localhost and 127.0.0.1: `name`.crt and
// `name`.key in `folder` (openssl req); throws if it cannot be made.
void make_test_certificate(const std::filesystem::path& folder, const std::string& name);

// assets/menu.json of this source tree, and the menu in it.
std::filesystem::path sample_menu_path();
const core::Menu& sample_menu();

}  // namespace hourglass::test
