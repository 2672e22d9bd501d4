#pragma once
// What a broken promise leaves behind, built from the verdict in one place:
// the breach log entry the server stores, the `breach` message it pushes,
// and which lines were late. The server only stores and sends these.

#include <cstdint>
#include <string>
#include <vector>

#include "shared/core/order.hpp"
#include "shared/core/promise.hpp"
#include "shared/core/protocol.hpp"

namespace hourglass::core {

struct BreachRecord {
  BreachEntry entry;                       // breach_id is left 0: storage assigns it
  BreachMessage message;                   // the push, to everyone who may see the order
  std::vector<std::string> late_line_ids;  // in the order of entry.late_lines
};

// `order` as the verdict left it (apply_verdict already called), `verdict`
// breached, `at_ms` the server time of the evaluation.
BreachRecord make_breach_record(const Order& order, const PromiseVerdict& verdict, std::int64_t at_ms);

}  // namespace hourglass::core
