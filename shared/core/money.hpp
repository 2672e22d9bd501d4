#pragma once
// Money is an integer count of minor units (fen). No floating point anywhere
// money is computed.

#include <cstdint>
#include <string>

namespace hourglass::core {

using Fen = std::int64_t;

// "¥38.00", "¥0.05", "-¥1.20".
std::string format_money(Fen amount);

}  // namespace hourglass::core
