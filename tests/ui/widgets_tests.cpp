// Text that must not run into its neighbour: elide cuts at a code point and
// ends with "…", and leaves text that fits alone.
#include <imgui.h>

#include <catch2/catch.hpp>
#include <string>

#include "shared/ui/fonts.hpp"
#include "shared/ui/shell.hpp"
#include "shared/ui/widgets.hpp"
#include "tests/ui/headless_shell.hpp"

namespace ui = hourglass::ui;

namespace {

float width_of(const std::string& s) {
  ImFont* f = ui::font(ui::FontSize::body);
  if (f == nullptr) f = ImGui::GetFont();
  return f->CalcTextSizeA(f->FontSize, FLT_MAX, 0.0f, s.c_str()).x;
}

}  // namespace

TEST_CASE("elide fits a long dish name to its column, whole code points, and leaves a short one alone", "[ui]") {
  ui::Shell shell(hourglass::test::headless_shell_config(
      320, 200, ui::warm_theme(), {"Duck Blood and Tripe in Spicy Broth", "毛血旺（鸭血、毛肚、午餐肉）", "…"}));
  REQUIRE(shell.begin_frame());

  const std::string english = "1× Duck Blood and Tripe in Spicy Broth";
  const float full = width_of(english);
  CHECK(ui::elide(english, ui::FontSize::body, full) == english);
  CHECK(ui::elide(english, ui::FontSize::body, 0.0f) == english);  // no limit
  const std::string cut = ui::elide(english, ui::FontSize::body, full * 0.6f);
  CHECK(cut.size() < english.size());
  CHECK(cut.substr(cut.size() - std::string("…").size()) == "…");
  CHECK(width_of(cut) <= full * 0.6f);
  CHECK(english.rfind(cut.substr(0, cut.size() - std::string("…").size()), 0) == 0);  // a head of the name

  const std::string chinese = "毛血旺（鸭血、毛肚、午餐肉）";
  const std::string cut_zh = ui::elide(chinese, ui::FontSize::body, width_of(chinese) * 0.5f);
  REQUIRE(cut_zh.size() >= 3);
  const std::string head = cut_zh.substr(0, cut_zh.size() - std::string("…").size());
  CHECK(head.size() % 3 == 0);  // every Chinese character whole (3 bytes each in UTF-8)
  CHECK(chinese.rfind(head, 0) == 0);
  shell.end_frame();
}
