#pragma once
// The service in-process for tests: a manual clock, fake participants that
// decode what they are sent, and SQLite on :memory: that can be made to fail
// (a full or failing disk). For the millisecond edges real time cannot hit.

#include <catch2/catch.hpp>

#include "kitchen/server/kitchen_service.hpp"
#include "kitchen/server/sqlite_storage.hpp"

namespace hourglass::kitchen::testing {

class FakeParticipant final : public Participant {
 public:
  FakeParticipant(std::uint64_t id, Identity identity) : id_(id), identity_(std::move(identity)) {}
  void deliver(const Frame& frame) override {
    auto decoded = core::decode_server_message(frame->substr(0, frame->size() - 1));
    REQUIRE(decoded);
    received.push_back(decoded.value());
  }
  const Identity& identity() const override { return identity_; }
  std::uint64_t id() const override { return id_; }
  std::vector<core::ServerEnvelope> received;

 private:
  std::uint64_t id_;
  Identity identity_;
};

// SQLite on :memory:, with failures to switch on: a storage that breaks
// mid-request or at the commit, as a failing disk would, or finds no room
// there (StorageFull), as a full one does.
class FlakyStorage final : public Storage {
 public:
  bool fail_commit = false;
  bool fail_audit = false;
  bool full_commit = false;
  bool full_audit = false;

  void begin() override { inner_.begin(); }
  void commit() override {
    if (fail_commit) throw std::runtime_error("commit failed (test)");
    if (full_commit) throw StorageFull("database or disk is full (test)");
    inner_.commit();
  }
  void rollback() override { inner_.rollback(); }
  bool in_batch() const override { return inner_.in_batch(); }
  void save_order(const StoredOrder& order) override { inner_.save_order(order); }
  void save_verdict(const StoredOrder& order) override { inner_.save_verdict(order); }
  void add_audit(const AuditEntry& entry) override {
    if (fail_audit) throw std::runtime_error("audit write failed (test)");
    if (full_audit) throw StorageFull("database or disk is full (test)");
    inner_.add_audit(entry);
  }
  std::int64_t add_breach(const core::BreachEntry& entry, const std::vector<std::string>& line_ids) override {
    return inner_.add_breach(entry, line_ids);
  }
  void add_comp(const CompRecord& comp) override { inner_.add_comp(comp); }
  std::vector<StoredOrder> load_unclosed_orders() override { return inner_.load_unclosed_orders(); }
  std::optional<StoredOrder> find_order(const std::string& order_id) override { return inner_.find_order(order_id); }
  std::optional<StoredOrder> find_order_by_seq(std::int64_t seq) override { return inner_.find_order_by_seq(seq); }
  std::int64_t max_seq() override { return inner_.max_seq(); }
  std::vector<core::BreachEntry> breaches(const BreachQuery& query) override { return inner_.breaches(query); }
  std::vector<core::Order> history(std::optional<std::int64_t> since_ms,
                                   std::optional<std::int64_t> until_ms) override {
    return inner_.history(since_ms, until_ms);
  }
  std::int64_t count_audit() override { return inner_.count_audit(); }
  void set_sold_out(const std::string& item, bool sold_out, std::int64_t at_ms) override {
    inner_.set_sold_out(item, sold_out, at_ms);
  }
  std::vector<std::string> sold_out_items() override { return inner_.sold_out_items(); }
  void update_breach_accrual(std::int64_t seq, core::Fen discount, bool settled) override {
    inner_.update_breach_accrual(seq, discount, settled);
  }
  std::int64_t add_complaint(const StoredComplaint& complaint) override { return inner_.add_complaint(complaint); }
  void resolve_complaint(const core::Complaint& resolved) override { inner_.resolve_complaint(resolved); }
  std::optional<StoredComplaint> find_complaint(std::int64_t id) override { return inner_.find_complaint(id); }
  std::vector<StoredComplaint> complaints(const TimeRange& range, const std::string& owner, bool open_only) override {
    return inner_.complaints(range, owner, open_only);
  }
  bool add_survey(const core::Survey& survey, const std::string& owner, const std::string& bill_key) override {
    return inner_.add_survey(survey, owner, bill_key);
  }
  std::vector<core::Survey> surveys(const TimeRange& range) override { return inner_.surveys(range); }
  std::vector<std::int64_t> last_closed_bill(const std::string& owner) override {
    return inner_.last_closed_bill(owner);
  }

 private:
  SqliteStorage inner_{":memory:"};
};

struct Fixture {
  core::ServerConfig config;
  core::Menu menu;
  FlakyStorage storage;
  ManualClock clock{1'000'000};
  Hub hub;
  std::unique_ptr<KitchenService> service;
  std::shared_ptr<FakeParticipant> table1, table2, kds;

  explicit Fixture(core::PromiseTerms terms = core::PromiseTerms{60, core::FreeUnservedPolicy{}},
                   std::vector<core::PromiseRule> rules = {}) {
    auto menu = core::load_menu_file(std::string(HOURGLASS_SOURCE_DIR) + "/assets/menu.json");
    REQUIRE(menu);
    this->menu = menu.value();
    config.promise = terms;
    config.promise_rules = std::move(rules);
    service = std::make_unique<KitchenService>(config, menu.value(), storage, clock, hub);
    service->start();
    table1 = join(1, Identity{core::Role::table, "1", table_owner("1"), "t1"});
    table2 = join(2, Identity{core::Role::table, "2", table_owner("2"), "t2"});
    kds = join(3, Identity{core::Role::kds, std::nullopt, "", "kds"});
  }
  std::shared_ptr<FakeParticipant> join(std::uint64_t id, Identity identity) {
    auto participant = std::make_shared<FakeParticipant>(id, std::move(identity));
    service->welcome(participant, std::nullopt);
    service->flush();
    participant->received.clear();
    return participant;
  }
  core::ServerEnvelope ask(const std::shared_ptr<FakeParticipant>& who, core::ClientMessage message) {
    service->handle(who, core::ClientEnvelope{core::RequestId{std::int64_t{1}}, std::move(message)});
    service->flush();
    REQUIRE_FALSE(who->received.empty());
    auto reply = who->received.back();
    who->received.pop_back();
    return reply;
  }
  core::Order place() {
    auto reply = ask(table1, core::PlaceOrder{"o1", {{"gongbao", 1, ""}, {"rice", 2, ""}}});
    REQUIRE(std::holds_alternative<core::OrderMessage>(reply.message));
    kds->received.clear();
    return std::get<core::OrderMessage>(reply.message).order;
  }
};


}  // namespace hourglass::kitchen::testing
