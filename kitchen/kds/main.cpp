// hourglass-kds: the kitchen display. Reads options, builds the shell, the
// net client (or a demo kitchen) and the app, runs the loop.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <thread>

#include "kitchen/kds/demo_state.hpp"
#include "kitchen/kds/kds_app.hpp"
#include "kitchen/kds/kds_view_model.hpp"
#include "shared/net/client.hpp"
#include "shared/net/screen_connection.hpp"
#include "shared/ui/run_loop.hpp"
#include "shared/ui/shell.hpp"
#include "shared/ui/sound.hpp"
#include "shared/ui/widgets.hpp"

namespace core = hourglass::core;
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
  std::string server = "127.0.0.1:7015";
  std::string token;
  bool tls = false;
  std::string ca_file;
  std::string lang = "en";
  bool demo = false;
  int demo_tickets = 10;
  std::string menu_path = HOURGLASS_DEFAULT_MENU;
  int amber_seconds = 300;
  int red_seconds = 120;
  bool mute = false;
  ui::RunOptions run;
  app.add_option("--server", server, "Kitchen server HOST:PORT");
  app.add_option("--token", token, "This display's device token");
  app.add_flag("--tls", tls, "Connect with TLS (the server must have a certificate)");
  app.add_option("--ca-file", ca_file, "With --tls: trust this CA file (PEM) instead of the system's")
      ->check(CLI::ExistingFile);
  app.add_option("--lang", lang, "Language: en or zh")->check(CLI::IsMember({"en", "zh"}));
  app.add_flag("--demo-state", demo, "Show a demo kitchen mid-rush, without a server");
  app.add_option("--demo-tickets", demo_tickets, "Open tickets in the demo kitchen (implies --demo-state)")
      ->check(CLI::Range(0, 100000));
  app.add_option("--menu", menu_path, "Menu file for the demo and for the font's glyphs");
  app.add_option("--amber-seconds", amber_seconds, "Amber at this many seconds left or less")
      ->check(CLI::Range(1, 86400));
  app.add_option("--red-seconds", red_seconds, "Red at this many seconds left or less")->check(CLI::Range(0, 86400));
  app.add_flag("--mute", mute, "Start with the sound off");
  ui::add_options(app, run);
  CLI11_PARSE(app, argc, argv);
  if (app.count("--demo-tickets") > 0) demo = true;

  kitchen::KdsSettings settings;
  settings.language = lang == "zh" ? core::Language::zh : core::Language::en;
  settings.thresholds.amber_ms = static_cast<std::int64_t>(amber_seconds) * 1000;
  settings.thresholds.red_ms = static_cast<std::int64_t>(red_seconds) * 1000;
  settings.muted = mute;

  core::Menu menu;
  if (auto loaded = core::load_menu_file(menu_path)) {
    menu = std::move(loaded.value());
  } else if (demo) {
    spdlog::error("{}", loaded.error());
    return 1;
  } else {
    spdlog::warn("no local menu for glyphs ({}); using the server's", loaded.error());
  }

  std::unique_ptr<net::Client> client;
  if (!demo) {
    auto connected = net::connect_screen({server, core::Role::kds, token, "kds", tls, ca_file, wall_clock_ms});
    if (!connected) {
      spdlog::error("{}", connected.error());
      return 2;
    }
    client = std::move(connected.value());
    // The font atlas is built once, from the strings known at start: wait
    // briefly for the server's menu so every dish name has its glyphs.
    if (auto served = net::wait_for_menu(*client, std::chrono::seconds(3))) menu = std::move(*served);
  }

  ui::ShellConfig config;
  config.title = "Hourglass Kitchen";
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

  std::unique_ptr<kitchen::KdsApp> kds;
  if (demo) {
    kds = std::make_unique<kitchen::KdsApp>(menu, kitchen::make_demo_orders(menu, demo_tickets, wall_clock_ms()),
                                            settings, sound.get(), wall_clock_ms);
  } else {
    kds = std::make_unique<kitchen::KdsApp>(*client, settings, sound.get(), wall_clock_ms);
  }
  std::uint64_t shown_version = 0;  // the client's state as of the last frame
  ui::ChangePoll changed;
  if (client) changed = [&] { return client->version() != shown_version; };
  return ui::run_loop(
      shell, run,
      [&](ui::FrameContext& frame) {
        if (client) shown_version = client->version();
        ui::RootWindow root("kds", frame.theme);
        kds->frame(frame.theme);
        if (const auto next = kds->next_frame_ms()) frame.wake_at_clock(*next, wall_clock_ms());
      },
      changed);
}
