#include "shared/net/fake_kitchen.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "shared/core/breach_record.hpp"
#include "shared/core/permissions.hpp"

namespace hourglass::net {

using core::ErrorCode;

FakeKitchen::FakeKitchen(FakeKitchenOptions options) : options_(std::move(options)) {
  if (!options_.now_ms) throw std::invalid_argument("FakeKitchen needs a clock");
  core::Welcome welcome;
  welcome.server_time_ms = now();
  welcome.role = options_.role;
  if (options_.role == core::Role::table) welcome.table = options_.table;
  welcome.promise_s = options_.promise.seconds;
  welcome.policy = options_.promise.policy;
  welcome.features = {std::string(core::kFeatureSoldOut), std::string(core::kFeatureHoldFire)};
  state_.welcome = welcome;
  state_.menu = options_.menu;
  state_.connection.connected = true;
  state_.connection.synced = true;
  for (core::Order& order : options_.orders) {
    next_seq_ = std::max(next_seq_, order.seq + 1);
    if (!may_see(order)) continue;  // one device's view, as its snapshot would be
    if (order.status == core::OrderStatus::closed) {
      options_.history.push_back(std::move(order));
    } else {
      state_.orders[order.order_id] = std::move(order);
    }
  }
  for (const core::Order& order : options_.history) next_seq_ = std::max(next_seq_, order.seq + 1);
  breaches_ = std::move(options_.breaches);
  history_ = std::move(options_.history);
  options_.orders.clear();
  surveys_ = std::move(options_.surveys);
  for (core::Complaint& complaint : options_.complaints) {
    next_complaint_id_ = std::max(next_complaint_id_, complaint.complaint_id + 1);
    const bool staff = options_.role == core::Role::kds || options_.role == core::Role::manager;
    if (staff || complaint.table == owned_table()) state_.complaints[complaint.complaint_id] = std::move(complaint);
  }
  options_.complaints.clear();
}

std::int64_t FakeKitchen::now() const { return options_.now_ms(); }

std::int64_t FakeKitchen::server_now_ms() const { return now(); }

void FakeKitchen::changed() const { ++version_; }

void FakeKitchen::evaluate_due() const {
  const std::int64_t at = now();
  for (auto& [id, order] : state_.orders) {
    if (!core::is_due(order, at)) continue;
    const core::PromiseVerdict verdict = core::evaluate_promise(order);
    core::apply_verdict(order, verdict);
    if (verdict.breached) {
      core::BreachRecord record = core::make_breach_record(order, verdict, at);
      record.entry.breach_id = static_cast<std::int64_t>(breaches_.size()) + 1;
      breaches_.push_back(record.entry);
      state_.breaches.push_back(record.message);
      events_.push_back(Event{std::nullopt, std::move(record.message)});
    }
    changed();
  }
}

std::uint64_t FakeKitchen::version() const {
  evaluate_due();  // a deadline that passed is a change the screen must draw
  return version_;
}

bool FakeKitchen::copy_if_changed(State& out, std::uint64_t& seen) const {
  evaluate_due();
  if (seen == version_) return false;
  out = state_;
  seen = version_;
  return true;
}

std::vector<Event> FakeKitchen::take_events() {
  evaluate_due();
  return std::exchange(events_, {});
}

bool FakeKitchen::may_see(const core::Order& order) const {
  switch (options_.role) {
    case core::Role::table:
      return order.table == options_.table;
    case core::Role::kiosk:
      return order.table == core::kCounterTable;
    case core::Role::kds:
    case core::Role::manager:
      return true;
  }
  return false;
}

std::string FakeKitchen::owned_table() const {
  return options_.role == core::Role::table ? options_.table : std::string(core::kCounterTable);
}

void FakeKitchen::reply(RequestId req, EventPayload payload) { events_.push_back(Event{req, std::move(payload)}); }

void FakeKitchen::refuse(RequestId req, ErrorCode code, std::string message) {
  refuse(req, core::Error{code, std::move(message)});
}

void FakeKitchen::refuse(RequestId req, const core::Error& error) { reply(req, core::ErrorMessage{error}); }

core::Order* FakeKitchen::find_order(const std::string& order_id) {
  const auto it = state_.orders.find(order_id);
  return it == state_.orders.end() ? nullptr : &it->second;
}

std::optional<FakeKitchen::Found> FakeKitchen::find_line(const std::string& line_id) {
  for (auto& [id, order] : state_.orders) {
    if (core::OrderLine* line = order.find_line(line_id)) return Found{&order, line};
  }
  return std::nullopt;
}

std::string FakeKitchen::place_order(std::vector<core::LineRequest> lines, std::optional<int> party_size) {
  evaluate_due();
  const RequestId req = next_req_++;
  const std::string order_id = fmt::format("fake-{}", next_order_id_++);
  if (!core::role_may(options_.role, core::Request::place_order)) {
    reply(req, OrderRejected{order_id, core::Error{ErrorCode::forbidden, "this device may not place orders"}});
    return order_id;
  }
  for (const core::LineRequest& line : lines) {
    const core::MenuItem* item = options_.menu.find(line.item);
    if (item != nullptr && item->sold_out) {
      reply(req, OrderRejected{order_id, core::Error{ErrorCode::sold_out, item->name.en + " is sold out", item->id}});
      return order_id;
    }
  }
  auto made = core::make_order(order_id, lines, options_.menu, next_seq_, owned_table(), now(), options_.promise);
  if (!made) {
    reply(req, OrderRejected{order_id, made.error()});
    return order_id;
  }
  made.value().party_size = party_size;
  ++next_seq_;
  state_.orders[order_id] = made.value();
  reply(req, OrderAccepted{std::move(made.value())});
  changed();
  return order_id;
}

RequestId FakeKitchen::request(core::ClientMessage message) {
  evaluate_due();
  const RequestId req = next_req_++;
  const core::Request kind = core::request_of(message);
  if (!core::role_may(options_.role, kind)) {
    refuse(req, ErrorCode::forbidden,
           fmt::format("a {} may not {}", core::to_string(options_.role), core::to_string(kind)));
    return req;
  }
  std::visit([&](const auto& m) { on(req, m); }, message);
  return req;
}

void FakeKitchen::on(RequestId req, const core::Hello&) {
  reply(req, RequestFailed{"hello is said by the connection, not as a request"});
}

void FakeKitchen::on(RequestId req, const core::PlaceOrder&) {
  reply(req, RequestFailed{"orders are placed with place_order"});
}

void FakeKitchen::on(RequestId req, const core::CancelLine& m) {
  const auto found = find_line(m.line_id);
  if (!found) return refuse(req, ErrorCode::not_found, "no such line");
  if (!may_see(*found->order)) return refuse(req, ErrorCode::forbidden, "not your order");
  if (auto error = core::check_cancel_line(*found->order, *found->line, options_.role)) return refuse(req, *error);
  core::cancel_line(*found->order, *found->line, now());
  changed();
}

void FakeKitchen::on(RequestId req, const core::MarkLine& m) {
  const auto found = find_line(m.line_id);
  if (!found) return refuse(req, ErrorCode::not_found, "no such line");
  if (auto error = core::check_mark_line(*found->order, *found->line, m.state)) return refuse(req, *error);
  bumps_[m.line_id] = Bump{found->line->state, now()};
  core::mark_line(*found->order, *found->line, m.state, now());
  changed();
}

void FakeKitchen::on(RequestId req, const core::RecallLine& m) {
  const auto found = find_line(m.line_id);
  if (!found) return refuse(req, ErrorCode::not_found, "no such line");
  const auto bump = bumps_.find(m.line_id);
  if (bump == bumps_.end() || !core::within_recall_window(bump->second.at_ms, now())) {
    return refuse(req, ErrorCode::conflict,
                  "only this screen's last bump of the line, within a minute, can be recalled");
  }
  if (auto error = core::check_recall_line(*found->order, *found->line, bump->second.previous)) {
    return refuse(req, *error);
  }
  core::recall_line(*found->order, *found->line, bump->second.previous);
  bumps_.erase(bump);
  changed();
}

void FakeKitchen::on(RequestId req, const core::Rush& m) {
  core::Order* order = find_order(m.order_id);
  if (order == nullptr) return refuse(req, ErrorCode::not_found, "no such order");
  if (!may_see(*order)) return refuse(req, ErrorCode::forbidden, "not your order");
  if (auto error = core::check_order_open_for_change(*order)) return refuse(req, *error);
  order->rushed = true;
  changed();
}

void FakeKitchen::on(RequestId req, const core::CallWaiter&) { reply(req, core::Ok{}); }

void FakeKitchen::on(RequestId req, const core::CloseTable& m) {
  if (m.table == core::kCounterTable && !m.order_id) {
    return refuse(req, ErrorCode::bad_request, "order_id: a counter order is closed one at a time");
  }
  std::vector<core::Order> closed;
  for (auto it = state_.orders.begin(); it != state_.orders.end();) {
    core::Order& order = it->second;
    const bool match = order.table == m.table && (!m.order_id || order.order_id == *m.order_id);
    if (!match) {
      ++it;
      continue;
    }
    order.status = core::OrderStatus::closed;
    for (const core::OrderLine& line : order.lines) bumps_.erase(line.line_id);
    history_.push_back(order);
    state_.closed.push_back(order);
    closed.push_back(std::move(order));
    it = state_.orders.erase(it);
  }
  reply(req, core::BillMessage{core::make_bill(m.table, std::move(closed))});
  changed();
}

void FakeKitchen::on(RequestId req, const core::GetBill& m) {
  const bool staff = core::is_staff(options_.role);
  if (!staff && m.table && *m.table != owned_table()) {
    return refuse(req, ErrorCode::forbidden, "a diner sees their own bill only");
  }
  if (staff && !m.table && !m.order_id)
    return refuse(req, ErrorCode::bad_request, "table: name the table (or order_id)");
  const std::string table = m.table.value_or(owned_table());
  std::vector<core::Order> orders;
  for (const auto& [id, order] : state_.orders) {
    if (m.order_id ? order.order_id == *m.order_id && may_see(order) : order.table == table) orders.push_back(order);
  }
  reply(req, core::BillMessage{core::make_bill(table, std::move(orders))});
}

void FakeKitchen::on(RequestId req, const core::GetBreachLog& m) {
  core::BreachLog log;
  for (const core::BreachEntry& entry : breaches_) {
    if (m.since_ms && entry.at_ms < *m.since_ms) continue;
    if (m.until_ms && entry.at_ms >= *m.until_ms) continue;
    if (m.table && entry.table != *m.table) continue;
    log.entries.push_back(entry);
  }
  reply(req, std::move(log));
}

void FakeKitchen::on(RequestId req, const core::CompLine& m) {
  const auto found = find_line(m.line_id);
  if (!found) return refuse(req, ErrorCode::not_found, "no such line");
  if (auto error = core::check_comp_line(*found->order, *found->line)) return refuse(req, *error);
  core::comp_line(*found->order, *found->line);
  changed();
}

void FakeKitchen::on(RequestId req, const core::Ping&) { reply(req, core::Ok{}); }

void FakeKitchen::on(RequestId req, const core::GetHistory& m) {
  core::History history;
  auto in_period = [&](const core::Order& order) {
    return (!m.since_ms || order.accepted_at_ms >= *m.since_ms) && (!m.until_ms || order.accepted_at_ms < *m.until_ms);
  };
  for (const core::Order& order : history_) {
    if (in_period(order)) history.orders.push_back(order);
  }
  for (const auto& [id, order] : state_.orders) {
    if (in_period(order)) history.orders.push_back(order);
  }
  std::sort(history.orders.begin(), history.orders.end(),
            [](const core::Order& a, const core::Order& b) { return a.seq < b.seq; });
  reply(req, std::move(history));
}

void FakeKitchen::on(RequestId req, const core::SetSoldOut& m) {
  core::MenuItem* item = options_.menu.find(m.item);
  if (item == nullptr) return refuse(req, ErrorCode::not_found, "no such dish");
  item->sold_out = m.sold_out;
  state_.menu = options_.menu;
  reply(req, core::Ok{});
  changed();
}

void FakeKitchen::on(RequestId req, const core::FireLines& m) {
  if (find_order(m.order_id) != nullptr) return refuse(req, ErrorCode::conflict, "this order_id is taken");
  std::vector<Found> found_lines;
  for (const std::string& line_id : m.line_ids) {
    const auto found = find_line(line_id);
    if (!found) return refuse(req, ErrorCode::not_found, "no such line");
    if (!may_see(*found->order)) return refuse(req, ErrorCode::forbidden, "not your order");
    if (auto error = core::check_fire_line(*found->order, *found->line)) return refuse(req, *error);
    if (!found_lines.empty() && found_lines.front().order->table != found->order->table) {
      return refuse(req, ErrorCode::bad_request, "line_ids: the lines of one table at a time");
    }
    found_lines.push_back(*found);
  }
  std::vector<core::FiredLine> fired;
  for (const Found& found : found_lines) fired.push_back(core::FiredLine{found.order, found.line});
  core::Order round = core::make_fired_round(m.order_id, fired, next_seq_++, found_lines.front().order->table, now(),
                                             options_.promise);
  for (const Found& found : found_lines) core::fire_line(*found.order, *found.line);
  state_.orders[round.order_id] = round;
  reply(req, core::Ok{});  // the new round is in the state, as the server's reply would put it
  changed();
}

}  // namespace hourglass::net

namespace hourglass::net {

void FakeKitchen::on(RequestId req, const core::Complain& m) {
  core::Complaint complaint;
  complaint.complaint_id = next_complaint_id_++;
  complaint.table = owned_table();
  complaint.category = m.category;
  complaint.line_id = m.line_id;
  complaint.note = m.note;
  complaint.at_ms = now();
  if (m.line_id) {
    const auto found = find_line(*m.line_id);
    if (!found || !may_see(*found->order)) return refuse(req, ErrorCode::not_found, "no such line on your orders");
    complaint.item = found->line->item;
    complaint.station = found->line->station;
  }
  state_.complaints[complaint.complaint_id] = complaint;
  reply(req, core::ComplaintMessage{complaint});
  changed();
}

void FakeKitchen::on(RequestId req, const core::ResolveComplaint& m) {
  const auto it = state_.complaints.find(m.complaint_id);
  if (it == state_.complaints.end()) return refuse(req, ErrorCode::not_found, "no such complaint");
  if (it->second.status == core::ComplaintStatus::resolved) {
    return refuse(req, ErrorCode::conflict, "this complaint is already resolved");
  }
  it->second.status = core::ComplaintStatus::resolved;
  it->second.resolution = m.resolution;
  it->second.resolution_note = m.note;
  it->second.resolved_at_ms = now();
  reply(req, core::ComplaintMessage{it->second});
  changed();
}

void FakeKitchen::on(RequestId req, const core::SubmitSurvey& m) {
  core::Survey survey{owned_table(), m.score, m.reasons, m.note, now(), false, m.order_id};
  for (const auto& [id, order] : state_.orders) survey.breached = survey.breached || order.broke_promise();
  surveys_.push_back(std::move(survey));
  reply(req, core::Ok{});
}

void FakeKitchen::on(RequestId req, const core::GetFeedback& m) {
  const auto in_period = [&](std::int64_t at_ms) {
    return (!m.since_ms || at_ms >= *m.since_ms) && (!m.until_ms || at_ms < *m.until_ms);
  };
  core::Feedback feedback;
  for (const core::Survey& survey : surveys_) {
    if (in_period(survey.at_ms)) feedback.surveys.push_back(survey);
  }
  for (const auto& [id, complaint] : state_.complaints) {
    if (in_period(complaint.at_ms)) feedback.complaints.push_back(complaint);
  }
  feedback.nps = core::net_promoter_score(feedback.surveys);
  reply(req, std::move(feedback));
}

}  // namespace hourglass::net
