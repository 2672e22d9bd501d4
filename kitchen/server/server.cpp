#include "kitchen/server/server.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>

namespace hourglass::kitchen {

namespace asio = boost::asio;
using asio::ip::tcp;

Server::Server(asio::io_context& io, const core::ServerConfig& config, KitchenService& service, const Clock& clock,
               asio::ssl::context* tls)
    : io_(io),
      config_(config),
      service_(service),
      clock_(clock),
      tls_(tls),
      acceptor_(io),
      signals_(io, SIGINT, SIGTERM),
      reload_signals_(io, SIGHUP),
      deadline_timer_(io),
      accept_retry_(io),
      load_timer_(io) {
  service_.on_flush_needed([this] { asio::post(io_, [this] { flush(); }); });
}

tcp::endpoint Server::listen() {
  const tcp::endpoint endpoint(asio::ip::make_address(config_.listen.host), config_.listen.port);
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(tcp::acceptor::reuse_address(true));
  acceptor_.bind(endpoint);
  acceptor_.listen(asio::socket_base::max_listen_connections);
  return acceptor_.local_endpoint();
}

void Server::start() {
  signals_.async_wait([this](const boost::system::error_code& error, int signal) {
    if (error) return;
    spdlog::info("signal {}: shutting down", signal);
    stop();
  });
  wait_for_reload();
  arm_deadline_timer();
  arm_load_timer();
  accept();
}

void Server::wait_for_reload() {
  reload_signals_.async_wait([this](const boost::system::error_code& error, int) {
    if (error || stopped_) return;
    spdlog::info("SIGHUP: reloading the devices and the menu");
    reload();
    wait_for_reload();
  });
}

void Server::reload() {
  if (!reload_ || !reload_()) return;
  int revoked = 0;
  const auto devices = service_.devices_by_credential();  // one digest per device, not per connection
  auto sessions = sessions_;
  for (const auto& [id, weak] : sessions) {
    auto session = weak.lock();
    if (!session || !session->authenticated() || KitchenService::still_authorized(session->identity(), devices)) {
      continue;
    }
    session->revoke(core::Error{core::ErrorCode::unauthorized, "this device's token was withdrawn by the kitchen"});
    ++revoked;
  }
  if (revoked > 0) spdlog::info("closed {} connections of devices no longer in the config", revoked);
  service_.flush();
}

void Server::stop() {
  if (stopped_) return;
  stopped_ = true;
  boost::system::error_code ignored;
  acceptor_.close(ignored);
  signals_.cancel(ignored);
  reload_signals_.cancel(ignored);
  deadline_timer_.cancel();
  accept_retry_.cancel();
  load_timer_.cancel();
  service_.flush();  // whatever was handled is committed and sent
  auto sessions = sessions_;
  for (const auto& [id, weak] : sessions) {
    if (auto session = weak.lock()) session->close();
  }
  io_.stop();
}

void Server::flush() {
  service_.flush();
  arm_deadline_timer();
}

void Server::accept() {
  acceptor_.async_accept([this](const boost::system::error_code& error, tcp::socket socket) {
    if (stopped_) return;
    if (error) {
      // Out of file descriptors, say: log, wait a little, keep serving the others.
      spdlog::error("accept failed: {}", error.message());
      accept_retry_.expires_after(std::chrono::milliseconds(100));
      accept_retry_.async_wait([this](const boost::system::error_code& e) {
        if (!e) accept();
      });
      return;
    }
    const std::uint64_t id = next_id_++;
    const bool over_limit = sessions_.size() >= static_cast<std::size_t>(config_.limits.max_connections);
    auto session = std::make_shared<Session>(std::move(socket), tls_, service_, config_.limits, id,
                                             [this](Session& closed) { sessions_.erase(closed.id()); });
    sessions_[id] = session;
    if (over_limit) {
      session->refuse(
          core::Error{core::ErrorCode::rate_limited,
                      fmt::format("the server is at its maximum of {} connections", config_.limits.max_connections)});
    } else {
      session->start();
    }
    accept();
  });
}

void Server::arm_deadline_timer() {
  const auto next = service_.next_deadline();
  if (next == armed_for_ || stopped_) return;
  armed_for_ = next;
  if (!next) {
    deadline_timer_.cancel();
    return;
  }
  // The deadline on the service's clock becomes a wait on the monotonic clock.
  // The production clock (SlewedClock) runs at the monotonic rate within
  // 1/2000, so the wait can end a hair early: evaluate_due then finds nothing
  // due and the timer is armed again for what is left.
  const std::int64_t wait_ms = std::max<std::int64_t>(0, *next - clock_.now_ms());
  deadline_timer_.expires_after(std::chrono::milliseconds(wait_ms));
  deadline_timer_.async_wait([this](const boost::system::error_code& error) {
    if (error) return;  // re-armed or stopped
    armed_for_.reset();
    service_.evaluate_due();  // queues breaches; their flush is posted
    arm_deadline_timer();
  });
}

}  // namespace hourglass::kitchen

namespace hourglass::kitchen {

void Server::arm_load_timer() {
  if (stopped_) return;
  load_timer_.expires_after(std::chrono::seconds(1));
  load_timer_.async_wait([this](const boost::system::error_code& error) {
    if (error) return;
    service_.update_kitchen_load();  // queues a push; its flush is posted
    service_.advance_accruals();      // per_late_minute: the minute started now
    arm_load_timer();
  });
}

}  // namespace hourglass::kitchen
