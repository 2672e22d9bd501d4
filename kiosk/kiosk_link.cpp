#include "kiosk/kiosk_link.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "shared/core/promise.hpp"
#include "shared/net/client.hpp"

namespace hourglass::kiosk {

namespace {

class DemoLink final : public KioskLink {
 public:
  explicit DemoLink(KioskState state) : state_(std::move(state)) {
    for (const core::Order& order : state_.orders) next_seq_ = std::max(next_seq_, order.seq + 1);
    state_.version = 1;
  }

  bool refresh(KioskState& state) override {
    if (state.version == state_.version) return false;
    state = state_;
    return true;
  }

  std::vector<LinkEvent> take_events() override { return std::exchange(events_, {}); }

  std::string place_order(std::vector<core::LineRequest> lines, std::int64_t server_now_ms) override {
    const std::string order_id = "demo-" + std::to_string(next_seq_);
    auto order =
        core::make_order(order_id, lines, state_.menu, next_seq_++, state_.table, server_now_ms, state_.promise);
    if (!order) {
      events_.push_back(LinkEvent{LinkEvent::Kind::rejected, order_id, order.error().message});
      return order_id;
    }
    state_.orders.push_back(std::move(order.value()));
    events_.push_back(LinkEvent{LinkEvent::Kind::accepted, order_id, {}});
    ++state_.version;
    return order_id;
  }

  void rush(const std::string& order_id) override {
    for (core::Order& order : state_.orders) {
      if (order.order_id == order_id) order.rushed = true;
    }
    ++state_.version;
  }

  void call_waiter() override { events_.push_back(LinkEvent{LinkEvent::Kind::waiter_coming, {}, {}}); }

 private:
  KioskState state_;
  std::vector<LinkEvent> events_;
  std::int64_t next_seq_ = 1;
};

class NetLink final : public KioskLink {
 public:
  explicit NetLink(net::Options options) : client_(std::move(options)) {}

  bool refresh(KioskState& state) override {
    if (client_.copy_if_changed(net_state_, seen_)) ++version_;
    const std::int64_t offset = client_.clock_offset_ms();
    if (state.version == version_ && offset == state.clock_offset_ms) return false;
    state.clock_offset_ms = offset;
    if (state.version == version_) return true;
    state.version = version_;
    const net::ConnectionState& connection = net_state_.connection;
    state.connected = connection.connected;
    state.offline_since_ms = connection.offline_since_ms;
    state.fatal_error = connection.fatal ? connection.fatal->message : std::string();
    if (net_state_.welcome) {
      state.has_welcome = true;
      state.table = net_state_.welcome->table.value_or(std::string(core::kCounterTable));
      state.promise.seconds = net_state_.welcome->promise_s;
      state.promise.policy = net_state_.welcome->policy;
    }
    if (net_state_.menu) state.menu = *net_state_.menu;
    state.orders.clear();
    for (const auto& [id, order] : net_state_.orders) state.orders.push_back(order);
    state.pending_order_ids.clear();
    for (const net::PendingOrder& pending : net_state_.outbox) state.pending_order_ids.push_back(pending.order_id);
    return true;
  }

  std::vector<LinkEvent> take_events() override {
    std::vector<LinkEvent> events;
    for (net::Event& event : client_.take_events()) {
      if (auto* accepted = std::get_if<net::OrderAccepted>(&event.payload)) {
        events.push_back(LinkEvent{LinkEvent::Kind::accepted, accepted->order.order_id, {}});
      } else if (auto* rejected = std::get_if<net::OrderRejected>(&event.payload)) {
        events.push_back(LinkEvent{LinkEvent::Kind::rejected, rejected->order_id, rejected->error.message});
      } else if (std::holds_alternative<core::Ok>(event.payload)) {
        if (event.req && *event.req == waiter_req_) events.push_back(LinkEvent{LinkEvent::Kind::waiter_coming, {}, {}});
      } else if (auto* failed = std::get_if<net::RequestFailed>(&event.payload)) {
        events.push_back(LinkEvent{LinkEvent::Kind::failed, {}, failed->reason});
      } else if (auto* error = std::get_if<core::ErrorMessage>(&event.payload)) {
        events.push_back(LinkEvent{LinkEvent::Kind::failed, {}, error->error.message});
      } else if (auto* breach = std::get_if<core::BreachMessage>(&event.payload)) {
        events.push_back(LinkEvent{LinkEvent::Kind::breach, breach->order_id, {}});
      }
    }
    return events;
  }

  std::string place_order(std::vector<core::LineRequest> lines, std::int64_t) override {
    return client_.place_order(std::move(lines));
  }

  void rush(const std::string& order_id) override {
    core::ClientMessage message = core::Rush{order_id};
    client_.request(std::move(message));
  }

  void call_waiter() override {
    core::ClientMessage message = core::CallWaiter{};
    waiter_req_ = client_.request(std::move(message));
  }

 private:
  net::Client client_;
  net::State net_state_;
  std::uint64_t seen_ = 0;
  std::uint64_t version_ = 1;  // ahead of a fresh KioskState, so the first refresh copies
  net::RequestId waiter_req_ = -1;
};

}  // namespace

std::unique_ptr<KioskLink> make_demo_link(KioskState initial) { return std::make_unique<DemoLink>(std::move(initial)); }

std::unique_ptr<KioskLink> make_net_link(const NetLinkOptions& options) {
  auto address = net::parse_server_address(options.server);
  if (!address) throw std::runtime_error("--server " + options.server + ": " + address.error());
  net::Options net_options;
  net_options.host = address->host;
  net_options.port = address->port;
  net_options.role = options.mode == Mode::counter ? core::Role::kiosk : core::Role::table;
  net_options.token = options.token;
  net_options.device = options.device;
  net_options.outbox_path = options.outbox_path;
  net_options.tls = options.tls;
  net_options.ca_file = options.ca_file;
  return std::make_unique<NetLink>(std::move(net_options));
}

}  // namespace hourglass::kiosk
