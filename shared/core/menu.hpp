#pragma once
// The menu: what can be ordered, at what price, cooked at which station, and
// whether it is inside the serving promise. Format: docs/menu.md.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/core/json_read.hpp"
#include "shared/core/money.hpp"
#include "shared/core/result.hpp"

namespace hourglass::core {

enum class Language { en, zh };

// A text in both languages the product speaks.
struct LocalText {
  std::string en;
  std::string zh;

  const std::string& in(Language language) const { return language == Language::zh ? zh : en; }
  bool operator==(const LocalText&) const = default;
};

// A named id: a category or a station.
struct MenuGroup {
  std::string id;
  LocalText name;
  // Categories only: the one-touch notes offered for their dishes ("less
  // spicy", "no coriander"), unless a dish lists its own.
  std::vector<LocalText> notes{};
  // Stations only: the dishes it works on at once (cooks times burners,
  // steamer racks), for the kitchen's schedule; nullopt counts as one.
  std::optional<int> cooks{};
  bool operator==(const MenuGroup&) const = default;
};

// Bounds of a station's places (docs/menu.md).
inline constexpr int kMaxStationCooks = 100;

// Bounds of the one-touch notes (docs/menu.md).
inline constexpr std::size_t kMaxQuickNotes = 12;
inline constexpr std::size_t kMaxQuickNoteCodePoints = 40;

struct MenuItem {
  std::string id;
  LocalText name;
  std::string category;
  Fen price = 0;
  std::string station;
  bool promised = true;
  std::optional<int> prep_s;  // typical preparation time, for "at risk" warnings
  int spicy = 0;              // 0-3
  std::vector<std::string> allergens;
  std::optional<LocalText> description;
  // Its own one-touch notes, replacing its category's; nullopt: the
  // category's; an empty list: none offered for this dish.
  std::optional<std::vector<LocalText>> notes{};
  bool sold_out = false;  // v1.1 (估清, "86"): not orderable until set back
  bool operator==(const MenuItem&) const = default;
};

struct Menu {
  std::vector<MenuGroup> categories;  // in menu order
  std::vector<MenuGroup> stations;
  std::vector<MenuItem> items;  // in menu order

  const MenuItem* find(std::string_view id) const;
  MenuItem* find(std::string_view id);
  const MenuGroup* category(std::string_view id) const;
  const MenuGroup* station(std::string_view id) const;
  // The one-touch notes offered for `item`: its own, else its category's.
  const std::vector<LocalText>& quick_notes(const MenuItem& item) const;
  bool operator==(const Menu&) const = default;
};

// The allergens a menu may name, with their labels.
const std::vector<MenuGroup>& known_allergens();
const LocalText* allergen_label(std::string_view id);

// Parses and validates a whole menu document. `source` names the file in
// errors: `assets/menu.json: item "gongbao": price must be a positive integer (fen)`.
Result<Menu> parse_menu(std::string_view json_text, std::string_view source);
Result<Menu> load_menu_file(const std::string& path);

// The same structure as JSON (the menu file format; the `menu` message
// carries the same `items`, `categories` and `stations`).
Json menu_to_json(const Menu& menu);
Json menu_item_to_json(const MenuItem& item);
Json local_text_to_json(const LocalText& text);
// For the codec: validates a menu from an already parsed document.
Result<Menu> menu_from_json(const Json& document, std::string_view source);
// One item alone (the `menu_item` message): every check of an item in a
// menu, except that its category and station exist.
Result<MenuItem> menu_item_from_json(const Json& value, std::string_view source);
// The places of a station for the schedule: its `cooks`, else one.
int station_cooks(const Menu& menu, std::string_view station);
// Reads {en, zh}; throws JsonFieldError naming `path`.
LocalText local_text_from_json(const Json& value, const std::string& path);

}  // namespace hourglass::core
