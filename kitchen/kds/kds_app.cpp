#include "kitchen/kds/kds_app.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <ctime>

#include "kitchen/kds/expo_draw.hpp"
#include "shared/words/kitchen_text.hpp"
#include "shared/words/words.hpp"
#include "shared/ui/frame_schedule.hpp"

namespace hourglass::kitchen {

using words::Word;

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

KdsApp::KdsApp(net::KitchenLink& link, KdsSettings settings, ui::Sound* sound,
               std::function<std::int64_t()> local_now_ms)
    : link_(&link), settings_(settings), sound_(sound), local_now_ms_(std::move(local_now_ms)) {
  if (sound_ != nullptr) sound_->set_muted(settings_.muted);
}

std::int64_t KdsApp::server_now() const { return link_->server_now_ms(); }

const core::Menu& KdsApp::menu() const { return state_.menu ? *state_.menu : no_menu_; }

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
  link_->copy_if_changed(state_, seen_version_);
  for (const net::Event& event : link_->take_events()) handle_event(event);
}

void KdsApp::handle_event(const net::Event& event) {
  const words::Words labels(settings_.language);
  std::visit(Overloaded{
                 [&](const core::BreachMessage& breach) {
                   // The alarm itself comes from notice_changes (once per ticket).
                   spdlog::info("breach: order #{} table {}", breach.seq, breach.table);
                 },
                 [&](const core::CallWaiterNotice& call) {
                   toast(fmt::format("{} {}", words::table_label(call.table, settings_.language),
                                     labels(Word::kds_call_waiter)),
                         ui::ToastKind::info, 10000);
                   if (sound_ != nullptr) sound_->chime();
                 },
                 [&](const core::ErrorMessage& error) {
                   toast(error.error.message, ui::ToastKind::error);
                   spdlog::warn("server refused a request: {}", error.error.message);
                   resync();
                 },
                 [&](const net::RequestFailed& failed) {
                   toast(failed.reason, ui::ToastKind::error);
                   resync();
                 },
                 [&](const core::ComplaintMessage& message) {
                   // A new complaint about a dish: heard at once; the banner keeps it until answered.
                   const core::Complaint& complaint = message.complaint;
                   if (complaint.status == core::ComplaintStatus::open && complaint.item) {
                     spdlog::info("complaint {} from table {} about {}", complaint.complaint_id, complaint.table,
                                  *complaint.item);
                     if (sound_ != nullptr) sound_->chime();
                   }
                 },
                 [&](const net::ConnectionChanged& changed) {
                   if (!changed.connected) spdlog::warn("connection lost: {}", changed.reason);
                 },
                 [](const auto&) {},
             },
             event.payload);
}

// New tickets chime, rushes and breaches are announced (Announcer decides
// what, once each); the alarm wins over a chime in the same frame.
void KdsApp::notice_changes() {
  const words::Words labels(settings_.language);
  if (!state_.connection.synced) return;
  bool chime = false;
  bool alarm = false;
  for (const Announcement& a : announcer_.notice(view_)) {
    switch (a.kind) {
      case Announcement::Kind::new_ticket:
        chime = true;
        toast(fmt::format("{} {} · {}", labels(Word::kds_new_ticket), a.ticket, a.table), ui::ToastKind::success, 4000);
        break;
      case Announcement::Kind::breached:
        alarm = true;
        toast(fmt::format("{} {} · {}", labels(Word::kds_breach_toast), a.ticket, a.table), ui::ToastKind::error, 8000);
        break;
      case Announcement::Kind::rushed:
        chime = true;
        toast(fmt::format("» {} {} · {}", labels(Word::kds_rush), a.ticket, a.table), ui::ToastKind::warning, 8000);
        break;
    }
  }
  if (sound_ != nullptr) {
    if (alarm) {
      sound_->alarm();
    } else if (chime) {
      sound_->chime();
    }
  }
}

// The pass: an order whose last dish just came up is announced once.
void KdsApp::notice_complete() {
  if (!state_.connection.synced && !settings_.demo) return;
  std::set<std::string> complete;
  bool chime = false;
  for (const ExpoTicket& t : expo_view_.tickets) {
    if (!t.complete) continue;
    complete.insert(t.order_id);
    if (complete_seen_.contains(t.order_id)) continue;
    chime = true;
    toast(fmt::format("{} · {} · {}", t.ticket, t.table, t.progress), ui::ToastKind::success, 4000);
  }
  complete_seen_ = std::move(complete);
  if (chime && sound_ != nullptr) sound_->chime();
}

KdsStatus KdsApp::status() const {
  KdsStatus s;
  s.language = settings_.language;
  s.muted = settings_.muted;
  if (settings_.demo) {
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
  if (last_bump_ && core::within_recall_window(last_bump_->at_local_ms, local_now_ms_())) {
    s.can_recall = true;
    s.recall_hint = last_bump_->label;
  }
  s.complaint_alert = complaint_alert(state_.complaints, menu(), selection_.station, server_now(), settings_.language);
  return s;
}

void KdsApp::frame(const ui::Theme& theme) {
  refresh();
  if (settings_.expo) {
    ExpoOptions options;
    options.thresholds = settings_.thresholds;
    expo_view_ = build_expo_view(orders(), menu(), options, server_now(), settings_.language);
    notice_complete();
    last_intents_ = draw_expo(expo_view_, status(), theme);
    apply(last_intents_);
    toasts_.draw(local_now_ms_(), theme);
    return;
  }
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
  if (!expo_view_.tickets.empty()) period = std::min<std::int64_t>(period, 1000);
  // An open complaint's wait runs by the second.
  for (const auto& [id, complaint] : state_.complaints) {
    if (complaint.status == core::ComplaintStatus::open && complaint.item) period = std::min<std::int64_t>(period, 1000);
  }
  std::int64_t next = local + ui::next_tick_ms(server, period) - server;
  if (const auto toast_end = toasts_.next_expiry_ms()) next = std::min(next, *toast_end);
  if (last_bump_ && last_bump_->at_local_ms + core::kRecallWindowMs > local) {
    next = std::min(next, last_bump_->at_local_ms + core::kRecallWindowMs);
  }
  return next;
}

void KdsApp::apply(const KdsIntents& intents) {
  for (const KdsBump& b : intents.bumps) bump(b);
  for (const auto& line_ids : intents.fires) fire(line_ids);
  if (intents.recall) recall();
  for (const core::SetSoldOut& change : intents.sold_out) {
    link_->request(core::ClientMessage{change});
    spdlog::info("{} {}", change.item, change.sold_out ? "sold out (86)" : "back on");
  }
  if (intents.toggle_sold_out_panel) selection_.sold_out_panel = !selection_.sold_out_panel;
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
  for (auto& [id, order] : state_.orders) {
    core::OrderLine* line = order.find_line(b.line_id);
    if (line == nullptr) continue;
    // A press the kitchen would refuse (the line already moved on) is
    // refused here, visibly, rather than sent to come back as a conflict.
    if (auto error = core::check_mark_line(order, *line, b.to)) {
      toast(error->message, ui::ToastKind::error);
      return;
    }
    LastBump last;
    last.line_id = b.line_id;
    last.before = line->state;
    last.label = fmt::format("{} {}", words::ticket_label(order.seq), line->name.in(settings_.language));
    last.at_local_ms = local_now_ms_();
    core::MarkLine mark;
    mark.line_id = b.line_id;
    mark.state = b.to;
    link_->request(core::ClientMessage{mark});
    // Shown at once, so a cook's next press advances from here even before
    // the kitchen's reply arrives; the reply (or a resync after a refusal)
    // replaces this copy.
    core::mark_line(order, *line, b.to, server_now());
    last_bump_ = last;
    return;
  }
  spdlog::warn("bump of an unknown line {}", b.line_id);
}

void KdsApp::fire(const std::vector<std::string>& line_ids) {
  if (line_ids.empty()) return;
  core::FireLines message;
  message.line_ids = line_ids;
  message.order_id = net::new_order_id();
  link_->request(core::ClientMessage{message});
}

void KdsApp::recall() {
  if (!last_bump_ || !core::within_recall_window(last_bump_->at_local_ms, local_now_ms_())) return;
  core::RecallLine message;
  message.line_id = last_bump_->line_id;
  link_->request(core::ClientMessage{message});
  last_bump_.reset();
}

void KdsApp::resync() { seen_version_ = 0; }

}  // namespace hourglass::kitchen
