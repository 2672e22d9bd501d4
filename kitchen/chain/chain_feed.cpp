#include "kitchen/chain/chain_feed.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <pqxx/pqxx>

#include "kitchen/chain/chain_report.hpp"
#include "kitchen/chain/conninfo.hpp"

namespace hourglass::chain {

ChainFeed::ChainFeed(std::string conninfo, std::function<std::int64_t()> wall_now_ms, std::chrono::milliseconds refresh)
    : conninfo_(std::move(conninfo)), wall_now_ms_(std::move(wall_now_ms)), refresh_(refresh) {
  snapshot_.source = without_password(conninfo_);
  thread_ = std::thread([this] { run(); });
}

ChainFeed::~ChainFeed() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void ChainFeed::ask(const ReportRange& range) {
  {
    std::lock_guard lock(mutex_);
    wanted_ = range;
    asked_ = true;
  }
  wake_.notify_all();
}

ChainSnapshot ChainFeed::snapshot() const {
  std::lock_guard lock(mutex_);
  return snapshot_;
}

std::uint64_t ChainFeed::version() const {
  std::lock_guard lock(mutex_);
  return version_;
}

void ChainFeed::run() {
  const std::string source = without_password(conninfo_);
  std::unique_lock lock(mutex_);
  while (true) {
    // Wait to be asked, or for the next refresh of the period asked last.
    if (wanted_) {
      wake_.wait_for(lock, refresh_, [this] { return stopping_ || asked_; });
    } else {
      wake_.wait(lock, [this] { return stopping_ || asked_; });
    }
    if (stopping_) return;
    asked_ = false;
    const ReportRange range = *wanted_;
    snapshot_.loading = true;
    ++version_;
    lock.unlock();

    std::vector<StoreDay> days;
    bool no_tables = false;
    std::string error;
    // A connection of its own for each read: reads are a minute apart, and
    // a connection kept between them would be found dead after the central
    // server restarts (libpqxx then says "not connected", and leaks).
    try {
      pqxx::connection connection(with_timeouts(conninfo_));
      no_tables = !has_chain_schema(connection);
      if (!no_tables) days = chain_report(connection, range);
    } catch (const std::exception& failure) {
      // Unreachable or refused: keep the figures already shown and say why.
      std::string reason = failure.what();
      std::replace(reason.begin(), reason.end(), '\n', ' ');
      std::replace(reason.begin(), reason.end(), '\t', ' ');
      while (!reason.empty() && reason.back() == ' ') reason.pop_back();
      spdlog::warn("chain view: cannot read {} ({})", source, reason);
      // The screen gets libpq's first line: what failed; the log has the hints after it.
      error = failure.what();
      error = error.substr(0, error.find('\n'));
    }

    lock.lock();
    snapshot_.loading = false;
    snapshot_.error = error;
    if (error.empty()) {
      snapshot_.range = range;
      snapshot_.days = std::move(days);
      snapshot_.no_tables = no_tables;
      snapshot_.as_of_ms = wall_now_ms_();
    }
    ++version_;
  }
}

}  // namespace hourglass::chain
