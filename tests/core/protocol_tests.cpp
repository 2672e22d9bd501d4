#include <catch2/catch.hpp>

#include "shared/core/protocol.hpp"
#include "test_menu.hpp"

using namespace hourglass::core;

namespace {

Order sample_order() {
  auto order = make_order("3f6c-uuid", {{"gongbao", 2, "less spicy 少辣"}, {"rice", 2, ""}},
                          hourglass::test::small_menu(), 41, "12", 1'763'800'000'000, PromiseTerms{});
  REQUIRE(order.ok());
  mark_line(order.value(), order->lines[1], LineState::served, 1'763'800'100'000);
  return order.value();
}

// One representative value of every message type.
template <class T>
T sample();

template <>
Hello sample() {
  return {1, Role::table, "tablet-12", "secret-token"};
}
template <>
PlaceOrder sample() {
  return {"3f6c", {{"gongbao", 2, "less spicy"}, {"rice", 2, ""}, {"rice", 1, "", true}}};
}
template <>
CancelLine sample() {
  return {"41-1", "changed our mind"};
}
template <>
MarkLine sample() {
  return {"41-1", LineState::served};
}
template <>
Rush sample() {
  return {"3f6c"};
}
template <>
CallWaiter sample() {
  return {};
}
template <>
CloseTable sample() {
  return {"counter", "3f6c"};
}
template <>
GetBill sample() {
  return {"12", std::nullopt};
}
template <>
GetBreachLog sample() {
  return {1000, 2000, "12"};
}
template <>
CompLine sample() {
  return {"41-2", "hair in the soup"};
}
template <>
Ping sample() {
  return {};
}
template <>
RecallLine sample() {
  return {"41-1"};
}
template <>
GetHistory sample() {
  return {1000, std::nullopt};
}

template <>
Welcome sample() {
  return {1, 1'763'800'000'000, Role::table, "12", 900, BillPercentPolicy{69}, {"sold_out", "hold_fire"}};
}
template <>
MenuMessage sample() {
  return {hourglass::test::small_menu()};
}
template <>
Snapshot sample() {
  return {{sample_order(), sample_order()}};
}
template <>
OrderMessage sample() {
  return {sample_order()};
}
template <>
BreachMessage sample() {
  const Order order = sample_order();
  return {order.order_id, order.table, order.seq, {order.lines[0]}, 7600, "free_unserved"};
}
template <>
BillMessage sample() {
  return {make_bill("12", {sample_order()})};
}
template <>
BreachLog sample() {
  BreachEntry entry{7,
                    "3f6c",
                    41,
                    "12",
                    1000,
                    901'000,
                    {{"gongbao", 2, 3800, 905'000, LocalText{"Kung Pao Chicken", "宫保鸡丁"}},
                     {"rice", 1, 300, std::nullopt, std::nullopt}},
                    7900,
                    "free_unserved",
                    901'010};
  return {{entry}};
}
template <>
Ok sample() {
  return {};
}
template <>
Pong sample() {
  return {1'763'800'000'123};
}
template <>
ErrorMessage sample() {
  return {{ErrorCode::forbidden, "not your table"}};
}
template <>
CallWaiterNotice sample() {
  return {"counter", 1'763'800'000'000};
}
template <>
History sample() {
  return {{sample_order()}};
}
template <>
SetSoldOut sample() {
  return {"gongbao", true};
}
template <>
FireLines sample() {
  return {{"41-3", "42-1"}, "round-2"};
}
template <>
MenuItemMessage sample() {
  MenuItem item = hourglass::test::small_menu().items.front();
  item.sold_out = true;
  return {item};
}
template <>
KitchenLoad sample() {
  return {840, 1'763'800'000'000};
}

DecodeError rejection_of(const std::string& line) {
  const auto decoded = decode_client_message(line);
  REQUIRE_FALSE(decoded.ok());
  return decoded.error();
}

std::string place_order_with(const std::string& lines) {
  return R"({"type":"place_order","req":7,"order_id":"abc","lines":)" + lines + "}";
}

}  // namespace

TEMPLATE_TEST_CASE("client messages round trip", "[core][protocol][roundtrip]", Hello, PlaceOrder, CancelLine, MarkLine,
                   Rush, CallWaiter, CloseTable, GetBill, GetBreachLog, CompLine, Ping, RecallLine, GetHistory,
                   SetSoldOut, FireLines) {
  const ClientEnvelope envelope{RequestId{std::int64_t{7}}, sample<TestType>()};
  const std::string line = encode(envelope);
  CHECK(line.find('\n') == std::string::npos);
  const auto decoded = decode_client_message(line);
  REQUIRE(decoded.ok());
  CHECK(decoded.value() == envelope);
  const ClientEnvelope without_req{std::nullopt, sample<TestType>()};
  CHECK(decode_client_message(encode(without_req)).value() == without_req);
}

TEMPLATE_TEST_CASE("server messages round trip", "[core][protocol][roundtrip]", Welcome, MenuMessage, Snapshot,
                   OrderMessage, BreachMessage, BillMessage, BreachLog, Ok, Pong, ErrorMessage, CallWaiterNotice,
                   History, MenuItemMessage, KitchenLoad) {
  const ServerEnvelope envelope{RequestId{std::string("r-9")}, sample<TestType>()};
  const std::string line = encode(envelope);
  CHECK(line.find('\n') == std::string::npos);
  const auto decoded = decode_server_message(line);
  REQUIRE(decoded.ok());
  CHECK(decoded.value() == envelope);
}

TEST_CASE("an order encodes exactly as PROTOCOL.md shows", "[core][protocol]") {
  const Json json = Json::parse(encode(ServerEnvelope{RequestId{std::int64_t{7}}, OrderMessage{sample_order()}}));
  CHECK(json["type"] == "order");
  CHECK(json["re"] == 7);
  const Json& order = json["order"];
  CHECK(order["order_id"] == "3f6c-uuid");
  CHECK(order["seq"] == 41);
  CHECK(order["table"] == "12");
  CHECK(order["status"] == "open");
  CHECK(order["deadline_ms"] == 1'763'800'900'000);
  CHECK(order["subtotal"] == 8200);
  CHECK(order["discount"] == 0);
  CHECK(order["rushed"] == false);
  const Json& line = order["lines"][0];
  CHECK(line["line_id"] == "41-1");
  CHECK(line["name"]["zh"] == "宫保鸡丁");
  CHECK(line["served_at_ms"].is_null());
  CHECK(line["state"] == "queued");
  CHECK(line["comped"] == false);
  CHECK(order["lines"][1]["served_at_ms"] == 1'763'800'100'000);
  CHECK_FALSE(line.contains("ready_at_ms"));  // never ready: the extension is absent
  CHECK(order["lines"][1].contains("ready_at_ms") == false);  // served straight from queued
}

TEST_CASE("a line's ready time goes out as ready_at_ms and comes back", "[core][protocol]") {
  Order order = sample_order();
  mark_line(order, order.lines[0], LineState::ready, 1'763'800'090'000);
  const std::string text = encode(ServerEnvelope{std::nullopt, OrderMessage{order}});
  CHECK(Json::parse(text)["order"]["lines"][0]["ready_at_ms"] == 1'763'800'090'000);
  const auto decoded = decode_server_message(text);
  REQUIRE(decoded.ok());
  CHECK(std::get<OrderMessage>(decoded->message).order == order);
}

TEST_CASE("welcome carries the policy without seconds", "[core][protocol]") {
  const Json json = Json::parse(encode(ServerEnvelope{std::nullopt, sample<Welcome>()}));
  CHECK(json["policy"] == Json{{"policy", "bill_percent"}, {"pay_percent", 69}});
  CHECK(json["promise_s"] == 900);
  CHECK_FALSE(json.contains("re"));
}

TEST_CASE("unknown fields are ignored", "[core][protocol]") {
  const auto decoded = decode_client_message(R"({"type":"ping","req":"a","colour":"red","nested":{"x":1}})");
  REQUIRE(decoded.ok());
  CHECK(std::holds_alternative<Ping>(decoded->message));
  CHECK(decoded->req == RequestId{std::string("a")});
}

TEST_CASE("a menu message without the categories extension still decodes", "[core][protocol]") {
  const auto decoded = decode_server_message(
      R"({"type":"menu","items":[{"id":"gongbao","name":{"en":"Kung Pao Chicken","zh":"宫保鸡丁"},"category":"hot",
          "price":3800,"station":"wok","promised":true}]})");
  REQUIRE(decoded.ok());
  const auto& menu = std::get<MenuMessage>(decoded->message).menu;
  CHECK(menu.items.size() == 1);
  CHECK(menu.category("hot") != nullptr);
}

TEST_CASE("rejections: every decode rule is a bad_request with its field named", "[core][protocol][rejection]") {
  auto [line, message] = GENERATE(table<std::string, std::string>({
      {R"({"type":"ping")", "invalid JSON"},
      {R"([1,2])", "a message must be a JSON object"},
      {R"({"req":1})", "type: missing"},
      {R"({"type":7})", "type: must be a string, got integer"},
      {R"({"type":"launch_rocket"})", "unknown message type \"launch_rocket\""},
      {R"({"type":"ping","req":1.5})", "req: must be a string or an integer, got a fractional number"},
      {R"({"type":"hello","proto":"1","role":"table","token":"x"})", "proto: must be an integer, got string"},
      {R"({"type":"hello","proto":1,"role":"admin","token":"x"})", "role: must be one of table, kiosk, kds, manager"},
      {R"({"type":"hello","proto":1,"role":"table"})", "token: missing"},
      {R"({"type":"place_order","lines":[{"item":"rice","qty":1}]})", "order_id: missing"},
      {R"({"type":"place_order","order_id":"","lines":[{"item":"rice","qty":1}]})",
       "order_id: must be a string of 1-64 characters"},
      {R"({"type":"place_order","order_id":42,"lines":[{"item":"rice","qty":1}]})",
       "order_id: must be a string, got integer"},
      {place_order_with(R"([])"), "lines: must have 1-100 entries, got 0"},
      {place_order_with(R"({"item":"rice"})"), "lines: must be an array, got object"},
      {place_order_with(R"([{"item":"rice","qty":"2"}])"), "lines[0].qty: must be an integer, got string"},
      {place_order_with(R"([{"item":"rice","qty":1.5}])"), "lines[0].qty: must be an integer, got a fractional number"},
      {place_order_with(R"([{"item":"rice","qty":0}])"), "lines[0].qty: must be an integer 1-50"},
      {place_order_with(R"([{"item":"rice","qty":51}])"), "lines[0].qty: must be an integer 1-50"},
      {place_order_with(R"([{"item":"rice","qty":-3}])"), "lines[0].qty: must be an integer 1-50"},
      {place_order_with(R"([{"qty":1}])"), "lines[0].item: missing"},
      {place_order_with(R"([{"item":"rice","qty":1,"note":5}])"), "lines[0].note: must be a string, got integer"},
      {place_order_with(R"(["rice"])"), "lines[0]: must be a JSON object, got string"},
      {R"({"type":"mark_line","line_id":"41-1","state":"burnt"})",
       "state: must be one of queued, cooking, ready, served"},
      {R"({"type":"mark_line","line_id":"41-1","state":"cancelled"})",
       "state: must be one of queued, cooking, ready, served (use cancel_line)"},
      {R"({"type":"mark_line","state":"served"})", "line_id: missing"},
      {R"({"type":"cancel_line","line_id":""})", "line_id: must not be empty"},
      {R"({"type":"close_table","table":"counter"})", "order_id: is required to close a counter order"},
      {R"({"type":"close_table"})", "table: missing"},
      {R"({"type":"comp_line","line_id":"41-1"})", "reason: missing"},
      {R"({"type":"comp_line","line_id":"41-1","reason":""})", "reason: must say why the line is comped"},
      {R"({"type":"get_breach_log","since_ms":"yesterday"})", "since_ms: must be an integer, got string"},
      {R"({"type":"get_breach_log","until_ms":-5})", "until_ms: must be a time in ms since the epoch (>= 0)"},
      {R"({"type":"rush"})", "order_id: missing"},
      {R"({"type":"get_bill","table":12})", "table: must be a string, got integer"},
  }));
  CAPTURE(line);
  const DecodeError error = rejection_of(line);
  CHECK(error.error.code == ErrorCode::bad_request);
  CHECK(error.error.message == message);
}

TEST_CASE("a rejection echoes the request id when it could be read", "[core][protocol][rejection]") {
  const DecodeError error = rejection_of(place_order_with(R"([{"item":"rice","qty":"2"}])"));
  CHECK(error.req == RequestId{std::int64_t{7}});
  CHECK_FALSE(rejection_of(R"({"type":"ping")").req.has_value());
}

TEST_CASE("order lines: 100 allowed, 101 refused", "[core][protocol][rejection][edge]") {
  auto lines_json = [](int count) {
    Json lines = Json::array();
    for (int i = 0; i < count; ++i) lines.push_back(Json{{"item", "rice"}, {"qty", 1}});
    return lines.dump();
  };
  CHECK(decode_client_message(place_order_with(lines_json(100))).ok());
  CHECK(rejection_of(place_order_with(lines_json(101))).error.message == "lines: must have 1-100 entries, got 101");
}

TEST_CASE("notes count characters, not bytes: 200 allowed, 201 refused", "[core][protocol][rejection][edge]") {
  std::string note_200;
  for (int i = 0; i < 200; ++i) note_200 += "辣";  // 3 bytes each
  const auto ok = decode_client_message(place_order_with(R"([{"item":"rice","qty":1,"note":")" + note_200 + "\"}]"));
  REQUIRE(ok.ok());
  CHECK(std::get<PlaceOrder>(ok->message).lines[0].note == note_200);
  const DecodeError error = rejection_of(place_order_with(R"([{"item":"rice","qty":1,"note":")" + note_200 + "x\"}]"));
  CHECK(error.error.message == "lines[0].note: must be at most 200 characters");
}

TEST_CASE("order ids: 64 characters allowed, 65 refused", "[core][protocol][rejection][edge]") {
  const std::string id_64(64, 'a');
  const std::string lines = R"(,"lines":[{"item":"rice","qty":1}]})";
  CHECK(decode_client_message(R"({"type":"place_order","order_id":")" + id_64 + "\"" + lines).ok());
  CHECK(rejection_of(R"({"type":"place_order","order_id":")" + id_64 + "a\"" + lines).error.message ==
        "order_id: must be a string of 1-64 characters");
}

TEST_CASE("the frame limit is 65,536 bytes", "[core][protocol][rejection][edge]") {
  const std::string prefix = R"({"type":"ping","pad":")";
  const std::string suffix = "\"}";
  const std::string at_limit = prefix + std::string(kMaxFrameBytes - prefix.size() - suffix.size(), 'x') + suffix;
  REQUIRE(at_limit.size() == kMaxFrameBytes);
  CHECK(decode_client_message(at_limit).ok());
  const std::string over = prefix + std::string(kMaxFrameBytes - prefix.size() - suffix.size() + 1, 'x') + suffix;
  CHECK(rejection_of(over).error.code == ErrorCode::frame_too_large);
  CHECK(closes_connection(ErrorCode::frame_too_large));
  CHECK_FALSE(closes_connection(ErrorCode::bad_request));
}

TEST_CASE("error codes have their protocol names", "[core][protocol]") {
  for (const auto code :
       {ErrorCode::bad_request, ErrorCode::unauthorized, ErrorCode::forbidden, ErrorCode::not_found,
        ErrorCode::conflict, ErrorCode::frame_too_large, ErrorCode::unsupported_proto, ErrorCode::rate_limited}) {
    CHECK(error_code_from_string(to_string(code)) == code);
  }
  CHECK(to_string(ErrorCode::unsupported_proto) == "unsupported_proto");
  CHECK_FALSE(error_code_from_string("oops").has_value());
}

TEST_CASE("a server line that is not a known message is refused by the client decoder", "[core][protocol]") {
  CHECK(decode_server_message(R"({"type":"order","order":{"order_id":"x"}})").error().error.code ==
        ErrorCode::bad_request);
  CHECK(decode_server_message(R"({"type":"party"})").error().error.message == "unknown message type \"party\"");
}

TEST_CASE("server lines may be longer than a client's 64 KiB frame", "[core][protocol][edge]") {
  Snapshot snapshot;
  for (int i = 0; i < 400; ++i) snapshot.orders.push_back(sample_order());
  const ServerEnvelope envelope{std::nullopt, snapshot};
  const std::string line = encode(envelope);
  REQUIRE(line.size() > kMaxFrameBytes);
  const auto decoded = decode_server_message(line);
  REQUIRE(decoded.ok());
  CHECK(std::get<Snapshot>(decoded->message).orders.size() == 400);
}
