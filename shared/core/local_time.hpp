#pragma once
// The store's time zone, for what the promise rules, the tablet's terms and
// the exports read as wall-clock time of day (never for deadlines: those are
// server ms). Not pure like the rest of the core: the zone is the process's
// (use_timezone() sets TZ, at start-up or when a welcome names the store's
// zone, on the thread that reads it), and resolving it reads the zoneinfo.

#include <cstdint>
#include <string>

#include "shared/core/result.hpp"

namespace hourglass::core {

// The configured IANA zone if it exists in the system's zoneinfo, else an
// error naming it; with nothing configured, the system's own zone's name
// (from /etc/localtime, or TZ), or "UTC".
Result<std::string> resolve_timezone(const std::string& configured);
// Makes `name` the process's zone (setenv TZ + tzset).
void use_timezone(const std::string& name);
// Minute of the day (0-1439) of `epoch_ms` in the process's zone.
int local_minute_of_day(std::int64_t epoch_ms);
// The process's zone's UTC offset in minutes at `epoch_ms` (daylight saving
// included), for the spreadsheet exports (spreadsheet_csv.hpp's UtcOffsetAt).
int process_utc_offset_minutes(std::int64_t epoch_ms);

}  // namespace hourglass::core
