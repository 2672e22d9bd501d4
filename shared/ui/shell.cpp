#include "shared/ui/shell.hpp"

#include <SDL.h>
#include <backends/imgui_impl_sdl.h>
#include <backends/imgui_impl_sdlrenderer.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>

namespace hourglass::ui {

namespace {

// The reference height at which scale is 1 (the default 1280x800 window).
constexpr float reference_height = 800.0f;

std::string sdl_error(const char* what) { return std::string(what) + ": " + SDL_GetError(); }

// Reads a whole file; empty when it cannot be read (the caller logs why).
std::vector<char> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  return std::vector<char>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

constexpr FontSize all_font_sizes[] = {FontSize::small, FontSize::body, FontSize::large, FontSize::title,
                                       FontSize::huge};

}  // namespace

Shell::SdlSession::~SdlSession() { SDL_Quit(); }
void Shell::WindowDeleter::operator()(SDL_Window* window) const { SDL_DestroyWindow(window); }
void Shell::RendererDeleter::operator()(SDL_Renderer* renderer) const { SDL_DestroyRenderer(renderer); }
Shell::ImGuiContextOwner::ImGuiContextOwner() { ImGui::CreateContext(); }
Shell::ImGuiContextOwner::~ImGuiContextOwner() { ImGui::DestroyContext(); }
Shell::PlatformBackend::~PlatformBackend() { ImGui_ImplSDL2_Shutdown(); }
Shell::RendererBackend::~RendererBackend() { ImGui_ImplSDLRenderer_Shutdown(); }

ShellConfig headless_shell_config(std::string title, int width, int height) {
  ShellConfig config;
  config.title = std::move(title);
  config.width = width;
  config.height = height;
  config.headless = true;
  config.fullscreen = false;
  config.scale = 1.0f;
  return config;
}

// A throw half-way leaves the members set up so far, which undo themselves.
Shell::Shell(ShellConfig config) : config_(std::move(config)) {
  init_sdl();
  init_imgui();
}

Shell::~Shell() = default;

void Shell::init_sdl() {
  if (config_.headless) {
    // Runs with no display at all; the software renderer is also what the
    // benchmarks are defined on. Without the framebuffer hint SDL's dummy
    // driver is about 4x slower (DEPENDENCIES.md).
    setenv("SDL_VIDEODRIVER", "dummy", /*overwrite=*/0);
    setenv("SDL_FRAMEBUFFER_ACCELERATION", "0", /*overwrite=*/1);
  }
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER | SDL_INIT_EVENTS) != 0) {
    throw ShellError(sdl_error("SDL_Init"));
  }
  sdl_.emplace();
  const Uint32 wake_event = SDL_RegisterEvents(1);
  if (wake_event == static_cast<Uint32>(-1)) {
    spdlog::warn("no SDL user event left: changes from other threads show at the next poll");
  } else {
    wake_event_ = wake_event;
  }

  Uint32 window_flags = SDL_WINDOW_SHOWN;
  if (config_.headless) {
    // fixed size: a screenshot is exactly width x height
  } else if (config_.fullscreen) {
    window_flags |= SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS;
  } else {
    window_flags |= SDL_WINDOW_RESIZABLE;
  }
  window_.reset(SDL_CreateWindow(config_.title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, config_.width,
                                 config_.height, window_flags));
  if (window_ == nullptr) throw ShellError(sdl_error("SDL_CreateWindow"));

  if (!config_.headless) {
    renderer_.reset(SDL_CreateRenderer(window(), -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC));
    if (renderer_ == nullptr) {
      spdlog::info("no accelerated renderer ({}); using the software renderer", SDL_GetError());
    }
  }
  if (renderer_ == nullptr) {
    renderer_.reset(SDL_CreateRenderer(window(), -1, SDL_RENDERER_SOFTWARE));
  }
  if (renderer_ == nullptr) throw ShellError(sdl_error("SDL_CreateRenderer"));
  // For comparing against ImGui's own backend (screenshots, benchmarks).
  const char* renderer_choice = std::getenv("HOURGLASS_IMGUI_RENDERER");
  imgui_backend_only_ = renderer_choice != nullptr && std::string(renderer_choice) == "backend";
  if (imgui_backend_only_) spdlog::info("HOURGLASS_IMGUI_RENDERER=backend: ImGui's sdlrenderer backend only");
  SDL_RendererInfo info{};
  if (SDL_GetRendererInfo(renderer(), &info) == 0) {
    // Logged only: the loop paces itself (a renderer reported vsync under Xvfb
    // and did not honour it).
    spdlog::debug("renderer {} vsync={}", info.name, (info.flags & SDL_RENDERER_PRESENTVSYNC) != 0);
  }

  int out_w = 0;
  int out_h = 0;
  if (SDL_GetRendererOutputSize(renderer(), &out_w, &out_h) != 0) {
    throw ShellError(sdl_error("SDL_GetRendererOutputSize"));
  }
  if (config_.scale > 0.0f) {
    scale_ = config_.scale;
  } else {
    // A full-HD wall screen gets 1.35, a 1280x800 tablet 1.0.
    scale_ = std::clamp(static_cast<float>(out_h) / reference_height, 0.75f, 3.0f);
  }
}

void Shell::init_imgui() {
  IMGUI_CHECKVERSION();
  imgui_context_.emplace();
  ImGuiIO& io = ImGui::GetIO();
  // A kiosk must not drop imgui.ini / imgui_log.txt in its working directory.
  io.IniFilename = nullptr;
  io.LogFilename = nullptr;
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;

  if (!ImGui_ImplSDL2_InitForSDLRenderer(window())) {
    throw ShellError("ImGui_ImplSDL2_InitForSDLRenderer failed");
  }
  platform_backend_.emplace();
  if (!ImGui_ImplSDLRenderer_Init(renderer())) {
    throw ShellError("ImGui_ImplSDLRenderer_Init failed");
  }
  renderer_backend_.emplace();

  set_theme(config_.theme);
  load_fonts();
}

void Shell::load_fonts() {
  ImGuiIO& io = ImGui::GetIO();
  ImFontAtlas& atlas = *io.Fonts;
  atlas.Clear();

  // Read once for all sizes; the atlas only borrows it until Build().
  std::vector<char> font_data = read_file(config_.font_path);
  if (font_data.empty()) {
    spdlog::warn(
        "font {} not found or unreadable: using ImGui's default font (Chinese will "
        "render as '?'); install fonts-wqy-microhei",
        config_.font_path);
  } else {
    glyph_ranges_ = build_glyph_ranges(config_.strings);
    typed_text_glyph_ranges_ = build_typed_text_glyph_ranges(config_.strings);
    for (FontSize size : all_font_sizes) {
      ImFontConfig cfg;
      cfg.FontDataOwnedByAtlas = false;
      cfg.FontNo = 0;  // the .ttc's first face: Micro Hei (1 is the mono face)
      // Horizontal oversampling sharpens small text; at 30 px and up it
      // only doubles the atlas.
      const float px = config_.font_sizes[size] * scale_;
      cfg.OversampleH = px < 30.0f ? 2 : 1;
      cfg.OversampleV = 1;
      const bool typed_text = size == FontSize::small || size == FontSize::body;
      const std::vector<ImWchar>& ranges = typed_text ? typed_text_glyph_ranges_ : glyph_ranges_;
      ImFont* f =
          atlas.AddFontFromMemoryTTF(font_data.data(), static_cast<int>(font_data.size()), px, &cfg, ranges.data());
      if (f == nullptr) break;
    }
    if (atlas.Fonts.Size == static_cast<int>(font_size_count) && atlas.Build()) {
      fonts_loaded_ = true;
    } else {
      spdlog::warn("font {} could not be loaded: using ImGui's default font", config_.font_path);
      atlas.Clear();
    }
    // The atlas is built (or cleared): drop the borrowed pointers before the
    // buffer goes away with this scope.
    atlas.ClearInputData();
  }
  if (!fonts_loaded_) {
    for (FontSize size : all_font_sizes) {
      ImFontConfig cfg;
      cfg.SizePixels = config_.font_sizes[size] * scale_;
      atlas.AddFontDefault(&cfg);
    }
    if (!atlas.Build()) throw ShellError("cannot build even ImGui's default font atlas");
  }
  io.FontDefault = atlas.Fonts[static_cast<int>(FontSize::body)];
  int tex_w = 0;
  int tex_h = 0;
  unsigned char* pixels = nullptr;
  atlas.GetTexDataAsAlpha8(&pixels, &tex_w, &tex_h);
  spdlog::debug("font atlas {}x{}, {} glyph range entries", tex_w, tex_h, glyph_ranges_.size());
}

void Shell::set_theme(const Theme& theme) {
  theme_ = scaled(theme, scale_);
  apply_theme(theme_, ImGui::GetStyle());
}

ImVec2 Shell::size() const {
  int w = 0;
  int h = 0;
  SDL_GetRendererOutputSize(renderer(), &w, &h);
  return ImVec2(static_cast<float>(w), static_cast<float>(h));
}

int Shell::process_events() {
  int count = 0;
  std::vector<SDL_Keycode> pressed;  // keys that went down in this batch
  SDL_Event event;
  if (held_release_) {
    ImGui_ImplSDL2_ProcessEvent(&*held_release_);
    held_release_.reset();
    ++count;
  }
  while (SDL_PollEvent(&event)) {
    if (wake_event_ != 0 && event.type == wake_event_) {
      woken_ = true;
      continue;
    }
    ++count;
    if (event.type == SDL_KEYUP && std::find(pressed.begin(), pressed.end(), event.key.keysym.sym) != pressed.end()) {
      held_release_ = event;  // seen next frame, after this one saw the press
      break;
    }
    if (event.type == SDL_KEYDOWN) pressed.push_back(event.key.keysym.sym);
    ImGui_ImplSDL2_ProcessEvent(&event);
    if (event.type == SDL_QUIT) quit_requested_ = true;
    if (event.type == SDL_WINDOWEVENT && event.window.event == SDL_WINDOWEVENT_CLOSE &&
        event.window.windowID == SDL_GetWindowID(window())) {
      quit_requested_ = true;
    }
  }
  return count;
}

void Shell::wake() const {
  if (wake_event_ == 0) return;
  SDL_Event event{};
  event.type = wake_event_;
  if (SDL_PushEvent(&event) < 0) spdlog::debug("wake not queued: {}", SDL_GetError());
}

bool Shell::begin_frame() {
  process_events();
  if (quit_requested_) return false;

  ImGuiIO& io = ImGui::GetIO();
  if (!injected_text_.empty()) {
    io.AddInputCharactersUTF8(injected_text_.c_str());
    injected_text_.clear();
  }
  ImGui_ImplSDLRenderer_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  // After the platform backend, which overwrites the mouse from SDL's state.
  if (injected_mouse_) {
    io.MousePos = ImVec2(injected_mouse_->x, injected_mouse_->y);
    io.MouseDown[0] = injected_mouse_->down;
  }
  ImGui::NewFrame();
  return true;
}

void Shell::render_draw_data() {
  ImGui::Render();
  const ImVec4& bg = theme_.background;
  SDL_SetRenderDrawColor(renderer(), static_cast<Uint8>(bg.x * 255.0f), static_cast<Uint8>(bg.y * 255.0f),
                         static_cast<Uint8>(bg.z * 255.0f), 255);
  SDL_RenderClear(renderer());
  if (imgui_backend_only_) {
    ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
  } else {
    render_stats_ = hourglass::ui::render_draw_data(renderer(), ImGui::GetDrawData());
  }
}

void Shell::present() {
  SDL_RenderPresent(renderer());
  if (frame_count_ == 0) {
    // The renderer backend uploaded the atlas to a texture in the first
    // NewFrame; the CPU copies (alpha + RGBA, several MiB with CJK) are no
    // longer needed. Only allowed outside NewFrame..Render (atlas locked).
    ImGui::GetIO().Fonts->ClearTexData();
  }
  ++frame_count_;
}

void Shell::end_frame() {
  render_draw_data();
  present();
}

Image Shell::end_frame_with_capture() {
  render_draw_data();
  Image image;
  if (SDL_GetRendererOutputSize(renderer(), &image.width, &image.height) != 0) {
    throw ShellError(sdl_error("SDL_GetRendererOutputSize"));
  }
  image.rgba.resize(static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height) * 4);
  // RGBA32 is R, G, B, A in memory whatever the byte order, as PNG wants.
  if (SDL_RenderReadPixels(renderer(), nullptr, SDL_PIXELFORMAT_RGBA32, image.rgba.data(), image.width * 4) != 0) {
    throw ShellError(sdl_error("SDL_RenderReadPixels"));
  }
  // The window surface's alpha is undefined; a screenshot is opaque.
  for (std::size_t i = 3; i < image.rgba.size(); i += 4) image.rgba[i] = 255;
  present();
  return image;
}

void Shell::inject_mouse(float x, float y, bool down) { injected_mouse_ = InjectedMouse{x, y, down}; }

void Shell::inject_text(const std::string& utf8) { injected_text_ += utf8; }

void Shell::inject_key(ImGuiKey key, bool down) {
  if (key < 0 || key >= ImGuiKey_COUNT) {
    throw std::invalid_argument("inject_key: not an ImGuiKey");
  }
  ImGuiIO& io = ImGui::GetIO();
  const int index = io.KeyMap[key];
  if (index < 0 || index >= static_cast<int>(IM_ARRAYSIZE(io.KeysDown))) {
    throw std::invalid_argument("inject_key: key not mapped by the platform backend");
  }
  io.KeysDown[index] = down;
}

}  // namespace hourglass::ui
