#pragma once
// One connection (as in the Asio chat server): reads lines of at most
// kMaxFrameBytes, one write in flight with a bounded queue behind it (a
// client that stops reading is cut off when the queue is full, so it never
// slows the others nor grows memory), a hello deadline, and a token-bucket
// rate limit. With TLS the handshake comes first, inside the hello deadline.

#include <array>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "kitchen/server/kitchen_service.hpp"
#include "kitchen/server/participant.hpp"
#include "kitchen/server/stream.hpp"
#include "kitchen/server/token_bucket.hpp"
#include "shared/core/config.hpp"

namespace hourglass::kitchen {

class Session final : public Participant, public std::enable_shared_from_this<Session> {
 public:
  using OnClose = std::function<void(Session&)>;
  // `tls` null: plain TCP. Otherwise it must outlive the session.
  Session(boost::asio::ip::tcp::socket socket, boost::asio::ssl::context* tls, KitchenService& service,
          const core::Limits& limits, std::uint64_t id, OnClose on_close);

  void start();
  // Sends `error` and closes once it is written (a connection over the limit).
  void refuse(const core::Error& error);
  void close();
  // An authenticated connection whose device was taken out of the config:
  // sends `error` (unauthorized) and closes.
  void revoke(const core::Error& error);
  bool authenticated() const { return authenticated_; }

  void deliver(const Frame& frame) override;
  const Identity& identity() const override { return identity_; }
  std::uint64_t id() const override { return id_; }

 private:
  void arm_hello_timer();
  // Runs `next` once the TLS handshake is done (at once on plain TCP).
  void handshake(std::function<void(Session&)> next);
  void read();
  void on_line(std::string_view line);
  void on_hello(std::string_view line);
  // Writes `error` ahead of anything not yet queued, then closes.
  void fail_and_close(const core::Error& error, const std::optional<core::RequestId>& re);
  void write();
  void close_socket();

  Stream stream_;
  boost::asio::steady_timer hello_timer_;
  boost::asio::steady_timer shutdown_timer_;  // bounds the TLS close_notify exchange
  KitchenService& service_;
  const core::Limits& limits_;
  std::uint64_t id_;
  OnClose on_close_;
  std::string peer_;
  Identity identity_;
  bool handshake_done_ = false;
  bool authenticated_ = false;
  bool closing_ = false;  // no more reading; close when the queue is written
  bool closed_ = false;
  TokenBucket bucket_;

  // Memory per connection is what 10,000 idle devices cost
  // (docs/benchmarks.md): a small read chunk (requests are small; a long
  // line takes more reads), and the frames in flight are written from where
  // they are, shared with every other session (a menu is not copied per
  // connection).
  std::array<char, 4096> chunk_{};
  std::string inbox_;
  std::deque<Frame> queue_;
  std::vector<Frame> writing_;  // kept alive until their write completes
  std::vector<boost::asio::const_buffer> write_buffers_;
  bool write_in_flight_ = false;
};

}  // namespace hourglass::kitchen
