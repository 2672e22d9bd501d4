// hourglass-kds: the kitchen display. Reads options, builds the shell, the
// link to the kitchen (the server, or a fake kitchen for the demo) and the
// app, runs the loop.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <thread>

#include "kitchen/kds/kds_app.hpp"
#include "kitchen/kds/kds_view_model.hpp"
#include "shared/demo/demo_feedback.hpp"
#include "shared/demo/demo_orders.hpp"
#include "shared/net/client.hpp"
#include "shared/net/fake_kitchen.hpp"
#include "shared/net/screen_connection.hpp"
#include "shared/ui/run_loop.hpp"
#include "shared/ui/shell.hpp"
#include "shared/ui/sound.hpp"
#include "shared/ui/widgets.hpp"

namespace core = hourglass::core;
namespace demo = hourglass::demo;
namespace kitchen = hourglass::kitchen;
namespace net = hourglass::net;
namespace ui = hourglass::ui;

namespace {

std::int64_t wall_clock_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

int main(int argc, char** argv) {
  const auto started = std::chrono::steady_clock::now();
  CLI::App app{"hourglass-kds: the kitchen display"};
  net::ScreenOptions screen;
  bool demo = false;
  int demo_tickets = 10;
  std::string menu_path = HOURGLASS_DEFAULT_MENU;
  int amber_seconds = 300;
  int red_seconds = 120;
  bool mute = false;
  bool expo = false;
  bool sold_out_list = false;
  ui::RunOptions run;
  net::add_screen_options(app, screen);
  app.add_flag("--demo-state", demo, "Show a demo kitchen mid-rush, without a server");
  app.add_option("--demo-tickets", demo_tickets, "Open tickets in the demo kitchen (implies --demo-state)")
      ->check(CLI::Range(0, 100000));
  app.add_option("--menu", menu_path, "Menu file for the demo and for the font's glyphs");
  app.add_option("--amber-seconds", amber_seconds, "Amber at this many seconds left or less")
      ->check(CLI::Range(1, 86400));
  app.add_option("--red-seconds", red_seconds, "Red at this many seconds left or less")->check(CLI::Range(0, 86400));
  app.add_flag("--mute", mute, "Start with the sound off");
  app.add_flag("--expo", expo,
               "The pass: orders with dishes ready, what is still to come, how long the food has waited, "
               "one touch to serve");
  app.add_flag("--sold-out-list", sold_out_list, "Start on the 86 list (sold out dishes) instead of the tickets")
      ->excludes("--expo");
  ui::add_options(app, run);
  CLI11_PARSE(app, argc, argv);
  if (app.count("--demo-tickets") > 0) demo = true;

  kitchen::KdsSettings settings;
  settings.language = screen.language();
  settings.demo = demo;
  settings.thresholds.amber_ms = static_cast<std::int64_t>(amber_seconds) * 1000;
  settings.thresholds.red_ms = static_cast<std::int64_t>(red_seconds) * 1000;
  settings.muted = mute;
  settings.expo = expo;

  core::Menu menu;
  if (auto loaded = core::load_menu_file(menu_path)) {
    menu = std::move(loaded.value());
  } else if (demo) {
    spdlog::error("{}", loaded.error());
    return 1;
  } else {
    spdlog::warn("no local menu for glyphs ({}); using the server's", loaded.error());
  }

  std::unique_ptr<net::KitchenLink> link;
  if (demo) {
    net::FakeKitchenOptions kitchen;
    kitchen.role = core::Role::kds;
    kitchen.menu = menu;
    kitchen.now_ms = wall_clock_ms;
    kitchen.orders = demo::make_demo_orders(menu, demo_tickets, wall_clock_ms());
    // One open complaint about a dish, as a guest just sent it.
    kitchen.complaints = demo::make_demo_feedback({}, menu, wall_clock_ms(), 1).complaints;
    link = std::make_unique<net::FakeKitchen>(std::move(kitchen));
  } else {
    auto connected =
        net::connect_and_wait(screen, core::Role::kds, "kds", wall_clock_ms, menu, std::chrono::seconds(3));
    if (!connected) {
      spdlog::error("{}", connected.error());
      return 2;
    }
    link = std::move(connected.value());
  }

  ui::ShellConfig config;
  config.title = expo ? "Hourglass Expo" : "Hourglass Kitchen";
  config.theme = ui::kitchen_theme();
  // Sizes at 800 px tall; a 1080p wall screen multiplies them by 1.35:
  // ticket text 27 px, countdowns 40 px.
  config.font_sizes = ui::FontSizes{16.0f, 20.0f, 24.0f, 30.0f, 44.0f};
  config.strings = kitchen::kds_strings(menu);
  config.started = started;
  ui::apply_options(run, config);
  ui::Shell shell(config);

  std::unique_ptr<ui::Sound> sound;
  if (!run.headless()) sound = std::make_unique<ui::Sound>();

  kitchen::KdsApp kds(*link, settings, sound.get(), wall_clock_ms);
  kds.selection().sold_out_panel = sold_out_list;
  // A frame after input, when the kitchen's state moved, and when a shown
  // countdown or flash needs one.
  return ui::run_loop(
      shell, run,
      [&](ui::FrameContext& frame) {
        ui::RootWindow root("kds", frame.theme);
        kds.frame(frame.theme);
        if (const auto next = kds.next_frame_ms()) frame.wake_at_clock(*next, wall_clock_ms());
      },
      *link);
}
