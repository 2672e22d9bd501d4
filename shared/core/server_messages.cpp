// Server messages: encoding (the server's side) and decode-and-validate
// (every client's side), one function per message type.
#include <fmt/format.h>

#include <functional>
#include <map>

#include "shared/core/codec_detail.hpp"
#include "shared/core/menu.hpp"

namespace hourglass::core {

namespace {

using namespace codec;

struct ServerTypeName {
  std::string_view operator()(const Welcome&) const { return "welcome"; }
  std::string_view operator()(const MenuMessage&) const { return "menu"; }
  std::string_view operator()(const Snapshot&) const { return "snapshot"; }
  std::string_view operator()(const OrderMessage&) const { return "order"; }
  std::string_view operator()(const BreachMessage&) const { return "breach"; }
  std::string_view operator()(const BillMessage&) const { return "bill"; }
  std::string_view operator()(const BreachLog&) const { return "breach_log"; }
  std::string_view operator()(const Ok&) const { return "ok"; }
  std::string_view operator()(const Pong&) const { return "pong"; }
  std::string_view operator()(const ErrorMessage&) const { return "error"; }
  std::string_view operator()(const CallWaiterNotice&) const { return "call_waiter"; }
  std::string_view operator()(const History&) const { return "history"; }
  std::string_view operator()(const MenuItemMessage&) const { return "menu_item"; }
  std::string_view operator()(const KitchenLoad&) const { return "kitchen_load"; }
  std::string_view operator()(const ComplaintMessage&) const { return "complaint"; }
  std::string_view operator()(const Feedback&) const { return "feedback"; }
};

// ---- server messages ----

struct ServerBody {
  Json& json;
  void operator()(const Welcome& m) const {
    json["proto"] = m.proto;
    json["server_time_ms"] = m.server_time_ms;
    json["role"] = to_string(m.role);
    if (m.table) json["table"] = *m.table;
    json["promise_s"] = m.promise_s;
    json["policy"] = policy_to_json(m.policy);
    json["features"] = m.features;
    if (!m.rules.empty()) {
      Json rules = Json::array();
      for (const PromiseRule& rule : m.rules) rules.push_back(promise_rule_to_json(rule));
      json["rules"] = std::move(rules);
    }
    if (!m.timezone.empty()) json["timezone"] = m.timezone;
  }
  void operator()(const MenuMessage& m) const {
    Json menu = menu_to_json(m.menu);
    json["items"] = std::move(menu["items"]);
    json["categories"] = std::move(menu["categories"]);
    json["stations"] = std::move(menu["stations"]);
  }
  void operator()(const Snapshot& m) const { json["orders"] = orders_to_json(m.orders); }
  void operator()(const OrderMessage& m) const { json["order"] = order_to_json(m.order); }
  void operator()(const BreachMessage& m) const {
    json["order_id"] = m.order_id;
    json["table"] = m.table;
    json["seq"] = m.seq;
    Json lines = Json::array();
    for (const auto& line : m.late_lines) lines.push_back(order_line_to_json(line));
    json["late_lines"] = std::move(lines);
    json["discount"] = m.discount;
    json["policy"] = m.policy;
  }
  void operator()(const BillMessage& m) const {
    json["table"] = m.bill.table;
    json["orders"] = orders_to_json(m.bill.orders);
    json["subtotal"] = m.bill.subtotal;
    json["discount"] = m.bill.discount;
    json["total"] = m.bill.total;
  }
  void operator()(const BreachLog& m) const {
    Json entries = Json::array();
    for (const auto& entry : m.entries) entries.push_back(breach_entry_to_json(entry));
    json["entries"] = std::move(entries);
  }
  void operator()(const Ok&) const {}
  void operator()(const Pong& m) const { json["server_time_ms"] = m.server_time_ms; }
  void operator()(const ErrorMessage& m) const {
    json["code"] = to_string(m.error.code);
    json["message"] = m.error.message;
    if (m.error.item) json["item"] = *m.error.item;
  }
  void operator()(const CallWaiterNotice& m) const {
    json["table"] = m.table;
    json["at_ms"] = m.at_ms;
  }
  void operator()(const History& m) const { json["orders"] = orders_to_json(m.orders); }
  void operator()(const MenuItemMessage& m) const { json["item"] = menu_item_to_json(m.item); }
  void operator()(const KitchenLoad& m) const {
    json["wait_s"] = m.wait_s;
    json["at_ms"] = m.at_ms;
  }
  void operator()(const ComplaintMessage& m) const { json["complaint"] = complaint_to_json(m.complaint); }
  void operator()(const Feedback& m) const {
    Json surveys = Json::array();
    for (const Survey& survey : m.surveys) surveys.push_back(survey_to_json(survey));
    Json complaints = Json::array();
    for (const Complaint& complaint : m.complaints) complaints.push_back(complaint_to_json(complaint));
    json["surveys"] = std::move(surveys);
    json["complaints"] = std::move(complaints);
    json["nps"] = m.nps ? Json(*m.nps) : Json(nullptr);
  }
};

Welcome decode_welcome(const JsonObjectReader& r) {
  Welcome welcome;
  welcome.proto = r.integer("proto");
  welcome.server_time_ms = r.integer("server_time_ms");
  welcome.role = read_role(r, "role");
  welcome.table = r.optional_string("table");
  welcome.promise_s = r.integer("promise_s");
  welcome.policy = policy_from_json(JsonObjectReader(r.object("policy"), r.path_of("policy")));
  if (const Json* features = r.find("features")) {
    if (!features->is_array()) throw_field_error(r.path_of("features"), "must be a list of names");
    for (const Json& feature : *features) {
      if (!feature.is_string()) throw_field_error(r.path_of("features"), "must be a list of names");
      welcome.features.push_back(feature.get<std::string>());
    }
  }
  if (const Json* rules = r.find("rules")) {
    welcome.rules = promise_rules_from_json(*rules, r.path_of("rules"), PromiseTerms{welcome.promise_s, welcome.policy});
  }
  welcome.timezone = r.optional_string("timezone").value_or("");
  return welcome;
}

MenuMessage decode_menu(const JsonObjectReader& r) {
  Json document{{"items", r.array("items")}};
  // A v1 server without the extension sends items only: make one group per id seen.
  for (const char* key : {"categories", "stations"}) {
    if (const Json* groups = r.find(key)) {
      document[key] = *groups;
      continue;
    }
    Json made = Json::array();
    std::vector<std::string> seen;
    const std::string field = std::string(key) == "categories" ? "category" : "station";
    for (const Json& item : r.array("items")) {
      if (!item.is_object() || !item.contains(field) || !item[field].is_string()) continue;
      const auto id = item[field].get<std::string>();
      if (std::find(seen.begin(), seen.end(), id) != seen.end()) continue;
      seen.push_back(id);
      made.push_back(Json{{"id", id}, {"name", {{"en", id}, {"zh", id}}}});
    }
    document[key] = made;
  }
  auto menu = menu_from_json(document, "menu");
  if (!menu) throw JsonFieldError(menu.error());
  return {std::move(menu.value())};
}

Snapshot decode_snapshot(const JsonObjectReader& r) { return {orders_from_json(r, "orders")}; }
OrderMessage decode_order_message(const JsonObjectReader& r) {
  return {order_from_reader(JsonObjectReader(r.object("order"), "order"))};
}

BreachMessage decode_breach(const JsonObjectReader& r) {
  BreachMessage breach;
  breach.order_id = r.string("order_id");
  breach.table = r.string("table");
  breach.seq = r.integer("seq");
  const Json& lines = r.array("late_lines");
  for (std::size_t i = 0; i < lines.size(); ++i) {
    breach.late_lines.push_back(line_from_json(lines[i], fmt::format("late_lines[{}]", i)));
  }
  breach.discount = r.integer("discount");
  breach.policy = r.string("policy");
  return breach;
}

BillMessage decode_bill(const JsonObjectReader& r) {
  BillMessage message;
  message.bill.table = r.string("table");
  message.bill.orders = orders_from_json(r, "orders");
  message.bill.subtotal = r.integer("subtotal");
  message.bill.discount = r.integer("discount");
  message.bill.total = r.integer("total");
  return message;
}

BreachLog decode_breach_log(const JsonObjectReader& r) {
  BreachLog log;
  const Json& entries = r.array("entries");
  for (std::size_t i = 0; i < entries.size(); ++i) {
    log.entries.push_back(breach_entry_from_json(entries[i], fmt::format("entries[{}]", i)));
  }
  return log;
}

Ok decode_ok(const JsonObjectReader&) { return {}; }
Pong decode_pong(const JsonObjectReader& r) { return {r.integer("server_time_ms")}; }

ErrorMessage decode_error(const JsonObjectReader& r) {
  return {Error{read_enum<ErrorCode>(r, "code", &error_code_from_string, "a known error code"),
                r.optional_string("message").value_or(""), r.optional_string("item")}};
}

MenuItemMessage decode_menu_item(const JsonObjectReader& r) {
  auto item = menu_item_from_json(r.object("item"), "menu_item");
  if (!item) throw JsonFieldError(item.error());
  return {std::move(item.value())};
}

KitchenLoad decode_kitchen_load(const JsonObjectReader& r) {
  KitchenLoad load{r.integer("wait_s"), r.integer("at_ms")};
  if (load.wait_s < 0) throw_field_error(r.path_of("wait_s"), "must be seconds >= 0");
  return load;
}

CallWaiterNotice decode_call_waiter_notice(const JsonObjectReader& r) {
  return {r.string("table"), r.integer("at_ms")};
}

History decode_history(const JsonObjectReader& r) { return {orders_from_json(r, "orders")}; }

ComplaintMessage decode_complaint(const JsonObjectReader& r) {
  return {complaint_from_json(r.object("complaint"), r.path_of("complaint"))};
}

Feedback decode_feedback(const JsonObjectReader& r) {
  Feedback feedback;
  const Json& surveys = r.array("surveys");
  for (std::size_t i = 0; i < surveys.size(); ++i) {
    feedback.surveys.push_back(survey_from_json(surveys[i], fmt::format("surveys[{}]", i)));
  }
  const Json& complaints = r.array("complaints");
  for (std::size_t i = 0; i < complaints.size(); ++i) {
    feedback.complaints.push_back(complaint_from_json(complaints[i], fmt::format("complaints[{}]", i)));
  }
  if (const auto nps = r.optional_integer("nps")) feedback.nps = static_cast<int>(*nps);
  return feedback;
}

using ServerDecoder = std::function<ServerMessage(const JsonObjectReader&)>;
const std::map<std::string, ServerDecoder, std::less<>>& server_decoders() {
  static const std::map<std::string, ServerDecoder, std::less<>> decoders = {
      {"welcome", decode_welcome},
      {"menu", decode_menu},
      {"snapshot", decode_snapshot},
      {"order", decode_order_message},
      {"breach", decode_breach},
      {"bill", decode_bill},
      {"breach_log", decode_breach_log},
      {"ok", decode_ok},
      {"pong", decode_pong},
      {"error", decode_error},
      {"call_waiter", decode_call_waiter_notice},
      {"history", decode_history},
      {"menu_item", decode_menu_item},
      {"kitchen_load", decode_kitchen_load},
      {"complaint", decode_complaint},
      {"feedback", decode_feedback},
  };
  return decoders;
}

}  // namespace

std::string_view message_type(const ServerMessage& message) { return std::visit(ServerTypeName{}, message); }

Result<ServerEnvelope, DecodeError> decode_server_message(std::string_view line) {
  return decode_line<ServerEnvelope>(line, server_decoders(), "re", kMaxServerFrameBytes);
}

std::string encode(const ServerEnvelope& envelope) {
  Json json{{"type", message_type(envelope.message)}};
  if (envelope.re) json["re"] = request_id_to_json(*envelope.re);
  std::visit(ServerBody{json}, envelope.message);
  return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace hourglass::core
