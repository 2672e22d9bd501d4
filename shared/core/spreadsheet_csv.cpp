#include "shared/core/spreadsheet_csv.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>

#include "shared/core/breach_csv.hpp"

namespace hourglass::core {

UtcOffsetAt fixed_utc_offset(int minutes) {
  return [minutes](std::int64_t) { return minutes; };
}

std::string format_local_timestamp(std::int64_t epoch_ms, int utc_offset_minutes) {
  using namespace std::chrono;
  // Whole seconds, floored, so that 14:03:25.999 is 14:03:25 as a clock shows it.
  const sys_seconds time = floor<seconds>(sys_time<milliseconds>{milliseconds{epoch_ms}}) +
                           minutes{utc_offset_minutes};
  const auto day = floor<days>(time);
  const year_month_day date{day};
  const hh_mm_ss<seconds> clock{time - day};
  const int offset = std::abs(utc_offset_minutes);
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}{}{:02}:{:02}", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()), clock.hours().count(),
                     clock.minutes().count(), clock.seconds().count(), utc_offset_minutes < 0 ? '-' : '+',
                     offset / 60, offset % 60);
}

std::string format_local_timestamp(std::int64_t epoch_ms, const UtcOffsetAt& offset_at) {
  return format_local_timestamp(epoch_ms, offset_at(epoch_ms));
}

std::string format_yuan(Fen amount) {
  const Fen magnitude = amount < 0 ? -amount : amount;
  return fmt::format("{}{}.{:02}", amount < 0 ? "-" : "", magnitude / 100, magnitude % 100);
}

namespace {

// The v1 columns with the yuan beside their fen column, and `settled` last.
std::vector<std::string> with_yuan_and_settled(std::vector<std::string> fields, const std::string& price_yuan,
                                               const std::string& compensation_yuan, const std::string& settled) {
  const auto after = [&](const std::string& column, const std::string& value) {
    const auto& columns = breach_csv_columns();
    const auto at = std::find(columns.begin(), columns.end(), column) - columns.begin();
    fields.insert(fields.begin() + at + 1 + (fields.size() - columns.size()), value);
  };
  after("price_fen", price_yuan);
  after("order_compensation_fen", compensation_yuan);
  fields.push_back(settled);
  return fields;
}

}  // namespace

const std::vector<std::string>& breach_spreadsheet_columns() {
  static const std::vector<std::string> columns =
      with_yuan_and_settled(breach_csv_columns(), "price_yuan", "order_compensation_yuan", "settled");
  return columns;
}

std::string breach_spreadsheet_csv(const std::vector<BreachEntry>& entries, const UtcOffsetAt& offset_at) {
  std::string csv = csv_row(breach_spreadsheet_columns());
  const auto local = [&](std::int64_t ms) { return format_local_timestamp(ms, offset_at); };
  for (const BreachEntry& entry : entries) {
    const auto rows = breach_csv_rows(entry, local);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      csv += csv_row(with_yuan_and_settled(rows[i], format_yuan(entry.late_lines[i].price), format_yuan(entry.discount),
                                           entry.settled ? "yes" : "no"));
    }
  }
  return csv;
}

std::string spreadsheet_file(std::string_view csv) {
  std::string file(kUtf8ByteOrderMark);
  file += csv;
  return file;
}

}  // namespace hourglass::core
