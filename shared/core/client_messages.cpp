// Client messages: decode-and-validate (the server's side) and encoding
// (every client's side), one function per message type.
#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>

#include "shared/core/codec_detail.hpp"

namespace hourglass::core {

namespace {

using namespace codec;

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
    request.hold = line.optional_boolean("hold").value_or(false);
    order.lines.push_back(std::move(request));
  }
  if (r.contains("party_size")) {
    const Json* party = r.find("party_size");
    if (party == nullptr || !party->is_number_integer() || party->get<std::int64_t>() < kMinPartySize ||
        party->get<std::int64_t>() > kMaxPartySize) {
      throw_field_error(r.path_of("party_size"), "must be an integer 1-50");
    }
    order.party_size = static_cast<int>(party->get<std::int64_t>());
  }
  return order;
}

CancelLine decode_cancel_line(const JsonObjectReader& r) {
  return {non_empty_id(r, "line_id"), bounded_text(r, "reason", kMaxReasonCodePoints, false)};
}

MarkLine decode_mark_line(const JsonObjectReader& r) {
  MarkLine mark{non_empty_id(r, "line_id"),
                read_enum<LineState>(r, "state", &line_state_from_string, "queued, cooking, ready, served")};
  if (mark.state == LineState::cancelled || mark.state == LineState::held || mark.state == LineState::fired) {
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

SetSoldOut decode_set_sold_out(const JsonObjectReader& r) { return {non_empty_id(r, "item"), r.boolean("sold_out")}; }

FireLines decode_fire_lines(const JsonObjectReader& r) {
  FireLines fire;
  fire.order_id = r.string("order_id");
  const std::size_t id_length = utf8_length(fire.order_id);
  if (id_length < 1 || id_length > kMaxOrderIdLength) {
    throw_field_error(r.path_of("order_id"), "must be a string of 1-64 characters (the new round's id)");
  }
  const Json& ids = r.array("line_ids");
  if (ids.empty() || ids.size() > kMaxOrderLines) {
    throw_field_error(r.path_of("line_ids"), fmt::format("must have 1-{} entries, got {}", kMaxOrderLines, ids.size()));
  }
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const std::string path = fmt::format("line_ids[{}]", i);
    if (!ids[i].is_string() || ids[i].get_ref<const std::string&>().empty() ||
        ids[i].get_ref<const std::string&>().size() > 256) {
      throw_field_error(path, "must be a line id");
    }
    std::string id = ids[i].get<std::string>();
    if (std::find(fire.line_ids.begin(), fire.line_ids.end(), id) != fire.line_ids.end()) {
      throw_field_error(path, fmt::format("\"{}\" is listed twice", id));
    }
    fire.line_ids.push_back(std::move(id));
  }
  return fire;
}

ComplaintCategory read_category(const JsonObjectReader& r, const char* key) {
  return read_enum<ComplaintCategory>(r, key, &complaint_category_from_string,
                                      "dish_quality, slow, wrong_or_missing, service, cleanliness, other");
}

Complain decode_complain(const JsonObjectReader& r) {
  Complain complain;
  complain.category = read_category(r, "category");
  if (r.has("line_id")) complain.line_id = non_empty_id(r, "line_id");
  complain.note = bounded_text(r, "note", kMaxFeedbackNoteCodePoints, false);
  return complain;
}

ResolveComplaint decode_resolve_complaint(const JsonObjectReader& r) {
  ResolveComplaint resolve;
  resolve.complaint_id = r.integer("complaint_id");
  if (resolve.complaint_id < 1) throw_field_error(r.path_of("complaint_id"), "must be a complaint id (>= 1)");
  resolve.resolution =
      read_enum<Resolution>(r, "resolution", &resolution_from_string, "remade, comped, apologized, other");
  resolve.note = bounded_text(r, "note", kMaxFeedbackNoteCodePoints, false);
  return resolve;
}

SubmitSurvey decode_submit_survey(const JsonObjectReader& r) {
  SubmitSurvey survey;
  const std::int64_t score = r.integer("score");
  if (score < kMinSurveyScore || score > kMaxSurveyScore) throw_field_error(r.path_of("score"), "must be an integer 0-10");
  survey.score = static_cast<int>(score);
  if (const Json* reasons = r.find("reasons")) {
    if (!reasons->is_array() || reasons->size() > std::size(kComplaintCategories)) {
      throw_field_error(r.path_of("reasons"), "must be a list of complaint categories");
    }
    for (std::size_t i = 0; i < reasons->size(); ++i) {
      const Json& reason = (*reasons)[i];
      const auto category = reason.is_string() ? complaint_category_from_string(reason.get<std::string>()) : std::nullopt;
      if (!category) {
        throw_field_error(fmt::format("reasons[{}]", i),
                          "must be one of dish_quality, slow, wrong_or_missing, service, cleanliness, other");
      }
      if (std::find(survey.reasons.begin(), survey.reasons.end(), *category) != survey.reasons.end()) {
        throw_field_error(fmt::format("reasons[{}]", i), "is listed twice");
      }
      survey.reasons.push_back(*category);
    }
  }
  survey.note = bounded_text(r, "note", kMaxFeedbackNoteCodePoints, false);
  if (r.has("order_id")) survey.order_id = non_empty_id(r, "order_id");
  return survey;
}

GetFeedback decode_get_feedback(const JsonObjectReader& r) {
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
      {"set_sold_out", decode_set_sold_out},
      {"fire_lines", decode_fire_lines},
      {"complain", decode_complain},
      {"resolve_complaint", decode_resolve_complaint},
      {"submit_survey", decode_submit_survey},
      {"get_feedback", decode_get_feedback},
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
      if (line.hold) entry["hold"] = true;
      lines.push_back(std::move(entry));
    }
    json["lines"] = std::move(lines);
    if (m.party_size) json["party_size"] = *m.party_size;
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
  void operator()(const SetSoldOut& m) const {
    json["item"] = m.item;
    json["sold_out"] = m.sold_out;
  }
  void operator()(const FireLines& m) const {
    json["line_ids"] = m.line_ids;
    json["order_id"] = m.order_id;
  }
  void operator()(const Complain& m) const {
    json["category"] = to_string(m.category);
    if (m.line_id) json["line_id"] = *m.line_id;
    if (!m.note.empty()) json["note"] = m.note;
  }
  void operator()(const ResolveComplaint& m) const {
    json["complaint_id"] = m.complaint_id;
    json["resolution"] = to_string(m.resolution);
    if (!m.note.empty()) json["note"] = m.note;
  }
  void operator()(const SubmitSurvey& m) const {
    json["score"] = m.score;
    Json reasons = Json::array();
    for (const ComplaintCategory reason : m.reasons) reasons.push_back(to_string(reason));
    json["reasons"] = std::move(reasons);
    if (!m.note.empty()) json["note"] = m.note;
    if (m.order_id) json["order_id"] = *m.order_id;
  }
  void operator()(const GetFeedback& m) const {
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
  std::string_view operator()(const SetSoldOut&) const { return "set_sold_out"; }
  std::string_view operator()(const FireLines&) const { return "fire_lines"; }
  std::string_view operator()(const Complain&) const { return "complain"; }
  std::string_view operator()(const ResolveComplaint&) const { return "resolve_complaint"; }
  std::string_view operator()(const SubmitSurvey&) const { return "submit_survey"; }
  std::string_view operator()(const GetFeedback&) const { return "get_feedback"; }
};

}  // namespace

std::string_view message_type(const ClientMessage& message) { return std::visit(ClientTypeName{}, message); }

Result<ClientEnvelope, DecodeError> decode_client_message(std::string_view line) {
  return decode_line<ClientEnvelope>(line, client_decoders(), "req", kMaxFrameBytes);
}

std::string encode(const ClientEnvelope& envelope) {
  Json json{{"type", message_type(envelope.message)}};
  if (envelope.req) json["req"] = request_id_to_json(*envelope.req);
  std::visit(ClientBody{json}, envelope.message);
  return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace hourglass::core
