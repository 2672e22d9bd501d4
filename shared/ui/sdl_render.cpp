#include "shared/ui/sdl_render.hpp"

#include <SDL.h>
#include <backends/imgui_impl_sdlrenderer.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>

namespace hourglass::ui {

namespace {

bool same(ImVec2 a, ImVec2 b) { return a.x == b.x && a.y == b.y; }

SDL_Color to_sdl(ImU32 c) {
  return SDL_Color{static_cast<Uint8>(c >> IM_COL32_R_SHIFT), static_cast<Uint8>(c >> IM_COL32_G_SHIFT),
                   static_cast<Uint8>(c >> IM_COL32_B_SHIFT), static_cast<Uint8>(c >> IM_COL32_A_SHIFT)};
}

// Opaque fills need no blending: SDL then fills rows with plain stores.
void set_fill(SDL_Renderer* renderer, ImU32 color) {
  const SDL_Color c = to_sdl(color);
  SDL_SetRenderDrawBlendMode(renderer, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
  SDL_SetRenderDrawColor(renderer, c.r, c.g, c.b, c.a);
}

// The state ImGui's backend also resets: whole-target viewport, no clipping.
void setup_render_state(SDL_Renderer* renderer) {
  SDL_RenderSetViewport(renderer, nullptr);
  SDL_RenderSetClipRect(renderer, nullptr);
}

// Draws one draw list's commands. The triangles are paired as SDL's
// software renderer pairs them (each with the one before, unless that one
// already went into a rectangle); a rectangle is drawn as SDL would draw it,
// and the remaining triangles either join a solid fan, scan-converted here,
// or wait in `pending_` for SDL_RenderGeometryRaw. Whatever is pending is
// flushed before anything drawn another way, so the order never changes.
class CommandRenderer {
 public:
  CommandRenderer(SDL_Renderer* renderer, ImVec2 white_uv, RenderStats& stats)
      : renderer_(renderer), white_uv_(white_uv), stats_(stats) {}

  void draw(const ImDrawList& list, const ImDrawCmd& cmd) {
    vtx_ = list.VtxBuffer.Data + cmd.VtxOffset;
    vtx_count_ = list.VtxBuffer.Size - static_cast<int>(cmd.VtxOffset);
    texture_ = static_cast<SDL_Texture*>(cmd.GetTexID());
    tex_w_ = tex_h_ = 0;
    if (texture_ != nullptr) SDL_QueryTexture(texture_, nullptr, nullptr, &tex_w_, &tex_h_);

    const ImDrawIdx* idx = list.IdxBuffer.Data + cmd.IdxOffset;
    const int count = static_cast<int>(cmd.ElemCount) - static_cast<int>(cmd.ElemCount % 3);
    for (int i = 0; i < count; i += 3) {
      if (std::max({idx[i], idx[i + 1], idx[i + 2]}) >= vtx_count_) continue;  // never from ImGui
      if (prev_ == nullptr) {
        prev_ = idx + i;
        continue;
      }
      const QuadShape quad = classify_quad(vtx_, prev_, idx + i, tex_w_, tex_h_);
      if (quad.kind == QuadKind::general) {
        if (draw_fringe(prev_, idx + i)) {
          prev_ = nullptr;
          continue;
        }
        add_triangle(prev_);
        prev_ = idx + i;
      } else {
        draw_rect(quad);
        prev_ = nullptr;
      }
    }
    if (prev_ != nullptr) add_triangle(prev_);
    prev_ = nullptr;
    flush_fan();
    flush_pending();
  }

 private:
  void draw_rect(const QuadShape& q) {
    flush_fan();
    flush_pending();
    const SDL_FRect dst{q.x, q.y, q.w, q.h};
    const SDL_Color c = to_sdl(q.color);
    if (q.kind == QuadKind::solid_rect) {
      set_fill(renderer_, q.color);
      SDL_RenderFillRectF(renderer_, &dst);
      ++stats_.filled_rects;
      return;
    }
    SDL_SetTextureAlphaMod(texture_, c.a);
    SDL_SetTextureColorMod(texture_, c.r, c.g, c.b);
    if (q.src_w > 0 && q.src_h > 0) {
      const SDL_Rect src{q.src_x, q.src_y, q.src_w, q.src_h};
      SDL_RenderCopyF(renderer_, texture_, &src, &dst);
    } else {
      const SDL_Rect src{q.src_w < 0 ? q.src_x + q.src_w : q.src_x, q.src_h < 0 ? q.src_y + q.src_h : q.src_y,
                         std::abs(q.src_w), std::abs(q.src_h)};
      const int flip = (q.src_w < 0 ? SDL_FLIP_HORIZONTAL : 0) | (q.src_h < 0 ? SDL_FLIP_VERTICAL : 0);
      SDL_RenderCopyExF(renderer_, texture_, &src, &dst, 0.0, nullptr, static_cast<SDL_RendererFlip>(flip));
    }
    ++stats_.copied_rects;
  }

  // An anti-aliased fringe along a straight, axis-aligned edge: two
  // triangles making a convex quad between two lines one pixel apart (once
  // truncated, as SDL truncates), each line's two vertices of one colour, all
  // on the white pixel. Every pixel centre SDL covers then lies on the middle
  // line, where its barycentric interpolation gives exactly
  // (inner + outer) / 2, rounded down, per channel; so the strip is a fill of
  // that colour over the pixels scan_convex_polygon finds.
  bool draw_fringe(const ImDrawIdx prev[3], const ImDrawIdx tri[3]) {
    if (texture_ == nullptr) return false;
    ImDrawIdx unshared_prev = 0;
    int common = 0;
    for (int k = 0; k < 3; ++k) {
      if (prev[k] == tri[0] || prev[k] == tri[1] || prev[k] == tri[2]) {
        ++common;
      } else {
        unshared_prev = prev[k];
      }
    }
    if (common != 2) return false;
    int u = 0;  // the current triangle's own vertex
    while (tri[u] == prev[0] || tri[u] == prev[1] || tri[u] == prev[2]) ++u;
    const ImDrawIdx quad[4] = {unshared_prev, tri[(u + 1) % 3], tri[u], tri[(u + 2) % 3]};
    int xs[4];
    int ys[4];
    for (int k = 0; k < 4; ++k) {
      const ImDrawVert& v = vtx_[quad[k]];
      if (!same(v.uv, white_uv_)) return false;
      xs[k] = static_cast<int>(v.pos.x);
      ys[k] = static_cast<int>(v.pos.y);
    }
    // Pair each vertex with the one of the same colour; the pairs must be
    // the two lines.
    const ImU32 col_a = vtx_[quad[0]].col;
    int partner = -1;
    for (int k = 1; k < 4; ++k) {
      if (vtx_[quad[k]].col == col_a) {
        if (partner >= 0) return false;
        partner = k;
      }
    }
    if (partner < 0) return false;
    int others[2];
    int n_others = 0;
    for (int k = 1; k < 4; ++k) {
      if (k != partner) others[n_others++] = k;
    }
    const ImU32 col_b = vtx_[quad[others[0]]].col;
    if (vtx_[quad[others[1]]].col != col_b) return false;
    const bool rows = ys[0] == ys[partner] && ys[others[0]] == ys[others[1]] && std::abs(ys[0] - ys[others[0]]) == 1;
    const bool columns = xs[0] == xs[partner] && xs[others[0]] == xs[others[1]] && std::abs(xs[0] - xs[others[0]]) == 1;
    if (!rows && !columns) return false;

    fringe_polygon_.clear();
    for (ImDrawIdx k : quad) fringe_polygon_.push_back(vtx_[k].pos);
    fringe_rects_.clear();
    if (!scan_convex_polygon(fringe_polygon_, fringe_rects_)) return false;
    flush_fan();
    flush_pending();
    const auto mid = [&](int shift) {
      return static_cast<ImU32>((((col_a >> shift) & 0xFFu) + ((col_b >> shift) & 0xFFu)) / 2u) << shift;
    };
    const ImU32 color = mid(IM_COL32_R_SHIFT) | mid(IM_COL32_G_SHIFT) | mid(IM_COL32_B_SHIFT) | mid(IM_COL32_A_SHIFT);
    ++stats_.fringe_strips;
    if (fringe_rects_.empty() || (color >> IM_COL32_A_SHIFT & 0xFFu) == 0) return true;  // no change
    sdl_rects_.clear();
    for (const PixelRect& r : fringe_rects_) {
      sdl_rects_.push_back(SDL_Rect{r.x0, r.y0, r.x1 - r.x0, r.y1 - r.y0});
    }
    set_fill(renderer_, color);
    SDL_RenderFillRects(renderer_, sdl_rects_.data(), static_cast<int>(sdl_rects_.size()));
    return true;
  }

  bool solid(const ImDrawIdx* t) const {
    const ImU32 color = vtx_[t[0]].col;
    for (int k = 0; k < 3; ++k) {
      const ImDrawVert& v = vtx_[t[k]];
      if (v.col != color || !same(v.uv, white_uv_)) return false;
    }
    return true;
  }

  // A one-colour, white-pixel triangle joins the fan being collected when
  // it continues it ((a, b, c) then (a, c, d): ImGui's convex fill).
  void add_triangle(const ImDrawIdx* t) {
    if (!solid(t)) {
      flush_fan();
      pending_.insert(pending_.end(), t, t + 3);
      return;
    }
    if (!fan_.empty() && (t[0] != fan_.front() || t[1] != fan_.back() || vtx_[t[0]].col != fan_color_)) {
      flush_fan();
    }
    if (fan_.empty()) {
      flush_pending();
      fan_.assign(t, t + 3);
      fan_color_ = vtx_[t[0]].col;
      return;
    }
    fan_.push_back(t[2]);
  }

  void flush_fan() {
    if (fan_.empty()) return;
    rects_.clear();
    polygon_.clear();
    for (ImDrawIdx k : fan_) polygon_.push_back(vtx_[k].pos);
    if (!scan_convex_polygon(polygon_, rects_)) {
      // Not convex once truncated to pixels: each triangle alone, as SDL.
      rects_.clear();
      for (std::size_t k = 1; k + 1 < fan_.size(); ++k) {
        const std::vector<ImVec2> triangle{vtx_[fan_[0]].pos, vtx_[fan_[k]].pos, vtx_[fan_[k + 1]].pos};
        scan_convex_polygon(triangle, rects_);
      }
    }
    if (!rects_.empty()) {
      sdl_rects_.clear();
      for (const PixelRect& r : rects_) {
        sdl_rects_.push_back(SDL_Rect{r.x0, r.y0, r.x1 - r.x0, r.y1 - r.y0});
      }
      set_fill(renderer_, fan_color_);
      SDL_RenderFillRects(renderer_, sdl_rects_.data(), static_cast<int>(sdl_rects_.size()));
    }
    ++stats_.scanned_polygons;
    fan_.clear();
  }

  void flush_pending() {
    if (pending_.empty()) return;
    // SDL walks every vertex it is given on each call: give it only the
    // span these triangles use, not the whole draw list.
    const ImDrawIdx lowest = *std::min_element(pending_.begin(), pending_.end());
    const ImDrawIdx highest = *std::max_element(pending_.begin(), pending_.end());
    for (ImDrawIdx& k : pending_) k = static_cast<ImDrawIdx>(k - lowest);
    const auto* base = reinterpret_cast<const char*>(vtx_ + lowest);
    SDL_RenderGeometryRaw(renderer_, texture_, reinterpret_cast<const float*>(base + offsetof(ImDrawVert, pos)),
                          sizeof(ImDrawVert), reinterpret_cast<const SDL_Color*>(base + offsetof(ImDrawVert, col)),
                          sizeof(ImDrawVert), reinterpret_cast<const float*>(base + offsetof(ImDrawVert, uv)),
                          sizeof(ImDrawVert), highest - lowest + 1, pending_.data(), static_cast<int>(pending_.size()),
                          sizeof(ImDrawIdx));
    stats_.general_triangles += static_cast<int>(pending_.size() / 3);
    pending_.clear();
  }

  SDL_Renderer* renderer_;
  ImVec2 white_uv_;
  RenderStats& stats_;
  const ImDrawVert* vtx_ = nullptr;
  int vtx_count_ = 0;
  SDL_Texture* texture_ = nullptr;
  int tex_w_ = 0;
  int tex_h_ = 0;
  const ImDrawIdx* prev_ = nullptr;
  std::vector<ImDrawIdx> pending_;
  std::vector<ImDrawIdx> fan_;  // apex, then the rim in order
  ImU32 fan_color_ = 0;
  std::vector<ImVec2> polygon_;
  std::vector<PixelRect> rects_;
  std::vector<SDL_Rect> sdl_rects_;
  std::vector<ImVec2> fringe_polygon_;  // apart: a fan may be flushed meanwhile
  std::vector<PixelRect> fringe_rects_;
};

}  // namespace

QuadShape classify_quad(const ImDrawVert* vtx, const ImDrawIdx prev[3], const ImDrawIdx tri[3], int tex_w, int tex_h) {
  QuadShape shape;
  int common = 0;
  for (int k = 0; k < 3; ++k) {
    if (prev[k] == tri[0] || prev[k] == tri[1] || prev[k] == tri[2]) ++common;
  }
  if (common != 2) return shape;

  // SDL's own choice of corners: `a` top-left and `b` bottom-right among the
  // current triangle's vertices, `c` its third, `c2` the previous one's.
  const ImVec2 p0 = vtx[tri[0]].pos;
  const ImVec2 p1 = vtx[tri[1]].pos;
  const ImVec2 p2 = vtx[tri[2]].pos;
  ImDrawIdx a = 0;
  ImDrawIdx b = 0;
  if (p0.x <= p1.x && p0.y <= p1.y) {
    a = (p0.x <= p2.x && p0.y <= p2.y) ? tri[0] : tri[2];
  } else {
    a = (p1.x <= p2.x && p1.y <= p2.y) ? tri[1] : tri[2];
  }
  if (p0.x >= p1.x && p0.y >= p1.y) {
    b = (p0.x >= p2.x && p0.y >= p2.y) ? tri[0] : tri[2];
  } else {
    b = (p1.x >= p2.x && p1.y >= p2.y) ? tri[1] : tri[2];
  }
  const auto third = [&](const ImDrawIdx t[3]) {
    if (t[0] != a && t[0] != b) return t[0];
    if (t[1] != a && t[1] != b) return t[1];
    return t[2];
  };
  const ImDrawIdx c = third(tri);
  const ImDrawIdx c2 = third(prev);
  const ImVec2 pa = vtx[a].pos;
  const ImVec2 pb = vtx[b].pos;
  const auto right_angle = [&](ImVec2 pc) { return (pa.x == pc.x && pb.y == pc.y) || (pa.y == pc.y && pb.x == pc.x); };
  if (!right_angle(vtx[c].pos) || !right_angle(vtx[c2].pos)) return shape;
  const ImU32 color = vtx[a].col;
  if (vtx[b].col != color || vtx[c].col != color || vtx[c2].col != color) return shape;
  for (ImDrawIdx k : {a, b, c, c2}) {
    if (!(vtx[k].uv.x >= 0.0f && vtx[k].uv.x <= 1.0f)) return shape;
  }

  shape.x = pa.x;
  shape.y = pa.y;
  shape.w = pb.x - pa.x;
  shape.h = pb.y - pa.y;
  shape.color = color;
  if (tex_w > 0 && tex_h > 0) {
    const float tw = static_cast<float>(tex_w);
    const float th = static_cast<float>(tex_h);
    shape.src_x = static_cast<int>(vtx[a].uv.x * tw);
    shape.src_y = static_cast<int>(vtx[a].uv.y * th);
    shape.src_w = static_cast<int>(vtx[b].uv.x * tw - static_cast<float>(shape.src_x));
    shape.src_h = static_cast<int>(vtx[b].uv.y * th - static_cast<float>(shape.src_y));
    if (shape.src_w != 0 && shape.src_h != 0) {
      shape.kind = QuadKind::textured_rect;
      return shape;
    }
  }
  // A rectangle of no area is drawn by nobody.
  if (shape.w != 0.0f && shape.h != 0.0f) shape.kind = QuadKind::solid_rect;
  return shape;
}

namespace {

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}
std::int64_t ceil_div(std::int64_t a, std::int64_t b) { return -floor_div(-a, b); }

struct FixedPoint {
  std::int64_t x;
  std::int64_t y;
};

std::int64_t cross(const FixedPoint& o, const FixedPoint& a, const FixedPoint& b) {
  return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}

}  // namespace

bool scan_convex_polygon(const std::vector<ImVec2>& polygon, std::vector<PixelRect>& out) {
  const std::size_t n = polygon.size();
  if (n < 3) return true;
  // As SDL's software renderer: whole pixels (truncated), in half-pixel
  // units so that pixel centres are whole numbers.
  std::vector<FixedPoint> p(n);
  for (std::size_t k = 0; k < n; ++k) {
    p[k] = FixedPoint{static_cast<std::int64_t>(static_cast<int>(polygon[k].x)) * 2,
                      static_cast<std::int64_t>(static_cast<int>(polygon[k].y)) * 2};
  }
  // Convex and simple: every turn the same way, and each coordinate of the
  // edge direction changes sign at most twice (a polygon winding round
  // twice would turn the same way too).
  int turn = 0;
  int x_flips = 0;
  int y_flips = 0;
  int last_dx = 0;
  int last_dy = 0;
  std::int64_t left = p[0].x;
  std::int64_t right = p[0].x;
  std::int64_t top = p[0].y;
  std::int64_t bottom = p[0].y;
  for (std::size_t k = 0; k < n; ++k) {
    const FixedPoint& a = p[k];
    const FixedPoint& b = p[(k + 1) % n];
    const std::int64_t z = cross(a, b, p[(k + 2) % n]);
    const int s = z > 0 ? 1 : (z < 0 ? -1 : 0);
    if (s != 0) {
      if (turn != 0 && s != turn) return false;
      turn = s;
    }
    const int dx = b.x > a.x ? 1 : (b.x < a.x ? -1 : 0);
    const int dy = b.y > a.y ? 1 : (b.y < a.y ? -1 : 0);
    if (dx != 0) {
      if (last_dx != 0 && dx != last_dx) ++x_flips;
      last_dx = dx;
    }
    if (dy != 0) {
      if (last_dy != 0 && dy != last_dy) ++y_flips;
      last_dy = dy;
    }
    left = std::min(left, a.x);
    right = std::max(right, a.x);
    top = std::min(top, a.y);
    bottom = std::max(bottom, a.y);
  }
  if (x_flips > 2 || y_flips > 2) return false;
  if (turn == 0) return true;  // all on one line: SDL draws nothing either

  // SDL's rule, per edge a->b: the pixel centre c is inside when
  // cross(a, b, c) (sign-corrected for the winding) is positive, or zero on
  // a top or left edge. Vertices sit on even coordinates and centres on odd
  // ones, so each row of centres crosses exactly two edges of a convex
  // polygon, and every other edge is strictly on the inside there: only the
  // crossing edges bound a row.
  const bool clockwise = turn > 0;
  const std::int64_t sign = clockwise ? 1 : -1;
  const std::int64_t first_row = top / 2;
  const std::size_t rows = static_cast<std::size_t>(bottom / 2 - first_row);
  std::vector<std::int64_t> lo(rows, left / 2);       // first pixel
  std::vector<std::int64_t> hi(rows, right / 2 - 1);  // last pixel
  for (std::size_t k = 0; k < n; ++k) {
    const FixedPoint& a = p[k];
    const FixedPoint& b = p[(k + 1) % n];
    if (a.y == b.y) continue;  // crosses no row centre
    const bool top_left = clockwise ? b.y < a.y : a.y < b.y;
    // w(cx) = constant + slope * cx; inside when w >= 0.
    const std::int64_t slope = -sign * (b.y - a.y);
    const std::int64_t bias = top_left ? 0 : -1;
    if (a.x == b.x) {
      // A vertical edge bounds every row alike.
      const std::int64_t constant = sign * (b.y - a.y) * a.x + bias;
      const std::int64_t bound =
          slope > 0 ? ceil_div(ceil_div(-constant, slope) - 1, 2) : floor_div(floor_div(constant, -slope) - 1, 2);
      for (std::int64_t row = std::min(a.y, b.y) / 2; row < std::max(a.y, b.y) / 2; ++row) {
        const auto r = static_cast<std::size_t>(row - first_row);
        if (slope > 0) {
          lo[r] = std::max(lo[r], bound);
        } else {
          hi[r] = std::min(hi[r], bound);
        }
      }
      continue;
    }
    for (std::int64_t row = std::min(a.y, b.y) / 2; row < std::max(a.y, b.y) / 2; ++row) {
      const std::int64_t cy = row * 2 + 1;
      const std::int64_t constant = sign * ((b.x - a.x) * (cy - a.y) + (b.y - a.y) * a.x) + bias;
      const auto r = static_cast<std::size_t>(row - first_row);
      if (slope > 0) {
        const std::int64_t cx_min = ceil_div(-constant, slope);
        lo[r] = std::max(lo[r], ceil_div(cx_min - 1, 2));  // centre cx = 2x + 1
      } else {
        const std::int64_t cx_max = floor_div(constant, -slope);
        hi[r] = std::min(hi[r], floor_div(cx_max - 1, 2));
      }
    }
  }
  const std::size_t first_new = out.size();
  for (std::size_t r = 0; r < rows; ++r) {
    if (lo[r] > hi[r]) continue;
    const int x0 = static_cast<int>(lo[r]);
    const int x1 = static_cast<int>(hi[r] + 1);
    const int y = static_cast<int>(first_row + static_cast<std::int64_t>(r));
    if (out.size() > first_new) {
      PixelRect& last = out.back();
      if (last.x0 == x0 && last.x1 == x1 && last.y1 == y) {
        last.y1 = y + 1;
        continue;
      }
    }
    out.push_back(PixelRect{x0, y, x1, y + 1});
  }
  return true;
}

RenderStats render_draw_data(SDL_Renderer* renderer, ImDrawData* draw_data) {
  RenderStats stats;
  SDL_RendererInfo info{};
  float scale_x = 1.0f;
  float scale_y = 1.0f;
  SDL_RenderGetScale(renderer, &scale_x, &scale_y);
  const bool software = SDL_GetRendererInfo(renderer, &info) == 0 && (info.flags & SDL_RENDERER_SOFTWARE) != 0;
  // The fast paths work in target pixels: leave any scaling to the backend.
  if (!software || scale_x != 1.0f || scale_y != 1.0f || draw_data->FramebufferScale.x != 1.0f ||
      draw_data->FramebufferScale.y != 1.0f) {
    ImGui_ImplSDLRenderer_RenderDrawData(draw_data);
    return stats;
  }
  const int fb_width = static_cast<int>(draw_data->DisplaySize.x);
  const int fb_height = static_cast<int>(draw_data->DisplaySize.y);
  if (fb_width <= 0 || fb_height <= 0) return stats;

  SDL_Rect old_viewport;
  SDL_Rect old_clip;
  const bool old_clip_enabled = SDL_RenderIsClipEnabled(renderer) == SDL_TRUE;
  SDL_RenderGetViewport(renderer, &old_viewport);
  SDL_RenderGetClipRect(renderer, &old_clip);
  Uint8 old_r = 0;
  Uint8 old_g = 0;
  Uint8 old_b = 0;
  Uint8 old_a = 0;
  SDL_BlendMode old_blend = SDL_BLENDMODE_NONE;
  SDL_GetRenderDrawColor(renderer, &old_r, &old_g, &old_b, &old_a);
  SDL_GetRenderDrawBlendMode(renderer, &old_blend);

  const ImVec2 white_uv = ImGui::GetIO().Fonts->TexUvWhitePixel;
  const ImVec2 clip_off = draw_data->DisplayPos;
  CommandRenderer commands(renderer, white_uv, stats);
  setup_render_state(renderer);
  for (int n = 0; n < draw_data->CmdListsCount; ++n) {
    const ImDrawList* list = draw_data->CmdLists[n];
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      if (cmd.UserCallback != nullptr) {
        if (cmd.UserCallback == ImDrawCallback_ResetRenderState) {
          setup_render_state(renderer);
        } else {
          cmd.UserCallback(list, &cmd);
        }
        continue;
      }
      const float x0 = std::max(cmd.ClipRect.x - clip_off.x, 0.0f);
      const float y0 = std::max(cmd.ClipRect.y - clip_off.y, 0.0f);
      const float x1 = std::min(cmd.ClipRect.z - clip_off.x, static_cast<float>(fb_width));
      const float y1 = std::min(cmd.ClipRect.w - clip_off.y, static_cast<float>(fb_height));
      if (x1 <= x0 || y1 <= y0) continue;
      // As ImGui's backend rounds it, so both paths clip alike.
      const SDL_Rect clip{static_cast<int>(x0), static_cast<int>(y0), static_cast<int>(x1 - x0),
                          static_cast<int>(y1 - y0)};
      SDL_RenderSetClipRect(renderer, &clip);
      commands.draw(*list, cmd);
    }
  }

  SDL_RenderSetViewport(renderer, &old_viewport);
  SDL_RenderSetClipRect(renderer, old_clip_enabled ? &old_clip : nullptr);
  SDL_SetRenderDrawColor(renderer, old_r, old_g, old_b, old_a);
  SDL_SetRenderDrawBlendMode(renderer, old_blend);
  return stats;
}

}  // namespace hourglass::ui
