#include "kitchen/kds/bump_keys.hpp"

#include <algorithm>

namespace hourglass::kitchen {

void apply_bump_keys(const BumpKeys& keys, const KdsView& view, const std::vector<std::size_t>& on_screen,
                     const KdsSelection& selection, bool can_recall, int page, int pages, KdsIntents& intents) {
  if (keys.digit >= 1 && keys.digit <= static_cast<int>(on_screen.size())) {
    intents.select_order = view.tickets[on_screen[static_cast<std::size_t>(keys.digit - 1)]].order_id;
    intents.select_line = -1;
  }
  const KdsTicketView* selected = nullptr;
  for (const std::size_t index : on_screen) {
    if (view.tickets[index].order_id == selection.order_id) selected = &view.tickets[index];
  }
  if (selected != nullptr && !selected->lines.empty()) {
    const int count = static_cast<int>(selected->lines.size());
    int current = selection.line;
    if (current < 0 || current >= count) {
      const auto next = line_to_advance(*selected);
      current = next ? static_cast<int>(*next) : 0;
    }
    if (keys.down) intents.select_line = std::min(count - 1, current + 1);
    if (keys.up) intents.select_line = std::max(0, current - 1);
    if (keys.bump) {
      const KdsLineView& line = selected->lines[static_cast<std::size_t>(current)];
      if (!line.finished && line.next_state) intents.bumps.push_back(KdsBump{line.line_id, *line.next_state});
    }
    if (keys.serve_all) {
      for (const KdsLineView& line : selected->lines) {
        if (!line.finished && !line.held) intents.bumps.push_back(KdsBump{line.line_id, core::LineState::served});
      }
    }
  }
  if (keys.recall && can_recall) intents.recall = true;
  if (keys.mute) intents.toggle_mute = true;
  if (keys.next_page && page + 1 < pages) intents.page = page + 1;
  if (keys.prev_page && page > 0) intents.page = page - 1;
}

}  // namespace hourglass::kitchen
