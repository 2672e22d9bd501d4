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

}  // namespace hourglass::net
