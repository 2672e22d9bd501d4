#pragma once
// Wire protocol v1 (PROTOCOL.md), in one place: every message as a typed
// value, decode-and-validate from one line to a message or an error, encode
// to one line. The frame limit and the version live here too.
//
// Extensions to v1 (documented in docs/protocol.md): `recall_line` (kds and
// manager undo a bump within a minute), `get_history` / `history` (manager:
// every evaluated order in a period, for the on-time rate); extra fields on
// `order` (`promise`), on lines (`late`, `cancelled_at_ms`, `station`), on
// `menu` (`categories`, `stations`) and on breach-log lines (`name`).
// Protocol v1.1 (PROTOCOL.md): `set_sold_out` / `menu_item` / error
// `sold_out`, `hold` and `fire_lines`, `kitchen_load`, `welcome.features`,
// `party_size` and rules, `per_late_minute`, feedback (`complain`,
// `resolve_complaint`, `submit_survey`, `get_feedback`).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "shared/core/error.hpp"
#include "shared/core/feedback.hpp"
#include "shared/core/menu.hpp"
#include "shared/core/order.hpp"
#include "shared/core/promise.hpp"
#include "shared/core/promise_rules.hpp"
#include "shared/core/result.hpp"

namespace hourglass::core {

inline constexpr int kProtocolVersion = 1;
inline constexpr std::size_t kMaxFrameBytes = 65536;  // one client line, without its '\n'
// The limit is on what the server accepts. Server lines (a snapshot of a busy
// kitchen, a month's breach log) are larger; clients cap them here so a
// broken server cannot exhaust their memory.
inline constexpr std::size_t kMaxServerFrameBytes = 64 * 1024 * 1024;
inline constexpr std::uint16_t kDefaultPort = 7015;

// A client's `req`: a string or an integer, echoed as `re`.
using RequestId = std::variant<std::int64_t, std::string>;

// ---- client to server ----

struct Hello {
  std::int64_t proto = kProtocolVersion;
  Role role = Role::table;
  std::string device;
  std::string token;
  bool operator==(const Hello&) const = default;
};
struct PlaceOrder {
  std::string order_id{};
  std::vector<LineRequest> lines;
  std::optional<int> party_size{};  // v1.1: 1-50
  bool operator==(const PlaceOrder&) const = default;
};
struct CancelLine {
  std::string line_id{};
  std::string reason;
  bool operator==(const CancelLine&) const = default;
};
struct MarkLine {
  std::string line_id{};
  LineState state = LineState::cooking;
  bool operator==(const MarkLine&) const = default;
};
struct Rush {
  std::string order_id{};
  bool operator==(const Rush&) const = default;
};
struct CallWaiter {
  bool operator==(const CallWaiter&) const = default;
};
struct CloseTable {
  std::string table;
  std::optional<std::string> order_id{};  // required for "counter"
  bool operator==(const CloseTable&) const = default;
};
struct GetBill {
  std::optional<std::string> table;     // a table may omit it; a kiosk names an order instead
  std::optional<std::string> order_id{};  // extension: a kiosk's or a counter order's bill
  bool operator==(const GetBill&) const = default;
};
struct GetBreachLog {
  std::optional<std::int64_t> since_ms{};  // inclusive, on at_ms
  std::optional<std::int64_t> until_ms{};  // exclusive
  std::optional<std::string> table;
  bool operator==(const GetBreachLog&) const = default;
};
struct CompLine {
  std::string line_id{};
  std::string reason;
  bool operator==(const CompLine&) const = default;
};
struct Ping {
  bool operator==(const Ping&) const = default;
};
// Extension: put a line back to the state it had before this connection's
// last bump of it, within a minute of the bump.
struct RecallLine {
  std::string line_id{};
  bool operator==(const RecallLine&) const = default;
};
// Extension: every order accepted in [since_ms, until_ms), closed or not.
struct GetHistory {
  std::optional<std::int64_t> since_ms{};
  std::optional<std::int64_t> until_ms{};
  bool operator==(const GetHistory&) const = default;
};
// v1.1 sold out (kds, manager).
struct SetSoldOut {
  std::string item;
  bool sold_out = true;
  bool operator==(const SetSoldOut&) const = default;
};
// v1.1 hold and fire: held lines of one table (or kiosk) become a new round.
struct FireLines {
  std::vector<std::string> line_ids;
  std::string order_id{};  // the new round's, made by the client
  bool operator==(const FireLines&) const = default;
};

// v1.1 feedback.
struct Complain {
  ComplaintCategory category = ComplaintCategory::other;
  std::optional<std::string> line_id{};  // the caller's own line
  std::string note{};
  bool operator==(const Complain&) const = default;
};
struct ResolveComplaint {
  std::int64_t complaint_id = 0;
  Resolution resolution = Resolution::apologized;
  std::string note{};
  bool operator==(const ResolveComplaint&) const = default;
};
struct SubmitSurvey {
  int score = 0;
  std::vector<ComplaintCategory> reasons{};
  std::string note{};
  std::optional<std::string> order_id{};  // a kiosk's order
  bool operator==(const SubmitSurvey&) const = default;
};
struct GetFeedback {
  std::optional<std::int64_t> since_ms{};  // inclusive, on at_ms
  std::optional<std::int64_t> until_ms{};  // exclusive
  bool operator==(const GetFeedback&) const = default;
};

using ClientMessage =
    std::variant<Hello, PlaceOrder, CancelLine, MarkLine, Rush, CallWaiter, CloseTable, GetBill, GetBreachLog, CompLine,
                 Ping, RecallLine, GetHistory, SetSoldOut, FireLines, Complain, ResolveComplaint, SubmitSurvey,
                 GetFeedback>;

struct ClientEnvelope {
  std::optional<RequestId> req;
  ClientMessage message;
  bool operator==(const ClientEnvelope&) const = default;
};

// ---- server to client ----

struct Welcome {
  std::int64_t proto = kProtocolVersion;
  std::int64_t server_time_ms = 0;
  Role role = Role::table;
  std::optional<std::string> table;  // the table role only
  std::int64_t promise_s = 900;
  PromisePolicy policy;
  std::vector<std::string> features;  // v1.1: the extensions the server speaks
  std::vector<PromiseRule> rules{};     // extension: promise.rules, so a tablet can tell the terms before ordering
  std::string timezone{};               // extension: the store's IANA zone (rules and local times); "" unknown
  bool operator==(const Welcome&) const = default;
};
struct MenuMessage {
  Menu menu;
  bool operator==(const MenuMessage&) const = default;
};
struct Snapshot {
  std::vector<Order> orders;
  bool operator==(const Snapshot&) const = default;
};
struct OrderMessage {
  Order order;
  bool operator==(const OrderMessage&) const = default;
};
struct BreachMessage {
  std::string order_id{};
  std::string table;
  std::int64_t seq = 0;
  std::vector<OrderLine> late_lines;
  Fen discount = 0;  // the promise compensation alone
  std::string policy;
  bool operator==(const BreachMessage&) const = default;
};
struct BillMessage {
  Bill bill;
  bool operator==(const BillMessage&) const = default;
};
struct BreachLateLine {
  std::string item;
  int qty = 0;
  Fen price = 0;
  std::optional<std::int64_t> served_at_ms;
  std::optional<LocalText> name;  // extension
  bool operator==(const BreachLateLine&) const = default;
};
struct BreachEntry {
  std::int64_t breach_id = 0;
  std::string order_id{};
  std::int64_t seq = 0;
  std::string table;
  std::int64_t accepted_at_ms = 0;
  std::int64_t deadline_ms = 0;
  std::vector<BreachLateLine> late_lines;
  Fen discount = 0;
  std::string policy;
  std::int64_t at_ms = 0;
  bool settled = true;  // v1.1: false while a per_late_minute compensation still grows
  bool operator==(const BreachEntry&) const = default;
};
struct BreachLog {
  std::vector<BreachEntry> entries;  // oldest first
  bool operator==(const BreachLog&) const = default;
};
struct Ok {
  bool operator==(const Ok&) const = default;
};
struct Pong {
  std::int64_t server_time_ms = 0;
  bool operator==(const Pong&) const = default;
};
struct ErrorMessage {
  Error error;
  bool operator==(const ErrorMessage&) const = default;
};
struct CallWaiterNotice {
  std::string table;
  std::int64_t at_ms = 0;
  bool operator==(const CallWaiterNotice&) const = default;
};
struct History {
  std::vector<Order> orders;
  bool operator==(const History&) const = default;
};

// v1.1 sold out: one menu item as it now stands, to every connection.
struct MenuItemMessage {
  MenuItem item;
  bool operator==(const MenuItemMessage&) const = default;
};
// v1.1 kitchen load: the projected wait of a typical new order.
struct KitchenLoad {
  std::int64_t wait_s = 0;
  std::int64_t at_ms = 0;
  bool operator==(const KitchenLoad&) const = default;
};

// v1.1 feedback: a complaint as it now stands (new, or resolved).
struct ComplaintMessage {
  Complaint complaint{};
  bool operator==(const ComplaintMessage&) const = default;
};
struct Feedback {
  std::vector<Survey> surveys{};
  std::vector<Complaint> complaints{};
  std::optional<int> nps{};
  bool operator==(const Feedback&) const = default;
};

using ServerMessage =
    std::variant<Welcome, MenuMessage, Snapshot, OrderMessage, BreachMessage, BillMessage, BreachLog, Ok, Pong,
                 ErrorMessage, CallWaiterNotice, History, MenuItemMessage, KitchenLoad, ComplaintMessage, Feedback>;

// The v1.1 features (`welcome.features`) this build speaks.
inline constexpr std::string_view kFeatureSoldOut = "sold_out";
inline constexpr std::string_view kFeatureHoldFire = "hold_fire";
inline constexpr std::string_view kFeatureKitchenLoad = "kitchen_load";
inline constexpr std::string_view kFeaturePartySize = "party_size";
inline constexpr std::string_view kFeaturePerLateMinute = "per_late_minute";
inline constexpr std::string_view kFeatureFeedback = "feedback";

struct ServerEnvelope {
  std::optional<RequestId> re;
  ServerMessage message;
  bool operator==(const ServerEnvelope&) const = default;
};

// A rejected line: the error to answer, with the request's `req` when it
// could be read, so the reply can carry `re`.
struct DecodeError {
  Error error;
  std::optional<RequestId> req;
  bool operator==(const DecodeError&) const = default;
};

// Decode-and-validate one line (without its '\n'). Unknown fields are
// ignored; wrong JSON types, out-of-range values and unknown types are
// bad_request; a client line over kMaxFrameBytes (a server line over
// kMaxServerFrameBytes) is frame_too_large.
Result<ClientEnvelope, DecodeError> decode_client_message(std::string_view line);
Result<ServerEnvelope, DecodeError> decode_server_message(std::string_view line);

// One line of JSON, without the trailing '\n'.
std::string encode(const ClientEnvelope& envelope);
std::string encode(const ServerEnvelope& envelope);

// The `type` string of a message.
std::string_view message_type(const ClientMessage& message);
std::string_view message_type(const ServerMessage& message);

// JSON forms shared with storage and exports.
Json order_to_json(const Order& order);
Json order_line_to_json(const OrderLine& line);
Result<Order, std::string> order_from_json(const Json& json);
Json breach_entry_to_json(const BreachEntry& entry);

}  // namespace hourglass::core
