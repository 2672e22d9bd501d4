// Tests of shared/ui/sdl_render: the quad classification, the polygon scan
// conversion, and the fast paths against ImGui's own sdlrenderer backend.
#include <SDL.h>
#include <backends/imgui_impl_sdlrenderer.h>

#include <catch2/catch.hpp>
#include <cstddef>
#include <cstdlib>
#include <vector>

#include "shared/ui/screenshot.hpp"
#include "shared/ui/sdl_render.hpp"
#include "shared/ui/shell.hpp"
#include "shared/ui/widgets.hpp"
#include "tests/ui/headless_shell.hpp"

namespace ui = hourglass::ui;

namespace {

const ImVec2 white{0.5f / 64.0f, 0.5f / 64.0f};

ImDrawVert vert(float x, float y, float u, float v, ImU32 col = IM_COL32(10, 20, 30, 255)) {
  ImDrawVert d;
  d.pos = ImVec2(x, y);
  d.uv = ImVec2(u, v);
  d.col = col;
  return d;
}

// ImGui's PrimRect / PrimRectUV layout: a, b, c, d clockwise from the top
// left, indices (0, 1, 2), (0, 2, 3).
std::vector<ImDrawVert> rect_verts(ImVec2 a, ImVec2 c, ImVec2 uv_a, ImVec2 uv_c) {
  return {vert(a.x, a.y, uv_a.x, uv_a.y), vert(c.x, a.y, uv_c.x, uv_a.y), vert(c.x, c.y, uv_c.x, uv_c.y),
          vert(a.x, c.y, uv_a.x, uv_c.y)};
}

// ImGui's PrimRect: triangles (0, 1, 2), (0, 2, 3).
const ImDrawIdx first[3] = {0, 1, 2};
const ImDrawIdx second[3] = {0, 2, 3};

ui::Image read_back(SDL_Renderer* renderer, int width, int height) {
  ui::Image image;
  image.width = width;
  image.height = height;
  image.rgba.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4);
  REQUIRE(SDL_RenderReadPixels(renderer, nullptr, SDL_PIXELFORMAT_RGBA32, image.rgba.data(), width * 4) == 0);
  for (std::size_t i = 3; i < image.rgba.size(); i += 4) image.rgba[i] = 255;
  return image;
}

// Pixels whose colour differs by more than `tolerance` in some channel.
std::size_t count_far_pixels(const ui::Image& a, const ui::Image& b, int tolerance) {
  std::size_t far = 0;
  for (std::size_t i = 0; i + 3 < a.rgba.size() && i + 3 < b.rgba.size(); i += 4) {
    for (std::size_t k = 0; k < 3; ++k) {
      if (std::abs(a.rgba[i + k] - b.rgba[i + k]) > tolerance) {
        ++far;
        break;
      }
    }
  }
  return far;
}

}  // namespace

TEST_CASE("classify_quad finds the rectangles SDL draws as fills and copies", "[ui][render]") {
  SECTION("UVs on one texel: a solid rectangle") {
    const auto v = rect_verts({10, 20}, {30.5f, 45}, white, white);
    const ui::QuadShape q = ui::classify_quad(v.data(), first, second, 64, 64);
    CHECK(q.kind == ui::QuadKind::solid_rect);
    CHECK(q.x == 10.0f);
    CHECK(q.y == 20.0f);
    CHECK(q.w == 20.5f);
    CHECK(q.h == 25.0f);
    CHECK(q.color == IM_COL32(10, 20, 30, 255));
  }
  SECTION("a UV span: a textured rectangle (a glyph), source in texels") {
    const auto v = rect_verts({10, 20}, {18, 36}, {0.25f, 0.5f}, {0.375f, 0.75f});
    const ui::QuadShape q = ui::classify_quad(v.data(), first, second, 64, 64);
    CHECK(q.kind == ui::QuadKind::textured_rect);
    CHECK(q.src_x == 16);
    CHECK(q.src_y == 32);
    CHECK(q.src_w == 8);
    CHECK(q.src_h == 16);
    // Without a texture the same quad is a fill.
    CHECK(ui::classify_quad(v.data(), first, second, 0, 0).kind == ui::QuadKind::solid_rect);
  }
  SECTION("mirrored UVs: a textured rectangle with a negative span") {
    const auto v = rect_verts({10, 20}, {18, 36}, {0.375f, 0.5f}, {0.25f, 0.75f});
    const ui::QuadShape q = ui::classify_quad(v.data(), first, second, 64, 64);
    CHECK(q.kind == ui::QuadKind::textured_rect);
    CHECK(q.src_w == -8);
  }
  SECTION("vertex order matters only as SDL's corner search makes it") {
    const auto v = rect_verts({10, 20}, {30, 45}, white, white);
    const ImDrawIdx c[3] = {2, 3, 0};
    const ImDrawIdx d[3] = {0, 1, 2};
    CHECK(ui::classify_quad(v.data(), c, d, 64, 64).kind == ui::QuadKind::solid_rect);
    // SDL looks for the bottom-right corner in a way that misses it in
    // (1, 2, 3); it then rasterises the two triangles, and so do we.
    const ImDrawIdx a[3] = {0, 1, 3};
    const ImDrawIdx b[3] = {1, 2, 3};
    CHECK(ui::classify_quad(v.data(), a, b, 64, 64).kind == ui::QuadKind::general);
  }
  SECTION("general shapes") {
    const auto v = rect_verts({10, 20}, {30, 45}, white, white);
    std::vector<ImDrawVert> shape = v;
    // Triangles sharing an edge that is not a diagonal overlap.
    const ImDrawIdx overlapping[3] = {0, 1, 3};
    CHECK(ui::classify_quad(v.data(), first, overlapping, 64, 64).kind == ui::QuadKind::general);
    // One shared vertex, or all three.
    shape.push_back(vert(40, 50, white.x, white.y));
    const ImDrawIdx apart[3] = {2, 3, 4};
    CHECK(ui::classify_quad(shape.data(), first, apart, 64, 64).kind == ui::QuadKind::general);
    CHECK(ui::classify_quad(shape.data(), first, first, 64, 64).kind == ui::QuadKind::general);
    // Not axis-aligned (a sheared corner).
    shape = v;
    shape[2].pos.x += 0.25f;
    CHECK(ui::classify_quad(shape.data(), first, second, 64, 64).kind == ui::QuadKind::general);
    // Two colours (an anti-aliased fringe fading out).
    shape = v;
    shape[1].col = IM_COL32(10, 20, 30, 0);
    CHECK(ui::classify_quad(shape.data(), first, second, 64, 64).kind == ui::QuadKind::general);
    // Zero width: nothing to draw.
    shape = rect_verts({10, 20}, {10, 45}, white, white);
    CHECK(ui::classify_quad(shape.data(), first, second, 64, 64).kind == ui::QuadKind::general);
  }
}

TEST_CASE("scan_convex_polygon covers pixel centres with SDL's top-left rule", "[ui][render]") {
  std::vector<ui::PixelRect> rects;
  SECTION("a rectangle is one band, whatever the winding") {
    CHECK(ui::scan_convex_polygon({{2, 3}, {7, 3}, {7, 9}, {2, 9}}, rects));
    REQUIRE(rects.size() == 1);
    CHECK(rects[0] == ui::PixelRect{2, 3, 7, 9});
    rects.clear();
    CHECK(ui::scan_convex_polygon({{2, 3}, {2, 9}, {7, 9}, {7, 3}}, rects));
    REQUIRE(rects.size() == 1);
    CHECK(rects[0] == ui::PixelRect{2, 3, 7, 9});
  }
  SECTION("vertices are truncated to whole pixels, as SDL does") {
    CHECK(ui::scan_convex_polygon({{2.9f, 3.5f}, {7.9f, 3.2f}, {7.2f, 9.9f}, {2.1f, 9.0f}}, rects));
    REQUIRE(rects.size() == 1);
    CHECK(rects[0] == ui::PixelRect{2, 3, 7, 9});
  }
  SECTION("a triangle narrows row by row; rows of equal extent merge") {
    CHECK(ui::scan_convex_polygon({{0, 0}, {4, 0}, {0, 4}}, rects));
    // Centres (x + 0.5, y + 0.5) with x + y + 1 < 4, or on the hypotenuse
    // (a right edge here: outside).
    const std::vector<ui::PixelRect> expected{{0, 0, 3, 1}, {0, 1, 2, 2}, {0, 2, 1, 3}};
    CHECK(rects == expected);
  }
  SECTION("a repeated vertex (two points truncated to one pixel) changes nothing") {
    CHECK(ui::scan_convex_polygon({{2, 3}, {7, 3}, {7.5f, 3.9f}, {7, 9}, {2, 9}}, rects));
    REQUIRE(rects.size() == 1);
    CHECK(rects[0] == ui::PixelRect{2, 3, 7, 9});
  }
  SECTION("a hexagon's middle rows merge") {
    CHECK(ui::scan_convex_polygon({{2, 0}, {6, 0}, {8, 2}, {8, 8}, {6, 10}, {2, 10}, {0, 8}, {0, 2}}, rects));
    REQUIRE(rects.size() == 5);
    CHECK(rects[2] == ui::PixelRect{0, 2, 8, 8});
  }
  SECTION("a concave polygon is refused, a flat one is empty") {
    CHECK_FALSE(ui::scan_convex_polygon({{0, 0}, {10, 0}, {5, 2}, {10, 10}, {0, 10}}, rects));
    CHECK(rects.empty());
    CHECK(ui::scan_convex_polygon({{0, 0}, {5, 0}, {10, 0}}, rects));
    CHECK(rects.empty());
  }
}

TEST_CASE("the software fast paths draw what ImGui's backend draws", "[ui][render]") {
  constexpr int width = 480;
  constexpr int height = 320;
  ui::Shell shell(hourglass::test::headless_shell_config(width, height));
  SDL_Renderer* renderer = shell.renderer();

  const auto draw = [&] {
    ui::RootWindow root("root", shell.theme());
    ImDrawList* list = ImGui::GetWindowDrawList();
    list->AddRectFilled({10, 10}, {200.5f, 60.25f}, IM_COL32(200, 40, 40, 255));
    list->AddRectFilled({20, 70}, {220, 150}, IM_COL32(40, 200, 40, 160), 12.0f);
    list->AddRectFilled({230, 70}, {238.1f, 300}, IM_COL32(255, 80, 80, 255), 4.05f, ImDrawFlags_RoundCornersLeft);
    list->AddRectFilled({240, 70}, {250.8f, 300}, IM_COL32(255, 80, 80, 255), 16.2f, ImDrawFlags_RoundCornersLeft);
    list->AddCircleFilled({330, 110}, 40.0f, IM_COL32(40, 40, 220, 255));
    list->AddRect({250, 170}, {460, 300}, IM_COL32(250, 250, 250, 255), 10.0f, 0, 3.0f);
    ui::fill_rounded_rect(list, {20, 170}, {220, 300}, IM_COL32(90, 90, 120, 255), 14.0f);
    ui::fill_rounded_rect(list, {20.3f, 170}, {28.4f, 300}, IM_COL32(255, 80, 80, 255), 14.0f,
                          ImDrawFlags_RoundCornersLeft);
    list->AddText({30, 180}, IM_COL32(255, 255, 255, 255), "Kung Pao 38.00");
    list->AddText({30, 230}, IM_COL32(255, 220, 0, 200), "translucent text");
  };
  // The same draw data through both renderers.
  for (int frame = 0; frame < 2; ++frame) {  // the font texture exists from frame 1
    REQUIRE(shell.begin_frame());
    draw();
    ImGui::Render();
    ImDrawData* data = ImGui::GetDrawData();
    SDL_SetRenderDrawColor(renderer, 16, 18, 24, 255);
    SDL_RenderClear(renderer);
    ImGui_ImplSDLRenderer_RenderDrawData(data);
    const ui::Image expected = read_back(renderer, width, height);
    SDL_RenderClear(renderer);
    const ui::RenderStats stats = ui::render_draw_data(renderer, data);
    const ui::Image actual = read_back(renderer, width, height);
    SDL_RenderPresent(renderer);
    if (frame == 0) continue;

    CHECK(stats.filled_rects > 0);
    CHECK(stats.copied_rects > 20);  // the glyphs
    CHECK(stats.scanned_polygons > 0);
    CHECK(stats.fringe_strips > 0);  // the straight sides of rounded shapes and outlines
    // Blending rounds a little differently in SDL's fill and triangle code
    // (off by one or two); beyond that, allow no pixel at all.
    INFO("pixels differing at all: " << ui::count_different_pixels(expected, actual));
    CHECK(count_far_pixels(expected, actual, 2) == 0u);
  }
}
