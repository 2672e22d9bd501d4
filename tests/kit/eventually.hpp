#pragma once
// Waiting without timed assertions: poll a condition until it holds or a
// generous limit passes. The limit only bounds a broken run; a passing test
// never depends on it.

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

namespace hourglass::test {

using namespace std::chrono_literals;
using Ms = std::chrono::milliseconds;

// Polls `predicate` until it holds or `timeout` passes; returns its last value.
bool eventually(const std::function<bool()>& predicate, Ms timeout = 10s);

// The wall clock and the monotonic clock, in ms (for injecting and comparing).
std::int64_t wall_ms();
std::int64_t steady_ms();

// prefix-<pid>-<n>: unique within this test run.
std::string unique_id(const std::string& prefix);

}  // namespace hourglass::test
