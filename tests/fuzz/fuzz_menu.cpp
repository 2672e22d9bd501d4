// A menu file: a clear error or a menu, never a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "shared/core/menu.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto menu = hourglass::core::parse_menu(text, "fuzz.json");
  if (!menu && menu.error().empty()) __builtin_trap();  // an error always says what is wrong
  return 0;
}
