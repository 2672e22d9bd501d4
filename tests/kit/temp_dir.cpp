#include "tests/kit/temp_dir.hpp"

#include <stdlib.h>

#include <stdexcept>
#include <system_error>

namespace hourglass::test {

namespace fs = std::filesystem;

TempDir::TempDir() {
  std::string pattern = (fs::temp_directory_path() / "hourglass-test-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed for " + pattern);
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;  // a file still open elsewhere must not fail the test at its end
  fs::remove_all(path_, ignored);
}

fs::path TempDir::write_config(const TestConfig& config) const { return write_kitchen_config(path_, config); }

}  // namespace hourglass::test
