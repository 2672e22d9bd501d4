#include <catch2/catch.hpp>

#include "kitchen/server/deadline_scheduler.hpp"
#include "kitchen/server/token_bucket.hpp"

using hourglass::kitchen::DeadlineScheduler;
using hourglass::kitchen::TokenBucket;

TEST_CASE("scheduler: due exactly at the deadline, not a millisecond before", "[server]") {
  DeadlineScheduler scheduler;
  scheduler.add(1, 10'000);
  const auto [now, due] = GENERATE(table<std::int64_t, std::size_t>({{9'999, 0}, {10'000, 1}, {10'001, 1}}));
  CAPTURE(now);
  CHECK(scheduler.take_due(now).size() == due);
}

TEST_CASE("scheduler: earliest first, removal, and each order taken once", "[server]") {
  DeadlineScheduler scheduler;
  scheduler.add(3, 300);
  scheduler.add(1, 100);
  scheduler.add(2, 100);
  scheduler.add(4, 400);
  scheduler.remove(4, 400);
  CHECK(scheduler.next_deadline() == 100);
  CHECK(scheduler.take_due(300) == std::vector<std::int64_t>{1, 2, 3});
  CHECK(scheduler.take_due(1'000).empty());
  CHECK_FALSE(scheduler.next_deadline());
}

TEST_CASE("scheduler: 100,000 open orders", "[server]") {
  DeadlineScheduler scheduler;
  for (std::int64_t seq = 1; seq <= 100'000; ++seq) scheduler.add(seq, 1'000'000 + seq % 1'000);
  CHECK(scheduler.size() == 100'000);
  CHECK(scheduler.next_deadline() == 1'000'000);
  CHECK(scheduler.take_due(1'000'000 + 499).size() == 50'000);
  CHECK(scheduler.size() == 50'000);
}

TEST_CASE("token bucket: a burst, then the sustained rate", "[server]") {
  TokenBucket bucket(10, 5);  // 10/s, burst 5
  std::int64_t now = 1'000'000'000;
  for (int i = 0; i < 5; ++i) CHECK(bucket.take(now));
  CHECK_FALSE(bucket.take(now));
  now += 99'000'000;  // 99 ms: not yet one token
  CHECK_FALSE(bucket.take(now));
  now += 2'000'000;  // 101 ms: one token
  CHECK(bucket.take(now));
  CHECK_FALSE(bucket.take(now));
  now += 10'000'000'000;  // a long pause refills to the burst only
  for (int i = 0; i < 5; ++i) CHECK(bucket.take(now));
  CHECK_FALSE(bucket.take(now));
}
