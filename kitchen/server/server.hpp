#pragma once
// The listener: accepts connections (refusing those over the maximum), turns
// SIGINT/SIGTERM into a clean stop, runs the deadline timer, and posts the
// group-commit flush. Everything runs on one io_context thread.

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <map>
#include <memory>

#include "kitchen/server/clock.hpp"
#include "kitchen/server/kitchen_service.hpp"
#include "kitchen/server/session.hpp"
#include "shared/core/config.hpp"

namespace hourglass::kitchen {

class Server {
 public:
  // `tls` null serves plain TCP; otherwise every connection is TLS (it must
  // outlive the server).
  Server(boost::asio::io_context& io, const core::ServerConfig& config, KitchenService& service, const Clock& clock,
         boost::asio::ssl::context* tls = nullptr);

  // Binds and listens; returns the bound address (port 0 picks a free one).
  boost::asio::ip::tcp::endpoint listen();
  // Starts accepting, the signals and the deadline timer.
  void start();
  // Commits what is pending, closes every connection, stops the io_context.
  void stop();
  // SIGHUP (systemctl reload): `reload` re-reads what can change without a
  // restart (devices, menu) and returns whether it took; then every
  // connection whose device is no longer allowed is closed.
  void on_reload(std::function<bool()> reload) { reload_ = std::move(reload); }
  // The same as a SIGHUP, on the io thread (tests, and the signal).
  void reload();

 private:
  void accept();
  void arm_deadline_timer();
  void arm_load_timer();
  void flush();
  void wait_for_reload();

  boost::asio::io_context& io_;
  const core::ServerConfig& config_;
  KitchenService& service_;
  const Clock& clock_;
  boost::asio::ssl::context* tls_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::signal_set signals_;
  boost::asio::signal_set reload_signals_;
  std::function<bool()> reload_;
  boost::asio::steady_timer deadline_timer_;
  boost::asio::steady_timer accept_retry_;
  boost::asio::steady_timer load_timer_;  // the kitchen load, every second
  std::optional<std::int64_t> armed_for_;
  std::map<std::uint64_t, std::weak_ptr<Session>> sessions_;
  std::uint64_t next_id_ = 1;
  bool stopped_ = false;
};

}  // namespace hourglass::kitchen
