#include <catch2/catch.hpp>

#include "shared/net/backoff.hpp"

using hourglass::net::Backoff;
using hourglass::net::BackoffOptions;
using std::chrono::milliseconds;

TEST_CASE("backoff: doubles from the initial delay up to the maximum", "[net]") {
  Backoff backoff(BackoffOptions{milliseconds(200), milliseconds(5000), 2.0, 0.0});
  std::vector<std::int64_t> delays;
  for (int i = 0; i < 8; ++i) delays.push_back(backoff.next(0.5).count());
  CHECK(delays == std::vector<std::int64_t>{200, 400, 800, 1600, 3200, 5000, 5000, 5000});
  CHECK(backoff.attempts() == 8);
  SECTION("reset starts over") {
    backoff.reset();
    CHECK(backoff.next(0.5).count() == 200);
  }
}

TEST_CASE("backoff: jitter stays within its band and under the maximum", "[net]") {
  BackoffOptions options{milliseconds(200), milliseconds(5000), 2.0, 0.2};
  const auto [random, first, third, tenth] = GENERATE(table<double, std::int64_t, std::int64_t, std::int64_t>({
      {0.0, 160, 640, 4000},       // the low edge: 0.8 ×
      {0.5, 200, 800, 5000},       // the middle: 1.0 ×
      {0.999999, 240, 960, 5000},  // the high edge: 1.2 ×, capped at max
  }));
  Backoff backoff(options);
  std::vector<std::int64_t> delays;
  for (int i = 0; i < 10; ++i) delays.push_back(backoff.next(random).count());
  CHECK(delays[0] == first);
  CHECK(delays[2] == third);
  CHECK(delays[9] == tenth);
}

TEST_CASE("backoff: silly options still give sane delays", "[net]") {
  Backoff zero(BackoffOptions{milliseconds(0), milliseconds(0), 0.5, 5.0});
  CHECK(zero.next(0.0).count() >= 1);
  Backoff fast(BackoffOptions{milliseconds(10), milliseconds(40), 2.0, 0.0});
  for (int i = 0; i < 1000; ++i) CHECK(fast.next(0.3).count() <= 40);
}
