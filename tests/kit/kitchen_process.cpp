#include "tests/kit/kitchen_process.hpp"

#include <signal.h>

#include <stdexcept>
#include <thread>

namespace hourglass::test {

KitchenProcess::KitchenProcess(KitchenLaunch launch) : launch_(std::move(launch)) {
  if (launch_.log_file.empty()) launch_.log_file = launch_.config.parent_path() / "server.log";
  start();
}

void KitchenProcess::start() {
  std::vector<std::string> argv = {launch_.binary.string(), "--config", launch_.config.string()};
  if (!launch_.listen.empty()) {
    argv.push_back("--listen");
    argv.push_back(launch_.listen);
  }
  argv.insert(argv.end(), launch_.extra_args.begin(), launch_.extra_args.end());
  process_.emplace(ChildOptions{argv, launch_.environment, launch_.log_file});
  const auto line = process_->read_line(launch_.startup_timeout);
  // stdout carries only this line; nothing reads it from here on.
  process_->close_stdout();
  const auto colon = line ? line->rfind(':') : std::string::npos;
  if (!line || line->rfind("listening on ", 0) != 0 || colon == std::string::npos) {
    process_->kill9();
    throw std::runtime_error("hourglass-kitchen did not start (stdout: " + line.value_or("nothing") + "); its log:\n" +
                             log());
  }
  port_ = static_cast<std::uint16_t>(std::stoi(line->substr(colon + 1)));
}

void KitchenProcess::pause() const {
  if (process_) process_->signal(SIGSTOP);
}

void KitchenProcess::resume() const {
  if (process_) process_->signal(SIGCONT);
}

bool KitchenProcess::reload(const std::string& expect_in_log) const {
  const std::size_t before = log().size();
  if (process_) process_->signal(SIGHUP);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (log().find(expect_in_log, before) == std::string::npos) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

std::optional<int> KitchenProcess::wait_exit(std::chrono::milliseconds timeout) {
  if (!process_) return std::nullopt;
  return process_->wait_exit(timeout);
}

int KitchenProcess::stop(int signal, std::chrono::milliseconds timeout) {
  return process_ ? process_->stop(signal, timeout) : -1;
}

void KitchenProcess::kill9() {
  if (process_) process_->kill9();
}

void KitchenProcess::restart() {
  if (running()) stop(SIGTERM);
  launch_.listen = address();
  start();
}

}  // namespace hourglass::test
