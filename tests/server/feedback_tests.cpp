// Protocol v1.1 party size and rules, per_late_minute and feedback on the
// real hourglass-kitchen through real sockets, each message from both sides:
// the request and its refusals, and what every other connection is pushed.

#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <ctime>

#include "shared/core/local_time.hpp"
#include "tests/kit/test_kitchen.hpp"
#include "tests/server/test_support.hpp"

using namespace hourglass;
using namespace hourglass::test;
using core::ErrorCode;
using core::LineState;
using core::Role;

namespace {

template <class T>
T reply_as(const core::ServerEnvelope& envelope) {
  INFO(describe(envelope));
  const T* message = as<T>(envelope);
  REQUIRE(message);
  return *message;
}

// Whether a push of type T arrives before a ping's pong.
template <class T>
bool pushed(LineClient& client) {
  for (const auto& envelope : client.drain()) {
    if (as<T>(envelope)) return true;
  }
  return false;
}

core::Order place(Connected& who, const std::string& id, std::optional<int> party_size = std::nullopt) {
  core::PlaceOrder order = simple_order(id, {{"gongbao", 1}, {"rice", 1}});
  order.party_size = party_size;
  return reply_as<core::OrderMessage>(who.client.request(order)).order;
}

bool has_feature(const core::Welcome& welcome, const char* name) {
  return std::find(welcome.features.begin(), welcome.features.end(), name) != welcome.features.end();
}

}  // namespace

TEST_CASE("v1.1 party size: a rule picks the terms, every order carries them, bad sizes are refused",
          "[server][v11][feedback]") {
  TestConfig config;
  config.policy = R"({"policy":"free_unserved","rules":[{"party_min":5,"party_max":10,"seconds":2700}]})";
  TestKitchen kitchen(config);
  auto table = connect_as(kitchen.port(), kTable1, Role::table);
  auto kds = connect_as(kitchen.port(), kKds, Role::kds);
  for (const char* feature : {"party_size", "per_late_minute", "feedback"}) {
    CAPTURE(feature);
    CHECK(has_feature(table.welcome, feature));
  }
  // The welcome tells the tablet the rules, so it can say the terms before the order.
  REQUIRE(table.welcome.rules.size() == 1);
  CHECK(table.welcome.rules[0].party_min == 5);
  CHECK(table.welcome.rules[0].terms.seconds == 2700);
  CHECK_FALSE(table.welcome.timezone.empty());

  const core::Order big = place(table, "big", 6);
  CHECK(big.party_size == 6);
  CHECK(big.promise.seconds == 2700);
  CHECK(big.deadline_ms == big.accepted_at_ms + 2'700'000);
  const auto seen = next_push_of<core::OrderMessage>(kds.client);
  REQUIRE(seen);
  CHECK(seen->order.promise.seconds == 2700);
  CHECK(seen->order.party_size == 6);

  const core::Order small = place(table, "small", 4);
  CHECK(small.promise.seconds == 900);
  const core::Order unsaid = place(table, "unsaid");
  CHECK(unsaid.promise.seconds == 900);
  CHECK_FALSE(unsaid.party_size);

  for (const char* bad : {"0", "51", "4.0", "\"4\"", "null"}) {
    CAPTURE(bad);
    table.client.send_line(std::string(R"({"type":"place_order","req":7,"order_id":"bad-)") + bad[0] +
                           R"(","lines":[{"item":"rice","qty":1}],"party_size":)" + bad + "}");
    const auto answer = table.client.next();
    REQUIRE(answer);
    CHECK(error_of(*answer) == ErrorCode::bad_request);
  }
  const auto bill = reply_as<core::BillMessage>(table.client.request(core::GetBill{}));
  CHECK(bill.bill.orders.size() == 3);  // nothing of the refused ones was stored
}

TEST_CASE("v1.1 rules: the time of day in the configured zone", "[server][v11][feedback]") {
  // A window around now in Shanghai (it may cross midnight: supported).
  core::use_timezone("Asia/Shanghai");
  const int now = core::local_minute_of_day(std::time(nullptr) * 1000LL);
  const int from = (now + 24 * 60 - 2) % (24 * 60);
  const int until = (now + 3) % (24 * 60);
  TestConfig config;
  config.timezone = "Asia/Shanghai";
  config.policy = fmt::format(R"({{"policy":"free_unserved","rules":[{{"from":"{}","until":"{}","seconds":1200}}]}})",
                              core::format_time_of_day(from), core::format_time_of_day(until));
  TestKitchen kitchen(config);
  auto table = connect_as(kitchen.port(), kTable1, Role::table);
  CHECK(table.welcome.timezone == "Asia/Shanghai");
  CHECK(place(table, "lunch").promise.seconds == 1200);
}

TEST_CASE("v1.1 rules: an unknown zone or a bad rule stops the server, naming it", "[server][v11][feedback]") {
  TempDir dir;
  TestConfig config;
  config.timezone = "Asia/Atlantis";
  const auto zone = run_server_to_exit(dir.write_config(config));
  CHECK(zone.exit_code == 2);
  CHECK_THAT(zone.output, Catch::Contains("Asia/Atlantis"));
  TempDir dir2;
  TestConfig rules;
  rules.policy = R"({"policy":"free_unserved","rules":[{"party_min":5,"party_max":10,"seconds":2700},)"
                 R"({"party_min":8,"seconds":3600}]})";
  const auto overlap = run_server_to_exit(dir2.write_config(rules));
  CHECK(overlap.exit_code == 2);
  CHECK_THAT(overlap.output, Catch::Contains("promise.rules[1]") && Catch::Contains("overlaps"));
}

TEST_CASE("v1.1 per_late_minute: the breach is stored at once, accrues, and settles when the late line is served",
          "[server][v11][feedback]") {
  TestConfig config;
  config.promise_seconds = 1;
  config.policy = R"({"policy":"per_late_minute","per_minute":500,"cap":5000})";
  TestKitchen kitchen(config);
  auto table = connect_as(kitchen.port(), kTable1, Role::table);
  auto kds = connect_as(kitchen.port(), kKds, Role::kds);
  auto manager = connect_as(kitchen.port(), kManager, Role::manager);
  CHECK(std::holds_alternative<core::PerLateMinutePolicy>(table.welcome.policy));
  const core::Order order = place(table, "late");
  const auto breach = next_push_of<core::BreachMessage>(table.client, 5s);
  REQUIRE(breach);
  CHECK(breach->policy == "per_late_minute");
  CHECK(breach->discount == 500);  // the first minute, owed at once
  auto log = reply_as<core::BreachLog>(manager.client.request(core::GetBreachLog{}));
  REQUIRE(log.entries.size() == 1);
  CHECK_FALSE(log.entries[0].settled);
  CHECK(log.entries[0].discount == 500);

  for (const auto& line : order.lines) kds.client.request(core::MarkLine{line.line_id, LineState::served});
  log = reply_as<core::BreachLog>(manager.client.request(core::GetBreachLog{}));
  REQUIRE(log.entries.size() == 1);
  CHECK(log.entries[0].settled);
  CHECK(log.entries[0].discount == 500);  // served within the first minute
  const auto bill = reply_as<core::BillMessage>(table.client.request(core::GetBill{}));
  CHECK(bill.bill.discount == 500);
  CHECK(bill.bill.total == bill.bill.subtotal - 500);
}

TEST_CASE("v1.1 complaints: from the table about its own dish, to every kds and manager, answered back",
          "[server][v11][feedback]") {
  TestKitchen kitchen;
  auto table = connect_as(kitchen.port(), kTable1, Role::table);
  auto tablet_b = connect_as(kitchen.port(), kTable1b, Role::table);
  auto other = connect_as(kitchen.port(), kTable2, Role::table);
  auto kiosk = connect_as(kitchen.port(), kKiosk1, Role::kiosk);
  auto kds = connect_as(kitchen.port(), kKds, Role::kds);
  auto manager = connect_as(kitchen.port(), kManager, Role::manager);
  const core::Order order = place(table, "o1");
  const std::string gongbao = order.lines[0].line_id;

  // Refusals: not a diner, not one's own line, no such line, a bad category.
  CHECK(error_of(kds.client.request(core::Complain{core::ComplaintCategory::slow, std::nullopt, ""})) ==
        ErrorCode::forbidden);
  CHECK(error_of(other.client.request(core::Complain{core::ComplaintCategory::dish_quality, gongbao, ""})) ==
        ErrorCode::forbidden);
  CHECK(error_of(kiosk.client.request(core::Complain{core::ComplaintCategory::dish_quality, gongbao, ""})) ==
        ErrorCode::forbidden);
  CHECK(error_of(table.client.request(core::Complain{core::ComplaintCategory::dish_quality, std::string("99-1"), ""})) ==
        ErrorCode::not_found);
  table.client.send_line(R"({"type":"complain","req":3,"category":"rude"})");
  const auto bad = table.client.next();
  REQUIRE(bad);
  CHECK(error_of(*bad) == ErrorCode::bad_request);

  const auto made = reply_as<core::ComplaintMessage>(
                        table.client.request(core::Complain{core::ComplaintCategory::dish_quality, gongbao, "太咸了"}))
                        .complaint;
  CHECK(made.complaint_id >= 1);
  CHECK(made.status == core::ComplaintStatus::open);
  CHECK(made.table == "1");
  CHECK(made.item == "gongbao");
  CHECK(made.note == "太咸了");
  for (auto* staff : {&kds.client, &manager.client, &tablet_b.client}) {
    const auto push = next_push_of<core::ComplaintMessage>(*staff);
    REQUIRE(push);
    CHECK(push->complaint == made);
  }
  CHECK_FALSE(pushed<core::ComplaintMessage>(other.client));
  CHECK_FALSE(pushed<core::ComplaintMessage>(kiosk.client));

  // A kds joining now is told of it (the open alerts).
  auto late_kds = connect_as(kitchen.port(), kKds2, Role::kds);
  const auto told = next_push_of<core::ComplaintMessage>(late_kds.client);
  REQUIRE(told);
  CHECK(told->complaint.complaint_id == made.complaint_id);

  // Only the manager resolves, once.
  CHECK(error_of(kds.client.request(core::ResolveComplaint{made.complaint_id, core::Resolution::remade, ""})) ==
        ErrorCode::forbidden);
  CHECK(error_of(manager.client.request(core::ResolveComplaint{999, core::Resolution::remade, ""})) ==
        ErrorCode::not_found);
  const auto resolved =
      reply_as<core::ComplaintMessage>(
          manager.client.request(core::ResolveComplaint{made.complaint_id, core::Resolution::remade, "cooked again"}))
          .complaint;
  CHECK(resolved.status == core::ComplaintStatus::resolved);
  CHECK(resolved.resolution == core::Resolution::remade);
  CHECK(resolved.resolution_note == "cooked again");
  REQUIRE(resolved.resolved_at_ms);
  CHECK(*resolved.resolved_at_ms >= made.at_ms);
  for (auto* told_of : {&table.client, &tablet_b.client, &kds.client}) {
    const auto push = next_push_of<core::ComplaintMessage>(*told_of);
    REQUIRE(push);
    CHECK(push->complaint == resolved);
  }
  CHECK(error_of(manager.client.request(core::ResolveComplaint{made.complaint_id, core::Resolution::comped, ""})) ==
        ErrorCode::conflict);

  // A kiosk complains about nothing in particular; the table's tablet that reconnects sees its answer.
  const auto counter =
      reply_as<core::ComplaintMessage>(kiosk.client.request(core::Complain{core::ComplaintCategory::cleanliness, {}, ""}))
          .complaint;
  CHECK(counter.table == "counter");
  CHECK_FALSE(counter.line_id);
  auto again = connect_as(kitchen.port(), kTable1, Role::table);
  const auto remembered = next_push_of<core::ComplaintMessage>(again.client);
  REQUIRE(remembered);
  CHECK(remembered->complaint == resolved);
}

TEST_CASE("v1.1 surveys: one per table bill or kiosk order, joined to whether the promise was kept",
          "[server][v11][feedback]") {
  TestConfig config;
  config.promise_seconds = 1;
  TestKitchen kitchen(config);
  auto table = connect_as(kitchen.port(), kTable1, Role::table);
  auto two = connect_as(kitchen.port(), kTable2, Role::table);
  auto kiosk = connect_as(kitchen.port(), kKiosk1, Role::kiosk);
  auto kiosk2 = connect_as(kitchen.port(), kKiosk2, Role::kiosk);
  auto kds = connect_as(kitchen.port(), kKds, Role::kds);
  auto manager = connect_as(kitchen.port(), kManager, Role::manager);

  CHECK(error_of(table.client.request(core::SubmitSurvey{9, {}, "", {}})) == ErrorCode::not_found);  // no bill yet
  CHECK(error_of(kds.client.request(core::SubmitSurvey{9, {}, "", {}})) == ErrorCode::forbidden);

  // Table 1 is served in time (kept); table 2 is left to breach.
  const core::Order kept = place(table, "kept");
  for (const auto& line : kept.lines) kds.client.request(core::MarkLine{line.line_id, LineState::served});
  place(two, "broken");
  REQUIRE(next_push_of<core::BreachMessage>(two.client, 5s));

  CHECK(reply_as<core::Ok>(table.client.request(core::SubmitSurvey{10, {}, "fast", {}})).operator==(core::Ok{}));
  CHECK(error_of(table.client.request(core::SubmitSurvey{3, {}, "", {}})) == ErrorCode::conflict);
  reply_as<core::Ok>(two.client.request(core::SubmitSurvey{4, {core::ComplaintCategory::slow}, "", {}}));
  // After the bill is closed it is still the same bill: no second survey.
  reply_as<core::BillMessage>(kds.client.request(core::CloseTable{"2", {}}));
  CHECK(error_of(two.client.request(core::SubmitSurvey{9, {}, "", {}})) == ErrorCode::conflict);

  // A kiosk names its order; another kiosk's is not its own.
  const core::Order counter = place(kiosk, "counter-1");
  CHECK(error_of(kiosk.client.request(core::SubmitSurvey{8, {}, "", {}})) == ErrorCode::bad_request);
  CHECK(error_of(kiosk2.client.request(core::SubmitSurvey{8, {}, "", counter.order_id})) == ErrorCode::forbidden);
  CHECK(error_of(kiosk.client.request(core::SubmitSurvey{8, {}, "", std::string("nope")})) == ErrorCode::not_found);
  reply_as<core::Ok>(kiosk.client.request(core::SubmitSurvey{8, {}, "", counter.order_id}));

  CHECK(error_of(table.client.request(core::GetFeedback{})) == ErrorCode::forbidden);
  const auto feedback = reply_as<core::Feedback>(manager.client.request(core::GetFeedback{}));
  REQUIRE(feedback.surveys.size() == 3);
  CHECK(feedback.surveys[0].table == "1");
  CHECK(feedback.surveys[0].score == 10);
  CHECK_FALSE(feedback.surveys[0].breached);
  CHECK(feedback.surveys[1].table == "2");
  CHECK(feedback.surveys[1].breached);
  CHECK(feedback.surveys[1].reasons == std::vector<core::ComplaintCategory>{core::ComplaintCategory::slow});
  CHECK(feedback.surveys[2].order_id == counter.order_id);
  // One promoter, one detractor, one passive: 0.
  CHECK(feedback.nps == 0);
  // The period filter: nothing before the first survey.
  const auto none = reply_as<core::Feedback>(
      manager.client.request(core::GetFeedback{std::nullopt, feedback.surveys[0].at_ms}));
  CHECK(none.surveys.empty());
  CHECK_FALSE(none.nps);
}
