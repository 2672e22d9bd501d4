#include "shared/core/error.hpp"

#include <array>
#include <utility>

namespace hourglass::core {

namespace {
constexpr std::array<std::pair<ErrorCode, std::string_view>, 9> kErrorNames{{
    {ErrorCode::bad_request, "bad_request"},
    {ErrorCode::unauthorized, "unauthorized"},
    {ErrorCode::forbidden, "forbidden"},
    {ErrorCode::not_found, "not_found"},
    {ErrorCode::conflict, "conflict"},
    {ErrorCode::frame_too_large, "frame_too_large"},
    {ErrorCode::unsupported_proto, "unsupported_proto"},
    {ErrorCode::rate_limited, "rate_limited"},
    {ErrorCode::sold_out, "sold_out"},
}};
}  // namespace

std::string_view to_string(ErrorCode code) {
  for (const auto& [value, name] : kErrorNames) {
    if (value == code) return name;
  }
  return "bad_request";
}

std::optional<ErrorCode> error_code_from_string(std::string_view text) {
  for (const auto& [value, name] : kErrorNames) {
    if (name == text) return value;
  }
  return std::nullopt;
}

bool closes_connection(ErrorCode code) {
  return code == ErrorCode::unauthorized || code == ErrorCode::unsupported_proto || code == ErrorCode::frame_too_large;
}

}  // namespace hourglass::core
