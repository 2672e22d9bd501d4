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

namespace {

core::Complaint dish_complaint(std::int64_t id, std::string table, std::string item, std::string station,
                               std::int64_t at_ms) {
  core::Complaint c;
  c.complaint_id = id;
  c.table = std::move(table);
  c.category = core::ComplaintCategory::dish_quality;
  c.item = std::move(item);
  c.station = std::move(station);
  c.at_ms = at_ms;
  return c;
}

// Pixels of the theme's danger red in the band under the top bar.
std::size_t red_in_banner(const ui::Image& image, const ui::Theme& theme) {
  const auto to_byte = [](float v) { return static_cast<std::uint8_t>(v * 255.0f + 0.5f); };
  const ui::Rgba8 red{to_byte(theme.danger.x), to_byte(theme.danger.y), to_byte(theme.danger.z), 255};
  std::size_t n = 0;
  const int top = static_cast<int>(theme.touch_height + theme.px(20.0f));
  for (int y = top; y < top + static_cast<int>(theme.px(40.0f)) && y < image.height; ++y) {
    for (int x = 0; x < image.width; ++x) n += image.pixel(x, y) == red ? 1 : 0;
  }
  return n;
}

}  // namespace

TEST_CASE("kds complaint alert: the oldest open complaint about a dish, its wait, how many more, by station",
          "[kds]") {
  const std::int64_t now = 1'796'140'800'000;
  std::map<std::int64_t, core::Complaint> complaints;
  CHECK(kitchen::complaint_alert(complaints, test::sample_menu(), "", now, core::Language::en).empty());
  complaints[1] = dish_complaint(1, "7", "mapo", "wok", now - 133'900);
  complaints[2] = dish_complaint(2, "3", "paihuanggua", "cold", now - 20'000);
  complaints[2].note = "too salty";
  complaints[3] = dish_complaint(3, "5", "mapo", "wok", now - 500'000);
  complaints[3].status = core::ComplaintStatus::resolved;  // answered: gone from the banner
  core::Complaint service;
  service.complaint_id = 4;
  service.table = "9";
  service.category = core::ComplaintCategory::service;  // not about a dish: the console's, not the kitchen's
  service.at_ms = now - 900'000;
  complaints[4] = service;
  CHECK(kitchen::complaint_alert(complaints, test::sample_menu(), "", now, core::Language::en) ==
        "Table 7 · Mapo Tofu: Dish quality · waiting 02:13 (+1)");
  CHECK(kitchen::complaint_alert(complaints, test::sample_menu(), "cold", now, core::Language::en) ==
        "Table 3 · Smashed Cucumber: too salty · waiting 00:20");
  CHECK(kitchen::complaint_alert(complaints, test::sample_menu(), "bar", now, core::Language::en).empty());
  CHECK(kitchen::complaint_alert(complaints, test::sample_menu(), "wok", now, core::Language::zh) ==
        "7号桌 · 麻婆豆腐：菜品质量 · 已等 02:13");
}

TEST_CASE("kds complaint alert on a real server: a table's dish complaint shows under the top bar until answered",
          "[kds][integration]") {
  test::TestKitchen kitchen;
  net::Client table(net::Options{.port = kitchen.port(), .role = core::Role::table, .token = test::kTable1});
  net::Client boss(net::Options{.port = kitchen.port(), .role = core::Role::manager, .token = test::kManager});
  Display display(kitchen);
  REQUIRE(eventually([&] { return table.snapshot().connection.synced && display.client.snapshot().connection.synced; }));
  table.place_order({core::LineRequest{"mapo", 1, ""}});
  REQUIRE(eventually([&] {
    display.frame();
    return display.app.view().tickets.size() == 1;
  }));
  const ui::Theme& theme = display.shell.theme();
  CHECK(red_in_banner(display.frame(), theme) == 0);

  core::Complain complain;
  complain.category = core::ComplaintCategory::dish_quality;
  complain.line_id = table.snapshot().orders.begin()->second.lines[0].line_id;
  table.request(core::ClientMessage{complain});
  REQUIRE(eventually([&] {
    display.frame();
    return display.app.state().complaints.size() == 1;
  }));
  CHECK(red_in_banner(display.frame(), theme) > 1000);
  CHECK(display.app.next_frame_ms().value() - test::wall_ms() <= 1000);  // the wait runs by the second

  const std::int64_t id = display.app.state().complaints.begin()->first;
  boss.request(core::ClientMessage{core::ResolveComplaint{id, core::Resolution::remade, ""}});
  REQUIRE(eventually([&] {
    display.frame();
    return display.app.state().complaints.begin()->second.status == core::ComplaintStatus::resolved;
  }));
  CHECK(red_in_banner(display.frame(), theme) == 0);
}
