#include "tests/kit/eventually.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <thread>

namespace hourglass::test {

bool eventually(const std::function<bool()>& predicate, Ms timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (predicate()) return true;
    std::this_thread::sleep_for(10ms);
  }
  return predicate();
}

std::int64_t wall_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::int64_t steady_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

std::string unique_id(const std::string& prefix) {
  static std::atomic<int> counter{0};
  return fmt::format("{}-{}-{}", prefix, getpid(), counter++);
}

}  // namespace hourglass::test
