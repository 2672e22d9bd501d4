#include "shared/net/screen_connection.hpp"

#include <CLI/CLI.hpp>
#include <thread>

namespace hourglass::net {

core::Result<std::unique_ptr<Client>, std::string> connect_screen(const ScreenConnection& connection) {
  auto address = parse_server_address(connection.server);
  if (!address) return core::fail("--server: " + address.error());
  Options options;
  options.host = address->host;
  options.port = address->port;
  options.role = connection.role;
  options.token = connection.token;
  options.device = connection.device;
  options.tls = connection.tls;
  options.ca_file = connection.ca_file;
  if (connection.now_ms) options.now_ms = connection.now_ms;
  if (connection.steady_ms) options.steady_ms = connection.steady_ms;
  try {
    std::unique_ptr<Client> client = std::make_unique<Client>(options);
    return client;
  } catch (const std::exception& error) {  // an unreadable CA file or outbox: the caller says so and exits
    return core::fail(std::string(error.what()));
  }
}

std::optional<core::Menu> wait_for_menu(const Client& client, std::chrono::milliseconds timeout) {
  const auto give_up = std::chrono::steady_clock::now() + timeout;
  while (true) {
    const State state = client.snapshot();
    if (state.menu) return state.menu;
    if (state.connection.fatal || std::chrono::steady_clock::now() >= give_up) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

core::Language ScreenOptions::language() const { return lang == "zh" ? core::Language::zh : core::Language::en; }

void add_screen_options(CLI::App& app, ScreenOptions& options) {
  app.add_option("--server", options.server, "Kitchen server HOST:PORT");
  app.add_option("--token", options.token, "This device's token (from the server's device list)");
  app.add_flag("--tls", options.tls, "Connect with TLS (the server must have a certificate)");
  app.add_option("--ca-file", options.ca_file, "With --tls: trust this CA file (PEM) instead of the system's")
      ->check(CLI::ExistingFile);
  app.add_option("--lang", options.lang, "Language: en or zh")->check(CLI::IsMember({"en", "zh"}));
}

core::Result<std::unique_ptr<Client>, std::string> connect_and_wait(const ScreenOptions& options, core::Role role,
                                                                    std::string device,
                                                                    std::function<std::int64_t()> now_ms,
                                                                    core::Menu& menu,
                                                                    std::chrono::milliseconds menu_wait) {
  auto connected = connect_screen(
      {options.server, role, options.token, std::move(device), options.tls, options.ca_file, std::move(now_ms), {}});
  if (!connected) return connected;
  if (auto served = wait_for_menu(*connected.value(), menu_wait)) menu = std::move(*served);
  return connected;
}

}  // namespace hourglass::net
