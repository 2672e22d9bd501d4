#include <catch2/catch.hpp>

#include "shared/core/order.hpp"
#include "shared/core/promise.hpp"
#include "test_menu.hpp"

using namespace hourglass::core;

namespace {

constexpr std::int64_t kAccepted = 1'763'800'000'000;

PromiseTerms terms(PromisePolicy policy = FreeUnservedPolicy{}, std::int64_t seconds = 900) {
  return PromiseTerms{seconds, policy};
}

// 2 × gongbao (7600), 2 × rice (600), 1 × fish (12800, not promised).
Order sample_order(PromisePolicy policy = FreeUnservedPolicy{}) {
  auto order = make_order("o-1", {{"gongbao", 2, ""}, {"rice", 2, ""}, {"fish", 1, ""}}, hourglass::test::small_menu(),
                          41, "12", kAccepted, terms(policy));
  REQUIRE(order.ok());
  return order.value();
}

void serve(Order& order, std::size_t line, std::int64_t at_ms) {
  mark_line(order, order.lines.at(line), LineState::served, at_ms);
}

Order evaluated(Order order) {
  apply_verdict(order, evaluate_promise(order));
  return order;
}

}  // namespace

TEST_CASE("the deadline is acceptance plus the promise length", "[core][promise]") {
  CHECK(promise_deadline(kAccepted, terms()) == kAccepted + 900'000);
  CHECK(promise_deadline(kAccepted, terms(FreeUnservedPolicy{}, 1)) == kAccepted + 1000);
  CHECK(promise_deadline(kAccepted, terms(FreeUnservedPolicy{}, 1500)) == kAccepted + 1'500'000);
  CHECK(sample_order().deadline_ms == kAccepted + 900'000);
}

TEST_CASE("a line served one millisecond either side of the deadline", "[core][promise][edge]") {
  auto [offset_ms, late] = GENERATE(table<std::int64_t, bool>({
      {-1, false},
      {0, false},  // served exactly at the deadline is on time
      {1, true},
      {-899'999, false},
      {60'000, true},
  }));
  Order order = sample_order();
  serve(order, 1, order.deadline_ms - 5000);  // rice on time
  serve(order, 0, order.deadline_ms + offset_ms);
  CHECK(is_late_at_deadline(order.lines[0], order.deadline_ms) == late);
  const PromiseVerdict verdict = evaluate_promise(order);
  CHECK(verdict.breached == late);
  CHECK(verdict.late_lines == (late ? std::vector<std::size_t>{0} : std::vector<std::size_t>{}));
}

TEST_CASE("every promised line served in time keeps the promise", "[core][promise]") {
  Order order = sample_order();
  serve(order, 0, kAccepted + 1000);
  serve(order, 1, order.deadline_ms);
  order = evaluated(order);
  CHECK(order.status == OrderStatus::kept);
  CHECK(order.discount == 0);
  CHECK(order.subtotal == 7600 + 600 + 12800);
}

TEST_CASE("an unpromised dish never breaks the promise", "[core][promise]") {
  Order order = sample_order();
  serve(order, 0, kAccepted + 1000);
  serve(order, 1, kAccepted + 1000);
  // The fish is still cooking at the deadline.
  const PromiseVerdict verdict = evaluate_promise(order);
  CHECK_FALSE(verdict.breached);
  CHECK_FALSE(is_late_at_deadline(order.lines[2], order.deadline_ms));
}

TEST_CASE("a line cancelled before the deadline is not late, after it, it is", "[core][promise][edge]") {
  auto [offset_ms, late] = GENERATE(table<std::int64_t, bool>({{-1, false}, {0, false}, {1, true}}));
  Order order = sample_order();
  serve(order, 1, kAccepted + 1000);
  cancel_line(order, order.lines[0], order.deadline_ms + offset_ms);
  CHECK(evaluate_promise(order).breached == late);
}

TEST_CASE("a line still queued, cooking or ready at the deadline is late", "[core][promise]") {
  const LineState state = GENERATE(LineState::queued, LineState::cooking, LineState::ready);
  Order order = sample_order();
  serve(order, 1, kAccepted + 1000);
  if (state != LineState::queued) mark_line(order, order.lines[0], state, kAccepted + 2000);
  const PromiseVerdict verdict = evaluate_promise(order);
  REQUIRE(verdict.breached);
  CHECK(verdict.late_lines == std::vector<std::size_t>{0});
}

TEST_CASE("free_unserved: the late lines become free", "[core][promise][policy]") {
  Order order = sample_order();
  serve(order, 1, kAccepted + 1000);  // rice on time, gongbao late
  order = evaluated(order);
  CHECK(order.status == OrderStatus::breached);
  CHECK(order.lines[0].late);
  CHECK_FALSE(order.lines[1].late);
  CHECK(order.discount == 7600);
  CHECK(promise_compensation(order) == 7600);
  CHECK(order.subtotal - order.discount == 600 + 12800);
}

TEST_CASE("free_unserved: a comped late line counts once", "[core][promise][policy]") {
  Order order = sample_order();
  comp_line(order, order.lines[0]);  // gongbao comped, then late too
  serve(order, 1, kAccepted + 1000);
  CHECK(order.discount == 7600);  // open: comps alone
  order = evaluated(order);
  CHECK(order.discount == 7600);
  CHECK(promise_compensation(order) == 0);
}

TEST_CASE("comps alone while open or kept", "[core][promise]") {
  Order order = sample_order();
  comp_line(order, order.lines[1]);
  CHECK(order.discount == 600);
  serve(order, 0, kAccepted + 1);
  serve(order, 1, kAccepted + 1);
  order = evaluated(order);
  CHECK(order.status == OrderStatus::kept);
  CHECK(order.discount == 600);
}

TEST_CASE("bill_percent: the whole order at 69%", "[core][promise][policy]") {
  Order order = sample_order(BillPercentPolicy{69});
  serve(order, 1, kAccepted + 1000);
  order = evaluated(order);
  const Fen subtotal = 7600 + 600 + 12800;  // 21000: the fish counts too
  CHECK(order.subtotal == subtotal);
  CHECK(order.discount == subtotal - 14490);
  CHECK(order.subtotal - order.discount == 14490);
}

TEST_CASE("bill_percent: comps come off before the percentage", "[core][promise][policy]") {
  Order order = sample_order(BillPercentPolicy{69});
  comp_line(order, order.lines[1]);  // rice 600 comped
  order = evaluated(order);
  const Fen base = 21000 - 600;            // 20400
  const Fen pay = (base * 69 + 50) / 100;  // 14076
  CHECK(order.discount == 600 + base - pay);
  CHECK(promise_compensation(order) == base - pay);
}

TEST_CASE("bill_percent rounds the payable amount half up to the fen", "[core][promise][policy][rounding]") {
  auto [base, percent, pay] = GENERATE(table<Fen, int, Fen>({
      {1, 69, 1},         // 0.69 -> 1
      {1, 49, 0},         // 0.49 -> 0
      {1, 50, 1},         // 0.50 -> 1 (half up)
      {99, 69, 68},       // 68.31 -> 68
      {99, 50, 50},       // 49.5 -> 50
      {3801, 69, 2623},   // 2622.69 -> 2623
      {12345, 69, 8518},  // 8518.05 -> 8518
      {150, 69, 104},     // 103.5 -> 104
      {21000, 69, 14490},
      {21000, 0, 0},
      {21000, 100, 21000},
      {0, 69, 0},
  }));
  const BillPercentPolicy policy{percent};
  CHECK(policy.compensation({base, 0}) == base - pay);
}

TEST_CASE("bill_percent 100% costs nothing, 0% makes the order free", "[core][promise][policy]") {
  Order full = evaluated(sample_order(BillPercentPolicy{100}));
  CHECK(full.status == OrderStatus::breached);
  CHECK(full.discount == 0);
  Order free_order = evaluated(sample_order(BillPercentPolicy{0}));
  CHECK(free_order.discount == free_order.subtotal);
  CHECK(free_order.subtotal - free_order.discount == 0);
}

TEST_CASE("a late line cancelled after the deadline leaves the subtotal and the discount", "[core][promise]") {
  Order order = sample_order();
  serve(order, 1, kAccepted + 1000);
  order = evaluated(order);
  REQUIRE(order.discount == 7600);
  cancel_line(order, order.lines[0], order.deadline_ms + 60'000);
  recompute_totals(order);
  CHECK(order.lines[0].late);  // still in the late set
  CHECK(order.subtotal == 600 + 12800);
  CHECK(order.discount == 0);
  CHECK(order.status == OrderStatus::breached);
}

TEST_CASE("a line served after the deadline stays late", "[core][promise]") {
  Order order = sample_order();
  serve(order, 1, kAccepted + 1000);
  order = evaluated(order);
  serve(order, 0, order.deadline_ms + 90'000);
  recompute_totals(order);
  CHECK(order.lines[0].late);
  CHECK(order.discount == 7600);
  CHECK(*order.lines[0].served_at_ms == order.deadline_ms + 90'000);
}

TEST_CASE("the total is never negative", "[core][promise]") {
  Order order = sample_order(BillPercentPolicy{0});
  for (auto& line : order.lines) comp_line(order, line);
  order = evaluated(order);
  CHECK(order.discount == order.subtotal);
  CHECK(order.subtotal - order.discount == 0);
}

TEST_CASE("an order is due from its deadline on while open", "[core][promise][edge]") {
  Order order = sample_order();
  CHECK_FALSE(is_due(order, order.deadline_ms - 1));
  CHECK(is_due(order, order.deadline_ms));
  CHECK(is_due(order, order.deadline_ms + 1));
  order.status = OrderStatus::closed;
  CHECK_FALSE(is_due(order, order.deadline_ms + 1));
  CHECK(remaining_ms(sample_order(), kAccepted + 60'000) == 840'000);
  CHECK(remaining_ms(sample_order(), kAccepted + 960'000) == -60'000);
}

TEST_CASE("policies read and write their JSON form", "[core][promise][policy]") {
  CHECK(policy_to_json(FreeUnservedPolicy{}) == Json{{"policy", "free_unserved"}});
  CHECK(policy_to_json(BillPercentPolicy{69}) == Json{{"policy", "bill_percent"}, {"pay_percent", 69}});
  const auto parsed =
      promise_terms_from_json(Json::parse(R"({"seconds":1500,"policy":"bill_percent","pay_percent":69})"), "promise");
  CHECK(parsed == PromiseTerms{1500, BillPercentPolicy{69}});
  CHECK(promise_terms_to_json(parsed) == Json::parse(R"({"seconds":1500,"policy":"bill_percent","pay_percent":69})"));
  CHECK(policy_name(parsed.policy) == "bill_percent");
}

TEST_CASE("bad promise settings are refused with the field named", "[core][promise][policy]") {
  auto [text, message] = GENERATE(table<std::string, std::string>({
      {R"({"seconds":0,"policy":"free_unserved"})", "promise.seconds: must be an integer 1-86400"},
      {R"({"seconds":90.5,"policy":"free_unserved"})", "promise.seconds: must be an integer"},
      {R"({"seconds":900,"policy":"half_off"})", "promise.policy: unknown policy \"half_off\""},
      {R"({"seconds":900,"policy":"bill_percent"})", "promise.pay_percent: missing"},
      {R"({"seconds":900,"policy":"bill_percent","pay_percent":101})", "promise.pay_percent: must be an integer 0-100"},
  }));
  CHECK_THROWS_WITH(promise_terms_from_json(Json::parse(text), "promise"), Catch::Contains(message));
}
