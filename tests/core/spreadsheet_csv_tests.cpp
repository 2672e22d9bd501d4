#include <catch2/catch.hpp>

#include "shared/core/spreadsheet_csv.hpp"

using namespace hourglass::core;

namespace {

// 2026-12-02T06:03:25.999Z, the accountant's example: 14:03:25 in Shanghai.
constexpr std::int64_t kAt = 1'796'191'405'999;

}  // namespace

TEST_CASE("spreadsheet csv: local time with the offset, seconds floored", "[core]") {
  CHECK(format_local_timestamp(kAt, 8 * 60) == "2026-12-02 14:03:25+08:00");
  CHECK(format_local_timestamp(kAt, 0) == "2026-12-02 06:03:25+00:00");
  CHECK(format_local_timestamp(kAt, -(5 * 60 + 30)) == "2026-12-02 00:33:25-05:30");
  CHECK(format_local_timestamp(kAt, -7 * 60) == "2026-12-01 23:03:25-07:00");  // the day before, locally
  CHECK(format_local_timestamp(kAt, 14 * 60) == "2026-12-02 20:03:25+14:00");
  CHECK(format_local_timestamp(0, 0) == "1970-01-01 00:00:00+00:00");
  CHECK(format_local_timestamp(-1, 0) == "1969-12-31 23:59:59+00:00");  // floored, not truncated
  // Midnight exactly and one millisecond before it.
  CHECK(format_local_timestamp(1'796'140'800'000, 8 * 60) == "2026-12-02 00:00:00+08:00");
  CHECK(format_local_timestamp(1'796'140'800'000 - 1, 8 * 60) == "2026-12-01 23:59:59+08:00");
  // The offset at each instant, as a zone with daylight saving gives it.
  const UtcOffsetAt summer_after = [](std::int64_t ms) { return ms >= kAt ? 60 : 0; };
  CHECK(format_local_timestamp(kAt - 1, summer_after) == "2026-12-02 06:03:25+00:00");
  CHECK(format_local_timestamp(kAt, summer_after) == "2026-12-02 07:03:25+01:00");
  CHECK(fixed_utc_offset(480)(0) == 480);
}

TEST_CASE("spreadsheet csv: yuan with two decimals, a number a spreadsheet sums", "[core]") {
  CHECK(format_yuan(0) == "0.00");
  CHECK(format_yuan(5) == "0.05");
  CHECK(format_yuan(100) == "1.00");
  CHECK(format_yuan(3800) == "38.00");
  CHECK(format_yuan(123'456'789) == "1234567.89");
  CHECK(format_yuan(-120) == "-1.20");
  CHECK(format_yuan(-5) == "-0.05");
}

TEST_CASE("spreadsheet csv: the breach log with local times, yuan beside fen and settled", "[core]") {
  // Aggregate initialisation: gcc 12 warns falsely on assigning short literals.
  const BreachEntry entry{3,
                          std::string("o-1"),
                          41,
                          std::string("12"),
                          kAt - 900'000,
                          kAt,
                          {{"paihuanggua", 2, 1200, kAt + 75'500, LocalText{"Smashed Cucumber, cold", "拍黄瓜"}},
                           {"rice", 1, 300, std::nullopt, LocalText{"Rice", "米饭"}}},
                          2700,
                          std::string("per_late_minute"),
                          kAt + 4,
                          false};
  const std::string csv = breach_spreadsheet_csv({entry}, fixed_utc_offset(8 * 60));
  CHECK(csv.rfind("breach_id,recorded_at,table,ticket,order_id,dish_id,dish_en,dish_zh,qty,price_fen,price_yuan,"
                  "accepted,deadline,served,late_s,late_mmss,policy,order_compensation_fen,order_compensation_yuan,"
                  "settled\r\n",
                  0) == 0);
  CHECK(csv.find("3,2026-12-02 14:03:26+08:00,12,41,o-1,paihuanggua,\"Smashed Cucumber, cold\",拍黄瓜,2,1200,12.00,"
                 "2026-12-02 13:48:25+08:00,2026-12-02 14:03:25+08:00,2026-12-02 14:04:41+08:00,75,1:15,"
                 "per_late_minute,2700,27.00,no\r\n") != std::string::npos);
  CHECK(csv.find("rice,Rice,米饭,1,300,3.00,2026-12-02 13:48:25+08:00,2026-12-02 14:03:25+08:00,,,,") !=
        std::string::npos);
  CHECK(breach_spreadsheet_columns().size() == 20);
  CHECK(spreadsheet_file("a\r\n") == "\xEF\xBB\xBF" "a\r\n");
}
