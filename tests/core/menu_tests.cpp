#include <catch2/catch.hpp>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <set>
#include <unistd.h>

#include "shared/core/menu.hpp"

using namespace hourglass::core;

namespace {

// A valid one-item document that each test breaks in one place.
Json valid_document() {
  return Json::parse(R"({
    "categories":[{"id":"wok","name":{"en":"Wok","zh":"炒菜"}}],
    "stations":[{"id":"wok","name":{"en":"Wok","zh":"炒锅"}}],
    "items":[{"id":"gongbao","name":{"en":"Kung Pao Chicken","zh":"宫保鸡丁"},"category":"wok",
              "price":3800,"station":"wok","promised":true,"prep_s":480,"spicy":2,"allergens":["peanut"],
              "description":{"en":"Chicken, peanuts, chillies.","zh":"鸡丁花生"}}]})");
}

std::string error_of(const Json& document) {
  const auto menu = parse_menu(document.dump(), "menu.json");
  REQUIRE_FALSE(menu.ok());
  return menu.error();
}

}  // namespace

TEST_CASE("the sample menu loads and is a real restaurant's", "[core][menu]") {
  const auto menu = load_menu_file(HOURGLASS_SOURCE_DIR "/assets/menu.json");
  REQUIRE(menu.ok());
  CHECK(menu->items.size() >= 30);
  CHECK(menu->categories.size() >= 6);
  CHECK(menu->stations.size() >= 3);
  int unpromised = 0;
  std::set<std::string> categories_used;
  for (const auto& item : menu->items) {
    CAPTURE(item.id);
    CHECK(item.prep_s.has_value());
    CHECK_FALSE(item.name.en.empty());
    CHECK_FALSE(item.name.zh.empty());
    CHECK(item.price > 0);
    unpromised += item.promised ? 0 : 1;
    categories_used.insert(item.category);
  }
  CHECK(unpromised >= 2);
  CHECK(categories_used.size() == menu->categories.size());
}

TEST_CASE("a valid menu item reads every field", "[core][menu]") {
  const auto menu = menu_from_json(valid_document(), "menu.json");
  REQUIRE(menu.ok());
  const MenuItem* item = menu->find("gongbao");
  REQUIRE(item != nullptr);
  CHECK(item->name.in(Language::zh) == "宫保鸡丁");
  CHECK(item->name.in(Language::en) == "Kung Pao Chicken");
  CHECK(item->price == 3800);
  CHECK(item->prep_s == 480);
  CHECK(item->spicy == 2);
  CHECK(item->allergens == std::vector<std::string>{"peanut"});
  REQUIRE(item->description.has_value());
  CHECK(menu->find("nothing") == nullptr);
  CHECK(menu->category("wok")->name.zh == "炒菜");
}

TEST_CASE("menu JSON round trips", "[core][menu]") {
  const auto menu = menu_from_json(valid_document(), "menu.json");
  REQUIRE(menu.ok());
  const auto again = menu_from_json(menu_to_json(menu.value()), "again");
  REQUIRE(again.ok());
  CHECK(again.value() == menu.value());
}

TEST_CASE("menu validation names the file, the item and the field", "[core][menu][validation]") {
  Json document = valid_document();
  Json& item = document["items"][0];
  std::string expected;
  SECTION("duplicate id") {
    document["items"].push_back(item);
    expected = "menu.json: item \"gongbao\": duplicate id";
  }
  SECTION("missing name") {
    item.erase("name");
    expected = "menu.json: item \"gongbao\": missing field \"name\"";
  }
  SECTION("missing Chinese name") {
    item["name"].erase("zh");
    expected = "menu.json: item \"gongbao\": name.zh: missing";
  }
  SECTION("zero price") {
    item["price"] = 0;
    expected = "menu.json: item \"gongbao\": price must be a positive integer (fen)";
  }
  SECTION("negative price") {
    item["price"] = -100;
    expected = "menu.json: item \"gongbao\": price must be a positive integer (fen)";
  }
  SECTION("fractional price") {
    item["price"] = 38.5;
    expected = "menu.json: item \"gongbao\": price must be a positive integer (fen)";
  }
  SECTION("unknown station") {
    item["station"] = "grill";
    expected = "menu.json: item \"gongbao\": unknown station \"grill\" (declare it under \"stations\")";
  }
  SECTION("unknown category") {
    item["category"] = "pizza";
    expected = "menu.json: item \"gongbao\": unknown category \"pizza\" (declare it under \"categories\")";
  }
  SECTION("spicy out of range") {
    item["spicy"] = 4;
    expected = "menu.json: item \"gongbao\": spicy must be an integer 0-3";
  }
  SECTION("unknown allergen") {
    item["allergens"] = Json::array({"nuts"});
    expected = "menu.json: item \"gongbao\": unknown allergen \"nuts\"";
  }
  SECTION("promised as a string") {
    item["promised"] = "yes";
    expected = "menu.json: item \"gongbao\".promised: must be true or false, got string";
  }
  SECTION("missing id") {
    item.erase("id");
    expected = "menu.json: item #1.id: missing";
  }
  SECTION("no items") {
    document["items"] = Json::array();
    expected = "menu.json: items: the menu has no items";
  }
  CHECK(error_of(document) == expected);
}

TEST_CASE("a menu that is not JSON says so", "[core][menu][validation]") {
  const auto menu = parse_menu("{\"items\": [", "assets/menu.json");
  REQUIRE_FALSE(menu.ok());
  CHECK(menu.error() == "assets/menu.json: not valid JSON");
  const auto missing = load_menu_file("/nonexistent/menu.json");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error() == "/nonexistent/menu.json: cannot open the menu file");
}

TEST_CASE("a menu file with a number too large for a double says so", "[core][menu][validation]") {
  const auto path = std::filesystem::temp_directory_path() / fmt::format("hourglass-menu-overflow-{}.json", ::getpid());
  std::ofstream(path) << R"({"items": [{"price_cents": 1E999999999}]})";
  const auto menu = load_menu_file(path.string());
  std::filesystem::remove(path);
  REQUIRE_FALSE(menu.ok());
  CHECK_THAT(menu.error(), Catch::StartsWith(path.string() + ": not valid JSON") &&
                               Catch::Contains("number overflow"));
}

TEST_CASE("allergens have labels in both languages", "[core][menu]") {
  for (const auto& allergen : known_allergens()) {
    CHECK_FALSE(allergen.name.en.empty());
    CHECK_FALSE(allergen.name.zh.empty());
  }
  REQUIRE(allergen_label("peanut") != nullptr);
  CHECK(allergen_label("peanut")->zh == "花生");
  CHECK(allergen_label("gravel") == nullptr);
}

TEST_CASE("one-touch notes: a dish's own replace its category's, an empty list offers none", "[core][menu]") {
  Json document = valid_document();
  document["categories"][0]["notes"] = Json::parse(
      R"([{"en":"less spicy","zh":"少辣"},{"en":"no coriander","zh":"不要香菜"}])");
  Json plain = document["items"][0];
  plain["id"] = "plain";
  plain.erase("notes");
  Json own = document["items"][0];
  own["id"] = "own";
  own["notes"] = Json::parse(R"([{"en":"no peanuts","zh":"不要花生"}])");
  Json none = document["items"][0];
  none["id"] = "none";
  none["notes"] = Json::array();
  document["items"] = Json::array({plain, own, none});

  const auto menu = menu_from_json(document, "menu.json");
  REQUIRE(menu.ok());
  const auto& category_notes = menu->quick_notes(*menu->find("plain"));
  REQUIRE(category_notes.size() == 2);
  CHECK(category_notes[0].zh == "少辣");
  CHECK(category_notes[1].en == "no coriander");
  const auto& own_notes = menu->quick_notes(*menu->find("own"));
  REQUIRE(own_notes.size() == 1);
  CHECK(own_notes[0].en == "no peanuts");
  CHECK(menu->quick_notes(*menu->find("none")).empty());
  // They travel in the menu message as they are in the file.
  const auto again = menu_from_json(menu_to_json(menu.value()), "again");
  REQUIRE(again.ok());
  CHECK(again.value() == menu.value());
}

TEST_CASE("one-touch notes are validated and the error names where", "[core][menu][validation]") {
  Json document = valid_document();
  Json& item = document["items"][0];
  std::string expected;
  SECTION("not a list") {
    item["notes"] = "less spicy";
    expected = "menu.json: item \"gongbao\".notes: must be an array, got string";
  }
  SECTION("a bare string in the list") {
    item["notes"] = Json::array({"less spicy"});
    expected = "menu.json: item \"gongbao\": notes #1: must be an object {\"en\": …, \"zh\": …}";
  }
  SECTION("missing Chinese") {
    item["notes"] = Json::parse(R"([{"en":"less spicy"}])");
    expected = "menu.json: item \"gongbao\": notes #1.zh: missing";
  }
  SECTION("too long") {
    item["notes"] = Json::array({Json{{"en", std::string(41, 'x')}, {"zh", "少辣"}}});
    expected = "menu.json: item \"gongbao\": notes #1: each text must be 1-40 characters";
  }
  SECTION("forty Chinese characters are fine, forty-one are not") {
    std::string forty;
    for (int i = 0; i < 40; ++i) forty += "辣";
    item["notes"] = Json::array({Json{{"en", "hot"}, {"zh", forty + "辣"}}});
    expected = "menu.json: item \"gongbao\": notes #1: each text must be 1-40 characters";
    Json ok = valid_document();
    ok["items"][0]["notes"] = Json::array({Json{{"en", "hot"}, {"zh", forty}}});
    CHECK(menu_from_json(ok, "menu.json").ok());
  }
  SECTION("listed twice") {
    item["notes"] = Json::parse(R"([{"en":"less spicy","zh":"少辣"},{"en":"less spicy","zh":"少辣"}])");
    expected = "menu.json: item \"gongbao\": notes #2: listed twice";
  }
  SECTION("too many") {
    item["notes"] = Json::array();
    for (int i = 0; i < 13; ++i) item["notes"].push_back(Json{{"en", std::to_string(i)}, {"zh", "注"}});
    expected = "menu.json: item \"gongbao\": notes: at most 12 one-touch notes";
  }
  SECTION("on a category, named by the category") {
    document["categories"][0]["notes"] = Json::parse(R"([{"en":"","zh":"少辣"}])");
    expected = "menu.json: category \"wok\": notes #1.en: must not be empty";
  }
  SECTION("on a station") {
    document["stations"][0]["notes"] = Json::parse(R"([{"en":"less spicy","zh":"少辣"}])");
    expected = "menu.json: station \"wok\": notes belong on categories and items, not here";
  }
  CHECK(error_of(document) == expected);
}
