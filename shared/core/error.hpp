#pragma once
// The protocol's error codes (PROTOCOL.md "Errors") and an error value.

#include <optional>
#include <string>
#include <string_view>

namespace hourglass::core {

enum class ErrorCode {
  bad_request,
  unauthorized,
  forbidden,
  not_found,
  conflict,
  frame_too_large,
  unsupported_proto,
  rate_limited,
  sold_out,  // v1.1: place_order with a sold-out dish (the error's `item` names it)
};

std::string_view to_string(ErrorCode code);
std::optional<ErrorCode> error_code_from_string(std::string_view text);

struct Error {
  ErrorCode code;
  std::string message;
  std::optional<std::string> item{};  // sold_out: the dish's menu id
  bool operator==(const Error&) const = default;
};

// After these the server closes the connection.
bool closes_connection(ErrorCode code);

}  // namespace hourglass::core
