#pragma once
// A KioskApp in a headless shell for the kiosk's UI tests: renders frames,
// captures them, clicks touch targets by name.

#include <catch2/catch.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "kiosk/kiosk_app.hpp"
#include "kiosk/kiosk_link.hpp"
#include "kiosk/kiosk_screens.hpp"
#include "shared/core/menu.hpp"
#include "shared/ui/shell.hpp"
#include "tests/kit/test_kit.hpp"
#include "tests/ui/headless_shell.hpp"

namespace kiosk_test {

namespace kiosk = hourglass::kiosk;
namespace core = hourglass::core;
namespace ui = hourglass::ui;

// The kit's (tests/kit): the clocks and the sample menu.
using hourglass::test::sample_menu;
using hourglass::test::wall_ms;

inline ui::ShellConfig kiosk_shell_config(int width = 1280, int height = 800) {
  return hourglass::test::headless_shell_config(width, height, ui::warm_theme(),
                                                kiosk::display_strings(&sample_menu()));
}

// Drives a KioskApp in a headless shell: frames, captures, clicks by target.
class Driver {
 public:
  // `width` x `height` at scale 1 (what main() picks for 1280x800 and 800x1280).
  Driver(std::unique_ptr<kiosk::KioskLink> link, kiosk::AppOptions options = {}, int width = 1280, int height = 800)
      : shell_(kiosk_shell_config(width, height)), app_(std::move(options), std::move(link), kiosk::Cart{}) {}

  ui::Image frame() {
    targets_.clear();
    REQUIRE(shell_.begin_frame());
    ImGui::GetIO().UserData = &hooks_;
    {
      kiosk::KioskRoot root(shell_.theme());
      app_.frame(shell_.theme(), wall_ms());
    }
    ImGui::GetIO().UserData = nullptr;
    return shell_.end_frame_with_capture();
  }

  // Press and release on the named target, as a finger would.
  void click(const std::string& key) {
    const kiosk::TouchTarget* target = targets_.find(key);
    INFO("touch target " << key);
    REQUIRE(target != nullptr);
    const float x = (target->min.x + target->max.x) * 0.5f;
    const float y = (target->min.y + target->max.y) * 0.5f;
    shell_.inject_mouse(x, y, true);
    frame();
    shell_.inject_mouse(x, y, false);
    frame();
    shell_.clear_injected_mouse();
    frame();
  }

  // Renders frames until `done` or the timeout; returns whether it happened.
  bool frames_until(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
    return hourglass::test::eventually(
        [&] {
          frame();
          return done();
        },
        timeout);
  }

  // A table that starts asks for the party size (v1.1): skip it, as a diner
  // in a hurry does. Returns whether it was asked.
  bool skip_party_size() {
    frame();
    if (!has_target("party_skip")) return false;
    click("party_skip");
    return true;
  }

  bool has_target(const std::string& key) const { return targets_.find(key) != nullptr; }
  const kiosk::TouchTarget* target(const std::string& key) const { return targets_.find(key); }
  kiosk::KioskApp& app() { return app_; }

 private:
  ui::Shell shell_;
  kiosk::KioskApp app_;
  kiosk::TouchTargets targets_;
  kiosk::DrawHooks hooks_{&targets_};
};

}  // namespace kiosk_test
