#include <catch2/catch.hpp>

#include "shared/core/money.hpp"

using hourglass::core::format_money;

TEST_CASE("money formats as yuan with two decimals", "[core][money]") {
  auto [fen, text] = GENERATE(table<std::int64_t, std::string>({
      {3800, "¥38.00"},
      {0, "¥0.00"},
      {1, "¥0.01"},
      {99, "¥0.99"},
      {100, "¥1.00"},
      {123456, "¥1234.56"},
      {-120, "-¥1.20"},
  }));
  CHECK(format_money(fen) == text);
}

TEST_CASE("money formats the extremes without overflow", "[core][money]") {
  CHECK(format_money(INT64_MAX) == "¥92233720368547758.07");
  CHECK(format_money(INT64_MIN) == "-¥92233720368547758.08");
}
