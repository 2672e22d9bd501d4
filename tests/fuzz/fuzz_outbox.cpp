// The client's outbox file (orders not yet acknowledged, kept across a
// restart): an error or the orders, never a crash; what it reads saves again.
#include <cstddef>
#include <cstdint>
#include <string>

#include "shared/net/outbox.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto orders = hourglass::net::decode_outbox(text);
  if (!orders) return 0;
  const auto again = hourglass::net::decode_outbox(hourglass::net::encode_outbox(orders.value()));
  if (!again || again.value().size() != orders.value().size()) __builtin_trap();
  return 0;
}
