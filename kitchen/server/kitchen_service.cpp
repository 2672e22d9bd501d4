#include "kitchen/server/kitchen_service.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>
#include <spdlog/spdlog.h>

#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>

#include "shared/core/local_time.hpp"
#include "shared/core/breach_record.hpp"
#include "shared/core/permissions.hpp"
#include "shared/core/promise.hpp"

namespace hourglass::kitchen {

using core::Error;
using core::ErrorCode;
using core::Role;

namespace {

// How long writes wait after the storage was found full before the
// deadlines and accruals try again (requests try whenever they come).
constexpr std::int64_t kFullRetryMs = 1000;

Frame encode_frame(const core::ServerEnvelope& envelope) {
  auto text = std::make_shared<std::string>(core::encode(envelope));
  text->push_back('\n');
  return text;
}

std::optional<std::int64_t> seq_of_line(std::string_view line_id) {
  const auto dash = line_id.find('-');
  if (dash == std::string_view::npos || dash == 0) return std::nullopt;
  std::int64_t seq = 0;
  const auto [end, error] = std::from_chars(line_id.data(), line_id.data() + dash, seq);
  if (error != std::errc{} || end != line_id.data() + dash) return std::nullopt;
  return seq;
}

std::string who(const Identity& identity) {
  return fmt::format("{} {}", core::to_string(identity.role), identity.device);
}

}  // namespace

std::string token_digest(std::string_view token) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(token.data(), token.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 is not available");
  }
  std::string hex;
  for (unsigned int i = 0; i < 12 && i < length; ++i) hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

std::string kiosk_owner(std::string_view token) {
  return "kiosk:" + token_digest(token);
}

std::string table_owner(std::string_view table) { return fmt::format("table:{}", table); }

KitchenService::KitchenService(const core::ServerConfig& config, core::Menu menu, Storage& storage, const Clock& clock,
                               Hub& hub)
    : config_(config),
      menu_(std::move(menu)),
      menu_frame_(encode_frame(core::ServerEnvelope{std::nullopt, core::MenuMessage{menu_}})),
      storage_(storage),
      clock_(clock),
      hub_(hub) {}

void KitchenService::encode_menu() {
  menu_frame_ = encode_frame(core::ServerEnvelope{std::nullopt, core::MenuMessage{menu_}});
}

void KitchenService::load_from_storage() {
  orders_.clear();
  seq_by_order_id_.clear();
  seqs_by_owner_.clear();
  scheduler_ = DeadlineScheduler{};
  accruing_.clear();
  next_seq_ = storage_.max_seq() + 1;
  for (auto& stored : storage_.load_unclosed_orders()) {
    const std::int64_t seq = stored.order.seq;
    if (stored.order.status == core::OrderStatus::open) scheduler_.add(seq, stored.order.deadline_ms);
    if (core::accrues(stored.order.promise.policy) && stored.order.broke_promise() &&
        !core::breach_settled(stored.order)) {
      accruing_.insert(seq);
    }
    index(stored);
    orders_.emplace(seq, std::move(stored));
  }
  load_dirty_ = true;
}

void KitchenService::start() {
  // Sold out: in the menu file, or marked by the staff (kept until set back).
  std::vector<std::string> sold_out;
  for (const std::string& id : storage_.sold_out_items()) {
    if (core::MenuItem* item = menu_.find(id)) {
      item->sold_out = true;
      sold_out.push_back(id);
    }
  }
  if (!sold_out.empty()) {
    spdlog::info("sold out: {}", fmt::join(sold_out, ", "));
    encode_menu();
  }
  load_from_storage();
  // Compensations that grew while the server was down: from stored times.
  const std::vector<std::int64_t> accruing(accruing_.begin(), accruing_.end());
  try {
    for (const std::int64_t seq : accruing) {
      StoredOrder& loaded = orders_.at(seq);
      if (update_accrual(loaded, clock_.now_ms())) save(loaded, clock_.now_ms());
    }
  } catch (const StorageFull& error) {
    recover_from_full(error);  // advance_accruals writes them when there is room
  }
  spdlog::info("loaded {} orders not yet closed ({} awaiting their deadline); next ticket #{}", orders_.size(),
               scheduler_.size(), next_seq_);
  evaluate_due();  // deadlines that passed while the server was down
  flush();
  const std::int64_t now = clock_.now_ms();
  compute_kitchen_load(now);
  // Every welcome carries the value; none was pushed yet, so the next may be at once.
  load_pushed_ = core::LoadPushed{load_wait_s_, now - core::kLoadMinIntervalMs};
}

std::vector<core::Order> KitchenService::open_order_list() const {
  std::vector<core::Order> orders;
  orders.reserve(orders_.size());
  for (const auto& [seq, stored] : orders_) orders.push_back(stored.order);
  return orders;
}

void KitchenService::index(const StoredOrder& stored) {
  seq_by_order_id_[stored.order.order_id] = stored.order.seq;
  seqs_by_owner_[stored.owner].insert(stored.order.seq);
}

core::Result<Identity, Error> KitchenService::authenticate(const core::Hello& hello) const {
  if (hello.proto != core::kProtocolVersion) {
    return core::fail(
        Error{ErrorCode::unsupported_proto, fmt::format("this server speaks proto {}", core::kProtocolVersion)});
  }
  const core::Device* device = core::find_device(config_.devices, hello.token);
  if (device == nullptr || device->role != hello.role) {
    return core::fail(Error{ErrorCode::unauthorized, "unknown token, or a role that does not match it"});
  }
  Identity identity;
  identity.role = device->role;
  identity.table = device->table;
  identity.device = device->name;
  if (device->role == Role::table) identity.owner = table_owner(*device->table);
  if (device->role == Role::kiosk) identity.owner = kiosk_owner(device->token);
  identity.credential = token_digest(device->token);
  return identity;
}

std::unordered_map<std::string, const core::Device*> KitchenService::devices_by_credential() const {
  std::unordered_map<std::string, const core::Device*> devices;
  for (const core::Device& device : config_.devices) devices.emplace(token_digest(device.token), &device);
  return devices;
}

bool KitchenService::still_authorized(const Identity& identity,
                                      const std::unordered_map<std::string, const core::Device*>& devices) {
  const auto found = devices.find(identity.credential);
  if (found == devices.end()) return false;
  const core::Device& device = *found->second;
  return device.role == identity.role && device.table == identity.table && device.name == identity.device;
}

void KitchenService::replace_menu(core::Menu menu) {
  menu_ = std::move(menu);
  for (const std::string& id : storage_.sold_out_items()) {
    if (core::MenuItem* item = menu_.find(id)) item->sold_out = true;
  }
  encode_menu();
  batch_menu_ = true;
  push_frame(hub_.everyone(), menu_frame_);
  if (flush_needed_) flush_needed_();
}

void KitchenService::welcome(const ParticipantPtr& participant, const std::optional<core::RequestId>& req) {
  batch_welcomes_.push_back(Handled{participant, req});
  const Identity& identity = participant->identity();
  core::Welcome welcome;
  welcome.server_time_ms = clock_.now_ms();
  welcome.role = identity.role;
  welcome.table = identity.table;
  welcome.promise_s = config_.promise.seconds;
  welcome.policy = config_.promise.policy;
  welcome.features = {std::string(core::kFeatureSoldOut),      std::string(core::kFeatureHoldFire),
                      std::string(core::kFeaturePartySize),    std::string(core::kFeaturePerLateMinute),
                      std::string(core::kFeatureKitchenLoad),  std::string(core::kFeatureFeedback)};
  welcome.rules = config_.promise_rules;
  welcome.timezone = config_.timezone;
  send(participant, req, welcome);
  push_frame({participant}, menu_frame_);
  core::Snapshot snapshot;
  if (core::is_staff(identity.role)) {
    for (const auto& [seq, stored] : orders_) snapshot.orders.push_back(stored.order);
  } else if (const auto own = seqs_by_owner_.find(identity.owner); own != seqs_by_owner_.end()) {
    for (const std::int64_t seq : own->second) snapshot.orders.push_back(orders_.at(seq).order);
  }
  send(participant, std::nullopt, std::move(snapshot));
  send(participant, std::nullopt, core::KitchenLoad{load_wait_s_, load_computed_at_ms_});
  // Complaints: staff get every open one (the alerts); a table or kiosk its
  // own of the last hours, open or answered.
  constexpr std::int64_t kDinerComplaintsMs = 4 * 3600 * 1000;
  const bool staff = core::is_staff(identity.role);
  const TimeRange range{staff ? std::nullopt : std::optional<std::int64_t>(welcome.server_time_ms - kDinerComplaintsMs),
                        std::nullopt};
  if (staff || !identity.owner.empty()) {
    for (auto& stored : storage_.complaints(range, staff ? "" : identity.owner, staff)) {
      send(participant, std::nullopt, core::ComplaintMessage{std::move(stored.complaint)});
    }
  }
  hub_.join(participant);
}

void KitchenService::leave(const Participant& participant) { hub_.leave(participant); }

void KitchenService::handle(const ParticipantPtr& from, const core::ClientEnvelope& request) {
  const Context c{from, request.req, clock_.now_ms()};
  if (std::holds_alternative<core::Hello>(request.message)) {
    reply_error(c, ErrorCode::bad_request, "hello was already said on this connection");
    return;
  }
  const core::Request kind = core::request_of(request.message);
  if (!core::role_may(from->identity().role, kind)) {
    reply_error(c, ErrorCode::forbidden,
                fmt::format("a {} may not {}", core::to_string(from->identity().role), core::to_string(kind)));
    return;
  }
  batch_requests_.push_back(Handled{from, request.req});
  try {
    std::visit([&](const auto& message) { on(c, message); }, request.message);
  } catch (const StorageFull& error) {
    recover_from_full(error);
  } catch (...) {
    abandon();
    throw;
  }
}

// ---- outbox ----

void KitchenService::send(const ParticipantPtr& to, const std::optional<core::RequestId>& re,
                          core::ServerMessage message) {
  core::ServerEnvelope envelope{re, std::move(message)};
  push({to}, envelope);
}

void KitchenService::push(std::vector<ParticipantPtr> to, const core::ServerEnvelope& envelope) {
  if (to.empty()) return;
  push_frame(std::move(to), encode_frame(envelope));
}

void KitchenService::push_frame(std::vector<ParticipantPtr> to, Frame frame) {
  outbox_.push_back(Outgoing{std::move(to), std::move(frame)});
  if (!flush_pending_) {
    flush_pending_ = true;
    if (flush_needed_) flush_needed_();
  }
}

void KitchenService::flush() {
  flush_pending_ = false;
  if (batch_) {
    try {
      batch_->commit();
    } catch (const StorageFull& error) {
      recover_from_full(error);  // queues the refusals: flushed next
      return;
    } catch (...) {
      abandon();  // nothing queued behind a failed commit is delivered
      throw;
    }
    batch_.reset();
    if (full_since_ms_) {
      spdlog::info("the database {} has room again: writing after {} s and {} refused batches", config_.database,
                   (clock_.now_ms() - *full_since_ms_) / 1000, full_refusals_);
      full_since_ms_.reset();
      full_refusals_ = 0;
    }
  }
  batch_requests_.clear();
  batch_welcomes_.clear();
  batch_menu_ = false;
  batch_sold_out_before_.clear();
  std::vector<Outgoing> outgoing;
  outgoing.swap(outbox_);
  for (const auto& message : outgoing) {
    for (const auto& participant : message.to) participant->deliver(message.frame);
  }
}

void KitchenService::reply(const Context& c, core::ServerMessage message) { send(c.from, c.re, std::move(message)); }

void KitchenService::reply_error(const Context& c, ErrorCode code, std::string message) {
  reply_error(c, Error{code, std::move(message)});
}

void KitchenService::reply_error(const Context& c, const Error& error) {
  spdlog::info("refused: conn {} ({}): {}: {}", c.from->id(), who(c.from->identity()), core::to_string(error.code),
               error.message);
  core::ErrorMessage message{error};
  reply(c, std::move(message));
}

void KitchenService::publish_change(const Context& c, const StoredOrder& stored) {
  reply(c, core::OrderMessage{stored.order});
  core::ServerEnvelope envelope{std::nullopt, core::OrderMessage{stored.order}};
  push(hub_.order_audience(stored.order.table, stored.owner, c.from.get()), envelope);
}

// ---- storage ----

void KitchenService::batch() {
  if (!batch_) batch_ = std::make_unique<StorageBatch>(storage_);
  // A write with nobody to tell (an order breached while no screen of its
  // table or the kitchen is connected) is committed at the end of this turn
  // all the same: an open batch holds SQLite's write lock, and its writes are
  // not durable until committed.
  if (!flush_pending_) {
    flush_pending_ = true;
    if (flush_needed_) flush_needed_();
  }
}

void KitchenService::abandon() {
  if (batch_) spdlog::error("rolling back the uncommitted batch: {} replies and pushes are not sent", outbox_.size());
  drop_batch();
}

void KitchenService::drop_batch() {
  batch_.reset();
  outbox_.clear();
  flush_pending_ = false;
}

void KitchenService::recover_from_full(const StorageFull& error) {
  const std::vector<Handled> requests = std::move(batch_requests_);
  const std::vector<Handled> welcomes = std::move(batch_welcomes_);
  const bool menu = batch_menu_;
  const std::size_t dropped = outbox_.size();
  // Dishes marked sold out (or back on) in the batch are as they were.
  for (const auto& [id, before] : batch_sold_out_before_) {
    if (core::MenuItem* item = menu_.find(id)) item->sold_out = before;
  }
  if (!batch_sold_out_before_.empty()) encode_menu();
  batch_sold_out_before_.clear();
  batch_requests_.clear();
  batch_welcomes_.clear();
  batch_menu_ = false;
  drop_batch();  // rolls back; logged below, once per spell of a full disk
  const std::int64_t now = clock_.now_ms();
  retry_writes_at_ms_ = now + kFullRetryMs;
  ++full_refusals_;
  if (!full_since_ms_) {
    full_since_ms_ = now;
    spdlog::error(
        "the database {} is full ({}): nothing of the batch was kept ({} requests answered rate_limited, {} replies "
        "and pushes not sent), and so on until there is room; the tablets send their orders again. Free disk "
        "space (or raise limits.max_database_mb and reload): the server writes again by itself",
        config_.database, error.what(), requests.size(), dropped);
  } else if (full_refusals_ % 100 == 0) {
    spdlog::error("the database {} is still full: {} batches refused in {} s", config_.database, full_refusals_,
                  (now - *full_since_ms_) / 1000);
  }
  // The batch changed the orders in memory before it failed: take them back
  // as committed. No pointer into them is held here (the handler, the
  // deadline loop, the flush have all been left by the exception).
  load_from_storage();
  // The refusals go out now, not through the outbox: a later batch that
  // fails too cannot take them with it.
  for (const Handled& request : requests) {
    const core::ErrorMessage refusal{
        Error{ErrorCode::rate_limited, "the kitchen's storage is full: nothing was changed; try again shortly"}};
    request.from->deliver(encode_frame(core::ServerEnvelope{request.re, refusal}));
  }
  // Welcomed again with the snapshot as committed; one that left since is not.
  for (const Handled& welcomed : welcomes) {
    if (hub_.has(*welcomed.from)) welcome(welcomed.from, welcomed.re);
  }
  if (menu) push_frame(hub_.everyone(), menu_frame_);
}

void KitchenService::save(StoredOrder& stored, std::int64_t now_ms) {
  load_dirty_ = true;
  batch();
  update_accrual(stored, now_ms);
  storage_.save_order(stored);
}

bool KitchenService::update_accrual(StoredOrder& stored, std::int64_t now_ms) {
  core::Order& order = stored.order;
  if (!core::accrues(order.promise.policy) || !order.broke_promise()) return false;
  const bool changed = core::advance_accrual(order, now_ms);
  const bool settled = core::breach_settled(order);
  const bool was_accruing = accruing_.count(order.seq) != 0;
  if (settled) {
    accruing_.erase(order.seq);
  } else {
    accruing_.insert(order.seq);
  }
  const bool settled_changed = settled == was_accruing;  // settled now, or accruing anew
  if (changed || settled_changed) {
    batch();
    storage_.update_breach_accrual(order.seq, core::promise_compensation(order), settled);
    if (settled && was_accruing) {
      spdlog::info("breach of order #{} settled: {} late minutes, compensation {}", order.seq, order.late_minutes,
                   core::promise_compensation(order));
    }
  }
  return changed;
}

core::PromiseTerms KitchenService::terms_now(std::optional<int> party_size, std::int64_t now_ms) const {
  return core::terms_for(config_.promise, config_.promise_rules, party_size, core::local_minute_of_day(now_ms));
}

void KitchenService::audit(const Context* c, const StoredOrder& stored, std::string line_id, std::string action,
                           std::string detail, std::int64_t now_ms) {
  batch();
  AuditEntry entry;
  entry.at_ms = now_ms;
  entry.seq = stored.order.seq;
  entry.line_id = std::move(line_id);
  entry.action = std::move(action);
  entry.detail = std::move(detail);
  entry.role = c ? std::string(core::to_string(c->from->identity().role)) : "system";
  entry.device = c ? c->from->identity().device : "deadline";
  storage_.add_audit(entry);
}

// ---- lookups ----

bool KitchenService::may_see(const Identity& identity, const StoredOrder& stored) const {
  return core::is_staff(identity.role) || stored.owner == identity.owner;
}

StoredOrder* KitchenService::find_open(const std::string& order_id) {
  const auto it = seq_by_order_id_.find(order_id);
  if (it == seq_by_order_id_.end()) return nullptr;
  return &orders_.at(it->second);
}

std::optional<KitchenService::LineRef> KitchenService::find_line(const Context& c, const std::string& line_id) {
  const auto seq = seq_of_line(line_id);
  if (seq) {
    if (const auto it = orders_.find(*seq); it != orders_.end()) {
      if (core::OrderLine* line = it->second.order.find_line(line_id)) {
        if (!may_see(c.from->identity(), it->second)) {
          reply_error(c, ErrorCode::forbidden, fmt::format("line {} is not on your orders", line_id));
          return std::nullopt;
        }
        return LineRef{&it->second, line};
      }
    } else if (const auto closed = storage_.find_order_by_seq(*seq); closed && closed->order.find_line(line_id)) {
      if (!may_see(c.from->identity(), *closed)) {
        reply_error(c, ErrorCode::forbidden, fmt::format("line {} is not on your orders", line_id));
      } else {
        reply_error(c, ErrorCode::conflict, fmt::format("order #{} is closed", *seq));
      }
      return std::nullopt;
    }
  }
  reply_error(c, ErrorCode::not_found, fmt::format("no line {}", line_id));
  return std::nullopt;
}

// ---- requests ----

void KitchenService::on(const Context&, const core::Hello&) {}

void KitchenService::on(const Context& c, const core::PlaceOrder& m) {
  const Identity& identity = c.from->identity();
  if (StoredOrder* known = find_open(m.order_id)) {
    if (known->owner != identity.owner) {
      reply_error(c, ErrorCode::conflict, "this order_id is taken");
      return;
    }
    reply(c, core::OrderMessage{known->order});  // an idempotent resend: the stored order, unchanged
    return;
  }
  if (const auto closed = storage_.find_order(m.order_id)) {
    if (closed->owner != identity.owner) {
      reply_error(c, ErrorCode::conflict, "this order_id is taken");
      return;
    }
    reply(c, core::OrderMessage{closed->order});
    return;
  }
  for (const core::LineRequest& line : m.lines) {
    const core::MenuItem* item = menu_.find(line.item);
    if (item != nullptr && item->sold_out) {
      Error error{ErrorCode::sold_out, fmt::format("{} ({}) is sold out", item->name.en, item->name.zh), item->id};
      reply_error(c, error);
      return;
    }
  }
  const std::string table = identity.role == Role::table ? *identity.table : std::string(core::kCounterTable);
  auto made =
      core::make_order(m.order_id, m.lines, menu_, next_seq_, table, c.now_ms, terms_now(m.party_size, c.now_ms));
  if (!made) {
    reply_error(c, made.error());
    return;
  }
  ++next_seq_;
  StoredOrder stored{std::move(made.value()), identity.owner};
  stored.order.party_size = m.party_size;
  save(stored, c.now_ms);
  audit(&c, stored, "", "placed", fmt::format("{} lines", stored.order.lines.size()), c.now_ms);
  const StoredOrder& placed = admit(std::move(stored));
  spdlog::info("order #{} {} table {} from {}: {} lines, subtotal {}, deadline {}", placed.order.seq,
               placed.order.order_id, placed.order.table, who(identity), placed.order.lines.size(),
               placed.order.subtotal, placed.order.deadline_ms);
  publish_change(c, placed);
}

const StoredOrder& KitchenService::admit(StoredOrder stored) {
  const std::int64_t seq = stored.order.seq;
  index(stored);
  scheduler_.add(seq, stored.order.deadline_ms);
  return orders_.emplace(seq, std::move(stored)).first->second;
}

void KitchenService::on(const Context& c, const core::CancelLine& m) {
  const auto ref = find_line(c, m.line_id);
  if (!ref) return;
  if (auto error = core::check_cancel_line(ref->stored->order, *ref->line, c.from->identity().role)) {
    reply_error(c, *error);
    return;
  }
  core::cancel_line(ref->stored->order, *ref->line, c.now_ms);
  save(*ref->stored, c.now_ms);
  audit(&c, *ref->stored, m.line_id, "cancel_line", m.reason, c.now_ms);
  publish_change(c, *ref->stored);
}

void KitchenService::on(const Context& c, const core::MarkLine& m) {
  const auto ref = find_line(c, m.line_id);
  if (!ref) return;
  if (auto error = core::check_mark_line(ref->stored->order, *ref->line, m.state)) {
    reply_error(c, *error);
    return;
  }
  bumps_[m.line_id] = Bump{c.from->id(), ref->line->state, c.now_ms};
  core::mark_line(ref->stored->order, *ref->line, m.state, c.now_ms);
  save(*ref->stored, c.now_ms);
  audit(&c, *ref->stored, m.line_id, "mark_line", std::string(core::to_string(m.state)), c.now_ms);
  publish_change(c, *ref->stored);
}

void KitchenService::on(const Context& c, const core::RecallLine& m) {
  const auto ref = find_line(c, m.line_id);
  if (!ref) return;
  const auto bump = bumps_.find(m.line_id);
  if (bump == bumps_.end() || bump->second.participant != c.from->id() ||
      !core::within_recall_window(bump->second.at_ms, c.now_ms)) {
    reply_error(c, ErrorCode::conflict, "only this screen's last bump of the line, within a minute, can be recalled");
    return;
  }
  if (auto error = core::check_recall_line(ref->stored->order, *ref->line, bump->second.previous)) {
    reply_error(c, *error);
    return;
  }
  const core::LineState previous = bump->second.previous;
  bumps_.erase(bump);
  core::recall_line(ref->stored->order, *ref->line, previous);
  save(*ref->stored, c.now_ms);
  audit(&c, *ref->stored, m.line_id, "recall_line", std::string(core::to_string(previous)), c.now_ms);
  publish_change(c, *ref->stored);
}

void KitchenService::on(const Context& c, const core::Rush& m) {
  StoredOrder* stored = find_open(m.order_id);
  if (stored == nullptr) {
    const auto closed = storage_.find_order(m.order_id);
    if (!closed) {
      reply_error(c, ErrorCode::not_found, "no such order");
    } else if (!may_see(c.from->identity(), *closed)) {
      reply_error(c, ErrorCode::forbidden, "not your order");
    } else {
      reply_error(c, ErrorCode::conflict, fmt::format("order #{} is closed", closed->order.seq));
    }
    return;
  }
  if (!may_see(c.from->identity(), *stored)) {
    reply_error(c, ErrorCode::forbidden, "not your order");
    return;
  }
  stored->order.rushed = true;
  save(*stored, c.now_ms);
  audit(&c, *stored, "", "rush", "", c.now_ms);
  publish_change(c, *stored);
}

void KitchenService::on(const Context& c, const core::CallWaiter&) {
  const Identity& identity = c.from->identity();
  reply(c, core::Ok{});
  core::CallWaiterNotice notice{identity.table.value_or(std::string(core::kCounterTable)), c.now_ms};
  push(hub_.staff(), core::ServerEnvelope{std::nullopt, notice});
  spdlog::info("call_waiter from {}", who(identity));
}

void KitchenService::close_order(const Context& c, StoredOrder& stored) {
  if (stored.order.status == core::OrderStatus::open) {
    scheduler_.remove(stored.order.seq, stored.order.deadline_ms);
    // The deadline may have passed a moment ago with the timer not yet run:
    // the promise was owed at the deadline, so it is settled before closing.
    if (core::is_due(stored.order, c.now_ms)) evaluate(stored, c.now_ms);
  }
  stored.order.status = core::OrderStatus::closed;
  stored.order.closed_at_ms = c.now_ms;  // a compensation still accruing stops here
  save(stored, c.now_ms);
  audit(&c, stored, "", "close", "", c.now_ms);
  for (const auto& line : stored.order.lines) bumps_.erase(line.line_id);
}

void KitchenService::on(const Context& c, const core::CloseTable& m) {
  std::vector<std::int64_t> seqs;
  if (m.table == core::kCounterTable) {
    StoredOrder* stored = find_open(*m.order_id);
    if (stored == nullptr || stored->order.table != core::kCounterTable) {
      const auto closed = storage_.find_order(*m.order_id);
      if (closed && closed->order.table == core::kCounterTable) {
        reply_error(c, ErrorCode::conflict, fmt::format("order #{} is already closed", closed->order.seq));
      } else {
        reply_error(c, ErrorCode::not_found, "no such counter order");
      }
      return;
    }
    seqs.push_back(stored->order.seq);
  } else if (const auto own = seqs_by_owner_.find(table_owner(m.table)); own != seqs_by_owner_.end()) {
    seqs.assign(own->second.begin(), own->second.end());
  }
  std::vector<core::Order> closed;
  for (const std::int64_t seq : seqs) {
    auto node = orders_.extract(seq);
    StoredOrder& stored = node.mapped();
    close_order(c, stored);
    seq_by_order_id_.erase(stored.order.order_id);
    auto& owned = seqs_by_owner_[stored.owner];
    owned.erase(seq);
    if (owned.empty()) seqs_by_owner_.erase(stored.owner);
    core::ServerEnvelope envelope{std::nullopt, core::OrderMessage{stored.order}};
    push(hub_.order_audience(stored.order.table, stored.owner, c.from.get()), envelope);
    closed.push_back(std::move(stored.order));
  }
  spdlog::info("close_table {} by {}: {} orders closed", m.table, who(c.from->identity()), closed.size());
  reply(c, core::BillMessage{core::make_bill(m.table, std::move(closed))});
}

void KitchenService::on(const Context& c, const core::GetBill& m) {
  const Identity& identity = c.from->identity();
  std::vector<core::Order> orders;
  std::string table;
  if (m.order_id) {
    StoredOrder* stored = find_open(*m.order_id);
    if (stored == nullptr) {
      reply_error(c, ErrorCode::not_found, "no such open order");
      return;
    }
    if (!may_see(identity, *stored)) {
      reply_error(c, ErrorCode::forbidden, "not your order");
      return;
    }
    table = stored->order.table;
    orders.push_back(stored->order);
  } else {
    std::string owner;
    if (identity.role == Role::table) {
      if (m.table && *m.table != *identity.table) {
        reply_error(c, ErrorCode::forbidden, "a table sees its own bill only");
        return;
      }
      table = *identity.table;
      owner = identity.owner;
    } else if (identity.role == Role::kiosk) {
      if (m.table && *m.table != core::kCounterTable) {
        reply_error(c, ErrorCode::forbidden, "a kiosk sees its own orders only");
        return;
      }
      table = std::string(core::kCounterTable);
      owner = identity.owner;
    } else if (!m.table) {
      reply_error(c, ErrorCode::bad_request, "table: name the table (or order_id)");
      return;
    } else {
      table = *m.table;
      owner = table == core::kCounterTable ? "" : table_owner(table);
    }
    if (owner.empty()) {  // staff asking for every counter order
      for (const auto& [seq, stored] : orders_) {
        if (stored.order.table == core::kCounterTable) orders.push_back(stored.order);
      }
    } else if (const auto own = seqs_by_owner_.find(owner); own != seqs_by_owner_.end()) {
      for (const std::int64_t seq : own->second) orders.push_back(orders_.at(seq).order);
    }
  }
  reply(c, core::BillMessage{core::make_bill(table, std::move(orders))});
}

void KitchenService::on(const Context& c, const core::GetBreachLog& m) {
  core::BreachLog log;
  log.entries = storage_.breaches(BreachQuery{m.since_ms, m.until_ms, m.table});
  reply(c, std::move(log));
}

void KitchenService::on(const Context& c, const core::CompLine& m) {
  const auto ref = find_line(c, m.line_id);
  if (!ref) return;
  if (auto error = core::check_comp_line(ref->stored->order, *ref->line)) {
    reply_error(c, *error);
    return;
  }
  core::comp_line(ref->stored->order, *ref->line);
  save(*ref->stored, c.now_ms);
  CompRecord comp{c.now_ms,
                  ref->stored->order.seq,
                  m.line_id,
                  m.reason,
                  std::string(core::to_string(c.from->identity().role)),
                  c.from->identity().device};
  storage_.add_comp(comp);
  audit(&c, *ref->stored, m.line_id, "comp_line", m.reason, c.now_ms);
  spdlog::info("comp {} on order #{} by {}: {}", m.line_id, ref->stored->order.seq, who(c.from->identity()), m.reason);
  publish_change(c, *ref->stored);
}

void KitchenService::on(const Context& c, const core::Ping&) { reply(c, core::Pong{c.now_ms}); }

void KitchenService::on(const Context& c, const core::GetHistory& m) {
  core::History history;
  history.orders = storage_.history(m.since_ms, m.until_ms);
  reply(c, std::move(history));
}

void KitchenService::on(const Context& c, const core::SetSoldOut& m) {
  core::MenuItem* item = menu_.find(m.item);
  if (item == nullptr) {
    reply_error(c, ErrorCode::not_found, fmt::format("no dish \"{}\" on the menu", m.item));
    return;
  }
  batch();
  batch_sold_out_before_.try_emplace(item->id, item->sold_out);
  storage_.set_sold_out(item->id, m.sold_out, c.now_ms);
  const bool changed = item->sold_out != m.sold_out;
  item->sold_out = m.sold_out;
  if (changed) encode_menu();
  spdlog::info("{} {} by {}", item->id, m.sold_out ? "sold out" : "back on", who(c.from->identity()));
  reply(c, core::Ok{});
  push(hub_.everyone(), core::ServerEnvelope{std::nullopt, core::MenuItemMessage{*item}});
}

void KitchenService::on(const Context& c, const core::FireLines& m) {
  const Identity& identity = c.from->identity();
  // A repeat of a request already done: the round it made, unchanged.
  const auto repeat = [&](const StoredOrder& known) {
    if (!may_see(identity, known) || known.order.fired_from.empty()) {
      reply_error(c, ErrorCode::conflict, "this order_id is taken");
    } else {
      reply(c, core::OrderMessage{known.order});
    }
  };
  if (StoredOrder* known = find_open(m.order_id)) return repeat(*known);
  if (const auto closed = storage_.find_order(m.order_id)) return repeat(*closed);

  std::vector<LineRef> refs;
  for (const std::string& line_id : m.line_ids) {
    const auto ref = find_line(c, line_id);
    if (!ref) return;
    if (auto error = core::check_fire_line(ref->stored->order, *ref->line)) {
      reply_error(c, *error);
      return;
    }
    if (!refs.empty() && refs.front().stored->owner != ref->stored->owner) {
      reply_error(c, ErrorCode::bad_request,
                  fmt::format("line_ids: {} is of another table than {}: fire each table's lines apart", line_id,
                              refs.front().line->line_id));
      return;
    }
    refs.push_back(*ref);
  }
  std::vector<core::FiredLine> fired;
  for (const LineRef& ref : refs) fired.push_back(core::FiredLine{&ref.stored->order, ref.line});
  const StoredOrder& first = *refs.front().stored;
  // The new round's promise is the one in force now, for the party the lines were ordered for.
  const core::PromiseTerms terms = terms_now(first.order.party_size, c.now_ms);
  StoredOrder round{core::make_fired_round(m.order_id, fired, next_seq_, first.order.table, c.now_ms, terms),
                    first.owner};
  round.order.party_size = first.order.party_size;
  ++next_seq_;
  // The originals: each line fired, each changed order saved once.
  std::vector<StoredOrder*> changed;
  for (const LineRef& ref : refs) {
    core::fire_line(ref.stored->order, *ref.line);
    bumps_.erase(ref.line->line_id);
    if (std::find(changed.begin(), changed.end(), ref.stored) == changed.end()) changed.push_back(ref.stored);
  }
  for (StoredOrder* original : changed) {
    save(*original, c.now_ms);
    for (const LineRef& ref : refs) {
      if (ref.stored == original) {
        audit(&c, *original, ref.line->line_id, "fire_line", fmt::format("to #{}", round.order.seq), c.now_ms);
      }
    }
  }
  save(round, c.now_ms);
  audit(&c, round, "", "placed", fmt::format("{} lines fired from #{}", round.order.lines.size(),
                                             fmt::join(round.order.fired_from, ", #")),
        c.now_ms);
  const StoredOrder& placed = admit(std::move(round));
  spdlog::info("order #{} {} table {} fired by {} from #{}: {} lines, deadline {}", placed.order.seq,
               placed.order.order_id, placed.order.table, who(identity), fmt::join(placed.order.fired_from, ", #"),
               placed.order.lines.size(), placed.order.deadline_ms);
  publish_change(c, placed);
  for (const StoredOrder* original : changed) {
    core::ServerEnvelope envelope{std::nullopt, core::OrderMessage{original->order}};
    push(hub_.order_audience(original->order.table, original->owner, nullptr), envelope);
  }
}

// ---- kitchen load ----

void KitchenService::compute_kitchen_load(std::int64_t now_ms) {
  std::vector<core::Order> open;
  open.reserve(orders_.size());
  for (const auto& [seq, stored] : orders_) open.push_back(stored.order);
  load_wait_s_ = core::wait_seconds(core::typical_wait_ms(open, menu_, now_ms));
  load_computed_at_ms_ = now_ms;
  load_dirty_ = false;
}

void KitchenService::update_kitchen_load() {
  const std::int64_t now = clock_.now_ms();
  if (!load_dirty_ && now - load_computed_at_ms_ < core::kLoadMinIntervalMs) return;
  compute_kitchen_load(now);
  if (!core::should_push_load(load_pushed_, load_wait_s_, now)) return;
  load_pushed_ = core::LoadPushed{load_wait_s_, now};
  spdlog::info("kitchen load: a new order would wait about {} s", load_wait_s_);
  push(hub_.everyone(), core::ServerEnvelope{std::nullopt, core::KitchenLoad{load_wait_s_, now}});
}

// ---- per_late_minute ----

void KitchenService::advance_accruals() {
  const std::int64_t now = clock_.now_ms();
  if (accruing_.empty() || waiting_for_room(now)) return;
  const std::vector<std::int64_t> seqs(accruing_.begin(), accruing_.end());
  try {
    for (const std::int64_t seq : seqs) {
      const auto it = orders_.find(seq);
      if (it == orders_.end()) {
        accruing_.erase(seq);
        continue;
      }
      StoredOrder& stored = it->second;
      if (!update_accrual(stored, now)) continue;
      save(stored, now);
      push(hub_.order_audience(stored.order.table, stored.owner, nullptr),
           core::ServerEnvelope{std::nullopt, core::OrderMessage{stored.order}});
    }
  } catch (const StorageFull& error) {
    recover_from_full(error);
  } catch (...) {
    abandon();
    throw;
  }
}

// ---- feedback ----

namespace {

std::string table_of(const Identity& identity) {
  return identity.role == Role::table ? *identity.table : std::string(core::kCounterTable);
}

}  // namespace

void KitchenService::on(const Context& c, const core::Complain& m) {
  const Identity& identity = c.from->identity();
  StoredComplaint stored;
  stored.owner = identity.owner;
  core::Complaint& complaint = stored.complaint;
  complaint.table = table_of(identity);
  complaint.category = m.category;
  complaint.line_id = m.line_id;
  complaint.note = m.note;
  complaint.at_ms = c.now_ms;
  if (m.line_id) {
    const auto seq = seq_of_line(*m.line_id);
    std::optional<StoredOrder> closed;
    const StoredOrder* order = nullptr;
    if (seq) {
      if (const auto it = orders_.find(*seq); it != orders_.end()) {
        order = &it->second;
      } else if ((closed = storage_.find_order_by_seq(*seq))) {
        order = &*closed;
      }
    }
    const core::OrderLine* line = order != nullptr ? order->order.find_line(*m.line_id) : nullptr;
    if (line == nullptr) {
      reply_error(c, ErrorCode::not_found, fmt::format("line_id: no line {}", *m.line_id));
      return;
    }
    if (order->owner != identity.owner) {
      reply_error(c, ErrorCode::forbidden, fmt::format("line_id: line {} is not on your orders", *m.line_id));
      return;
    }
    complaint.item = line->item;
    complaint.station = line->station;
  }
  batch();
  complaint.complaint_id = storage_.add_complaint(stored);
  spdlog::info("complaint #{} from {} table {}: {}{}", complaint.complaint_id, who(identity), complaint.table,
               core::to_string(complaint.category), complaint.line_id ? " about " + *complaint.line_id : "");
  reply(c, core::ComplaintMessage{complaint});
  push(hub_.order_audience(complaint.table, stored.owner, c.from.get()),
       core::ServerEnvelope{std::nullopt, core::ComplaintMessage{complaint}});
}

void KitchenService::on(const Context& c, const core::ResolveComplaint& m) {
  auto found = storage_.find_complaint(m.complaint_id);
  if (!found) {
    reply_error(c, ErrorCode::not_found, fmt::format("complaint_id: no complaint {}", m.complaint_id));
    return;
  }
  core::Complaint& complaint = found->complaint;
  if (complaint.status == core::ComplaintStatus::resolved) {
    reply_error(c, ErrorCode::conflict, fmt::format("complaint {} is already resolved", m.complaint_id));
    return;
  }
  complaint.status = core::ComplaintStatus::resolved;
  complaint.resolution = m.resolution;
  complaint.resolution_note = m.note;
  complaint.resolved_at_ms = c.now_ms;
  batch();
  storage_.resolve_complaint(complaint);
  spdlog::info("complaint #{} resolved by {} after {} s: {}", complaint.complaint_id, who(c.from->identity()),
               (c.now_ms - complaint.at_ms) / 1000, core::to_string(m.resolution));
  reply(c, core::ComplaintMessage{complaint});
  push(hub_.order_audience(complaint.table, found->owner, c.from.get()),
       core::ServerEnvelope{std::nullopt, core::ComplaintMessage{complaint}});
}

void KitchenService::on(const Context& c, const core::SubmitSurvey& m) {
  const Identity& identity = c.from->identity();
  core::Survey survey{table_of(identity), m.score, m.reasons, m.note, c.now_ms, false, std::nullopt};
  std::string bill_key;
  if (identity.role == Role::kiosk) {
    if (!m.order_id) {
      reply_error(c, ErrorCode::bad_request, "order_id: a kiosk names the order its survey is about");
      return;
    }
    std::optional<StoredOrder> closed;
    const StoredOrder* order = find_open(*m.order_id);
    if (order == nullptr && (closed = storage_.find_order(*m.order_id))) order = &*closed;
    if (order == nullptr) {
      reply_error(c, ErrorCode::not_found, fmt::format("order_id: no order {}", *m.order_id));
      return;
    }
    if (order->owner != identity.owner) {
      reply_error(c, ErrorCode::forbidden, "order_id: not your order");
      return;
    }
    survey.order_id = m.order_id;
    survey.breached = order->order.broke_promise();
    bill_key = "order:" + *m.order_id;
  } else {
    // The open bill, or the last closed one when none is open.
    std::vector<std::int64_t> seqs;
    if (const auto own = seqs_by_owner_.find(identity.owner); own != seqs_by_owner_.end()) {
      seqs.assign(own->second.begin(), own->second.end());
      for (const std::int64_t seq : seqs) survey.breached = survey.breached || orders_.at(seq).order.broke_promise();
    } else {
      seqs = storage_.last_closed_bill(identity.owner);
      for (const std::int64_t seq : seqs) {
        const auto order = storage_.find_order_by_seq(seq);
        survey.breached = survey.breached || (order && order->order.broke_promise());
      }
    }
    if (seqs.empty()) {
      reply_error(c, ErrorCode::not_found, "there is no bill to survey yet");
      return;
    }
    bill_key = fmt::format("{}#{}", identity.owner, seqs.front());
  }
  batch();
  if (!storage_.add_survey(survey, identity.owner, bill_key)) {
    reply_error(c, ErrorCode::conflict, "this bill was surveyed already");
    return;
  }
  spdlog::info("survey from {} table {}: {} ({})", who(identity), survey.table, survey.score,
               survey.breached ? "promise broken" : "promise kept");
  reply(c, core::Ok{});
}

void KitchenService::on(const Context& c, const core::GetFeedback& m) {
  const TimeRange range{m.since_ms, m.until_ms};
  core::Feedback feedback;
  feedback.surveys = storage_.surveys(range);
  for (auto& stored : storage_.complaints(range, "", false)) feedback.complaints.push_back(std::move(stored.complaint));
  feedback.nps = core::net_promoter_score(feedback.surveys);
  reply(c, std::move(feedback));
}

// ---- deadlines ----

std::optional<std::int64_t> KitchenService::next_deadline() const {
  const auto next = scheduler_.next_deadline();
  if (next && full_since_ms_) return std::max(*next, retry_writes_at_ms_);
  return next;
}

void KitchenService::evaluate_due() {
  const std::int64_t now = clock_.now_ms();
  if (waiting_for_room(now)) return;
  try {
    for (const std::int64_t seq : scheduler_.take_due(now)) {
      const auto it = orders_.find(seq);
      if (it == orders_.end() || !core::is_due(it->second.order, now)) continue;
      evaluate(it->second, now);
    }
  } catch (const StorageFull& error) {
    recover_from_full(error);  // the orders not evaluated are due again at the next try
  } catch (...) {
    abandon();
    throw;
  }
}

void KitchenService::evaluate(StoredOrder& stored, std::int64_t now_ms) {
  core::Order& order = stored.order;
  const core::PromiseVerdict verdict = core::evaluate_promise(order);
  core::apply_verdict(order, verdict);
  // Evaluated late (the server was down, or the table closed with the
  // timer not yet run): the minutes already started are owed.
  if (verdict.breached) core::advance_accrual(order, now_ms);
  batch();
  storage_.save_verdict(stored);  // only what the verdict changed: thousands may fall due at once
  audit(nullptr, stored, "", verdict.breached ? "breached" : "kept", fmt::format("discount {}", order.discount),
        now_ms);
  const auto audience = hub_.order_audience(order.table, stored.owner, nullptr);
  if (verdict.breached) {
    core::BreachRecord record = core::make_breach_record(order, verdict, now_ms);
    record.entry.discount = record.message.discount = core::promise_compensation(order);
    const std::int64_t breach_id = storage_.add_breach(record.entry, record.late_line_ids);
    update_accrual(stored, now_ms);  // an accruing breach is recorded as not yet settled
    spdlog::info("breach #{} order #{} {} table {}: {} late lines, discount {} ({}), {} ms after the deadline",
                 breach_id, order.seq, order.order_id, order.table, record.entry.late_lines.size(),
                 record.entry.discount, record.entry.policy, now_ms - order.deadline_ms);
    push(audience, core::ServerEnvelope{std::nullopt, std::move(record.message)});
  }
  push(audience, core::ServerEnvelope{std::nullopt, core::OrderMessage{order}});
}

}  // namespace hourglass::kitchen
