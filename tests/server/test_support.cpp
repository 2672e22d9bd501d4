#include "tests/server/test_support.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace hourglass::test {

namespace fs = std::filesystem;

std::int64_t wall_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string unique_id(const std::string& prefix) {
  static std::atomic<int> counter{0};
  return fmt::format("{}-{}-{}", prefix, getpid(), counter++);
}

TempDir::TempDir() {
  std::string pattern = (fs::temp_directory_path() / "hourglass-test-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

fs::path TempDir::write_config(const TestConfig& config) const {
  std::string devices = fmt::format(R"([{{"token":"{}","role":"table","table":"1","name":"tablet-1"}},)"
                                    R"({{"token":"{}","role":"table","table":"1","name":"tablet-1b"}},)"
                                    R"({{"token":"{}","role":"table","table":"2","name":"tablet-2"}},)"
                                    R"({{"token":"{}","role":"kiosk","name":"kiosk-1"}},)"
                                    R"({{"token":"{}","role":"kiosk","name":"kiosk-2"}},)"
                                    R"({{"token":"{}","role":"kds","name":"kds-1"}},)"
                                    R"({{"token":"{}","role":"kds","name":"kds-2"}},)"
                                    R"({{"token":"{}","role":"manager","name":"manager"}})",
                                    kTable1, kTable1b, kTable2, kKiosk1, kKiosk2, kKds, kKds2, kManager);
  for (int i = 0; i < config.extra_tables; ++i) {
    devices += fmt::format(R"(,{{"token":"token-extra-{}","role":"table","table":"x{}"}})", i, i);
  }
  devices += "]";
  auto policy = core::Json::parse(config.policy);
  policy["seconds"] = config.promise_seconds;
  const std::string tls = config.tls.empty() ? std::string() : R"("tls":)" + config.tls + ",";
  const std::string text =
      fmt::format(R"({{"listen":"127.0.0.1:0","database":"kitchen.db","menu":"{}/assets/menu.json","promise":{},)"
                  R"({}"limits":{},"log_level":"{}","devices":{}}})",
                  HOURGLASS_SOURCE_DIR, policy.dump(), tls, config.limits, config.log_level, devices);
  const fs::path file = path_ / "kitchen.json";
  std::ofstream(file) << text;
  return file;
}

// ---- the server process ----

ServerProcess::ServerProcess(const fs::path& config, std::vector<std::string> extra_args, fs::path log_file,
                             std::vector<std::string> extra_env)
    : log_file_(log_file.empty() ? config.parent_path() / "server.log" : log_file) {
  int out[2];
  if (pipe(out) != 0) throw std::runtime_error("pipe failed");
  std::vector<std::string> args = {HOURGLASS_KITCHEN_BINARY, "--config", config.string(), "--listen", "127.0.0.1:0"};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  std::vector<char*> envp;
  for (char** variable = environ; *variable != nullptr; ++variable) envp.push_back(*variable);
  for (auto& variable : extra_env) envp.push_back(variable.data());
  envp.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, log_file_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);
  if (spawned != 0) {
    close(out[0]);
    throw std::runtime_error("cannot start the server");
  }
  pid_ = pid;
  // Wait for "listening on HOST:PORT".
  std::string text;
  const auto deadline = std::chrono::steady_clock::now() + 20s;
  while (text.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    pollfd p{out[0], POLLIN, 0};
    if (poll(&p, 1, 100) <= 0) continue;
    char chunk[256];
    const ssize_t n = read(out[0], chunk, sizeof chunk);
    if (n <= 0) break;
    text.append(chunk, static_cast<std::size_t>(n));
  }
  close(out[0]);
  const auto colon = text.rfind(':');
  if (text.rfind("listening on ", 0) != 0 || colon == std::string::npos) {
    kill9();
    throw std::runtime_error("the server did not start: " + text + "\n" + log());
  }
  port_ = static_cast<std::uint16_t>(std::stoi(text.substr(colon + 1)));
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) kill9();
}

void ServerProcess::kill9() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

int ServerProcess::stop(int signal, Ms timeout) {
  if (pid_ <= 0) return -1;
  ::kill(pid_, signal);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    const pid_t done = waitpid(pid_, &status, WNOHANG);
    if (done == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    std::this_thread::sleep_for(10ms);
  }
  kill9();
  return -1;
}

std::string ServerProcess::log() const { return read_file(log_file_); }

std::string ServerProcess::read_file(const fs::path& path) {
  std::ifstream file(path);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

// ---- a stepped wall clock ----

SteppedWallClock::SteppedWallClock(const fs::path& folder) : file_(folder / "faketime-offset") {
  if (!fs::exists(HOURGLASS_LIBFAKETIME)) {
    FAIL("libfaketime is not installed (" << HOURGLASS_LIBFAKETIME << "): apt-get install faketime");
  }
  step(0);
}

std::vector<std::string> SteppedWallClock::env() const {
  // The pass-through first: see timerfd_passthrough.cpp for why.
  return {fmt::format("LD_PRELOAD={}:{}", HOURGLASS_TIMERFD_PASSTHROUGH, HOURGLASS_LIBFAKETIME),
          "FAKETIME_TIMESTAMP_FILE=" + file_.string(), "FAKETIME_NO_CACHE=1", "FAKETIME_DONT_FAKE_MONOTONIC=1"};
}

void SteppedWallClock::step(std::int64_t seconds) const {
  // Written aside and renamed: the child reads the file at any moment and must
  // never see it half written.
  const fs::path next = file_.string() + ".next";
  std::ofstream(next) << fmt::format("{:+d}\n", seconds);
  fs::rename(next, file_);
}

// ---- the line client ----

LineClient::LineClient(std::uint16_t port, int receive_buffer) {
  fd_ = socket(AF_INET, SOCK_STREAM, 0);
  if (fd_ < 0) throw std::runtime_error("socket failed");
  if (receive_buffer > 0) setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer);
  const int one = 1;
  setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    close(fd_);
    throw std::runtime_error("connect failed");
  }
}

LineClient::~LineClient() {
  if (fd_ >= 0) close(fd_);
}

LineClient::LineClient(LineClient&& other) noexcept
    : fd_(other.fd_),
      buffer_(std::move(other.buffer_)),
      eof_(other.eof_),
      next_req_(other.next_req_),
      kept_(std::move(other.kept_)) {
  other.fd_ = -1;
}

void LineClient::send_line(const std::string& line) {
  const std::string frame = line + "\n";
  std::size_t sent = 0;
  while (sent < frame.size()) {
    const ssize_t n = ::send(fd_, frame.data() + sent, frame.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) throw std::runtime_error("send failed");
    sent += static_cast<std::size_t>(n);
  }
}

void LineClient::send(const core::ClientMessage& message, std::optional<core::RequestId> req) {
  send_line(core::encode(core::ClientEnvelope{std::move(req), message}));
}

std::optional<std::string> LineClient::read_line(Ms timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    const auto newline = buffer_.find('\n');
    if (newline != std::string::npos) {
      std::string line = buffer_.substr(0, newline);
      buffer_.erase(0, newline + 1);
      return line;
    }
    if (eof_) return std::nullopt;
    const auto left = std::chrono::duration_cast<Ms>(deadline - std::chrono::steady_clock::now()).count();
    if (left <= 0) return std::nullopt;
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left)) <= 0) continue;
    char chunk[65536];
    const ssize_t n = recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) {
      eof_ = true;
      continue;
    }
    buffer_.append(chunk, static_cast<std::size_t>(n));
  }
}

std::optional<core::ServerEnvelope> LineClient::next(Ms timeout) {
  const auto line = read_line(timeout);
  if (!line) return std::nullopt;
  auto decoded = core::decode_server_message(*line);
  if (!decoded) FAIL("the server sent an undecodable line: " << decoded.error().error.message << "\n" << *line);
  return decoded.value();
}

core::ServerEnvelope LineClient::request(const core::ClientMessage& message, Ms timeout) {
  const core::RequestId req = next_req_++;
  send(message, req);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    auto envelope = next(std::chrono::duration_cast<Ms>(deadline - std::chrono::steady_clock::now()));
    if (!envelope) break;
    if (envelope->re && *envelope->re == req) return *envelope;
    REQUIRE_FALSE(envelope->re.has_value());  // a reply to something else: never expected here
    kept_.push_back(std::move(*envelope));
  }
  FAIL("no reply to " << core::message_type(message) << " within the timeout");
  throw std::logic_error("unreachable");
}

std::optional<core::ServerEnvelope> LineClient::next_push(Ms timeout) {
  if (!kept_.empty()) {
    auto envelope = std::move(kept_.front());
    kept_.pop_front();
    return envelope;
  }
  return next(timeout);
}

std::vector<core::ServerEnvelope> LineClient::drain() {
  std::vector<core::ServerEnvelope> pushes(kept_.begin(), kept_.end());
  kept_.clear();
  request(core::Ping{});
  pushes.insert(pushes.end(), kept_.begin(), kept_.end());
  kept_.clear();
  return pushes;
}

bool LineClient::wait_closed(Ms timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!eof_ && std::chrono::steady_clock::now() < deadline) {
    read_line(std::chrono::duration_cast<Ms>(deadline - std::chrono::steady_clock::now()));
    buffer_.clear();
  }
  return eof_;
}

Connected connect_as(std::uint16_t port, const std::string& token, core::Role role) {
  LineClient client(port);
  client.send(core::Hello{core::kProtocolVersion, role, "test-device", token}, core::RequestId{std::string("hi")});
  auto welcome = client.next();
  REQUIRE(welcome);
  INFO(describe(*welcome));
  REQUIRE(as<core::Welcome>(*welcome));
  REQUIRE(welcome->re == core::RequestId{std::string("hi")});
  auto menu = client.next();
  REQUIRE(menu);
  REQUIRE(as<core::MenuMessage>(*menu));
  REQUIRE_FALSE(menu->re);
  auto snapshot = client.next();
  REQUIRE(snapshot);
  REQUIRE(as<core::Snapshot>(*snapshot));
  REQUIRE_FALSE(snapshot->re);
  return Connected{std::move(client), *as<core::Welcome>(*welcome), as<core::MenuMessage>(*menu)->menu,
                   as<core::Snapshot>(*snapshot)->orders};
}

std::optional<core::ErrorCode> error_of(const core::ServerEnvelope& envelope) {
  if (const auto* error = as<core::ErrorMessage>(envelope)) return error->error.code;
  return std::nullopt;
}

std::string describe(const core::ServerEnvelope& envelope) { return core::encode(envelope).substr(0, 400); }

bool eventually(const std::function<bool()>& predicate, Ms timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (predicate()) return true;
    std::this_thread::sleep_for(20ms);
  }
  return predicate();
}

core::PlaceOrder simple_order(const std::string& order_id, std::vector<std::pair<std::string, int>> lines) {
  core::PlaceOrder order;
  order.order_id = order_id;
  for (auto& [item, qty] : lines) order.lines.push_back(core::LineRequest{item, qty, ""});
  return order;
}

}  // namespace hourglass::test
