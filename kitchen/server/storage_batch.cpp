#include "kitchen/server/storage_batch.hpp"

#include <spdlog/spdlog.h>

namespace hourglass::kitchen {

StorageBatch::StorageBatch(Storage& storage) : storage_(storage) { storage_.begin(); }

StorageBatch::~StorageBatch() {
  if (!open_) return;
  try {
    storage_.rollback();
  } catch (const std::exception& error) {
    // Destructors do not throw; a rollback that fails leaves the transaction
    // to the database, which rolls it back when the connection closes.
    spdlog::error("rolling back an uncommitted storage batch failed: {}", error.what());
  }
}

void StorageBatch::commit() {
  storage_.commit();
  open_ = false;
}

}  // namespace hourglass::kitchen
