#include "shared/core/protocol.hpp"

#include <fmt/format.h>

#include <functional>
#include <map>

#include "shared/core/json_read.hpp"

namespace hourglass::core {

namespace {

// ---- small readers ----

std::string bounded_text(const JsonObjectReader& reader, const char* key, std::size_t max_code_points, bool required) {
  std::string text = required ? reader.string(key) : reader.optional_string(key).value_or("");
  if (utf8_length(text) > max_code_points) {
    throw_field_error(reader.path_of(key), fmt::format("must be at most {} characters", max_code_points));
  }
  return text;
}

std::string non_empty_id(const JsonObjectReader& reader, const char* key) {
  std::string id = reader.string(key);
  if (id.empty()) throw_field_error(reader.path_of(key), "must not be empty");
  if (id.size() > 256) throw_field_error(reader.path_of(key), "is too long");
  return id;
}

std::optional<std::int64_t> optional_time(const JsonObjectReader& reader, const char* key) {
  const auto value = reader.optional_integer(key);
  if (value && *value < 0) throw_field_error(reader.path_of(key), "must be a time in ms since the epoch (>= 0)");
  return value;
}

Role read_role(const JsonObjectReader& reader, const char* key) {
  const std::string text = reader.string(key);
  const auto role = role_from_string(text);
  if (!role) throw_field_error(reader.path_of(key), "must be one of table, kiosk, kds, manager");
  return *role;
}

template <class Enum>
Enum read_enum(const JsonObjectReader& reader, const char* key, std::optional<Enum> (*parse)(std::string_view),
               const char* allowed) {
  const std::string text = reader.string(key);
  const auto value = parse(text);
  if (!value) throw_field_error(reader.path_of(key), fmt::format("must be one of {}", allowed));
  return *value;
}

// ---- client messages ----

Hello decode_hello(const JsonObjectReader& r) {
  Hello hello;
  hello.proto = r.integer("proto");
  hello.role = read_role(r, "role");
  hello.device = bounded_text(r, "device", 64, false);
  hello.token = r.string("token");
  return hello;
}

PlaceOrder decode_place_order(const JsonObjectReader& r) {
  PlaceOrder order;
  order.order_id = r.string("order_id");
  const std::size_t id_length = utf8_length(order.order_id);
  if (id_length < 1 || id_length > kMaxOrderIdLength) {
    throw_field_error(r.path_of("order_id"), "must be a string of 1-64 characters");
  }
  const Json& lines = r.array("lines");
  if (lines.empty() || lines.size() > kMaxOrderLines) {
    throw_field_error(r.path_of("lines"), fmt::format("must have 1-{} entries, got {}", kMaxOrderLines, lines.size()));
  }
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const JsonObjectReader line(lines[i], fmt::format("lines[{}]", i));
    LineRequest request;
    request.item = line.string("item");
    const std::int64_t qty = line.integer("qty");
    if (qty < 1 || qty > kMaxLineQty) throw_field_error(line.path_of("qty"), "must be an integer 1-50");
    request.qty = static_cast<int>(qty);
    request.note = bounded_text(line, "note", kMaxNoteCodePoints, false);
    order.lines.push_back(std::move(request));
  }
  return order;
}

CancelLine decode_cancel_line(const JsonObjectReader& r) {
  return {non_empty_id(r, "line_id"), bounded_text(r, "reason", kMaxReasonCodePoints, false)};
}

MarkLine decode_mark_line(const JsonObjectReader& r) {
  MarkLine mark{non_empty_id(r, "line_id"),
                read_enum<LineState>(r, "state", &line_state_from_string, "queued, cooking, ready, served")};
  if (mark.state == LineState::cancelled) {
    throw_field_error(r.path_of("state"), "must be one of queued, cooking, ready, served (use cancel_line)");
  }
  return mark;
}

Rush decode_rush(const JsonObjectReader& r) { return {non_empty_id(r, "order_id")}; }
CallWaiter decode_call_waiter(const JsonObjectReader&) { return {}; }

CloseTable decode_close_table(const JsonObjectReader& r) {
  CloseTable close{non_empty_id(r, "table"), r.optional_string("order_id")};
  if (close.table == kCounterTable && !close.order_id) {
    throw_field_error(r.path_of("order_id"), "is required to close a counter order");
  }
  return close;
}

GetBill decode_get_bill(const JsonObjectReader& r) {
  return {r.optional_string("table"), r.optional_string("order_id")};
}

GetBreachLog decode_get_breach_log(const JsonObjectReader& r) {
  return {optional_time(r, "since_ms"), optional_time(r, "until_ms"), r.optional_string("table")};
}

CompLine decode_comp_line(const JsonObjectReader& r) {
  CompLine comp{non_empty_id(r, "line_id"), bounded_text(r, "reason", kMaxReasonCodePoints, true)};
  if (comp.reason.empty()) throw_field_error(r.path_of("reason"), "must say why the line is comped");
  return comp;
}

Ping decode_ping(const JsonObjectReader&) { return {}; }
RecallLine decode_recall_line(const JsonObjectReader& r) { return {non_empty_id(r, "line_id")}; }
GetHistory decode_get_history(const JsonObjectReader& r) {
  return {optional_time(r, "since_ms"), optional_time(r, "until_ms")};
}

using ClientDecoder = std::function<ClientMessage(const JsonObjectReader&)>;
const std::map<std::string, ClientDecoder, std::less<>>& client_decoders() {
  static const std::map<std::string, ClientDecoder, std::less<>> decoders = {
      {"hello", decode_hello},
      {"place_order", decode_place_order},
      {"cancel_line", decode_cancel_line},
      {"mark_line", decode_mark_line},
      {"rush", decode_rush},
      {"call_waiter", decode_call_waiter},
      {"close_table", decode_close_table},
      {"get_bill", decode_get_bill},
      {"get_breach_log", decode_get_breach_log},
      {"comp_line", decode_comp_line},
      {"ping", decode_ping},
      {"recall_line", decode_recall_line},
      {"get_history", decode_get_history},
  };
  return decoders;
}

// ---- client message encoding ----

struct ClientBody {
  Json& json;
  void operator()(const Hello& m) const {
    json["proto"] = m.proto;
    json["role"] = to_string(m.role);
    json["device"] = m.device;
    json["token"] = m.token;
  }
  void operator()(const PlaceOrder& m) const {
    json["order_id"] = m.order_id;
    Json lines = Json::array();
    for (const auto& line : m.lines) {
      Json entry{{"item", line.item}, {"qty", line.qty}};
      if (!line.note.empty()) entry["note"] = line.note;
      lines.push_back(std::move(entry));
    }
    json["lines"] = std::move(lines);
  }
  void operator()(const CancelLine& m) const {
    json["line_id"] = m.line_id;
    if (!m.reason.empty()) json["reason"] = m.reason;
  }
  void operator()(const MarkLine& m) const {
    json["line_id"] = m.line_id;
    json["state"] = to_string(m.state);
  }
  void operator()(const Rush& m) const { json["order_id"] = m.order_id; }
  void operator()(const CallWaiter&) const {}
  void operator()(const CloseTable& m) const {
    json["table"] = m.table;
    if (m.order_id) json["order_id"] = *m.order_id;
  }
  void operator()(const GetBill& m) const {
    if (m.table) json["table"] = *m.table;
    if (m.order_id) json["order_id"] = *m.order_id;
  }
  void operator()(const GetBreachLog& m) const {
    if (m.since_ms) json["since_ms"] = *m.since_ms;
    if (m.until_ms) json["until_ms"] = *m.until_ms;
    if (m.table) json["table"] = *m.table;
  }
  void operator()(const CompLine& m) const {
    json["line_id"] = m.line_id;
    json["reason"] = m.reason;
  }
  void operator()(const Ping&) const {}
  void operator()(const RecallLine& m) const { json["line_id"] = m.line_id; }
  void operator()(const GetHistory& m) const {
    if (m.since_ms) json["since_ms"] = *m.since_ms;
    if (m.until_ms) json["until_ms"] = *m.until_ms;
  }
};

struct ClientTypeName {
  std::string_view operator()(const Hello&) const { return "hello"; }
  std::string_view operator()(const PlaceOrder&) const { return "place_order"; }
  std::string_view operator()(const CancelLine&) const { return "cancel_line"; }
  std::string_view operator()(const MarkLine&) const { return "mark_line"; }
  std::string_view operator()(const Rush&) const { return "rush"; }
  std::string_view operator()(const CallWaiter&) const { return "call_waiter"; }
  std::string_view operator()(const CloseTable&) const { return "close_table"; }
  std::string_view operator()(const GetBill&) const { return "get_bill"; }
  std::string_view operator()(const GetBreachLog&) const { return "get_breach_log"; }
  std::string_view operator()(const CompLine&) const { return "comp_line"; }
  std::string_view operator()(const Ping&) const { return "ping"; }
  std::string_view operator()(const RecallLine&) const { return "recall_line"; }
  std::string_view operator()(const GetHistory&) const { return "get_history"; }
};

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
};

// ---- orders, lines, bills, breach entries ----

Json optional_time_json(const std::optional<std::int64_t>& value) { return value ? Json(*value) : Json(nullptr); }

OrderLine line_from_json(const Json& json, const std::string& path) {
  const JsonObjectReader r(json, path);
  OrderLine line;
  line.line_id = r.string("line_id");
  line.item = r.string("item");
  line.name = local_text_from_json(r.object("name"), r.path_of("name"));
  line.qty = static_cast<int>(r.integer("qty"));
  line.price = r.integer("price");
  line.promised = r.boolean("promised");
  line.state = read_enum<LineState>(r, "state", &line_state_from_string, "queued, cooking, ready, served, cancelled");
  line.served_at_ms = r.optional_integer("served_at_ms");
  line.cancelled_at_ms = r.optional_integer("cancelled_at_ms");
  line.note = r.optional_string("note").value_or("");
  line.comped = r.optional_boolean("comped").value_or(false);
  line.late = r.optional_boolean("late").value_or(false);
  line.station = r.optional_string("station").value_or("");
  return line;
}

Order order_from_reader(const JsonObjectReader& r) {
  Order order;
  order.order_id = r.string("order_id");
  order.seq = r.integer("seq");
  order.table = r.string("table");
  order.status = read_enum<OrderStatus>(r, "status", &order_status_from_string, "open, kept, breached, closed");
  order.accepted_at_ms = r.integer("accepted_at_ms");
  order.deadline_ms = r.integer("deadline_ms");
  const Json& lines = r.array("lines");
  for (std::size_t i = 0; i < lines.size(); ++i) {
    order.lines.push_back(line_from_json(lines[i], fmt::format("{}[{}]", r.path_of("lines"), i)));
  }
  order.subtotal = r.integer("subtotal");
  order.discount = r.integer("discount");
  order.rushed = r.optional_boolean("rushed").value_or(false);
  if (const Json* promise = r.find("promise")) {
    order.promise = promise_terms_from_json(*promise, r.path_of("promise"));
  } else {
    order.promise.seconds = (order.deadline_ms - order.accepted_at_ms) / 1000;
  }
  return order;
}

std::vector<Order> orders_from_json(const JsonObjectReader& r, const char* key) {
  std::vector<Order> orders;
  const Json& array = r.array(key);
  for (std::size_t i = 0; i < array.size(); ++i) {
    orders.push_back(order_from_reader(JsonObjectReader(array[i], fmt::format("{}[{}]", r.path_of(key), i))));
  }
  return orders;
}

Json orders_to_json(const std::vector<Order>& orders) {
  Json array = Json::array();
  for (const auto& order : orders) array.push_back(order_to_json(order));
  return array;
}

BreachLateLine breach_late_line_from_json(const Json& json, const std::string& path) {
  const JsonObjectReader r(json, path);
  BreachLateLine line;
  line.item = r.string("item");
  line.qty = static_cast<int>(r.integer("qty"));
  line.price = r.integer("price");
  line.served_at_ms = r.optional_integer("served_at_ms");
  if (const Json* name = r.find("name")) line.name = local_text_from_json(*name, r.path_of("name"));
  return line;
}

BreachEntry breach_entry_from_json(const Json& json, const std::string& path) {
  const JsonObjectReader r(json, path);
  BreachEntry entry;
  entry.breach_id = r.integer("breach_id");
  entry.order_id = r.string("order_id");
  entry.seq = r.integer("seq");
  entry.table = r.string("table");
  entry.accepted_at_ms = r.integer("accepted_at_ms");
  entry.deadline_ms = r.integer("deadline_ms");
  const Json& lines = r.array("late_lines");
  for (std::size_t i = 0; i < lines.size(); ++i) {
    entry.late_lines.push_back(breach_late_line_from_json(lines[i], fmt::format("{}[{}]", r.path_of("late_lines"), i)));
  }
  entry.discount = r.integer("discount");
  entry.policy = r.string("policy");
  entry.at_ms = r.integer("at_ms");
  return entry;
}

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
  }
  void operator()(const CallWaiterNotice& m) const {
    json["table"] = m.table;
    json["at_ms"] = m.at_ms;
  }
  void operator()(const History& m) const { json["orders"] = orders_to_json(m.orders); }
};

Welcome decode_welcome(const JsonObjectReader& r) {
  Welcome welcome;
  welcome.proto = r.integer("proto");
  welcome.server_time_ms = r.integer("server_time_ms");
  welcome.role = read_role(r, "role");
  welcome.table = r.optional_string("table");
  welcome.promise_s = r.integer("promise_s");
  welcome.policy = policy_from_json(JsonObjectReader(r.object("policy"), r.path_of("policy")));
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
                r.optional_string("message").value_or("")}};
}

CallWaiterNotice decode_call_waiter_notice(const JsonObjectReader& r) {
  return {r.string("table"), r.integer("at_ms")};
}

History decode_history(const JsonObjectReader& r) { return {orders_from_json(r, "orders")}; }

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
  };
  return decoders;
}

Json request_id_to_json(const RequestId& id) {
  return std::visit([](const auto& value) { return Json(value); }, id);
}

// Reads `key` as a request id; a present value of another type is an error.
std::optional<RequestId> read_request_id(const Json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return std::nullopt;
  if (it->is_string()) return RequestId{it->get<std::string>()};
  if (it->is_number_integer() && !it->is_number_unsigned()) return RequestId{it->get<std::int64_t>()};
  if (it->is_number_unsigned() && it->get<std::uint64_t>() <= static_cast<std::uint64_t>(INT64_MAX)) {
    return RequestId{static_cast<std::int64_t>(it->get<std::uint64_t>())};
  }
  throw JsonFieldError(std::string(key) + ": must be a string or an integer, got " + json_type_name(*it));
}

DecodeError rejection(ErrorCode code, std::string message, std::optional<RequestId> id) {
  DecodeError error;
  error.error.code = code;
  error.error.message = std::move(message);
  error.req = std::move(id);
  return error;
}

// Shared by both directions: frame limit, JSON, object, type, id, body.
template <class Envelope, class Decoders>
Result<Envelope, DecodeError> decode_line(std::string_view line, const Decoders& decoders, const char* id_key,
                                          std::size_t max_bytes) {
  if (line.size() > max_bytes) {
    return fail(rejection(ErrorCode::frame_too_large,
                          fmt::format("a line may be at most {} bytes, this one has {}", max_bytes, line.size()),
                          std::nullopt));
  }
  const Json json = Json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) return fail(rejection(ErrorCode::bad_request, "invalid JSON", std::nullopt));
  if (!json.is_object()) {
    return fail(rejection(ErrorCode::bad_request, "a message must be a JSON object", std::nullopt));
  }
  std::optional<RequestId> id;
  try {
    id = read_request_id(json, id_key);
    const JsonObjectReader reader(json, "");
    const std::string type = reader.string("type");
    const auto decoder = decoders.find(type);
    if (decoder == decoders.end()) {
      return fail(rejection(ErrorCode::bad_request, fmt::format("unknown message type \"{}\"", type), id));
    }
    return Envelope{id, decoder->second(reader)};
  } catch (const JsonFieldError& error) {
    return fail(rejection(ErrorCode::bad_request, error.what(), id));
  } catch (const Json::exception& error) {
    // A value nlohmann cannot convert (say, an int out of range): still bad input, not a crash.
    return fail(rejection(ErrorCode::bad_request, error.what(), id));
  }
}

}  // namespace

Json order_line_to_json(const OrderLine& line) {
  Json json{{"line_id", line.line_id},
            {"item", line.item},
            {"name", local_text_to_json(line.name)},
            {"qty", line.qty},
            {"price", line.price},
            {"promised", line.promised},
            {"state", to_string(line.state)},
            {"served_at_ms", optional_time_json(line.served_at_ms)},
            {"note", line.note},
            {"comped", line.comped},
            {"late", line.late},
            {"station", line.station}};
  if (line.cancelled_at_ms) json["cancelled_at_ms"] = *line.cancelled_at_ms;
  return json;
}

Json order_to_json(const Order& order) {
  Json lines = Json::array();
  for (const auto& line : order.lines) lines.push_back(order_line_to_json(line));
  return Json{{"order_id", order.order_id},
              {"seq", order.seq},
              {"table", order.table},
              {"status", to_string(order.status)},
              {"accepted_at_ms", order.accepted_at_ms},
              {"deadline_ms", order.deadline_ms},
              {"lines", std::move(lines)},
              {"subtotal", order.subtotal},
              {"discount", order.discount},
              {"rushed", order.rushed},
              {"promise", promise_terms_to_json(order.promise)}};
}

Result<Order, std::string> order_from_json(const Json& json) {
  try {
    return order_from_reader(JsonObjectReader(json, "order"));
  } catch (const JsonFieldError& error) {
    return fail(std::string(error.what()));
  } catch (const Json::exception& error) {
    return fail(std::string(error.what()));
  }
}

Json breach_entry_to_json(const BreachEntry& entry) {
  Json lines = Json::array();
  for (const auto& line : entry.late_lines) {
    Json json{{"item", line.item},
              {"qty", line.qty},
              {"price", line.price},
              {"served_at_ms", optional_time_json(line.served_at_ms)}};
    if (line.name) json["name"] = local_text_to_json(*line.name);
    lines.push_back(std::move(json));
  }
  return Json{{"breach_id", entry.breach_id},
              {"order_id", entry.order_id},
              {"seq", entry.seq},
              {"table", entry.table},
              {"accepted_at_ms", entry.accepted_at_ms},
              {"deadline_ms", entry.deadline_ms},
              {"late_lines", std::move(lines)},
              {"discount", entry.discount},
              {"policy", entry.policy},
              {"at_ms", entry.at_ms}};
}

std::string_view message_type(const ClientMessage& message) { return std::visit(ClientTypeName{}, message); }
std::string_view message_type(const ServerMessage& message) { return std::visit(ServerTypeName{}, message); }

Result<ClientEnvelope, DecodeError> decode_client_message(std::string_view line) {
  return decode_line<ClientEnvelope>(line, client_decoders(), "req", kMaxFrameBytes);
}

Result<ServerEnvelope, DecodeError> decode_server_message(std::string_view line) {
  return decode_line<ServerEnvelope>(line, server_decoders(), "re", kMaxServerFrameBytes);
}

std::string encode(const ClientEnvelope& envelope) {
  Json json{{"type", message_type(envelope.message)}};
  if (envelope.req) json["req"] = request_id_to_json(*envelope.req);
  std::visit(ClientBody{json}, envelope.message);
  return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string encode(const ServerEnvelope& envelope) {
  Json json{{"type", message_type(envelope.message)}};
  if (envelope.re) json["re"] = request_id_to_json(*envelope.re);
  std::visit(ServerBody{json}, envelope.message);
  return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace hourglass::core
