#pragma once
// The chain's figures read from the central PostgreSQL on a thread of their
// own, so that a slow or unreachable central server never holds a frame.
// It reads the period asked for at once, then every `refresh`; a failed
// read keeps the last good figures and says why, and the next read
// connects again.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "kitchen/chain/chain_source.hpp"

namespace hourglass::chain {

class ChainFeed final : public ChainSource {
 public:
  // `conninfo` is a libpq connection string; `wall_now_ms` stamps "as of".
  ChainFeed(std::string conninfo, std::function<std::int64_t()> wall_now_ms,
            std::chrono::milliseconds refresh = std::chrono::seconds(60));
  ~ChainFeed() override;  // stops and joins (a read in flight finishes first)
  ChainFeed(const ChainFeed&) = delete;
  ChainFeed& operator=(const ChainFeed&) = delete;

  void ask(const ReportRange& range) override;
  ChainSnapshot snapshot() const override;
  std::uint64_t version() const override;

 private:
  void run();

  std::string conninfo_;
  std::function<std::int64_t()> wall_now_ms_;
  std::chrono::milliseconds refresh_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::optional<ReportRange> wanted_;  // nothing until asked
  bool asked_ = false;                 // a read is due now
  bool stopping_ = false;
  ChainSnapshot snapshot_;
  std::uint64_t version_ = 0;
  std::thread thread_;
};

}  // namespace hourglass::chain
