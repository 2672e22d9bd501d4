// The kitchen display's view-model: order, colours and at-risk at their
// edges, all-day counts, next-up, the station filter. Pure: no window.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "kitchen/kds/announcements.hpp"
#include "kitchen/kds/kds_view_model.hpp"
#include "shared/core/order.hpp"
#include "shared/demo/demo_orders.hpp"
#include "shared/words/kitchen_text.hpp"
#include "tests/kit/kitchen_config.hpp"

namespace core = hourglass::core;
namespace demo = hourglass::demo;
namespace words = hourglass::words;
namespace kitchen = hourglass::kitchen;
using core::LineState;
using core::Urgency;

namespace {

constexpr std::int64_t kNow = 1'763'800'000'000;
constexpr std::int64_t kMin = 60'000;

core::Menu kds_menu() {
  core::Menu menu;
  menu.categories = {{"hot", {"Hot", "热菜"}}};
  menu.stations = {{"wok", {"Wok", "炒锅"}}, {"steam", {"Steamer", "蒸灶"}}};
  menu.items = {
      {"gongbao", {"Kung Pao Chicken", "宫保鸡丁"}, "hot", 3800, "wok", true, 480, 2, {}, std::nullopt},
      {"rice", {"Rice", "米饭"}, "hot", 300, "steam", true, 30, 0, {}, std::nullopt},
      {"fish", {"Steamed Sea Bass", "清蒸鲈鱼"}, "hot", 12800, "steam", false, 1500, 0, {}, std::nullopt},
      {"mapo", {"Mapo Tofu", "麻婆豆腐"}, "hot", 2800, "wok", true, 420, 2, {}, std::nullopt},
  };
  return menu;
}

struct L {
  std::string item;
  int qty;
  LineState state;
};

// An order whose deadline is `remaining_ms` after kNow.
core::Order order(std::int64_t seq, std::int64_t remaining_ms, std::vector<L> lines, std::string table = "12") {
  const core::Menu menu = kds_menu();
  std::vector<core::LineRequest> requests;
  for (const L& l : lines) requests.push_back({l.item, l.qty, ""});
  core::PromiseTerms terms;
  terms.seconds = 900;
  auto made =
      core::make_order("o" + std::to_string(seq), requests, menu, seq, table, kNow + remaining_ms - 900'000, terms);
  REQUIRE(made.ok());
  core::Order o = made.value();
  for (std::size_t i = 0; i < lines.size(); ++i) o.lines[i].state = lines[i].state;
  return o;
}

kitchen::KdsView view_of(const std::vector<core::Order>& orders, kitchen::KdsFilter filter = {},
                         core::Language language = core::Language::en) {
  return kitchen::build_kds_view(orders, kds_menu(), filter, core::UrgencyThresholds{}, kNow, language);
}

}  // namespace

TEST_CASE("tickets: earliest deadline first, ticket number breaking ties, done and closed orders left out",
          "[ui][kds]") {
  std::vector<core::Order> orders = {
      order(5, 10 * kMin, {{"rice", 1, LineState::queued}}), order(3, 2 * kMin, {{"rice", 1, LineState::queued}}),
      order(4, 10 * kMin, {{"rice", 1, LineState::queued}}), order(2, -1 * kMin, {{"rice", 1, LineState::cooking}}),
      order(6, 1 * kMin, {{"rice", 1, LineState::served}}),  // every line done
      order(7, 1 * kMin, {{"rice", 1, LineState::queued}}),
  };
  orders.back().status = core::OrderStatus::closed;
  const auto view = view_of(orders);
  std::vector<std::int64_t> seqs;
  for (const auto& t : view.tickets) seqs.push_back(t.seq);
  CHECK(seqs == std::vector<std::int64_t>{2, 3, 4, 5});
  CHECK(view.tickets[0].urgency == Urgency::late);
  CHECK(view.tickets[0].countdown == "LATE 01:00");
  CHECK(view.tickets[1].countdown == "02:00");
  CHECK(view.tickets[1].urgency_word == "CRITICAL");
  CHECK(view.tickets[0].ticket == "#2");
  CHECK(view.tickets[0].table == "Table 12");
  CHECK(view.counts.late == 1);
  CHECK(view.counts.red == 1);
  CHECK(view.counts.calm == 2);
}

TEST_CASE("a breached order still cooking stays on screen as LATE", "[ui][kds]") {
  core::Order o = order(9, 30'000, {{"gongbao", 1, LineState::cooking}});
  o.status = core::OrderStatus::breached;  // the server's verdict, though this clock lags
  const auto view = view_of({o});
  REQUIRE(view.tickets.size() == 1);
  CHECK(view.tickets[0].urgency == Urgency::late);
  CHECK(view.tickets[0].countdown.rfind("LATE", 0) == 0);
  CHECK_FALSE(view.tickets[0].at_risk);
}

TEST_CASE("at risk: less time left than the longest prep of an unfinished promised line", "[ui][kds]") {
  // gongbao prep 480 s; rice 30 s; the fish (1500 s) is outside the promise.
  SECTION("exactly the prep time left is not at risk; a millisecond less is") {
    CHECK_FALSE(view_of({order(1, 480'000, {{"gongbao", 1, LineState::queued}})}).tickets[0].at_risk);
    const auto v = view_of({order(1, 479'999, {{"gongbao", 1, LineState::queued}})});
    CHECK(v.tickets[0].at_risk);
    CHECK(v.tickets[0].urgency == Urgency::calm);  // at risk before it turns red
    CHECK(v.tickets[0].lines[0].fire_now);
    CHECK(v.counts.at_risk == 1);
  }
  SECTION("cooking lines count, ready and served ones do not") {
    CHECK(view_of({order(1, 6 * kMin, {{"gongbao", 1, LineState::cooking}})}).tickets[0].at_risk);
    CHECK_FALSE(view_of({order(1, 6 * kMin, {{"gongbao", 1, LineState::ready}, {"rice", 1, LineState::queued}})})
                    .tickets[0]
                    .at_risk);
  }
  SECTION("a line outside the promise never makes a ticket at risk") {
    CHECK_FALSE(view_of({order(1, 6 * kMin, {{"fish", 1, LineState::queued}})}).tickets[0].at_risk);
  }
  SECTION("only the slow line is marked to fire") {
    const auto v = view_of({order(1, 6 * kMin, {{"gongbao", 1, LineState::queued}, {"rice", 1, LineState::queued}})});
    CHECK(v.tickets[0].lines[0].fire_now);
    CHECK_FALSE(v.tickets[0].lines[1].fire_now);
  }
}

TEST_CASE("triage: a ticket that cannot make it even started now says past saving, one the wok delays says projected late",
          "[ui][kds]") {
  // One wok place (kds_menu names no cooks): gongbao 480 s each.
  // #1: 7 minutes left for an 8-minute dish: lost whatever is done.
  // #2: 10 minutes left, second in the wok's queue: savable only by going first.
  const auto v = view_of({order(1, 7 * kMin, {{"gongbao", 1, LineState::queued}}),
                          order(2, 10 * kMin, {{"gongbao", 1, LineState::queued}})});
  REQUIRE(v.tickets.size() == 2);
  const auto find = [&](const std::string& ticket) {
    return *std::find_if(v.tickets.begin(), v.tickets.end(),
                         [&](const kitchen::KdsTicketView& t) { return t.ticket == ticket; });
  };
  const kitchen::KdsTicketView lost = find("#1");
  const kitchen::KdsTicketView saved = find("#2");
  CHECK(lost.past_saving);
  CHECK(lost.projected_late_ms > 0);
  CHECK(lost.projected_word.rfind("past saving, late ", 0) == 0);
  // The savable order goes first: it fires now and is projected on time.
  CHECK_FALSE(saved.past_saving);
  CHECK(saved.projected_late_ms == 0);
  CHECK(saved.lines[0].fire_now);
  CHECK_FALSE(lost.lines[0].fire_now);
  REQUIRE_FALSE(v.next_up.empty());
  CHECK(v.next_up[0].ticket == "#2");
}

TEST_CASE("all-day counts sum quantities of queued and cooking lines across tickets", "[ui][kds]") {
  const auto view = view_of({
      order(1, 10 * kMin, {{"gongbao", 2, LineState::queued}, {"rice", 3, LineState::cooking}}),
      order(2, 12 * kMin, {{"gongbao", 1, LineState::cooking}, {"rice", 1, LineState::served}}),
      order(3, 13 * kMin, {{"mapo", 1, LineState::ready}, {"rice", 2, LineState::queued}}),
  });
  REQUIRE(view.all_day.size() == 2);  // mapo is ready: nothing left to cook
  CHECK(view.all_day[0].item == "rice");
  CHECK(view.all_day[0].queued == 2);
  CHECK(view.all_day[0].cooking == 3);
  CHECK(view.all_day[1].item == "gongbao");
  CHECK(view.all_day[1].queued == 2);
  CHECK(view.all_day[1].cooking == 1);
}

TEST_CASE("next up per station is the schedule's line to fire now, else the next to start", "[ui][kds]") {
  // One place per station (the menu names no cooks): the wok has two dishes
  // that both need it now; the earlier deadline goes first.
  const auto view = view_of({
      order(1, 5 * kMin, {{"rice", 1, LineState::queued}}),
      order(2, 10 * kMin, {{"gongbao", 1, LineState::queued}}),
      order(3, 9 * kMin, {{"mapo", 2, LineState::queued}}),
  });
  REQUIRE(view.next_up.size() == 2);
  CHECK(view.next_up[0].station == "wok");  // menu station order
  CHECK(view.next_up[0].line_id == "3-1");
  CHECK(view.next_up[0].dish == "2× Mapo Tofu");
  CHECK(view.next_up[0].slack == "FIRE NOW");
  CHECK(view.next_up[1].station == "steam");
  CHECK(view.next_up[1].ticket == "#1");
  // #2 waits for the wok behind #3 (7 min), then takes 8: it will miss by 5.
  const auto* second = &view.tickets[0];
  for (const auto& t : view.tickets) {
    if (t.seq == 2) second = &t;
  }
  REQUIRE(second->seq == 2);
  CHECK(second->projected_late_ms == 5 * kMin);
  CHECK(second->projected_word == "projected late 05:00");
  CHECK(view.counts.projected_late == 1);

  // Rice with a slow dish: it starts so that it is ready two minutes before
  // the dish (8 min − 2 min − 30 s from now), quietly until then.
  const auto together = view_of({order(5, 14 * kMin, {{"gongbao", 1, LineState::queued}, {"rice", 1, LineState::queued}})});
  REQUIRE(together.next_up.size() == 2);
  CHECK(together.next_up[0].slack == "FIRE NOW");
  CHECK(together.next_up[1].line_id == "5-2");
  CHECK(together.next_up[1].slack == "in 05:30");
  const auto& lines = together.tickets[0].lines;
  CHECK(lines[0].fire_now);
  CHECK_FALSE(lines[0].waiting);
  CHECK(lines[0].start_word == "FIRE NOW");
  CHECK_FALSE(lines[1].fire_now);
  CHECK(lines[1].waiting);
  CHECK(lines[1].start_in_ms == 330'000);
  CHECK(lines[1].start_word == "start in 05:30");
  CHECK(together.tickets[0].projected_word.empty());
}

TEST_CASE("held lines come last on their ticket, to fire with one touch, and are not cooked", "[ui][kds]") {
  core::Order o = order(1, 10 * kMin, {{"mapo", 1, LineState::held}, {"gongbao", 1, LineState::queued},
                                       {"rice", 1, LineState::held}});
  const auto view = view_of({o});
  REQUIRE(view.tickets.size() == 1);
  const auto& t = view.tickets[0];
  REQUIRE(t.lines.size() == 3);
  CHECK(t.lines[0].item == "gongbao");
  CHECK(t.lines[1].held);
  CHECK(t.lines[1].start_word == "Fire");
  CHECK_FALSE(t.lines[1].next_state.has_value());
  CHECK(t.held_line_ids == std::vector<std::string>{"1-1", "1-3"});
  REQUIRE(view.all_day.size() == 1);  // the held dishes are not waiting to be cooked
  CHECK(view.all_day[0].item == "gongbao");
  // A ticket of held lines only still shows, to be fired.
  const auto only_held = view_of({order(2, 10 * kMin, {{"rice", 1, LineState::held}})});
  REQUIRE(only_held.tickets.size() == 1);
  CHECK_FALSE(only_held.tickets[0].can_serve_all);
  CHECK(only_held.tickets[0].held_line_ids.size() == 1);
  // A fired line lives on in its new round: its old ticket does not show it.
  core::Order fired = order(3, 10 * kMin, {{"rice", 1, LineState::fired}, {"gongbao", 1, LineState::queued}});
  const auto after = view_of({fired});
  REQUIRE(after.tickets.size() == 1);
  CHECK(after.tickets[0].lines.size() == 1);
}

TEST_CASE("the station filter keeps tickets and counts of that station only", "[ui][kds]") {
  kitchen::KdsFilter filter;
  filter.station = "wok";
  const auto view = view_of(
      {
          order(1, 10 * kMin, {{"gongbao", 1, LineState::queued}, {"rice", 2, LineState::queued}}),
          order(2, 11 * kMin, {{"rice", 1, LineState::queued}}),
      },
      filter);
  REQUIRE(view.tickets.size() == 1);
  CHECK(view.tickets[0].lines.size() == 1);
  CHECK(view.tickets[0].hidden_lines == 1);
  REQUIRE(view.all_day.size() == 1);
  CHECK(view.all_day[0].item == "gongbao");
  // The station pills still count every station's open lines.
  REQUIRE(view.stations.size() == 3);
  CHECK(view.stations[0].open_lines == 3);
  CHECK(view.stations[1].open_lines == 1);
  CHECK(view.stations[2].open_lines == 2);
}

TEST_CASE("bumping goes queued, cooking, ready, served, the key advances the least advanced line", "[ui][kds]") {
  const auto view = view_of(
      {order(1, 10 * kMin,
             {{"gongbao", 1, LineState::ready}, {"rice", 1, LineState::cooking}, {"mapo", 1, LineState::served}})});
  const auto& t = view.tickets[0];
  CHECK(t.lines[0].next_state == LineState::served);
  CHECK(t.lines[0].next_word == "SERVE");
  CHECK(t.lines[1].next_state == LineState::ready);
  CHECK_FALSE(t.lines[2].next_state.has_value());
  CHECK(kitchen::line_to_advance(t) == std::size_t{1});
}

TEST_CASE("Chinese wording", "[ui][kds]") {
  const auto view =
      view_of({order(1, -65'900, {{"gongbao", 1, LineState::cooking}}, "counter")}, {}, core::Language::zh);
  CHECK(view.tickets[0].countdown == "超时 01:05");
  CHECK(view.tickets[0].table == "柜台");
  CHECK(view.tickets[0].lines[0].name == "宫保鸡丁");
  CHECK(view.tickets[0].lines[0].state_word == "在做");
  CHECK(words::table_label("7", core::Language::zh) == "7号桌");
}

TEST_CASE("late-by text for the breach log", "[ui][kds]") {
  CHECK(words::late_by_text(1000, 1000 + 192'400, core::Language::en) == "+03:12");
  CHECK(words::late_by_text(1000, std::nullopt, core::Language::en) == "not served");
}

TEST_CASE("the demo kitchen has every level at once", "[ui][kds]") {
  const core::Menu& menu = hourglass::test::sample_menu();
  const auto orders = demo::make_demo_orders(menu, 30, kNow);
  const auto view =
      kitchen::build_kds_view(orders, menu, {}, core::UrgencyThresholds{}, kNow, core::Language::en);
  CHECK(view.tickets.size() > 10);
  CHECK(view.counts.late > 0);
  CHECK(view.counts.red > 0);
  CHECK(view.counts.amber > 0);
  CHECK(view.counts.calm > 0);
  CHECK(view.counts.at_risk > 0);
}

TEST_CASE("a kept order whose unpromised dish still cooks after the deadline is not late and sounds no alarm",
          "[ui][kds]") {
  // Rice (promised) served in time, the sea bass (outside the promise) still
  // on the steamer; the server ruled the promise kept at the deadline.
  core::Order kept = order(8, -3 * kMin, {{"rice", 1, LineState::served}, {"fish", 1, LineState::cooking}});
  kept.lines[0].served_at_ms = kept.accepted_at_ms + kMin;
  core::apply_verdict(kept, core::evaluate_promise(kept));
  REQUIRE(kept.status == core::OrderStatus::kept);

  const auto view = view_of({kept});
  REQUIRE(view.tickets.size() == 1);  // the fish still has to go out
  const auto& ticket = view.tickets[0];
  CHECK(ticket.urgency != Urgency::late);
  CHECK_FALSE(ticket.breached);
  CHECK_FALSE(ticket.at_risk);
  CHECK(ticket.countdown == "KEPT");
  CHECK(ticket.countdown.find("LATE") == std::string::npos);
  CHECK(view.counts.late == 0);
  for (const auto& line : ticket.lines) CHECK_FALSE(line.fire_now);

  kitchen::Announcer announcer;
  CHECK(announcer.notice(kitchen::KdsView{}).empty());  // seeds on an empty kitchen
  const auto announced = announcer.notice(view);
  REQUIRE(announced.size() == 1);
  CHECK(announced[0].kind == kitchen::Announcement::Kind::new_ticket);
}

TEST_CASE("the alarm is the server's verdict: a breached ticket is announced once, a late open one not", "[ui][kds]") {
  core::Order breached = order(9, -1 * kMin, {{"gongbao", 1, LineState::cooking}});
  core::apply_verdict(breached, core::evaluate_promise(breached));
  REQUIRE(breached.status == core::OrderStatus::breached);
  // Past its deadline on this screen's clock, not yet evaluated by the server.
  const core::Order running_late = order(10, -1, {{"mapo", 1, LineState::cooking}});

  kitchen::Announcer announcer;
  announcer.notice(kitchen::KdsView{});
  const auto first = announcer.notice(view_of({breached, running_late}));
  int alarms = 0;
  for (const auto& a : first) {
    if (a.kind == kitchen::Announcement::Kind::breached) {
      ++alarms;
      CHECK(a.order_id == breached.order_id);
    }
  }
  CHECK(alarms == 1);
  const auto view = view_of({breached, running_late});
  CHECK(view.tickets.size() == 2);
  for (const auto& t : view.tickets) CHECK(t.urgency == Urgency::late);  // both shown LATE
  CHECK(announcer.notice(view).empty());                                 // and never twice
}

TEST_CASE("the first look at a kitchen mid-rush announces nothing", "[ui][kds]") {
  core::Order breached = order(11, -1 * kMin, {{"gongbao", 1, LineState::cooking}});
  core::apply_verdict(breached, core::evaluate_promise(breached));
  kitchen::Announcer announcer;
  CHECK(announcer.notice(view_of({breached, order(12, kMin, {{"rice", 1, LineState::queued}})})).empty());
  const auto later = announcer.notice(view_of({breached, order(13, 5 * kMin, {{"rice", 1, LineState::queued}})}));
  REQUIRE(later.size() == 1);
  CHECK(later[0].order_id == "o13");
}
