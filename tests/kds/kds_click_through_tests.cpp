// The kitchen display against a REAL kitchen server: the test starts
// hourglass-kitchen on a free port with a temporary config and database, a
// diner's tablet (a table-role net client) places an order, the display
// renders headless frames, a click on the line bumps it, and the tablet sees
// the line's new state. Then the recall key puts it back.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <thread>

#include "kitchen/kds/kds_app.hpp"
#include "kitchen/kds/kds_view_model.hpp"
#include "kitchen/manager/manager_app.hpp"
#include "kitchen/manager/manager_draw.hpp"
#include "shared/net/client.hpp"
#include "shared/ui/run_loop.hpp"
#include "shared/ui/shell.hpp"
#include "shared/ui/widgets.hpp"

#ifdef HOURGLASS_KITCHEN_BINARY

namespace core = hourglass::core;
namespace kitchen = hourglass::kitchen;
namespace manager = hourglass::manager;
namespace net = hourglass::net;
namespace ui = hourglass::ui;

namespace {

namespace fs = std::filesystem;

// hourglass-kitchen as a child process: started with port 0, stopped with
// SIGTERM by the destructor.
class KitchenServer {
 public:
  explicit KitchenServer(const fs::path& dir) {
    const fs::path config = dir / "kitchen.json";
    std::ofstream(config) << R"({"listen":"127.0.0.1:0","database":"kitchen.db","menu":")" << HOURGLASS_TEST_MENU
                          << R"(","promise":{"seconds":900,"policy":"free_unserved"},"devices":[)"
                          << R"({"token":"table12-secret","role":"table","table":"12"},)"
                          << R"({"token":"kds1-secret","role":"kds"},{"token":"boss-secret","role":"manager"}]})";
    int out[2];
    REQUIRE(::pipe(out) == 0);
    pid_ = ::fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      ::dup2(out[1], STDOUT_FILENO);
      ::close(out[0]);
      ::close(out[1]);
      const std::string config_s = config.string();
      const std::string db = (dir / "kitchen.db").string();
      ::execl(HOURGLASS_KITCHEN_BINARY, HOURGLASS_KITCHEN_BINARY, "--config", config_s.c_str(), "--listen",
              "127.0.0.1:0", "--db", db.c_str(), static_cast<char*>(nullptr));
      std::_Exit(127);
    }
    ::close(out[1]);
    stdout_ = ::fdopen(out[0], "r");
    char line[256];
    while (std::fgets(line, sizeof line, stdout_) != nullptr) {
      const std::string text(line);
      const auto at = text.find("listening on ");
      if (at == std::string::npos) continue;
      const std::string address = text.substr(at + 13);
      port_ = static_cast<std::uint16_t>(std::stoi(address.substr(address.rfind(':') + 1)));
      break;
    }
    REQUIRE(port_ != 0);
  }
  ~KitchenServer() {
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    if (stdout_ != nullptr) std::fclose(stdout_);
  }
  KitchenServer(const KitchenServer&) = delete;
  KitchenServer& operator=(const KitchenServer&) = delete;
  std::uint16_t port() const { return port_; }

 private:
  pid_t pid_ = -1;
  std::FILE* stdout_ = nullptr;
  std::uint16_t port_ = 0;
};

net::Options client_options(std::uint16_t port, core::Role role, const std::string& token) {
  net::Options options;
  options.host = "127.0.0.1";
  options.port = port;
  options.role = role;
  options.token = token;
  options.device = "test-" + token;
  return options;
}

// Polls until `done` or the time is up.
bool eventually(const std::function<bool()>& done, std::chrono::milliseconds limit = std::chrono::seconds(10)) {
  const auto until = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < until) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return done();
}

std::int64_t wall_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::optional<core::LineState> table_sees(const net::Client& table) {
  const net::State state = table.snapshot();
  for (const auto& [id, order] : state.orders) {
    if (!order.lines.empty()) return order.lines.front().state;
  }
  return std::nullopt;
}

ui::ShellConfig headless(int width, int height, const std::vector<std::string>& strings) {
  ui::ShellConfig config;
  config.width = width;
  config.height = height;
  config.headless = true;
  config.fullscreen = false;
  config.theme = ui::kitchen_theme();
  config.strings = strings;
  return config;
}

}  // namespace

TEST_CASE("a click on a line of the kitchen display bumps it on the diner's tablet; recall puts it back",
          "[ui][kds][integration]") {
  const fs::path dir = fs::temp_directory_path() / ("hourglass_kds_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  {
    KitchenServer server(dir);
    net::Client table(client_options(server.port(), core::Role::table, "table12-secret"));
    net::Client kds_client(client_options(server.port(), core::Role::kds, "kds1-secret"));
    REQUIRE(eventually([&] { return table.snapshot().connection.synced; }));
    table.place_order({core::LineRequest{"gongbao", 2, "less spicy"}});
    REQUIRE(eventually([&] { return table_sees(table) == core::LineState::queued; }));

    const auto menu = core::load_menu_file(HOURGLASS_TEST_MENU);
    REQUIRE(menu.ok());
    ui::Shell shell(headless(1280, 800, kitchen::kds_strings(menu.value())));
    kitchen::KdsApp app(kds_client, kitchen::KdsSettings{}, nullptr, wall_ms);
    auto frame = [&] {
      REQUIRE(shell.begin_frame());
      {
        ui::RootWindow root("kds", shell.theme());
        app.frame(shell.theme());
      }
      return shell.end_frame_with_capture();
    };
    const bool ticket_shown = eventually([&] {
      frame();
      return app.view().tickets.size() == 1 && !app.last_intents().line_hits.empty();
    });
    REQUIRE(ticket_shown);
    CHECK(app.view().tickets[0].table == "Table 12");
    CHECK(app.view().tickets[0].lines[0].note == "less spicy");
    const kitchen::LineHit hit = app.last_intents().line_hits.front();

    // A click is press then release over the line (ImGui fires on release).
    const ui::Image before = frame();
    shell.inject_mouse(hit.cx(), hit.cy(), true);
    frame();
    shell.inject_mouse(hit.cx(), hit.cy(), false);
    frame();
    shell.clear_injected_mouse();
    CHECK(eventually([&] { return table_sees(table) == core::LineState::cooking; }));
    // The display shows it too, and the pixels changed (the state chip).
    REQUIRE(eventually([&] {
      frame();
      return app.view().tickets[0].lines[0].state == core::LineState::cooking;
    }));
    const ui::Image after = frame();
    CHECK(ui::count_different_pixels(before, after) > 100);

    // The bump bar's recall key undoes the last bump within a minute.
    shell.inject_text("r");
    frame();
    CHECK(eventually([&] { return table_sees(table) == core::LineState::queued; }));

    // Keyboard: ticket 1, advance, then "all served".
    shell.inject_text("1");
    frame();
    shell.inject_text("s");
    frame();
    CHECK(eventually([&] { return table_sees(table) == core::LineState::served; }));
    // The served ticket leaves the display.
    CHECK(eventually([&] {
      frame();
      return app.view().tickets.empty();
    }));
  }
  fs::remove_all(dir);
}

TEST_CASE("the manager console sees the open order live and comps a line on the server", "[ui][manager][integration]") {
  const fs::path dir = fs::temp_directory_path() / ("hourglass_mgr_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  {
    KitchenServer server(dir);
    net::Client table(client_options(server.port(), core::Role::table, "table12-secret"));
    net::Client boss(client_options(server.port(), core::Role::manager, "boss-secret"));
    REQUIRE(eventually([&] { return table.snapshot().connection.synced; }));
    table.place_order({core::LineRequest{"mapo", 1, ""}});
    REQUIRE(eventually([&] { return table_sees(table).has_value(); }));

    ui::ShellConfig config = headless(1280, 800, manager::manager_strings(core::Menu{}));
    config.theme = ui::office_theme();
    ui::Shell shell(config);
    manager::ManagerApp app(boss, manager::ManagerSettings{}, wall_ms);
    app.form().tab = manager::ManagerTab::live;
    auto frame = [&] {
      REQUIRE(shell.begin_frame());
      {
        ui::RootWindow root("manager", shell.theme());
        app.frame(shell.theme());
      }
      shell.end_frame();
    };
    REQUIRE(eventually([&] {
      frame();
      return app.live_view().tables.size() == 1;
    }));
    CHECK(app.breach_view().totals.breaches == 0);
    // The history answered: one order in the period, none decided yet.
    CHECK(eventually([&] {
      frame();
      return app.breach_view().totals.orders == 1;
    }));
    // Comp through the same intent the dialog's confirm button returns.
    const std::string line_id = app.live_view().tables[0].orders[0].lines[0].line_id;
    manager::ManagerIntents intents;
    intents.comp = std::make_pair(line_id, std::string("hair in the tofu"));
    app.apply(intents);
    CHECK(eventually([&] {
      const net::State state = table.snapshot();
      for (const auto& [id, order] : state.orders) {
        if (order.lines[0].comped) return true;
      }
      return false;
    }));
    REQUIRE(eventually([&] {
      frame();
      return app.live_view().tables[0].orders[0].lines[0].comped;
    }));
    CHECK(app.live_view().tables[0].total == "¥0.00");
    // Close the table: the order leaves the live view.
    intents = {};
    intents.close = std::make_pair(std::string("12"), std::string());
    app.apply(intents);
    CHECK(eventually([&] {
      frame();
      return app.live_view().tables.empty();
    }));
  }
  fs::remove_all(dir);
}

#endif  // HOURGLASS_KITCHEN_BINARY
