#include <catch2/catch.hpp>

#include "shared/net/clock_offset.hpp"

using hourglass::net::ClockExchange;
using hourglass::net::ClockOffsetEstimator;

namespace {

constexpr std::int64_t kHour = 3'600'000;

// An exchange on a wall clock that stands `wall_minus_steady` ms from the
// monotonic one and did not move during it.
ClockExchange exchange(std::int64_t sent, std::int64_t received, std::int64_t server_time,
                       std::int64_t wall_minus_steady = 0) {
  return ClockExchange{sent, received, received + wall_minus_steady, server_time};
}

}  // namespace

TEST_CASE("clock offset: nothing before the first sample", "[net]") {
  ClockOffsetEstimator clock;
  CHECK_FALSE(clock.best());
  CHECK(clock.offset_ms() == 0);
  CHECK(clock.offset_ms(12345) == 0);
}

TEST_CASE("clock offset: server time minus the midpoint of send and receive", "[net]") {
  ClockOffsetEstimator clock;
  // Sent at 1000, received at 1100 local; the server stamped 5050: the
  // server is 4000 ms ahead if the stamp was taken halfway.
  clock.add(exchange(1000, 1100, 5050));
  REQUIRE(clock.best());
  CHECK(clock.best()->offset_ms == 4000);
  CHECK(clock.best()->rtt_ms == 100);
  SECTION("a server behind us gives a negative offset") {
    ClockOffsetEstimator behind;
    behind.add(exchange(10'000, 10'010, 7'005));
    CHECK(behind.offset_ms() == -3000);
  }
  SECTION("the offset is against the wall clock, whatever the monotonic clock's zero") {
    ClockOffsetEstimator wall;
    // Monotonic 1000 → 1100; the wall clock reads 1'700'000'001'100 at the
    // receive, so the midpoint is 1'700'000'001'050 on the wall clock.
    wall.add(exchange(1000, 1100, 1'700'000'001'050 + 4000, 1'700'000'000'000));
    CHECK(wall.offset_ms() == 4000);
    CHECK(wall.best()->rtt_ms == 100);
  }
}

TEST_CASE("clock offset: a wall clock stepped during the exchange changes neither rtt nor server time", "[net]") {
  ClockOffsetEstimator clock;
  // Sent at monotonic 1000 (wall 1000), the wall clock stepped back an hour,
  // received at monotonic 1100 (wall 1100 − 1 h). The server stamped 1050 on
  // a clock that agreed with ours before the step.
  clock.add(ClockExchange{1000, 1100, 1100 - kHour, 1050});
  REQUIRE(clock.best());
  CHECK(clock.best()->rtt_ms == 100);
  // Against the stepped wall clock the server is an hour ahead...
  CHECK(clock.offset_ms() == kHour);
  // ...so wall now + offset is still the server's time: at the receive, 1100.
  CHECK((1100 - kHour) + clock.offset_ms() == 1100);
}

TEST_CASE("clock offset: a sample taken before the wall clock stepped is re-based to it", "[net]") {
  ClockOffsetEstimator clock;
  const std::int64_t before = 1'700'000'000'000;                 // wall − monotonic before the step
  clock.add(exchange(1000, 1010, before + 1005 + 250, before));  // the server is 250 ms ahead
  REQUIRE(clock.offset_ms(before) == 250);
  // The wall clock is set back an hour; no new sample yet.
  const std::int64_t after = before - kHour;
  CHECK(clock.offset_ms(after) == 250 + kHour);
  // The server's time, wall now + offset, did not jump with the wall clock.
  const std::int64_t steady_now = 5000;
  CHECK((steady_now + after) + clock.offset_ms(after) == (steady_now + before) + clock.offset_ms(before));
  SECTION("a sample after the step agrees with the re-based one") {
    clock.add(exchange(6000, 6010, after + 6005 + 250 + kHour, after));
    CHECK(clock.offset_ms(after) == 250 + kHour);
    CHECK(clock.offset_ms() == 250 + kHour);
  }
}

TEST_CASE("clock offset: the lowest round trip among recent samples wins", "[net]") {
  ClockOffsetEstimator clock(4);
  clock.add(exchange(0, 400, 10'000));      // rtt 400, offset 9800
  clock.add(exchange(1000, 1010, 11'000));  // rtt 10, offset 9995
  clock.add(exchange(2000, 2300, 12'500));  // rtt 300, offset 10350
  CHECK(clock.offset_ms() == 9995);
  CHECK(clock.best()->rtt_ms == 10);
  SECTION("old samples fall out of the window") {
    clock.add(exchange(3000, 3200, 13'100));  // window: 10, 300, 200
    clock.add(exchange(4000, 4100, 14'050));  // window: 300, 200, 100 (the rtt-10 one leaves)
    clock.add(exchange(5000, 5150, 15'075));
    CHECK(clock.size() == 4);
    CHECK(clock.best()->rtt_ms == 100);
    CHECK(clock.offset_ms() == 10'000);
  }
  SECTION("on a tie the newer sample wins") {
    clock.add(exchange(5000, 5010, 15'100));
    CHECK(clock.offset_ms() == 10'095);
  }
  SECTION("reset forgets everything") {
    clock.reset();
    CHECK_FALSE(clock.best());
  }
}

TEST_CASE("clock offset: a receive before the send is ignored", "[net]") {
  ClockOffsetEstimator clock;
  clock.add(exchange(2000, 1000, 5000));
  CHECK_FALSE(clock.best());
}
