#pragma once
// The bump bar: which keys a cook pressed in one frame, and what they ask
// for. A bump bar types like a keyboard (digits pick a ticket, Enter / space
// / + bumps the selected line, S / * serves the whole ticket, R / - /
// Backspace recalls, M mutes, arrows move). Pure: the drawing reads the keys
// from ImGui, this decides.

#include <cstddef>
#include <vector>

#include "kitchen/kds/kds_draw.hpp"
#include "kitchen/kds/kds_view_model.hpp"

namespace hourglass::kitchen {

struct BumpKeys {
  int digit = 0;  // 1-9: pick the ticket with that hotkey; 0: none
  bool up = false;
  bool down = false;
  bool bump = false;       // Enter, keypad Enter, space, +
  bool serve_all = false;  // S, *
  bool recall = false;     // R, -, Backspace
  bool mute = false;       // M
  bool next_page = false;  // Page Down, Right
  bool prev_page = false;  // Page Up, Left
};

// What this frame's keys ask for. `on_screen` lists the tickets shown, by
// index into view.tickets, in hotkey order (the first has hotkey 1).
void apply_bump_keys(const BumpKeys& keys, const KdsView& view, const std::vector<std::size_t>& on_screen,
                     const KdsSelection& selection, bool can_recall, int page, int pages, KdsIntents& intents);

}  // namespace hourglass::kitchen
