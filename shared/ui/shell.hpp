#pragma once
// The window every Hourglass screen runs in: SDL, a window, an SDL_Renderer,
// an ImGui context with the SDL2 + sdlrenderer backends, the fonts and the
// theme. Built in the constructor, torn down in reverse in the destructor, as
// in the Dear ImGui example main loop; one Shell per process.

#include <SDL.h>
#include <imgui.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "shared/ui/fonts.hpp"
#include "shared/ui/screenshot.hpp"
#include "shared/ui/sdl_render.hpp"
#include "shared/ui/theme.hpp"

struct SDL_Window;
struct SDL_Renderer;

namespace hourglass::ui {

// Thrown when SDL or ImGui cannot be set up: broken infrastructure, not input.
class ShellError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ShellConfig {
  std::string title = "Hourglass";
  // Window size in pixels when windowed (and the size of every screenshot).
  int width = 1280;
  int height = 800;
  // Full-screen borderless on the current display (the product default);
  // false gives a window of width x height.
  bool fullscreen = true;
  // No display at all: forces SDL_VIDEODRIVER=dummy (unless already set) and
  // the software renderer, windowed at width x height, no vsync.
  bool headless = false;
  // Multiplies fonts and sizes. 0 = derive from the window height (800 px
  // tall is 1.0), clamped to [0.75, 3].
  float scale = 0.0f;
  Theme theme = warm_theme();
  FontSizes font_sizes;
  std::string font_path = default_font_path;
  // Every string the program may show (menu names, UI text): their characters
  // are added to the font atlas. ASCII and common symbols are always there.
  std::vector<std::string> strings;
  // The interactive loop never draws faster than this, whatever the renderer
  // claims about vsync (one reported it and did not honour it).
  int max_fps = 60;
  // Reference point for "time to first frame"; set it at the top of main.
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
};

// A shell with no display (SDL's dummy driver, the software renderer),
// windowed at width x height, scale 1 whatever the height: the tests'
// shell and the renderer's empty-frame limit.
ShellConfig headless_shell_config(std::string title, int width, int height);

class Shell {
 public:
  explicit Shell(ShellConfig config);  // throws ShellError
  ~Shell();
  Shell(const Shell&) = delete;
  Shell& operator=(const Shell&) = delete;
  Shell(Shell&&) = delete;
  Shell& operator=(Shell&&) = delete;

  // Polls events and starts an ImGui frame. Returns false once the window was
  // closed or request_quit() was called; do not call end_frame() then.
  bool begin_frame();
  // Hands every queued SDL event to ImGui (as begin_frame does first), so a
  // loop that sleeps between frames can take events as they come. Returns how
  // many there were, not counting wakes.
  int process_events();
  // Wakes the interactive loop (run_loop) for a frame: pushes an SDL user
  // event. Safe from any thread while the Shell lives (SDL_PushEvent is
  // thread-safe): for a network thread whose state just changed.
  void wake() const;
  // Whether a wake() arrived since the last call.
  bool take_wake() { return std::exchange(woken_, false); }
  // Renders and presents the frame.
  void end_frame();
  // Renders, reads the pixels back (before present, when they are defined)
  // and presents. Use for screenshots and pixel tests.
  Image end_frame_with_capture();

  void request_quit() { quit_requested_ = true; }
  bool quit_requested() const { return quit_requested_; }

  // The theme with sizes already multiplied by scale(): pass it to widgets.
  const Theme& theme() const { return theme_; }
  // Switches theme at run time (re-applies ImGui's style).
  void set_theme(const Theme& theme);
  float scale() const { return scale_; }
  // Renderer output size in pixels (the size of a capture).
  ImVec2 size() const;
  bool headless() const { return config_.headless; }
  bool fonts_loaded() const { return fonts_loaded_; }  // false: ImGui default font fallback
  std::uint64_t frame_count() const { return frame_count_; }
  const ShellConfig& config() const { return config_; }
  // How the last frame's triangles were drawn (see sdl_render.hpp).
  const RenderStats& render_stats() const { return render_stats_; }

  // Test input. SDL mouse events do not register under the dummy driver (the
  // window never has focus), so these are applied straight to ImGuiIO at
  // every following begin_frame, after the platform backend's NewFrame.
  // A click is two frames: inject_mouse(x, y, true), frame, then
  // inject_mouse(x, y, false), frame (ImGui buttons fire on release).
  void inject_mouse(float x, float y, bool down);
  void clear_injected_mouse() { injected_mouse_.reset(); }
  // Queued for the next frame only.
  void inject_text(const std::string& utf8);
  // Holds (down) or releases an ImGui named key (ImGuiKey_Enter, ...) through
  // the backend's key map, until released.
  void inject_key(ImGuiKey key, bool down);

  SDL_Window* window() const { return window_.get(); }
  SDL_Renderer* renderer() const { return renderer_.get(); }

 private:
  void init_sdl();
  void init_imgui();
  void load_fonts();
  void render_draw_data();
  void present();

  struct InjectedMouse {
    float x;
    float y;
    bool down;
  };

  ShellConfig config_;
  Theme theme_;
  float scale_ = 1.0f;
  bool imgui_backend_only_ = false;  // HOURGLASS_IMGUI_RENDERER=backend
  // Owned in the order they are set up, so they are torn down in reverse by
  // the members' own destructors: the backends, the ImGui context, the
  // renderer, the window, SDL. A Shell whose set-up threw half-way undoes
  // exactly what was done.
  struct SdlSession {
    SdlSession() = default;
    SdlSession(const SdlSession&) = delete;
    SdlSession& operator=(const SdlSession&) = delete;
    ~SdlSession();
  };
  struct WindowDeleter {
    void operator()(SDL_Window* window) const;
  };
  struct RendererDeleter {
    void operator()(SDL_Renderer* renderer) const;
  };
  struct ImGuiContextOwner {
    ImGuiContextOwner();
    ImGuiContextOwner(const ImGuiContextOwner&) = delete;
    ImGuiContextOwner& operator=(const ImGuiContextOwner&) = delete;
    ~ImGuiContextOwner();
  };
  struct PlatformBackend {
    PlatformBackend() = default;
    PlatformBackend(const PlatformBackend&) = delete;
    PlatformBackend& operator=(const PlatformBackend&) = delete;
    ~PlatformBackend();
  };
  struct RendererBackend {
    RendererBackend() = default;
    RendererBackend(const RendererBackend&) = delete;
    RendererBackend& operator=(const RendererBackend&) = delete;
    ~RendererBackend();
  };
  std::optional<SdlSession> sdl_;
  std::unique_ptr<SDL_Window, WindowDeleter> window_;
  std::unique_ptr<SDL_Renderer, RendererDeleter> renderer_;
  std::optional<ImGuiContextOwner> imgui_context_;
  std::optional<PlatformBackend> platform_backend_;
  std::optional<RendererBackend> renderer_backend_;
  bool fonts_loaded_ = false;
  bool quit_requested_ = false;
  std::uint64_t frame_count_ = 0;
  RenderStats render_stats_;
  // Must outlive the font atlas build: ImGui keeps the pointer.
  std::vector<ImWchar> glyph_ranges_;
  std::vector<ImWchar> typed_text_glyph_ranges_;  // small and body sizes
  std::optional<InjectedMouse> injected_mouse_;
  std::string injected_text_;
  std::uint32_t wake_event_ = 0;  // SDL_RegisterEvents; 0 when none was left
  bool woken_ = false;
  // A key released in the same batch of events as its press, held back to
  // the next frame: this ImGui (1.86) reads keys as up/down once a frame, so
  // a press and release seen together would never count as a press (a bump
  // bar's Enter is that fast).
  std::optional<SDL_Event> held_release_;
};

}  // namespace hourglass::ui
