#pragma once
// The manager's page on a phone (docs/manager-page.md): an optional,
// read-only HTTP server (HTTPS when the kitchen has a certificate) beside
// the line protocol, on the same io_context. GET / is the page; its script
// reads GET /api/summary and GET /api/breaches.csv with the manager's token
// in "Authorization: Bearer …". Nothing here changes anything.

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "kitchen/server/clock.hpp"
#include "kitchen/server/kitchen_service.hpp"
#include "kitchen/server/storage.hpp"
#include "shared/core/config.hpp"

namespace hourglass::kitchen {

struct WebRequest {
  std::string method;
  std::string target;         // path and query
  std::string authorization;  // the header, as sent
};

struct WebResponse {
  int status = 200;
  std::string content_type;
  std::string body;
  std::string disposition{};  // Content-Disposition, for a download
};

// Answers one request from what is committed now. Pure of sockets: the
// tests call it directly as well as through HTTP.
class ManagerPage {
 public:
  ManagerPage(const core::ServerConfig& config, const KitchenService& service, Storage& storage, const Clock& clock);
  WebResponse answer(const WebRequest& request) const;

 private:
  bool is_manager(const std::string& authorization) const;
  WebResponse summary() const;
  WebResponse breaches_csv() const;
  std::int64_t day_start_ms(std::int64_t now_ms) const;

  const core::ServerConfig& config_;
  const KitchenService& service_;
  Storage& storage_;
  const Clock& clock_;
};

class WebServer {
 public:
  WebServer(boost::asio::io_context& io, const core::ServerConfig& config, KitchenService& service, Storage& storage,
            const Clock& clock, boost::asio::ssl::context* tls);
  ~WebServer();
  boost::asio::ip::tcp::endpoint listen(const core::ListenAddress& address);
  void start();
  void stop();

  // For the sessions: answers from committed state (what a screen has not
  // been sent yet is not shown here either).
  void answer(WebRequest request, std::function<void(WebResponse)> done);
  void forget(std::uint64_t id) { closers_.erase(id); }

  static constexpr std::size_t kMaxConnections = 64;

 private:
  void accept();

  boost::asio::io_context& io_;
  KitchenService& service_;
  ManagerPage page_;
  boost::asio::ssl::context* tls_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::map<std::uint64_t, std::function<void()>> closers_;  // one per open connection
  std::uint64_t next_id_ = 1;
  bool stopped_ = false;
};

}  // namespace hourglass::kitchen
