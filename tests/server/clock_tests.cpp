// SlewedClock with its two sources injected: the "system" time is stepped an
// hour either way, as an NTP correction or `date -s` would, and the clock must
// neither jump nor go back, and must slew at the documented rate.

#include <catch2/catch.hpp>
#include <vector>

#include "kitchen/server/clock.hpp"

using hourglass::kitchen::Clock;
using hourglass::kitchen::ManualClock;
using hourglass::kitchen::SlewedClock;

namespace {

constexpr std::int64_t kStart = 1'763'800'000'000;  // a wall time, ms
constexpr std::int64_t kHour = 3'600'000;

// The two sources: monotonic time and a system time that can be stepped.
struct Sources {
  std::int64_t steady = 42;
  std::int64_t system = kStart;
  void advance(std::int64_t ms) {
    steady += ms;
    system += ms;
  }
  SlewedClock clock() {
    return SlewedClock([this] { return system; }, [this] { return steady; });
  }
};

}  // namespace

TEST_CASE("slewed clock: without steps it is the system time", "[server]") {
  Sources s;
  SlewedClock clock = s.clock();
  CHECK(clock.now_ms() == kStart);
  for (int i = 0; i < 100; ++i) {
    s.advance(37);
    CHECK(clock.now_ms() == s.system);
  }
  CHECK(clock.offset_ms() == 0);
}

TEST_CASE("slewed clock: an hour's step either way neither jumps nor goes back, and slews at 1/2000", "[server]") {
  const std::int64_t step = GENERATE(values<std::int64_t>({kHour, -kHour}));
  const std::int64_t read_every_ms = GENERATE(1, 7, 1'000);
  CAPTURE(step, read_every_ms);
  Sources s;
  SlewedClock clock = s.clock();
  std::vector<std::int64_t> steps_seen;
  clock.on_step([&](std::int64_t offset) { steps_seen.push_back(offset); });
  s.advance(5'000);
  REQUIRE(clock.now_ms() == kStart + 5'000);

  s.system += step;
  s.advance(read_every_ms);
  const std::int64_t first = clock.now_ms();
  // No jump: the step is not taken, only the time that passed (and at most
  // its 2000th of correction).
  CHECK(first - (kStart + 5'000) >= read_every_ms - (read_every_ms + 1'999) / 2'000);
  CHECK(first - (kStart + 5'000) <= read_every_ms + (read_every_ms + 1'999) / 2'000);
  REQUIRE(steps_seen.size() == 1);
  CHECK(std::abs(steps_seen[0] - step) <= 1);

  // 2000 s of monotonic time: never backwards, and the correction is 1 ms
  // per 2000 ms, so 1000 ms of it by the end (to within the 1 ms carried).
  const std::int64_t origin_steady = s.steady - read_every_ms;
  const std::int64_t origin = kStart + 5'000;
  std::int64_t last = first;
  bool never_back = true;
  while (s.steady - origin_steady < 2'000'000) {
    s.advance(read_every_ms);
    const std::int64_t now = clock.now_ms();
    if (now < last) never_back = false;
    last = now;
  }
  CHECK(never_back);
  const std::int64_t elapsed = s.steady - origin_steady;
  const std::int64_t corrected = last - origin - elapsed;
  const std::int64_t expected = (step > 0 ? 1 : -1) * elapsed / SlewedClock::kSlewDivisor;
  CHECK(std::abs(corrected - expected) <= 1);
  CHECK(clock.offset_ms() == step - corrected);
  CHECK(steps_seen.size() == 1);  // slewing is not a step
}

TEST_CASE("slewed clock: a small offset converges, then the clock follows the system time exactly", "[server]") {
  const std::int64_t drift = GENERATE(5, -5);
  Sources s;
  SlewedClock clock = s.clock();
  s.system += drift;
  // 5 ms at 1 ms per 2000 ms: in step after 10 s, not before.
  std::int64_t last = clock.now_ms();
  for (int i = 0; i < 9'999; ++i) {
    s.advance(1);
    const std::int64_t now = clock.now_ms();
    REQUIRE(now >= last);
    last = now;
  }
  CHECK(clock.offset_ms() != 0);
  s.advance(1);
  CHECK(clock.now_ms() == s.system);
  CHECK(clock.offset_ms() == 0);
  for (int i = 0; i < 10; ++i) {
    s.advance(250);
    CHECK(clock.now_ms() == s.system);
  }
}

TEST_CASE("slewed clock: calm time earns no credit to absorb a later step at once", "[server]") {
  Sources s;
  SlewedClock clock = s.clock();
  s.advance(kHour);  // an hour in step
  CHECK(clock.now_ms() == s.system);
  const std::int64_t before = clock.now_ms();
  s.system += kHour;
  s.advance(1);
  CHECK(clock.now_ms() - before <= 1);
}

TEST_CASE("slewed clock: a monotonic source that goes back stops the clock, never reverses it", "[server]") {
  Sources s;
  SlewedClock clock = s.clock();
  s.advance(1'000);
  const std::int64_t at = clock.now_ms();
  s.steady -= 500;
  CHECK(clock.now_ms() == at);
  s.steady += 700;
  CHECK(clock.now_ms() == at + 200);
}

TEST_CASE("slewed clock: the real sources read the system time at construction", "[server]") {
  SlewedClock clock;
  using namespace std::chrono;
  const std::int64_t system = duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  const std::int64_t now = clock.now_ms();
  CHECK(std::abs(now - system) < 60'000);
  CHECK(clock.now_ms() >= now);
}

TEST_CASE("manual clock: set and advance, through the Clock interface", "[server]") {
  ManualClock manual{1'000};
  const Clock& clock = manual;
  CHECK(clock.now_ms() == 1'000);
  manual.advance(250);
  CHECK(clock.now_ms() == 1'250);
  manual.set(10);
  CHECK(clock.now_ms() == 10);
}
