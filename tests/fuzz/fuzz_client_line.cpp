// One line from a client, as the server decodes it: never a crash, a hang or
// a sanitizer report, whatever the bytes. What decodes encodes again and
// decodes to the same message.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "shared/core/protocol.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view line(reinterpret_cast<const char*>(data), size);
  const auto decoded = hourglass::core::decode_client_message(line);
  if (!decoded) return 0;
  const std::string again = hourglass::core::encode(decoded.value());
  const auto round = hourglass::core::decode_client_message(again);
  if (!round || !(round.value() == decoded.value())) __builtin_trap();
  return 0;
}
