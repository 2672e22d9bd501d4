#include "kitchen/manager/demo_chain.hpp"

#include <algorithm>

#include "kitchen/manager/breach_log_view.hpp"
#include "shared/demo/demo_random.hpp"

namespace hourglass::manager {

namespace {

struct DemoStore {
  const char* name;
  int orders_per_day;  // on an ordinary day
  int late_per_mille;  // promises broken per thousand decided orders
  int nps_bias;        // added to a guest's score, -3..+1
};

// Eight stores, from one that keeps the promise to one that struggles.
constexpr DemoStore kStores[] = {
    {"wuhan-01", 420, 18, 1},           {"wuhan-02", 380, 35, 0},        {"wuhan-guanggu", 510, 92, -2},
    {"changsha-01", 300, 24, 1},        {"chengdu-chunxi", 460, 61, -1}, {"shanghai-jingan", 350, 12, 1},
    {"shenzhen-nanshan", 290, 140, -3}, {"hangzhou-xihu", 260, 30, 0},
};

}  // namespace

std::vector<chain::StoreDay> make_demo_chain(std::int64_t now_ms, int utc_offset_minutes, int days) {
  std::vector<chain::StoreDay> out;
  demo::Lcg rng{20261208};
  for (const DemoStore& store : kStores) {
    for (int back = days - 1; back >= 0; --back) {
      chain::StoreDay day;
      day.store = store.name;
      day.day =
          local_time_text(now_ms - static_cast<std::int64_t>(back) * 86'400'000, utc_offset_minutes).substr(0, 10);
      // Today is partly through; weekends are busier.
      const int base = back == 0 ? store.orders_per_day / 2 : store.orders_per_day;
      day.orders = base * (85 + rng.below(40)) / 100;
      day.decided = back == 0 ? day.orders * 9 / 10 : day.orders;
      // A bad day now and then: a late-running kitchen breaks many more.
      const int late = store.late_per_mille * (rng.below(10) == 0 ? 3 : 1);
      day.broken = day.decided * late / 1000;
      day.breaches = day.broken;
      day.compensation_fen = day.breaches * (3000 + rng.below(6000));
      day.comps = rng.below(4);
      day.surveys = day.orders / 8;
      for (std::int64_t i = 0; i < day.surveys; ++i) {
        const int score = std::clamp(6 + rng.below(5) + store.nps_bias, 0, 10);
        if (score >= 9) ++day.promoters;
        if (score <= 6) ++day.detractors;
      }
      day.complaints = day.breaches / 6 + rng.below(3);
      day.complaints_open = back == 0 ? std::min<std::int64_t>(day.complaints, rng.below(3)) : 0;
      if (day.complaints > day.complaints_open) day.median_response_s = 60.0 + rng.below(400);
      out.push_back(day);
    }
  }
  return out;
}

DemoChain::DemoChain(std::vector<chain::StoreDay> days, std::int64_t as_of_ms) : all_(std::move(days)) {
  snapshot_.as_of_ms = as_of_ms;
  snapshot_.source = "demo";
}

void DemoChain::ask(const chain::ReportRange& range) {
  snapshot_.range = range;
  snapshot_.days.clear();
  for (const chain::StoreDay& day : all_) {
    if (chain::in_range(range, day.day) && (!range.store || day.store == *range.store)) snapshot_.days.push_back(day);
  }
  ++version_;
}

}  // namespace hourglass::manager
