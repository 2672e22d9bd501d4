#include "kitchen/manager/manager_app.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstring>
#include <ctime>
#include <filesystem>

#include "shared/core/local_time.hpp"
#include "shared/ui/frame_schedule.hpp"
#include "shared/words/words.hpp"

namespace hourglass::manager {

using words::Word;

namespace {

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

template <std::size_t N>
void copy_into(std::array<char, N>& buffer, const std::string& text) {
  buffer.fill('\0');
  std::memcpy(buffer.data(), text.data(), std::min(text.size(), N - 1));
}

std::string day_text(std::int64_t epoch_ms, int offset_minutes) {
  return local_time_text(epoch_ms, offset_minutes).substr(0, 10);
}

}  // namespace

ManagerApp::ManagerApp(net::KitchenLink& link, ManagerSettings settings, std::function<std::int64_t()> local_now_ms,
                       chain::ChainSource* chain)
    : link_(&link), settings_(std::move(settings)), local_now_ms_(std::move(local_now_ms)), chain_(chain) {
  const std::int64_t now = local_now_ms_();
  copy_into(form_.from, day_text(now - static_cast<std::int64_t>(settings_.default_days - 1) * 86'400'000,
                                 settings_.utc_offset_minutes));
  copy_into(form_.to, day_text(now, settings_.utc_offset_minutes));
  copy_into(form_.export_path, settings_.export_path);
}

std::int64_t ManagerApp::server_now() const { return link_->server_now_ms(); }

void ManagerApp::toast(std::string text, ui::ToastKind kind) {
  toasts_.push(std::move(text), kind, local_now_ms_(), 5000);
}

BreachFilter ManagerApp::current_filter() const {
  BreachFilter filter;
  filter.since_ms = local_day_start_ms(form_.from.data(), settings_.utc_offset_minutes);
  if (auto to = local_day_start_ms(form_.to.data(), settings_.utc_offset_minutes)) {
    filter.until_ms = *to + 86'400'000;  // the whole last day
  }
  filter.table = form_.table;
  filter.item = form_.item;
  filter.policy = form_.policy;
  return filter;
}

void ManagerApp::request_period() {
  const BreachFilter filter = current_filter();
  core::GetBreachLog log;
  log.since_ms = filter.since_ms;
  log.until_ms = filter.until_ms;
  breach_req_ = link_->request(core::ClientMessage{log});
  core::GetHistory history;
  history.since_ms = filter.since_ms;
  history.until_ms = filter.until_ms;
  history_req_ = link_->request(core::ClientMessage{history});
  core::GetFeedback feedback;
  feedback.since_ms = filter.since_ms;
  feedback.until_ms = filter.until_ms;
  feedback_req_ = link_->request(core::ClientMessage{feedback});
}

void ManagerApp::ask_chain() {
  if (chain_ == nullptr) return;
  chain::ReportRange range;
  // A date being typed that is not one yet leaves that end open, as the
  // breach log's filter does.
  if (chain::is_iso_date(form_.from.data())) range.from = std::string(form_.from.data());
  if (chain::is_iso_date(form_.to.data())) range.to = std::string(form_.to.data());
  chain_->ask(range);
  chain_asked_ = true;
}

void ManagerApp::refresh_chain() {
  if (chain_ == nullptr) return;
  if (!chain_asked_) ask_chain();
  const std::uint64_t version = chain_->version();
  if (version != chain_seen_version_) {
    chain_seen_version_ = version;
    chain_snapshot_ = chain_->snapshot();
  }
  const std::string key = fmt::format("{}|{}", chain_seen_version_, static_cast<int>(settings_.language));
  if (key != chain_key_) {
    chain_view_ = build_chain_view(chain_snapshot_.days, chain_snapshot_.range, settings_.language);
    chain_key_ = key;
  }
}

ChainPanel ManagerApp::make_chain_panel() const {
  const words::Words l(settings_.language);
  ChainPanel panel{chain_view_, "", "", chain_snapshot_.as_of_ms > 0};
  if (chain_snapshot_.loading && chain_snapshot_.as_of_ms == 0) {
    panel.as_of = l(Word::chain_loading);
  } else if (chain_snapshot_.as_of_ms > 0) {
    panel.as_of =
        l.format(Word::chain_as_of, local_time_text(chain_snapshot_.as_of_ms, settings_.utc_offset_minutes).substr(11));
  }
  const std::string& error = chain_snapshot_.error;
  if (!error.empty()) {
    // libpq's reasons can run long; the log has all of it. Cut on a
    // character's first byte, so the banner is valid UTF-8.
    std::size_t shown = std::min<std::size_t>(error.size(), 110);
    while (shown > 0 && shown < error.size() && (static_cast<unsigned char>(error[shown]) & 0xC0) == 0x80) --shown;
    panel.problem = l.format(Word::chain_unreachable, error.substr(0, shown) + (shown < error.size() ? "…" : ""));
  } else if (chain_snapshot_.no_tables) {
    panel.problem = l(Word::chain_no_stores);
  }
  return panel;
}

void ManagerApp::follow_store_timezone() {
  if (!settings_.follow_store_timezone || !state_.welcome || state_.welcome->timezone.empty() ||
      state_.welcome->timezone == zone_in_use_) {
    return;
  }
  const std::string zone = state_.welcome->timezone;
  zone_in_use_ = zone;
  auto resolved = core::resolve_timezone(zone);
  if (!resolved) {
    spdlog::warn("the store's {}; times stay at UTC{:+} minutes", resolved.error(), settings_.utc_offset_minutes);
    return;
  }
  core::use_timezone(resolved.value());
  const int offset = core::process_utc_offset_minutes(server_now());
  if (offset == settings_.utc_offset_minutes) return;
  spdlog::info("the store's time zone is {} (UTC{:+} minutes)", resolved.value(), offset);
  settings_.utc_offset_minutes = offset;
  // The period's dates were this machine's days: the store's now.
  const std::int64_t now = local_now_ms_();
  copy_into(form_.from, day_text(now - static_cast<std::int64_t>(settings_.default_days - 1) * 86'400'000, offset));
  copy_into(form_.to, day_text(now, offset));
  requested_once_ = false;  // ask for the period again, in the store's days
  chain_asked_ = false;
}

core::UtcOffsetAt ManagerApp::export_offset() const {
  if (!zone_in_use_.empty() && settings_.follow_store_timezone) return core::process_utc_offset_minutes;
  return core::fixed_utc_offset(settings_.utc_offset_minutes);
}

void ManagerApp::refresh_from_link() {
  link_->copy_if_changed(state_, seen_version_);
  follow_store_timezone();
  // Ask for the period once connected, and again after every reconnect.
  const bool synced = state_.connection.connected && state_.connection.synced;
  if (synced && !requested_once_) {
    requested_once_ = true;
    request_period();
  }
  if (!synced) requested_once_ = false;
  for (const net::Event& event : link_->take_events()) {
    std::visit(Overloaded{
                   [&](const core::BreachLog& log) {
                     if (event.req && event.req == breach_req_) {
                       entries_ = log.entries;
                       log_as_of_ms_ = local_now_ms_();
                       ++data_version_;
                     }
                   },
                   [&](const core::History& history) {
                     if (event.req && event.req == history_req_) {
                       history_ = history.orders;
                       ++data_version_;
                     }
                   },
                   [&](const core::Feedback& feedback) {
                     if (event.req && event.req == feedback_req_) {
                       feedback_ = feedback;
                       ++data_version_;
                     }
                   },
                   [&](const core::BreachMessage&) {
                     // A new breach: fetch the period again so the log is never stale.
                     request_period();
                   },
                   [&](const core::ComplaintMessage& message) {
                     // A new or answered complaint: the reports count it at once.
                     if (!feedback_) return;
                     auto& complaints = feedback_->complaints;
                     const auto same = [&](const core::Complaint& c) {
                       return c.complaint_id == message.complaint.complaint_id;
                     };
                     if (auto it = std::find_if(complaints.begin(), complaints.end(), same); it != complaints.end()) {
                       *it = message.complaint;
                     } else if (const BreachFilter period = current_filter();
                                (!period.since_ms || message.complaint.at_ms >= *period.since_ms) &&
                                (!period.until_ms || message.complaint.at_ms < *period.until_ms)) {
                       complaints.push_back(message.complaint);
                     }
                     ++data_version_;
                   },
                   [&](const core::BillMessage& bill) {
                     for (const core::Order& order : bill.bill.orders) closed_by_us_.insert(order.order_id);
                     toast(fmt::format("{}: {}", bill.bill.table, core::format_money(bill.bill.total)),
                           ui::ToastKind::success);
                   },
                   [&](const core::ErrorMessage& error) { toast(error.error.message, ui::ToastKind::error); },
                   [&](const net::RequestFailed& failed) { toast(failed.reason, ui::ToastKind::error); },
                   [](const auto&) {},
               },
               event.payload);
  }
}

void ManagerApp::frame(const ui::Theme& theme) {
  refresh_from_link();
  std::vector<core::Order> orders;
  orders.reserve(state_.orders.size());
  for (const auto& [id, order] : state_.orders) {
    if (closed_by_us_.count(id) == 0) orders.push_back(order);
  }
  live_view_ = build_live_view(orders, state_.menu ? *state_.menu : core::Menu{}, state_.kitchen_load,
                               settings_.thresholds, server_now(), settings_.language);

  const BreachFilter filter = current_filter();
  const std::string indexed_key =
      fmt::format("{}|{}|{}", data_version_, static_cast<int>(settings_.language), settings_.utc_offset_minutes);
  const std::string key =
      fmt::format("{}|{}|{}|{}|{}|{}|{}|{}", indexed_key, filter.since_ms.value_or(-1), filter.until_ms.value_or(-1),
                  filter.table, filter.item, filter.policy, static_cast<int>(form_.sort.key), form_.sort.descending);
  if (indexed_key != indexed_key_) {
    breach_index_ = index_breach_log(entries_, history_, settings_.language, settings_.utc_offset_minutes);
    indexed_key_ = indexed_key;
  }
  if (key != built_key_ || settings_.rebuild_every_frame) {
    breach_view_ = build_breach_log_view(breach_index_, filter, form_.sort);
    built_key_ = key;
  }

  // The reports depend on the same data, language and offset as the index.
  if (indexed_key != reports_key_ || settings_.rebuild_every_frame) {
    ReportsInput input;
    if (feedback_) {
      input.surveys = &feedback_->surveys;
      input.complaints = &feedback_->complaints;
    }
    if (history_) input.history = &*history_;
    input.menu = state_.menu ? &*state_.menu : nullptr;
    input.language = settings_.language;
    input.utc_offset_minutes = settings_.utc_offset_minutes;
    reports_view_ = build_reports_view(input);
    reports_key_ = indexed_key;
  }
  complaints_view_ = build_complaints_view(state_.complaints, state_.menu ? *state_.menu : core::Menu{}, server_now(),
                                           settings_.language);
  refresh_chain();

  ManagerStatus status;
  status.demo = settings_.demo;
  status.online = state_.connection.connected && state_.connection.synced;
  status.language = settings_.language;
  if (state_.connection.offline_since_ms) {
    status.offline_since =
        local_time_text(*state_.connection.offline_since_ms, settings_.utc_offset_minutes).substr(11);
  }
  status.clock = local_time_text(server_now(), settings_.utc_offset_minutes);
  status.last_update = log_as_of_ms_ > 0
                           ? words::format_word(Word::console_as_of, settings_.language,
                                                local_time_text(log_as_of_ms_, settings_.utc_offset_minutes).substr(11))
                           : words::text(Word::console_loading, settings_.language);
  status.chain_only = settings_.chain_only;
  breach_rows_.sync(data_version_, settings_.language, settings_.utc_offset_minutes);
  std::optional<ChainPanel> chain_panel;
  if (chain_ != nullptr) chain_panel.emplace(make_chain_panel());
  ManagerViews views{live_view_, breach_view_, BreachTable{entries_, breach_rows_}, reports_view_, complaints_view_};
  views.chain = chain_panel ? &*chain_panel : nullptr;
  const ManagerIntents intents = draw_manager(views, form_, status, theme);
  apply(intents);
  toasts_.draw(local_now_ms_(), theme);
}

std::optional<std::int64_t> ManagerApp::next_frame_ms() const {
  const std::int64_t local = local_now_ms_();
  const std::int64_t server = server_now();
  // On the server's clock: live countdowns every second, the clock every minute.
  // Open complaints show how long each guest has waited, to the second.
  const bool ticking = (form_.tab == ManagerTab::live && !live_view_.tables.empty()) || !complaints_view_.open.empty();
  const std::int64_t period = ticking ? 1000 : 60'000;
  std::int64_t next = local + ui::next_tick_ms(server, period) - server;
  if (const auto toast_end = toasts_.next_expiry_ms()) next = std::min(next, *toast_end);
  return next;
}

void ManagerApp::apply(const ManagerIntents& intents) {
  if (intents.toggle_language) {
    settings_.language = settings_.language == core::Language::en ? core::Language::zh : core::Language::en;
  }
  if (intents.last_days) {
    const std::int64_t now = local_now_ms_();
    copy_into(form_.from, day_text(now - static_cast<std::int64_t>(*intents.last_days - 1) * 86'400'000,
                                   settings_.utc_offset_minutes));
    copy_into(form_.to, day_text(now, settings_.utc_offset_minutes));
  }
  if (intents.refresh || intents.last_days) {
    request_period();
    ask_chain();
  }
  if (intents.export_csv) export_csv();
  if (intents.export_report) export_report(*intents.export_report);
  if (intents.resolve) {
    link_->request(core::ClientMessage{*intents.resolve});
    spdlog::info("complaint {} answered: {}", intents.resolve->complaint_id,
                 core::to_string(intents.resolve->resolution));
  }
  for (const core::SetSoldOut& change : intents.sold_out) {
    link_->request(core::ClientMessage{change});
    spdlog::info("{} {} from the console", change.item, change.sold_out ? "sold out (86)" : "back on");
  }
  if (intents.comp) {
    const auto& [line_id, reason] = *intents.comp;
    core::CompLine comp;
    comp.line_id = line_id;
    comp.reason = reason;
    link_->request(core::ClientMessage{comp});
  }
  if (intents.close) {
    const auto& [table, order_id] = *intents.close;
    core::CloseTable close;
    close.table = table;
    if (!order_id.empty()) close.order_id = order_id;
    link_->request(core::ClientMessage{close});
  }
}

void ManagerApp::export_csv() {
  const std::string path = form_.export_path.data();
  if (path.empty()) {
    toast(words::text(Word::console_choose_file, settings_.language), ui::ToastKind::warning);
    return;
  }
  if (auto error = write_csv_file(path, breach_log_csv(breach_view_, entries_, export_offset()))) {
    spdlog::error("export failed: {}", *error);
    toast(*error, ui::ToastKind::error);
    return;
  }
  spdlog::info("exported {} breaches to {}", breach_view_.size(), path);
  toast(words::format_word(Word::console_exported, settings_.language, breach_view_.size(), path),
        ui::ToastKind::success);
}

std::string ManagerApp::report_path(ReportExport report) const {
  const std::filesystem::path breaches = form_.export_path.data();
  return (breaches.parent_path() / fmt::format("hourglass-{}.csv", report_export_name(report))).string();
}

void ManagerApp::export_report(ReportExport report) {
  const core::Menu menu = state_.menu ? *state_.menu : core::Menu{};
  const core::UtcOffsetAt offset = export_offset();
  const std::vector<core::Survey> no_surveys;
  const std::vector<core::Complaint> no_complaints;
  std::string csv;
  switch (report) {
    case ReportExport::nps:
      csv = nps_csv(reports_view_);
      break;
    case ReportExport::surveys:
      csv = surveys_csv(feedback_ ? feedback_->surveys : no_surveys, offset);
      break;
    case ReportExport::complaints_by_category:
      csv = complaints_by_category_csv(reports_view_);
      break;
    case ReportExport::complaints:
      csv = complaints_csv(feedback_ ? feedback_->complaints : no_complaints, menu, offset);
      break;
    case ReportExport::speed_of_service:
      csv = speed_of_service_csv(reports_view_, menu);
      break;
    case ReportExport::on_time:
      csv = on_time_csv(reports_view_, menu);
      break;
    case ReportExport::chain:
      // Per store and day, as hourglass-chain --csv writes it.
      csv = chain::report_csv(chain_snapshot_.days);
      break;
  }
  const std::string path = report_path(report);
  if (auto error = write_csv_file(path, csv)) {
    spdlog::error("export failed: {}", *error);
    toast(*error, ui::ToastKind::error);
    return;
  }
  const auto rows = static_cast<std::size_t>(std::count(csv.begin(), csv.end(), '\n')) - 1;
  spdlog::info("exported {} rows to {}", rows, path);
  toast(words::format_word(Word::console_exported, settings_.language, rows, path), ui::ToastKind::success);
}

}  // namespace hourglass::manager
