#pragma once
// How every screen writes a countdown, so the tablet and the kitchen display
// show the same digits for the same server time.

#include <cstdint>
#include <string>

namespace hourglass::core {

// Remaining time as "mm:ss" ("h:mm:ss" from an hour up). Seconds round up
// while time remains (0.2 s left shows 00:01), so 00:00 appears exactly at
// the deadline. Negative input: the lateness, rounded down ("01:05" for
// 65.9 s late); callers add their own "LATE" / "已超时" wording.
std::string format_countdown(std::int64_t remaining_ms);

// Whole seconds shown for `remaining_ms` under the rule above (negative when late).
std::int64_t countdown_seconds(std::int64_t remaining_ms);

}  // namespace hourglass::core
