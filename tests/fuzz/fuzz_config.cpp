// A server config file: a clear error or a config, never a crash. Paths
// resolve against a folder that does not exist, so nothing on disk is read.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "shared/core/config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto config = hourglass::core::parse_server_config(text, "fuzz.json", "/nonexistent-fuzz-dir");
  if (!config && config.error().empty()) __builtin_trap();
  return 0;
}
