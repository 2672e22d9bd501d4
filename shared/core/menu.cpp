#include "shared/core/menu.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "shared/core/json_read.hpp"

namespace hourglass::core {

const MenuItem* Menu::find(std::string_view id) const {
  const auto it = std::find_if(items.begin(), items.end(), [&](const MenuItem& i) { return i.id == id; });
  return it == items.end() ? nullptr : &*it;
}

MenuItem* Menu::find(std::string_view id) {
  return const_cast<MenuItem*>(static_cast<const Menu*>(this)->find(id));
}

namespace {

const MenuGroup* find_group(const std::vector<MenuGroup>& groups, std::string_view id) {
  const auto it = std::find_if(groups.begin(), groups.end(), [&](const MenuGroup& g) { return g.id == id; });
  return it == groups.end() ? nullptr : &*it;
}

bool is_valid_id(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'; });
}

constexpr int kMaxSpicy = 3;

}  // namespace

const MenuGroup* Menu::category(std::string_view id) const { return find_group(categories, id); }

const std::vector<LocalText>& Menu::quick_notes(const MenuItem& item) const {
  static const std::vector<LocalText> none;
  if (item.notes) return *item.notes;
  const MenuGroup* group = category(item.category);
  return group != nullptr ? group->notes : none;
}
const MenuGroup* Menu::station(std::string_view id) const { return find_group(stations, id); }

const std::vector<MenuGroup>& known_allergens() {
  static const std::vector<MenuGroup> allergens = {
      {"peanut", {"Peanut", "花生"}}, {"tree_nut", {"Tree nuts", "坚果"}},
      {"gluten", {"Gluten", "麸质"}}, {"soy", {"Soy", "大豆"}},
      {"egg", {"Egg", "鸡蛋"}},       {"milk", {"Milk", "奶"}},
      {"fish", {"Fish", "鱼"}},       {"shellfish", {"Shellfish", "甲壳类"}},
      {"sesame", {"Sesame", "芝麻"}},
  };
  return allergens;
}

const LocalText* allergen_label(std::string_view id) {
  const MenuGroup* group = find_group(known_allergens(), id);
  return group == nullptr ? nullptr : &group->name;
}

LocalText local_text_from_json(const Json& value, const std::string& path) {
  const JsonObjectReader reader(value, path);
  LocalText text{reader.string("en"), reader.string("zh")};
  if (text.en.empty()) throw_field_error(reader.path_of("en"), "must not be empty");
  if (text.zh.empty()) throw_field_error(reader.path_of("zh"), "must not be empty");
  return text;
}

Json local_text_to_json(const LocalText& text) { return Json{{"en", text.en}, {"zh", text.zh}}; }

namespace {

// `notes`: a list of {en, zh}, each 1-40 characters, at most 12, no repeats.
std::vector<LocalText> read_quick_notes(const JsonObjectReader& reader, const std::string& named) {
  const Json& array = reader.array("notes");
  if (array.size() > kMaxQuickNotes) {
    throw_field_error(named, fmt::format("notes: at most {} one-touch notes", kMaxQuickNotes));
  }
  std::vector<LocalText> notes;
  for (std::size_t i = 0; i < array.size(); ++i) {
    const std::string path = fmt::format("{}: notes #{}", named, i + 1);
    if (!array[i].is_object()) throw_field_error(path, "must be an object {\"en\": …, \"zh\": …}");
    LocalText note = local_text_from_json(array[i], path);
    for (const std::string* text : {&note.en, &note.zh}) {
      if (text->empty() || utf8_length(*text) > kMaxQuickNoteCodePoints) {
        throw_field_error(path, fmt::format("each text must be 1-{} characters", kMaxQuickNoteCodePoints));
      }
    }
    if (std::find(notes.begin(), notes.end(), note) != notes.end()) throw_field_error(path, "listed twice");
    notes.push_back(std::move(note));
  }
  return notes;
}

enum class GroupKind { category, station };

std::vector<MenuGroup> read_groups(const JsonObjectReader& document, const char* key, const char* what,
                                   GroupKind kind) {
  std::vector<MenuGroup> groups;
  const Json& array = document.array(key);
  for (std::size_t i = 0; i < array.size(); ++i) {
    const std::string path = fmt::format("{} #{}", what, i + 1);
    const JsonObjectReader reader(array[i], path);
    MenuGroup group{reader.string("id"), {}};
    const std::string named = fmt::format("{} \"{}\"", what, group.id);
    if (!is_valid_id(group.id)) {
      throw_field_error(path, "id must be 1-64 lowercase letters, digits, '_' or '-'");
    }
    if (find_group(groups, group.id) != nullptr) throw_field_error(named, "duplicate id");
    group.name = local_text_from_json(reader.object("name"), named + ": name");
    if (reader.has("notes")) {
      if (kind != GroupKind::category) throw_field_error(named, "notes belong on categories and items, not here");
      group.notes = read_quick_notes(reader, named);
    }
    if (reader.has("cooks")) {
      if (kind != GroupKind::station) throw_field_error(named, "cooks belongs on stations, not here");
      const Json& cooks = *reader.find("cooks");
      if (!cooks.is_number_integer() || cooks.get<std::int64_t>() < 1 ||
          cooks.get<std::int64_t>() > kMaxStationCooks) {
        throw_field_error(named, fmt::format("cooks must be an integer 1-{} (dishes it works on at once)",
                                             kMaxStationCooks));
      }
      group.cooks = cooks.get<int>();
    }
    groups.push_back(std::move(group));
  }
  if (groups.empty()) throw_field_error(key, "must list at least one entry");
  return groups;
}

// `menu`: the menu read so far, for duplicates and the category and
// station; null for an item alone.
MenuItem read_item(const Json& value, std::size_t index, const Menu* menu) {
  const std::string numbered = fmt::format("item #{}", index + 1);
  const JsonObjectReader numbered_reader(value, numbered);
  MenuItem item;
  item.id = numbered_reader.string("id");
  if (!is_valid_id(item.id)) {
    throw_field_error(numbered, "id must be 1-64 lowercase letters, digits, '_' or '-'");
  }
  // From here on errors name the item by its id, which the owner can search for.
  const std::string named = fmt::format("item \"{}\"", item.id);
  const JsonObjectReader reader(value, named);
  if (menu != nullptr && menu->find(item.id) != nullptr) throw_field_error(named, "duplicate id");
  if (!reader.has("name")) throw_field_error(named, "missing field \"name\"");
  item.name = local_text_from_json(reader.object("name"), named + ": name");

  item.category = reader.string("category");
  if (menu != nullptr && menu->category(item.category) == nullptr) {
    throw_field_error(named, fmt::format("unknown category \"{}\" (declare it under \"categories\")", item.category));
  }
  if (!reader.has("price") || !reader.find("price")->is_number_integer() || reader.integer("price") <= 0) {
    throw_field_error(named, "price must be a positive integer (fen)");
  }
  item.price = reader.integer("price");
  if (item.price > 100'000'000) throw_field_error(named, "price is above ¥1,000,000.00; is it in fen?");
  item.station = reader.string("station");
  if (menu != nullptr && menu->station(item.station) == nullptr) {
    throw_field_error(named, fmt::format("unknown station \"{}\" (declare it under \"stations\")", item.station));
  }
  item.promised = reader.boolean("promised");

  if (const auto prep = reader.optional_integer("prep_s")) {
    if (*prep < 0 || *prep > 24 * 3600) throw_field_error(named, "prep_s must be an integer 0-86400 (seconds)");
    item.prep_s = static_cast<int>(*prep);
  }
  if (reader.has("spicy")) {
    const Json& spicy = *reader.find("spicy");
    if (!spicy.is_number_integer() || spicy.get<std::int64_t>() < 0 || spicy.get<std::int64_t>() > kMaxSpicy) {
      throw_field_error(named, "spicy must be an integer 0-3");
    }
    item.spicy = spicy.get<int>();
  }
  if (reader.has("allergens")) {
    const Json& allergens = reader.array("allergens");
    for (const Json& allergen : allergens) {
      if (!allergen.is_string()) throw_field_error(named, "allergens must be a list of strings");
      const auto id = allergen.get<std::string>();
      if (allergen_label(id) == nullptr) throw_field_error(named, fmt::format("unknown allergen \"{}\"", id));
      item.allergens.push_back(id);
    }
  }
  if (reader.has("description")) {
    item.description = local_text_from_json(reader.object("description"), named + ": description");
  }
  if (reader.has("notes")) item.notes = read_quick_notes(reader, named);
  if (reader.has("sold_out")) item.sold_out = reader.boolean("sold_out");
  return item;
}

}  // namespace

Result<Menu> menu_from_json(const Json& document, std::string_view source) {
  try {
    const JsonObjectReader reader(document, "");
    Menu menu;
    menu.categories = read_groups(reader, "categories", "category", GroupKind::category);
    menu.stations = read_groups(reader, "stations", "station", GroupKind::station);
    const Json& items = reader.array("items");
    if (items.empty()) throw_field_error("items", "the menu has no items");
    for (std::size_t i = 0; i < items.size(); ++i) menu.items.push_back(read_item(items[i], i, &menu));
    return menu;
  } catch (const JsonFieldError& error) {
    return fail(fmt::format("{}: {}", source, error.what()));
  }
}

Result<MenuItem> menu_item_from_json(const Json& value, std::string_view source) {
  try {
    return read_item(value, 0, nullptr);
  } catch (const JsonFieldError& error) {
    return fail(fmt::format("{}: {}", source, error.what()));
  }
}

int station_cooks(const Menu& menu, std::string_view station) {
  const MenuGroup* group = menu.station(station);
  return group != nullptr && group->cooks ? *group->cooks : 1;
}

Result<Menu> parse_menu(std::string_view json_text, std::string_view source) {
  Json document = Json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) return fail(fmt::format("{}: not valid JSON", source));
  return menu_from_json(document, source);
}

Result<Menu> load_menu_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return fail(fmt::format("{}: cannot open the menu file", path));
  std::ostringstream text;
  text << file.rdbuf();
  // Report the parser's own position for syntax errors: the owner edits this by hand.
  try {
    return menu_from_json(Json::parse(text.str()), path);
  } catch (const Json::exception& error) {  // parse_error, or out_of_range for a number overflow
    return fail(fmt::format("{}: not valid JSON: {}", path, error.what()));
  }
}

namespace {

Json quick_notes_to_json(const std::vector<LocalText>& notes) {
  Json array = Json::array();
  for (const LocalText& note : notes) array.push_back(local_text_to_json(note));
  return array;
}

}  // namespace

Json local_group_to_json(const MenuGroup& group) {
  Json json{{"id", group.id}, {"name", local_text_to_json(group.name)}};
  if (!group.notes.empty()) json["notes"] = quick_notes_to_json(group.notes);
  if (group.cooks) json["cooks"] = *group.cooks;
  return json;
}

Json menu_item_to_json(const MenuItem& item) {
  Json json{{"id", item.id},
            {"name", local_text_to_json(item.name)},
            {"category", item.category},
            {"price", item.price},
            {"station", item.station},
            {"promised", item.promised}};
  if (item.prep_s) json["prep_s"] = *item.prep_s;
  if (item.spicy != 0) json["spicy"] = item.spicy;
  if (!item.allergens.empty()) json["allergens"] = item.allergens;
  if (item.description) json["description"] = local_text_to_json(*item.description);
  if (item.notes) json["notes"] = quick_notes_to_json(*item.notes);
  json["sold_out"] = item.sold_out;
  return json;
}

Json menu_to_json(const Menu& menu) {
  Json categories = Json::array();
  for (const auto& group : menu.categories) categories.push_back(local_group_to_json(group));
  Json stations = Json::array();
  for (const auto& group : menu.stations) stations.push_back(local_group_to_json(group));
  Json items = Json::array();
  for (const auto& item : menu.items) items.push_back(menu_item_to_json(item));
  return Json{{"categories", categories}, {"stations", stations}, {"items", items}};
}

}  // namespace hourglass::core
