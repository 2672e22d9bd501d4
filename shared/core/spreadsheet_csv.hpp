#pragma once
// CSV that opens right where managers open it (Excel on a Chinese Windows,
// LibreOffice, WPS): UTF-8 with a byte-order mark, times in the store's time
// zone with the offset ("2026-12-02 14:03:25+08:00"), money in yuan with two
// decimals beside the fen. Every spreadsheet export (breaches, the console's
// reports) goes through these. Pure: the offset at each instant is passed in.
//
// The v1 breach CSV (shared/core/breach_csv.hpp: UTC, fen only, no mark)
// stays for scripts, behind `export-breaches --plain`.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/core/money.hpp"
#include "shared/core/protocol.hpp"

namespace hourglass::core {

inline constexpr std::string_view kUtf8ByteOrderMark = "\xEF\xBB\xBF";

// The store's UTC offset, in minutes, at an instant (epoch ms): a fixed one,
// or a zone's with its daylight-saving changes (local_time.hpp).
using UtcOffsetAt = std::function<int(std::int64_t epoch_ms)>;
UtcOffsetAt fixed_utc_offset(int minutes);

// "2026-12-02 14:03:25+08:00" (RFC 3339 with a space; seconds, no ms).
std::string format_local_timestamp(std::int64_t epoch_ms, int utc_offset_minutes);
std::string format_local_timestamp(std::int64_t epoch_ms, const UtcOffsetAt& offset_at);
// "38.00", "0.05", "-1.20": a number a spreadsheet sums, no currency sign.
std::string format_yuan(Fen amount);

// The breach log for spreadsheets, one row per late line: the v1 columns
// with local times, `price_yuan` after `price_fen`,
// `order_compensation_yuan` after `order_compensation_fen`, and `settled`.
// Without the byte-order mark (spreadsheet_file adds it).
const std::vector<std::string>& breach_spreadsheet_columns();
std::string breach_spreadsheet_csv(const std::vector<BreachEntry>& entries, const UtcOffsetAt& offset_at);

// The file's bytes: the mark, then the CSV.
std::string spreadsheet_file(std::string_view csv);

}  // namespace hourglass::core
