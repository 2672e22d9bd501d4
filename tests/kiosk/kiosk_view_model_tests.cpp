// Pure tests of the kiosk's view-models, strings, cart and config: no window.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "kiosk/cart.hpp"
#include "kiosk/demo_state.hpp"
#include "kiosk/kiosk_config.hpp"
#include "kiosk/kiosk_view_model.hpp"
#include "shared/core/menu.hpp"
#include "shared/core/promise.hpp"
#include "shared/words/words.hpp"
#include "tests/kit/kitchen_config.hpp"

namespace kiosk = hourglass::kiosk;
namespace core = hourglass::core;
using core::Language;
using kiosk::Tone;

namespace {

constexpr std::int64_t kNow = 1'763'800'000'000;
constexpr std::int64_t kMinute = 60'000;

using hourglass::test::sample_menu;  // the kit's

kiosk::KioskState demo(bool breached = true, int orders = 3) {
  kiosk::DemoOptions options;
  options.breached = breached;
  options.orders = orders;
  return kiosk::make_demo_state(sample_menu(), options, kNow);
}

}  // namespace

TEST_CASE("kiosk countdown text: mm:ss while time remains, 'late by' after, in both languages", "[ui][kiosk]") {
  CHECK(kiosk::countdown_text(7 * kMinute + 42'000, Language::en) == "07:42");
  CHECK(kiosk::countdown_text(200, Language::en) == "00:01");  // rounds up while time remains
  CHECK(kiosk::countdown_text(0, Language::en) == "00:00");
  CHECK(kiosk::countdown_text(-65'900, Language::en) == "late by 01:05");
  CHECK(kiosk::countdown_text(-65'900, Language::zh) == "已超时 01:05");
}

TEST_CASE("kiosk countdown colour changes exactly at the thresholds", "[ui][kiosk]") {
  constexpr std::int64_t total = 15 * kMinute;
  using Row = std::tuple<std::int64_t, Tone>;
  auto [remaining, tone] = GENERATE(table<std::int64_t, Tone>({
      Row{15 * kMinute, Tone::good},
      Row{5 * kMinute + 1, Tone::good},
      Row{5 * kMinute, Tone::warn},  // a third of 15 minutes
      Row{2 * kMinute + 1, Tone::warn},
      Row{2 * kMinute, Tone::danger},  // 2/15 of the promise
      Row{0, Tone::danger},
      Row{-1, Tone::late},
  }));
  CAPTURE(remaining);
  CHECK(kiosk::countdown_tone(remaining, total) == tone);
  // A 25-minute promise scales the same way.
  CHECK(kiosk::countdown_tone(25 * kMinute / 3, 25 * kMinute) == Tone::warn);
}

TEST_CASE("kiosk promise wording follows welcome.promise_s and the policy", "[ui][kiosk]") {
  core::PromiseTerms terms;
  CHECK(kiosk::promise_badge(terms, Language::en) == "Served in 15 min, or it's free");
  CHECK(kiosk::promise_badge(terms, Language::zh) == "15分钟上齐 超时免单");
  terms.seconds = 25 * 60;
  CHECK(kiosk::promise_badge(terms, Language::en) == "Served in 25 min, or it's free");
  terms.policy = core::BillPercentPolicy{69};
  CHECK(kiosk::promise_badge(terms, Language::en) == "Served in 25 min, or pay only 69%");
  CHECK(kiosk::promise_badge(terms, Language::zh) == "25分钟上齐 超时整单6.9折");
  CHECK(kiosk::apology_text(900, 3800, Language::en) == "Sorry, we missed our 15-minute promise: ¥38.00 is on us");
  CHECK(kiosk::apology_text(900, 3800, Language::zh) == "抱歉，我们没能在15分钟内上齐：¥38.00由我们买单");
  CHECK(kiosk::apology_text(1500, 100, Language::en) == "Sorry, we missed our 25-minute promise: ¥1.00 is on us");
}

TEST_CASE("kiosk menu view: categories, marks, the promise exception, the cart bar, language switch", "[ui][kiosk]") {
  kiosk::KioskState state = demo();
  kiosk::Cart cart;
  cart.add("gongbao", 2);
  kiosk::MenuInputs inputs;
  inputs.category = "wok";
  const kiosk::MenuView en = kiosk::build_menu_view(state, cart, inputs, Language::en, kNow);
  REQUIRE(en.categories.size() == 7);
  CHECK(en.category_title == "Wok Dishes");
  CHECK(en.categories[1].selected);
  CHECK(en.categories[1].in_cart == 2);
  std::set<std::uint32_t> colours;
  for (const auto& tab : en.categories) colours.insert(tab.color);
  CHECK(colours.size() == 7);  // coloured tabs, one colour each
  const auto gongbao =
      std::find_if(en.dishes.begin(), en.dishes.end(), [](const auto& d) { return d.id == "gongbao"; });
  REQUIRE(gongbao != en.dishes.end());
  CHECK(gongbao->name == "Kung Pao Chicken");
  CHECK(gongbao->other_name == "宫保鸡丁");
  CHECK(gongbao->initial == "宫");
  CHECK(gongbao->price == "¥38.00");
  CHECK(gongbao->qty_in_cart == 2);
  CHECK(gongbao->spicy > 0);
  CHECK_FALSE(gongbao->allergens.empty());
  CHECK(en.cart_bar.count == 2);
  CHECK(en.cart_bar.total == "¥76.00");
  CHECK(en.cart_bar.enabled);
  CHECK(en.header.place == "Table 12");

  const kiosk::MenuView zh = kiosk::build_menu_view(state, cart, inputs, Language::zh, kNow);
  CHECK(zh.category_title == "热炒");
  CHECK(zh.header.place == "12号桌");
  CHECK(zh.cart_bar.button == "选好了");
  CHECK(zh.header.language_button == "English");
  CHECK(en.header.language_button == "中文");

  inputs.category = "braised";
  const kiosk::MenuView braised = kiosk::build_menu_view(state, cart, inputs, Language::en, kNow);
  const auto fish =
      std::find_if(braised.dishes.begin(), braised.dishes.end(), [](const auto& d) { return !d.promised; });
  REQUIRE(fish != braised.dishes.end());
  CHECK(fish->outside_promise == "Not in the 15-minute promise");

  inputs.detail_item = "gongbao";
  inputs.detail_qty = 3;
  const kiosk::MenuView detail = kiosk::build_menu_view(state, cart, inputs, Language::en, kNow);
  REQUIRE(detail.detail);
  CHECK(detail.detail->add_button == "Add to cart  ¥114.00");
}

TEST_CASE("kiosk order cards: running, late with the apology, kept", "[ui][kiosk]") {
  const kiosk::KioskState state = demo(true);
  const kiosk::OrdersView view = kiosk::build_orders_view(state, {}, Language::en, kNow);
  REQUIRE(view.cards.size() == 3);
  // The late round comes first.
  const kiosk::OrderCardView& late = view.cards[0];
  CHECK(late.late);
  CHECK(late.tone == Tone::late);
  CHECK(late.big_text == "late by 04:05");
  REQUIRE(late.apology);
  CHECK(*late.apology == "Sorry, we missed our 15-minute promise: ¥68.00 is on us");
  REQUIRE(view.apology_banner);
  CHECK(*view.apology_banner == *late.apology);
  const auto free_line = std::find_if(late.lines.begin(), late.lines.end(), [](const auto& l) { return l.free; });
  REQUIRE(free_line != late.lines.end());
  CHECK(free_line->name == "Sichuan Boiled Fish in Chilli Oil");
  CHECK(free_line->state == "Cooking");

  const kiosk::OrderCardView& mid = view.cards[1];
  CHECK(mid.big_text == "04:12");
  CHECK(mid.tone == Tone::warn);
  CHECK(mid.can_rush);
  const kiosk::OrderCardView& fresh = view.cards[2];
  CHECK(fresh.big_text == "14:20");
  CHECK(fresh.tone == Tone::good);
  CHECK(fresh.title == "Round 3");

  const kiosk::OrdersView zh = kiosk::build_orders_view(state, {}, Language::zh, kNow);
  CHECK(zh.cards[0].big_text == "已超时 04:05");
  CHECK(*zh.apology_banner == "抱歉，我们没能在15分钟内上齐：¥68.00由我们买单");

  // The same table without the breach: round 1 kept, its clock stopped.
  const kiosk::OrdersView kept = kiosk::build_orders_view(demo(false), {}, Language::en, kNow);
  CHECK_FALSE(kept.apology_banner);
  CHECK(kept.cards.back().done);
  CHECK(kept.cards.back().big_text == "Promise kept");
  CHECK(kept.cards.back().caption == "All served in 13:00");
}

TEST_CASE("kiosk bill: every order, subtotal, compensation, total", "[ui][kiosk]") {
  const kiosk::BillView bill = kiosk::build_bill_view(demo(true), {}, Language::en, kNow);
  REQUIRE(bill.orders.size() == 3);
  CHECK(bill.orders[0].title == "Round 1  ·  No.\u00a038");
  REQUIRE(bill.orders[0].compensation);
  CHECK(*bill.orders[0].compensation == "-¥68.00");
  // Rounds of ¥140, ¥110 and ¥70 (sample menu prices).
  CHECK(bill.subtotal == "¥320.00");
  REQUIRE(bill.compensation);
  CHECK(*bill.compensation == "-¥68.00");
  CHECK_FALSE(bill.comps);
  CHECK(bill.total == "¥252.00");
  const kiosk::BillView zh = kiosk::build_bill_view(demo(true), {}, Language::zh, kNow);
  CHECK(zh.total_label == "合计");
  CHECK(zh.compensation_label == "超时补偿");
}

TEST_CASE("kiosk cart: merge, quantities, subtotal, requests, atomic save and load", "[ui][kiosk]") {
  kiosk::Cart cart;
  cart.add("gongbao");
  cart.add("gongbao");
  cart.add("gongbao", 1, "less spicy");
  cart.add("rice", 60);  // capped at 50
  REQUIRE(cart.lines().size() == 3);
  CHECK(cart.lines()[0].qty == 2);
  CHECK(cart.lines()[2].qty == 50);
  CHECK(cart.qty_of("gongbao") == 3);
  cart.remove_one("gongbao");  // the last gongbao line goes
  CHECK(cart.lines().size() == 2);
  cart.change_qty(1, -49);
  CHECK(cart.subtotal(sample_menu()) == 2 * 3800 + 300);
  CHECK(cart.requests().size() == 2);
  cart.add("no_such_dish");
  CHECK(cart.drop_unknown(sample_menu()) == 1);

  const auto path = std::filesystem::temp_directory_path() / ("kiosk_cart_" + std::to_string(::getpid()) + ".json");
  cart.add("mapo", 1, "少辣");
  REQUIRE(kiosk::save_cart(cart, path.string()).ok());
  CHECK_FALSE(std::filesystem::exists(path.string() + ".tmp"));
  auto loaded = kiosk::load_cart(path.string());
  REQUIRE(loaded.ok());
  CHECK(loaded.value() == cart);
  std::ofstream(path) << "{broken";
  CHECK_FALSE(kiosk::load_cart(path.string()).ok());
  std::filesystem::remove(path);
  auto missing = kiosk::load_cart(path.string());
  REQUIRE(missing.ok());
  CHECK(missing.value().empty());
}

TEST_CASE("a saved cart with a quantity out of range is refused, not read", "[ui][kiosk]") {
  REQUIRE(kiosk::cart_from_json_text(R"({"lines":[{"item":"tea","qty":2}]})").ok());
  for (const char* qty : {"2.2e112", "1.5", "4294967298", "18446744073709551615"}) {
    INFO(qty);
    const auto cart = kiosk::cart_from_json_text(std::string(R"({"lines":[{"item":"tea","qty":)") + qty + "}]}");
    REQUIRE_FALSE(cart.ok());
    CHECK_THAT(cart.error(), Catch::Contains("qty is not a whole number"));
  }
}

TEST_CASE("kiosk config file: fields, defaults, errors", "[ui][kiosk]") {
  auto config = kiosk::parse_kiosk_config(
      R"({"server":"10.0.0.2:7015","token":"t12","mode":"counter","lang":"en","reset_seconds":30})", "k.json");
  REQUIRE(config.ok());
  CHECK(*config->server == "10.0.0.2:7015");
  CHECK(*config->mode == kiosk::Mode::counter);
  CHECK(*config->language == Language::en);
  CHECK(*config->reset_seconds == 30);
  CHECK_FALSE(kiosk::parse_kiosk_config(R"({"mode":"bar"})", "k.json").ok());
  CHECK_FALSE(kiosk::parse_kiosk_config(R"({"reset_seconds":0})", "k.json").ok());
  CHECK_FALSE(kiosk::parse_kiosk_config(R"({"reset_seconds":4294967326})", "k.json").ok());  // 2^32 + 30
  CHECK_FALSE(kiosk::parse_kiosk_config("[]", "k.json").ok());
}

TEST_CASE("kiosk counter end screen: pickup number and the order's clock", "[ui][kiosk]") {
  kiosk::DemoOptions options;
  options.mode = kiosk::Mode::counter;
  const kiosk::KioskState state = kiosk::make_demo_state(sample_menu(), options, kNow);
  REQUIRE(state.orders.size() == 1);
  const auto view = kiosk::build_counter_done_view(state, state.orders[0].order_id, 12, Language::en, kNow);
  CHECK(view.pickup_number == "41");
  REQUIRE(view.card);
  CHECK(view.card->big_text == "14:25");
  CHECK(view.resets_in == "Next guest in 12 s");
  const auto sending = kiosk::build_counter_done_view(state, "unknown", 3, Language::zh, kNow);
  CHECK(sending.pickup_number == "…");
  CHECK(sending.resets_in == "3秒后返回首页");
}

TEST_CASE("a live kiosk keeps its cart in the state folder by default", "[ui][kiosk][config]") {
  setenv("XDG_STATE_HOME", "/var/lib/state-test", 1);
  CHECK(hourglass::kiosk::default_cart_file(hourglass::kiosk::Mode::table, "10.0.0.2:7015") ==
        "/var/lib/state-test/hourglass/cart-table-10_0_0_2_7015.json");
  CHECK(hourglass::kiosk::default_cart_file(hourglass::kiosk::Mode::counter, "[::1]:7015") ==
        "/var/lib/state-test/hourglass/cart-counter-___1__7015.json");
  unsetenv("XDG_STATE_HOME");
  const char* home = std::getenv("HOME");
  const std::string saved_home = home != nullptr ? home : "";
  setenv("HOME", "/home/kiosk", 1);
  CHECK(hourglass::kiosk::default_cart_file(hourglass::kiosk::Mode::table, "pos:7015") ==
        "/home/kiosk/.local/state/hourglass/cart-table-pos_7015.json");
  setenv("HOME", saved_home.c_str(), 1);
}

TEST_CASE("kiosk orders view: an order placed offline is shown as not yet with the kitchen, never 'no orders'",
          "[ui][kiosk]") {
  kiosk::KioskState state = demo(true, 0);
  REQUIRE(state.orders.empty());
  state.connected = false;
  state.has_welcome = true;
  const kiosk::OrdersView nothing = kiosk::build_orders_view(state, {}, Language::en, kNow);
  REQUIRE(nothing.empty_text);
  CHECK(*nothing.empty_text == "No orders yet. Pick something from the menu!");
  CHECK(nothing.pending.empty());

  state.pending.push_back(kiosk::PendingRound{"o-1", {{"koushuiji", 2, "less spicy"}, {"no-such-dish", 1, ""}}});
  const kiosk::OrdersView offline = kiosk::build_orders_view(state, {}, Language::en, kNow);
  CHECK_FALSE(offline.empty_text);
  REQUIRE(offline.pending.size() == 1);
  const kiosk::PendingCardView& card = offline.pending[0];
  CHECK(card.order_id == "o-1");
  CHECK(card.title == "Not yet with the kitchen");
  CHECK(card.offline);
  CHECK(card.status == "It is sent as soon as the tablet is back online");
  CHECK(card.clock == "The 15-minute clock starts when the kitchen receives it");
  REQUIRE(card.lines.size() == 2);
  CHECK(card.lines[0].qty == "2 ×");
  CHECK(card.lines[0].name == "Mouth-Watering Chicken");
  CHECK(card.lines[0].note == "less spicy");
  CHECK(card.lines[1].name == "no-such-dish");  // a line the menu does not know is shown by its id
  CHECK(card.subtotal == "¥52.00");             // 2 × ¥26.00; the unknown line adds nothing
  // The "My orders" tab counts it.
  const kiosk::HeaderView header = kiosk::build_header_view(state, {}, Language::en, kNow);
  CHECK(header.tabs[1].badge == 1);
  CHECK_FALSE(header.next_countdown);  // no clock runs for it

  const kiosk::OrdersView zh = kiosk::build_orders_view(state, {}, Language::zh, kNow);
  CHECK(zh.pending[0].title == "还没送到厨房");
  CHECK(zh.pending[0].status == "网络恢复后会自动发送");
  CHECK(zh.pending[0].clock == "厨房收到后才开始15分钟计时");
  CHECK(zh.pending[0].lines[0].name == "口水鸡");

  // Back online, not yet acknowledged: on its way.
  state.connected = true;
  const kiosk::OrdersView sending = kiosk::build_orders_view(state, {}, Language::en, kNow);
  REQUIRE(sending.pending.size() == 1);
  CHECK_FALSE(sending.pending[0].offline);
  CHECK(sending.pending[0].status == "Sending to the kitchen…");
}

TEST_CASE("kiosk orders view: waiting rounds come newest first beside the running ones, an acknowledged one is not "
          "shown twice",
          "[ui][kiosk]") {
  kiosk::KioskState state = demo(true, 3);
  REQUIRE(state.orders.size() == 3);
  state.pending.push_back(kiosk::PendingRound{"first", {{"koushuiji", 1, ""}}});
  state.pending.push_back(kiosk::PendingRound{"second", {{"koushuiji", 1, ""}}});
  // The kitchen acknowledged this one and the outbox has not caught up.
  state.pending.push_back(kiosk::PendingRound{state.orders[1].order_id, {{"koushuiji", 1, ""}}});
  const kiosk::OrdersView view = kiosk::build_orders_view(state, {}, Language::en, kNow);
  REQUIRE(view.pending.size() == 2);
  CHECK(view.pending[0].order_id == "second");
  CHECK(view.pending[1].order_id == "first");
  CHECK(view.cards.size() == 3);
  CHECK(kiosk::build_header_view(state, {}, Language::en, kNow).tabs[1].badge == 5);
}

TEST_CASE("kiosk counter end screen: an order placed offline says it is not with the kitchen yet", "[ui][kiosk]") {
  kiosk::DemoOptions options;
  options.mode = kiosk::Mode::counter;
  options.orders = 0;
  kiosk::KioskState state = kiosk::make_demo_state(sample_menu(), options, kNow);
  state.connected = false;
  state.pending.push_back(kiosk::PendingRound{"k-1", {{"koushuiji", 1, ""}}});
  const auto view = kiosk::build_counter_done_view(state, "k-1", 20, Language::en, kNow);
  CHECK(view.pickup_number == "…");
  CHECK_FALSE(view.card);
  REQUIRE(view.pending);
  CHECK(view.pending->title == "Not yet with the kitchen");
  CHECK(view.hint == "It is sent as soon as the tablet is back online");
}

TEST_CASE("kiosk detail: the menu's one-touch notes as chips, at the counter they are the only note", "[ui][kiosk]") {
  const kiosk::KioskState state = demo(true, 0);
  kiosk::MenuInputs inputs;
  inputs.detail_item = "gongbao";
  inputs.detail_chips = {2, 0};
  inputs.detail_typed_note = "for a child";
  const kiosk::MenuView table = kiosk::build_menu_view(state, {}, inputs, Language::en, kNow);
  REQUIRE(table.detail);
  const kiosk::DetailView& detail = *table.detail;
  CHECK(detail.typed_note);
  CHECK(detail.chips_label == "Tap to tell the kitchen");
  REQUIRE(detail.chips.size() == 6);  // the wok category's
  CHECK(detail.chips[0].label == "Less spicy");
  CHECK(detail.chips[0].selected);
  CHECK_FALSE(detail.chips[1].selected);
  CHECK(detail.chips[2].label == "No coriander");
  CHECK(detail.chips[2].selected);
  // The note the line carries: chips in the menu's order, then the typed text.
  CHECK(kiosk::detail_note(state.menu, "gongbao", inputs.detail_chips, inputs.detail_typed_note, Language::en) ==
        "Less spicy · No coriander · for a child");
  CHECK(kiosk::detail_note(state.menu, "gongbao", {1}, "", Language::zh) == "不辣");
  CHECK(kiosk::detail_note(state.menu, "gongbao", {99}, "", Language::zh).empty());  // not offered: ignored

  // A dish with its own notes, and one with none.
  inputs.detail_chips.clear();
  inputs.detail_item = "xiaolongbao";
  const auto own = kiosk::build_menu_view(state, {}, inputs, Language::zh, kNow);
  REQUIRE(own.detail);
  REQUIRE(own.detail->chips.size() == 2);
  CHECK(own.detail->chips[0].label == "多放醋");
  inputs.detail_item = "rice";
  const auto none = kiosk::build_menu_view(state, {}, inputs, Language::en, kNow);
  REQUIRE(none.detail);
  CHECK(none.detail->chips.empty());
  CHECK(none.detail->chips_label.empty());

  // At the counter there is no keyboard: no typed note, chips alone.
  inputs.detail_item = "gongbao";
  inputs.header.mode = kiosk::Mode::counter;
  const auto counter = kiosk::build_menu_view(state, {}, inputs, Language::en, kNow);
  REQUIRE(counter.detail);
  CHECK_FALSE(counter.detail->typed_note);
  CHECK(counter.detail->chips.size() == 6);
}

TEST_CASE("kiosk detail: a chip that would make the note longer than 200 characters cannot be chosen",
          "[ui][kiosk][edge]") {
  const kiosk::KioskState state = demo(true, 0);
  kiosk::MenuInputs inputs;
  inputs.detail_item = "gongbao";
  // "Less spicy" is 10 characters, joined with " · " (3): 187 + 3 + 10 = 200 fits, 188 does not.
  inputs.detail_typed_note = std::string(187, 'x');
  auto view = kiosk::build_menu_view(state, {}, inputs, Language::en, kNow);
  REQUIRE(view.detail);
  CHECK(view.detail->chips[0].enabled);
  inputs.detail_typed_note = std::string(188, 'x');
  view = kiosk::build_menu_view(state, {}, inputs, Language::en, kNow);
  CHECK_FALSE(view.detail->chips[0].enabled);
  // A chosen chip can always be dropped again.
  inputs.detail_chips = {0};
  view = kiosk::build_menu_view(state, {}, inputs, Language::en, kNow);
  CHECK(view.detail->chips[0].selected);
  CHECK(view.detail->chips[0].enabled);
  CHECK(kiosk::compose_note({}, "") == "");
  CHECK(kiosk::compose_note({"a", "b"}, "") == "a · b");
  CHECK(kiosk::compose_note({}, "typed") == "typed");
}
