#include "kiosk/kiosk_config.hpp"

#include "shared/core/json_read.hpp"

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace hourglass::kiosk {

std::optional<core::Language> language_from_string(const std::string& text) {
  if (text == "en") return core::Language::en;
  if (text == "zh") return core::Language::zh;
  return std::nullopt;
}

std::optional<Mode> mode_from_string(const std::string& text) {
  if (text == "table") return Mode::table;
  if (text == "counter") return Mode::counter;
  return std::nullopt;
}

core::Result<KioskConfig> parse_kiosk_config(const std::string& json_text, const std::string& source) {
  const nlohmann::json document = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded() || !document.is_object()) {
    return core::fail(source + ": not a JSON object");
  }
  KioskConfig config;
  auto string_field = [&](const char* name, std::optional<std::string>& out) -> std::optional<std::string> {
    if (!document.contains(name)) return std::nullopt;
    if (!document[name].is_string()) return source + ": " + name + " must be a string";
    out = document[name].get<std::string>();
    return std::nullopt;
  };
  for (auto [name, out] : {std::pair{"server", &config.server}, std::pair{"token", &config.token},
                           std::pair{"cart_file", &config.cart_file}, std::pair{"menu", &config.menu}}) {
    if (auto error = string_field(name, *out)) return core::fail(*error);
  }
  std::optional<std::string> mode;
  if (auto error = string_field("mode", mode)) return core::fail(*error);
  if (mode) {
    config.mode = mode_from_string(*mode);
    if (!config.mode) return core::fail(source + ": mode must be \"table\" or \"counter\"");
  }
  std::optional<std::string> language;
  if (auto error = string_field("lang", language)) return core::fail(*error);
  if (language) {
    config.language = language_from_string(*language);
    if (!config.language) return core::fail(source + ": lang must be \"en\" or \"zh\"");
  }
  if (document.contains("reset_seconds")) {
    const auto& value = document["reset_seconds"];
    const auto seconds = core::int_in_range(value);
    if (!seconds || *seconds < 1 || *seconds > 3600) {
      return core::fail(source + ": reset_seconds must be an integer from 1 to 3600");
    }
    config.reset_seconds = *seconds;
  }
  return config;
}

core::Result<KioskConfig> load_kiosk_config(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::fail("cannot read " + path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return parse_kiosk_config(buffer.str(), path);
}

std::string default_cart_file(Mode mode, const std::string& server) {
  std::filesystem::path folder;
  if (const char* state = std::getenv("XDG_STATE_HOME"); state != nullptr && *state != '\0') {
    folder = std::filesystem::path(state) / "hourglass";
  } else if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    folder = std::filesystem::path(home) / ".local" / "state" / "hourglass";
  } else {
    folder = ".";
  }
  std::string name = std::string("cart-") + (mode == Mode::counter ? "counter" : "table") + "-";
  for (const char c : server) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return (folder / (name + ".json")).string();
}

}  // namespace hourglass::kiosk
