#pragma once
// The kitchen display program: holds the orders (from its link to the
// kitchen: the real server, or a fake kitchen for the demo), builds the view
// each frame, draws it, and sends what the cook asked for (bumps, recalls).
// Sounds and toasts for new tickets, rushes, calls and breaches.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "kitchen/kds/announcements.hpp"
#include "kitchen/kds/expo_view.hpp"
#include "kitchen/kds/kds_draw.hpp"
#include "kitchen/kds/kds_view_model.hpp"
#include "shared/core/menu.hpp"
#include "shared/core/order.hpp"
#include "shared/net/client_state.hpp"
#include "shared/net/kitchen_link.hpp"
#include "shared/ui/sound.hpp"
#include "shared/ui/theme.hpp"
#include "shared/ui/widgets.hpp"

namespace hourglass::kitchen {

struct KdsSettings {
  core::Language language = core::Language::en;
  core::UrgencyThresholds thresholds;
  bool muted = false;
  bool demo = false;  // say so on screen: the kitchen is a fake one
  bool expo = false;  // the pass (--expo): orders with dishes ready, instead of the stations' tickets
};

class KdsApp {
 public:
  // Everything comes from `link`; `local_now_ms` is the local clock (toasts,
  // the recall button).
  KdsApp(net::KitchenLink& link, KdsSettings settings, ui::Sound* sound, std::function<std::int64_t()> local_now_ms);

  // One frame: refresh, build, draw (inside the caller's root window), apply.
  void frame(const ui::Theme& theme);
  // When the screen next changes by itself (local clock): a late ticket's
  // flash, a countdown's second, the clock's minute, a toast's or the recall's
  // end. For the run loop, which draws nothing until then.
  std::optional<std::int64_t> next_frame_ms() const;

  const KdsView& view() const { return view_; }
  const ExpoView& expo_view() const { return expo_view_; }
  const KdsIntents& last_intents() const { return last_intents_; }
  const net::State& state() const { return state_; }
  KdsSelection& selection() { return selection_; }
  KdsSettings& settings() { return settings_; }
  const ui::ToastStack& toasts() const { return toasts_; }

 private:
  void refresh();
  void handle_event(const net::Event& event);
  void notice_changes();
  void notice_complete();
  void apply(const KdsIntents& intents);
  void bump(const KdsBump& bump);
  void fire(const std::vector<std::string>& line_ids);
  void recall();
  // Copies the kitchen's state again at the next refresh, dropping what this
  // screen showed ahead of it (a refused bump).
  void resync();
  KdsStatus status() const;
  std::int64_t server_now() const;
  std::vector<core::Order> orders() const;
  const core::Menu& menu() const;
  void toast(std::string text, ui::ToastKind kind, std::int64_t duration_ms = 6000);

  net::KitchenLink* link_ = nullptr;
  core::Menu no_menu_;  // until the kitchen sends one
  KdsSettings settings_;
  ui::Sound* sound_ = nullptr;
  std::function<std::int64_t()> local_now_ms_;

  net::State state_;
  std::uint64_t seen_version_ = 0;
  KdsView view_;
  ExpoView expo_view_;
  std::set<std::string> complete_seen_;  // expo: orders already announced as all ready
  KdsSelection selection_;
  KdsIntents last_intents_;
  ui::ToastStack toasts_;

  Announcer announcer_;

  struct LastBump {
    std::string line_id;
    core::LineState before = core::LineState::queued;
    std::string label;
    std::int64_t at_local_ms = 0;
  };
  std::optional<LastBump> last_bump_;
};

}  // namespace hourglass::kitchen
