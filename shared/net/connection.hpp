#pragma once
// One connection to the kitchen server, from connect to loss: the transport
// under net::Client. It owns the socket and its TLS stream, the hello and the
// time limit on getting a welcome back, the framing (one JSON object a line,
// at most core::kMaxServerFrameBytes), one write in flight with the rest
// queued, the pings and the clock samples their pongs give, and the silence
// detector. It knows nothing of orders, requests, reconnects or the State:
// every message from the server but a pong goes up to `on_message`, and when
// the connection ends, run() says why. The supervision (reconnect with
// backoff, the outbox, request bookkeeping, the State) is client.cpp's.
//
// Internal to shared/net: it includes Asio, which no screen sees (client.hpp
// keeps it behind a pimpl). Everything here runs on the client's network
// thread.
//
//   auto connection = std::make_shared<Connection>(io, options, callbacks);
//   std::string why = co_await connection->run(hello);   // closed by then

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "shared/core/protocol.hpp"
#include "shared/net/client_state.hpp"
#include "shared/net/clock_offset.hpp"

namespace hourglass::net {

struct ConnectionOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = core::kDefaultPort;
  // The client's TLS settings (make_tls_context), shared by its connections;
  // null: plain TCP.
  boost::asio::ssl::context* tls = nullptr;
  // With TLS: check that the server's certificate names `host`.
  bool tls_verify = true;
  std::chrono::milliseconds ping_interval{3000};
  // From the first byte to the welcome; longer is a loss (a server that
  // accepts and never answers).
  std::chrono::milliseconds connect_timeout{3000};
  // Nothing heard (no pong either) for this long is a loss.
  std::chrono::milliseconds silence_timeout{10000};
  // The wall clock (ms since the epoch) and a monotonic one (ms since any
  // fixed point), both required: durations (silence, round trips) are
  // measured on the monotonic clock; the wall clock only goes into the clock
  // samples, since the server's time is the wall clock plus their offset.
  std::function<std::int64_t()> now_ms{};
  std::function<std::int64_t()> steady_ms{};
  // The req of the hello and of every ping, from the client's one counter so
  // that no reply is mistaken for another's.
  std::function<RequestId()> new_req{};
};

// What the connection tells its owner, on the network thread. Any of them may
// call Connection::close.
struct ConnectionCallbacks {
  // Every decoded message but pongs, in the order it came; the welcome first.
  std::function<void(const core::ServerEnvelope&)> on_message;
  // This connection's best clock sample, after the welcome and each pong.
  std::function<void(const ClockSample&)> on_clock;
  // Once a ping interval while welcomed, after the ping left.
  std::function<void()> on_tick;
};

// The client's TLS settings, made once for all its connections: TLS 1.2 or
// later, the server's certificate verified against `ca_file` (PEM), or the
// system's trusted CAs when it is empty, or not at all when `verify` is false.
// Throws std::runtime_error if the CAs cannot be loaded.
std::unique_ptr<boost::asio::ssl::context> make_tls_context(bool verify, const std::string& ca_file);

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  // More queued frames than this means the server stopped reading us: a
  // loss rather than a queue that grows without bound.
  static constexpr std::size_t kMaxQueuedFrames = 4096;
  // Unanswered pings kept for their pongs; an older one is forgotten (a pong
  // that late has a round trip too long to be worth a sample).
  static constexpr std::size_t kMaxPingsInFlight = 16;

  // Made with std::make_shared: the coroutines that serve it hold it alive
  // until the last of them returns.
  Connection(boost::asio::io_context& io, ConnectionOptions options, ConnectionCallbacks callbacks);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Resolves, connects (with TLS, when set, verifying the certificate and
  // sending SNI for a host name), sends `hello`, and reads lines until the
  // connection is lost or closed. Returns why, with the socket closed and
  // every timer cancelled whichever way it ended. Call it once.
  boost::asio::awaitable<std::string> run(core::Hello hello);

  // Queues one frame for the writer (one write in flight); nothing once
  // closed.
  void send(const core::ClientEnvelope& envelope);
  // Ends the connection; the first reason is the one run() returns. Safe to
  // call more than once and from within a callback.
  void close(const std::string& reason);

  bool open() const { return open_; }
  // The server's welcome came: requests may go.
  bool welcomed() const { return welcomed_; }

 private:
  boost::asio::awaitable<std::string> connect_and_read(core::Hello hello);
  boost::asio::awaitable<std::string> tls_handshake();
  boost::asio::awaitable<void> write_queued();
  boost::asio::awaitable<void> ping_until_silent();
  void handle_line(std::string_view line);
  void add_clock_sample(const ClockExchange& exchange);

  boost::asio::io_context& io_;
  ConnectionOptions options_;
  ConnectionCallbacks callbacks_;

  boost::asio::ip::tcp::socket socket_;
  // Over `socket_` once connected, when TLS is on.
  std::unique_ptr<boost::asio::ssl::stream<boost::asio::ip::tcp::socket&>> tls_;
  boost::asio::ip::tcp::resolver resolver_;
  boost::asio::steady_timer write_signal_;  // never expires by itself: cancelled to wake the writer
  boost::asio::steady_timer ping_timer_;
  boost::asio::steady_timer handshake_timer_;
  std::deque<std::string> queue_;  // frames with their '\n'; front() is in flight

  bool open_ = true;
  bool welcomed_ = false;
  std::string loss_reason_;  // the first reason wins
  // On the monotonic clock, like every duration here.
  std::int64_t last_heard_steady_ms_ = 0;
  std::int64_t hello_sent_steady_ms_ = 0;
  std::map<RequestId, std::int64_t> pings_;  // req → monotonic send time
  // A new connection may be to another machine: its samples start afresh.
  ClockOffsetEstimator clock_;
};

}  // namespace hourglass::net
