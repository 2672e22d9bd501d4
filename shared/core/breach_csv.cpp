#include "shared/core/breach_csv.hpp"

#include <fmt/format.h>

#include <charconv>
#include <chrono>

namespace hourglass::core {

std::string csv_escape(std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
  std::string quoted = "\"";
  for (const char c : field) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::string csv_row(const std::vector<std::string>& fields) {
  std::string row;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) row += ',';
    row += csv_escape(fields[i]);
  }
  row += "\r\n";
  return row;
}

const std::vector<std::string>& breach_csv_columns() {
  static const std::vector<std::string> columns = {"breach_id",
                                                   "recorded_at",
                                                   "table",
                                                   "ticket",
                                                   "order_id",
                                                   "dish_id",
                                                   "dish_en",
                                                   "dish_zh",
                                                   "qty",
                                                   "price_fen",
                                                   "accepted",
                                                   "deadline",
                                                   "served",
                                                   "late_s",
                                                   "late_mmss",
                                                   "policy",
                                                   "order_compensation_fen"};
  return columns;
}

std::string format_utc_ms(std::int64_t epoch_ms) {
  using namespace std::chrono;
  const sys_time<milliseconds> time{milliseconds{epoch_ms}};
  const auto day = floor<days>(time);
  const year_month_day date{day};
  const hh_mm_ss<milliseconds> clock{time - day};
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()), clock.hours().count(),
                     clock.minutes().count(), clock.seconds().count(), clock.subseconds().count());
}

std::string format_mm_ss(std::int64_t ms) {
  const std::int64_t seconds = ms < 0 ? 0 : ms / 1000;
  return fmt::format("{}:{:02}", seconds / 60, seconds % 60);
}

std::optional<std::int64_t> parse_utc_date_ms(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto number = [&](std::size_t from, std::size_t length) -> std::optional<int> {
    int value = 0;
    const char* begin = text.data() + from;
    const auto [end, error] = std::from_chars(begin, begin + length, value);
    if (error != std::errc{} || end != begin + length) return std::nullopt;
    return value;
  };
  const auto y = number(0, 4);
  const auto m = number(5, 2);
  const auto d = number(8, 2);
  if (!y || !m || !d) return std::nullopt;
  using namespace std::chrono;
  const year_month_day date{year{*y}, month{static_cast<unsigned>(*m)}, day{static_cast<unsigned>(*d)}};
  if (!date.ok()) return std::nullopt;
  return duration_cast<milliseconds>(sys_days{date}.time_since_epoch()).count();
}

std::vector<std::vector<std::string>> breach_csv_rows(const BreachEntry& entry) {
  return breach_csv_rows(entry, format_utc_ms);
}

std::vector<std::vector<std::string>> breach_csv_rows(const BreachEntry& entry,
                                                      const std::function<std::string(std::int64_t)>& format_time) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& line : entry.late_lines) {
    std::string served, late_s, late_mmss;
    if (line.served_at_ms) {
      const std::int64_t late_ms = *line.served_at_ms - entry.deadline_ms;
      served = format_time(*line.served_at_ms);
      late_s = std::to_string(late_ms < 0 ? 0 : late_ms / 1000);
      late_mmss = format_mm_ss(late_ms);
    }
    rows.push_back({std::to_string(entry.breach_id), format_time(entry.at_ms), entry.table, std::to_string(entry.seq),
                    entry.order_id, line.item, line.name ? line.name->en : "", line.name ? line.name->zh : "",
                    std::to_string(line.qty), std::to_string(line.price), format_time(entry.accepted_at_ms),
                    format_time(entry.deadline_ms), served, late_s, late_mmss, entry.policy,
                    std::to_string(entry.discount)});
  }
  return rows;
}

std::string breach_csv(const std::vector<BreachEntry>& entries) {
  std::string csv = csv_row(breach_csv_columns());
  for (const auto& entry : entries) {
    for (const auto& row : breach_csv_rows(entry)) csv += csv_row(row);
  }
  return csv;
}

}  // namespace hourglass::core
