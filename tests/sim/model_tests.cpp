// The simulator's pure model: arrivals with the lunch peak, rounds from the
// menu, log-normal cooking times, and the two cook policies.
#include <catch2/catch.hpp>
#include <cmath>

#include "kitchen/bench/machine_limits.hpp"
#include "kitchen/sim/model.hpp"
#include "shared/core/promise.hpp"
#include "tests/kit/kitchen_config.hpp"

namespace sim = hourglass::sim;
namespace core = hourglass::core;

TEST_CASE("arrivals: the base rate, lifted by the peak at its centre and not beyond its width", "[sim][model]") {
  sim::Scenario s;
  s.parties_per_hour = 36;
  CHECK(sim::arrival_rate(s, 100) == Approx(0.01));
  s.peak = sim::Peak{1800, 600, 3.0};
  CHECK(sim::arrival_rate(s, 1800) == Approx(0.03));
  CHECK(sim::arrival_rate(s, 1500) == Approx(0.02));  // half way down
  CHECK(sim::arrival_rate(s, 1200) == Approx(0.01));
  CHECK(sim::arrival_rate(s, 3000) == Approx(0.01));
}

TEST_CASE("arrivals: a seed replays them, their count follows the rate, none after the end", "[sim][model]") {
  sim::Scenario s;
  s.parties_per_hour = 3600;  // one a second
  s.duration_s = 2000;
  auto count = [&](std::uint64_t seed) {
    sim::Random random(seed);
    int n = 0;
    double last = 0;
    for (auto t = sim::next_arrival(s, 0, random); t; t = sim::next_arrival(s, *t, random)) {
      CHECK(*t > last);
      CHECK(*t < s.duration_s);
      last = *t;
      ++n;
    }
    return n;
  };
  const int first = count(7);
  CHECK(first == count(7));
  CHECK(first > 1800);  // 2000 expected; ±4.5 σ
  CHECK(first < 2200);
  s.parties_per_hour = 0;
  sim::Random random(1);
  CHECK_FALSE(sim::next_arrival(s, 0, random));
}

TEST_CASE("rounds: dishes from the menu, merged by item, at least one", "[sim][model]") {
  const core::Menu& menu = hourglass::test::sample_menu();
  sim::Scenario s;
  s.dishes_per_diner = 1.0;
  s.drink_chance = 1.0;
  sim::Random random(3);
  for (int i = 0; i < 50; ++i) {
    const auto lines = sim::order_round(menu, s, 4, true, random);
    REQUIRE_FALSE(lines.empty());
    int drinks = 0;
    std::set<std::string> items;
    for (const core::LineRequest& line : lines) {
      const core::MenuItem* item = menu.find(line.item);
      REQUIRE(item != nullptr);
      CHECK(items.insert(line.item).second);  // one line per item
      CHECK(line.qty >= 1);
      CHECK(line.qty <= core::kMaxLineQty);
      if (item->category == "drink") drinks += line.qty;
    }
    CHECK(drinks == 4);
  }
  const auto later = sim::order_round(menu, s, 4, false, random);
  CHECK(later.size() >= 1);
  CHECK(later.size() <= 2);
}

TEST_CASE("rounds of the measurement: 2-5 different promised dishes, nothing else", "[sim][model]") {
  const core::Menu& menu = hourglass::test::sample_menu();
  sim::Scenario s;
  s.dishes_per_order = sim::Range{2, 5};
  s.drink_chance = 1.0;  // ignored with dishes_per_order
  sim::Random random(9);
  std::set<std::size_t> sizes;
  for (int i = 0; i < 400; ++i) {
    const auto lines = sim::order_round(menu, s, 4, true, random);
    sizes.insert(lines.size());
    std::set<std::string> items;
    for (const core::LineRequest& line : lines) {
      const core::MenuItem* item = menu.find(line.item);
      REQUIRE(item != nullptr);
      CHECK(item->promised);
      CHECK(line.qty == 1);
      CHECK(items.insert(line.item).second);
    }
  }
  CHECK(sizes == std::set<std::size_t>{2, 3, 4, 5});
  const auto parsed = sim::parse_scenario(R"({"dishes_per_order":{"min":3,"max":2}})", "x.json");
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.error() == "x.json: dishes_per_order: min is above max");
}

TEST_CASE("cooking time: log-normal around prep_s, exact with no spread", "[sim][model]") {
  const core::Menu& menu = hourglass::test::sample_menu();
  sim::Random random(5);
  CHECK(sim::cook_seconds(menu, "gongbao", 0.0, random) == menu.find("gongbao")->prep_s.value());
  CHECK(sim::cook_seconds(menu, "no-such-dish", 0.0, random) == 30.0);
  std::vector<double> samples;
  for (int i = 0; i < 4000; ++i) samples.push_back(sim::cook_seconds(menu, "gongbao", 0.25, random));
  const double median = hourglass::bench::percentile(samples, 50);
  CHECK(median == Approx(*menu.find("gongbao")->prep_s).epsilon(0.05));
  CHECK(hourglass::bench::percentile(samples, 95) > median * 1.3);  // e^(1.645·0.25) ≈ 1.51
  CHECK(hourglass::bench::percentile(samples, 95) < median * 1.7);
}

TEST_CASE("cook policies: fifo takes the oldest ticket, least-slack the least slack", "[sim][model]") {
  const core::Menu& menu = hourglass::test::sample_menu();
  constexpr std::int64_t kT0 = 1'763'800'000'000;
  auto make = [&](const char* id, std::int64_t seq, std::int64_t promise_s) {
    auto made = core::make_order(id, {{"gongbao", 1, ""}}, menu, seq, "1", kT0,
                                 core::PromiseTerms{promise_s, core::FreeUnservedPolicy{}});
    REQUIRE(made.ok());
    return made.value();
  };
  const std::vector<core::Order> orders = {make("old-long", 1, 1800), make("new-short", 2, 600)};
  const auto fifo = sim::choose_line(sim::CookPolicy::fifo, orders, menu, "wok", kT0, {});
  REQUIRE(fifo);
  CHECK(fifo->order->order_id == "old-long");
  const auto display = sim::choose_line(sim::CookPolicy::least_slack, orders, menu, "wok", kT0, {});
  REQUIRE(display);
  CHECK(display->order->order_id == "new-short");
  // A line a cook already has is not offered again.
  const auto second = sim::choose_line(sim::CookPolicy::fifo, orders, menu, "wok", kT0, {fifo->line->line_id});
  REQUIRE(second);
  CHECK(second->order->order_id == "new-short");
  CHECK_FALSE(sim::choose_line(sim::CookPolicy::least_slack, orders, menu, "bar", kT0, {}));
  CHECK(sim::cook_policy_from("fifo") == sim::CookPolicy::fifo);
  CHECK_FALSE(sim::cook_policy_from("random"));
}

TEST_CASE("cook policies: at --speed N least-slack weighs N times the server's time left against prep_s",
          "[sim][model]") {
  const core::Menu& menu = hourglass::test::sample_menu();
  constexpr std::int64_t kT0 = 1'763'800'000'000;
  auto make = [&](const char* id, const char* item, std::int64_t seq, std::int64_t promise_s) {
    auto made = core::make_order(id, {{item, 1, ""}}, menu, seq, "1", kT0,
                                 core::PromiseTerms{promise_s, core::FreeUnservedPolicy{}});
    REQUIRE(made.ok());
    return made.value();
  };
  // Cucumber (120 s) due in 10 s and beef (180 s) due in 20 s, server time.
  const std::vector<core::Order> orders = {make("cucumber", "paihuanggua", 1, 10), make("beef", "fuqifeipian", 2, 20)};
  // At 1× both are hopeless; beef is the more so (−160 s against −110 s).
  const auto real_time = sim::choose_line(sim::CookPolicy::least_slack, orders, menu, "cold", kT0, {}, 1.0);
  REQUIRE(real_time);
  CHECK(real_time->order->order_id == "beef");
  // At 60× they are due in 10 and 20 restaurant minutes: cucumber has 480 s
  // to spare, beef 1,020 s.
  const auto fast = sim::choose_line(sim::CookPolicy::least_slack, orders, menu, "cold", kT0, {}, 60.0);
  REQUIRE(fast);
  CHECK(fast->order->order_id == "cucumber");
  CHECK(fast->slack_ms == 480'000);
  CHECK(fast->order == &orders[0]);  // points into the caller's orders
  CHECK(fast->line == &orders[0].lines[0]);
}

TEST_CASE("party streams: a party's draws depend on the seed and its index only", "[sim][model]") {
  auto first_draws = [](sim::Random random) {
    std::vector<std::uint64_t> draws;
    for (int i = 0; i < 4; ++i) draws.push_back(random());
    return draws;
  };
  const auto third = first_draws(sim::party_random(42, 3));
  CHECK(third == first_draws(sim::party_random(42, 3)));
  CHECK(third != first_draws(sim::party_random(42, 4)));
  CHECK(third != first_draws(sim::party_random(43, 3)));
  // Long seeds differ in their high bits too.
  CHECK(first_draws(sim::party_random(1ull << 40, 0)) != first_draws(sim::party_random(0, 0)));
}

TEST_CASE("cook policies: display (the schedule) holds a quick dish back to finish with its order's slow one", "[sim][model]") {
  const core::Menu& menu = hourglass::test::sample_menu();
  constexpr std::int64_t kT0 = 1'763'800'000'000;
  auto made = core::make_order("meal", {{"gongbao", 1, ""}, {"paihuanggua", 1, ""}}, menu, 1, "1", kT0,
                               core::PromiseTerms{900, core::FreeUnservedPolicy{}});
  REQUIRE(made.ok());
  const std::vector<core::Order> orders = {made.value()};
  // Kung Pao takes 8 minutes: the wok fires it now, the cucumber (2 minutes)
  // waits until 4:00 under the schedule; least slack would take it now.
  const auto wok = sim::choose_line(sim::CookPolicy::display, orders, menu, "wok", kT0, {});
  REQUIRE(wok);
  CHECK(wok->line->item == "gongbao");
  CHECK_FALSE(sim::choose_line(sim::CookPolicy::display, orders, menu, "cold", kT0, {}));
  CHECK(sim::choose_line(sim::CookPolicy::least_slack, orders, menu, "cold", kT0, {}));
  // Once the Kung Pao is half done, the cucumber's time has come.
  std::vector<core::Order> later = orders;
  later[0].lines[0].state = core::LineState::cooking;
  const auto cold = sim::choose_line(sim::CookPolicy::display, later, menu, "cold", kT0 + 240'000, {});
  REQUIRE(cold);
  CHECK(cold->line->item == "paihuanggua");
  CHECK(cold->order == &later[0]);  // points into the caller's orders
  CHECK(sim::cook_policy_from("schedule") == sim::CookPolicy::display);
  CHECK(sim::to_string(sim::CookPolicy::display) == "display");
  CHECK(sim::cook_policy_from("least-slack") == sim::CookPolicy::least_slack);
  CHECK(sim::to_string(sim::CookPolicy::least_slack) == "least-slack");
}

TEST_CASE("survey scores: guests of a kept promise promote, a broken one costs promoters even when compensated",
          "[sim]") {
  sim::Random random(5);
  int kept_promoters = 0, kept_detractors = 0, broken_promoters = 0, broken_detractors = 0;
  constexpr int kSurveys = 3000;
  for (int i = 0; i < kSurveys; ++i) {
    const int kept = sim::survey_score(false, random);
    const int broken = sim::survey_score(true, random);
    REQUIRE(kept >= 0);
    REQUIRE(kept <= 10);
    REQUIRE(broken >= 0);
    REQUIRE(broken <= 10);
    kept_promoters += kept >= 9;
    kept_detractors += kept <= 6;
    broken_promoters += broken >= 9;
    broken_detractors += broken <= 6;
  }
  // 80 % and 5 % kept, 33 % and 34 % broken; ±5 σ of 3000 draws is about ±4.5 points.
  CHECK(std::abs(kept_promoters * 100 / kSurveys - 80) <= 5);
  CHECK(std::abs(kept_detractors * 100 / kSurveys - 5) <= 3);
  CHECK(std::abs(broken_promoters * 100 / kSurveys - 33) <= 5);
  CHECK(std::abs(broken_detractors * 100 / kSurveys - 34) <= 5);
}
