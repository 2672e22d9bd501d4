#include "shared/net/screen_connection.hpp"

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

}  // namespace hourglass::net
