#pragma once
// A storage batch that rolls back unless committed, in the spirit of
// SQLite::Transaction: begin() on construction, rollback() on destruction
// unless commit() returned. An exception anywhere between the two (a failed
// write, a failed commit) therefore leaves nothing of the batch in the
// storage, and nothing later can commit half of it.

#include "kitchen/server/storage.hpp"

namespace hourglass::kitchen {

class StorageBatch {
 public:
  explicit StorageBatch(Storage& storage);
  // Rolls back unless committed; a rollback that fails is logged (a
  // destructor does not throw, and closing the database rolls back anyway).
  ~StorageBatch();
  StorageBatch(const StorageBatch&) = delete;
  StorageBatch& operator=(const StorageBatch&) = delete;

  // Throws if the commit fails; the batch is then still open, to be rolled back.
  void commit();

 private:
  Storage& storage_;
  bool open_ = true;
};

}  // namespace hourglass::kitchen
