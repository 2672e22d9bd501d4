#pragma once
// Draws the kitchen display from a KdsView and returns what the cook asked
// for. No network, no clock, no state beyond what it is given.

#include <optional>
#include <string>
#include <vector>

#include "kitchen/kds/kds_view_model.hpp"
#include "shared/core/menu.hpp"
#include "shared/core/protocol.hpp"
#include "shared/ui/theme.hpp"

namespace hourglass::kitchen {

enum class Connection { demo, connecting, online, offline };

// What the screen knows about itself besides the tickets.
struct KdsStatus {
  Connection connection = Connection::demo;
  std::string offline_since;  // "12:34:56", shown in the offline banner
  std::string clock;          // "12:34" server time
  bool muted = false;
  bool can_recall = false;
  std::string recall_hint;  // "#41 Kung Pao Chicken"
  // The open complaints about this screen's dishes, in the banner under the
  // top bar (the offline banner takes its place while offline).
  std::string complaint_alert;  // "Table 7 · Mapo Tofu: cold · waiting 02:13 (+1)"
  core::Language language = core::Language::en;
};

// The cook's selection, held by the app between frames.
struct KdsSelection {
  std::string order_id;  // the keyboard-selected ticket
  int line = -1;         // index into its shown lines; −1: the next to advance
  int page = 0;
  std::string station;  // the station filter
  bool sold_out_panel = false;  // the 86 list instead of the tickets
};

struct KdsBump {
  std::string line_id;
  core::LineState to = core::LineState::cooking;
  bool operator==(const KdsBump&) const = default;
};

// Where a line's touch target was drawn (screen pixels): for tests that click.
struct LineHit {
  std::string line_id;
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  float cx() const { return (x0 + x1) * 0.5f; }
  float cy() const { return (y0 + y1) * 0.5f; }
};

// Where a named button was drawn (screen pixels): for tests that click.
struct ButtonHit {
  std::string key;  // "86", "86:mapo", "serve:<order_id>"
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  float cx() const { return (x0 + x1) * 0.5f; }
  float cy() const { return (y0 + y1) * 0.5f; }
};

struct KdsIntents {
  std::vector<KdsBump> bumps;
  // Held lines to fire, one new round each (a ticket's "Fire").
  std::vector<std::vector<std::string>> fires;
  bool recall = false;
  bool toggle_mute = false;
  bool toggle_language = false;
  std::optional<std::string> station;  // a new filter ("" for all)
  std::optional<std::string> select_order;
  std::optional<int> select_line;
  std::optional<int> page;
  bool toggle_sold_out_panel = false;
  std::vector<core::SetSoldOut> sold_out;  // one touch on the 86 list
  // Not an intent: the touch targets of this frame, for tests.
  std::vector<LineHit> line_hits;
  std::vector<ButtonHit> buttons;
};

KdsIntents draw_kds(const KdsView& view, const KdsSelection& selection, const KdsStatus& status,
                    const ui::Theme& theme);

}  // namespace hourglass::kitchen
