#pragma once
// The kiosk's small config file, so a tablet can be set up once:
//   {"server":"10.0.0.2:7015","token":"t12","mode":"table","lang":"zh",
//    "reset_seconds":20,"cart_file":"/var/lib/hourglass/cart.json",
//    "menu":"/usr/share/hourglass/menu.json"}
// Every field is optional; command-line options override the file.

#include <optional>
#include <string>

#include "kiosk/kiosk_state.hpp"
#include "shared/core/menu.hpp"
#include "shared/core/result.hpp"

namespace hourglass::kiosk {

struct KioskConfig {
  std::optional<std::string> server;
  std::optional<std::string> token;
  std::optional<Mode> mode;
  std::optional<core::Language> language;
  std::optional<int> reset_seconds;
  std::optional<std::string> cart_file;
  std::optional<std::string> menu;
};

core::Result<KioskConfig> parse_kiosk_config(const std::string& json_text, const std::string& source);
core::Result<KioskConfig> load_kiosk_config(const std::string& path);

// Where a live kiosk keeps its cart (and, beside it, the unacknowledged
// orders) when no --cart-file is given, so a restart loses nothing by
// default: $XDG_STATE_HOME/hourglass (or ~/.local/state/hourglass, or the
// working directory) / cart-<mode>-<server>.json. The token is not in the
// name: file names end up in logs.
std::string default_cart_file(Mode mode, const std::string& server);

std::optional<core::Language> language_from_string(const std::string& text);
std::optional<Mode> mode_from_string(const std::string& text);

}  // namespace hourglass::kiosk
