#include <catch2/catch.hpp>

#include "shared/core/breach_csv.hpp"

using namespace hourglass::core;

TEST_CASE("breach csv: RFC 4180 quoting", "[server]") {
  CHECK(csv_escape("plain") == "plain");
  CHECK(csv_escape("a,b") == "\"a,b\"");
  CHECK(csv_escape("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_escape("two\nlines") == "\"two\nlines\"");
  CHECK(csv_escape("宫保鸡丁") == "宫保鸡丁");
  CHECK(csv_row({"a", "b,c", ""}) == "a,\"b,c\",\r\n");
}

TEST_CASE("breach csv: one row per late line, times in UTC", "[server]") {
  // Aggregate initialisation: gcc 12 warns falsely on assigning short literals.
  const BreachEntry entry{3,
                          std::string("o-1"),
                          41,
                          std::string("12"),
                          1'763'800'000'000,  // 2025-11-22T08:26:40Z
                          1'763'800'900'000,
                          {{"gongbao", 2, 3800, 1'763'800'975'500, LocalText{"Kung Pao Chicken, hot", "宫保鸡丁"}},
                           {"rice", 1, 300, std::nullopt, LocalText{"Rice", "米饭"}}},
                          7900,
                          std::string("free_unserved"),
                          1'763'800'900'004};
  const auto rows = breach_csv_rows(entry);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0] == std::vector<std::string>{"3", "2025-11-22T08:41:40.004Z", "12", "41", "o-1", "gongbao",
                                            "Kung Pao Chicken, hot", "宫保鸡丁", "2", "3800",
                                            "2025-11-22T08:26:40.000Z", "2025-11-22T08:41:40.000Z",
                                            "2025-11-22T08:42:55.500Z", "75", "1:15", "free_unserved", "7900"});
  CHECK(rows[1][12].empty());  // not served
  CHECK(rows[1][13].empty());
  const std::string csv = breach_csv({entry});
  CHECK(csv.rfind("breach_id,recorded_at,table,ticket", 0) == 0);
  CHECK(csv.find("\"Kung Pao Chicken, hot\"") != std::string::npos);
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 3);
}

TEST_CASE("breach csv: dates", "[server]") {
  CHECK(parse_utc_date_ms("1970-01-02") == 86'400'000);
  CHECK(parse_utc_date_ms("2025-11-22") == 1'763'769'600'000);
  CHECK_FALSE(parse_utc_date_ms("2025-02-30"));
  CHECK_FALSE(parse_utc_date_ms("2025-1-2"));
  CHECK_FALSE(parse_utc_date_ms("yesterday!"));
  CHECK(format_mm_ss(59'999) == "0:59");
  CHECK(format_mm_ss(3'600'000) == "60:00");
}
