// One line from the server, as a screen decodes it: never a crash, a hang or
// a sanitizer report, whatever the bytes (a screen must survive a broken or
// hostile server too).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "shared/core/protocol.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view line(reinterpret_cast<const char*>(data), size);
  const auto decoded = hourglass::core::decode_server_message(line);
  if (decoded) (void)hourglass::core::encode(decoded.value());
  return 0;
}
