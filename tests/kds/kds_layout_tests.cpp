// The kitchen display's page arithmetic and its bump bar, without a window:
// a fixed-width text measure stands in for the fonts.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "kitchen/kds/bump_keys.hpp"
#include "kitchen/kds/kds_layout.hpp"
#include "kitchen/kds/kds_view_model.hpp"
#include "shared/ui/theme.hpp"

namespace core = hourglass::core;
namespace kitchen = hourglass::kitchen;
namespace ui = hourglass::ui;
namespace words = hourglass::words;
using core::LineState;

namespace {

// Every code point 10 px wide, every font 20 px tall.
class FixedMeasure final : public kitchen::TextMeasure {
 public:
  static std::size_t code_points(std::string_view text) {
    std::size_t n = 0;
    for (const char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
  }
  float width(ui::FontSize, std::string_view text) const override {
    return 10.0f * static_cast<float>(code_points(text));
  }
  float height(ui::FontSize) const override { return 20.0f; }
  std::size_t fitting_prefix(ui::FontSize, std::string_view text, float width) const override {
    std::size_t fit = 0, last_space = 0, i = 0;
    float w = 0.0f;
    while (i < text.size()) {
      std::size_t next = i + 1;
      while (next < text.size() && (static_cast<unsigned char>(text[next]) & 0xC0) == 0x80) ++next;
      w += 10.0f;
      if (w > width) break;
      if (text[i] == ' ') last_space = next;
      fit = next;
      i = next;
    }
    return fit < text.size() && last_space > 0 ? last_space : fit;
  }
};

kitchen::KdsLineView line(std::string id, LineState state, std::string name = "Rice") {
  kitchen::KdsLineView l;
  l.line_id = std::move(id);
  l.state = state;
  l.name = std::move(name);
  l.finished = state == LineState::served || state == LineState::cancelled;
  if (state == LineState::queued) l.next_state = LineState::cooking;
  if (state == LineState::cooking) l.next_state = LineState::ready;
  if (state == LineState::ready) l.next_state = LineState::served;
  return l;
}

kitchen::KdsTicketView ticket(std::string order_id, std::vector<kitchen::KdsLineView> lines) {
  kitchen::KdsTicketView t;
  t.order_id = std::move(order_id);
  t.lines = std::move(lines);
  return t;
}

}  // namespace

TEST_CASE("kds layout: a long dish name takes a second line, and its ticket grows by it", "[ui][kds]") {
  const FixedMeasure measure;
  const ui::Theme theme = ui::kitchen_theme();
  const words::Words labels(core::Language::en);
  const auto m = kitchen::metrics(measure, theme, 1920.0f, 1080.0f, false);
  REQUIRE(m.columns >= 3);
  const auto short_line = line("1-1", LineState::queued, "Rice");
  const auto long_line = line("1-2", LineState::queued, "Braised Pork Belly with Preserved Mustard Greens in the Style of Meizhou, Hakka Country");
  const auto short_name = kitchen::name_layout(short_line, m, measure, labels, theme);
  const auto long_name = kitchen::name_layout(long_line, m, measure, labels, theme);
  CHECK(short_name.first == "Rice");
  CHECK(short_name.second.empty());
  CHECK_FALSE(long_name.second.empty());
  CHECK(measure.width(ui::FontSize::body, long_name.first) <= long_name.width);
  CHECK(kitchen::line_height(long_line, m, measure, labels, theme) ==
        Approx(kitchen::line_height(short_line, m, measure, labels, theme) + m.body_h));
  const auto one = ticket("a", {short_line});
  const auto two = ticket("b", {short_line, short_line});
  CHECK(kitchen::ticket_height(two, m, measure, labels, theme) >
        kitchen::ticket_height(one, m, measure, labels, theme));
}

TEST_CASE("kds layout: tickets fill the shortest column in urgency order and spill onto pages", "[ui][kds]") {
  const FixedMeasure measure;
  const ui::Theme theme = ui::kitchen_theme();
  const words::Words labels(core::Language::en);
  const auto m = kitchen::metrics(measure, theme, 1920.0f, 1080.0f, false);
  kitchen::KdsView view;
  for (int i = 0; i < 60; ++i) {
    view.tickets.push_back(
        ticket(std::to_string(i), {line("l", LineState::queued), line("m", LineState::queued)}));
  }
  const auto placed = kitchen::place_page(view, 0, m, measure, labels, theme);
  REQUIRE(placed.size() >= static_cast<std::size_t>(m.columns));
  for (std::size_t i = 0; i < placed.size(); ++i) CHECK(placed[i].index == i);  // most urgent first, none skipped
  for (std::size_t c = 0; c < static_cast<std::size_t>(m.columns); ++c) CHECK(placed[c].y == Approx(m.grid_y));
  for (const auto& p : placed) CHECK(p.y + p.height <= m.grid_y + m.grid_h + 0.5f);
  const auto starts = kitchen::page_starts(view, m, measure, labels, theme);
  REQUIRE(starts.size() > 1);
  CHECK(starts[0] == 0);
  for (std::size_t i = 1; i < starts.size(); ++i) CHECK(starts[i] > starts[i - 1]);
  CHECK(starts[1] <= placed.back().index + 1);  // the next page starts where this one ended (or at its cut ticket)
}

TEST_CASE("bump bar: a digit picks a ticket, Enter bumps its next line, S serves it all", "[ui][kds]") {
  kitchen::KdsView view;
  view.tickets = {ticket("a", {line("1-1", LineState::served), line("1-2", LineState::cooking)}),
                  ticket("b", {line("2-1", LineState::queued), line("2-2", LineState::ready)})};
  const std::vector<std::size_t> on_screen{0, 1};

  kitchen::KdsIntents pick;
  kitchen::BumpKeys two;
  two.digit = 2;
  kitchen::apply_bump_keys(two, view, on_screen, {}, false, 0, 1, pick);
  CHECK(pick.select_order == std::optional<std::string>("b"));
  kitchen::KdsIntents none;
  kitchen::BumpKeys three;
  three.digit = 3;  // no third ticket on screen
  kitchen::apply_bump_keys(three, view, on_screen, {}, false, 0, 1, none);
  CHECK_FALSE(none.select_order);

  kitchen::KdsSelection on_b;
  on_b.order_id = "b";
  kitchen::BumpKeys enter;
  enter.bump = true;
  kitchen::KdsIntents bump;
  kitchen::apply_bump_keys(enter, view, on_screen, on_b, false, 0, 1, bump);
  REQUIRE(bump.bumps.size() == 1);  // the least advanced line first
  CHECK(bump.bumps[0] == kitchen::KdsBump{"2-1", LineState::cooking});

  on_b.line = 1;
  kitchen::KdsIntents chosen;
  kitchen::apply_bump_keys(enter, view, on_screen, on_b, false, 0, 1, chosen);
  REQUIRE(chosen.bumps.size() == 1);
  CHECK(chosen.bumps[0] == kitchen::KdsBump{"2-2", LineState::served});

  kitchen::KdsSelection on_a;
  on_a.order_id = "a";
  kitchen::BumpKeys s;
  s.serve_all = true;
  kitchen::KdsIntents serve;
  kitchen::apply_bump_keys(s, view, on_screen, on_a, false, 0, 1, serve);
  REQUIRE(serve.bumps.size() == 1);  // the served line is left alone
  CHECK(serve.bumps[0] == kitchen::KdsBump{"1-2", LineState::served});
}

TEST_CASE("bump bar: arrows stay on the ticket, recall only when offered, pages clamp", "[ui][kds]") {
  kitchen::KdsView view;
  view.tickets = {ticket("a", {line("1-1", LineState::queued), line("1-2", LineState::queued)})};
  kitchen::KdsSelection on_a;
  on_a.order_id = "a";
  on_a.line = 1;
  kitchen::BumpKeys down;
  down.down = true;
  kitchen::KdsIntents at_end;
  kitchen::apply_bump_keys(down, view, {0}, on_a, false, 0, 1, at_end);
  CHECK(at_end.select_line == std::optional<int>(1));
  kitchen::BumpKeys up;
  up.up = true;
  kitchen::KdsIntents moved;
  kitchen::apply_bump_keys(up, view, {0}, on_a, false, 0, 1, moved);
  CHECK(moved.select_line == std::optional<int>(0));

  kitchen::BumpKeys r;
  r.recall = true;
  kitchen::KdsIntents refused, offered;
  kitchen::apply_bump_keys(r, view, {0}, {}, false, 0, 1, refused);
  kitchen::apply_bump_keys(r, view, {0}, {}, true, 0, 1, offered);
  CHECK_FALSE(refused.recall);
  CHECK(offered.recall);

  kitchen::BumpKeys next;
  next.next_page = true;
  kitchen::KdsIntents last_page, first_page;
  kitchen::apply_bump_keys(next, view, {0}, {}, false, 2, 3, last_page);
  kitchen::apply_bump_keys(next, view, {0}, {}, false, 0, 3, first_page);
  CHECK_FALSE(last_page.page);
  CHECK(first_page.page == std::optional<int>(1));
}
