// The counter kiosk's end screen hands over to the next guest after the
// configured pause: at the pause exactly, not a millisecond before.

#include <catch2/catch.hpp>

#include "kiosk/demo_state.hpp"
#include "kiosk/kiosk_app.hpp"
#include "kiosk/kiosk_link.hpp"
#include "kiosk/kiosk_screens.hpp"

namespace kiosk = hourglass::kiosk;
namespace core = hourglass::core;

TEST_CASE("kiosk counter: the end screen resets for the next guest after the pause", "[kiosk][counter][edge]") {
  auto menu = core::load_menu_file(HOURGLASS_TEST_MENU);
  REQUIRE(menu.ok());
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
  kiosk::KioskApp app(options, kiosk::make_demo_link(kiosk::make_demo_state(menu.value(), demo, kStart), demo.mode, [] { return kStart; }), cart);
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
