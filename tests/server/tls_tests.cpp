// The real server with "tls" in its config: the line protocol runs inside
// TLS, plain TCP gets nothing, a client that never handshakes is closed, and
// a certificate or key that cannot be loaded stops the server at start-up,
// and only forward-secret AEAD suites are offered.
// Certificates are made at test time with the openssl command.

#include <fmt/format.h>
#include <sys/wait.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>
#include <catch2/catch.hpp>
#include <cstdlib>

#include "tests/server/test_support.hpp"

namespace {

using namespace hourglass;
using namespace hourglass::test;
namespace asio = boost::asio;
namespace fs = std::filesystem;

void make_certificate(const fs::path& dir, const std::string& name) { make_test_certificate(dir, name); }

// What a client offers: the protocol versions and TLS 1.2 cipher suites
// (OpenSSL names; empty: OpenSSL's defaults).
struct ClientOffer {
  int max_version = 0;  // 0: the highest there is; TLS1_2_VERSION for a TLS 1.2 client
  std::string tls12_ciphers;
};

// A TLS line client that trusts `ca_file` and checks the name 127.0.0.1.
// The constructor throws if the handshake fails.
class TlsLineClient {
 public:
  TlsLineClient(std::uint16_t port, const fs::path& ca_file, const ClientOffer& offer = {}) {
    // On the connection's own SSL (made from the context before this body runs).
    if (offer.max_version != 0) SSL_set_max_proto_version(stream_.native_handle(), offer.max_version);
    if (!offer.tls12_ciphers.empty()) SSL_set_cipher_list(stream_.native_handle(), offer.tls12_ciphers.c_str());
    context_.load_verify_file(ca_file.string());
    stream_.set_verify_mode(asio::ssl::verify_peer);
    stream_.set_verify_callback(asio::ssl::host_name_verification("127.0.0.1"));
    stream_.next_layer().connect({asio::ip::make_address("127.0.0.1"), port});
    stream_.handshake(asio::ssl::stream_base::client);
  }

  // What the handshake agreed: "TLSv1.2", "ECDHE-RSA-AES256-GCM-SHA384".
  std::string version() { return SSL_get_version(stream_.native_handle()); }
  std::string cipher() { return SSL_get_cipher_name(stream_.native_handle()); }

  void send(const core::ClientMessage& message, core::RequestId req) {
    const core::ClientEnvelope envelope{req, message};
    const std::string line = core::encode(envelope) + "\n";
    asio::write(stream_, asio::buffer(line));
  }

  // The next message, or nothing on timeout or end of stream.
  std::optional<core::ServerEnvelope> next(Ms timeout = 5s) {
    std::optional<std::string> line;
    asio::async_read_until(stream_, asio::dynamic_buffer(buffer_), '\n',
                           [&](const boost::system::error_code& error, std::size_t size) {
                             if (error) return;
                             line = buffer_.substr(0, size - 1);
                             buffer_.erase(0, size);
                           });
    io_.restart();
    io_.run_for(timeout);
    if (!io_.stopped()) {  // timed out: abandon the connection
      boost::system::error_code ignored;
      stream_.next_layer().close(ignored);
      io_.run();
    }
    if (!line) return std::nullopt;
    auto decoded = core::decode_server_message(*line);
    if (!decoded) FAIL("undecodable line over TLS: " << *line);
    return decoded.value();
  }

 private:
  asio::io_context io_;
  asio::ssl::context context_{asio::ssl::context::tls_client};
  asio::ssl::stream<asio::ip::tcp::socket> stream_{io_, context_};
  std::string buffer_;
};

core::Hello hello_as(const std::string& token, core::Role role) {
  return core::Hello{core::kProtocolVersion, role, "tls-test", token};
}

}  // namespace

TEST_CASE("tls: the line protocol runs inside TLS and nothing else is served", "[server][integration][tls]") {
  TempDir dir;
  make_certificate(dir.path(), "server");
  TestConfig config;
  config.tls = R"({"cert":"server.crt","key":"server.key"})";  // relative to the config file
  config.limits = R"({"hello_timeout_s":1})";
  ServerProcess server(dir.write_config(config));

  SECTION("a TLS client gets welcome, menu and snapshot and places an order") {
    TlsLineClient client(server.port(), dir.path() / "server.crt");
    client.send(hello_as(kTable1, core::Role::table), 1);
    const auto welcome = client.next();
    REQUIRE(welcome);
    REQUIRE(as<core::Welcome>(*welcome));
    CHECK(as<core::Welcome>(*welcome)->table == std::optional<std::string>("1"));
    const auto menu = client.next();
    REQUIRE(menu);
    CHECK(as<core::MenuMessage>(*menu));
    const auto snapshot = client.next();
    REQUIRE(snapshot);
    CHECK(as<core::Snapshot>(*snapshot));

    const std::string order_id = unique_id("tls-order");
    client.send(simple_order(order_id, {{"koushuiji", 2}}), 2);
    std::optional<core::ServerEnvelope> reply;
    while ((reply = client.next()) && reply->re != std::optional<core::RequestId>(2)) {
    }
    REQUIRE(reply);
    INFO(describe(*reply));
    const auto* order = as<core::OrderMessage>(*reply);
    REQUIRE(order);
    CHECK(order->order.order_id == order_id);
  }

  SECTION("a plain-TCP client saying hello gets no welcome and is closed") {
    LineClient plain(server.port());
    core::ClientMessage hello = hello_as(kTable1, core::Role::table);
    plain.send(hello, 1);
    const auto line = plain.read_line(3s);
    if (line) CHECK(line->find("welcome") == std::string::npos);
    CHECK(plain.wait_closed(5s));
  }

  SECTION("a client that never starts the handshake is closed at the hello deadline") {
    LineClient silent(server.port());
    CHECK(silent.wait_closed(10s));
    CHECK(eventually([&] { return server.log().find("TLS handshake or hello within 1 s") != std::string::npos; }));
  }

  SECTION("only forward-secret AEAD suites: a CBC-only or static-RSA client is refused, AEAD ones connect") {
    CHECK_THROWS(TlsLineClient(server.port(), dir.path() / "server.crt",
                               {TLS1_2_VERSION, "ECDHE-RSA-AES128-SHA:ECDHE-RSA-AES256-SHA384:AES128-SHA:AES256-SHA256"}));
    CHECK_THROWS(TlsLineClient(server.port(), dir.path() / "server.crt", {TLS1_2_VERSION, "AES128-GCM-SHA256"}));
    TlsLineClient gcm(server.port(), dir.path() / "server.crt", {TLS1_2_VERSION, "ECDHE-RSA-AES128-GCM-SHA256"});
    CHECK(gcm.version() == "TLSv1.2");
    CHECK(gcm.cipher() == "ECDHE-RSA-AES128-GCM-SHA256");
    TlsLineClient chacha(server.port(), dir.path() / "server.crt", {TLS1_2_VERSION, "ECDHE-RSA-CHACHA20-POLY1305"});
    CHECK(chacha.cipher() == "ECDHE-RSA-CHACHA20-POLY1305");
    // A TLS 1.2 client offering everything gets the server's first choice.
    TlsLineClient any12(server.port(), dir.path() / "server.crt", {TLS1_2_VERSION, ""});
    CHECK(any12.cipher() == "ECDHE-RSA-AES256-GCM-SHA384");
    TlsLineClient modern(server.port(), dir.path() / "server.crt");
    CHECK(modern.version() == "TLSv1.3");
    CHECK(modern.cipher() == "TLS_AES_256_GCM_SHA384");
  }

  SECTION("a TLS client that trusts another CA cannot connect") {
    make_certificate(dir.path(), "stranger");
    CHECK_THROWS(TlsLineClient(server.port(), dir.path() / "stranger.crt"));
    // The server goes on serving the others.
    TlsLineClient client(server.port(), dir.path() / "server.crt");
    client.send(hello_as(kKds, core::Role::kds), 1);
    const auto welcome = client.next();
    REQUIRE(welcome);
    CHECK(as<core::Welcome>(*welcome));
  }
}

TEST_CASE("tls: a certificate or key that cannot be loaded stops the server at start-up",
          "[server][integration][tls]") {
  TempDir dir;
  make_certificate(dir.path(), "server");
  TestConfig config;
  std::string named;

  SECTION("a missing certificate") {
    config.tls = R"({"cert":"missing.crt","key":"server.key"})";
    named = (dir.path() / "missing.crt").string();
  }
  SECTION("a missing key") {
    config.tls = R"({"cert":"server.crt","key":"missing.key"})";
    named = (dir.path() / "missing.key").string();
  }
  SECTION("a key that is not the certificate's") {
    make_certificate(dir.path(), "other");
    config.tls = R"({"cert":"server.crt","key":"other.key"})";
    named = (dir.path() / "other.key").string();
  }

  const RunResult result = run_server_to_exit(dir.write_config(config));
  INFO(result.output);
  CHECK(result.exit_code != 0);
  CHECK(result.exit_code != 124);  // not a timeout: it never started
  CHECK(result.output.find(named) != std::string::npos);
  CHECK(result.output.find("listening on") == std::string::npos);
}
