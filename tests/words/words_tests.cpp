// The one table of words: complete in both languages, patterns that take the
// same arguments in both, and the kitchen wording every screen shares.
#include <catch2/catch.hpp>
#include <string>

#include "shared/core/order.hpp"
#include "shared/words/kitchen_text.hpp"
#include "shared/words/words.hpp"

namespace core = hourglass::core;
namespace words = hourglass::words;
using words::Word;

namespace {

std::size_t count_of(std::string_view text, std::string_view needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string_view::npos; at = text.find(needle, at + needle.size())) ++n;
  return n;
}

}  // namespace

TEST_CASE("every word has both languages and the same placeholders in each", "[words]") {
  for (std::size_t i = 0; i < static_cast<std::size_t>(Word::count); ++i) {
    const auto id = static_cast<Word>(i);
    const std::string_view en = words::word(id, core::Language::en);
    const std::string_view zh = words::word(id, core::Language::zh);
    CAPTURE(i, en, zh);
    CHECK_FALSE(en.empty());
    CHECK_FALSE(zh.empty());
    // A pattern filled with the same arguments in both languages.
    CHECK(count_of(en, "{}") == count_of(zh, "{}"));
    CHECK(words::text(id, core::Language::zh) == zh);
  }
  CHECK(words::all_words().size() == 2 * static_cast<std::size_t>(Word::count));
}

TEST_CASE("words bound to a language fill patterns", "[words]") {
  const words::Words en(core::Language::en);
  const words::Words zh(core::Language::zh);
  CHECK(en(Word::tab_menu) == "Menu");
  CHECK(words::word(Word::order_button, core::Language::en) == "Order");
  CHECK(words::word(Word::order_button, core::Language::zh) == "选好了");
  CHECK(zh(Word::tab_menu) == "菜单");
  CHECK(en.format(Word::table_label, "12") == "Table 12");
  CHECK(zh.format(Word::table_label, "12") == "12号桌");
  CHECK(words::other_language(core::Language::en) == core::Language::zh);
  CHECK(words::other_language(core::Language::zh) == core::Language::en);
}

TEST_CASE("kitchen wording: countdowns, tables, tickets, late dishes, policies", "[words]") {
  CHECK(words::countdown_text(65'000, core::Language::en) == "01:05");
  CHECK(words::countdown_text(0, core::Language::en) == "00:00");
  CHECK(words::countdown_text(-1, core::Language::en) == "LATE 00:00");
  CHECK(words::countdown_text(-65'900, core::Language::zh) == "超时 01:05");
  CHECK(words::table_label("12", core::Language::en) == "Table 12");
  CHECK(words::table_label(std::string(core::kCounterTable), core::Language::zh) == "柜台");
  CHECK(words::ticket_label(41) == "#41");
  CHECK(words::line_state_word(core::LineState::cooking, core::Language::en) == "COOKING");
  CHECK(words::line_state_word(core::LineState::served, core::Language::zh) == "已上");
  CHECK(words::late_by_text(1000, std::nullopt, core::Language::en) == "not served");
  CHECK(words::late_by_text(1000, 1000 + 192'000, core::Language::en) == "+03:12");
  CHECK(words::policy_label("free_unserved", core::Language::en) == "Late dishes free");
  CHECK(words::policy_label("bill_percent", core::Language::zh) == "整单打折");
  CHECK(words::policy_label("from_the_future", core::Language::en) == "from_the_future");
}
