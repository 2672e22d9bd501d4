// The kiosk's saved cart (a file on the tablet, so possibly half written or
// damaged): an error or a cart, never a crash; a cart it reads saves again.
#include <cstddef>
#include <cstdint>
#include <string>

#include "kiosk/cart.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto cart = hourglass::kiosk::cart_from_json_text(text);
  if (!cart) return 0;
  const auto again = hourglass::kiosk::cart_from_json_text(hourglass::kiosk::cart_to_json_text(cart.value()));
  if (!again || again.value().lines().size() != cart.value().lines().size()) __builtin_trap();
  return 0;
}
