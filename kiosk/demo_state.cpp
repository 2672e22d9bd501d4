#include "kiosk/demo_state.hpp"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <system_error>
#include <vector>

#include "shared/core/order.hpp"
#include "shared/core/promise.hpp"

namespace hourglass::kiosk {

namespace {

constexpr std::int64_t kSecond = 1000;
constexpr std::int64_t kMinute = 60 * kSecond;

struct DemoLine {
  const char* item;
  int qty;
  const char* note;
  core::LineState state;
  std::int64_t served_after_ms;  // from acceptance; for served lines
};

std::optional<core::Order> demo_order(const core::Menu& menu, const KioskState& state, std::int64_t seq,
                                      std::int64_t accepted_at_ms, const std::vector<DemoLine>& lines) {
  std::vector<core::LineRequest> requests;
  for (const DemoLine& line : lines) {
    if (menu.find(line.item) != nullptr) requests.push_back(core::LineRequest{line.item, line.qty, line.note});
  }
  if (requests.empty()) return std::nullopt;
  auto made =
      core::make_order("demo-" + std::to_string(seq), requests, menu, seq, state.table, accepted_at_ms, state.promise);
  if (!made) {
    spdlog::warn("demo order {} not made: {}", seq, made.error().message);
    return std::nullopt;
  }
  core::Order order = std::move(made.value());
  std::size_t index = 0;
  for (const DemoLine& line : lines) {
    if (menu.find(line.item) == nullptr) continue;
    core::OrderLine& made_line = order.lines[index++];
    made_line.state = line.state;
    if (line.state == core::LineState::served) made_line.served_at_ms = accepted_at_ms + line.served_after_ms;
  }
  core::recompute_totals(order);
  return order;
}

// Evaluates at the deadline exactly as the server does.
void evaluate_if_due(core::Order& order, std::int64_t now_ms) {
  if (!core::is_due(order, now_ms)) return;
  const core::PromiseVerdict verdict = core::evaluate_promise(order);
  core::apply_verdict(order, verdict);
}

}  // namespace

KioskState make_demo_state(core::Menu menu, const DemoOptions& options, std::int64_t now_ms) {
  KioskState state;
  state.connected = true;
  state.has_welcome = true;
  state.table = options.mode == Mode::counter ? std::string(core::kCounterTable) : "12";
  state.promise = core::PromiseTerms{};  // 15 minutes, late dishes free
  state.menu = std::move(menu);
  using core::LineState;
  const std::int64_t promise_ms = state.promise.seconds * kSecond;
  std::int64_t seq = 38;

  auto push = [&](std::optional<core::Order> order) {
    if (!order) return;
    evaluate_if_due(*order, now_ms);
    state.orders.push_back(std::move(*order));
  };

  if (options.mode == Mode::counter) {
    // One order just placed at the counter.
    push(demo_order(state.menu, state, 41, now_ms - 35 * kSecond,
                    {{"dandan_mian", 1, "", LineState::cooking, 0},
                     {"xiaolongbao", 1, "", LineState::queued, 0},
                     {"suanmeitang", 1, "", LineState::ready, 0}}));
    return state;
  }

  if (options.orders >= 1) {
    // Round 1: 19 minutes ago. Breached: the fish is still cooking.
    const std::int64_t accepted = now_ms - promise_ms - 4 * kMinute - 5 * kSecond;
    const LineState fish = options.breached ? LineState::cooking : LineState::served;
    push(demo_order(state.menu, state, seq++, accepted,
                    {{"gongbao", 1, "", LineState::served, 8 * kMinute},
                     {"shuizhuyu", 1, "", fish, 13 * kMinute},
                     {"mapo", 1, "", LineState::served, 11 * kMinute},
                     {"rice", 2, "", LineState::served, 3 * kMinute}}));
  }
  if (options.orders >= 2) {
    // Round 2: mid-way, 4:12 left.
    const std::int64_t accepted = now_ms - promise_ms + 4 * kMinute + 12 * kSecond;
    push(demo_order(state.menu, state, seq++, accepted,
                    {{"paihuanggua", 1, "", LineState::served, 2 * kMinute},
                     {"huiguorou", 1, "less spicy", LineState::cooking, 0},
                     {"fanqie_dantang", 1, "", LineState::ready, 0},
                     {"xiaolongbao", 2, "", LineState::queued, 0}}));
  }
  if (options.orders >= 3) {
    // Round 3: just placed.
    const std::int64_t accepted = now_ms - 40 * kSecond;
    push(demo_order(state.menu, state, seq++, accepted,
                    {{"dandan_mian", 2, "不要香菜", LineState::queued, 0},
                     {"suanmeitang", 2, "", LineState::queued, 0},
                     {"hongtang_ciba", 1, "", LineState::queued, 0}}));
  }
  for (int extra = 3; extra < options.orders; ++extra) {
    const std::int64_t accepted = now_ms - (extra - 2) * 25 * kSecond;
    push(demo_order(state.menu, state, seq++, accepted,
                    {{"yangzhou_chaofan", 1, "", LineState::queued, 0},
                     {"koushuiji", 1, "", LineState::cooking, 0},
                     {"cola", 2, "", LineState::served, 20 * kSecond}}));
  }
  return state;
}

std::optional<std::string> find_sample_menu() {
  std::vector<std::filesystem::path> candidates;
  std::error_code error;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", error);
  if (!error) {
    // build/kiosk/hourglass-kiosk (in-tree build) or bin/ of an install.
    candidates.push_back(exe.parent_path() / "../../assets/menu.json");
    candidates.push_back(exe.parent_path() / "../assets/menu.json");
    candidates.push_back(exe.parent_path() / "../share/hourglass/menu.json");
  }
  candidates.emplace_back("assets/menu.json");
  candidates.push_back(std::filesystem::path(HOURGLASS_SOURCE_DIR) / "assets/menu.json");
  for (const auto& candidate : candidates) {
    if (std::filesystem::is_regular_file(candidate, error)) return candidate.lexically_normal().string();
  }
  return std::nullopt;
}

}  // namespace hourglass::kiosk
