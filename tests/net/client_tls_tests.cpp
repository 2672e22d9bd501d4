// net::Client over TLS against the real kitchen server configured with a
// self-signed certificate made at test time: it connects and works when it
// trusts that certificate, and stays offline (saying why) when it trusts
// another CA, when the name does not match, or when one side is plain TCP.

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "shared/net/client.hpp"

#ifdef HOURGLASS_KITCHEN_BINARY

using namespace hourglass;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

constexpr const char* kTableToken = "table-12-token";

bool wait_until(const std::function<bool()>& done, std::chrono::milliseconds timeout = 5000ms) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < until) {
    if (done()) return true;
    std::this_thread::sleep_for(10ms);
  }
  return done();
}

std::string read_text(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

fs::path fresh_folder(const std::string& name) {
  static int counter = 0;
  const auto folder = fs::temp_directory_path() / ("hourglass-net-tls-" + std::to_string(::getpid()) + "-" +
                                                   std::to_string(++counter) + "-" + name);
  fs::remove_all(folder);
  fs::create_directories(folder);
  return folder;
}

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

// The kitchen server as a child process, with TLS unless `tls` is false.
// The certificate is server.crt in folder().
class TlsKitchen {
 public:
  TlsKitchen(const std::string& name, bool tls = true, const std::string& names = "DNS:localhost,IP:127.0.0.1")
      : folder_(fresh_folder(name)) {
    make_certificate(folder_, "server", names);
    nlohmann::json config{
        {"listen", "127.0.0.1:0"},
        {"database", (folder_ / "kitchen.db").string()},
        {"menu", std::string(HOURGLASS_SOURCE_DIR) + "/assets/menu.json"},
        {"promise", {{"seconds", 900}, {"policy", "free_unserved"}}},
        {"devices", {{{"token", kTableToken}, {"role", "table"}, {"table", "12"}}}},
    };
    if (tls) config["tls"] = {{"cert", (folder_ / "server.crt").string()}, {"key", (folder_ / "server.key").string()}};
    std::ofstream(folder_ / "config.json") << config.dump(2);

    const auto out_path = folder_ / "stdout.txt";
    const auto err_path = folder_ / "stderr.txt";
    const std::string binary = HOURGLASS_KITCHEN_BINARY;
    const std::string config_path = (folder_ / "config.json").string();
    pid_ = ::fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (out < 0 || err < 0) ::_exit(126);
      ::dup2(out, STDOUT_FILENO);
      ::dup2(err, STDERR_FILENO);
      ::execl(binary.c_str(), binary.c_str(), "--config", config_path.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    std::string line;
    const bool listening = wait_until(
        [&] {
          std::ifstream out(out_path);
          std::getline(out, line);
          return line.rfind("listening on ", 0) == 0 && !out.eof();
        },
        15000ms);
    if (!listening) FAIL("hourglass-kitchen did not start; stderr:\n" << read_text(err_path));
    port_ = static_cast<std::uint16_t>(std::stoi(line.substr(line.rfind(':') + 1)));
  }

  ~TlsKitchen() {
    stop();
    std::error_code ignored;
    fs::remove_all(folder_, ignored);
  }
  TlsKitchen(const TlsKitchen&) = delete;
  TlsKitchen& operator=(const TlsKitchen&) = delete;

  std::uint16_t port() const { return port_; }
  const fs::path& folder() const { return folder_; }

 private:
  void stop() {
    ::kill(pid_, SIGTERM);
    int status = 0;
    for (int i = 0; i < 500; ++i) {
      if (::waitpid(pid_, &status, WNOHANG) == pid_) return;
      std::this_thread::sleep_for(10ms);
    }
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, &status, 0);
  }

  fs::path folder_;
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
};

net::Options tls_options(const TlsKitchen& server, const fs::path& ca_file, const std::string& host = "127.0.0.1") {
  net::Options options;
  options.host = host;
  options.port = server.port();
  options.role = core::Role::table;
  options.token = kTableToken;
  options.device = "tls-test";
  options.backoff = net::BackoffOptions{50ms, 400ms, 2.0, 0.0};
  options.ping_interval = 200ms;
  options.tls = true;
  options.ca_file = ca_file.string();
  return options;
}

// Stays offline: never connected, and the last error says why.
void check_stays_offline(net::Client& client, const std::string& why) {
  REQUIRE(wait_until([&] { return client.snapshot().connection.reconnect_attempts >= 2; }));
  CHECK_FALSE(client.connected());
  CHECK_FALSE(client.snapshot().welcome);
  INFO(client.last_error());
  CHECK(client.last_error().find(why) != std::string::npos);
}

}  // namespace

TEST_CASE("client over TLS: welcome, menu, snapshot and an order", "[net][integration][tls]") {
  TlsKitchen server("works");
  SECTION("by IP address") {
    net::Client client(tls_options(server, server.folder() / "server.crt"));
    REQUIRE(wait_until([&] { return client.snapshot().connection.synced; }));
    const net::State state = client.snapshot();
    CHECK(client.connected());
    REQUIRE(state.welcome);
    CHECK(state.welcome->table == std::optional<std::string>("12"));
    REQUIRE(state.menu);
    CHECK(state.menu->find("koushuiji"));

    const std::string order_id = client.place_order({core::LineRequest{"koushuiji", 2, ""}});
    REQUIRE(wait_until([&] {
      const net::State now = client.snapshot();
      return now.outbox.empty() && !now.orders.empty();
    }));
    CHECK(client.snapshot().orders.begin()->second.order_id == order_id);
  }
  SECTION("by host name (SNI and the DNS name checked)") {
    net::Client client(tls_options(server, server.folder() / "server.crt", "localhost"));
    REQUIRE(wait_until([&] { return client.snapshot().connection.synced; }));
    CHECK(client.connected());
  }
}

TEST_CASE("client over TLS: refuses a server it cannot verify", "[net][integration][tls]") {
  TlsKitchen server("refused");

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
    REQUIRE(wait_until([&] { return client.snapshot().connection.reconnect_attempts >= 2; }));
    CHECK_FALSE(client.connected());
    CHECK_FALSE(client.snapshot().welcome);
  }
}

TEST_CASE("client over TLS: the certificate must name the host", "[net][integration][tls]") {
  TlsKitchen server("wrong-name", true, "DNS:elsewhere.example");
  net::Client client(tls_options(server, server.folder() / "server.crt"));
  check_stays_offline(client, "hostname mismatch");
}

TEST_CASE("client over TLS: a plain-TCP server is not accepted", "[net][integration][tls]") {
  TlsKitchen server("plain-server", false);
  net::Client client(tls_options(server, server.folder() / "server.crt"));
  check_stays_offline(client, "TLS handshake");
}

TEST_CASE("client over TLS: an unreadable CA file is an error at construction", "[net][tls]") {
  net::Options options;
  options.tls = true;
  options.ca_file = "/nonexistent/ca.pem";
  CHECK_THROWS_WITH(net::Client(options), Catch::Contains("/nonexistent/ca.pem"));
}

#endif  // HOURGLASS_KITCHEN_BINARY
