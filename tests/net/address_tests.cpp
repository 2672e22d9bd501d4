#include <catch2/catch.hpp>

#include "shared/net/client.hpp"

using hourglass::net::parse_server_address;

TEST_CASE("server address: host and port", "[net]") {
  const auto [text, host, port] = GENERATE(table<std::string, std::string, int>({
      {"127.0.0.1:7015", "127.0.0.1", 7015},
      {"kitchen.local:9000", "kitchen.local", 9000},
      {"kitchen.local", "kitchen.local", 7015},
      {"[::1]:8000", "::1", 8000},
      {"[::1]", "::1", 7015},
      {"::1", "::1", 7015},
  }));
  const auto parsed = parse_server_address(text);
  REQUIRE(parsed);
  CHECK(parsed->host == host);
  CHECK(parsed->port == port);
}

TEST_CASE("server address: refusals say why", "[net]") {
  const auto text =
      GENERATE(as<std::string>{}, "", ":7015", "host:", "host:0", "host:65536", "host:12x", "[::1", "[::1]x");
  const auto parsed = parse_server_address(text);
  CHECK_FALSE(parsed);
  if (!parsed) CHECK_FALSE(parsed.error().empty());
}
