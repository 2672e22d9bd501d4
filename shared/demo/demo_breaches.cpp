#include "shared/demo/demo_breaches.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "shared/demo/demo_random.hpp"

namespace hourglass::demo {

namespace {
// A late dish of a demo breach reaches the table at most this long after the deadline.
constexpr int kLatestServeMs = 620'000;
}  // namespace

std::vector<core::BreachEntry> make_demo_breaches(const core::Menu& menu, int count, std::int64_t now_ms, int days,
                                                  int utc_offset_minutes) {
  std::vector<core::BreachEntry> out;
  std::vector<const core::MenuItem*> promised;
  for (const auto& item : menu.items) {
    if (item.promised) promised.push_back(&item);
  }
  if (promised.empty() || count <= 0) return out;
  Lcg random{7};
  // Service hours with weights: lunch and dinner rushes.
  const int hours[] = {11, 11, 12, 12, 12, 12, 13, 13, 14, 17, 18, 18, 18, 19, 19, 19, 19, 20, 20, 21};
  const std::int64_t offset_ms = static_cast<std::int64_t>(utc_offset_minutes) * 60'000;
  const std::int64_t today_local = (now_ms + offset_ms) / 86'400'000 * 86'400'000;
  out.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    core::BreachEntry e;
    e.breach_id = i + 1;
    const int day = random.below(std::max(1, days));
    const int hour = hours[random.below(20)];
    std::int64_t local =
        today_local - static_cast<std::int64_t>(day) * 86'400'000 + hour * 3'600'000LL + random.below(3'600'000);
    // Today's service is only over up to now: a later hour (and its late
    // dishes, served up to ten minutes after) is yesterday's instead.
    if (local - offset_ms + kLatestServeMs > now_ms) local -= 86'400'000;
    e.deadline_ms = local - offset_ms;
    e.accepted_at_ms = e.deadline_ms - 900'000;
    e.at_ms = e.deadline_ms + random.below(80);
    e.seq = 1000 + i;
    e.order_id = fmt::format("demo-breach-{}", i + 1);
    e.table = random.below(10) == 0 ? "counter" : std::to_string(1 + random.below(24));
    e.policy = random.below(5) == 0 ? "bill_percent" : "free_unserved";
    const int lines = 1 + random.below(3);
    core::Fen late_total = 0;
    for (int l = 0; l < lines; ++l) {
      // Slow dishes are late more often: pick twice, keep the slower.
      const core::MenuItem* a = promised[static_cast<std::size_t>(random.below(static_cast<int>(promised.size())))];
      const core::MenuItem* b = promised[static_cast<std::size_t>(random.below(static_cast<int>(promised.size())))];
      const core::MenuItem* item = a->prep_s.value_or(0) >= b->prep_s.value_or(0) ? a : b;
      core::BreachLateLine line;
      line.item = item->id;
      line.qty = 1 + random.below(2);
      line.price = item->price;
      line.name = item->name;
      if (random.below(8) != 0) line.served_at_ms = e.deadline_ms + 20'000 + random.below(kLatestServeMs - 20'000);
      late_total += line.price * line.qty;
      e.late_lines.push_back(std::move(line));
    }
    e.discount = e.policy == "bill_percent" ? late_total * 31 / 100 + 1200 : late_total;
    out.push_back(std::move(e));
  }
  std::sort(out.begin(), out.end(), [](const auto& x, const auto& y) { return x.at_ms < y.at_ms; });
  for (std::size_t i = 0; i < out.size(); ++i) out[i].breach_id = static_cast<std::int64_t>(i + 1);
  return out;
}

std::vector<core::Order> make_demo_history(const std::vector<core::BreachEntry>& breaches, int kept_per_breach) {
  std::vector<core::Order> out;
  out.reserve(breaches.size() * static_cast<std::size_t>(1 + kept_per_breach));
  for (const auto& e : breaches) {
    core::Order breached;
    breached.order_id = e.order_id;
    breached.seq = e.seq;
    breached.table = e.table;
    breached.status = core::OrderStatus::breached;
    breached.accepted_at_ms = e.accepted_at_ms;
    breached.deadline_ms = e.deadline_ms;
    if (e.policy == "bill_percent") breached.promise.policy = core::BillPercentPolicy{69};
    for (const auto& l : e.late_lines) {
      core::OrderLine line;
      line.item = l.item;
      line.qty = l.qty;
      line.price = l.price;
      line.late = true;
      line.state = core::LineState::served;
      breached.lines.push_back(line);
    }
    out.push_back(breached);
    for (int k = 0; k < kept_per_breach; ++k) {
      core::Order kept = breached;
      kept.order_id += fmt::format("-kept-{}", k);
      kept.status = core::OrderStatus::kept;
      kept.accepted_at_ms -= (k + 1) * 1'200'000;
      kept.deadline_ms -= (k + 1) * 1'200'000;
      for (auto& line : kept.lines) line.late = false;
      out.push_back(std::move(kept));
    }
  }
  return out;
}

}  // namespace hourglass::demo
