// Hold and fire (v1.1) in the core: held lines outside the promise and in
// the subtotal, the new round fired from them, and the transitions refused.
#include <catch2/catch.hpp>

#include "shared/core/order.hpp"
#include "shared/core/promise.hpp"
#include "test_menu.hpp"

using namespace hourglass::core;

namespace {

constexpr std::int64_t kT0 = 1'763'800'000'000;
const PromiseTerms kTerms{900, FreeUnservedPolicy{}};

Order placed(std::int64_t seq, std::vector<LineRequest> lines) {
  std::string id = "o";
  id += std::to_string(seq);
  auto made = make_order(id, lines, hourglass::test::small_menu(), seq, "12", kT0, kTerms);
  REQUIRE(made.ok());
  return made.value();
}

}  // namespace

TEST_CASE("a held line is stored held, stays in the subtotal and is never late", "[core][hold]") {
  Order order = placed(1, {{"gongbao", 1, ""}, {"rice", 2, "", true}});
  CHECK(order.lines[0].state == LineState::queued);
  CHECK(order.lines[1].state == LineState::held);
  CHECK(order.subtotal == 3800 + 2 * 300);
  CHECK_FALSE(is_late_at_deadline(order.lines[1], order.deadline_ms));
  mark_line(order, order.lines[0], LineState::served, order.deadline_ms);  // at the deadline: on time
  const PromiseVerdict verdict = evaluate_promise(order);
  CHECK_FALSE(verdict.breached);
  // One millisecond late, the queued dish is late; the held one still is not.
  Order late = placed(2, {{"gongbao", 1, ""}, {"rice", 1, "", true}});
  mark_line(late, late.lines[0], LineState::served, late.deadline_ms + 1);
  const PromiseVerdict late_verdict = evaluate_promise(late);
  REQUIRE(late_verdict.breached);
  CHECK(late_verdict.late_lines == std::vector<std::size_t>{0});
  CHECK(late_verdict.compensation == 3800);  // free_unserved: the late dish only
}

TEST_CASE("held lines are not bumped, a diner may cancel them, only held lines fire", "[core][hold]") {
  Order order = placed(1, {{"gongbao", 1, "", true}, {"rice", 1, ""}});
  CHECK(check_mark_line(order, order.lines[0], LineState::cooking)->code == ErrorCode::conflict);
  CHECK_FALSE(check_cancel_line(order, order.lines[0], Role::table));
  CHECK(check_fire_line(order, order.lines[1])->code == ErrorCode::conflict);
  CHECK_FALSE(check_fire_line(order, order.lines[0]));
  order.status = OrderStatus::closed;
  CHECK(check_fire_line(order, order.lines[0])->code == ErrorCode::conflict);
}

TEST_CASE("fired lines make a new round: renumbered, queued, its own clock, fired_from each order once",
          "[core][hold]") {
  Order first = placed(1, {{"gongbao", 1, "", true}, {"rice", 2, "", true}, {"fish", 1, ""}});
  Order second = placed(2, {{"rice", 1, "no salt", true}});
  const std::int64_t now = kT0 + 20 * 60'000;
  const Order round = make_fired_round(
      "r", {{&first, &first.lines[0]}, {&second, &second.lines[0]}, {&first, &first.lines[1]}}, 3, "12", now, kTerms);
  CHECK(round.seq == 3);
  CHECK(round.accepted_at_ms == now);
  CHECK(round.deadline_ms == now + 900'000);
  CHECK(round.fired_from == std::vector<std::int64_t>{1, 2});
  REQUIRE(round.lines.size() == 3);
  CHECK(round.lines[0].line_id == "3-1");
  CHECK(round.lines[1].line_id == "3-2");
  CHECK(round.lines[1].note == "no salt");
  CHECK(round.lines[2].qty == 2);
  for (const auto& line : round.lines) CHECK(line.state == LineState::queued);
  CHECK(round.subtotal == 3800 + 300 + 600);
  // The originals: fired, out of their subtotals, not late, not bumpable.
  fire_line(first, first.lines[0]);
  fire_line(first, first.lines[1]);
  CHECK(first.subtotal == 12800);
  CHECK_FALSE(is_late_at_deadline(first.lines[0], first.deadline_ms));
  CHECK(check_mark_line(first, first.lines[0], LineState::served)->code == ErrorCode::conflict);
  CHECK(check_cancel_line(first, first.lines[0], Role::manager)->code == ErrorCode::conflict);
  CHECK(check_comp_line(first, first.lines[0])->code == ErrorCode::conflict);
}
