// The kiosk rendered headless and clicked through (Shell::inject_mouse),
// against the demo kitchen and against a real hourglass-kitchen started here.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <stdexcept>
#include <string>
#include <thread>

#include "kiosk/demo_state.hpp"
#include "kiosk/kiosk_app.hpp"
#include "kiosk/kiosk_link.hpp"
#include "kiosk/kiosk_screens.hpp"
#include "shared/core/promise.hpp"
#include "shared/ui/shell.hpp"
#include "shared/ui/widgets.hpp"
#include "tests/kiosk/kiosk_driver.hpp"

extern char** environ;

namespace kiosk = hourglass::kiosk;
namespace core = hourglass::core;
namespace ui = hourglass::ui;
namespace fs = std::filesystem;

using kiosk_test::Driver;
using kiosk_test::sample_menu;
using kiosk_test::wall_ms;

namespace {

// A real kitchen server on a free loopback port, with a temporary config and
// database; stopped with SIGTERM (then SIGKILL) when the test ends.
class KitchenServer {
 public:
  KitchenServer() {
    dir_ = fs::temp_directory_path() / ("kiosk_ui_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    const fs::path config = dir_ / "kitchen.json";
    std::ofstream(config)
        << R"({"listen":"127.0.0.1:0","database":"kitchen.db","menu":")" << HOURGLASS_TEST_MENU
        << R"(","promise":{"seconds":900,"policy":"free_unserved"},"devices":[)"
        << R"({"token":"tablet-12","role":"table","table":"12"},{"token":"kiosk-0001","role":"kiosk"}]})";
    int out[2];
    if (::pipe(out) != 0) throw std::runtime_error("pipe failed");
    std::vector<std::string> args = {HOURGLASS_KITCHEN_BINARY, "--config", config.string(), "--listen", "127.0.0.1:0"};
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    const std::string log = (dir_ / "server.log").string();
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    const int spawned = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(out[1]);
    if (spawned != 0) {
      ::close(out[0]);
      throw std::runtime_error("cannot start " HOURGLASS_KITCHEN_BINARY);
    }
    std::string text;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (text.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
      pollfd p{out[0], POLLIN, 0};
      if (::poll(&p, 1, 100) <= 0) continue;
      char chunk[256];
      const ssize_t n = ::read(out[0], chunk, sizeof chunk);
      if (n <= 0) break;
      text.append(chunk, static_cast<std::size_t>(n));
    }
    ::close(out[0]);
    const auto colon = text.rfind(':');
    if (text.rfind("listening on ", 0) != 0 || colon == std::string::npos) {
      stop();
      std::ifstream in(dir_ / "server.log");
      const std::string log((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      throw std::runtime_error("the kitchen server did not start: " + text + log);
    }
    address_ = "127.0.0.1:" + std::to_string(std::stoi(text.substr(colon + 1)));
  }
  ~KitchenServer() {
    stop();
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  KitchenServer(const KitchenServer&) = delete;
  KitchenServer& operator=(const KitchenServer&) = delete;
  const std::string& address() const { return address_; }
  // A crash of the server: no goodbye on the sockets.
  void crash() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }

 private:
  void stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    int status = 0;
    for (int i = 0; i < 300 && ::waitpid(pid_, &status, WNOHANG) == 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (::waitpid(pid_, &status, WNOHANG) == 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
    }
    pid_ = -1;
  }
  fs::path dir_;
  pid_t pid_ = -1;
  std::string address_;
};

}  // namespace

TEST_CASE("kiosk UI: the demo kitchen, touch to add dishes and switch language", "[ui][kiosk]") {
  kiosk::DemoOptions demo;
  Driver driver(kiosk::make_demo_link(kiosk::make_demo_state(sample_menu(), demo, wall_ms()), demo.mode, wall_ms));
  driver.frame();
  const ui::Image before = driver.frame();
  driver.click("plus:paihuanggua");
  driver.click("plus:paihuanggua");
  CHECK(driver.app().cart().qty_of("paihuanggua") == 2);
  const ui::Image after = driver.frame();
  CHECK(before.rgba != after.rgba);  // the quantity and the cart bar changed

  driver.click("minus:paihuanggua");
  CHECK(driver.app().cart().qty_of("paihuanggua") == 1);

  REQUIRE(driver.app().language() == core::Language::zh);
  driver.click("lang");
  CHECK(driver.app().language() == core::Language::en);
  CHECK(driver.frame().rgba != after.rgba);

  driver.click("category:wok");
  CHECK(driver.has_target("plus:gongbao"));
  // The detail: a note and a quantity, then into the cart.
  driver.click("open:gongbao");
  REQUIRE(driver.has_target("detail_add"));
  driver.click("detail_add");
  CHECK(driver.app().cart().qty_of("gongbao") == 1);
  CHECK_FALSE(driver.has_target("detail_add"));
}

TEST_CASE("kiosk UI: order two dishes from a real kitchen server and watch the order's countdown",
          "[ui][kiosk][integration]") {
  KitchenServer server;
  kiosk::NetLinkOptions net;
  net.server = server.address();
  net.token = "tablet-12";
  net.mode = kiosk::Mode::table;
  kiosk::AppOptions options;
  options.language = core::Language::en;
  Driver driver(kiosk::make_net_link(net), options);

  // Connected, with the server's menu and the table from the token.
  REQUIRE(
      driver.frames_until([&] { return driver.app().state().connected && !driver.app().state().menu.items.empty(); },
                          std::chrono::seconds(10)));
  CHECK(driver.app().state().table == "12");
  CHECK(driver.app().state().promise.seconds == 900);
  const ui::Image menu_image = driver.frame();

  driver.click("plus:paihuanggua");
  driver.click("plus:koushuiji");
  CHECK(driver.app().cart().count() == 2);
  driver.click("order");
  CHECK(driver.app().screen() == kiosk::Screen::cart);
  driver.click("place");
  REQUIRE(driver.has_target("yes"));  // the confirm step
  driver.click("yes");
  CHECK(driver.app().screen() == kiosk::Screen::orders);
  CHECK(driver.app().cart().empty());

  REQUIRE(driver.frames_until([&] { return driver.app().state().orders.size() == 1; }, std::chrono::seconds(10)));
  const core::Order order = driver.app().state().orders.front();
  CHECK(order.table == "12");
  REQUIRE(order.lines.size() == 2);
  CHECK(order.subtotal == 1200 + 2600);
  // The card shows the server's clock: close to 15:00 left.
  const std::int64_t now = driver.app().server_now_ms(wall_ms());
  const auto remaining = core::remaining_ms(order, now);
  CHECK(remaining > 880'000);
  CHECK(remaining <= 900'000);
  const kiosk::OrdersView view = kiosk::build_orders_view(driver.app().state(), {}, core::Language::en, now);
  REQUIRE(view.cards.size() == 1);
  const std::string& shown = view.cards[0].big_text;  // seconds round up: 15:00 for the first second
  CAPTURE(shown);
  CHECK((shown == "15:00" || shown.rfind("14:", 0) == 0));
  const ui::Image orders_image = driver.frame();
  CHECK(driver.has_target("rush:" + order.order_id));  // the card is on screen
  CHECK(orders_image.rgba != menu_image.rgba);

  // The countdown ticks: a frame a second later differs.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  CHECK(driver.frame().rgba != orders_image.rgba);

  // Rush reaches the kitchen and comes back on the order.
  driver.click("rush:" + order.order_id);
  CHECK(
      driver.frames_until([&] { return !driver.app().state().orders.empty() && driver.app().state().orders[0].rushed; },
                          std::chrono::seconds(5)));
}

TEST_CASE("kiosk UI: when the kitchen server goes away the banner says so and the cart and orders stay",
          "[ui][kiosk][integration]") {
  KitchenServer server;
  kiosk::NetLinkOptions net;
  net.server = server.address();
  net.token = "tablet-12";
  net.mode = kiosk::Mode::table;
  kiosk::AppOptions options;
  options.language = core::Language::en;
  Driver driver(kiosk::make_net_link(net), options);
  REQUIRE(
      driver.frames_until([&] { return driver.app().state().connected && !driver.app().state().menu.items.empty(); },
                          std::chrono::seconds(10)));
  CHECK_FALSE(kiosk::build_header_view(driver.app().state(), {}, core::Language::en, wall_ms()).offline);

  // One order placed, one dish waiting in the cart.
  driver.click("plus:paihuanggua");
  driver.click("order");
  driver.click("place");
  driver.click("yes");
  REQUIRE(driver.frames_until([&] { return driver.app().state().orders.size() == 1; }, std::chrono::seconds(10)));
  driver.click("tab:menu");
  driver.click("plus:koushuiji");
  REQUIRE(driver.app().cart().qty_of("koushuiji") == 1);
  const ui::Image online = driver.frame();

  server.crash();
  REQUIRE(driver.frames_until([&] { return !driver.app().state().connected; }, std::chrono::seconds(10)));
  const kiosk::HeaderView header = kiosk::build_header_view(driver.app().state(), {}, core::Language::en, wall_ms());
  CHECK(header.offline);
  CHECK_THAT(header.offline_text, Catch::Contains("Offline"));
  const kiosk::HeaderView header_zh = kiosk::build_header_view(driver.app().state(), {}, core::Language::zh, wall_ms());
  CHECK(header_zh.offline_text != header.offline_text);  // said in the diner's language too
  CHECK(driver.app().cart().qty_of("koushuiji") == 1);   // the cart is kept
  CHECK(driver.app().state().orders.size() == 1);        // and the placed order with its countdown
  CHECK(driver.frame().rgba != online.rgba);             // the banner is on screen
}
