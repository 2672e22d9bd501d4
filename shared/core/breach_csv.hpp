#pragma once
// The breach log as CSV (RFC 4180, UTF-8, CRLF line ends), one row per late
// line. Pure: the server's `export-breaches` command and the manager
// console's export both call this. Times are written in UTC
// ("2025-11-22T08:26:40.123Z") and date filters are UTC calendar days, so an
// export does not depend on the machine's time zone.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/core/protocol.hpp"

namespace hourglass::core {

// One field, quoted when it holds a comma, a quote, CR or LF (quotes doubled).
std::string csv_escape(std::string_view field);
// Fields joined with commas, ended by CRLF.
std::string csv_row(const std::vector<std::string>& fields);

// The column names, in order.
const std::vector<std::string>& breach_csv_columns();
// The rows of one breach entry: one per late line.
std::vector<std::vector<std::string>> breach_csv_rows(const BreachEntry& entry);
// The same with the times written by `format_time` (epoch ms to text): the
// spreadsheet format's local times.
std::vector<std::vector<std::string>> breach_csv_rows(const BreachEntry& entry,
                                                      const std::function<std::string(std::int64_t)>& format_time);
// Header plus every entry's rows.
std::string breach_csv(const std::vector<BreachEntry>& entries);

// "2025-11-22T08:26:40.123Z".
std::string format_utc_ms(std::int64_t epoch_ms);
// Lateness of a served late line: "75" seconds and "1:15"; negative is clamped to 0.
std::string format_mm_ss(std::int64_t ms);
// "YYYY-MM-DD" to the first millisecond of that UTC day; nothing when malformed.
std::optional<std::int64_t> parse_utc_date_ms(std::string_view text);

}  // namespace hourglass::core
