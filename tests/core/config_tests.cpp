#include <catch2/catch.hpp>

#include "shared/core/config.hpp"

using namespace hourglass::core;

namespace {

Json sample_config() {
  return Json::parse(R"({"listen":"127.0.0.1:7015","database":"hourglass.db","menu":"assets/menu.json",
    "promise":{"seconds":900,"policy":"free_unserved"},
    "devices":[{"token":"table-twelve-token","role":"table","table":"12"},
               {"token":"kiosk-one-token","role":"kiosk"},
               {"token":"kds-pass-token","role":"kds"},
               {"token":"manager-token-1","role":"manager"}]})");
}

std::string error_of(const Json& config) {
  const auto parsed = parse_server_config(config.dump(), "kitchen.json", "/etc/hourglass");
  REQUIRE_FALSE(parsed.ok());
  return parsed.error();
}

}  // namespace

TEST_CASE("the config of PROTOCOL.md loads", "[core][config]") {
  const auto config = parse_server_config(sample_config().dump(), "kitchen.json", "/etc/hourglass");
  REQUIRE(config.ok());
  CHECK(config->listen.host == "127.0.0.1");
  CHECK(config->listen.port == 7015);
  CHECK(config->database == "/etc/hourglass/hourglass.db");  // relative to the config's folder
  CHECK(config->menu == "/etc/hourglass/assets/menu.json");
  CHECK(config->promise == PromiseTerms{900, FreeUnservedPolicy{}});
  REQUIRE(config->devices.size() == 4);
  CHECK(config->devices[0].role == Role::table);
  CHECK(config->devices[0].table == "12");
  CHECK(config->limits.hello_timeout_s == 10);
  CHECK_FALSE(config->tls.has_value());
}

TEST_CASE("bill_percent, tls and limits load", "[core][config]") {
  Json config = sample_config();
  config["promise"] = Json::parse(R"({"seconds":1500,"policy":"bill_percent","pay_percent":69})");
  config["tls"] = Json::parse(R"({"cert":"/abs/cert.pem","key":"key.pem"})");
  config["limits"] = Json::parse(R"({"requests_per_second":5,"max_connections":300})");
  const auto parsed = parse_server_config(config.dump(), "kitchen.json", "/etc/hourglass");
  REQUIRE(parsed.ok());
  CHECK(parsed->promise == PromiseTerms{1500, BillPercentPolicy{69}});
  CHECK(parsed->tls->cert == "/abs/cert.pem");
  CHECK(parsed->tls->key == "/etc/hourglass/key.pem");
  CHECK(parsed->limits.requests_per_second == 5);
  CHECK(parsed->limits.max_connections == 300);
}

TEST_CASE("the chain section names the store and its central PostgreSQL", "[core][config]") {
  Json config = sample_config();
  CHECK_FALSE(parse_server_config(config.dump(), "kitchen.json", "")->chain.has_value());
  config["chain"] = Json::parse(R"({"store":"wuhan-01","postgres":"host=10.0.0.9 dbname=chain user=hg password=s3cret"})");
  const auto parsed = parse_server_config(config.dump(), "kitchen.json", "");
  REQUIRE(parsed.ok());
  REQUIRE(parsed->chain);
  CHECK(parsed->chain->store == "wuhan-01");
  CHECK(parsed->chain->postgres == "host=10.0.0.9 dbname=chain user=hg password=s3cret");

  const std::string store_rule =
      "must be 1 to 64 lowercase letters, digits, '-', '_' or '.', starting with a letter or digit";
  for (const std::string& store : std::vector<std::string>{"", "Wuhan-01", "-wuhan", "wu han", "武汉", std::string(65, 'a')}) {
    INFO(store);
    config["chain"]["store"] = store;
    CHECK(error_of(config) == "kitchen.json: chain.store: " + store_rule);
  }
  CHECK(is_store_name(std::string(64, 'a')));
  CHECK(is_store_name("shanghai.east_2"));
  config["chain"]["store"] = "wuhan-01";
  config["chain"]["postgres"] = "";
  CHECK(error_of(config) == "kitchen.json: chain.postgres: must be a PostgreSQL connection string");
  config["chain"].erase("postgres");
  CHECK_THAT(error_of(config), Catch::StartsWith("kitchen.json: chain.postgres"));
}

TEST_CASE("config errors name the file and the field", "[core][config]") {
  Json config = sample_config();
  std::string expected;
  SECTION("no menu") {
    config.erase("menu");
    expected = "kitchen.json: menu: missing";
  }
  SECTION("bad listen") {
    config["listen"] = "localhost";
    expected = "kitchen.json: listen: listen address \"localhost\" must be HOST:PORT";
  }
  SECTION("unknown role") {
    config["devices"][1]["role"] = "chef";
    expected = "kitchen.json: devices[1].role: must be one of table, kiosk, kds, manager";
  }
  SECTION("table without its table") {
    config["devices"][0].erase("table");
    expected = "kitchen.json: devices[0].table: a table device needs its table";
  }
  SECTION("short token") {
    config["devices"][2]["token"] = "abc";
    expected = "kitchen.json: devices[2].token: must be at least 8 characters";
  }
  SECTION("token used twice") {
    config["devices"][3]["token"] = "kds-pass-token";
    expected = "kitchen.json: devices[3].token: is used by another device";
  }
  SECTION("promise of zero seconds") {
    config["promise"]["seconds"] = 0;
    expected = "kitchen.json: promise.seconds: must be an integer 1-86400";
  }
  SECTION("no devices") {
    config["devices"] = Json::array();
    expected = "kitchen.json: devices: must list at least one device";
  }
  CHECK(error_of(config) == expected);
}

TEST_CASE("a config that is not JSON is refused", "[core][config]") {
  const auto parsed = parse_server_config("{listen:", "kitchen.json", "");
  REQUIRE_FALSE(parsed.ok());
  CHECK_THAT(parsed.error(), Catch::StartsWith("kitchen.json: not valid JSON"));
}

TEST_CASE("a config with a number too large for a double is refused, not thrown", "[core][config]") {
  // Found by fuzz_config: nlohmann reports the overflow as out_of_range, not parse_error.
  const auto parsed = parse_server_config(R"({"_comment": 2.2E2200006171178737961038279})", "kitchen.json", "");
  REQUIRE_FALSE(parsed.ok());
  CHECK_THAT(parsed.error(), Catch::StartsWith("kitchen.json: not valid JSON") &&
                                 Catch::Contains("number overflow"));
}

TEST_CASE("listen addresses", "[core][config]") {
  CHECK(parse_listen_address("0.0.0.0:0")->port == 0);
  CHECK(parse_listen_address("[::1]:7015")->host == "::1");
  CHECK_FALSE(parse_listen_address("127.0.0.1:70000").ok());
  CHECK_FALSE(parse_listen_address("127.0.0.1:").ok());
  CHECK_FALSE(parse_listen_address(":7015").ok());
}

TEST_CASE("tokens are found by exact match only", "[core][config][security]") {
  const auto config = parse_server_config(sample_config().dump(), "kitchen.json", "");
  REQUIRE(config.ok());
  const Device* kds = find_device(config->devices, "kds-pass-token");
  REQUIRE(kds != nullptr);
  CHECK(kds->role == Role::kds);
  CHECK(find_device(config->devices, "kds-pass-toke") == nullptr);
  CHECK(find_device(config->devices, "kds-pass-token ") == nullptr);
  CHECK(find_device(config->devices, "") == nullptr);
  CHECK(constant_time_equals("abc", "abc"));
  CHECK_FALSE(constant_time_equals("abc", "abd"));
  CHECK_FALSE(constant_time_equals("abc", "ab"));
}
