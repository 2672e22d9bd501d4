// The tablet with protocol v1.1 on a real kitchen server: a dish sold out by
// the kitchen greys on the tablet and is marked in its cart; a round refused
// for it comes back to the cart with the dish named in the diner's language;
// a dish to serve later is held and fired with one touch; a busy kitchen is
// said before ordering.
#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <fstream>
#include <nlohmann/json.hpp>

#include "kiosk/kiosk_app.hpp"
#include "kiosk/kiosk_link.hpp"
#include "tests/kiosk/kiosk_driver.hpp"
#include "tests/kit/test_kit.hpp"

namespace kiosk = hourglass::kiosk;
namespace core = hourglass::core;
namespace test = hourglass::test;

using kiosk_test::Driver;
using std::chrono::seconds;

namespace {

Driver tablet(const test::TestKitchen& kitchen, core::Language language = core::Language::en) {
  kiosk::NetLinkOptions net;
  net.server = kitchen.address();
  net.token = test::kTable1;
  net.mode = kiosk::Mode::table;
  kiosk::AppOptions options;
  options.language = language;
  return Driver(kiosk::make_net_link(net), options);
}

bool ready(Driver& driver) {
  const bool connected = driver.frames_until(
      [&] { return driver.app().state().connected && !driver.app().state().menu.items.empty(); }, seconds(10));
  driver.skip_party_size();
  return connected;
}

const core::MenuItem* item(Driver& driver, const std::string& id) { return driver.app().state().menu.find(id); }

// Points the kitchen's config at a copy of the sample menu with `id` marked
// "sold_out", as an owner would before a restart.
void mark_sold_out_in_menu(const test::TestKitchen& kitchen, const std::string& id) {
  nlohmann::json menu = nlohmann::json::parse(test::read_text_file(test::sample_menu_path()));
  for (nlohmann::json& entry : menu.at("items")) {
    if (entry.at("id") == id) entry["sold_out"] = true;
  }
  const auto menu_file = kitchen.dir / "menu.json";
  std::ofstream(menu_file) << menu.dump();
  const auto config_file = kitchen.dir / "kitchen.json";
  nlohmann::json config = nlohmann::json::parse(test::read_text_file(config_file));
  config["menu"] = menu_file.string();
  std::ofstream(config_file) << config.dump();
}

}  // namespace

TEST_CASE("tablet v1.1: a dish the kitchen sells out greys at once, is marked in the cart and blocks the round",
          "[ui][kiosk][integration]") {
  test::TestKitchen kitchen;
  Driver driver = tablet(kitchen);
  REQUIRE(ready(driver));
  driver.click("plus:paihuanggua");
  driver.click("plus:koushuiji");
  REQUIRE(driver.has_target("plus:koushuiji"));

  auto kds = test::connect_as(kitchen.port(), test::kKds, core::Role::kds);
  REQUIRE(test::as<core::Ok>(kds.client.request(core::SetSoldOut{"koushuiji", true})));
  // Within a second the tablet knows, and the dish can no longer be added.
  REQUIRE(driver.frames_until([&] { return item(driver, "koushuiji")->sold_out; }, seconds(1)));
  driver.frame();
  CHECK_FALSE(driver.has_target("plus:koushuiji"));
  CHECK(driver.has_target("plus:paihuanggua"));

  driver.click("order");
  const kiosk::CartView cart =
      kiosk::build_cart_view(driver.app().state(), driver.app().cart(), {}, false, core::Language::en, 0);
  REQUIRE(cart.lines.size() == 2);
  CHECK(cart.lines[1].sold_out);
  CHECK(cart.lines[1].sold_out_text == "Sold out: remove it to order");
  CHECK_FALSE(cart.can_place);
  driver.click("place");  // disabled: nothing happens
  CHECK_FALSE(driver.has_target("yes"));
  // Back on: the round can go.
  REQUIRE(test::as<core::Ok>(kds.client.request(core::SetSoldOut{"koushuiji", false})));
  REQUIRE(driver.frames_until([&] { return !item(driver, "koushuiji")->sold_out; }, seconds(1)));
  driver.click("place");
  CHECK(driver.has_target("yes"));
}

TEST_CASE("tablet v1.1: a round refused for a dish sold out meanwhile comes back to the cart, the dish named",
          "[ui][kiosk][integration]") {
  test::TestKitchen kitchen;
  Driver driver = tablet(kitchen, core::Language::zh);
  REQUIRE(ready(driver));
  driver.click("plus:paihuanggua");
  driver.click("plus:koushuiji");
  driver.click("order");
  driver.click("place");
  REQUIRE(driver.has_target("yes"));
  // The kitchen goes down; the owner marks the dish sold out in the menu file
  // and starts it again. The tablet, offline meanwhile, still offers it, so
  // the round waits in its outbox and the kitchen is the one to refuse it.
  REQUIRE(kitchen.server.stop(SIGTERM) == 0);
  REQUIRE(driver.frames_until([&] { return !driver.app().state().connected; }, seconds(5)));
  mark_sold_out_in_menu(kitchen, "koushuiji");
  driver.click("yes");
  REQUIRE(driver.app().cart().empty());
  kitchen.server.restart();
  REQUIRE(driver.frames_until([&] { return !driver.app().toasts().texts().empty(); }, seconds(10)));
  CHECK(driver.app().cart().count() == 2);
  CHECK(driver.app().screen() == kiosk::Screen::cart);
  CHECK(driver.app().state().orders.empty());
  const kiosk::CartView cart =
      kiosk::build_cart_view(driver.app().state(), driver.app().cart(), {}, false, core::Language::zh, 0);
  REQUIRE(cart.lines.size() == 2);
  CHECK_FALSE(cart.lines[0].sold_out);
  CHECK(cart.lines[1].sold_out);
  const auto toasts = driver.app().toasts().texts();
  REQUIRE_FALSE(toasts.empty());
  CHECK(toasts.back() == "抱歉，口水鸡已售罄");
}

TEST_CASE("tablet v1.1: a dish to serve later is sent held and fired with one touch into its own round",
          "[ui][kiosk][integration]") {
  test::TestKitchen kitchen;
  Driver driver = tablet(kitchen);
  REQUIRE(ready(driver));
  driver.click("plus:paihuanggua");
  driver.click("plus:koushuiji");
  driver.click("order");
  driver.click("hold:1");
  REQUIRE(driver.app().cart().lines().size() == 2);
  CHECK(driver.app().cart().lines()[1].hold);
  driver.click("place");
  driver.click("yes");
  REQUIRE(driver.frames_until([&] { return driver.app().state().orders.size() == 1; }, seconds(5)));
  const core::Order first = driver.app().state().orders.front();
  CHECK(first.lines[1].state == core::LineState::held);
  driver.frame();
  REQUIRE(driver.has_target("fire:" + first.order_id));
  driver.click("fire:" + first.order_id);
  REQUIRE(driver.frames_until([&] { return driver.app().state().orders.size() == 2; }, seconds(5)));
  const auto& orders = driver.app().state().orders;
  const auto round = std::find_if(orders.begin(), orders.end(), [](const core::Order& o) { return !o.fired_from.empty(); });
  REQUIRE(round != orders.end());
  CHECK(round->fired_from == std::vector<std::int64_t>{first.seq});
  REQUIRE(round->lines.size() == 1);
  CHECK(round->lines[0].item == "koushuiji");
  CHECK(round->lines[0].state == core::LineState::queued);
  driver.frame();
  CHECK_FALSE(driver.has_target("fire:" + first.order_id));  // nothing held any more
}

TEST_CASE("tablet v1.1: kitchen busy is said before ordering when the projected wait nears the promise",
          "[ui][kiosk]") {
  kiosk::KioskState state;
  state.promise.seconds = 900;
  kiosk::Cart cart;
  cart.add("rice");
  const auto bar = [&](std::optional<std::int64_t> wait_s) {
    state.kitchen_wait_s = wait_s;
    return kiosk::build_menu_view(state, cart, {}, core::Language::en, 0).cart_bar.kitchen_busy;
  };
  CHECK(bar(std::nullopt).empty());
  CHECK(bar(719).empty());                               // under 80 % of 15 minutes
  CHECK(bar(720) == "Kitchen busy: about 12 min");       // 80 %
  CHECK(bar(1261) == "Kitchen busy: about 22 min");      // minutes rounded up
  state.kitchen_wait_s = 1300;
  CHECK(kiosk::build_cart_view(state, cart, {}, false, core::Language::zh, 0).kitchen_busy == "后厨繁忙：约 22 分钟");
}
