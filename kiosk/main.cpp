// hourglass-kiosk: the table tablet (--table) and the counter kiosk
// (--counter). Reads options, builds the link to the kitchen (or the demo
// kitchen), the cart and the shell, then runs the loop.
//
// Fonts: the atlas is built once, from the UI strings plus the menu. The
// menu comes from the server, so in live mode the shell is built after the
// menu arrives (waiting at most --menu-wait-ms); the local menu file
// (--menu, the config's "menu", or the sample menu) is added too, so a
// kiosk that starts offline still shows its dishes without '?'.

#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "kiosk/cart.hpp"
#include "kiosk/demo_state.hpp"
#include "kiosk/kiosk_app.hpp"
#include "kiosk/kiosk_config.hpp"
#include "kiosk/kiosk_link.hpp"
#include "shared/net/screen_connection.hpp"
#include "shared/ui/run_loop.hpp"
#include "shared/ui/shell.hpp"
#include "shared/ui/widgets.hpp"

namespace kiosk = hourglass::kiosk;
namespace net = hourglass::net;
namespace core = hourglass::core;
namespace ui = hourglass::ui;

namespace {

std::int64_t wall_clock_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::optional<kiosk::Screen> screen_from_string(const std::string& text) {
  if (text == "menu" || text == "detail") return kiosk::Screen::menu;
  if (text == "cart" || text == "confirm") return kiosk::Screen::cart;
  if (text == "orders" || text == "breach") return kiosk::Screen::orders;
  if (text == "bill") return kiosk::Screen::bill;
  if (text == "counter_done") return kiosk::Screen::counter_done;
  return std::nullopt;
}

}  // namespace

int main(int argc, char** argv) {
  const auto started = std::chrono::steady_clock::now();
  CLI::App app{"hourglass-kiosk: ordering at the table and at the counter"};
  bool table_mode = false;
  bool counter_mode = false;
  net::ScreenOptions screen;
  screen.server.clear();  // from --server or the kiosk's config file
  std::string config_path;
  bool demo = false;
  std::string demo_screen = "menu";
  int demo_orders = 3;
  int reset_seconds = 0;
  std::string cart_file;
  std::string menu_path;
  int menu_wait_ms = 2000;
  ui::RunOptions run;
  auto* table_flag = app.add_flag("--table", table_mode, "A tablet at a table (the table comes from the token)");
  app.add_flag("--counter", counter_mode, "A self-order kiosk at the counter")->excludes(table_flag);
  net::add_screen_options(app, screen);
  app.add_option("--config", config_path, "Kiosk config file (JSON; options override it)");
  app.add_flag("--demo-state", demo, "Run on a built-in sample state, without a server");
  app.add_option("--demo-screen", demo_screen, "Screen the demo opens on")
      ->check(CLI::IsMember({"menu", "detail", "cart", "confirm", "orders", "breach", "bill", "counter_done"}));
  app.add_option("--demo-orders", demo_orders, "Open orders in the demo state (default 3)")->check(CLI::Range(0, 50));
  app.add_option("--reset-seconds", reset_seconds,
                 "Counter: seconds on the pickup screen before the next guest (default 20)")
      ->check(CLI::Range(1, 3600));
  app.add_option("--cart-file", cart_file, "Keep the cart in this file across restarts");
  app.add_option("--menu", menu_path, "Local menu file (demo state, and glyphs before the server's menu arrives)");
  app.add_option("--menu-wait-ms", menu_wait_ms, "Live: how long to wait for the server's menu before the first frame")
      ->check(CLI::Range(0, 60000));
  ui::add_options(app, run);
  CLI11_PARSE(app, argc, argv);

  kiosk::KioskConfig config;
  if (!config_path.empty()) {
    auto loaded = kiosk::load_kiosk_config(config_path);
    if (!loaded) {
      spdlog::error("{}", loaded.error());
      return 2;
    }
    config = loaded.value();
  }
  const kiosk::Mode mode = counter_mode ? kiosk::Mode::counter
                           : table_mode ? kiosk::Mode::table
                                        : config.mode.value_or(kiosk::Mode::table);
  std::string& server = screen.server;
  std::string& token = screen.token;
  if (server.empty() && config.server) server = *config.server;
  if (token.empty() && config.token) token = *config.token;
  if (cart_file.empty() && config.cart_file) cart_file = *config.cart_file;
  if (cart_file.empty() && !demo && !server.empty()) {
    cart_file = kiosk::default_cart_file(mode, server);
    std::error_code ignored;  // a failed mkdir shows up as a failed cart save, which is logged
    std::filesystem::create_directories(std::filesystem::path(cart_file).parent_path(), ignored);
    spdlog::info("keeping the cart in {}", cart_file);
  }
  if (menu_path.empty() && config.menu) menu_path = *config.menu;
  // The restaurant's default language: --lang, else the config's, else Chinese.
  const core::Language language =
      app.count("--lang") > 0 ? screen.language() : config.language.value_or(core::Language::zh);
  if (menu_path.empty()) {
    if (auto found = kiosk::find_sample_menu()) menu_path = *found;
  }
  std::optional<core::Menu> local_menu;
  if (!menu_path.empty()) {
    auto loaded = core::load_menu_file(menu_path);
    if (loaded) {
      local_menu = std::move(loaded.value());
    } else {
      spdlog::warn("local menu not loaded: {}", loaded.error());
    }
  }

  kiosk::AppOptions options;
  options.mode = mode;
  options.language = language;
  options.reset_seconds = reset_seconds > 0 ? reset_seconds : config.reset_seconds.value_or(20);
  options.cart_file = cart_file;

  std::unique_ptr<kiosk::KioskLink> link;
  kiosk::Cart cart;
  if (!cart_file.empty()) {
    auto loaded = kiosk::load_cart(cart_file);
    if (loaded) {
      cart = std::move(loaded.value());
    } else {
      spdlog::warn("starting with an empty cart: {}", loaded.error());
    }
  }
  std::vector<std::string> extra_strings;
  if (demo) {
    if (!local_menu) {
      spdlog::error("--demo-state needs the sample menu: pass --menu assets/menu.json");
      return 2;
    }
    kiosk::DemoOptions demo_options;
    demo_options.mode = mode;
    demo_options.orders = demo_orders;
    demo_options.breached = demo_screen == "breach" || demo_screen == "bill";
    kiosk::KioskState state = kiosk::make_demo_state(*local_menu, demo_options, wall_clock_ms());
    for (const core::Order& order : state.orders) {
      for (const core::OrderLine& line : order.lines) extra_strings.push_back(line.note);
    }
    if (cart.empty() && (demo_screen == "cart" || demo_screen == "confirm" || demo_screen == "menu")) {
      cart.add("gongbao", 1);
      cart.add("huiguorou", 1, "少辣 less spicy");
      cart.add("rice", 2);
      cart.add("suanmeitang", 2);
      extra_strings.emplace_back("少辣 less spicy");
    }
    options.start_screen = mode == kiosk::Mode::counter && demo_screen == "orders" ? kiosk::Screen::counter_done
                                                                                   : *screen_from_string(demo_screen);
    if (demo_screen == "menu") options.start_category = "wok";
    if (demo_screen == "detail") options.start_detail = "shuizhuyu";
    options.start_confirming = demo_screen == "confirm";
    link = kiosk::make_demo_link(state, mode, wall_clock_ms);
  } else {
    if (server.empty() || token.empty()) {
      spdlog::error("need --server HOST:PORT and --token T (or --config FILE), or --demo-state");
      return 2;
    }
    kiosk::NetLinkOptions net;
    net.server = server;
    net.token = token;
    net.tls = screen.tls;
    net.ca_file = screen.ca_file;
    net.mode = mode;
    net.device = mode == kiosk::Mode::counter ? "kiosk" : "table-tablet";
    if (!cart_file.empty()) net.outbox_path = cart_file + ".outbox";
    try {
      link = kiosk::make_net_link(net);
    } catch (const std::exception& e) {
      spdlog::error("{}", e.what());
      return 2;
    }
  }

  // Live: wait briefly for the server's menu so its names are in the atlas.
  kiosk::KioskState first;
  const auto wait_until = std::chrono::steady_clock::now() + std::chrono::milliseconds(demo ? 0 : menu_wait_ms);
  while (true) {
    link->refresh(first);
    if (!first.menu.items.empty() || std::chrono::steady_clock::now() >= wait_until) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  std::vector<std::string> strings = kiosk::display_strings(first.menu.items.empty() ? nullptr : &first.menu);
  if (local_menu) {
    const auto local = kiosk::display_strings(&*local_menu);
    strings.insert(strings.end(), local.begin(), local.end());
  }
  strings.insert(strings.end(), extra_strings.begin(), extra_strings.end());
  for (const kiosk::CartLine& line : cart.lines()) strings.push_back(line.note);

  ui::ShellConfig shell_config;
  shell_config.title = mode == kiosk::Mode::counter ? "Hourglass self-order" : "Hourglass table";
  shell_config.theme = ui::warm_theme();
  shell_config.strings = std::move(strings);
  shell_config.started = started;
  if (mode == kiosk::Mode::counter) shell_config.font_sizes.huge = 88.0f;  // read standing, from a step back
  ui::apply_options(run, shell_config);
  if (run.scale <= 0.0f && (run.size_given || run.headless())) {
    // The shell derives the scale from the height, which over-scales a
    // portrait tablet (800x1280 would get 1.6); the short side is what
    // limits a layout.
    shell_config.scale = std::clamp(static_cast<float>(std::min(run.width, run.height)) / 800.0f, 0.75f, 3.0f);
  }
  try {
    ui::Shell shell(shell_config);
    kiosk::KioskApp kiosk_app(std::move(options), std::move(link), std::move(cart));
    return ui::run_loop(
        shell, run,
        [&](ui::FrameContext& frame) {
          kiosk::KioskRoot root(frame.theme);
          const std::int64_t now = wall_clock_ms();
          kiosk_app.frame(frame.theme, now);
          if (const auto next = kiosk_app.next_frame_ms(now)) frame.wake_at_clock(*next, now);
        },
        [&] { return kiosk_app.update(wall_clock_ms()); });
  } catch (const ui::ShellError& e) {
    spdlog::error("{}", e.what());
    return 1;
  }
}
