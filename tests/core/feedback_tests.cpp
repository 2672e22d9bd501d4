// The guest's voice in the core: NPS arithmetic (rounding, no surveys), and
// complaints and surveys through the codec both ways.

#include <catch2/catch.hpp>

#include "shared/core/feedback.hpp"
#include "shared/core/protocol.hpp"

using namespace hourglass::core;

namespace {

std::vector<Survey> scores(std::initializer_list<int> values) {
  std::vector<Survey> surveys;
  for (const int score : values) surveys.push_back(Survey{"1", score, {}, "", 0, false, std::nullopt});
  return surveys;
}

ErrorCode refusal_of(const std::string& line) {
  const auto decoded = decode_client_message(line);
  REQUIRE_FALSE(decoded);
  return decoded.error().error.code;
}

}  // namespace

TEST_CASE("nps: promoters 9-10 minus detractors 0-6, over every survey", "[feedback]") {
  CHECK_FALSE(net_promoter_score(scores({})));
  CHECK(net_promoter_score(scores({10})) == 100);
  CHECK(net_promoter_score(scores({0})) == -100);
  CHECK(net_promoter_score(scores({7, 8})) == 0);  // passives count in the total only
  CHECK(net_promoter_score(scores({9, 6})) == 0);
  CHECK(net_promoter_score(scores({9, 7, 7})) == 33);  // 33.3
  CHECK(net_promoter_score(scores({9, 9, 7})) == 67);  // 66.7
}

TEST_CASE("nps: halves round away from zero", "[feedback]") {
  CHECK(net_promoter_score(1, 0, 8) == 13);    // 12.5
  CHECK(net_promoter_score(0, 1, 8) == -13);   // -12.5
  CHECK(net_promoter_score(3, 0, 8) == 38);    // 37.5
  CHECK(net_promoter_score(0, 3, 8) == -38);
  CHECK(net_promoter_score(1, 0, 200) == 1);   // 0.5
  CHECK(net_promoter_score(0, 1, 201) == 0);   // -0.497...
  CHECK_FALSE(net_promoter_score(0, 0, 0));
}

TEST_CASE("feedback messages: complain, resolve, survey and get_feedback round-trip", "[feedback][protocol]") {
  for (const ClientMessage& message : std::vector<ClientMessage>{
           Complain{ComplaintCategory::dish_quality, std::string("41-2"), "too salty"},
           Complain{ComplaintCategory::slow, std::nullopt, ""},
           ResolveComplaint{7, Resolution::remade, "cooked again"},
           SubmitSurvey{9, {ComplaintCategory::slow, ComplaintCategory::service}, "good", std::nullopt},
           SubmitSurvey{3, {}, "", std::string("kiosk-order-1")},
           GetFeedback{1000, 2000},
           PlaceOrder{"o1", {{"gongbao", 1, ""}}, 6},
       }) {
    const ClientEnvelope envelope{RequestId{std::int64_t{4}}, message};
    const auto decoded = decode_client_message(encode(envelope));
    REQUIRE(decoded);
    CHECK(decoded.value() == envelope);
  }
  Complaint complaint{3, "12", ComplaintCategory::wrong_or_missing, std::string("41-2"), "no rice", 1000,
                      ComplaintStatus::resolved, Resolution::comped, "rice comped", 61000, std::string("rice"),
                      std::string("steam")};
  Survey survey{"12", 6, {ComplaintCategory::slow}, "late", 2000, true, std::nullopt};
  for (const ServerMessage& message : std::vector<ServerMessage>{
           ComplaintMessage{complaint}, Feedback{{survey}, {complaint}, -100}, Feedback{{}, {}, std::nullopt}}) {
    const ServerEnvelope envelope{std::nullopt, message};
    const auto decoded = decode_server_message(encode(envelope));
    REQUIRE(decoded);
    CHECK(decoded.value() == envelope);
  }
  CHECK(response_ms(complaint) == 60000);
}

TEST_CASE("feedback messages: bad input is bad_request, naming the field", "[feedback][protocol]") {
  CHECK(refusal_of(R"({"type":"complain","category":"rude"})") == ErrorCode::bad_request);
  CHECK(refusal_of(R"({"type":"complain"})") == ErrorCode::bad_request);
  CHECK(refusal_of(R"({"type":"complain","category":"slow","line_id":""})") == ErrorCode::bad_request);
  CHECK(refusal_of(R"({"type":"complain","category":"slow","note":")" + std::string(201, 'x') + R"("})") ==
        ErrorCode::bad_request);
  CHECK(decode_client_message(R"({"type":"complain","category":"slow","note":")" + std::string(200, 'x') + R"("})"));
  CHECK(refusal_of(R"({"type":"resolve_complaint","complaint_id":1,"resolution":"ignored"})") == ErrorCode::bad_request);
  CHECK(refusal_of(R"({"type":"resolve_complaint","complaint_id":"1","resolution":"remade"})") ==
        ErrorCode::bad_request);
  for (const char* score : {"-1", "11", "9.5", "\"9\"", "null"}) {
    CAPTURE(score);
    CHECK(refusal_of(std::string(R"({"type":"submit_survey","score":)") + score + "}") == ErrorCode::bad_request);
  }
  CHECK(decode_client_message(R"({"type":"submit_survey","score":0})"));
  CHECK(decode_client_message(R"({"type":"submit_survey","score":10,"reasons":["slow"]})"));
  CHECK(refusal_of(R"({"type":"submit_survey","score":5,"reasons":["slow","slow"]})") == ErrorCode::bad_request);
  CHECK(refusal_of(R"({"type":"submit_survey","score":5,"reasons":["too cold"]})") == ErrorCode::bad_request);
  const auto message = decode_client_message(R"({"type":"submit_survey","score":5,"reasons":[1]})");
  REQUIRE_FALSE(message);
  CHECK_THAT(message.error().error.message, Catch::Contains("reasons[0]"));
}

TEST_CASE("place_order: party_size is a JSON integer 1-50, anything else bad_request", "[feedback][protocol]") {
  const std::string head = R"({"type":"place_order","order_id":"o1","lines":[{"item":"gongbao","qty":1}],"party_size":)";
  for (const char* bad : {"0", "51", "2.0", "\"4\"", "null", "true", "-3"}) {
    CAPTURE(bad);
    const auto decoded = decode_client_message(head + bad + "}");
    REQUIRE_FALSE(decoded);
    CHECK(decoded.error().error.code == ErrorCode::bad_request);
    CHECK_THAT(decoded.error().error.message, Catch::Contains("party_size"));
  }
  for (const int good : {1, 50}) {
    const auto decoded = decode_client_message(head + std::to_string(good) + "}");
    REQUIRE(decoded);
    CHECK(std::get<PlaceOrder>(decoded.value().message).party_size == good);
  }
  const auto without = decode_client_message(R"({"type":"place_order","order_id":"o1","lines":[{"item":"gongbao","qty":1}]})");
  REQUIRE(without);
  CHECK_FALSE(std::get<PlaceOrder>(without.value().message).party_size);
}
