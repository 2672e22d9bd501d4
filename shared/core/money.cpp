#include "shared/core/money.hpp"

#include <fmt/format.h>

namespace hourglass::core {

std::string format_money(Fen amount) {
  // Work on the magnitude as unsigned so INT64_MIN has no overflow.
  const bool negative = amount < 0;
  const std::uint64_t magnitude =
      negative ? std::uint64_t{0} - static_cast<std::uint64_t>(amount) : static_cast<std::uint64_t>(amount);
  return fmt::format("{}¥{}.{:02}", negative ? "-" : "", magnitude / 100, magnitude % 100);
}

}  // namespace hourglass::core
