// Wrapping never splits a price, a countdown or a ticket number: the line
// breaker as a pure function (a fixed-width measure), then with the real
// font on the Chinese confirm dialog's text at every width.
#include <catch2/catch.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/demo_state.hpp"
#include "kiosk/kiosk_view_model.hpp"
#include "shared/ui/draw_primitives.hpp"
#include "shared/ui/text_wrap.hpp"
#include "tests/kiosk/kiosk_driver.hpp"

namespace kiosk = hourglass::kiosk;
namespace core = hourglass::core;
namespace ui = hourglass::ui;

namespace {

// One unit per ASCII character, two per anything wider (a CJK character).
float cells(std::string_view s) {
  float width = 0.0f;
  for (unsigned char c : s) {
    if (c < 0x80) {
      width += 1.0f;
    } else if ((c & 0xC0) != 0x80) {
      width += 2.0f;
    }
  }
  return width;
}

std::vector<std::string> wrap(std::string_view text, float width) {
  std::vector<std::string> out;
  for (std::string_view line : ui::wrap_lines(text, width, cells)) out.emplace_back(line);
  return out;
}

// Whether `token` appears whole on one line.
bool whole_on_one_line(const std::vector<std::string_view>& lines, std::string_view token) {
  for (std::string_view line : lines) {
    if (line.find(token) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("text wrap: the Chinese confirm text keeps its price whole at every width", "[ui][kiosk][wrap]") {
  const std::string body = "共6份，¥68.00。厨房接单后开始15分钟计时。";
  for (float width = 9; width <= 60; width += 1) {  // "¥68.00。" needs 9
    CAPTURE(width);
    const auto lines = ui::wrap_lines(body, width, cells);
    CHECK(whole_on_one_line(lines, "¥68.00"));
    CHECK(whole_on_one_line(lines, "15"));
    for (std::string_view line : lines) {
      CHECK(cells(line) <= width);
      CHECK(line.rfind("，", 0) != 0);  // no line starts with closing punctuation
      CHECK(line.rfind("。", 0) != 0);
    }
  }
}

TEST_CASE("text wrap: breaks at spaces and between CJK characters, drops the spaces at breaks", "[ui][kiosk][wrap]") {
  CHECK(wrap("late by 01:05", 9) == std::vector<std::string>{"late by", "01:05"});
  CHECK(wrap("late by 01:05", 13) == std::vector<std::string>{"late by 01:05"});
  CHECK(wrap("已超时 01:05", 8) == std::vector<std::string>{"已超时", "01:05"});
  CHECK(wrap("厨房接单", 4) == std::vector<std::string>{"厨房", "接单"});
  CHECK(wrap("“好”（辣）", 6) == std::vector<std::string>{"“好”", "（辣）"});
  CHECK(wrap("a\nb c", 10) == std::vector<std::string>{"a", "b c"});
  CHECK(wrap("", 10) == std::vector<std::string>{""});
  CHECK(wrap("no limit at all", 0) == std::vector<std::string>{"no limit at all"});
}

TEST_CASE("text wrap: only a token wider than the whole line is cut", "[ui][kiosk][wrap]") {
  CHECK(wrap("¥1234.00", 4) == std::vector<std::string>{"¥12", "34.0", "0"});
  CHECK(wrap("pay ¥1234.00 now", 9) == std::vector<std::string>{"pay", "¥1234.00", "now"});
}

TEST_CASE("text wrap: with the screen's font the confirm body never splits ¥68.00", "[ui][kiosk][wrap]") {
  kiosk::DemoOptions demo;
  kiosk_test::Driver driver(kiosk::make_demo_link(
      kiosk::make_demo_state(kiosk_test::sample_menu(), demo, kiosk_test::wall_ms()), demo.mode, kiosk_test::wall_ms));
  driver.frame();  // the fonts are built
  const std::string body = hourglass::words::format_word(hourglass::words::Word::confirm_body, core::Language::zh, 6,
                                                         "¥68.00", kiosk::promise_duration(900, core::Language::zh));
  const auto measure = [](std::string_view s) { return ui::measure_text(ui::FontSize::body, s).x; };
  for (float width = 120; width <= 420; width += 3) {
    CAPTURE(width);
    const auto lines = ui::wrap_lines(body, width, measure);
    REQUIRE(lines.size() >= 1);
    CHECK(whole_on_one_line(lines, "¥68.00"));
    // measure_text wraps the same way draw_text does.
    CHECK(ui::measure_text(ui::FontSize::body, body, width).y ==
          Approx(ui::measure_text(ui::FontSize::body, "¥").y * static_cast<float>(lines.size())));
  }
}

TEST_CASE("text wrap: the ticket label keeps its number with it (a no-break space)", "[ui][kiosk][wrap]") {
  const std::string label = hourglass::words::format_word(hourglass::words::Word::ticket_label, core::Language::en, 41);
  CHECK(label == "No.\u00a041");
  for (float width = 7.0f; width <= 14.0f; width += 1.0f) {  // from the label's own width
    CAPTURE(width);
    const std::string text = std::string("Round 2 ") + label;
    const auto lines = ui::wrap_lines(text, width, cells);
    CHECK(whole_on_one_line(lines, label));
  }
}
