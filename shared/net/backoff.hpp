#pragma once
// The reconnect schedule: pure, so tests can check it without sockets or
// clocks. The randomness comes in as an argument for the same reason.

#include <chrono>
#include <cstdint>

namespace hourglass::net {

struct BackoffOptions {
  std::chrono::milliseconds initial{200};
  std::chrono::milliseconds max{5000};
  double factor = 2.0;
  // Each delay is scaled by a factor in [1 - jitter, 1 + jitter] so a room
  // full of tablets does not reconnect in lockstep after a server restart.
  double jitter = 0.2;
};

class Backoff {
 public:
  explicit Backoff(BackoffOptions options = {});

  // The delay before the next attempt; `unit_random` is uniform in [0, 1).
  // Never above options.max (jitter included), never below 1 ms.
  std::chrono::milliseconds next(double unit_random);
  // After a successful handshake: the next delay starts from `initial`.
  void reset() { attempt_ = 0; }
  int attempts() const { return attempt_; }

 private:
  BackoffOptions options_;
  int attempt_ = 0;
};

}  // namespace hourglass::net
