#include "shared/core/local_time.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <system_error>

namespace hourglass::core {

namespace {

std::filesystem::path zoneinfo_dir() {
  const char* dir = std::getenv("TZDIR");
  return dir != nullptr && *dir != '\0' ? std::filesystem::path(dir) : std::filesystem::path("/usr/share/zoneinfo");
}

// "/usr/share/zoneinfo/Asia/Shanghai" → "Asia/Shanghai".
std::string zone_of_localtime() {
  std::error_code error;
  const auto target = std::filesystem::read_symlink("/etc/localtime", error);
  if (error) return "";
  const std::string text = target.string();
  const auto at = text.find("zoneinfo/");
  return at == std::string::npos ? "" : text.substr(at + 9);
}

}  // namespace

Result<std::string> resolve_timezone(const std::string& configured) {
  if (!configured.empty()) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(zoneinfo_dir() / configured, error)) {
      return fail(fmt::format("timezone: unknown time zone \"{}\" (no {} on this machine; is tzdata installed?)",
                                    configured, (zoneinfo_dir() / configured).string()));
    }
    return configured;
  }
  if (const char* tz = std::getenv("TZ"); tz != nullptr && *tz != '\0') return std::string(*tz == ':' ? tz + 1 : tz);
  const std::string system = zone_of_localtime();
  return system.empty() ? std::string("UTC") : system;
}

void use_timezone(const std::string& name) {
  ::setenv("TZ", name.c_str(), 1);
  ::tzset();
}

int local_minute_of_day(std::int64_t epoch_ms) {
  const std::time_t seconds = static_cast<std::time_t>(epoch_ms / 1000);
  std::tm local{};
  ::localtime_r(&seconds, &local);
  return local.tm_hour * 60 + local.tm_min;
}

int process_utc_offset_minutes(std::int64_t epoch_ms) {
  const std::time_t seconds = static_cast<std::time_t>(epoch_ms / 1000);
  std::tm local{};
  ::localtime_r(&seconds, &local);
  return static_cast<int>(local.tm_gmtoff / 60);
}

}  // namespace hourglass::core
