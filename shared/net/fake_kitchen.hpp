#pragma once
// A kitchen in memory, for demo states, screenshots and UI tests: one
// device's view of a kitchen server, with no socket and no thread. Every
// request is checked and applied by the same core functions the server uses
// (role_may, make_order, check_* / mark_line / recall_line / comp_line, the
// promise verdict and the breach record), so a demo can never drift from
// the rules. Deadlines are evaluated whenever the screen looks
// (copy_if_changed), at the clock it was given.
//
// What it leaves out on purpose: storage, other devices and their pushes
// (a call_waiter is answered `ok`, the staff's notice goes nowhere), the
// round trip (replies are immediate), and idempotent resends (each
// place_order makes a new order).

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "shared/core/menu.hpp"
#include "shared/core/order.hpp"
#include "shared/core/promise.hpp"
#include "shared/core/protocol.hpp"
#include "shared/net/kitchen_link.hpp"

namespace hourglass::net {

struct FakeKitchenOptions {
  core::Role role = core::Role::kds;
  // The table the device sits at (role table); a kiosk's orders are the
  // counter's; staff see everything.
  std::string table;
  core::Menu menu;
  core::PromiseTerms promise;
  // The kitchen's clock (ms since the epoch). Required.
  std::function<std::int64_t()> now_ms;
  // The kitchen as it stands when the screen starts.
  std::vector<core::Order> orders;
  std::vector<core::BreachEntry> breaches;  // the breach log, oldest first
  std::vector<core::Order> history;         // closed orders, for get_history
  std::vector<core::Survey> surveys{};        // for get_feedback
  std::vector<core::Complaint> complaints{};  // open ones are told to staff as a welcome would
};

class FakeKitchen final : public KitchenLink {
 public:
  // Throws std::invalid_argument without a clock.
  explicit FakeKitchen(FakeKitchenOptions options);

  std::uint64_t version() const override;
  bool copy_if_changed(State& out, std::uint64_t& seen) const override;
  std::vector<Event> take_events() override;
  std::int64_t server_now_ms() const override;
  // 0: the fake kitchen runs on the clock it was given, the screen's own.
  std::int64_t clock_offset_ms() const override { return 0; }
  std::string place_order(std::vector<core::LineRequest> lines, std::optional<int> party_size = std::nullopt) override;
  RequestId request(core::ClientMessage message) override;

 private:
  struct Bump {
    core::LineState previous = core::LineState::queued;
    std::int64_t at_ms = 0;
  };
  struct Found {
    core::Order* order = nullptr;
    core::OrderLine* line = nullptr;
  };

  std::int64_t now() const;
  // Evaluates every order whose deadline has passed, as the server's timer would.
  void evaluate_due() const;
  bool may_see(const core::Order& order) const;
  std::optional<Found> find_line(const std::string& line_id);
  core::Order* find_order(const std::string& order_id);
  void changed() const;
  void reply(RequestId req, EventPayload payload);
  void refuse(RequestId req, core::ErrorCode code, std::string message);
  void refuse(RequestId req, const core::Error& error);
  std::string owned_table() const;

  void on(RequestId req, const core::Hello&);
  void on(RequestId req, const core::PlaceOrder&);
  void on(RequestId req, const core::CancelLine& m);
  void on(RequestId req, const core::MarkLine& m);
  void on(RequestId req, const core::Rush& m);
  void on(RequestId req, const core::CallWaiter&);
  void on(RequestId req, const core::CloseTable& m);
  void on(RequestId req, const core::GetBill& m);
  void on(RequestId req, const core::GetBreachLog& m);
  void on(RequestId req, const core::CompLine& m);
  void on(RequestId req, const core::Ping&);
  void on(RequestId req, const core::RecallLine& m);
  void on(RequestId req, const core::GetHistory& m);
  void on(RequestId req, const core::SetSoldOut& m);
  void on(RequestId req, const core::FireLines& m);
  void on(RequestId req, const core::Complain& m);
  void on(RequestId req, const core::ResolveComplaint& m);
  void on(RequestId req, const core::SubmitSurvey& m);
  void on(RequestId req, const core::GetFeedback& m);

  FakeKitchenOptions options_;
  // Mutable: looking at the kitchen evaluates the deadlines that passed, as
  // the server's timer would have.
  mutable State state_;
  mutable std::uint64_t version_ = 1;
  mutable std::vector<Event> events_;
  mutable std::vector<core::BreachEntry> breaches_;
  std::vector<core::Order> history_;
  std::vector<core::Survey> surveys_;
  std::int64_t next_complaint_id_ = 1;
  std::map<std::string, Bump> bumps_;  // line_id → this device's last bump
  std::int64_t next_seq_ = 1;
  std::int64_t next_order_id_ = 1;
  RequestId next_req_ = 1;
};

}  // namespace hourglass::net
