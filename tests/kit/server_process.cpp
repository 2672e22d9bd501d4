#include "tests/kit/server_process.hpp"

#include <fmt/format.h>
#include <sys/wait.h>

#include <cstdlib>

namespace hourglass::test {

std::filesystem::path kitchen_binary() { return HOURGLASS_KITCHEN_BINARY; }

RunResult run_server_to_exit(const std::filesystem::path& config) {
  const std::filesystem::path output = config.parent_path() / "run.txt";
  const std::string command = fmt::format("timeout 20 '{}' --config '{}' --listen 127.0.0.1:0 > '{}' 2>&1",
                                          kitchen_binary().string(), config.string(), output.string());
  const int status = std::system(command.c_str());
  RunResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.output = read_text_file(output);
  return result;
}

ServerProcess::ServerProcess(const std::filesystem::path& config, std::vector<std::string> extra_args,
                             std::filesystem::path log_file, std::vector<std::string> environment)
    : KitchenProcess(KitchenLaunch{.binary = kitchen_binary(),
                                   .config = config,
                                   .extra_args = std::move(extra_args),
                                   .environment = std::move(environment),
                                   .log_file = std::move(log_file)}) {}

}  // namespace hourglass::test
