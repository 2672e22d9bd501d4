#include "tests/kit/kitchen_config.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <fstream>
#include <stdexcept>

#include "shared/core/json_read.hpp"

namespace hourglass::test {

namespace fs = std::filesystem;

fs::path write_kitchen_config(const fs::path& folder, const TestConfig& config) {
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
  std::string tls = config.tls.empty() ? std::string() : R"("tls":)" + config.tls + ",";
  if (!config.timezone.empty()) tls += R"("timezone":")" + config.timezone + R"(",)";
  if (config.web) tls += R"("web":{"listen":"127.0.0.1:0"},)";
  if (!config.chain.empty()) tls += R"("chain":)" + config.chain + ",";
  const std::string text =
      fmt::format(R"({{"listen":"127.0.0.1:0","database":"kitchen.db","menu":"{}","promise":{},)"
                  R"({}"limits":{},"log_level":"{}","devices":{}}})",
                  sample_menu_path().string(), policy.dump(), tls, config.limits, config.log_level, devices);
  const fs::path file = folder / "kitchen.json";
  std::ofstream out(file);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + file.string());
  return file;
}

void make_test_certificate(const fs::path& folder, const std::string& name) {
  const std::string command = fmt::format(
      "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost "
      "-addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout '{}' -out '{}' 2>/dev/null",
      (folder / (name + ".key")).string(), (folder / (name + ".crt")).string());
  if (std::system(command.c_str()) != 0) throw std::runtime_error("openssl could not make a certificate: " + command);
}

fs::path sample_menu_path() { return fs::path(HOURGLASS_SOURCE_DIR) / "assets" / "menu.json"; }

const core::Menu& sample_menu() {
  static const core::Menu menu = [] {
    auto loaded = core::load_menu_file(sample_menu_path().string());
    if (!loaded) throw std::runtime_error("the sample menu does not load: " + sample_menu_path().string());
    return loaded.value();
  }();
  return menu;
}

}  // namespace hourglass::test
