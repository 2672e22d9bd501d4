// One urgency rule and one line charge for every screen: the edges of the
// colour levels, the server's verdict over the screen's clock, what each
// line costs after the verdict, the recall window and the breach record.
#include <catch2/catch.hpp>

#include "shared/core/breach_record.hpp"
#include "shared/core/order.hpp"
#include "shared/core/promise.hpp"
#include "shared/core/urgency.hpp"
#include "test_menu.hpp"

using namespace hourglass::core;

namespace {

constexpr std::int64_t kAccepted = 1'763'800'000'000;
constexpr std::int64_t kDeadline = kAccepted + 900'000;
constexpr std::int64_t kMin = 60'000;

// 2 × gongbao (7600), 2 × rice (600), 1 × fish (12800, not promised).
Order sample_order(PromisePolicy policy = FreeUnservedPolicy{}) {
  auto order = make_order("o-1", {{"gongbao", 2, ""}, {"rice", 2, ""}, {"fish", 1, ""}}, hourglass::test::small_menu(),
                          41, "12", kAccepted, PromiseTerms{900, policy});
  REQUIRE(order.ok());
  return order.value();
}

void serve(Order& order, std::size_t line, std::int64_t at_ms) {
  mark_line(order, order.lines.at(line), LineState::served, at_ms);
}

void evaluate(Order& order) { apply_verdict(order, evaluate_promise(order)); }

}  // namespace

TEST_CASE("urgency edges: 5:00 is amber, 2:00 is red, the deadline itself is red, after it late", "[core][urgency]") {
  const UrgencyThresholds t;  // 300 s amber, 120 s red
  auto [remaining, expected] = GENERATE(table<std::int64_t, Urgency>({
      {15 * kMin, Urgency::calm},
      {5 * kMin + 1, Urgency::calm},
      {5 * kMin, Urgency::amber},
      {5 * kMin - 1, Urgency::amber},  // 4:59.999
      {2 * kMin + 1, Urgency::amber},
      {2 * kMin, Urgency::red},
      {2 * kMin - 1, Urgency::red},
      {1, Urgency::red},
      {0, Urgency::red},  // served now would still be on time
      {-1, Urgency::late},
      {-10 * kMin, Urgency::late},
  }));
  CAPTURE(remaining);
  CHECK(urgency_for_remaining(remaining, t) == expected);
}

TEST_CASE("thresholds are configurable, and the tablet's scale with the promise", "[core][urgency]") {
  const UrgencyThresholds t{10 * kMin, 3 * kMin};
  CHECK(urgency_for_remaining(10 * kMin + 1, t) == Urgency::calm);
  CHECK(urgency_for_remaining(10 * kMin, t) == Urgency::amber);
  CHECK(urgency_for_remaining(3 * kMin, t) == Urgency::red);

  const UrgencyThresholds fifteen = thresholds_for_promise(15 * kMin);
  CHECK(fifteen.amber_ms == 5 * kMin);
  CHECK(fifteen.red_ms == 2 * kMin);
  const UrgencyThresholds two = thresholds_for_promise(2 * kMin);  // a demo promise starts calm
  CHECK(urgency_for_remaining(2 * kMin, two) == Urgency::calm);
  CHECK(urgency_for_remaining(40'000, two) == Urgency::amber);
  CHECK(urgency_for_remaining(16'000, two) == Urgency::red);
}

TEST_CASE("order urgency: the server's verdict wins over the screen's clock", "[core][urgency]") {
  const UrgencyThresholds t;
  SECTION("open: by the time left, one millisecond either side of the deadline") {
    const Order order = sample_order();
    CHECK(order_urgency(order, kAccepted, t) == Urgency::calm);
    CHECK(order_urgency(order, kDeadline - 1, t) == Urgency::red);
    CHECK(order_urgency(order, kDeadline, t) == Urgency::red);
    CHECK(order_urgency(order, kDeadline + 1, t) == Urgency::late);
  }
  SECTION("kept, with the dish outside the promise still cooking after the deadline: never late") {
    Order order = sample_order();
    serve(order, 0, kAccepted + 5 * kMin);
    serve(order, 1, kAccepted + 6 * kMin);
    mark_line(order, order.lines[2], LineState::cooking, kAccepted + 7 * kMin);  // the fish
    evaluate(order);
    REQUIRE(order.status == OrderStatus::kept);
    CHECK(order_urgency(order, kDeadline + 1, t) == Urgency::calm);
    CHECK(order_urgency(order, kDeadline + 30 * kMin, t) == Urgency::calm);
    CHECK_FALSE(promise_broken(order));
  }
  SECTION("breached: late even where this screen's clock still shows time left") {
    Order order = sample_order();
    evaluate(order);
    REQUIRE(order.status == OrderStatus::breached);
    CHECK(order_urgency(order, kDeadline - 10 * kMin, t) == Urgency::late);
    CHECK(promise_broken(order));
    order.status = OrderStatus::closed;  // the guests paid: it stays a broken promise
    CHECK(promise_broken(order));
    CHECK(order_urgency(order, kDeadline + kMin, t) == Urgency::calm);
  }
  SECTION("open, every promised dish out, only the unpromised one left: cannot break any more") {
    Order order = sample_order();
    serve(order, 0, kAccepted + kMin);
    cancel_line(order, order.lines[1], kAccepted + kMin);
    CHECK_FALSE(has_promised_work(order));
    CHECK(order_urgency(order, kDeadline + 1, t) == Urgency::calm);
  }
}

TEST_CASE("line charge after the verdict: paid, free when late, comped, cancelled", "[core][urgency]") {
  SECTION("free_unserved: the late lines are free, the rest paid") {
    Order order = sample_order(FreeUnservedPolicy{});
    serve(order, 1, kAccepted + kMin);  // rice on time; gongbao late; fish not promised
    CHECK(line_charge(order, order.lines[0]) == LineCharge::paid);  // open: nothing decided yet
    evaluate(order);
    CHECK(line_charge(order, order.lines[0]) == LineCharge::free_late);
    CHECK(line_amount_due(order, order.lines[0]) == 0);
    CHECK(line_charge(order, order.lines[1]) == LineCharge::paid);
    CHECK(line_amount_due(order, order.lines[1]) == 600);
    CHECK(line_charge(order, order.lines[2]) == LineCharge::paid);
    CHECK(is_free(line_charge(order, order.lines[0])));
    CHECK_FALSE(is_free(line_charge(order, order.lines[1])));
  }
  SECTION("bill_percent: a late line is paid; the discount is the whole order's") {
    Order order = sample_order(BillPercentPolicy{69});
    evaluate(order);
    REQUIRE(order.status == OrderStatus::breached);
    CHECK(line_charge(order, order.lines[0]) == LineCharge::paid);
    CHECK(order.discount > 0);
  }
  SECTION("comps win over lateness, cancelled lines are out") {
    Order order = sample_order();
    comp_line(order, order.lines[0]);
    cancel_line(order, order.lines[1], kAccepted + kMin);
    evaluate(order);
    CHECK(line_charge(order, order.lines[0]) == LineCharge::comped);
    CHECK(line_charge(order, order.lines[1]) == LineCharge::cancelled);
    CHECK(line_amount_due(order, order.lines[1]) == 0);
    CHECK(is_free(LineCharge::comped));
    CHECK_FALSE(is_free(LineCharge::cancelled));
  }
}

TEST_CASE("the recall window: exactly a minute still may, a millisecond more may not", "[core][order]") {
  CHECK(within_recall_window(kAccepted, kAccepted));
  CHECK(within_recall_window(kAccepted, kAccepted + kRecallWindowMs - 1));
  CHECK(within_recall_window(kAccepted, kAccepted + kRecallWindowMs));
  CHECK_FALSE(within_recall_window(kAccepted, kAccepted + kRecallWindowMs + 1));
}

TEST_CASE("the breach record is built from the verdict: entry, message and late lines agree", "[core][promise]") {
  Order order = sample_order();
  serve(order, 1, kAccepted + kMin);  // rice on time, gongbao late
  const PromiseVerdict verdict = evaluate_promise(order);
  apply_verdict(order, verdict);
  const BreachRecord record = make_breach_record(order, verdict, kDeadline + 3);
  CHECK(record.entry.breach_id == 0);
  CHECK(record.entry.order_id == "o-1");
  CHECK(record.entry.seq == 41);
  CHECK(record.entry.table == "12");
  CHECK(record.entry.accepted_at_ms == kAccepted);
  CHECK(record.entry.deadline_ms == kDeadline);
  CHECK(record.entry.at_ms == kDeadline + 3);
  CHECK(record.entry.policy == "free_unserved");
  CHECK(record.entry.discount == 7600);
  REQUIRE(record.entry.late_lines.size() == 1);
  CHECK(record.entry.late_lines[0].item == "gongbao");
  CHECK(record.entry.late_lines[0].qty == 2);
  CHECK(record.entry.late_lines[0].price == 3800);
  CHECK_FALSE(record.entry.late_lines[0].served_at_ms.has_value());
  CHECK(record.late_line_ids == std::vector<std::string>{"41-1"});
  CHECK(record.message.order_id == "o-1");
  CHECK(record.message.seq == 41);
  CHECK(record.message.discount == 7600);
  CHECK(record.message.policy == "free_unserved");
  REQUIRE(record.message.late_lines.size() == 1);
  CHECK(record.message.late_lines[0].line_id == "41-1");
}
