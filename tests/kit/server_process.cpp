#include "tests/kit/server_process.hpp"

namespace hourglass::test {

std::filesystem::path kitchen_binary() { return HOURGLASS_KITCHEN_BINARY; }

ServerProcess::ServerProcess(const std::filesystem::path& config, std::vector<std::string> extra_args,
                             std::filesystem::path log_file, std::vector<std::string> environment)
    : KitchenProcess(KitchenLaunch{.binary = kitchen_binary(),
                                   .config = config,
                                   .extra_args = std::move(extra_args),
                                   .environment = std::move(environment),
                                   .log_file = std::move(log_file)}) {}

}  // namespace hourglass::test
