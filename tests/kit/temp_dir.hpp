#pragma once
// A fresh temporary folder, removed with everything in it at the end of the
// scope.

#include <filesystem>
#include <string>

#include "tests/kit/kitchen_config.hpp"

namespace hourglass::test {

class TempDir {
 public:
  // /tmp/hourglass-test-XXXXXX; throws std::runtime_error if it cannot be made.
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }
  // kitchen.json in this folder (see write_kitchen_config).
  std::filesystem::path write_config(const TestConfig& config = {}) const;

 private:
  std::filesystem::path path_;
};

}  // namespace hourglass::test
