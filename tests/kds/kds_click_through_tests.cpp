// The kitchen display against a REAL kitchen server, started by the test kit
// with the standard test kitchen: a diner's tablet (a table-role net client)
// places an order, the display renders headless frames, a click on the line
// bumps it, and the tablet sees the line's new state. Then the recall key
// puts it back.
#include <catch2/catch.hpp>
#include <optional>

#include "kitchen/kds/kds_app.hpp"
#include "kitchen/kds/kds_view_model.hpp"
#include "shared/net/client.hpp"
#include "tests/kit/test_kit.hpp"
#include "tests/ui/headless_shell.hpp"

namespace core = hourglass::core;
namespace kitchen = hourglass::kitchen;
namespace net = hourglass::net;
namespace test = hourglass::test;
namespace ui = hourglass::ui;
using test::eventually;

namespace {

// The state of the first line of the first order the client sees.
std::optional<core::LineState> first_line_state(const net::Client& client) {
  const net::State state = client.snapshot();
  for (const auto& [id, order] : state.orders) {
    if (!order.lines.empty()) return order.lines.front().state;
  }
  return std::nullopt;
}

}  // namespace

TEST_CASE("a click on a line of the kitchen display bumps it on the diner's tablet, recall puts it back",
          "[ui][kds][integration]") {
  test::TestKitchen kitchen;
  net::Client table(net::Options{.port = kitchen.port(), .role = core::Role::table, .token = test::kTable1});
  net::Client kds_client(net::Options{.port = kitchen.port(), .role = core::Role::kds, .token = test::kKds});
  REQUIRE(eventually([&] { return table.snapshot().connection.synced; }));
  table.place_order({core::LineRequest{"gongbao", 2, "less spicy"}});
  REQUIRE(eventually([&] { return first_line_state(table) == core::LineState::queued; }));

  ui::Shell shell(
      test::headless_shell_config(1280, 800, ui::kitchen_theme(), kitchen::kds_strings(test::sample_menu())));
  kitchen::KdsApp app(kds_client, kitchen::KdsSettings{}, nullptr, test::wall_ms);
  auto frame = [&] { return test::capture_frame(shell, [&] { app.frame(shell.theme()); }); };
  const bool ticket_shown = eventually([&] {
    frame();
    return app.view().tickets.size() == 1 && !app.last_intents().line_hits.empty();
  });
  REQUIRE(ticket_shown);
  CHECK(app.view().tickets[0].table == "Table 1");
  CHECK(app.view().tickets[0].lines[0].note == "less spicy");
  const kitchen::LineHit hit = app.last_intents().line_hits.front();

  // A click is press then release over the line (ImGui fires on release).
  const ui::Image before = frame();
  shell.inject_mouse(hit.cx(), hit.cy(), true);
  frame();
  shell.inject_mouse(hit.cx(), hit.cy(), false);
  frame();
  shell.clear_injected_mouse();
  CHECK(eventually([&] { return first_line_state(table) == core::LineState::cooking; }));
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
  CHECK(eventually([&] { return first_line_state(table) == core::LineState::queued; }));

  // Keyboard: ticket 1, advance, then "all served".
  shell.inject_text("1");
  frame();
  shell.inject_text("s");
  frame();
  CHECK(eventually([&] { return first_line_state(table) == core::LineState::served; }));
  // The served ticket leaves the display.
  CHECK(eventually([&] {
    frame();
    return app.view().tickets.empty();
  }));
}
