#include "shared/core/json_read.hpp"

namespace hourglass::core {

void throw_field_error(const std::string& path, const std::string& problem) {
  throw JsonFieldError(path.empty() ? problem : path + ": " + problem);
}

std::string json_type_name(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::boolean:
      return "boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
      return "integer";
    case Json::value_t::number_float:
      return "a fractional number";
    case Json::value_t::string:
      return "string";
    case Json::value_t::array:
      return "array";
    case Json::value_t::object:
      return "object";
    default:
      return "unsupported value";
  }
}

JsonObjectReader::JsonObjectReader(const Json& object, std::string path) : object_(object), path_(std::move(path)) {
  if (!object_.is_object()) {
    throw_field_error(path_, "must be a JSON object, got " + json_type_name(object_));
  }
}

bool JsonObjectReader::contains(const char* key) const { return object_.contains(key); }

std::string JsonObjectReader::path_of(const char* key) const {
  return path_.empty() ? std::string(key) : path_ + "." + key;
}

const Json* JsonObjectReader::find(const char* key) const {
  const auto it = object_.find(key);
  if (it == object_.end() || it->is_null()) return nullptr;
  return &*it;
}

bool JsonObjectReader::has(const char* key) const { return find(key) != nullptr; }

const Json& JsonObjectReader::required(const char* key) const {
  const auto it = object_.find(key);
  if (it == object_.end()) throw_field_error(path_of(key), "missing");
  return *it;
}

namespace {

std::string expect_string(const Json& value, const std::string& path) {
  if (!value.is_string()) throw_field_error(path, "must be a string, got " + json_type_name(value));
  return value.get<std::string>();
}

std::int64_t expect_integer(const Json& value, const std::string& path) {
  if (value.is_number_integer() && !value.is_number_unsigned()) return value.get<std::int64_t>();
  if (value.is_number_unsigned()) {
    const auto unsigned_value = value.get<std::uint64_t>();
    if (unsigned_value > static_cast<std::uint64_t>(INT64_MAX)) {
      throw_field_error(path, "integer out of range");
    }
    return static_cast<std::int64_t>(unsigned_value);
  }
  throw_field_error(path, "must be an integer, got " + json_type_name(value));
}

bool expect_boolean(const Json& value, const std::string& path) {
  if (!value.is_boolean()) throw_field_error(path, "must be true or false, got " + json_type_name(value));
  return value.get<bool>();
}

}  // namespace

std::string JsonObjectReader::string(const char* key) const { return expect_string(required(key), path_of(key)); }

std::optional<std::string> JsonObjectReader::optional_string(const char* key) const {
  const Json* value = find(key);
  if (value == nullptr) return std::nullopt;
  return expect_string(*value, path_of(key));
}

std::int64_t JsonObjectReader::integer(const char* key) const { return expect_integer(required(key), path_of(key)); }

std::optional<std::int64_t> JsonObjectReader::optional_integer(const char* key) const {
  const Json* value = find(key);
  if (value == nullptr) return std::nullopt;
  return expect_integer(*value, path_of(key));
}

bool JsonObjectReader::boolean(const char* key) const { return expect_boolean(required(key), path_of(key)); }

std::optional<bool> JsonObjectReader::optional_boolean(const char* key) const {
  const Json* value = find(key);
  if (value == nullptr) return std::nullopt;
  return expect_boolean(*value, path_of(key));
}

const Json& JsonObjectReader::array(const char* key) const {
  const Json& value = required(key);
  if (!value.is_array()) throw_field_error(path_of(key), "must be an array, got " + json_type_name(value));
  return value;
}

const Json& JsonObjectReader::object(const char* key) const {
  const Json& value = required(key);
  if (!value.is_object()) throw_field_error(path_of(key), "must be an object, got " + json_type_name(value));
  return value;
}

std::size_t utf8_length(const std::string& text) {
  std::size_t count = 0;
  for (const unsigned char byte : text) {
    if ((byte & 0xC0U) != 0x80U) ++count;  // count every byte that starts a code point
  }
  return count;
}

}  // namespace hourglass::core
