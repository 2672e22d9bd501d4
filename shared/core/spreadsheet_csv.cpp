#include "shared/core/spreadsheet_csv.hpp"

#include <fmt/format.h>

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

const std::vector<std::string>& breach_spreadsheet_columns() {
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
                                                   "price_yuan",
                                                   "accepted",
                                                   "deadline",
                                                   "served",
                                                   "late_s",
                                                   "late_mmss",
                                                   "policy",
                                                   "order_compensation_fen",
                                                   "order_compensation_yuan",
                                                   "settled"};
  return columns;
}

std::string breach_spreadsheet_csv(const std::vector<BreachEntry>& entries, const UtcOffsetAt& offset_at) {
  std::string csv = csv_row(breach_spreadsheet_columns());
  const auto local = [&](std::int64_t ms) { return format_local_timestamp(ms, offset_at); };
  for (const BreachEntry& entry : entries) {
    for (const BreachLateLine& line : entry.late_lines) {
      std::string served, late_s, late_mmss;
      if (line.served_at_ms) {
        const std::int64_t late_ms = *line.served_at_ms - entry.deadline_ms;
        served = local(*line.served_at_ms);
        late_s = std::to_string(late_ms < 0 ? 0 : late_ms / 1000);
        late_mmss = format_mm_ss(late_ms);
      }
      csv += csv_row({std::to_string(entry.breach_id), local(entry.at_ms), entry.table, std::to_string(entry.seq),
                      entry.order_id, line.item, line.name ? line.name->en : "", line.name ? line.name->zh : "",
                      std::to_string(line.qty), std::to_string(line.price), format_yuan(line.price),
                      local(entry.accepted_at_ms), local(entry.deadline_ms), served, late_s, late_mmss, entry.policy,
                      std::to_string(entry.discount), format_yuan(entry.discount), entry.settled ? "yes" : "no"});
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
