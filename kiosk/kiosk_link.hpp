#pragma once
// Where the kiosk's state comes from and where the diner's requests go: a
// net::KitchenLink (the kitchen server through the shared client, or a fake
// kitchen for --demo-state and tests), seen the way the kiosk's screens need
// it: a KioskState, and the few events a diner is told about.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/kiosk_state.hpp"
#include "shared/core/order.hpp"
#include "shared/net/client_state.hpp"
#include "shared/net/kitchen_link.hpp"

namespace hourglass::kiosk {

struct LinkEvent {
  enum class Kind { accepted, rejected, waiter_coming, failed, breach, complaint_sent, complaint_answered, survey_sent };
  Kind kind = Kind::accepted;
  std::string order_id;
  std::string message;
  std::string sold_out_item{};  // rejected: the sold-out dish that refused it
};

class KioskLink {
 public:
  explicit KioskLink(std::unique_ptr<net::KitchenLink> kitchen);

  // Brings `state` up to date; returns whether anything changed.
  bool refresh(KioskState& state);
  // What happened since the last call, oldest first.
  std::vector<LinkEvent> take_events();
  // Sends (or queues, while offline) an order; returns its order_id.
  std::string place_order(std::vector<core::LineRequest> lines, std::optional<int> party_size = std::nullopt);
  void rush(const std::string& order_id);
  void call_waiter();
  // Hold and fire: the held lines become a new round.
  void fire(std::vector<std::string> line_ids);
  // v1.1 feedback: "something is wrong" (optionally about one line), and
  // the survey at the end (a kiosk names its order).
  void complain(core::ComplaintCategory category, std::optional<std::string> line_id);
  void submit_survey(int score, std::optional<std::string> order_id);

 private:
  std::unique_ptr<net::KitchenLink> kitchen_;
  net::State net_state_;
  std::uint64_t seen_ = 0;
  std::uint64_t version_ = 1;  // ahead of a fresh KioskState, so the first refresh copies
  net::RequestId waiter_req_ = -1;
  net::RequestId survey_req_ = -1;
};

// A fake kitchen holding `initial`'s orders, on the clock `now_ms`: orders
// placed are accepted at once with the state's promise and judged at their
// deadlines by the core's rules; nothing is cooked. For --demo-state and tests.
std::unique_ptr<KioskLink> make_demo_link(const KioskState& initial, Mode mode, std::function<std::int64_t()> now_ms);

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
