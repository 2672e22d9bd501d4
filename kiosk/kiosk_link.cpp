#include "kiosk/kiosk_link.hpp"

#include <spdlog/spdlog.h>

#include <stdexcept>
#include <utility>

#include "shared/net/client.hpp"
#include "shared/net/fake_kitchen.hpp"

namespace hourglass::kiosk {

KioskLink::KioskLink(std::unique_ptr<net::KitchenLink> kitchen) : kitchen_(std::move(kitchen)) {}

bool KioskLink::refresh(KioskState& state) {
  if (kitchen_->copy_if_changed(net_state_, seen_)) ++version_;
  const std::int64_t offset = kitchen_->clock_offset_ms();
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
    state.default_promise = core::PromiseTerms{net_state_.welcome->promise_s, net_state_.welcome->policy};
    state.promise = state.default_promise;
    state.rules = net_state_.welcome->rules;
    state.timezone = net_state_.welcome->timezone;
  }
  state.complaints.clear();
  for (const auto& [id, complaint] : net_state_.complaints) state.complaints.push_back(complaint);
  if (net_state_.menu) state.menu = *net_state_.menu;
  if (net_state_.kitchen_load) state.kitchen_wait_s = net_state_.kitchen_load->wait_s;
  state.orders.clear();
  for (const auto& [id, order] : net_state_.orders) state.orders.push_back(order);
  state.pending.clear();
  for (const net::PendingOrder& pending : net_state_.outbox) {
    state.pending.push_back(PendingRound{pending.order_id, pending.lines});
  }
  return true;
}

std::vector<LinkEvent> KioskLink::take_events() {
  std::vector<LinkEvent> events;
  for (net::Event& event : kitchen_->take_events()) {
    if (auto* accepted = std::get_if<net::OrderAccepted>(&event.payload)) {
      events.push_back(LinkEvent{LinkEvent::Kind::accepted, accepted->order.order_id, {}});
    } else if (auto* rejected = std::get_if<net::OrderRejected>(&event.payload)) {
      events.push_back(LinkEvent{LinkEvent::Kind::rejected, rejected->order_id, rejected->error.message,
                                 rejected->error.code == core::ErrorCode::sold_out
                                     ? rejected->error.item.value_or(std::string())
                                     : std::string()});
    } else if (std::holds_alternative<core::Ok>(event.payload)) {
      if (event.req && *event.req == waiter_req_) events.push_back(LinkEvent{LinkEvent::Kind::waiter_coming, {}, {}});
      if (event.req && *event.req == survey_req_) events.push_back(LinkEvent{LinkEvent::Kind::survey_sent, {}, {}});
    } else if (auto* complaint = std::get_if<core::ComplaintMessage>(&event.payload)) {
      const bool answered = complaint->complaint.status == core::ComplaintStatus::resolved;
      events.push_back(LinkEvent{answered ? LinkEvent::Kind::complaint_answered : LinkEvent::Kind::complaint_sent, {},
                                 std::string(core::to_string(complaint->complaint.category))});
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

std::string KioskLink::place_order(std::vector<core::LineRequest> lines, std::optional<int> party_size) {
  return kitchen_->place_order(std::move(lines), party_size);
}

void KioskLink::complain(core::ComplaintCategory category, std::optional<std::string> line_id) {
  kitchen_->request(core::Complain{category, std::move(line_id), ""});
}

void KioskLink::submit_survey(int score, std::optional<std::string> order_id) {
  survey_req_ = kitchen_->request(core::SubmitSurvey{score, {}, "", std::move(order_id)});
}

void KioskLink::rush(const std::string& order_id) { kitchen_->request(core::ClientMessage{core::Rush{order_id}}); }

void KioskLink::fire(std::vector<std::string> line_ids) {
  kitchen_->request(core::ClientMessage{core::FireLines{std::move(line_ids), net::new_order_id()}});
}

void KioskLink::call_waiter() { waiter_req_ = kitchen_->request(core::ClientMessage{core::CallWaiter{}}); }

std::unique_ptr<KioskLink> make_demo_link(const KioskState& initial, Mode mode, std::function<std::int64_t()> now_ms) {
  net::FakeKitchenOptions kitchen;
  kitchen.role = mode == Mode::counter ? core::Role::kiosk : core::Role::table;
  kitchen.table = initial.table;
  kitchen.menu = initial.menu;
  kitchen.promise = initial.promise;
  kitchen.now_ms = std::move(now_ms);
  kitchen.orders = initial.orders;
  return std::make_unique<KioskLink>(std::make_unique<net::FakeKitchen>(std::move(kitchen)));
}

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
  return std::make_unique<KioskLink>(std::make_unique<net::Client>(std::move(net_options)));
}

}  // namespace hourglass::kiosk
