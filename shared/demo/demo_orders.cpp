#include "shared/demo/demo_orders.hpp"

#include <fmt/format.h>

#include <string>

#include "shared/core/promise.hpp"
#include "shared/demo/demo_random.hpp"

namespace hourglass::demo {

namespace {

using core::LineState;

struct DemoLine {
  const char* item;
  int qty;
  LineState state;
  const char* note = "";
};

struct DemoTicket {
  std::int64_t remaining_s;
  const char* table;
  bool rushed;
  std::vector<DemoLine> lines;
};

std::vector<DemoTicket> scripted() {
  using S = LineState;
  return {
      {-65, "7", false, {{"mapo", 1, S::served}, {"shuizhuyu", 1, S::cooking}, {"rice", 3, S::served}}},
      {95, "12", true, {{"gongbao", 2, S::ready}, {"huiguorou", 1, S::cooking}, {"rice", 2, S::ready}}},
      {250,
       "3",
       false,
       {{"laziji", 1, S::queued, "extra chilli"}, {"paihuanggua", 1, S::served}, {"suanmeitang", 2, S::ready}}},
      {280, "counter", false, {{"reganmian", 1, S::cooking}, {"doujiang", 1, S::queued}}},
      {400, "15", false, {{"maoxuewang", 1, S::queued}, {"fanqie_chaodan", 1, S::queued, "no scallion"}}},
      {30, "6", false, {{"fenzheng_rou", 1, S::cooking}, {"suanmeitang", 1, S::ready}}},
      {610,
       "9",
       false,
       {{"xiaolongbao", 2, S::queued, "extra vinegar"}, {"suanla_tang", 1, S::queued}, {"cola", 2, S::ready}}},
      {780,
       "21",
       true,
       {{"koushuiji", 1, S::cooking},
        {"dandan_mian", 2, S::queued, "less spicy 少辣"},
        {"qingzheng_luyu", 1, S::queued}}},
      {870, "4", false, {{"yuxiang_rousi", 1, S::queued}, {"rice", 2, S::queued}, {"hongtang_ciba", 1, S::queued}}},
      {890, "18", false, {{"tsingtao", 2, S::queued}, {"pidan_doufu", 1, S::queued}}},
  };
}

DemoTicket generated(const core::Menu& menu, int index, std::int64_t promise_s, Lcg& random) {
  DemoTicket ticket;
  ticket.remaining_s = -120 + random.below(static_cast<int>(promise_s) + 120);
  ticket.table = nullptr;
  ticket.rushed = random.below(12) == 0;
  const int lines = 1 + random.below(5);
  const LineState states[] = {LineState::queued, LineState::queued, LineState::cooking, LineState::ready,
                              LineState::served};
  for (int i = 0; i < lines && !menu.items.empty(); ++i) {
    const auto& item = menu.items[static_cast<std::size_t>(random.below(static_cast<int>(menu.items.size())))];
    ticket.lines.push_back(DemoLine{item.id.c_str(), 1 + random.below(3), states[random.below(5)],
                                    random.below(6) == 0 ? "less spicy" : ""});
  }
  (void)index;
  return ticket;
}

}  // namespace

std::vector<core::Order> make_demo_orders(const core::Menu& menu, int count, std::int64_t now_ms,
                                          std::int64_t promise_s) {
  std::vector<core::Order> orders;
  const std::vector<DemoTicket> script = scripted();
  Lcg random{42};
  core::PromiseTerms terms;
  terms.seconds = promise_s;
  for (int i = 0; i < count; ++i) {
    const DemoTicket ticket = i < static_cast<int>(script.size()) ? script[static_cast<std::size_t>(i)]
                                                                  : generated(menu, i, promise_s, random);
    std::vector<core::LineRequest> requests;
    for (const DemoLine& line : ticket.lines) {
      if (menu.find(line.item) != nullptr) requests.push_back(core::LineRequest{line.item, line.qty, line.note});
    }
    if (requests.empty()) continue;
    const std::int64_t seq = 101 + i;
    const std::string table = ticket.table != nullptr ? std::string(ticket.table) : std::to_string(1 + (i * 7) % 40);
    const std::int64_t accepted = now_ms + ticket.remaining_s * 1000 - promise_s * 1000;
    auto made = core::make_order(fmt::format("demo-{}", seq), requests, menu, seq, table, accepted, terms);
    if (!made) continue;
    core::Order order = std::move(made.value());
    order.rushed = ticket.rushed;
    std::size_t r = 0;
    for (const DemoLine& line : ticket.lines) {
      if (menu.find(line.item) == nullptr) continue;
      core::OrderLine& ol = order.lines[r++];
      ol.state = line.state;
      if (line.state == LineState::served) ol.served_at_ms = std::min(now_ms, order.deadline_ms) - 60000;
      if (line.state == LineState::ready) {
        // Up at the pass for 20 s to about 5 min, so the expo shows food waiting.
        const std::int64_t waited_s = 20 + (seq * 37 + static_cast<std::int64_t>(r) * 53) % 270;
        ol.ready_at_ms = std::max(accepted, now_ms - waited_s * 1000);
      }
    }
    if (now_ms > order.deadline_ms) {
      // Past the deadline: the verdict the server would have applied.
      core::apply_verdict(order, core::evaluate_promise(order));
    }
    orders.push_back(std::move(order));
  }
  return orders;
}

}  // namespace hourglass::demo
