#include <catch2/catch.hpp>

#include "shared/core/countdown.hpp"

using hourglass::core::countdown_seconds;
using hourglass::core::format_countdown;

TEST_CASE("countdowns round up while time remains and show 00:00 at the deadline", "[core][countdown][edge]") {
  auto [remaining_ms, text] = GENERATE(table<std::int64_t, std::string>({
      {900'000, "15:00"},
      {899'001, "15:00"},
      {899'000, "14:59"},
      {462'000, "07:42"},
      {1001, "00:02"},
      {1000, "00:01"},
      {1, "00:01"},
      {0, "00:00"},
      {-1, "00:00"},
      {-999, "00:00"},
      {-1000, "00:01"},
      {-65'900, "01:05"},
      {-3'600'000, "1:00:00"},
      {5'400'000, "1:30:00"},
  }));
  CHECK(format_countdown(remaining_ms) == text);
}

TEST_CASE("countdown seconds are signed", "[core][countdown]") {
  CHECK(countdown_seconds(1) == 1);
  CHECK(countdown_seconds(0) == 0);
  CHECK(countdown_seconds(-1500) == -1);
}
