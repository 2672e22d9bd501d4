#pragma once
// Where the kiosk's state comes from and where the diner's requests go: the
// kitchen server through the shared net client, or a built-in demo kitchen
// (--demo-state). The app only sees this interface.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/kiosk_state.hpp"
#include "shared/core/order.hpp"

namespace hourglass::kiosk {

struct LinkEvent {
  enum class Kind { accepted, rejected, waiter_coming, failed, breach };
  Kind kind = Kind::accepted;
  std::string order_id;
  std::string message;
};

class KioskLink {
 public:
  virtual ~KioskLink() = default;
  // Brings `state` up to date; returns whether anything changed.
  virtual bool refresh(KioskState& state) = 0;
  // What happened since the last call, oldest first.
  virtual std::vector<LinkEvent> take_events() = 0;
  // Sends (or queues, while offline) an order; returns its order_id.
  virtual std::string place_order(std::vector<core::LineRequest> lines, std::int64_t server_now_ms) = 0;
  virtual void rush(const std::string& order_id) = 0;
  virtual void call_waiter() = 0;
};

// A kitchen in memory: orders placed are accepted at once with the given
// state's promise; nothing is cooked. For --demo-state and tests.
std::unique_ptr<KioskLink> make_demo_link(KioskState initial);

struct NetLinkOptions {
  std::string server;  // host:port
  std::string token;
  Mode mode = Mode::table;
  std::string device = "hourglass-kiosk";
  std::string outbox_path;  // unacknowledged orders survive a restart here
  bool tls = false;
  std::string ca_file;  // with tls: the CA to trust; empty: the system's
};

// The real kitchen, through net::Client (its own thread). Throws
// std::runtime_error for a bad address or an unreadable outbox.
std::unique_ptr<KioskLink> make_net_link(const NetLinkOptions& options);

}  // namespace hourglass::kiosk
