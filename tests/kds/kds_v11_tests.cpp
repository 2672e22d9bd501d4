// The kitchen display with protocol v1.1 on a REAL kitchen server: a cook
// marks a dish sold out (86) with one touch on the 86 list and every tablet
// greys it, another touch puts it back on; a held line touched on its ticket
// is fired into a new round the diner's tablet sees.
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

// The display on a real server, drawn headless, clicked as a finger would.
struct Display {
  explicit Display(const test::TestKitchen& kitchen)
      : client(net::Options{.port = kitchen.port(), .role = core::Role::kds, .token = test::kKds}),
        shell(test::headless_shell_config(1280, 800, ui::kitchen_theme(),
                                          kitchen::kds_strings(test::sample_menu()))),
        app(client, kitchen::KdsSettings{}, nullptr, test::wall_ms) {}

  ui::Image frame() { return test::capture_frame(shell, [&] { app.frame(shell.theme()); }); }

  std::optional<kitchen::ButtonHit> button(const std::string& key) const {
    for (const kitchen::ButtonHit& hit : app.last_intents().buttons) {
      if (hit.key == key) return hit;
    }
    return std::nullopt;
  }

  void click(float x, float y) {
    shell.inject_mouse(x, y, true);
    frame();
    shell.inject_mouse(x, y, false);
    frame();
    shell.clear_injected_mouse();
    frame();
  }

  void click(const std::string& key) {
    const auto hit = button(key);
    INFO("button " << key);
    REQUIRE(hit);
    click(hit->cx(), hit->cy());
  }

  net::Client client;
  ui::Shell shell;
  kitchen::KdsApp app;
};

bool sold_out_on(const net::Client& client, const std::string& item) {
  const net::State state = client.snapshot();
  if (!state.menu) return false;
  const core::MenuItem* found = state.menu->find(item);
  return found != nullptr && found->sold_out;
}

}  // namespace

TEST_CASE("kitchen display 86: one touch on the 86 list sells a dish out on every tablet, another puts it back",
          "[ui][kds][integration]") {
  test::TestKitchen kitchen;
  net::Client table(net::Options{.port = kitchen.port(), .role = core::Role::table, .token = test::kTable1});
  REQUIRE(eventually([&] { return table.snapshot().connection.synced; }));
  Display display(kitchen);
  REQUIRE(eventually([&] {
    display.frame();
    return display.app.state().connection.synced && display.button("86").has_value();
  }));
  CHECK_FALSE(display.button("86:koushuiji"));  // the tickets are shown, not the list
  display.click("86");
  REQUIRE(display.button("86:koushuiji"));
  CHECK(display.app.view().sold_out_count == 0);

  display.click("86:koushuiji");
  REQUIRE(eventually([&] { return sold_out_on(table, "koushuiji"); }, std::chrono::seconds(1)));
  CHECK_FALSE(sold_out_on(table, "paihuanggua"));
  // The display says so on its list and its button.
  REQUIRE(eventually([&] {
    display.frame();
    return display.app.view().sold_out_count == 1;
  }));
  const auto& dishes = display.app.view().dishes;
  const auto dish = std::find_if(dishes.begin(), dishes.end(),
                                 [](const kitchen::SoldOutDish& d) { return d.item == "koushuiji"; });
  REQUIRE(dish != dishes.end());
  CHECK(dish->sold_out);
  CHECK(dish->state_word == "86");

  display.click("86:koushuiji");
  REQUIRE(eventually([&] { return !sold_out_on(table, "koushuiji"); }, std::chrono::seconds(1)));
  // The 86 button again: back to the tickets.
  display.click("86");
  CHECK_FALSE(display.button("86:koushuiji"));
}

TEST_CASE("kitchen display: a touch on a held line fires it into a new round that the diner's tablet sees",
          "[ui][kds][integration]") {
  test::TestKitchen kitchen;
  net::Client table(net::Options{.port = kitchen.port(), .role = core::Role::table, .token = test::kTable1});
  REQUIRE(eventually([&] { return table.snapshot().connection.synced; }));
  table.place_order({core::LineRequest{"paihuanggua", 1, "", false}, core::LineRequest{"gongbao", 1, "", true}});
  Display display(kitchen);
  std::string held_line;
  REQUIRE(eventually([&] {
    display.frame();
    if (display.app.view().tickets.size() != 1) return false;
    held_line = display.app.view().tickets[0].held_line_ids.empty() ? ""
                                                                     : display.app.view().tickets[0].held_line_ids[0];
    return !held_line.empty();
  }));
  std::optional<kitchen::LineHit> hit;
  for (const kitchen::LineHit& h : display.app.last_intents().line_hits) {
    if (h.line_id == held_line) hit = h;
  }
  REQUIRE(hit);
  display.click(hit->cx(), hit->cy());
  REQUIRE(eventually([&] { return table.snapshot().orders.size() == 2; }));
  const net::State state = table.snapshot();
  bool found_round = false;
  for (const auto& [id, order] : state.orders) {
    if (order.fired_from.empty()) {
      REQUIRE(order.find_line(held_line) != nullptr);
      CHECK(order.find_line(held_line)->state == core::LineState::fired);
    } else {
      found_round = true;
      REQUIRE(order.lines.size() == 1);
      CHECK(order.lines[0].item == "gongbao");
      CHECK(order.lines[0].state == core::LineState::queued);
      CHECK(order.deadline_ms > order.accepted_at_ms);
    }
  }
  CHECK(found_round);
}
