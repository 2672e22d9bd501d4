// The kiosk rendered headless and clicked through (Shell::inject_mouse),
// against the demo kitchen and against a real hourglass-kitchen started by
// the test kit (the standard test kitchen: table 1, a 15-minute promise).
#include <catch2/catch.hpp>
#include <chrono>
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
#include "tests/kit/test_kit.hpp"

namespace kiosk = hourglass::kiosk;
namespace core = hourglass::core;
namespace test = hourglass::test;
namespace ui = hourglass::ui;

using kiosk_test::Driver;
using kiosk_test::sample_menu;
using kiosk_test::wall_ms;

namespace {

// The tablet of table 1 in English, on the kit's kitchen: its link made as
// main() makes it.
Driver table_1_tablet(const test::TestKitchen& kitchen) {
  kiosk::NetLinkOptions net;
  net.server = kitchen.address();
  net.token = test::kTable1;
  net.mode = kiosk::Mode::table;
  kiosk::AppOptions options;
  options.language = core::Language::en;
  return Driver(kiosk::make_net_link(net), options);
}

// Frames until the tablet is connected and has the server's menu.
bool connected_with_menu(Driver& driver) {
  const bool ready = driver.frames_until(
      [&] { return driver.app().state().connected && !driver.app().state().menu.items.empty(); },
      std::chrono::seconds(10));
  driver.skip_party_size();
  return ready;
}

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
  test::TestKitchen kitchen;
  Driver driver = table_1_tablet(kitchen);

  // Connected, with the server's menu and the table from the token.
  REQUIRE(connected_with_menu(driver));
  CHECK(driver.app().state().table == "1");
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
  CHECK(order.table == "1");
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
  test::TestKitchen kitchen;
  Driver driver = table_1_tablet(kitchen);
  REQUIRE(connected_with_menu(driver));
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

  kitchen.server.kill9();  // a crash: no goodbye on the sockets
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

TEST_CASE("kiosk UI: an order placed while the kitchen is down waits as 'not yet with the kitchen', then arrives once",
          "[ui][kiosk][integration]") {
  test::TestKitchen kitchen;
  Driver driver = table_1_tablet(kitchen);
  REQUIRE(connected_with_menu(driver));

  kitchen.server.kill9();
  REQUIRE(driver.frames_until([&] { return !driver.app().state().connected; }, std::chrono::seconds(10)));
  driver.click("plus:koushuiji");
  driver.click("order");
  driver.click("place");
  driver.click("yes");
  REQUIRE(driver.app().state().pending.size() == 1);
  const std::string order_id = driver.app().state().pending[0].order_id;
  const kiosk::OrdersView waiting = kiosk::build_orders_view(driver.app().state(), {}, core::Language::en, wall_ms());
  CHECK_FALSE(waiting.empty_text);  // never "no orders yet" while one waits
  REQUIRE(waiting.pending.size() == 1);
  CHECK(waiting.pending[0].offline);
  CHECK(waiting.pending[0].title == "Not yet with the kitchen");
  driver.frame();
  CHECK(driver.has_target("pending:" + order_id));  // the card is on screen

  kitchen.server.restart();
  REQUIRE(driver.frames_until(
      [&] { return driver.app().state().orders.size() == 1 && driver.app().state().pending.empty(); },
      std::chrono::seconds(15)));
  CHECK(driver.app().state().orders[0].order_id == order_id);  // the same order, sent once
  driver.frame();
  CHECK_FALSE(driver.has_target("pending:" + order_id));
  CHECK(driver.has_target("rush:" + order_id));
}
