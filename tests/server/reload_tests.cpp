// SIGHUP (systemctl reload) on the real server: the devices and the menu
// are read again without a restart. A new tablet's token works; a withdrawn
// one's connection is closed at once and its hello refused after; the others
// keep their connections; new prices apply to new orders only; a broken
// config keeps everything in use.

#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <csignal>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/server/test_support.hpp"

using namespace hourglass;
using namespace hourglass::test;
using core::Role;
namespace fs = std::filesystem;

namespace {

nlohmann::json read_json(const fs::path& path) { return nlohmann::json::parse(ServerProcess::read_file(path)); }

void write_json(const fs::path& path, const nlohmann::json& json) {
  std::ofstream out(path, std::ios::trunc);
  out << json.dump(2);
}

// Sends SIGHUP and waits until the server says it reloaded (or refused to).
void reload(ServerProcess& server, const std::string& expect_in_log) { REQUIRE(server.reload(expect_in_log)); }

core::Order placed(LineClient& client, const std::string& order_id, const std::string& item) {
  const auto reply = client.request(simple_order(order_id, {{item, 1}}));
  INFO(describe(reply));
  const auto* order = as<core::OrderMessage>(reply);
  REQUIRE(order != nullptr);
  return order->order;
}

}  // namespace

TEST_CASE("reload: a new token works, a withdrawn one is closed at once and refused after, others stay",
          "[server][integration][reload]") {
  TempDir dir;
  const fs::path config_path = dir.write_config();
  ServerProcess server(config_path);
  auto stays = connect_as(server.port(), kTable1, Role::table);
  auto stolen = connect_as(server.port(), kTable2, Role::table);
  auto kds = connect_as(server.port(), kKds, Role::kds);

  // The owner takes table 2's stolen tablet out and adds a new one for table 2.
  nlohmann::json config = read_json(config_path);
  nlohmann::json devices = nlohmann::json::array();
  for (const auto& device : config.at("devices")) {
    if (device.at("token") != kTable2) devices.push_back(device);
  }
  devices.push_back({{"token", "token-table-2-new"}, {"role", "table"}, {"table", "2"}, {"name", "tablet-2b"}});
  config["devices"] = devices;
  write_json(config_path, config);
  reload(server, "reloaded");

  // The stolen tablet is told and closed; its token no longer says hello.
  std::optional<std::string> told;
  while ((told = stolen.client.read_line(5s)) && told->find("\"error\"") == std::string::npos) {
  }  // (a push queued before the reload may come first)
  REQUIRE(told);
  CHECK(told->find("\"unauthorized\"") != std::string::npos);
  CHECK(told->find("withdrawn") != std::string::npos);
  CHECK(stolen.client.wait_closed(5s));
  LineClient again(server.port());
  again.send(core::ClientMessage{core::Hello{core::kProtocolVersion, Role::table, "thief", kTable2}}, 1);
  const auto refused = again.read_line(5s);
  REQUIRE(refused);
  CHECK(refused->find("\"unauthorized\"") != std::string::npos);

  // The new tablet for table 2 works, and the others never noticed.
  auto replacement = connect_as(server.port(), "token-table-2-new", Role::table);
  CHECK(replacement.welcome.table == std::optional<std::string>("2"));
  placed(replacement.client, "after-reload-2", "rice");
  placed(stays.client, "after-reload-1", "rice");
  CHECK(server.log().find("token-table-2-new") == std::string::npos);  // tokens are never logged
  CHECK(server.log().find("closed 1 connections of devices no longer in the config") != std::string::npos);
  (void)kds;
}

TEST_CASE("reload: new prices apply to new orders only, every screen gets the new menu, sold out stays sold out",
          "[server][integration][reload]") {
  TempDir dir;
  const fs::path config_path = dir.write_config();
  ServerProcess server(config_path);
  auto table = connect_as(server.port(), kTable1, Role::table);
  auto manager = connect_as(server.port(), kManager, Role::manager);
  const core::Order before = placed(table.client, "price-before", "mapo");
  REQUIRE(as<core::Ok>(manager.client.request(core::SetSoldOut{"gongbao", true})));

  nlohmann::json menu = read_json(sample_menu_path());
  for (auto& item : menu.at("items")) {
    if (item.at("id") == "mapo") item["price"] = item.at("price").get<int>() + 500;
  }
  write_json(dir.path() / "menu-new.json", menu);
  nlohmann::json config = read_json(config_path);
  config["menu"] = (dir.path() / "menu-new.json").string();
  write_json(config_path, config);
  reload(server, "reloaded");

  const auto pushed = next_push_of<core::MenuMessage>(table.client, 5s);
  REQUIRE(pushed);
  const core::MenuItem* mapo = pushed->menu.find("mapo");
  REQUIRE(mapo != nullptr);
  CHECK(mapo->price == before.lines[0].price + 500);
  REQUIRE(pushed->menu.find("gongbao") != nullptr);
  CHECK(pushed->menu.find("gongbao")->sold_out);

  const core::Order after = placed(table.client, "price-after", "mapo");
  CHECK(after.lines[0].price == before.lines[0].price + 500);
  const auto bill = table.client.request(core::GetBill{});
  REQUIRE(as<core::BillMessage>(bill));
  for (const core::Order& order : as<core::BillMessage>(bill)->bill.orders) {
    if (order.order_id == "price-before") CHECK(order.lines[0].price == before.lines[0].price);
  }
}

TEST_CASE("reload: a broken config or menu keeps the devices and menu in use, and says why",
          "[server][integration][reload]") {
  TempDir dir;
  const fs::path config_path = dir.write_config();
  ServerProcess server(config_path);
  auto table = connect_as(server.port(), kTable1, Role::table);
  const std::string good = ServerProcess::read_file(config_path);

  SECTION("not JSON") {
    std::ofstream(config_path, std::ios::trunc) << "{ \"devices\": [";
    reload(server, "reload: ");
  }
  SECTION("a menu that does not load") {
    nlohmann::json config = nlohmann::json::parse(good);
    config["menu"] = (dir.path() / "no-such-menu.json").string();
    write_json(config_path, config);
    reload(server, "keeping the devices and the menu in use");
  }
  CHECK(server.log().find("keeping the devices and the menu in use") != std::string::npos);
  // Everyone still in, and still ordering.
  placed(table.client, "still-here", "rice");
  connect_as(server.port(), kTable2, Role::table);
}
