#pragma once
// The store's time zone, for what the promise rules and exports read as
// wall-clock time of day (never for deadlines: those are server ms). The
// zone is the process's: use_timezone() sets TZ once at start-up, before
// any thread starts; localtime_r reads it after.

#include <cstdint>
#include <string>

#include "shared/core/result.hpp"

namespace hourglass::kitchen {

// The configured IANA zone if it exists in the system's zoneinfo, else an
// error naming it; with nothing configured, the system's own zone's name
// (from /etc/localtime, or TZ), or "UTC".
core::Result<std::string> resolve_timezone(const std::string& configured);
// Makes `name` the process's zone (setenv TZ + tzset).
void use_timezone(const std::string& name);
// Minute of the day (0-1439) of `epoch_ms` in the process's zone.
int local_minute_of_day(std::int64_t epoch_ms);

}  // namespace hourglass::kitchen
