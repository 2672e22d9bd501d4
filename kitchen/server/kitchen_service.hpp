#pragma once
// The application: handles each decoded request against the core and the
// storage, and says who gets what. Knows no sockets and reads time only from
// the injected Clock.
//
// Durable then push: every reply and broadcast goes to an outbox. Changes are
// written into the storage's open batch; flush() commits the batch once and
// only then delivers the outbox (group commit: all requests handled since the
// last flush share one transaction). Deadline evaluations take the same path.
//
// The open batch is a StorageBatch: if handling a request or a deadline
// throws (broken storage), the batch is rolled back and the outbox dropped
// before the exception goes on, so no later flush can commit half of it or
// send a reply for it. The service is then not to be used further: the
// process stops (main), and restarts from what was committed.
//
// A full storage (StorageFull: the disk, or the database's size cap) is not
// that: the batch is rolled back, the open orders are read again from what
// was committed, and every request of the batch is answered `rate_limited`
// ("the kitchen's storage is full"), which the tablets take as "send again
// later" (a new order stays in their outbox). Deadlines and accruals that
// could not be written are tried again a second later, so every breach is
// applied once when there is room again; nothing needs a restart.

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "kitchen/server/clock.hpp"
#include "kitchen/server/deadline_scheduler.hpp"
#include "kitchen/server/hub.hpp"
#include "kitchen/server/participant.hpp"
#include "kitchen/server/storage.hpp"
#include "kitchen/server/storage_batch.hpp"
#include "shared/core/config.hpp"
#include "shared/core/kitchen_load.hpp"
#include "shared/core/protocol.hpp"

namespace hourglass::kitchen {

class KitchenService {
 public:
  KitchenService(const core::ServerConfig& config, core::Menu menu, Storage& storage, const Clock& clock, Hub& hub);

  // Loads the orders not yet closed and evaluates every deadline that passed
  // while the server was down; committed before it returns.
  void start();

  // The identity a hello proves, or the error to answer before closing.
  core::Result<Identity, core::Error> authenticate(const core::Hello& hello) const;
  // The devices in the config now, by the digest of their token (after a
  // reload, SIGHUP), for still_authorized.
  std::unordered_map<std::string, const core::Device*> devices_by_credential() const;
  // Whether a connection authenticated earlier is still allowed: its token
  // is among `devices` with the same role, table and name.
  static bool still_authorized(const Identity& identity,
                               const std::unordered_map<std::string, const core::Device*>& devices);
  // A new menu (SIGHUP): prices and dishes apply to orders placed from now
  // (orders taken keep theirs); the dishes sold out stay sold out; every
  // screen is sent the new menu.
  void replace_menu(core::Menu menu);
  // Queues welcome, menu and snapshot, and joins the hub.
  void welcome(const ParticipantPtr& participant, const std::optional<core::RequestId>& req);
  void leave(const Participant& participant);

  // One request from an authenticated participant.
  void handle(const ParticipantPtr& from, const core::ClientEnvelope& request);
  // A message to one participant, in order with everything else.
  void send(const ParticipantPtr& to, const std::optional<core::RequestId>& re, core::ServerMessage message);

  // Evaluates the orders whose deadline has come.
  void evaluate_due();
  // When evaluate_due has work: the next deadline, or while the storage is
  // full, no sooner than the next try to write.
  std::optional<std::int64_t> next_deadline() const;
  // Whether the last write found the storage full (none has succeeded since).
  bool storage_full() const { return full_since_ms_.has_value(); }

  // Called when the outbox goes from empty to non-empty: the server posts a
  // flush so that everything ready now shares one commit.
  void on_flush_needed(std::function<void()> callback) { flush_needed_ = std::move(callback); }
  void flush();

  std::size_t open_orders() const { return orders_.size(); }
  // The orders not yet closed, by seq, for the manager's page.
  std::vector<core::Order> open_order_list() const;
  // Whether changes wait for their commit (flush): a reader of committed
  // state waits until it is done.
  bool batch_open() const { return batch_ != nullptr; }

  // Kitchen load (v1.1): recomputes the projected wait when an order changed
  // since the last time, or 10 s have passed, and pushes it to everyone when
  // it moved by 60 s or more (core::should_push_load). The server calls it
  // every second.
  void update_kitchen_load();
  std::int64_t kitchen_wait_s() const { return load_wait_s_; }

  // v1.1 per_late_minute: grows every accruing breach to the minute started
  // now and pushes the orders whose discount changed. The server calls it
  // every second; a minute's amount is owed from its first millisecond.
  void advance_accruals();
  std::size_t accruing_orders() const { return accruing_.size(); }

 private:
  struct Context {
    const ParticipantPtr& from;
    const std::optional<core::RequestId>& re;
    std::int64_t now_ms;
  };
  struct LineRef {
    StoredOrder* stored = nullptr;
    core::OrderLine* line = nullptr;
  };
  struct Bump {
    std::uint64_t participant = 0;
    core::LineState previous = core::LineState::queued;
    std::int64_t at_ms = 0;
  };

  void on(const Context& c, const core::Hello& m);
  void on(const Context& c, const core::PlaceOrder& m);
  void on(const Context& c, const core::CancelLine& m);
  void on(const Context& c, const core::MarkLine& m);
  void on(const Context& c, const core::Rush& m);
  void on(const Context& c, const core::CallWaiter& m);
  void on(const Context& c, const core::CloseTable& m);
  void on(const Context& c, const core::GetBill& m);
  void on(const Context& c, const core::GetBreachLog& m);
  void on(const Context& c, const core::CompLine& m);
  void on(const Context& c, const core::Ping& m);
  void on(const Context& c, const core::RecallLine& m);
  void on(const Context& c, const core::GetHistory& m);
  void on(const Context& c, const core::SetSoldOut& m);
  void on(const Context& c, const core::FireLines& m);
  void on(const Context& c, const core::Complain& m);
  void on(const Context& c, const core::ResolveComplaint& m);
  void on(const Context& c, const core::SubmitSurvey& m);
  void on(const Context& c, const core::GetFeedback& m);

  void reply(const Context& c, core::ServerMessage message);
  void reply_error(const Context& c, core::ErrorCode code, std::string message);
  void reply_error(const Context& c, const core::Error& error);
  void push(std::vector<ParticipantPtr> to, const core::ServerEnvelope& envelope);
  // An already encoded frame (the menu), queued as push() queues one.
  void push_frame(std::vector<ParticipantPtr> to, Frame frame);
  // The order as it now stands: to the requester (with `re`) and its audience.
  void publish_change(const Context& c, const StoredOrder& stored);

  // Finds a line the requester may touch, or answers the error.
  std::optional<LineRef> find_line(const Context& c, const std::string& line_id);
  StoredOrder* find_open(const std::string& order_id);
  bool may_see(const Identity& who, const StoredOrder& stored) const;

  void batch();  // opens the storage batch if needed
  // Rolls back the open batch and drops the outbox: after an exception.
  void abandon();
  void drop_batch();  // abandon() without its log line
  // After StorageFull: abandons the batch, reads the open orders again from
  // the storage, puts back the dishes the batch marked sold out or back on,
  // answers the batch's requests `rate_limited` and welcomes again whoever
  // was welcomed in it.
  void recover_from_full(const StorageFull& error);
  // The open orders, their indexes and deadlines, the accruing breaches and
  // the next ticket, as the storage has them.
  void load_from_storage();
  // Whether writes wait for the next try after a full storage.
  bool waiting_for_room(std::int64_t now_ms) const { return full_since_ms_ && now_ms < retry_writes_at_ms_; }
  // Stores the order after a change at `now_ms`, bringing an accruing
  // compensation up to date with it first (and its breach record).
  void save(StoredOrder& stored, std::int64_t now_ms);
  // The accrual of a breached per_late_minute order at `now_ms`: the
  // order's discount, the breach record, the set of accruing orders.
  // Returns whether the discount changed.
  bool update_accrual(StoredOrder& stored, std::int64_t now_ms);
  // The terms an order accepted now for `party_size` gets.
  core::PromiseTerms terms_now(std::optional<int> party_size, std::int64_t now_ms) const;
  void audit(const Context* c, const StoredOrder& stored, std::string line_id, std::string action, std::string detail,
             std::int64_t now_ms);
  void index(const StoredOrder& stored);
  void close_order(const Context& c, StoredOrder& stored);
  void evaluate(StoredOrder& stored, std::int64_t now_ms);
  // Takes a new order into the open orders, its deadline and its indexes.
  const StoredOrder& admit(StoredOrder stored);
  void encode_menu();
  void compute_kitchen_load(std::int64_t now_ms);

  const core::ServerConfig& config_;
  core::Menu menu_;
  Frame menu_frame_;  // encoded once, shared by every welcome
  Storage& storage_;
  const Clock& clock_;
  Hub& hub_;
  std::unique_ptr<StorageBatch> batch_;  // open between the first change and flush()

  std::map<std::int64_t, StoredOrder> orders_;  // not closed, by seq
  std::unordered_map<std::string, std::int64_t> seq_by_order_id_;
  std::unordered_map<std::string, std::set<std::int64_t>> seqs_by_owner_;
  std::unordered_map<std::string, Bump> bumps_;  // by line_id: for recall_line
  DeadlineScheduler scheduler_;
  std::set<std::int64_t> accruing_;  // seqs of breached orders whose compensation still grows
  std::int64_t next_seq_ = 1;

  bool load_dirty_ = true;  // an order changed since the load was computed
  std::int64_t load_wait_s_ = 0;
  std::int64_t load_computed_at_ms_ = 0;
  std::optional<core::LoadPushed> load_pushed_;

  struct Outgoing {
    std::vector<ParticipantPtr> to;
    Frame frame;
  };
  std::vector<Outgoing> outbox_;
  std::function<void()> flush_needed_;
  bool flush_pending_ = false;

  // Since the last flush, for recover_from_full: whom to answer, whom to
  // welcome again, whether a new menu went out.
  struct Handled {
    ParticipantPtr from;
    std::optional<core::RequestId> re;
  };
  std::vector<Handled> batch_requests_;
  std::vector<Handled> batch_welcomes_;
  bool batch_menu_ = false;
  std::map<std::string, bool> batch_sold_out_before_;  // by dish: sold out before the batch changed it
  std::optional<std::int64_t> full_since_ms_;  // the first write that found no room, none succeeding since
  std::int64_t retry_writes_at_ms_ = 0;
  std::int64_t full_refusals_ = 0;  // batches refused while full, for the log
};

// "kiosk:" + a hash of the token: identifies a kiosk's orders across
// restarts without storing or logging the token.
std::string kiosk_owner(std::string_view token);
// The first 96 bits of SHA-256 of the token, in hex: what a session keeps to
// recognise its device after a reload without keeping the token.
std::string token_digest(std::string_view token);
std::string table_owner(std::string_view table);

}  // namespace hourglass::kitchen
