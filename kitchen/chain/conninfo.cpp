#include "kitchen/chain/conninfo.hpp"

#include <libpq-fe.h>

#include <memory>

namespace hourglass::chain {

std::string with_timeouts(const std::string& conninfo) {
  std::string out = conninfo;
  if (out.find("connect_timeout") == std::string::npos) out += " connect_timeout=10";
  if (out.find("keepalives_idle") == std::string::npos) out += " keepalives_idle=30";
  return out;
}

std::string without_password(const std::string& conninfo) {
  // libpq's own parser, so that quoted values, spaces around '=' and the
  // postgresql:// form are read as libpq reads them.
  char* error = nullptr;
  std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(PQconninfoParse(conninfo.c_str(), &error),
                                                                       &PQconninfoFree);
  if (error != nullptr) PQfreemem(error);
  if (!options) return "(a connection string libpq cannot read)";
  std::string out;
  for (const PQconninfoOption* option = options.get(); option->keyword != nullptr; ++option) {
    if (option->val == nullptr || *option->val == '\0' || std::string(option->keyword) == "password") continue;
    std::string value = option->val;
    if (value.find_first_of(" '\\") != std::string::npos) {
      std::string quoted = "'";
      for (char c : value) {
        if (c == '\'' || c == '\\') quoted += '\\';
        quoted += c;
      }
      value = quoted + "'";
    }
    if (!out.empty()) out += ' ';
    out.append(option->keyword).append("=").append(value);
  }
  return out;
}

}  // namespace hourglass::chain
