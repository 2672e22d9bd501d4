// hourglass-client-probe: one net::Client and nothing else, for tests that
// must run a real client in its own process (under libfaketime, say). It
// prints a line on stdout each time the connection changes:
//   <wall ms> connected
//   <wall ms> offline <reason>
// where <wall ms> is the wall clock as this process sees it. It runs until
// SIGTERM or SIGINT.

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <string>
#include <thread>

#include "shared/net/client.hpp"

namespace {

volatile std::sig_atomic_t stop_requested = 0;

std::int64_t wall_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

int main(int argc, char** argv) {
  namespace net = hourglass::net;
  CLI::App app{"hourglass-client-probe: prints a client's connection changes"};
  std::string server;
  std::string token;
  int silence_ms = 10000;
  int ping_ms = 3000;
  app.add_option("--server", server, "HOST:PORT")->required();
  app.add_option("--token", token, "a table token")->required();
  app.add_option("--silence-ms", silence_ms, "the client's silence timeout");
  app.add_option("--ping-ms", ping_ms, "the client's ping interval");
  CLI11_PARSE(app, argc, argv);

  const auto address = net::parse_server_address(server);
  if (!address) {
    std::fprintf(stderr, "--server: %s\n", address.error().c_str());
    return 2;
  }
  std::signal(SIGTERM, [](int) { stop_requested = 1; });
  std::signal(SIGINT, [](int) { stop_requested = 1; });
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  // stdout carries only the lines above; the client's log goes to stderr.
  spdlog::set_default_logger(spdlog::stderr_color_mt("probe"));

  net::Options options;
  options.host = address->host;
  options.port = address->port;
  options.token = token;
  options.device = "client-probe";
  options.silence_timeout = std::chrono::milliseconds(silence_ms);
  options.ping_interval = std::chrono::milliseconds(ping_ms);
  net::Client client(options);

  bool connected = false;
  while (stop_requested == 0) {
    const bool now_connected = client.connected();
    if (now_connected != connected) {
      connected = now_connected;
      if (connected) {
        std::printf("%lld connected\n", static_cast<long long>(wall_ms()));
      } else {
        std::printf("%lld offline %s\n", static_cast<long long>(wall_ms()), client.last_error().c_str());
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return 0;
}
