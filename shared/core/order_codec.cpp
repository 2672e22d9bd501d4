// The order encoding shared by both directions and by storage and exports:
// orders, lines, bills, breach entries.
#include <fmt/format.h>

#include "shared/core/codec_detail.hpp"
#include "shared/core/menu.hpp"

namespace hourglass::core {

namespace codec {

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
  line.ready_at_ms = r.optional_integer("ready_at_ms");
  line.cooking_at_ms = r.optional_integer("cooking_at_ms");
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
  if (const Json* fired_from = r.find("fired_from")) {
    if (!fired_from->is_array()) throw_field_error(r.path_of("fired_from"), "must be a list of ticket numbers");
    for (const Json& seq : *fired_from) {
      if (!seq.is_number_integer()) throw_field_error(r.path_of("fired_from"), "must be a list of ticket numbers");
      order.fired_from.push_back(seq.get<std::int64_t>());
    }
  }
  if (const auto party = r.optional_integer("party_size")) order.party_size = static_cast<int>(*party);
  order.closed_at_ms = r.optional_integer("closed_at_ms");
  order.late_minutes = r.optional_integer("late_minutes").value_or(0);
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

namespace {

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

}  // namespace

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
  entry.settled = r.optional_boolean("settled").value_or(true);
  return entry;
}

}  // namespace codec

using codec::optional_time_json;
using codec::order_from_reader;

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
  if (line.ready_at_ms) json["ready_at_ms"] = *line.ready_at_ms;
  if (line.cooking_at_ms) json["cooking_at_ms"] = *line.cooking_at_ms;
  return json;
}

Json order_to_json(const Order& order) {
  Json lines = Json::array();
  for (const auto& line : order.lines) lines.push_back(order_line_to_json(line));
  Json json{{"order_id", order.order_id},
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
  if (!order.fired_from.empty()) json["fired_from"] = order.fired_from;
  if (order.party_size) json["party_size"] = *order.party_size;
  if (order.closed_at_ms) json["closed_at_ms"] = *order.closed_at_ms;
  if (order.late_minutes != 0) json["late_minutes"] = order.late_minutes;
  return json;
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
              {"at_ms", entry.at_ms},
              {"settled", entry.settled}};
}

}  // namespace hourglass::core
