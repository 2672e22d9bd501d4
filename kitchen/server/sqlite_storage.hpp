#pragma once
// Storage on SQLite through SQLiteCpp: WAL with synchronous=FULL (a commit
// survives a crash of the process and of the machine), a busy timeout, the
// schema version in the database with migrations, statements prepared once
// and reused. ":memory:" works for tests.

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <memory>
#include <string>

#include "kitchen/server/storage.hpp"

namespace hourglass::kitchen {

class SqliteStorage final : public Storage {
 public:
  // Opens (creating if needed) and migrates to the current schema.
  explicit SqliteStorage(const std::string& path);
  ~SqliteStorage() override;

  static constexpr int kSchemaVersion = 7;

  // The database may grow to `mb` megabytes, no further: writes past it fail
  // as on a full disk (StorageFull). The config's limits.max_database_mb;
  // 0 takes the cap away. It cannot shrink the file: a cap below its size
  // leaves it at its size.
  void limit_size_mb(int mb);
  int schema_version();
  // Puts every order, breach, comp, complaint and survey in the replication
  // outbox (docs/chain.md), beside what already waits there: for a central
  // database restored or refilled. Returns how many entries it added.
  std::int64_t queue_everything_for_chain();

  void begin() override;
  void commit() override;
  void rollback() override;
  bool in_batch() const override { return in_batch_; }

  void save_order(const StoredOrder& order) override;
  void save_verdict(const StoredOrder& order) override;
  void add_audit(const AuditEntry& entry) override;
  std::int64_t add_breach(const core::BreachEntry& entry, const std::vector<std::string>& line_ids) override;
  void add_comp(const CompRecord& comp) override;
  void update_breach_accrual(std::int64_t seq, core::Fen discount, bool settled) override;
  std::int64_t add_complaint(const StoredComplaint& complaint) override;
  void resolve_complaint(const core::Complaint& resolved) override;
  std::optional<StoredComplaint> find_complaint(std::int64_t complaint_id) override;
  std::vector<StoredComplaint> complaints(const TimeRange& range, const std::string& owner, bool open_only) override;
  bool add_survey(const core::Survey& survey, const std::string& owner, const std::string& bill_key) override;
  std::vector<core::Survey> surveys(const TimeRange& range) override;
  std::vector<std::int64_t> last_closed_bill(const std::string& owner) override;

  std::vector<StoredOrder> load_unclosed_orders() override;
  std::optional<StoredOrder> find_order(const std::string& order_id) override;
  std::optional<StoredOrder> find_order_by_seq(std::int64_t seq) override;
  std::int64_t max_seq() override;
  std::vector<core::BreachEntry> breaches(const BreachQuery& query) override;
  std::vector<core::Order> history(std::optional<std::int64_t> since_ms, std::optional<std::int64_t> until_ms) override;
  std::int64_t count_audit() override;
  void set_sold_out(const std::string& item, bool sold_out, std::int64_t at_ms) override;
  std::vector<std::string> sold_out_items() override;

 private:
  void migrate();
  StoredOrder order_from_row(SQLite::Statement& row);
  void load_lines(StoredOrder& order);
  std::vector<StoredOrder> load_orders(SQLite::Statement& query);

  SQLite::Database db_;
  bool in_batch_ = false;
  std::unique_ptr<SQLite::Statement> begin_, commit_, rollback_;
  std::unique_ptr<SQLite::Statement> upsert_order_, upsert_line_, insert_audit_, insert_breach_, insert_breach_line_,
      insert_comp_, set_sold_out_, clear_sold_out_;
  std::unique_ptr<SQLite::Statement> update_verdict_, clear_late_, set_late_, update_breach_accrual_;
  std::unique_ptr<SQLite::Statement> order_by_id_, order_by_seq_, lines_of_order_, breaches_;
};

}  // namespace hourglass::kitchen
