#pragma once
// This build's hourglass-kitchen, started for a test on 127.0.0.1:0.

#include <filesystem>
#include <string>
#include <vector>

#include "tests/kit/kitchen_process.hpp"

namespace hourglass::test {

// The hourglass-kitchen binary of this build.
std::filesystem::path kitchen_binary();

// A server run that is expected to refuse to start: its exit code and what
// it printed (stdout and stderr).
struct RunResult {
  int exit_code = -1;
  std::string output;
};
RunResult run_server_to_exit(const std::filesystem::path& config);

class ServerProcess : public KitchenProcess {
 public:
  // Waits for the `listening on` line; throws with the server's log if it
  // does not come. Its log goes to `log_file` (server.log beside the config
  // when empty).
  explicit ServerProcess(const std::filesystem::path& config, std::vector<std::string> extra_args = {},
                         std::filesystem::path log_file = {}, std::vector<std::string> environment = {});
  static std::string read_file(const std::filesystem::path& file) { return read_text_file(file); }
};

}  // namespace hourglass::test
