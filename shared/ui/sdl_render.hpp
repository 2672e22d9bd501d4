#pragma once
// Renders ImGui draw data on an SDL_Renderer, with fast paths for SDL's
// software renderer (the one the benchmarks run on).
//
// ImGui emits everything as textured triangles. SDL's software renderer
// rasterises a triangle by walking its whole bounding box on a slow, generic
// per-pixel path; filled rectangles and unscaled or scaled rectangle copies
// take SDL's fast blitters instead. So, per draw command:
//   - a quad (two consecutive triangles making an axis-aligned rectangle of
//     one colour) becomes SDL_RenderFillRect (UVs on the font atlas's white
//     pixel) or SDL_RenderCopy (glyphs), decided as SDL itself decides;
//   - a run of one-colour, white-pixel triangles fanned from one vertex (the
//     inside of ImGui's convex fills: rounded rectangles, circles) is
//     scan-converted here into horizontal spans, merged into rectangles;
//   - a quad fading from one colour to another across a one-pixel strip
//     between two axis-aligned lines (the anti-aliased fringe along the
//     straight sides of rounded rectangles and outlines) is a fill of the
//     colour SDL interpolates there, which is the same at every pixel;
//   - everything else (the fringe round corners, sloped lines) goes to
//     SDL_RenderGeometryRaw in runs as long as the order allows.
// The result is the same pixels as ImGui's backend gives on that renderer
// (blending may round a translucent fill one step differently).
// An accelerated renderer gets ImGui's own backend unchanged.

#include <imgui.h>

#include <vector>

struct SDL_Renderer;

namespace hourglass::ui {

enum class QuadKind {
  general,        // not a rectangle: rasterise as triangles
  solid_rect,     // one colour, no texture span (UVs on one texel): a fill
  textured_rect,  // one colour, a texture span: a copy
};

struct QuadShape {
  QuadKind kind = QuadKind::general;
  float x = 0.0f;  // destination, from the top-left to the bottom-right corner
  float y = 0.0f;
  float w = 0.0f;
  float h = 0.0f;
  int src_x = 0;  // source texels (textured_rect), as SDL truncates them
  int src_y = 0;
  int src_w = 0;  // negative: mirrored
  int src_h = 0;
  ImU32 color = 0;
};

// Whether triangle `tri` and the triangle before it, `prev` (indices into
// vtx), form an axis-aligned rectangle SDL's software renderer draws as a
// fill or a copy, and which. This is exactly the test SDL 2.26 itself applies
// to consecutive triangles in SDL_RenderGeometryRaw on that renderer (two
// shared vertices, right angles at both other corners, one colour, u in
// [0, 1]), so what it drew as rectangles before is drawn the same way now.
// tex_w/tex_h: the texture's size, 0 for none.
QuadShape classify_quad(const ImDrawVert* vtx, const ImDrawIdx prev[3], const ImDrawIdx tri[3], int tex_w, int tex_h);

// A horizontal band of pixels [x0, x1) x [y0, y1).
struct PixelRect {
  int x0 = 0;
  int y0 = 0;
  int x1 = 0;
  int y1 = 0;
  bool operator==(const PixelRect&) const = default;
};

// The pixels SDL's software renderer would cover when drawing a convex
// polygon (either winding) as a fan of triangles, as rectangles: one per run
// of rows with the same extent. Like SDL, it truncates the vertices to whole
// pixels and tests pixel centres with the top-left rule, so the result meets
// the triangles SDL draws next to it without gaps or overlaps. Appends to
// `out`; false (and nothing appended) when the polygon is not convex.
bool scan_convex_polygon(const std::vector<ImVec2>& polygon, std::vector<PixelRect>& out);

// What render_draw_data did with the frame's triangles (for tests and tuning).
struct RenderStats {
  int filled_rects = 0;       // quads drawn with SDL_RenderFillRect
  int copied_rects = 0;       // quads drawn with SDL_RenderCopy
  int scanned_polygons = 0;   // solid fans scan-converted to rectangles
  int fringe_strips = 0;      // anti-aliased edge fringes drawn as fills
  int general_triangles = 0;  // triangles left to SDL_RenderGeometryRaw
};

// Draws `draw_data` (after ImGui::Render()) with the fast paths above when
// `renderer` is SDL's software renderer, else through
// ImGui_ImplSDLRenderer_RenderDrawData. The sdlrenderer backend must be
// initialised (it owns the font texture). Leaves the viewport and clip rect
// as it found them.
RenderStats render_draw_data(SDL_Renderer* renderer, ImDrawData* draw_data);

}  // namespace hourglass::ui
