#pragma once
// Copies a store's rows to the chain's central PostgreSQL (docs/chain.md).
//
// The store's SQLite keeps a durable outbox (replication_outbox, filled by
// triggers in the same transaction as each change). This thread, with its
// own connections, reads the oldest entries, sends those rows as they are
// now in one PostgreSQL transaction of idempotent upserts keyed by (store,
// id), and deletes the entries it sent once that transaction committed. A
// crash in between sends them again, which changes nothing: exactly once in
// effect, in the order of the changes. While PostgreSQL is unreachable it
// retries with backoff (1 s doubling to 60 s); the store never waits for it.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace hourglass::chain {

struct ReplicatorSettings {
  std::string database;  // the store's SQLite file
  std::string store;     // this store's name in the chain
  std::string postgres;  // libpq connection string
  std::string timezone;  // the store's IANA zone, for the report's days
  std::size_t batch_rows = 500;  // outbox entries per PostgreSQL transaction
  std::chrono::milliseconds idle_poll{200};
  std::chrono::milliseconds max_backoff{60'000};
};

struct ReplicatorStats {
  std::int64_t entries_sent = 0;  // outbox entries (rows of the store, with their lines) acknowledged
  std::int64_t transactions = 0;
  std::int64_t failures = 0;
  bool connected = false;
};

class Replicator {
 public:
  // Starts the thread.
  explicit Replicator(ReplicatorSettings settings);
  ~Replicator();  // stops and joins: a batch in flight is rolled back or done
  Replicator(const Replicator&) = delete;
  Replicator& operator=(const Replicator&) = delete;

  ReplicatorStats stats() const;

 private:
  void run();
  bool wait_for(std::chrono::milliseconds duration);  // false when stopping

  ReplicatorSettings settings_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  ReplicatorStats stats_;
  std::thread thread_;
};

}  // namespace hourglass::chain
