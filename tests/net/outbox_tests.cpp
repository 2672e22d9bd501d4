#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "shared/net/outbox.hpp"

using namespace hourglass;

namespace {
std::filesystem::path temp_path(const std::string& name) {
  const auto folder = std::filesystem::temp_directory_path() / ("hourglass-net-outbox-" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder);
  return folder / name;
}
}  // namespace

TEST_CASE("outbox: round trip through a file", "[net]") {
  std::vector<net::PendingOrder> orders;
  net::PendingOrder first;
  first.order_id = "0d6c4a8e-0000-4000-8000-000000000001";
  first.created_ms = 1763800000000;
  first.lines = {core::LineRequest{"gongbao", 2, "less spicy, 少辣"}, core::LineRequest{"rice", 2, ""}};
  orders.push_back(first);
  const auto path = temp_path("round-trip.json").string();
  REQUIRE(net::save_outbox(path, orders));
  const auto loaded = net::load_outbox(path);
  REQUIRE(loaded);
  REQUIRE(loaded->size() == 1);
  CHECK(loaded->front().order_id == first.order_id);
  CHECK(loaded->front().lines == first.lines);
  CHECK(loaded->front().created_ms == first.created_ms);
  CHECK_FALSE(std::filesystem::exists(path + ".tmp"));
  SECTION("an empty outbox replaces the file") {
    REQUIRE(net::save_outbox(path, {}));
    const auto empty = net::load_outbox(path);
    REQUIRE(empty);
    CHECK(empty->empty());
  }
}

TEST_CASE("outbox: a missing file is empty, a broken one is an error", "[net]") {
  const auto missing = net::load_outbox(temp_path("missing.json").string());
  REQUIRE(missing);
  CHECK(missing->empty());
  const auto broken = temp_path("broken.json");
  std::ofstream(broken) << "{\"version\":1,\"orders\":[{\"order_id\":";
  const auto loaded = net::load_outbox(broken.string());
  REQUIRE_FALSE(loaded);
  CHECK(loaded.error().find("broken.json") != std::string::npos);
}

TEST_CASE("outbox: numbers out of range are refused, not read (fuzz_cart's 2.2e112 as a qty)", "[net]") {
  const auto with = [](const std::string& order_fields, const std::string& qty) {
    return R"({"version":1,"orders":[{"order_id":"o1",)" + order_fields + R"("lines":[{"item":"tea","qty":)" + qty +
           "}]}]}";
  };
  REQUIRE(net::decode_outbox(with("", "2")));
  CHECK_THAT(net::decode_outbox(with("", "2.2e112")).error(), Catch::Contains("qty is not a whole number"));
  CHECK_THAT(net::decode_outbox(with("", "4294967298")).error(), Catch::Contains("qty is not a whole number"));
  CHECK_THAT(net::decode_outbox(with(R"("party_size":18446744073709551615,)", "2")).error(),
             Catch::Contains("party_size is not a whole number"));
  CHECK_THAT(net::decode_outbox(with(R"("created_ms":1e300,)", "2")).error(),
             Catch::Contains("created_ms is not a whole number"));
  CHECK_THAT(net::decode_outbox(R"({"version":1.5,"orders":[]})").error(), Catch::Contains("unknown outbox version"));
}
