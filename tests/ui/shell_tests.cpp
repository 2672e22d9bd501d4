// Tests of the ImGui + SDL2 shell, rendered headless (SDL_VIDEODRIVER=dummy).
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <array>
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "shared/ui/fonts.hpp"
#include "shared/ui/frame_schedule.hpp"
#include "shared/ui/frame_stats.hpp"
#include "shared/ui/run_loop.hpp"
#include "shared/ui/screenshot.hpp"
#include "shared/ui/shell.hpp"
#include "shared/ui/sound.hpp"
#include "shared/ui/theme.hpp"
#include "shared/ui/widgets.hpp"
#include "tests/ui/headless_shell.hpp"

namespace ui = hourglass::ui;

namespace {

using hourglass::test::capture_frame;

ui::ShellConfig headless_config(int width = 320, int height = 200) {
  return hourglass::test::headless_shell_config(width, height, ui::warm_theme(), {"宫保鸡丁 ¥38.00", "超时"});
}

std::uint32_t read_be32(const std::vector<unsigned char>& bytes, std::size_t at) {
  return (std::uint32_t{bytes[at]} << 24) | (std::uint32_t{bytes[at + 1]} << 16) | (std::uint32_t{bytes[at + 2]} << 8) |
         std::uint32_t{bytes[at + 3]};
}

// Per process: several builds' tests may run at once on a shared machine.
std::filesystem::path unique_temp_png(const std::string& what) {
  return std::filesystem::temp_directory_path() / ("hourglass_ui_" + what + "_" + std::to_string(::getpid()) + ".png");
}

std::vector<unsigned char> read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<unsigned char>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

TEST_CASE("a headless shell renders frames and writes a PNG of the requested size", "[ui]") {
  ui::Shell shell(headless_config(320, 200));
  CHECK(shell.headless());
  CHECK(shell.size().x == 320.0f);
  CHECK(shell.size().y == 200.0f);

  ui::Image image;
  for (int i = 0; i < 3; ++i) image = capture_frame(shell, [] { ImGui::TextUnformatted("hi"); });
  CHECK(shell.frame_count() == 3);
  REQUIRE(image.width == 320);
  REQUIRE(image.height == 200);
  REQUIRE(image.rgba.size() == 320u * 200u * 4u);

  // The corner is the theme's background, not ImGui's default grey.
  const ImVec4 bg = shell.theme().background;
  const ui::Rgba8 corner = image.pixel(0, 0);
  CHECK(std::abs(corner.r - static_cast<int>(bg.x * 255.0f)) <= 1);
  CHECK(std::abs(corner.g - static_cast<int>(bg.y * 255.0f)) <= 1);
  CHECK(std::abs(corner.b - static_cast<int>(bg.z * 255.0f)) <= 1);
  CHECK(corner.a == 255);

  const auto path = unique_temp_png("shell");
  ui::write_png(image, path);
  const auto bytes = read_bytes(path);
  std::filesystem::remove(path);
  REQUIRE(bytes.size() > 33);
  const std::array<unsigned char, 8> signature{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  CHECK(std::equal(signature.begin(), signature.end(), bytes.begin()));
  CHECK(std::string(bytes.begin() + 12, bytes.begin() + 16) == "IHDR");
  CHECK(read_be32(bytes, 16) == 320);
  CHECK(read_be32(bytes, 20) == 200);
}

TEST_CASE("write_png refuses an empty image and reports an unwritable path", "[ui]") {
  CHECK_THROWS(ui::write_png(ui::Image{}, "/tmp/never.png"));
  ui::Image one{1, 1, {1, 2, 3, 255}};
  CHECK_THROWS_WITH(ui::write_png(one, "/nonexistent-dir/x.png"), Catch::Contains("/nonexistent-dir/x.png"));
}

TEST_CASE("a frame with a red button differs from one without", "[ui]") {
  ui::Shell shell(headless_config());
  ui::ButtonStyle red;
  red.color = ui::rgb(0xFF0000);
  ImVec2 button_min;
  ImVec2 button_max;

  const ui::Image without = capture_frame(shell, [] {});
  const ui::Image with = capture_frame(shell, [&] {
    ui::big_button("Order", shell.theme(), ImVec2(160, 0), red);
    button_min = ImGui::GetItemRectMin();
    button_max = ImGui::GetItemRectMax();
  });

  CHECK(button_max.y - button_min.y >= shell.theme().touch_height);
  const auto differing = ui::count_different_pixels(without, with);
  CHECK(differing > 160u * 40u);  // most of the button's area
  const ui::Rgba8 inside =
      with.pixel(static_cast<int>(button_min.x) + 8, static_cast<int>(button_min.y + button_max.y) / 2);
  CHECK(inside.r > 200);
  CHECK(inside.g < 60);
  CHECK(inside.b < 60);
  CHECK(ui::count_different_pixels(without, without) == 0);
}

TEST_CASE("an injected click registers on a button", "[ui]") {
  ui::Shell shell(headless_config());
  ImVec2 center;
  const auto frame = [&] {
    bool clicked = false;
    REQUIRE(shell.begin_frame());
    {
      ui::RootWindow root("root", shell.theme());
      clicked = ui::big_button("Rush##dish1", shell.theme());
      center = ImVec2((ImGui::GetItemRectMin().x + ImGui::GetItemRectMax().x) * 0.5f,
                      (ImGui::GetItemRectMin().y + ImGui::GetItemRectMax().y) * 0.5f);
    }
    shell.end_frame();
    return clicked;
  };

  CHECK_FALSE(frame());  // lays the button out; no input yet

  SECTION("press and release over it clicks once") {
    shell.inject_mouse(center.x, center.y, true);
    CHECK_FALSE(frame());  // ImGui buttons fire on release
    shell.inject_mouse(center.x, center.y, false);
    CHECK(frame());
    CHECK_FALSE(frame());
  }
  SECTION("press and release elsewhere does not") {
    shell.inject_mouse(center.x, center.y + 120.0f, true);
    CHECK_FALSE(frame());
    shell.inject_mouse(center.x, center.y + 120.0f, false);
    CHECK_FALSE(frame());
  }
}

TEST_CASE("injected text reaches a text field", "[ui]") {
  ui::Shell shell(headless_config());
  std::array<char, 64> buffer{};
  const auto frame = [&](bool focus) {
    REQUIRE(shell.begin_frame());
    {
      ui::RootWindow root("root", shell.theme());
      if (focus) ImGui::SetKeyboardFocusHere();
      ImGui::InputText("##note", buffer.data(), buffer.size());
    }
    shell.end_frame();
  };
  frame(true);
  frame(false);  // the focus request becomes an active text field
  shell.inject_text("不要辣");
  frame(false);
  frame(false);
  CHECK(std::string(buffer.data()) == "不要辣");
}

TEST_CASE("the Chinese font is loaded with the characters of the given strings", "[ui]") {
  ui::Shell shell(headless_config());
  REQUIRE(shell.fonts_loaded());  // needs fonts-wqy-microhei
  ImFont* body = ui::font(ui::FontSize::body);
  REQUIRE(body != nullptr);
  CHECK(body->FindGlyphNoFallback(0x5BAB) != nullptr);  // 宫
  CHECK(body->FindGlyphNoFallback(0x8D85) != nullptr);  // 超
  CHECK(body->FindGlyphNoFallback(0x00A5) != nullptr);  // ¥
  // Body text also shows what people type, so it carries the common
  // characters too; the big sizes carry only the given strings.
  CHECK(body->FindGlyphNoFallback(0x9F99) != nullptr);                          // 龙: common
  CHECK(body->FindGlyphNoFallback(0x9F98) == nullptr);                          // 龘: rare, in no string
  CHECK(ui::font(ui::FontSize::huge)->FindGlyphNoFallback(0x9F99) == nullptr);  // 龙: in no string
  CHECK(ui::font(ui::FontSize::huge)->FontSize == Approx(64.0f));
  CHECK(ui::font(ui::FontSize::small)->FontSize == Approx(18.0f));
}

TEST_CASE("glyph ranges cover the characters of the given strings", "[ui]") {
  const std::vector<std::string> strings{"宫保鸡丁 ¥38.00", "麻婆豆腐×2", "超时 01:05"};
  const auto ranges = ui::build_glyph_ranges(strings);
  REQUIRE_FALSE(ranges.empty());
  CHECK(ranges.back() == 0);  // zero-terminated, as ImGui wants
  for (ImWchar c : {0x5BAB, 0x4FDD, 0x9E21, 0x4E01, 0x9EBB, 0x5A46, 0x8C46, 0x8150, 0x8D85, 0x65F6}) {
    INFO("U+" << std::hex << c);
    CHECK(ui::ranges_contain(ranges, c));
  }
  // Always present, even if no string uses them.
  for (ImWchar c : std::initializer_list<ImWchar>{'A', '0', 0x00A5, 0x00D7, 0x2014, 0x2026, 0x2022, 0x2192, 0x3002,
                                                  0xFF0C, 0xFFE5}) {
    INFO("U+" << std::hex << c);
    CHECK(ui::ranges_contain(ranges, c));
  }
  CHECK_FALSE(ui::ranges_contain(ranges, 0x9F99));  // 龙
  CHECK_FALSE(ui::ranges_contain(ui::build_glyph_ranges({}), 0x5BAB));
}

TEST_CASE("percentiles use the nearest rank", "[ui]") {
  std::vector<double> one_to_hundred;
  for (int i = 100; i >= 1; --i) one_to_hundred.push_back(i);  // unsorted on purpose

  const std::vector<double> none;
  const std::vector<double> single{4.5};
  CHECK(ui::percentile(none, 50) == 0.0);
  CHECK(ui::percentile(single, 0) == 4.5);
  CHECK(ui::percentile(single, 99) == 4.5);
  CHECK(ui::percentile(one_to_hundred, 0) == 1.0);
  CHECK(ui::percentile(one_to_hundred, 1) == 1.0);
  CHECK(ui::percentile(one_to_hundred, 50) == 50.0);
  CHECK(ui::percentile(one_to_hundred, 99) == 99.0);
  CHECK(ui::percentile(one_to_hundred, 99.5) == 100.0);
  CHECK(ui::percentile(one_to_hundred, 100) == 100.0);
  CHECK(ui::percentile(one_to_hundred, 250) == 100.0);  // clamped

  const std::vector<double> two{1.0, 3.0};
  CHECK(ui::percentile(two, 50) == 1.0);
  CHECK(ui::percentile(two, 51) == 3.0);

  const auto stats = ui::frame_stats(one_to_hundred);
  CHECK(stats.frames == 100);
  CHECK(stats.p50_ms == 50.0);
  CHECK(stats.p99_ms == 99.0);
  CHECK(stats.max_ms == 100.0);
  CHECK(stats.mean_ms == Approx(50.5));
  CHECK(ui::frame_stats(none).frames == 0);
}

TEST_CASE("VmRSS is parsed from /proc/self/status", "[ui]") {
  CHECK(ui::parse_vm_rss_kib("Name:\tx\nVmPeak:\t  9 kB\nVmRSS:\t   51234 kB\nThreads:\t1\n") == 51234);
  CHECK_FALSE(ui::parse_vm_rss_kib("Name:\tx\n").has_value());
  CHECK_FALSE(ui::parse_vm_rss_kib("VmRSS:\tlots\n").has_value());
  const auto real = ui::resident_memory_kib();
  REQUIRE(real.has_value());
  CHECK(*real > 0);
}

TEST_CASE("the three themes are distinct", "[ui]") {
  const ui::Theme warm = ui::warm_theme();
  const ui::Theme kitchen = ui::kitchen_theme();
  const ui::Theme office = ui::office_theme();
  const auto luminance = [](const ImVec4& c) { return 0.2126f * c.x + 0.7152f * c.y + 0.0722f * c.z; };
  const auto same = [](const ImVec4& a, const ImVec4& b) {
    return a.x == b.x && a.y == b.y && a.z == b.z && a.w == b.w;
  };

  CHECK_FALSE(same(warm.background, kitchen.background));
  CHECK_FALSE(same(warm.background, office.background));
  CHECK_FALSE(same(kitchen.background, office.background));
  CHECK_FALSE(same(warm.primary, office.primary));
  // The kitchen screen is dark with light text; the others are light.
  CHECK(luminance(kitchen.background) < 0.1f);
  CHECK(luminance(kitchen.text) - luminance(kitchen.background) > 0.7f);
  CHECK(luminance(warm.background) > 0.8f);
  CHECK(luminance(office.background) > 0.8f);
  // The kiosk's primary is a red.
  CHECK(warm.primary.x > 0.5f);
  CHECK(warm.primary.y < 0.3f);
  for (const ui::Theme* t : {&warm, &kitchen, &office}) {
    CHECK(t->touch_height >= 48.0f);
    CHECK_FALSE(same(t->danger, t->warning));
  }

  const ui::Theme doubled = ui::scaled(warm, 2.0f);
  CHECK(doubled.touch_height == 2.0f * warm.touch_height);
  CHECK(doubled.px(10.0f) == 20.0f);
  CHECK(ui::scaled(doubled, 1.0f).padding == warm.padding);

  ImGuiStyle style;
  ImGui::CreateContext();
  ui::apply_theme(kitchen, style);
  CHECK(same(style.Colors[ImGuiCol_WindowBg], kitchen.background));
  CHECK(same(style.Colors[ImGuiCol_Text], kitchen.text));
  ImGui::DestroyContext();
}

TEST_CASE("the countdown bar drains from full to empty", "[ui]") {
  CHECK(ui::countdown_fraction(900'000, 900'000) == 1.0f);
  CHECK(ui::countdown_fraction(1'000'000, 900'000) == 1.0f);
  CHECK(ui::countdown_fraction(450'000, 900'000) == Approx(0.5f));
  CHECK(ui::countdown_fraction(1, 900'000) > 0.0f);
  CHECK(ui::countdown_fraction(0, 900'000) == 0.0f);
  CHECK(ui::countdown_fraction(-65'000, 900'000) == 0.0f);
  CHECK(ui::countdown_fraction(10, 0) == 0.0f);
}

TEST_CASE("a late countdown is drawn in the late colour", "[ui]") {
  ui::Shell shell(headless_config(400, 200));
  const ui::Theme& theme = shell.theme();
  const auto count_near = [](const ui::Image& image, const ImVec4& c) {
    std::size_t n = 0;
    for (int y = 0; y < image.height; ++y) {
      for (int x = 0; x < image.width; ++x) {
        const ui::Rgba8 p = image.pixel(x, y);
        if (std::abs(p.r - int(c.x * 255)) < 8 && std::abs(p.g - int(c.y * 255)) < 8 &&
            std::abs(p.b - int(c.z * 255)) < 8) {
          ++n;
        }
      }
    }
    return n;
  };
  const ui::Image on_time = capture_frame(shell, [&] {
    ui::countdown({.text = "07:42", .remaining_ms = 462'000, .total_ms = 900'000, .color = theme.success}, theme);
  });
  const ui::Image late = capture_frame(shell, [&] {
    ui::countdown({.text = "LATE 01:05", .remaining_ms = -65'000, .total_ms = 900'000, .color = theme.success}, theme);
  });
  CHECK(count_near(on_time, theme.success) > 500);  // text and the half-full bar
  CHECK(count_near(late, theme.late) > 300);
  CHECK(count_near(late, theme.success) == 0);
}

TEST_CASE("cards grow with their content", "[ui]") {
  ui::Shell shell(headless_config(400, 400));
  float short_height = 0.0f;
  float tall_height = 0.0f;
  capture_frame(shell, [&] {
    const float window_avail = ImGui::GetContentRegionAvail().x;
    {
      ui::Card card("a", shell.theme(), {.width = 200.0f});
      // Widgets inside see the card's width, not the window's.
      CHECK(ImGui::GetContentRegionAvail().x == Approx(card.content_width()));
      CHECK(card.content_width() == Approx(200.0f - 2.0f * shell.theme().padding));
      ImGui::TextUnformatted("one line");
    }
    CHECK(ImGui::GetItemRectSize().x == Approx(200.0f));
    short_height = ImGui::GetItemRectSize().y;
    CHECK(ImGui::GetContentRegionAvail().x == Approx(window_avail));  // restored
    {
      ui::Card card("b", shell.theme());
      for (int i = 0; i < 4; ++i) ImGui::TextUnformatted("line");
    }
    tall_height = ImGui::GetItemRectSize().y;
  });
  CHECK(short_height > ImGui::GetFontSize());
  CHECK(tall_height > short_height + 2.0f * ImGui::GetFontSize());
}

TEST_CASE("common options parse and configure the shell", "[ui]") {
  CHECK(ui::parse_size("1280x800")->width == 1280);
  CHECK(ui::parse_size("1920X1080")->height == 1080);
  CHECK_FALSE(ui::parse_size("1280").has_value());
  CHECK_FALSE(ui::parse_size("0x800").has_value());
  CHECK_FALSE(ui::parse_size("12a0x800").has_value());
  CHECK_FALSE(ui::parse_size("x").has_value());

  CLI::App app("test");
  ui::RunOptions options;
  ui::add_options(app, options);

  SECTION("defaults: interactive, full screen") {
    app.parse(std::vector<std::string>{});
    CHECK_FALSE(options.headless());
    ui::ShellConfig config;
    ui::apply_options(options, config);
    CHECK(config.fullscreen);
    CHECK_FALSE(config.headless);
    CHECK(options.frames == 3);
  }
  SECTION("screenshot: headless, windowed at --size") {
    // CLI11 parses a reversed vector (last argument first).
    std::vector<std::string> args{"2.0", "--scale", "640x480", "--size", "out.png", "--screenshot"};
    app.parse(args);
    CHECK(options.headless());
    ui::ShellConfig config;
    ui::apply_options(options, config);
    CHECK(config.headless);
    CHECK_FALSE(config.fullscreen);
    CHECK(config.width == 640);
    CHECK(config.height == 480);
    CHECK(config.scale == 2.0f);
  }
  SECTION("bench is headless; bad values are refused") {
    std::vector<std::string> bench{"100", "--bench-frames"};
    app.parse(bench);
    CHECK(options.headless());
    std::vector<std::string> bad_size{"big", "--size"};
    CHECK_THROWS(app.parse(bad_size));
  }
}

TEST_CASE("sounds are generated and never fail without a device", "[ui]") {
  const auto chime = ui::make_chime(48000);
  const auto alarm = ui::make_alarm(48000);
  CHECK(chime.size() > 48000 / 2);
  CHECK(alarm.size() > chime.size());
  float peak = 0.0f;
  for (float s : alarm) peak = std::max(peak, std::abs(s));
  CHECK(peak > 0.2f);
  CHECK(peak <= 1.0f);
  CHECK(std::abs(chime.front()) < 0.01f);  // no click at the start

  ui::Sound sound;
  sound.chime();
  sound.set_muted(true);
  CHECK(sound.muted());
  sound.alarm();
}

TEST_CASE("run_loop renders the screenshot frames and writes the PNG", "[ui]") {
  const auto path = unique_temp_png("run_loop");
  ui::RunOptions options;
  options.screenshot = path.string();
  options.frames = 4;
  options.width = 300;
  options.height = 150;
  options.size_given = true;
  ui::ShellConfig config = headless_config();
  ui::apply_options(options, config);
  ui::Shell shell(config);
  std::uint64_t frames_drawn = 0;
  const int rc = ui::run_loop(shell, options, [&](ui::FrameContext& frame) {
    CHECK(frame.frame == frames_drawn);
    CHECK(frame.size.x == 300.0f);
    ++frames_drawn;
    ui::RootWindow root("root", frame.theme);
    ui::text("宫保鸡丁 ¥38.00", frame.theme.text);
  });
  CHECK(rc == 0);
  CHECK(frames_drawn == 4);
  const auto bytes = read_bytes(path);
  std::filesystem::remove(path);
  REQUIRE(bytes.size() > 24);
  CHECK(read_be32(bytes, 16) == 300);
  CHECK(read_be32(bytes, 20) == 150);
}

TEST_CASE("fill_rounded_rect fills the inside and leaves the corners", "[ui]") {
  ui::Shell shell(headless_config(200, 200));
  const ImVec4 bg = shell.theme().background;
  const ui::Image image = capture_frame(shell, [] {
    ImDrawList* draw_list = ImGui::GetWindowDrawList();
    ui::fill_rounded_rect(draw_list, ImVec2(20, 20), ImVec2(180, 120), IM_COL32(0, 0, 255, 255), 30.0f);
    // Only the left corners rounded.
    ui::fill_rounded_rect(draw_list, ImVec2(20, 140), ImVec2(180, 190), IM_COL32(0, 0, 255, 255), 20.0f,
                          ImDrawFlags_RoundCornersLeft);
  });
  const auto is_blue = [](ui::Rgba8 p) { return p.b > 240 && p.r < 15 && p.g < 15; };
  const auto is_bg = [&](ui::Rgba8 p) { return std::abs(p.b - int(bg.z * 255)) <= 1; };
  CHECK(is_blue(image.pixel(100, 70)));   // centre
  CHECK(is_blue(image.pixel(100, 21)));   // top edge, between the corners
  CHECK(is_blue(image.pixel(21, 70)));    // left edge
  CHECK(is_blue(image.pixel(150, 100)));  // inside the bottom-right curve
  CHECK(is_bg(image.pixel(22, 22)));      // cut off by the top-left curve
  CHECK(is_bg(image.pixel(177, 117)));
  CHECK(is_bg(image.pixel(22, 142)));     // rounded left corner
  CHECK(is_blue(image.pixel(178, 142)));  // square right corner
}

TEST_CASE("typed text sizes cover common Chinese not in any known string", "[ui][fonts]") {
  const std::vector<std::string> strings{"宫保鸡丁"};
  const auto typed = ui::build_typed_text_glyph_ranges(strings);
  CHECK(ui::ranges_contain(typed, 0x5C11));  // 少, as in a note "少辣"
  CHECK(ui::ranges_contain(typed, 0x5BAB));  // 宫, from the strings
  CHECK(ui::ranges_contain(typed, 'A'));
  CHECK_FALSE(ui::ranges_contain(ui::build_glyph_ranges(strings), 0x5C11));
}

TEST_CASE("the frame schedule draws after input, rests, and waits for what was asked", "[ui]") {
  using namespace std::chrono_literals;
  const ui::SteadyTime t0 = ui::SteadyTime{} + 1000s;
  ui::FrameSchedule schedule;
  schedule.min_interval = 16ms;
  const std::optional<ui::SteadyTime> no_poll;

  SECTION("the first frame is due at once") { CHECK(ui::wait_before_waking(schedule, t0, no_poll) == 0ms); }

  SECTION("input draws kSettleFrames frames at the cap, then the loop waits for an event") {
    ui::note_input(schedule);
    ui::SteadyTime t = t0;
    for (int i = 0; i < ui::kSettleFrames; ++i) {
      REQUIRE(ui::wait_before_waking(schedule, t, no_poll) == 0ms);
      ui::note_frame(schedule, t, std::nullopt);
      // The frame took 6 ms: 10 ms left to the cap.
      if (i + 1 < ui::kSettleFrames) CHECK(ui::wait_before_waking(schedule, t + 6ms, no_poll) == 10ms);
      t += 16ms;
    }
    CHECK_FALSE(ui::wait_before_waking(schedule, t, no_poll).has_value());
    CHECK_FALSE(ui::next_frame_due(schedule).has_value());
    SECTION("a poll still ends the wait") { CHECK(ui::wait_before_waking(schedule, t, t + 100ms) == 100ms); }
    SECTION("new input starts the settling again") {
      ui::note_input(schedule);
      CHECK(ui::wait_before_waking(schedule, t + 1s, no_poll) == 0ms);
    }
  }

  SECTION("a change from outside draws two frames, not the input's four") {
    ui::note_frame(schedule, t0, std::nullopt);
    for (int i = 1; i < ui::kSettleFrames; ++i) ui::note_frame(schedule, t0 + i * 20ms, std::nullopt);
    REQUIRE_FALSE(ui::next_frame_due(schedule).has_value());
    ui::note_change(schedule);
    ui::SteadyTime t = t0 + 1s;
    int frames = 0;
    while (ui::wait_before_waking(schedule, t, no_poll) == 0ms && frames < 10) {
      ui::note_frame(schedule, t, std::nullopt);
      ++frames;
      t += 20ms;
    }
    CHECK(frames == 2);
  }

  SECTION("a settled screen wakes for the frame it asked for, not before, never above the cap") {
    ui::SteadyTime t = t0;
    for (int i = 0; i < ui::kSettleFrames; ++i, t += 20ms) ui::note_frame(schedule, t, std::nullopt);
    const ui::SteadyTime last = t - 20ms;  // start of the last frame drawn
    using Case = std::tuple<std::chrono::microseconds, std::chrono::microseconds, std::chrono::milliseconds>;
    // (wanted after the last frame's start, now after it, expected wait)
    const auto [wanted_after, now_after, expected] =
        GENERATE(table<std::chrono::microseconds, std::chrono::microseconds, std::chrono::milliseconds>({
            Case{1000ms, 10ms, 990ms},    // the next second of a countdown
            Case{1000ms, 999ms, 1ms},     // 1 ms before it
            Case{1000ms, 1000ms, 0ms},    // at it
            Case{1000ms, 1001ms, 0ms},    // past it (a late wake): at once
            Case{500500us, 10ms, 491ms},  // 490.5 ms rounds up: never wake early
            Case{0ms, 5ms, 11ms},         // animating: still no faster than the cap
            Case{-50ms, 30ms, 0ms},       // asked for long ago, cap already passed
        }));
    ui::note_frame(schedule, last, last + wanted_after);
    CHECK(ui::wait_before_waking(schedule, last + now_after, no_poll) == expected);
  }

  SECTION("the earlier of the frame due and the next poll ends the wait") {
    for (int i = 0; i < ui::kSettleFrames; ++i) ui::note_frame(schedule, t0, std::nullopt);
    ui::note_frame(schedule, t0, t0 + 700ms);
    CHECK(ui::wait_before_waking(schedule, t0 + 100ms, t0 + 200ms) == 100ms);
    CHECK(ui::wait_before_waking(schedule, t0 + 100ms, t0 + 900ms) == 600ms);
  }
}

TEST_CASE("ticks fall on whole multiples of the period of the given clock", "[ui]") {
  using Case = std::tuple<std::int64_t, std::int64_t, std::int64_t>;
  const auto [now_ms, period_ms, expected] = GENERATE(table<std::int64_t, std::int64_t, std::int64_t>({
      Case{1'700'000'000'999, 1000, 1'700'000'001'000},  // 1 ms before the second
      Case{1'700'000'001'000, 1000, 1'700'000'002'000},  // on it: the next one
      Case{1'700'000'001'001, 1000, 1'700'000'002'000},
      Case{1'700'000'001'499, 500, 1'700'000'001'500},                     // a 2 Hz flash
      Case{1'700'000'001'500, 500, 1'700'000'002'000}, Case{-1, 1000, 0},  // floor division before the epoch
      Case{-1000, 1000, 0}, Case{59'999, 60'000, 60'000},                  // the minute of a clock
  }));
  CHECK(ui::next_tick_ms(now_ms, period_ms) == expected);
}

TEST_CASE("the text cursor's next blink follows ImGui's 0.8 s on, 0.4 s off", "[ui]") {
  using Case = std::tuple<float, double>;
  const auto [anim, expected] = GENERATE(table<float, double>({
      Case{-0.3f, 1.1f},                                  // just typed: on until 0.8
      Case{0.0f, 0.8}, Case{0.5f, 0.3}, Case{0.9f, 0.3},  // off until 1.2
      Case{1.3f, 0.7},                                    // the second cycle
  }));
  CHECK(ui::cursor_blink_change_s(anim) == Approx(expected).margin(1e-6));
}

TEST_CASE("toasts tell when the next one ends", "[ui]") {
  ui::ToastStack toasts;
  CHECK_FALSE(toasts.next_expiry_ms().has_value());
  toasts.push("a", ui::ToastKind::info, 1000, 6000);
  toasts.push("b", ui::ToastKind::info, 2000, 1000);
  CHECK(toasts.next_expiry_ms() == 3000);
}

namespace {

// The frames an idle interactive loop draws: the settling after start-up,
// then none until something asks.
void draw_something(ui::FrameContext& frame) {
  ui::RootWindow root("root", frame.theme);
  ui::text("宫保鸡丁 ¥38.00", frame.theme.text);
}

}  // namespace

TEST_CASE("the interactive loop rests until woken from another thread, then draws", "[ui]") {
  ui::Shell shell(headless_config());
  const ui::RunOptions interactive;
  std::atomic<int> frames{0};
  std::atomic<bool> woken{false};
  int frames_before_wake = -1;
  std::thread waker;
  const int rc = ui::run_loop(shell, interactive, [&](ui::FrameContext& frame) {
    ++frames;
    if (woken) {
      frame.request_quit();
      return;
    }
    if (frame.frame + 1 == static_cast<std::uint64_t>(ui::kSettleFrames)) {
      waker = std::thread([&] {
        // A loop that drew without cause would draw a dozen frames meanwhile.
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        frames_before_wake = frames;
        woken = true;
        shell.wake();
      });
    }
    draw_something(frame);
  });
  if (waker.joinable()) waker.join();
  CHECK(rc == 0);
  CHECK(frames_before_wake == ui::kSettleFrames);
  CHECK(frames == ui::kSettleFrames + 1);
}

TEST_CASE("the interactive loop draws the frame a screen asks for, and not before", "[ui]") {
  using namespace std::chrono_literals;
  ui::Shell shell(headless_config());
  const ui::RunOptions interactive;
  std::optional<ui::SteadyTime> asked_for;
  std::optional<ui::SteadyTime> drawn_at;
  int frames = 0;
  const int rc = ui::run_loop(shell, interactive, [&](ui::FrameContext& frame) {
    ++frames;
    if (asked_for) {
      drawn_at = frame.now;
      frame.request_quit();
      return;
    }
    if (frames == ui::kSettleFrames) {
      frame.wake_in(150ms);
      asked_for = *frame.wanted;
    }
    draw_something(frame);
  });
  CHECK(rc == 0);
  CHECK(frames == ui::kSettleFrames + 1);
  REQUIRE(drawn_at.has_value());
  CHECK(*drawn_at >= *asked_for);
}

TEST_CASE("the interactive loop draws when the change poll reports a change", "[ui]") {
  ui::Shell shell(headless_config());
  const ui::RunOptions interactive;
  int frames = 0;
  int frames_after_change = 0;
  bool changed = false;
  int polls = 0;
  const int rc = ui::run_loop(
      shell, interactive,
      [&](ui::FrameContext& frame) {
        ++frames;
        if (changed && ++frames_after_change == 2) frame.request_quit();
        draw_something(frame);
      },
      [&] {
        ++polls;
        // Once the start-up frames are done: one change, as from the kitchen.
        if (frames < ui::kSettleFrames || changed) return false;
        changed = true;
        return true;
      });
  CHECK(rc == 0);
  CHECK(polls >= 1);
  CHECK(frames == ui::kSettleFrames + 2);
}

TEST_CASE("the interactive loop of a versioned state draws when its version moves", "[ui]") {
  // As net::KitchenLink: a version bumped on every change of the state.
  struct Kitchen {
    std::uint64_t changes = 1;
    std::uint64_t version() const { return changes; }
  } kitchen;
  ui::Shell shell(headless_config());
  const ui::RunOptions interactive;
  int frames = 0;
  const int rc = ui::run_loop(
      shell, interactive,
      [&](ui::FrameContext& frame) {
        ++frames;
        // A change while the last start-up frame is drawn is not in it: the
        // loop must come back for it, and then rest again.
        if (frames == ui::kSettleFrames) ++kitchen.changes;
        if (frames == ui::kSettleFrames + ui::kChangeFrames) frame.request_quit();
        draw_something(frame);
      },
      kitchen);
  CHECK(rc == 0);
  CHECK(frames == ui::kSettleFrames + ui::kChangeFrames);
}

TEST_CASE("a key pressed and released between two frames still counts as a press (a bump bar's Enter)", "[ui]") {
  ui::Shell shell(headless_config());
  REQUIRE(shell.begin_frame());
  shell.end_frame();
  auto key = [](std::uint32_t type) {
    SDL_Event event{};
    event.type = type;
    event.key.type = type;
    event.key.state = type == SDL_KEYDOWN ? SDL_PRESSED : SDL_RELEASED;
    event.key.keysym.sym = SDLK_RETURN;
    event.key.keysym.scancode = SDL_SCANCODE_RETURN;
    REQUIRE(SDL_PushEvent(&event) == 1);
  };
  const int enter = ImGui::GetKeyIndex(ImGuiKey_Enter);
  for (int press = 0; press < 2; ++press) {  // two fast presses: each one counts
    key(SDL_KEYDOWN);
    key(SDL_KEYUP);
    REQUIRE(shell.begin_frame());
    CHECK(ImGui::IsKeyPressed(enter, false));
    shell.end_frame();
    REQUIRE(shell.begin_frame());  // the release, held back one frame, arrives now
    CHECK_FALSE(ImGui::IsKeyDown(enter));
    CHECK_FALSE(ImGui::IsKeyPressed(enter, false));
    shell.end_frame();
  }
}

TEST_CASE("a shell whose set-up fails half-way undoes what it did, and the next one starts", "[ui]") {
  // A window far too big for a framebuffer: SDL makes the window, then cannot
  // make its renderer. The window and SDL must be released, or the next
  // shell would find SDL half set up.
  ui::ShellConfig huge = headless_config(100000, 100000);
  CHECK_THROWS_AS(ui::Shell(huge), ui::ShellError);
  ui::Shell shell(headless_config());
  REQUIRE(shell.begin_frame());
  shell.end_frame();
  CHECK(shell.window() != nullptr);
  CHECK(shell.renderer() != nullptr);
}
