#pragma once
// How a kitchen screen (display, manager console) joins the kitchen: the
// same flags, the same client set-up, the same wait for the menu whose names
// its font atlas needs.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "shared/core/menu.hpp"
#include "shared/core/order.hpp"
#include "shared/core/result.hpp"
#include "shared/net/client.hpp"

namespace CLI {
class App;
}

namespace hourglass::net {

struct ScreenConnection {
  std::string server;  // "HOST:PORT", as given with --server
  core::Role role = core::Role::kds;
  std::string token;
  std::string device;
  bool tls = false;
  std::string ca_file;
  std::function<std::int64_t()> now_ms;     // the local wall clock (Options::now_ms)
  std::function<std::int64_t()> steady_ms;  // the monotonic clock (Options::steady_ms)
};

// Starts the screen's client. The error says what is wrong: the address, or
// an unreadable CA file.
core::Result<std::unique_ptr<Client>, std::string> connect_screen(const ScreenConnection& connection);

// Waits up to `timeout` for the server's menu; nothing on time-out or when
// the server refused this device.
std::optional<core::Menu> wait_for_menu(const Client& client, std::chrono::milliseconds timeout);

// The options every screen takes to join the kitchen, with the same names
// and help everywhere: --server --token --tls --ca-file --lang.
struct ScreenOptions {
  std::string server = "127.0.0.1:7015";
  std::string token;
  bool tls = false;
  std::string ca_file;
  std::string lang = "en";
  core::Language language() const;
};
void add_screen_options(CLI::App& app, ScreenOptions& options);

// The one connect-and-wait path of every screen: starts the client and
// waits up to `menu_wait` for the server's menu, whose names the font atlas
// needs (then `menu` is replaced by it; it stays as given when the server
// is slow). The error says what is wrong: the address, or an unreadable file.
core::Result<std::unique_ptr<Client>, std::string> connect_and_wait(const ScreenOptions& options, core::Role role,
                                                                    std::string device,
                                                                    std::function<std::int64_t()> now_ms,
                                                                    core::Menu& menu,
                                                                    std::chrono::milliseconds menu_wait);

}  // namespace hourglass::net
