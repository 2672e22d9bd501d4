#include <charconv>

#include "shared/net/client.hpp"

namespace hourglass::net {

core::Result<ServerAddress, std::string> parse_server_address(std::string_view text) {
  ServerAddress address;
  std::string_view port_text;
  if (text.empty()) return core::fail(std::string("empty server address"));
  if (text.front() == '[') {  // [v6]:port
    const auto close = text.find(']');
    if (close == std::string_view::npos) return core::fail("missing ']' in " + std::string(text));
    address.host = std::string(text.substr(1, close - 1));
    const auto rest = text.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return core::fail("expected ':' after ']' in " + std::string(text));
      port_text = rest.substr(1);
      if (port_text.empty()) return core::fail("missing port in " + std::string(text));
    }
  } else {
    const auto colon = text.rfind(':');
    if (colon != std::string_view::npos && text.find(':') != colon) {
      // Several colons and no brackets: a bare IPv6 address, default port.
      address.host = std::string(text);
    } else if (colon != std::string_view::npos) {
      address.host = std::string(text.substr(0, colon));
      port_text = text.substr(colon + 1);
      if (port_text.empty()) return core::fail("missing port in " + std::string(text));
    } else {
      address.host = std::string(text);
    }
  }
  if (address.host.empty()) return core::fail("missing host in " + std::string(text));
  if (!port_text.empty()) {
    unsigned port = 0;
    const auto [end, error] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (error != std::errc{} || end != port_text.data() + port_text.size() || port == 0 || port > 65535) {
      return core::fail("bad port \"" + std::string(port_text) + "\" in " + std::string(text));
    }
    address.port = static_cast<std::uint16_t>(port);
  }
  return address;
}

}  // namespace hourglass::net
