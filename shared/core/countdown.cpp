#include "shared/core/countdown.hpp"

#include <fmt/format.h>

namespace hourglass::core {

std::int64_t countdown_seconds(std::int64_t remaining_ms) {
  if (remaining_ms > 0) return (remaining_ms + 999) / 1000;
  return -((-remaining_ms) / 1000);
}

std::string format_countdown(std::int64_t remaining_ms) {
  const std::int64_t seconds = countdown_seconds(remaining_ms);
  const std::int64_t magnitude = seconds < 0 ? -seconds : seconds;
  const std::int64_t hours = magnitude / 3600;
  const std::int64_t minutes = (magnitude % 3600) / 60;
  if (hours > 0) return fmt::format("{}:{:02}:{:02}", hours, minutes, magnitude % 60);
  return fmt::format("{:02}:{:02}", minutes, magnitude % 60);
}

}  // namespace hourglass::core
