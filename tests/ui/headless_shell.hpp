#pragma once
// What every UI test does with the shell (shared/ui/shell.hpp): one without a
// display, and a frame drawn in a root window and read back. The shell's own
// tests use it, and so do the screens' (tests/kiosk, tests/kds,
// tests/manager).

#include <catch2/catch.hpp>
#include <string>
#include <utility>
#include <vector>

#include "shared/ui/shell.hpp"
#include "shared/ui/theme.hpp"
#include "shared/ui/widgets.hpp"

namespace hourglass::test {

// A shell with no display (SDL's dummy driver, the software renderer),
// windowed at width x height, scale 1 whatever the height, with the
// characters of `strings` in its font atlas.
inline ui::ShellConfig headless_shell_config(int width, int height, ui::Theme theme = ui::warm_theme(),
                                             std::vector<std::string> strings = {}) {
  ui::ShellConfig config = ui::headless_shell_config("hourglass-test", width, height);
  config.theme = std::move(theme);
  config.strings = std::move(strings);
  return config;
}

// One frame: `draw()` inside a root window, as a screen's main() draws it;
// returns what the frame showed.
template <typename Draw>
ui::Image capture_frame(ui::Shell& shell, Draw draw) {
  REQUIRE(shell.begin_frame());
  {
    ui::RootWindow root("root", shell.theme());
    draw();
  }
  return shell.end_frame_with_capture();
}

}  // namespace hourglass::test
