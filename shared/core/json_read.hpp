#pragma once
// Strict reading of untrusted JSON objects. Every accessor checks the JSON
// type exactly ("qty": "2" and "qty": 1.5 are not integers) and names the
// offending path in its error, e.g. `lines[2].qty: must be an integer`.
// Accessors throw JsonFieldError; public decoders catch it at their edge and
// turn it into an error value.

#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>

namespace hourglass::core {

using Json = nlohmann::json;

struct JsonFieldError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

[[noreturn]] void throw_field_error(const std::string& path, const std::string& problem);

// "string", "integer", "number", "object", ...: for error messages.
std::string json_type_name(const Json& value);

class JsonObjectReader {
 public:
  // `path` names the object itself ("" for the top level, "lines[2]" ...).
  JsonObjectReader(const Json& object, std::string path);

  std::string path_of(const char* key) const;
  // Present and not null.
  bool has(const char* key) const;
  // Present, even as null (for fields where null is not "absent").
  bool contains(const char* key) const;

  std::string string(const char* key) const;
  std::optional<std::string> optional_string(const char* key) const;
  std::int64_t integer(const char* key) const;
  std::optional<std::int64_t> optional_integer(const char* key) const;
  bool boolean(const char* key) const;
  std::optional<bool> optional_boolean(const char* key) const;
  const Json& array(const char* key) const;
  const Json& object(const char* key) const;
  // The raw value, or nullptr when absent or null.
  const Json* find(const char* key) const;

 private:
  const Json& required(const char* key) const;

  const Json& object_;
  std::string path_;
};

// The value as an int when it is a JSON integer within int's range, else
// nothing. (nlohmann's get<int>() of 1e300 is undefined behaviour, and of
// 2^40 or 2^64-1 wraps: a file from a tablet reads through this instead.)
inline std::optional<int> int_in_range(const Json& value) {
  constexpr auto kMax = std::numeric_limits<int>::max();
  if (value.is_number_unsigned()) {
    const auto n = value.get<std::uint64_t>();
    return n <= static_cast<std::uint64_t>(kMax) ? std::optional<int>(static_cast<int>(n)) : std::nullopt;
  }
  if (!value.is_number_integer()) return std::nullopt;
  const auto n = value.get<std::int64_t>();
  if (n < std::numeric_limits<int>::min() || n > kMax) return std::nullopt;
  return static_cast<int>(n);
}

// Counts Unicode code points of valid UTF-8 (the JSON parser has already
// rejected invalid UTF-8).
std::size_t utf8_length(const std::string& text);

}  // namespace hourglass::core
