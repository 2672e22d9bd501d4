// The expo screen: which orders are at the pass, what is still to come, how
// long the food has waited (at the dying edge, one millisecond either side),
// the order longest waiting first; then a click-through on a real server:
// one touch serves everything at the pass and the diner's tablet sees it.
#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <vector>

#include "kitchen/kds/expo_view.hpp"
#include "kitchen/kds/kds_app.hpp"
#include "shared/core/order.hpp"
#include "shared/net/client.hpp"
#include "tests/kit/test_kit.hpp"
#include "tests/ui/headless_shell.hpp"

namespace core = hourglass::core;
namespace kitchen = hourglass::kitchen;
namespace net = hourglass::net;
namespace test = hourglass::test;
namespace ui = hourglass::ui;
using core::LineState;
using test::eventually;

namespace {

constexpr std::int64_t kNow = 1'763'800'000'000;
constexpr std::int64_t kMin = 60'000;

struct L {
  std::string item;
  LineState state;
  std::optional<std::int64_t> ready_at_ms{};
};

core::Order order(std::int64_t seq, std::vector<L> lines, std::int64_t remaining_ms = 5 * kMin) {
  std::vector<core::LineRequest> requests;
  for (const L& l : lines) requests.push_back({l.item, 1, ""});
  core::PromiseTerms terms;
  terms.seconds = 900;
  std::string id = "o";
  id += std::to_string(seq);
  auto made = core::make_order(id, requests, test::sample_menu(), seq, "7", kNow + remaining_ms - 900'000, terms);
  REQUIRE(made.ok());
  core::Order o = made.value();
  for (std::size_t i = 0; i < lines.size(); ++i) {
    o.lines[i].state = lines[i].state;
    o.lines[i].ready_at_ms = lines[i].ready_at_ms;
  }
  return o;
}

kitchen::ExpoView expo(const std::vector<core::Order>& orders, core::Language language = core::Language::en) {
  return kitchen::build_expo_view(orders, test::sample_menu(), kitchen::ExpoOptions{}, kNow, language);
}

}  // namespace

TEST_CASE("expo: only orders with a dish ready, what is still to come, held and served lines left out",
          "[ui][kds][expo]") {
  const core::Order nothing_ready = order(1, {{"mapo", LineState::cooking}});
  const core::Order partly = order(2, {{"mapo", LineState::ready, kNow - 30'000},
                                       {"gongbao", LineState::cooking},
                                       {"rice", LineState::queued},
                                       {"paihuanggua", LineState::served},
                                       {"koushuiji", LineState::held}});
  const auto view = expo({nothing_ready, partly});
  REQUIRE(view.tickets.size() == 1);
  const kitchen::ExpoTicket& t = view.tickets[0];
  CHECK(t.ticket == "#2");
  CHECK(t.table == "Table 7");
  REQUIRE(t.ready.size() == 1);
  CHECK(t.ready[0].name == "1× Mapo Tofu");
  REQUIRE(t.missing.size() == 2);
  CHECK(t.missing[0].state_word == "COOKING");
  CHECK(t.missing[1].state_word == "QUEUED");
  CHECK_FALSE(t.complete);
  CHECK(t.progress == "1 of 3 ready");
  CHECK(t.serve_word == "Serve the 1 ready");
  CHECK(t.waiting == "00:30");
  CHECK(view.complete == 0);
}

TEST_CASE("expo: a complete order says so, and the wait counts from its first dish up", "[ui][kds][expo]") {
  const auto view = expo({order(3, {{"mapo", LineState::ready, kNow - 90'000},
                                    {"gongbao", LineState::ready, kNow - 10'000},
                                    {"paihuanggua", LineState::served}})});
  REQUIRE(view.tickets.size() == 1);
  const kitchen::ExpoTicket& t = view.tickets[0];
  CHECK(t.complete);
  CHECK(t.progress == "ALL READY");
  CHECK(t.serve_word == "Serve order");
  CHECK(t.waiting_ms == 90'000);
  CHECK(t.waiting == "01:30");
  CHECK(view.complete == 1);
  const auto zh = expo({order(3, {{"mapo", LineState::ready, kNow - 90'000}})}, core::Language::zh);
  CHECK(zh.tickets[0].serve_word == "整单上菜");
  CHECK(zh.tickets[0].table == "7号桌");
}

TEST_CASE("expo: food is dying after three minutes under the lamp, not at them", "[ui][kds][expo]") {
  const std::int64_t dying = kitchen::ExpoOptions{}.dying_ms;
  const auto at = [&](std::int64_t waited) {
    return expo({order(4, {{"mapo", LineState::ready, kNow - waited}})}).tickets.at(0).dying;
  };
  CHECK_FALSE(at(dying - 1));
  CHECK_FALSE(at(dying));
  CHECK(at(dying + 1));
}

TEST_CASE("expo: longest waiting first, a ready time unknown last, the deadline breaks ties", "[ui][kds][expo]") {
  const auto view = expo({order(10, {{"mapo", LineState::ready, kNow - 20'000}}),
                          order(11, {{"mapo", LineState::ready}}),  // from a server before ready_at_ms
                          order(12, {{"mapo", LineState::ready, kNow - 200'000}}),
                          order(13, {{"mapo", LineState::ready, kNow - 20'000}}, 2 * kMin)});
  REQUIRE(view.tickets.size() == 4);
  CHECK(view.tickets[0].ticket == "#12");
  CHECK(view.tickets[1].ticket == "#13");  // same wait as #10, due sooner
  CHECK(view.tickets[2].ticket == "#10");
  CHECK(view.tickets[3].ticket == "#11");
  CHECK(view.tickets[3].waiting.empty());
}

TEST_CASE("expo on a real server: one touch serves what is at the pass, and the tablet sees it served",
          "[ui][kds][expo][integration]") {
  test::TestKitchen kitchen;
  net::Client table(net::Options{.port = kitchen.port(), .role = core::Role::table, .token = test::kTable1});
  net::Client cook(net::Options{.port = kitchen.port(), .role = core::Role::kds, .token = test::kKds});
  net::Client pass(net::Options{.port = kitchen.port(), .role = core::Role::kds, .token = test::kKds});
  REQUIRE(eventually([&] { return table.snapshot().connection.synced && cook.snapshot().connection.synced; }));
  table.place_order({core::LineRequest{"paihuanggua", 1, ""}, core::LineRequest{"mapo", 1, ""}});
  std::vector<std::string> lines;
  REQUIRE(eventually([&] {
    const net::State state = cook.snapshot();
    if (state.orders.empty()) return false;
    lines.clear();
    for (const auto& line : state.orders.begin()->second.lines) lines.push_back(line.line_id);
    return true;
  }));
  REQUIRE(lines.size() == 2);
  // The cold station sends up the cucumber; the wok is still on the tofu.
  cook.request(core::ClientMessage{core::MarkLine{lines[0], LineState::ready}});

  ui::Shell shell(test::headless_shell_config(1280, 800, ui::kitchen_theme(),
                                              kitchen::kds_strings(test::sample_menu())));
  kitchen::KdsSettings settings;
  settings.expo = true;
  kitchen::KdsApp app(pass, settings, nullptr, test::wall_ms);
  auto frame = [&] { return test::capture_frame(shell, [&] { app.frame(shell.theme()); }); };
  REQUIRE(eventually([&] {
    frame();
    return app.expo_view().tickets.size() == 1 && !app.expo_view().tickets[0].missing.empty();
  }));
  const kitchen::ExpoTicket shown = app.expo_view().tickets[0];
  CHECK(shown.ready.size() == 1);
  CHECK_FALSE(shown.waiting.empty());  // the server stamped ready_at_ms
  CHECK(shown.serve_word == "Serve the 1 ready");
  // The tofu comes up: the order is complete.
  cook.request(core::ClientMessage{core::MarkLine{lines[1], LineState::ready}});
  REQUIRE(eventually([&] {
    frame();
    return app.expo_view().tickets.size() == 1 && app.expo_view().tickets[0].complete;
  }));
  std::optional<kitchen::ButtonHit> serve;
  for (const auto& hit : app.last_intents().buttons) {
    if (hit.key == "serve:" + shown.order_id) serve = hit;
  }
  REQUIRE(serve);
  shell.inject_mouse(serve->cx(), serve->cy(), true);
  frame();
  shell.inject_mouse(serve->cx(), serve->cy(), false);
  frame();
  shell.clear_injected_mouse();
  CHECK(eventually([&] {
    const net::State state = table.snapshot();
    if (state.orders.empty()) return false;
    for (const auto& line : state.orders.begin()->second.lines) {
      if (line.state != LineState::served) return false;
    }
    return true;
  }));
  CHECK(eventually([&] {
    frame();
    return app.expo_view().tickets.empty();
  }));
}
