// Kitchen load (v1.1): the wait of a typical new order from the schedule, its
// cheaper form above the size limit, and when the server pushes a new value.
#include <catch2/catch.hpp>

#include "shared/core/kitchen_load.hpp"
#include "shared/core/promise.hpp"
#include "test_menu.hpp"

using namespace hourglass::core;

namespace {

constexpr std::int64_t kT0 = 1'763'800'000'000;

// small_menu: gongbao (wok, 480 s), rice (steam, 60 s), fish (steam, outside the promise).
Menu menu_with_woks(int woks) {
  Menu menu = hourglass::test::small_menu();
  menu.stations[0].cooks = woks;
  return menu;
}

Order wok_order(std::int64_t seq, int lines, std::int64_t promise_s = 900) {
  std::vector<LineRequest> requests(static_cast<std::size_t>(lines), LineRequest{"gongbao", 1, ""});
  std::string id = "o";
  id += std::to_string(seq);
  auto made = make_order(id, requests, menu_with_woks(1), seq, "1", kT0,
                         PromiseTerms{promise_s, FreeUnservedPolicy{}});
  REQUIRE(made.ok());
  return made.value();
}

}  // namespace

TEST_CASE("kitchen load: an empty kitchen waits the usual time of its slowest station", "[core][load]") {
  CHECK(typical_wait_ms(std::vector<Order>{}, menu_with_woks(2), kT0) == 480'000);
  Menu no_prep = menu_with_woks(2);
  for (auto& item : no_prep.items) item.prep_s.reset();
  CHECK(typical_wait_ms(std::vector<Order>{}, no_prep, kT0) == 0);
  CHECK(wait_seconds(480'000) == 480);
  CHECK(wait_seconds(480'001) == 481);
  CHECK(wait_seconds(-5) == 0);
}

TEST_CASE("kitchen load: queued work waits for a place, more places wait less", "[core][load]") {
  const std::vector<Order> orders{wok_order(1, 4)};
  // One wok, four dishes of 8 minutes: the new dish starts after 32 minutes.
  // (The schedule holds none back: every one is needed to finish in time.)
  CHECK(typical_wait_ms(orders, menu_with_woks(1), kT0) >= 4 * 480'000);
  // Two woks: two rounds; four woks: one.
  CHECK(typical_wait_ms(orders, menu_with_woks(2), kT0) < typical_wait_ms(orders, menu_with_woks(1), kT0));
  CHECK(typical_wait_ms(orders, menu_with_woks(4), kT0) == 2 * 480'000);
  CHECK(typical_wait_ms(orders, menu_with_woks(8), kT0) == 480'000);  // places to spare
  CHECK(schedule_options_for(menu_with_woks(4)).cooks.at("wok") == 4);
  CHECK(schedule_options_for(menu_with_woks(4)).cooks.at("steam") == 1);
}

TEST_CASE("kitchen load: lost lines do not hold a new order back (it goes first)", "[core][load]") {
  // Four minutes promised for eight-minute dishes: lost from the start.
  const std::vector<Order> lost{wok_order(1, 4, 240)};
  CHECK(typical_wait_ms(lost, menu_with_woks(1), kT0) == 480'000);
}

TEST_CASE("kitchen load: above the schedule's size limit the work is spread over the places", "[core][load]") {
  std::vector<Order> orders;
  for (std::int64_t seq = 1; static_cast<std::size_t>(seq - 1) * 100 <= kMaxScheduledLines; ++seq) {
    orders.push_back(wok_order(seq, 100, 86'400));
  }
  const std::size_t lines = orders.size() * 100;
  REQUIRE(lines > kMaxScheduledLines);
  const Menu menu = menu_with_woks(10);
  CHECK(typical_wait_ms(orders, menu, kT0) == static_cast<std::int64_t>(lines) * 480'000 / 10 + 480'000);
}

TEST_CASE("kitchen load: pushed when it moves by 60 s, at most once every 10 s", "[core][load]") {
  CHECK(should_push_load(std::nullopt, 0, kT0));
  const LoadPushed last{600, kT0};
  CHECK_FALSE(should_push_load(last, 659, kT0 + 60'000));
  CHECK(should_push_load(last, 660, kT0 + 10'000));
  CHECK(should_push_load(last, 540, kT0 + 10'000));
  CHECK_FALSE(should_push_load(last, 541, kT0 + 10'000));
  CHECK_FALSE(should_push_load(last, 900, kT0 + 9'999));
}
