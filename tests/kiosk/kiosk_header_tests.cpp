// The header's countdown is never the item that gives way: the layout rule
// as a pure function, and the header rendered where it used to vanish
// (English at 1280x800, portrait 800x1280) with an order running.
#include <catch2/catch.hpp>

#include "kiosk/demo_state.hpp"
#include "kiosk/header_layout.hpp"
#include "kiosk/kiosk_view_model.hpp"
#include "tests/kiosk/kiosk_driver.hpp"

namespace kiosk = hourglass::kiosk;
namespace core = hourglass::core;
using kiosk::PromiseForm;
using kiosk_test::Driver;

namespace {

// Widths as measured at scale 1 in English (brand with its margin, the
// badge, its short form, "04:12").
kiosk::HeaderItems landscape_items(float space) {
  kiosk::HeaderItems items;
  items.space = space;
  items.gap = 12;
  items.brand = 221;
  items.promise_full = 265;
  items.promise_short = 147;
  items.countdown = 90;
  return items;
}

}  // namespace

TEST_CASE("kiosk header fit: the promise shortens, then goes, then the brand, the countdown stays", "[ui][kiosk]") {
  using Row = std::tuple<float, bool, PromiseForm>;
  // space, brand shown, promise shown; the thresholds are the sums of widths.
  auto [space, brand, promise] = GENERATE(table<float, bool, PromiseForm>({
      Row{221 + 265 + 12 + 90 + 1, true, PromiseForm::full},
      Row{221 + 265 + 12 + 90, true, PromiseForm::short_form},  // exactly full: no room left
      Row{221 + 147 + 12 + 90 + 1, true, PromiseForm::short_form},
      Row{221 + 147 + 12 + 90, true, PromiseForm::none},
      Row{221 + 90 + 1, true, PromiseForm::none},
      Row{221 + 90, false, PromiseForm::none},
      Row{91, false, PromiseForm::none},
  }));
  CAPTURE(space);
  const kiosk::HeaderFit fit = kiosk::fit_header(landscape_items(space));
  CHECK(fit.countdown);
  CHECK_FALSE(fit.overflow);
  CHECK(fit.brand == brand);
  CHECK(fit.promise == promise);
}

TEST_CASE("kiosk header fit: no clock running keeps the full badge where a clock would not", "[ui][kiosk]") {
  kiosk::HeaderItems items = landscape_items(221 + 265 + 12 + 40);
  items.countdown = 0;
  const kiosk::HeaderFit fit = kiosk::fit_header(items);
  CHECK_FALSE(fit.countdown);
  CHECK(fit.promise == PromiseForm::full);
  CHECK(fit.brand);
}

TEST_CASE("kiosk header fit: a countdown wider than its space is still drawn", "[ui][kiosk]") {
  const kiosk::HeaderFit fit = kiosk::fit_header(landscape_items(60));
  CHECK(fit.countdown);
  CHECK(fit.overflow);
  CHECK(fit.promise == PromiseForm::none);
}

TEST_CASE("kiosk header fit: on the portrait second row there is no brand to drop", "[ui][kiosk]") {
  kiosk::HeaderItems items = landscape_items(265 + 12 + 90 + 1);
  items.brand = 0;
  kiosk::HeaderFit fit = kiosk::fit_header(items);
  CHECK(fit.promise == PromiseForm::full);
  CHECK_FALSE(fit.brand);
  items.space = 147 + 12 + 90 + 1;
  fit = kiosk::fit_header(items);
  CHECK(fit.promise == PromiseForm::short_form);
  CHECK(fit.countdown);
}

TEST_CASE("kiosk header: the short badge says the promise in both languages", "[ui][kiosk]") {
  const core::PromiseTerms terms{};
  CHECK(kiosk::promise_badge_short(terms, core::Language::en) == "15 min or free");
  CHECK(kiosk::promise_badge_short(terms, core::Language::zh) == "15分钟超时免单");
  const core::PromiseTerms percent{900, core::BillPercentPolicy{80}};
  CHECK(kiosk::promise_badge_short(percent, core::Language::en) == "15 min or pay 80%");
  CHECK(kiosk::promise_badge_short(percent, core::Language::zh) == "15分钟超时8折");
}

TEST_CASE("kiosk header: with an open order the countdown is drawn on the menu, landscape and portrait",
          "[ui][kiosk]") {
  using Size = std::tuple<int, int, core::Language>;
  auto [width, height, language] = GENERATE(table<int, int, core::Language>({
      Size{1280, 800, core::Language::en},
      Size{1280, 800, core::Language::zh},
      Size{800, 1280, core::Language::en},
      Size{800, 1280, core::Language::zh},
  }));
  CAPTURE(width, height, language == core::Language::en ? "en" : "zh");
  kiosk::DemoOptions demo;
  kiosk::AppOptions options;
  options.language = language;
  options.start_category = "wok";
  Driver driver(kiosk::make_demo_link(kiosk::make_demo_state(kiosk_test::sample_menu(), demo, kiosk_test::wall_ms()),
                                      demo.mode, kiosk_test::wall_ms),
                options, width, height);
  driver.frame();
  driver.frame();
  REQUIRE(driver.app().screen() == kiosk::Screen::menu);
  const kiosk::TouchTarget* clock = driver.target("countdown");
  REQUIRE(clock != nullptr);
  CHECK(clock->min.x >= 0);
  CHECK(clock->max.x <= static_cast<float>(width));
  // Clear of the tabs and the buttons, which are drawn right of it.
  for (const char* key : {"tab:menu", "waiter", "lang"}) {
    const kiosk::TouchTarget* other = driver.target(key);
    REQUIRE(other != nullptr);
    const bool apart = clock->max.x <= other->min.x || clock->max.y <= other->min.y || other->max.y <= clock->min.y;
    CHECK(apart);
  }
}
