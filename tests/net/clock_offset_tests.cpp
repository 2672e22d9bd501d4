#include <catch2/catch.hpp>

#include "shared/net/clock_offset.hpp"

using hourglass::net::ClockOffsetEstimator;

TEST_CASE("clock offset: nothing before the first sample", "[net]") {
  ClockOffsetEstimator clock;
  CHECK_FALSE(clock.best());
  CHECK(clock.offset_ms() == 0);
}

TEST_CASE("clock offset: server time minus the midpoint of send and receive", "[net]") {
  ClockOffsetEstimator clock;
  // Sent at 1000, received at 1100 local; the server stamped 5050: the
  // server is 4000 ms ahead if the stamp was taken halfway.
  clock.add(1000, 1100, 5050);
  REQUIRE(clock.best());
  CHECK(clock.best()->offset_ms == 4000);
  CHECK(clock.best()->rtt_ms == 100);
  SECTION("a server behind us gives a negative offset") {
    ClockOffsetEstimator behind;
    behind.add(10'000, 10'010, 7'005);
    CHECK(behind.offset_ms() == -3000);
  }
}

TEST_CASE("clock offset: the lowest round trip among recent samples wins", "[net]") {
  ClockOffsetEstimator clock(4);
  clock.add(0, 400, 10'000);      // rtt 400, offset 9800
  clock.add(1000, 1010, 11'000);  // rtt 10, offset 9995
  clock.add(2000, 2300, 12'500);  // rtt 300, offset 10350
  CHECK(clock.offset_ms() == 9995);
  CHECK(clock.best()->rtt_ms == 10);
  SECTION("old samples fall out of the window") {
    clock.add(3000, 3200, 13'100);  // window: 10, 300, 200
    clock.add(4000, 4100, 14'050);  // window: 300, 200, 100 (the rtt-10 one leaves)
    clock.add(5000, 5150, 15'075);
    CHECK(clock.size() == 4);
    CHECK(clock.best()->rtt_ms == 100);
    CHECK(clock.offset_ms() == 10'000);
  }
  SECTION("on a tie the newer sample wins") {
    clock.add(5000, 5010, 15'100);
    CHECK(clock.offset_ms() == 10'095);
  }
  SECTION("reset forgets everything") {
    clock.reset();
    CHECK_FALSE(clock.best());
  }
}

TEST_CASE("clock offset: a receive before the send is ignored", "[net]") {
  ClockOffsetEstimator clock;
  clock.add(2000, 1000, 5000);
  CHECK_FALSE(clock.best());
}
