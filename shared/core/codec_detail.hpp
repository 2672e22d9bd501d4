#pragma once
// What the three halves of the codec share (client_messages.cpp,
// server_messages.cpp, order_codec.cpp): the small field readers with their
// limits, the request id, the rejection, and the one decode path of a line
// (frame limit, JSON, object, type, id, body). Internal to shared/core.

#include <fmt/format.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/core/json_read.hpp"
#include "shared/core/protocol.hpp"

namespace hourglass::core::codec {

// ---- small readers ----

inline std::string bounded_text(const JsonObjectReader& reader, const char* key, std::size_t max_code_points,
                                bool required) {
  std::string text = required ? reader.string(key) : reader.optional_string(key).value_or("");
  if (utf8_length(text) > max_code_points) {
    throw_field_error(reader.path_of(key), fmt::format("must be at most {} characters", max_code_points));
  }
  return text;
}

inline std::string non_empty_id(const JsonObjectReader& reader, const char* key) {
  std::string id = reader.string(key);
  if (id.empty()) throw_field_error(reader.path_of(key), "must not be empty");
  if (id.size() > 256) throw_field_error(reader.path_of(key), "is too long");
  return id;
}

inline std::optional<std::int64_t> optional_time(const JsonObjectReader& reader, const char* key) {
  const auto value = reader.optional_integer(key);
  if (value && *value < 0) throw_field_error(reader.path_of(key), "must be a time in ms since the epoch (>= 0)");
  return value;
}

inline Role read_role(const JsonObjectReader& reader, const char* key) {
  const std::string text = reader.string(key);
  const auto role = role_from_string(text);
  if (!role) throw_field_error(reader.path_of(key), "must be one of table, kiosk, kds, manager");
  return *role;
}

template <class Enum>
Enum read_enum(const JsonObjectReader& reader, const char* key, std::optional<Enum> (*parse)(std::string_view),
               const char* allowed) {
  const std::string text = reader.string(key);
  const auto value = parse(text);
  if (!value) throw_field_error(reader.path_of(key), fmt::format("must be one of {}", allowed));
  return *value;
}

// ---- orders, lines, bills, breach entries (order_codec.cpp) ----

Json optional_time_json(const std::optional<std::int64_t>& value);
OrderLine line_from_json(const Json& json, const std::string& path);
Order order_from_reader(const JsonObjectReader& r);
std::vector<Order> orders_from_json(const JsonObjectReader& r, const char* key);
Json orders_to_json(const std::vector<Order>& orders);
BreachEntry breach_entry_from_json(const Json& json, const std::string& path);

// ---- the envelope ----

Json request_id_to_json(const RequestId& id);
// Reads `key` as a request id; a present value of another type is an error.
std::optional<RequestId> read_request_id(const Json& object, const char* key);
DecodeError rejection(ErrorCode code, std::string message, std::optional<RequestId> id);

// Shared by both directions: frame limit, JSON, object, type, id, body.
template <class Envelope, class Decoders>
Result<Envelope, DecodeError> decode_line(std::string_view line, const Decoders& decoders, const char* id_key,
                                          std::size_t max_bytes) {
  if (line.size() > max_bytes) {
    return fail(rejection(ErrorCode::frame_too_large,
                          fmt::format("a line may be at most {} bytes, this one has {}", max_bytes, line.size()),
                          std::nullopt));
  }
  const Json json = Json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) return fail(rejection(ErrorCode::bad_request, "invalid JSON", std::nullopt));
  if (!json.is_object()) {
    return fail(rejection(ErrorCode::bad_request, "a message must be a JSON object", std::nullopt));
  }
  std::optional<RequestId> id;
  try {
    id = read_request_id(json, id_key);
    const JsonObjectReader reader(json, "");
    const std::string type = reader.string("type");
    const auto decoder = decoders.find(type);
    if (decoder == decoders.end()) {
      return fail(rejection(ErrorCode::bad_request, fmt::format("unknown message type \"{}\"", type), id));
    }
    return Envelope{id, decoder->second(reader)};
  } catch (const JsonFieldError& error) {
    return fail(rejection(ErrorCode::bad_request, error.what(), id));
  } catch (const Json::exception& error) {
    // A value nlohmann cannot convert (say, an int out of range): still bad input, not a crash.
    return fail(rejection(ErrorCode::bad_request, error.what(), id));
  }
}

}  // namespace hourglass::core::codec
