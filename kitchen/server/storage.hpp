#pragma once
// What the kitchen keeps durably, behind a small interface (one SQLite
// implementation). Writes happen inside a batch: begin(), any number of
// changes, commit(). The service releases no reply before commit() returns
// (group commit: many requests, one transaction); callers hold a batch with
// StorageBatch (storage_batch.hpp), which rolls back unless committed, rather
// than call begin/commit/rollback by hand. Reads inside a batch see
// the batch's own changes. Failures throw: a storage that cannot write is
// broken infrastructure, not bad input.

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "shared/core/feedback.hpp"
#include "shared/core/order.hpp"
#include "shared/core/protocol.hpp"

namespace hourglass::kitchen {

// An order with who placed it: "table:12", or "kiosk:<hash of its token>".
struct StoredOrder {
  core::Order order;
  std::string owner;
  bool operator==(const StoredOrder&) const = default;
};

// One line of the audit trail: who did what, from which device, when.
struct AuditEntry {
  std::int64_t at_ms = 0;
  std::int64_t seq = 0;
  std::string line_id;  // empty for whole-order actions
  std::string action;   // placed, cancel_line, mark_line, recall_line, rush, comp_line, close, kept, breached
  std::string detail;
  std::string role;  // "system" for deadline evaluations
  std::string device;
};

struct CompRecord {
  std::int64_t at_ms = 0;
  std::int64_t seq = 0;
  std::string line_id;
  std::string reason;
  std::string role;
  std::string device;
};

struct BreachQuery {
  std::optional<std::int64_t> since_ms;  // inclusive, on at_ms
  std::optional<std::int64_t> until_ms;  // exclusive
  std::optional<std::string> table;
};

// A complaint with who made it ("table:12", "kiosk:<hash>"), so its answer
// reaches that table or kiosk.
struct StoredComplaint {
  core::Complaint complaint;
  std::string owner;
  bool operator==(const StoredComplaint&) const = default;
};

struct TimeRange {
  std::optional<std::int64_t> since_ms;  // inclusive
  std::optional<std::int64_t> until_ms;  // exclusive
};

// A write found no room (a full disk, or the database at its size cap).
// Thrown by any write of a batch or by its commit; the batch is then to be
// rolled back, after which the storage is as it was before it and usable:
// the next batch succeeds once there is room again.
class StorageFull : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Storage {
 public:
  virtual ~Storage() = default;

  virtual void begin() = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;
  virtual bool in_batch() const = 0;

  // Inserts or updates the order and all its lines.
  virtual void save_order(const StoredOrder& order) = 0;
  // Saves what a deadline evaluation changes (core::apply_verdict): status,
  // subtotal, discount and every line's late flag. The order must be saved.
  // Much cheaper than save_order, which matters when thousands fall due.
  virtual void save_verdict(const StoredOrder& order) = 0;
  virtual void add_audit(const AuditEntry& entry) = 0;
  // Returns the breach_id. At most one breach per order (enforced).
  // `line_ids` name the late lines, in the order of entry.late_lines: the
  // breach log reads their served_at_ms as it is now (a late line served
  // after the deadline records how late it was).
  virtual std::int64_t add_breach(const core::BreachEntry& entry, const std::vector<std::string>& line_ids) = 0;
  virtual void add_comp(const CompRecord& comp) = 0;
  // v1.1 per_late_minute: the breach record's discount follows the accrual
  // until it is settled.
  virtual void update_breach_accrual(std::int64_t seq, core::Fen discount, bool settled) = 0;

  // v1.1 feedback. add_complaint returns the complaint_id.
  virtual std::int64_t add_complaint(const StoredComplaint& complaint) = 0;
  virtual void resolve_complaint(const core::Complaint& resolved) = 0;
  virtual std::optional<StoredComplaint> find_complaint(std::int64_t complaint_id) = 0;
  // On at_ms, oldest first; `owner` empty for everyone's; `open_only` for the alert list.
  virtual std::vector<StoredComplaint> complaints(const TimeRange& range, const std::string& owner,
                                                  bool open_only) = 0;
  // One survey per `bill_key`: false (nothing stored) when that bill has one.
  virtual bool add_survey(const core::Survey& survey, const std::string& owner, const std::string& bill_key) = 0;
  virtual std::vector<core::Survey> surveys(const TimeRange& range) = 0;
  // The seqs of `owner`'s last closed bill (the orders closed together last), by seq.
  virtual std::vector<std::int64_t> last_closed_bill(const std::string& owner) = 0;

  virtual std::vector<StoredOrder> load_unclosed_orders() = 0;
  virtual std::optional<StoredOrder> find_order(const std::string& order_id) = 0;
  virtual std::optional<StoredOrder> find_order_by_seq(std::int64_t seq) = 0;
  virtual std::int64_t max_seq() = 0;
  virtual std::vector<core::BreachEntry> breaches(const BreachQuery& query) = 0;
  // Orders accepted in [since_ms, until_ms), by seq.
  virtual std::vector<core::Order> history(std::optional<std::int64_t> since_ms,
                                           std::optional<std::int64_t> until_ms) = 0;
  virtual std::int64_t count_audit() = 0;

  // v1.1 sold out: the dishes marked sold out, kept until set back (menu
  // ids; one no longer on the menu is kept and ignored).
  virtual void set_sold_out(const std::string& item, bool sold_out, std::int64_t at_ms) = 0;
  virtual std::vector<std::string> sold_out_items() = 0;
};

}  // namespace hourglass::kitchen
