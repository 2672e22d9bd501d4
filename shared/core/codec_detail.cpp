#include "shared/core/codec_detail.hpp"

namespace hourglass::core::codec {

Json request_id_to_json(const RequestId& id) {
  return std::visit([](const auto& value) { return Json(value); }, id);
}

std::optional<RequestId> read_request_id(const Json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return std::nullopt;
  if (it->is_string()) return RequestId{it->get<std::string>()};
  if (it->is_number_integer() && !it->is_number_unsigned()) return RequestId{it->get<std::int64_t>()};
  if (it->is_number_unsigned() && it->get<std::uint64_t>() <= static_cast<std::uint64_t>(INT64_MAX)) {
    return RequestId{static_cast<std::int64_t>(it->get<std::uint64_t>())};
  }
  throw JsonFieldError(std::string(key) + ": must be a string or an integer, got " + json_type_name(*it));
}

DecodeError rejection(ErrorCode code, std::string message, std::optional<RequestId> id) {
  DecodeError error;
  error.error.code = code;
  error.error.message = std::move(message);
  error.req = std::move(id);
  return error;
}

}  // namespace hourglass::core::codec
