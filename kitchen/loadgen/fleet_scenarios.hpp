#pragma once
// The load generator's fleet scenarios (docs/benchmarks.md), each on a
// server it starts itself:
//   ramp: 1,000 tablets and 10 kitchen displays, every device pinging every
//     3 s as the real client does, while the order rate rises step by step
//     until accept p99 passes the limit (twice in a row at one rate): the
//     sustained durable orders/s.
//   devices: 10,000 connected devices, idle but pinging, while 100 of them
//     order: the server's memory per connection and the accept latency.

#include "kitchen/bench/machine_limits.hpp"
#include "kitchen/loadgen/spawned_server.hpp"

namespace hourglass::loadgen {

struct RampOptions {
  int tablets = 1000;
  int displays = 10;
  double start_rate = 100;  // orders/s of the first step
  double factor = 1.25;     // each step's rate over the one before
  double max_rate = 20000;
  double step_s = 5;
  double accept_p99_limit_ms = 5;
};

struct DevicesOptions {
  int devices = 10000;  // of them `displays` kitchen displays, the rest tablets
  int displays = 10;
  int ordering = 100;           // tablets that order
  double order_every_s = 2;     // each ordering tablet
  double seconds = 30;
};

// Both print a progress line per step and then a markdown table.
void run_ramp(const ServerPlan& server, const RampOptions& options, const bench::Latency& sqlite,
              const bench::Latency& tcp);
void run_devices(const ServerPlan& server, const DevicesOptions& options, const bench::Latency& tcp);

}  // namespace hourglass::loadgen
