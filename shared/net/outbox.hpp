#pragma once
// The unacknowledged orders on disk, so a program restarted before the
// server acknowledged an order resends it with the same order_id.
// Format: {"version":1,"orders":[{"order_id":…,"created_ms":…,
// "lines":[{"item":…,"qty":…,"note":…}]}]}, replaced atomically (write a
// temporary file, flush it to disk, rename it over the old one).

#include <string>
#include <vector>

#include "shared/core/result.hpp"
#include "shared/net/client_state.hpp"

namespace hourglass::net {

std::string encode_outbox(const std::vector<PendingOrder>& orders);
core::Result<std::vector<PendingOrder>, std::string> decode_outbox(const std::string& text);

// A missing file is an empty outbox; an unreadable or malformed one is an
// error (never silently an empty outbox).
core::Result<std::vector<PendingOrder>, std::string> load_outbox(const std::string& path);
core::Result<core::Done, std::string> save_outbox(const std::string& path, const std::vector<PendingOrder>& orders);

}  // namespace hourglass::net
