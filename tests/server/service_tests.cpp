// The service with a manual clock, fake participants and SQLite on
// :memory:: the millisecond edges of the promise that real time cannot hit.

#include <catch2/catch.hpp>

#include "kitchen/server/kitchen_service.hpp"
#include "kitchen/server/sqlite_storage.hpp"

using namespace hourglass;
using namespace hourglass::kitchen;

namespace {

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
// mid-request or at the commit, as a full or failing disk would.
class FlakyStorage final : public Storage {
 public:
  bool fail_commit = false;
  bool fail_audit = false;

  void begin() override { inner_.begin(); }
  void commit() override {
    if (fail_commit) throw std::runtime_error("commit failed (test)");
    inner_.commit();
  }
  void rollback() override { inner_.rollback(); }
  bool in_batch() const override { return inner_.in_batch(); }
  void save_order(const StoredOrder& order) override { inner_.save_order(order); }
  void save_verdict(const StoredOrder& order) override { inner_.save_verdict(order); }
  void add_audit(const AuditEntry& entry) override {
    if (fail_audit) throw std::runtime_error("audit write failed (test)");
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

 private:
  SqliteStorage inner_{":memory:"};
};

struct Fixture {
  core::ServerConfig config;
  FlakyStorage storage;
  ManualClock clock{1'000'000};
  Hub hub;
  std::unique_ptr<KitchenService> service;
  std::shared_ptr<FakeParticipant> table1, table2, kds;

  Fixture() {
    auto menu = core::load_menu_file(std::string(HOURGLASS_SOURCE_DIR) + "/assets/menu.json");
    REQUIRE(menu);
    config.promise = core::PromiseTerms{60, core::FreeUnservedPolicy{}};
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

}  // namespace

TEST_CASE("service: replies and pushes leave only after the commit", "[server]") {
  Fixture f;
  f.service->handle(
      f.table1, core::ClientEnvelope{core::RequestId{std::int64_t{5}}, core::PlaceOrder{"o1", {{"gongbao", 1, ""}}}});
  CHECK(f.storage.in_batch());
  CHECK(f.table1->received.empty());
  CHECK(f.kds->received.empty());
  f.service->flush();
  CHECK_FALSE(f.storage.in_batch());
  CHECK(f.storage.find_order("o1"));
  REQUIRE(f.table1->received.size() == 1);
  CHECK(f.table1->received[0].re == core::RequestId{std::int64_t{5}});
  REQUIRE(f.kds->received.size() == 1);
  CHECK_FALSE(f.kds->received[0].re);
  CHECK(f.table2->received.empty());
}

TEST_CASE("service: the promise at the millisecond edges of the deadline", "[server]") {
  Fixture f;
  const core::Order order = f.place();
  REQUIRE(order.deadline_ms == 1'000'000 + 60'000);
  const auto [served_at, breached] = GENERATE(table<std::int64_t, bool>({{-1, false}, {0, false}, {1, true}}));
  CAPTURE(served_at);
  f.clock.set(order.deadline_ms - 10);
  f.ask(f.kds, core::MarkLine{order.lines[1].line_id, core::LineState::served});  // the rice, in time
  f.clock.set(order.deadline_ms - 1);
  f.service->evaluate_due();  // a millisecond early: nothing is due
  f.service->flush();
  f.clock.set(order.deadline_ms + served_at);
  f.ask(f.kds, core::MarkLine{order.lines[0].line_id, core::LineState::served});
  f.table1->received.clear();
  // Evaluated at the deadline, or just after the late serve (it stays late).
  f.clock.set(std::max(order.deadline_ms, order.deadline_ms + served_at));
  f.service->evaluate_due();
  f.service->flush();
  const auto& got = f.table1->received;
  REQUIRE(got.size() == (breached ? 2u : 1u));
  if (breached) {
    const auto* breach = std::get_if<core::BreachMessage>(&got[0].message);
    REQUIRE(breach);
    REQUIRE(breach->late_lines.size() == 1);
    CHECK(breach->late_lines[0].item == "gongbao");
    CHECK(breach->discount == 3800);
    CHECK(f.storage.breaches({}).size() == 1);
  }
  const auto* update = std::get_if<core::OrderMessage>(&got.back().message);
  REQUIRE(update);
  CHECK(update->order.status == (breached ? core::OrderStatus::breached : core::OrderStatus::kept));
}

TEST_CASE("service: overdue orders are evaluated once at start-up, and never again", "[server]") {
  Fixture f;
  const core::Order order = f.place();
  f.clock.set(order.deadline_ms + 3'600'000);  // the server was "down" for an hour
  Hub hub2;
  KitchenService restarted(f.config, core::Menu{}, f.storage, f.clock, hub2);
  restarted.start();
  CHECK(f.storage.breaches({}).size() == 1);
  CHECK(f.storage.find_order("o1")->order.status == core::OrderStatus::breached);
  KitchenService again(f.config, core::Menu{}, f.storage, f.clock, hub2);
  again.start();
  CHECK(f.storage.breaches({}).size() == 1);
  CHECK(again.open_orders() == 1);  // breached, not closed
  CHECK_FALSE(again.next_deadline());
}

TEST_CASE("service: recall puts a bumped line back and restarts its clock", "[server]") {
  Fixture f;
  const core::Order order = f.place();
  const std::string line = order.lines[0].line_id;
  f.ask(f.kds, core::MarkLine{line, core::LineState::served});
  auto kds2 = f.join(9, Identity{core::Role::kds, std::nullopt, "", "kds2"});
  CHECK(std::get<core::ErrorMessage>(f.ask(kds2, core::RecallLine{line}).message).error.code ==
        core::ErrorCode::conflict);
  f.clock.advance(1'000);
  auto reply = f.ask(f.kds, core::RecallLine{line});
  const auto* recalled = std::get_if<core::OrderMessage>(&reply.message);
  REQUIRE(recalled);
  CHECK(recalled->order.lines[0].state == core::LineState::queued);
  CHECK_FALSE(recalled->order.lines[0].served_at_ms);
  // Once only, and only within the minute.
  CHECK(std::holds_alternative<core::ErrorMessage>(f.ask(f.kds, core::RecallLine{line}).message));
  f.ask(f.kds, core::MarkLine{line, core::LineState::cooking});
  f.clock.advance(60'001);
  CHECK(std::holds_alternative<core::ErrorMessage>(f.ask(f.kds, core::RecallLine{line}).message));
}

TEST_CASE("service: closing a table just after a deadline the timer has not reached yet still settles the promise",
          "[server]") {
  Fixture f;
  const core::Order order = f.place();
  f.clock.set(order.deadline_ms + 5);  // due, but evaluate_due() has not run
  const auto reply = f.ask(f.kds, core::CloseTable{"1", std::nullopt});
  const auto* bill = std::get_if<core::BillMessage>(&reply.message);
  REQUIRE(bill);
  REQUIRE(bill->bill.orders.size() == 1);
  CHECK(bill->bill.orders[0].status == core::OrderStatus::closed);
  CHECK(bill->bill.discount == order.subtotal);  // every promised line was late: all free
  CHECK(f.storage.breaches({}).size() == 1);
  f.service->evaluate_due();
  f.service->flush();
  CHECK(f.storage.breaches({}).size() == 1);

  // Closed a millisecond before the deadline: never evaluated.
  Fixture early;
  const core::Order on_time = early.place();
  early.clock.set(on_time.deadline_ms - 1);
  early.ask(early.kds, core::CloseTable{"1", std::nullopt});
  early.clock.set(on_time.deadline_ms + 1000);
  early.service->evaluate_due();
  early.service->flush();
  CHECK(early.storage.breaches({}).empty());
}

TEST_CASE("service: a commit that fails rolls the batch back and sends nothing", "[server]") {
  Fixture f;
  f.service->handle(f.table1,
                    core::ClientEnvelope{core::RequestId{std::int64_t{5}}, core::PlaceOrder{"o1", {{"rice", 1, ""}}}});
  REQUIRE(f.storage.in_batch());
  f.storage.fail_commit = true;
  CHECK_THROWS(f.service->flush());
  CHECK_FALSE(f.storage.in_batch());  // rolled back, not left open
  CHECK_FALSE(f.storage.find_order("o1"));
  CHECK(f.table1->received.empty());
  CHECK(f.kds->received.empty());
  // Nothing of it is sent or committed by a later flush either.
  f.storage.fail_commit = false;
  f.service->flush();
  CHECK(f.table1->received.empty());
  CHECK_FALSE(f.storage.find_order("o1"));
}

TEST_CASE("service: a request that throws half-way leaves nothing of its batch", "[server]") {
  Fixture f;
  // An earlier request in the same group commit, not yet committed: it goes too.
  f.service->handle(f.table2,
                    core::ClientEnvelope{core::RequestId{std::int64_t{4}}, core::PlaceOrder{"o2", {{"rice", 1, ""}}}});
  f.storage.fail_audit = true;  // the order row is written, then its audit row fails
  CHECK_THROWS(f.service->handle(
      f.table1, core::ClientEnvelope{core::RequestId{std::int64_t{5}}, core::PlaceOrder{"o1", {{"rice", 1, ""}}}}));
  CHECK_FALSE(f.storage.in_batch());
  f.storage.fail_audit = false;
  f.service->flush();
  CHECK_FALSE(f.storage.find_order("o1"));
  CHECK_FALSE(f.storage.find_order("o2"));
  CHECK(f.storage.count_audit() == 0);
  CHECK(f.table1->received.empty());
  CHECK(f.table2->received.empty());
  CHECK(f.kds->received.empty());
}
