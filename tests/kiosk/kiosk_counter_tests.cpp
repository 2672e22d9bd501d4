// The counter kiosk's end screen hands over to the next guest after the
// configured pause: at the pause exactly, not a millisecond before.

#include <catch2/catch.hpp>

#include "kiosk/demo_state.hpp"
#include "kiosk/kiosk_app.hpp"
#include "kiosk/kiosk_link.hpp"
#include "kiosk/kiosk_screens.hpp"
#include "tests/kiosk/kiosk_driver.hpp"

namespace kiosk = hourglass::kiosk;
namespace core = hourglass::core;

TEST_CASE("kiosk counter: the end screen resets for the next guest after the pause", "[ui][kiosk][counter][edge]") {
  const core::Menu& menu = kiosk_test::sample_menu();
  constexpr std::int64_t kStart = 1'763'800'000'000;
  kiosk::DemoOptions demo;
  demo.mode = kiosk::Mode::counter;
  kiosk::AppOptions options;
  options.mode = kiosk::Mode::counter;
  options.language = core::Language::zh;
  options.reset_seconds = 20;
  options.start_screen = kiosk::Screen::counter_done;
  kiosk::Cart cart;
  cart.add("paihuanggua", 2);  // the next guest must not inherit this
  kiosk::KioskApp app(
      options, kiosk::make_demo_link(kiosk::make_demo_state(menu, demo, kStart), demo.mode, [] { return kStart; }),
      cart);
  kiosk::Intent switch_language;
  switch_language.action = kiosk::Action::switch_language;
  app.apply(switch_language, kStart);
  REQUIRE(app.language() == core::Language::en);

  app.update(kStart);  // the end screen opens now
  REQUIRE(app.screen() == kiosk::Screen::counter_done);
  app.update(kStart + 20'000 - 1);
  CHECK(app.screen() == kiosk::Screen::counter_done);
  CHECK(app.cart().qty_of("paihuanggua") == 2);
  app.update(kStart + 20'000);
  CHECK(app.screen() == kiosk::Screen::menu);
  CHECK(app.cart().empty());
  CHECK(app.language() == core::Language::zh);  // back to the restaurant's default
}

TEST_CASE("kiosk counter: a diner with no keyboard leaves a note with one-touch chips, and the kitchen gets it",
          "[ui][kiosk][counter]") {
  kiosk_test::Driver driver = [] {
    kiosk::DemoOptions demo;
    demo.mode = kiosk::Mode::counter;
    demo.orders = 0;
    kiosk::AppOptions options;
    options.mode = kiosk::Mode::counter;
    options.language = core::Language::en;
    return kiosk_test::Driver(
        kiosk::make_demo_link(kiosk::make_demo_state(kiosk_test::sample_menu(), demo, kiosk_test::wall_ms()), demo.mode,
                              kiosk_test::wall_ms),
        options);
  }();
  driver.frame();
  driver.click("category:wok");
  driver.click("open:gongbao");
  REQUIRE(driver.has_target("chip:0"));
  const hourglass::ui::Image plain = driver.frame();
  driver.click("chip:0");                    // Less spicy
  driver.click("chip:2");                    // No coriander
  driver.click("chip:1");                    // Not spicy ...
  driver.click("chip:1");                    // ... changed their mind
  CHECK(driver.frame().rgba != plain.rgba);  // the chosen chips look chosen
  driver.click("detail_add");
  REQUIRE(driver.app().cart().lines().size() == 1);
  CHECK(driver.app().cart().lines()[0].note == "Less spicy · No coriander");

  driver.click("order");
  driver.click("place");
  driver.click("yes");
  REQUIRE(driver.app().screen() == kiosk::Screen::counter_done);
  CHECK(driver.app().cart().empty());
  // The kitchen has the order with the note as the diner chose it.
  const auto has_gongbao = [&] {
    for (const core::Order& order : driver.app().state().orders) {
      if (order.lines.size() == 1 && order.lines[0].item == "gongbao") return true;
    }
    return false;
  };
  REQUIRE(driver.frames_until(has_gongbao, std::chrono::seconds(5)));
  for (const core::Order& order : driver.app().state().orders) {
    if (order.lines[0].item == "gongbao") CHECK(order.lines[0].note == "Less spicy · No coriander");
  }
}
