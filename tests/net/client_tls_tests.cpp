// net::Client over TLS against the real kitchen server configured with a
// self-signed certificate made at test time: it connects and works when it
// trusts that certificate, and stays offline (saying why) when it trusts
// another CA, when the name does not match, or when one side is plain TCP.

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "shared/net/client.hpp"
#include "tests/kit/test_kit.hpp"

using namespace hourglass;
using namespace std::chrono_literals;
namespace fs = std::filesystem;
using test::eventually;

namespace {

// A self-signed certificate `name`.crt / `name`.key in `folder`.
void make_certificate(const fs::path& folder, const std::string& name,
                      const std::string& names = "DNS:localhost,IP:127.0.0.1") {
  const std::string command =
      "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost -addext "
      "subjectAltName=" +
      names + " -keyout '" + (folder / (name + ".key")).string() + "' -out '" + (folder / (name + ".crt")).string() +
      "' 2>/dev/null";
  REQUIRE(std::system(command.c_str()) == 0);
}

// The standard test kitchen with TLS (unless `tls` is false) on a
// certificate for `names`, server.crt in folder().
class TlsKitchen {
 public:
  explicit TlsKitchen(bool tls = true, const std::string& names = "DNS:localhost,IP:127.0.0.1")
      : server_(write_config(dir_, tls, names)) {}

  std::uint16_t port() const { return server_.port(); }
  const fs::path& folder() const { return dir_.path(); }

 private:
  static fs::path write_config(const test::TempDir& dir, bool tls, const std::string& names) {
    make_certificate(dir.path(), "server", names);
    test::TestConfig config;
    if (tls) config.tls = R"({"cert":"server.crt","key":"server.key"})";  // relative to the config file
    return dir.write_config(config);
  }

  test::TempDir dir_;
  test::ServerProcess server_;
};

net::Options tls_options(const TlsKitchen& server, const fs::path& ca_file, const std::string& host = "127.0.0.1") {
  net::Options options;
  options.host = host;
  options.port = server.port();
  options.role = core::Role::table;
  options.token = test::kTable1;
  options.device = "tls-test";
  options.backoff = net::BackoffOptions{50ms, 400ms, 2.0, 0.0};
  options.ping_interval = 200ms;
  options.tls = true;
  options.ca_file = ca_file.string();
  return options;
}

// Stays offline: never connected, and the last error says why.
void check_stays_offline(net::Client& client, const std::string& why) {
  REQUIRE(eventually([&] { return client.snapshot().connection.reconnect_attempts >= 2; }));
  CHECK_FALSE(client.connected());
  CHECK_FALSE(client.snapshot().welcome);
  INFO(client.last_error());
  CHECK(client.last_error().find(why) != std::string::npos);
}

}  // namespace

TEST_CASE("client over TLS: welcome, menu, snapshot and an order", "[net][integration][tls]") {
  TlsKitchen server;
  SECTION("by IP address") {
    net::Client client(tls_options(server, server.folder() / "server.crt"));
    REQUIRE(eventually([&] { return client.snapshot().connection.synced; }));
    const net::State state = client.snapshot();
    CHECK(client.connected());
    REQUIRE(state.welcome);
    CHECK(state.welcome->table == std::optional<std::string>("1"));
    REQUIRE(state.menu);
    CHECK(state.menu->find("koushuiji"));

    const std::string order_id = client.place_order({core::LineRequest{"koushuiji", 2, ""}});
    REQUIRE(eventually([&] {
      const net::State now = client.snapshot();
      return now.outbox.empty() && !now.orders.empty();
    }));
    CHECK(client.snapshot().orders.begin()->second.order_id == order_id);
  }
  SECTION("by host name (SNI and the DNS name checked)") {
    net::Client client(tls_options(server, server.folder() / "server.crt", "localhost"));
    REQUIRE(eventually([&] { return client.snapshot().connection.synced; }));
    CHECK(client.connected());
  }
}

TEST_CASE("client over TLS: refuses a server it cannot verify", "[net][integration][tls]") {
  TlsKitchen server;

  SECTION("a certificate from another CA") {
    make_certificate(server.folder(), "stranger");
    net::Client client(tls_options(server, server.folder() / "stranger.crt"));
    check_stays_offline(client, "certificate verify failed");
  }
  SECTION("an empty ca_file uses the system's CAs, which do not know a self-signed certificate") {
    net::Client client(tls_options(server, ""));
    check_stays_offline(client, "certificate verify failed");
  }
  SECTION("a plain-TCP client gets no welcome") {
    net::Options options = tls_options(server, "");
    options.tls = false;
    net::Client client(options);
    REQUIRE(eventually([&] { return client.snapshot().connection.reconnect_attempts >= 2; }));
    CHECK_FALSE(client.connected());
    CHECK_FALSE(client.snapshot().welcome);
  }
}

TEST_CASE("client over TLS: the certificate must name the host", "[net][integration][tls]") {
  TlsKitchen server(true, "DNS:elsewhere.example");
  net::Client client(tls_options(server, server.folder() / "server.crt"));
  check_stays_offline(client, "hostname mismatch");
}

TEST_CASE("client over TLS: a plain-TCP server is not accepted", "[net][integration][tls]") {
  TlsKitchen server(false);
  net::Client client(tls_options(server, server.folder() / "server.crt"));
  check_stays_offline(client, "TLS handshake");
}

TEST_CASE("client over TLS: an unreadable CA file is an error at construction", "[net][tls]") {
  net::Options options;
  options.tls = true;
  options.ca_file = "/nonexistent/ca.pem";
  CHECK_THROWS_WITH(net::Client(options), Catch::Contains("/nonexistent/ca.pem"));
}
