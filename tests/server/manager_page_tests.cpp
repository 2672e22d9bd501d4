// The manager's page on a phone: its figures (pure), then the real server's
// HTTP with a real client, then the page in a real browser (headless
// Chromium from Debian) against a real server, saving its screenshots.

#include <fmt/format.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <regex>

#include "kitchen/server/manager_summary.hpp"
#include "tests/server/test_support.hpp"

using namespace hourglass;
using namespace hourglass::test;
using core::Role;
namespace fs = std::filesystem;
namespace http = boost::beast::http;

namespace {

core::Order order_of(std::int64_t seq, core::OrderStatus status, std::vector<core::LineState> states) {
  core::Order order;
  order.order_id = fmt::format("o{}", seq);
  order.seq = seq;
  order.table = "7";
  order.status = status;
  order.accepted_at_ms = 1000;
  order.deadline_ms = 901'000;
  for (std::size_t i = 0; i < states.size(); ++i) {
    core::OrderLine line;
    line.line_id = fmt::format("{}-{}", seq, i + 1);
    line.item = "mapo";
    line.name = {"Mapo Tofu", "麻婆豆腐"};
    line.state = states[i];
    line.late = status == core::OrderStatus::breached && states[i] != core::LineState::served;
    order.lines.push_back(line);
  }
  return order;
}

struct HttpReply {
  int status = 0;
  std::string content_type;
  std::string body;
};

// One request on a connected stream (plain or TLS), and its reply.
template <class Stream>
HttpReply exchange(Stream& stream, http::verb method, const std::string& target, const std::string& authorization) {
  http::request<http::empty_body> request(method, target, 11);
  request.set(http::field::host, "127.0.0.1");
  if (!authorization.empty()) request.set(http::field::authorization, authorization);
  http::write(stream, request);
  boost::beast::flat_buffer buffer;
  http::response<http::string_body> response;
  http::read(stream, buffer, response);
  return HttpReply{static_cast<int>(response.result_int()), std::string(response[http::field::content_type]),
                   response.body()};
}

HttpReply http_get(std::uint16_t port, const std::string& target, const std::string& authorization = {},
                   http::verb method = http::verb::get) {
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket socket(io);
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), port});
  return exchange(socket, method, target, authorization);
}

// GET over TLS, trusting `ca`; throws if the handshake fails.
HttpReply https_get(std::uint16_t port, const std::string& target, const std::string& authorization,
                    const fs::path& ca) {
  boost::asio::io_context io;
  boost::asio::ssl::context tls(boost::asio::ssl::context::tls_client);
  tls.load_verify_file(ca.string());
  tls.set_verify_mode(boost::asio::ssl::verify_peer);
  boost::beast::ssl_stream<boost::asio::ip::tcp::socket> stream(io, tls);
  stream.next_layer().connect({boost::asio::ip::make_address("127.0.0.1"), port});
  stream.handshake(boost::asio::ssl::stream_base::client);
  return exchange(stream, http::verb::get, target, authorization);
}

// The page's port, from the line the server logs when it listens.
std::uint16_t web_port(const ServerProcess& server) {
  std::smatch match;
  const std::string log = server.log();
  static const std::regex line(R"(manager page on https?://127\.0\.0\.1:(\d+)/)");
  REQUIRE(std::regex_search(log, match, line));
  return static_cast<std::uint16_t>(std::stoi(match[1].str()));
}

const std::string kManagerAuth = std::string("Bearer ") + kManager;

std::string run(const std::string& command) {
  std::string output;
  if (std::FILE* pipe = ::popen(command.c_str(), "r")) {
    char chunk[4096];
    while (const std::size_t n = std::fread(chunk, 1, sizeof chunk, pipe)) output.append(chunk, n);
    ::pclose(pipe);
  }
  return output;
}

}  // namespace

TEST_CASE("manager page: today's totals count only decided promises, and open orders list the dishes to come",
          "[server]") {
  kitchen::ManagerSummaryInput input;
  input.server_time_ms = 500'000;
  input.orders_today = {order_of(1, core::OrderStatus::kept, {core::LineState::served}),
                        order_of(2, core::OrderStatus::breached, {core::LineState::queued}),
                        order_of(3, core::OrderStatus::open, {core::LineState::queued, core::LineState::served,
                                                              core::LineState::fired})};
  input.open_orders = {input.orders_today[2]};
  core::BreachEntry breach;
  breach.seq = 2;
  breach.table = "7";
  breach.discount = 4400;
  breach.late_lines = {core::BreachLateLine{"mapo", 2, 2200, std::nullopt, core::LocalText{"Mapo Tofu", "麻婆豆腐"}}};
  input.breaches = {breach};
  core::Complaint complaint;
  complaint.table = "7";
  complaint.note = "too salty";
  input.open_complaints = {complaint};

  const core::Json summary = kitchen::manager_summary(input);
  const core::Json& totals = summary["totals"];
  CHECK(totals["orders"] == 3);
  CHECK(totals["decided"] == 2);  // the open one's promise still runs
  CHECK(totals["on_time"] == 1);
  CHECK(totals["breached"] == 1);
  CHECK(totals["on_time_percent"].get<double>() == Approx(50.0));
  CHECK(totals["compensation_fen"] == 4400);
  CHECK(totals["open_complaints"] == 1);
  REQUIRE(summary["open_orders"].size() == 1);
  const core::Json& open = summary["open_orders"][0];
  CHECK(open["deadline_ms"] == 901'000);
  CHECK(open["lines_total"] == 2);  // the fired line went on in a later round
  CHECK(open["lines_waiting"] == 1);
  CHECK(open["waiting"][0]["name"]["zh"] == "麻婆豆腐");
  CHECK(summary["breaches"][0]["late_dishes"][0]["qty"] == 2);
  CHECK(summary["complaints"][0]["note"] == "too salty");

  input.orders_today.clear();
  CHECK(kitchen::manager_summary(input)["totals"]["on_time_percent"].is_null());  // nothing decided: no rate
}

TEST_CASE("manager page over HTTP: the page for anyone, the figures and the CSV for the manager's token only, "
          "read-only",
          "[server][integration]") {
  TempDir dir;
  TestConfig config;
  config.web = true;
  config.promise_seconds = 2;
  ServerProcess server(dir.write_config(config));
  const std::uint16_t port = web_port(server);
  auto table = connect_as(server.port(), kTable1, Role::table);
  const auto placed_reply = table.client.request(simple_order("web-1", {{"mapo", 1}, {"rice", 2}}));
  const auto* placed = as<core::OrderMessage>(placed_reply);
  REQUIRE(placed);

  const HttpReply page = http_get(port, "/");
  CHECK(page.status == 200);
  CHECK(page.content_type == "text/html; charset=utf-8");
  CHECK(page.body.find("Hourglass") != std::string::npos);
  CHECK(page.body.find("/api/summary") != std::string::npos);

  for (const std::string& authorization : {std::string(), std::string("Bearer ") + kTable1, std::string("Bearer x"),
                                           std::string(kManager)}) {
    CAPTURE(authorization);
    CHECK(http_get(port, "/api/summary", authorization).status == 401);
    CHECK(http_get(port, "/api/breaches.csv", authorization).status == 401);
  }
  CHECK(http_get(port, "/api/summary", kManagerAuth, http::verb::post).status == 405);
  CHECK(http_get(port, "/nowhere", kManagerAuth).status == 404);

  const HttpReply first = http_get(port, "/api/summary", kManagerAuth);
  REQUIRE(first.status == 200);
  const core::Json summary = core::Json::parse(first.body);
  REQUIRE(summary["open_orders"].size() == 1);
  CHECK(summary["open_orders"][0]["seq"] == placed->order.seq);
  CHECK(summary["open_orders"][0]["deadline_ms"] == placed->order.deadline_ms);  // the countdown's end, as the tablet has it
  CHECK(summary["open_orders"][0]["lines_waiting"] == 2);
  CHECK(summary["totals"]["orders"] == 1);

  // The promise breaks: the breach, its compensation and the CSV.
  REQUIRE(next_push_of<core::BreachMessage>(table.client, 10s));
  const core::Json after = core::Json::parse(http_get(port, "/api/summary", kManagerAuth).body);
  CHECK(after["totals"]["breached"] == 1);
  CHECK(after["totals"]["compensation_fen"] == placed->order.subtotal);  // free_unserved: all of it
  CHECK(after["breaches"][0]["seq"] == placed->order.seq);
  const HttpReply csv = http_get(port, "/api/breaches.csv", kManagerAuth);
  CHECK(csv.status == 200);
  CHECK(csv.content_type == "text/csv; charset=utf-8");
  CHECK(csv.body.rfind("\xEF\xBB\xBF", 0) == 0);
  CHECK(csv.body.find(placed->order.order_id) != std::string::npos);
}

TEST_CASE("manager page with TLS on: HTTPS with the kitchen's certificate, and nothing in plain HTTP",
          "[server][integration]") {
  TempDir dir;
  make_test_certificate(dir.path(), "server");
  TestConfig config;
  config.web = true;
  config.tls = R"({"cert":"server.crt","key":"server.key"})";
  ServerProcess server(dir.write_config(config));
  CHECK(server.log().find("manager page on https://") != std::string::npos);
  const std::uint16_t port = web_port(server);
  const HttpReply summary = https_get(port, "/api/summary", kManagerAuth, dir / "server.crt");
  CHECK(summary.status == 200);
  CHECK(core::Json::parse(summary.body)["totals"]["orders"] == 0);
  CHECK(https_get(port, "/api/summary", "Bearer " + std::string(kTable1), dir / "server.crt").status == 401);
  CHECK_THROWS(http_get(port, "/"));  // plain HTTP gets no page
}

TEST_CASE("manager page in a real browser: headless Chromium shows the live numbers, in English and Chinese",
          "[server][integration][browser]") {
  const fs::path chromium = HOURGLASS_CHROMIUM;
  REQUIRE(fs::exists(chromium));  // deploy/install-deps.sh installs it
  TempDir dir;
  TestConfig config;
  config.web = true;
  ServerProcess server(dir.write_config(config));
  const std::uint16_t port = web_port(server);
  auto table = connect_as(server.port(), kTable1, Role::table);
  REQUIRE(as<core::OrderMessage>(table.client.request(simple_order("phone-1", {{"mapo", 1}, {"rice", 2}}))));
  auto table2 = connect_as(server.port(), kTable2, Role::table);
  REQUIRE(as<core::OrderMessage>(table2.client.request(simple_order("phone-2", {{"gongbao", 1}}))));

  const std::string browser = fmt::format(
      "'{}' --headless=new --no-sandbox --disable-gpu --virtual-time-budget=3000 --window-size=390,844 ",
      chromium.string());
  for (const std::string lang : {"en", "zh"}) {
    CAPTURE(lang);
    // The token in the fragment never reaches the server's log or the network; the page keeps it for the session.
    const std::string url = fmt::format("'http://127.0.0.1:{}/?lang={}#token={}'", port, lang, kManager);
    const std::string dom = run(browser + "--dump-dom " + url + " 2>/dev/null");
    REQUIRE_FALSE(dom.empty());
    CHECK(dom.find(lang == "en" ? "Table 1 · #1" : "桌 1 · #1") != std::string::npos);
    CHECK(dom.find(lang == "en" ? "Mapo Tofu" : "麻婆豆腐") != std::string::npos);
    CHECK(dom.find(lang == "en" ? "Table 2 · #2" : "桌 2 · #2") != std::string::npos);
    // A live countdown, a little under the 15 minutes.
    CHECK(std::regex_search(dom, std::regex(R"(class="clock ">1[45]:\d\d<)")));
    const fs::path shot = fs::current_path() / fmt::format("manager_phone_{}.png", lang);
    fs::remove(shot);
    run(browser + "--screenshot=" + shot.string() + " " + url + " 2>/dev/null");
    CHECK(fs::exists(shot));
    CHECK(fs::file_size(shot) > 10'000);
  }
}
