// hourglass-manager: the manager console. Reads options, builds the shell,
// the link to the kitchen (the server, or a fake kitchen with a month of demo
// data) and the app, runs the loop.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <ctime>
#include <memory>
#include <thread>

#include "kitchen/chain/chain_feed.hpp"
#include "kitchen/manager/demo_chain.hpp"
#include "kitchen/manager/manager_app.hpp"
#include "kitchen/manager/manager_draw.hpp"
#include "shared/demo/demo_breaches.hpp"
#include "shared/demo/demo_feedback.hpp"
#include "shared/demo/demo_orders.hpp"
#include "shared/net/client.hpp"
#include "shared/net/fake_kitchen.hpp"
#include "shared/net/screen_connection.hpp"
#include "shared/ui/run_loop.hpp"
#include "shared/ui/shell.hpp"
#include "shared/ui/widgets.hpp"

namespace chain = hourglass::chain;
namespace core = hourglass::core;
namespace demo = hourglass::demo;
namespace manager = hourglass::manager;
namespace net = hourglass::net;
namespace ui = hourglass::ui;

namespace {

std::int64_t wall_clock_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The machine's UTC offset now, in minutes (the restaurant's local time).
int local_utc_offset_minutes() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  return static_cast<int>(tm.tm_gmtoff / 60);
}

// What the loop watches for a frame: the kitchen's state and the chain's figures.
struct ConsoleSources {
  const net::KitchenLink& link;
  const chain::ChainSource* chain;
  std::uint64_t version() const { return link.version() + (chain != nullptr ? chain->version() : 0); }
};

}  // namespace

int main(int argc, char** argv) {
  const auto started = std::chrono::steady_clock::now();
  CLI::App app{"hourglass-manager: the manager console"};
  net::ScreenOptions screen;
  bool demo = false;
  int demo_breaches = 400;
  int demo_tickets = 10;
  std::string tab = "breaches";
  std::string menu_path = HOURGLASS_DEFAULT_MENU;
  std::string export_path = "hourglass-breaches.csv";
  int amber_seconds = 300;
  int red_seconds = 120;
  int utc_offset = local_utc_offset_minutes();
  bool bench_refilter = false;
  std::string chain_postgres;
  bool chain_only = false;
  ui::RunOptions run;
  app.add_flag("--bench-refilter", bench_refilter,
               "Filter and sort the breach log again on every frame (for --bench-frames)");
  net::add_screen_options(app, screen);
  app.add_flag("--demo-state", demo, "Show a month of demo data, without a server");
  app.add_option("--demo-breaches", demo_breaches, "Breaches in the demo log (implies --demo-state)")
      ->check(CLI::Range(0, 1000000));
  app.add_option("--demo-tickets", demo_tickets, "Open orders in the demo (implies --demo-state)")
      ->check(CLI::Range(0, 100000));
  app.add_option("--tab", tab, "Start on: live, breaches, sold-out (the 86 list), reports, complaints or chain")
      ->check(CLI::IsMember({"live", "breaches", "sold-out", "reports", "complaints", "chain"}));
  auto* chain_option = app.add_option("--chain", chain_postgres,
                                      "The chain's central PostgreSQL (a libpq connection string, docs/chain.md): "
                                      "adds the Chain tab, every store side by side");
  app.add_flag("--chain-only", chain_only, "The Chain tab alone, without a kitchen (an owner's office)")
      ->needs(chain_option);
  app.add_option("--menu", menu_path, "Menu file for the demo and for the font's glyphs");
  app.add_option("--export", export_path, "Default file for the CSV export");
  app.add_option("--amber-seconds", amber_seconds, "Amber at this many seconds left or less")
      ->check(CLI::Range(1, 86400));
  app.add_option("--red-seconds", red_seconds, "Red at this many seconds left or less")->check(CLI::Range(0, 86400));
  app.add_option("--utc-offset-minutes", utc_offset,
                 "The restaurant's UTC offset (default: the store's time zone from the server, else this machine's)")
      ->check(CLI::Range(-14 * 60, 14 * 60));
  ui::add_options(app, run);
  CLI11_PARSE(app, argc, argv);
  if (app.count("--demo-breaches") > 0 || app.count("--demo-tickets") > 0) demo = true;
  if (tab == "chain" && chain_postgres.empty() && !demo) {
    spdlog::error("--tab chain needs --chain (the chain's central PostgreSQL)");
    return 2;
  }

  manager::ManagerSettings settings;
  settings.language = screen.language();
  settings.demo = demo;
  settings.thresholds.amber_ms = static_cast<std::int64_t>(amber_seconds) * 1000;
  settings.thresholds.red_ms = static_cast<std::int64_t>(red_seconds) * 1000;
  settings.utc_offset_minutes = utc_offset;
  settings.follow_store_timezone = app.count("--utc-offset-minutes") == 0;
  settings.export_path = export_path;
  settings.rebuild_every_frame = bench_refilter;
  settings.chain_only = chain_only;

  core::Menu menu;
  if (auto loaded = core::load_menu_file(menu_path)) {
    menu = std::move(loaded.value());
  } else if (demo) {
    spdlog::error("{}", loaded.error());
    return 1;
  } else {
    spdlog::warn("no local menu for glyphs ({}); using the server's", loaded.error());
  }

  // The chain's figures: the central database when given, made-up stores in the demo.
  std::unique_ptr<chain::ChainSource> chain;
  if (!chain_postgres.empty()) {
    chain = std::make_unique<chain::ChainFeed>(chain_postgres, wall_clock_ms);
  } else if (demo) {
    chain = std::make_unique<manager::DemoChain>(manager::make_demo_chain(wall_clock_ms(), utc_offset, 30),
                                                 wall_clock_ms());
  }

  std::unique_ptr<net::KitchenLink> link;
  if (chain_only) {
    // No kitchen: an empty one stands in, and only the Chain tab is shown.
    net::FakeKitchenOptions nothing;
    nothing.role = core::Role::manager;
    nothing.menu = menu;
    nothing.now_ms = wall_clock_ms;
    link = std::make_unique<net::FakeKitchen>(std::move(nothing));
  } else if (demo) {
    const std::int64_t now = wall_clock_ms();
    net::FakeKitchenOptions kitchen;
    kitchen.role = core::Role::manager;
    kitchen.menu = menu;
    kitchen.now_ms = wall_clock_ms;
    kitchen.orders = demo::make_demo_orders(menu, demo_tickets, now);
    kitchen.breaches = demo::make_demo_breaches(menu, demo_breaches, now, 30, utc_offset);
    kitchen.history = demo::make_demo_history(kitchen.breaches, 12);
    demo::add_demo_kitchen_times(kitchen.history, menu);
    auto feedback = demo::make_demo_feedback(kitchen.history, menu, now, 2);
    kitchen.surveys = std::move(feedback.surveys);
    kitchen.complaints = std::move(feedback.complaints);
    link = std::make_unique<net::FakeKitchen>(std::move(kitchen));
  } else {
    auto connected =
        net::connect_and_wait(screen, core::Role::manager, "manager", wall_clock_ms, menu, std::chrono::seconds(3));
    if (!connected) {
      spdlog::error("{}", connected.error());
      return 2;
    }
    link = std::move(connected.value());
  }

  ui::ShellConfig config;
  config.title = "Hourglass Manager";
  config.theme = ui::office_theme();
  config.font_sizes = ui::FontSizes{15.0f, 18.0f, 24.0f, 30.0f, 44.0f};
  config.strings = manager::manager_strings(menu);
  config.started = started;
  ui::apply_options(run, config);
  ui::Shell shell(config);

  manager::ManagerApp console(*link, settings, wall_clock_ms, chain.get());
  console.form().tab = tab == "live"         ? manager::ManagerTab::live
                       : tab == "sold-out"   ? manager::ManagerTab::sold_out
                       : tab == "reports"    ? manager::ManagerTab::reports
                       : tab == "complaints" ? manager::ManagerTab::complaints
                       : tab == "chain"      ? manager::ManagerTab::chain
                                             : manager::ManagerTab::breaches;
  // A frame after input, when the kitchen's state moved, and when a shown
  // countdown or flash needs one.
  return ui::run_loop(
      shell, run,
      [&](ui::FrameContext& frame) {
        ui::RootWindow root("manager", frame.theme);
        console.frame(frame.theme);
        if (const auto next = console.next_frame_ms()) frame.wake_at_clock(*next, wall_clock_ms());
      },
      ConsoleSources{*link, chain.get()});
}
