#include "kitchen/kds/kds_app.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <ctime>

#include "kitchen/kds/kds_labels.hpp"
#include "kitchen/kds/ticket_text.hpp"
#include "shared/ui/frame_schedule.hpp"

namespace hourglass::kitchen {

namespace {

std::string local_clock_text(std::int64_t epoch_ms, bool seconds) {
  const std::time_t t = static_cast<std::time_t>(epoch_ms / 1000);
  std::tm tm{};
  localtime_r(&t, &tm);
  return seconds ? fmt::format("{:02}:{:02}:{:02}", tm.tm_hour, tm.tm_min, tm.tm_sec)
                 : fmt::format("{:02}:{:02}", tm.tm_hour, tm.tm_min);
}

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

}  // namespace

KdsApp::KdsApp(net::Client& client, KdsSettings settings, ui::Sound* sound, std::function<std::int64_t()> local_now_ms)
    : client_(&client), settings_(settings), sound_(sound), local_now_ms_(std::move(local_now_ms)) {
  if (sound_ != nullptr) sound_->set_muted(settings_.muted);
}

KdsApp::KdsApp(core::Menu menu, std::vector<core::Order> orders, KdsSettings settings, ui::Sound* sound,
               std::function<std::int64_t()> local_now_ms)
    : demo_menu_(std::move(menu)), settings_(settings), sound_(sound), local_now_ms_(std::move(local_now_ms)) {
  for (core::Order& order : orders) {
    std::string id = order.order_id;
    state_.orders.emplace(std::move(id), std::move(order));
  }
  state_.connection.connected = true;
  state_.connection.synced = true;
  if (sound_ != nullptr) sound_->set_muted(settings_.muted);
}

std::int64_t KdsApp::server_now() const { return client_ != nullptr ? client_->server_now_ms() : local_now_ms_(); }

const core::Menu& KdsApp::menu() const {
  if (client_ != nullptr && state_.menu) return *state_.menu;
  return demo_menu_;
}

std::vector<core::Order> KdsApp::orders() const {
  std::vector<core::Order> out;
  out.reserve(state_.orders.size());
  for (const auto& [id, order] : state_.orders) out.push_back(order);
  return out;
}

void KdsApp::toast(std::string text, ui::ToastKind kind, std::int64_t duration_ms) {
  toasts_.push(std::move(text), kind, local_now_ms_(), duration_ms);
}

void KdsApp::refresh() {
  if (client_ == nullptr) return;
  client_->copy_if_changed(state_, seen_version_);
  for (const net::Event& event : client_->take_events()) handle_event(event);
}

void KdsApp::handle_event(const net::Event& event) {
  const KdsLabels& labels = kds_labels(settings_.language);
  std::visit(Overloaded{
                 [&](const core::BreachMessage& breach) {
                   // The alarm itself comes from notice_changes (once per ticket).
                   spdlog::info("breach: order #{} table {}", breach.seq, breach.table);
                 },
                 [&](const core::CallWaiterNotice& call) {
                   toast(fmt::format("{} {}", table_label(call.table, settings_.language), labels.call_waiter),
                         ui::ToastKind::info, 10000);
                   if (sound_ != nullptr) sound_->chime();
                 },
                 [&](const core::ErrorMessage& error) {
                   toast(error.error.message, ui::ToastKind::error);
                   spdlog::warn("server refused a request: {}", error.error.message);
                 },
                 [&](const net::RequestFailed& failed) { toast(failed.reason, ui::ToastKind::error); },
                 [&](const net::ConnectionChanged& changed) {
                   if (!changed.connected) spdlog::warn("connection lost: {}", changed.reason);
                 },
                 [](const auto&) {},
             },
             event.payload);
}

// New tickets chime, rushes and breaches are announced, once each. The first
// synced frame only seeds what is already there: starting the screen mid-rush
// must not sound forty chimes.
void KdsApp::notice_changes() {
  const KdsLabels& labels = kds_labels(settings_.language);
  if (!state_.connection.synced) return;
  bool chime = false;
  bool alarm = false;
  for (const KdsTicketView& ticket : view_.tickets) {
    const bool new_order = known_orders_.insert(ticket.order_id).second;
    if (new_order && seeded_) {
      chime = true;
      toast(fmt::format("{} {} · {}", labels.new_ticket, ticket.ticket, ticket.table), ui::ToastKind::success, 4000);
    }
    if (ticket.urgency == Urgency::late && known_late_.insert(ticket.order_id).second && seeded_) {
      alarm = true;
      toast(fmt::format("{} {} · {}", labels.breach_toast, ticket.ticket, ticket.table), ui::ToastKind::error, 8000);
    }
    if (ticket.rushed && known_rushed_.insert(ticket.order_id).second && seeded_) {
      chime = true;
      toast(fmt::format("» {} {} · {}", labels.rushed_toast, ticket.ticket, ticket.table), ui::ToastKind::warning,
            8000);
    }
  }
  seeded_ = true;
  if (sound_ != nullptr) {
    if (alarm) {
      sound_->alarm();
    } else if (chime) {
      sound_->chime();
    }
  }
}

KdsStatus KdsApp::status() const {
  KdsStatus s;
  s.language = settings_.language;
  s.muted = settings_.muted;
  if (client_ == nullptr) {
    s.connection = Connection::demo;
  } else if (state_.connection.connected && state_.connection.synced) {
    s.connection = Connection::online;
  } else if (state_.connection.offline_since_ms && seen_version_ > 0 && !state_.orders.empty()) {
    s.connection = Connection::offline;
  } else if (state_.connection.offline_since_ms && state_.welcome) {
    s.connection = Connection::offline;
  } else {
    s.connection = Connection::connecting;
  }
  if (state_.connection.offline_since_ms) s.offline_since = local_clock_text(*state_.connection.offline_since_ms, true);
  s.clock = local_clock_text(server_now(), false);
  if (last_bump_ && local_now_ms_() - last_bump_->at_local_ms < kRecallWindowMs) {
    s.can_recall = true;
    s.recall_hint = last_bump_->label;
  }
  return s;
}

void KdsApp::frame(const ui::Theme& theme) {
  refresh();
  KdsFilter filter;
  filter.station = selection_.station;
  view_ = build_kds_view(orders(), menu(), filter, settings_.thresholds, server_now(), settings_.language);
  notice_changes();
  last_intents_ = draw_kds(view_, selection_, status(), theme);
  apply(last_intents_);
  toasts_.draw(local_now_ms_(), theme);
}

std::optional<std::int64_t> KdsApp::next_frame_ms() const {
  const std::int64_t local = local_now_ms_();
  const std::int64_t server = server_now();
  // On the server's clock: late tickets flash at 2 Hz, countdowns tick every
  // second, the clock every minute.
  std::int64_t period = 60'000;
  for (const KdsTicketView& t : view_.tickets)
    period = std::min<std::int64_t>(period, t.urgency == Urgency::late ? 500 : 1000);
  std::int64_t next = local + ui::next_tick_ms(server, period) - server;
  if (const auto toast_end = toasts_.next_expiry_ms()) next = std::min(next, *toast_end);
  if (last_bump_ && last_bump_->at_local_ms + kRecallWindowMs > local) {
    next = std::min(next, last_bump_->at_local_ms + kRecallWindowMs);
  }
  return next;
}

void KdsApp::apply(const KdsIntents& intents) {
  for (const KdsBump& b : intents.bumps) bump(b);
  if (intents.recall) recall();
  if (intents.toggle_mute) {
    settings_.muted = !settings_.muted;
    if (sound_ != nullptr) sound_->set_muted(settings_.muted);
  }
  if (intents.toggle_language) {
    settings_.language = settings_.language == core::Language::en ? core::Language::zh : core::Language::en;
  }
  if (intents.station) {
    selection_.station = *intents.station;
    selection_.page = 0;
  }
  if (intents.select_order) selection_.order_id = *intents.select_order;
  if (intents.select_line) selection_.line = *intents.select_line;
  if (intents.page) selection_.page = *intents.page;
}

void KdsApp::bump(const KdsBump& b) {
  // Find the line to remember what it was, for recall.
  for (auto& [id, order] : state_.orders) {
    core::OrderLine* line = order.find_line(b.line_id);
    if (line == nullptr) continue;
    LastBump last;
    last.line_id = b.line_id;
    last.before = line->state;
    last.label = fmt::format("{} {}", ticket_label(order.seq), line->name.in(settings_.language));
    last.at_local_ms = local_now_ms_();
    if (client_ != nullptr) {
      core::MarkLine mark;
      mark.line_id = b.line_id;
      mark.state = b.to;
      client_->request(core::ClientMessage{mark});
    } else {
      if (auto error = core::check_mark_line(order, *line, b.to)) {
        toast(error->message, ui::ToastKind::error);
        return;
      }
      core::mark_line(order, *line, b.to, server_now());
    }
    last_bump_ = last;
    return;
  }
  spdlog::warn("bump of an unknown line {}", b.line_id);
}

void KdsApp::recall() {
  if (!last_bump_ || local_now_ms_() - last_bump_->at_local_ms >= kRecallWindowMs) return;
  if (client_ != nullptr) {
    core::RecallLine message;
    message.line_id = last_bump_->line_id;
    client_->request(core::ClientMessage{message});
  } else {
    for (auto& [id, order] : state_.orders) {
      core::OrderLine* line = order.find_line(last_bump_->line_id);
      if (line == nullptr) continue;
      line->state = last_bump_->before;
      if (line->state != core::LineState::served) line->served_at_ms.reset();
      core::recompute_totals(order);
    }
  }
  last_bump_.reset();
}

}  // namespace hourglass::kitchen
