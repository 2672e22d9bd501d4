#include "shared/net/connection.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <stdexcept>
#include <utility>

namespace hourglass::net {
namespace asio = boost::asio;
using asio::ip::tcp;
using boost::system::error_code;

std::unique_ptr<asio::ssl::context> make_tls_context(bool verify, const std::string& ca_file) {
  auto context = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_client);
  context->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                       asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1);
  if (!verify) {
    context->set_verify_mode(asio::ssl::verify_none);
    return context;
  }
  context->set_verify_mode(asio::ssl::verify_peer);
  error_code ec;
  if (ca_file.empty()) {
    context->set_default_verify_paths(ec);
    if (ec) throw std::runtime_error("tls: cannot use the system's trusted certificates: " + ec.message());
  } else {
    context->load_verify_file(ca_file, ec);
    if (ec) throw std::runtime_error("tls: cannot load the CA file " + ca_file + ": " + ec.message());
  }
  return context;
}

Connection::Connection(asio::io_context& io, ConnectionOptions options, ConnectionCallbacks callbacks)
    : io_(io),
      options_(std::move(options)),
      callbacks_(std::move(callbacks)),
      socket_(io),
      resolver_(io),
      write_signal_(io),
      ping_timer_(io),
      handshake_timer_(io) {}

void Connection::close(const std::string& reason) {
  if (!open_) return;
  open_ = false;
  loss_reason_ = reason;
  error_code ignored;
  socket_.shutdown(tcp::socket::shutdown_both, ignored);  // may fail if never connected; nothing to do then
  socket_.close(ignored);
  resolver_.cancel();
  write_signal_.cancel();
  ping_timer_.cancel();
  handshake_timer_.cancel();
}

void Connection::send(const core::ClientEnvelope& envelope) {
  if (!open_) return;
  if (queue_.size() >= kMaxQueuedFrames) {
    close("send queue full (server not reading)");
    return;
  }
  std::string frame = core::encode(envelope);
  frame.push_back('\n');
  queue_.push_back(std::move(frame));
  write_signal_.cancel();
}

asio::awaitable<std::string> Connection::run(core::Hello hello) {
  const auto self = shared_from_this();  // alive until this returns, whoever else lets go
  const std::string reason = co_await connect_and_read(std::move(hello));
  close(reason);
  co_return loss_reason_;
}

asio::awaitable<std::string> Connection::connect_and_read(core::Hello hello) {
  // A connect or handshake that hangs (a server that accepts and never
  // answers) is a loss like any other. The welcome cancels it.
  handshake_timer_.expires_after(options_.connect_timeout);
  handshake_timer_.async_wait([self = shared_from_this()](error_code ec) {
    if (!ec) self->close("connect or handshake timed out");
  });

  error_code ec;
  const auto endpoints = co_await resolver_.async_resolve(options_.host, std::to_string(options_.port),
                                                          asio::redirect_error(asio::use_awaitable, ec));
  if (ec || !open_) co_return open_ ? "cannot resolve " + options_.host + ": " + ec.message() : loss_reason_;
  co_await asio::async_connect(socket_, endpoints, asio::redirect_error(asio::use_awaitable, ec));
  if (ec || !open_) co_return open_ ? "cannot connect: " + ec.message() : loss_reason_;
  socket_.set_option(tcp::no_delay(true), ec);
  if (ec) spdlog::warn("net: cannot set TCP_NODELAY: {}", ec.message());
  if (options_.tls != nullptr) {
    const std::string failed = co_await tls_handshake();
    if (!failed.empty() || !open_) co_return open_ ? failed : loss_reason_;
  }

  asio::co_spawn(
      io_, [self = shared_from_this()] { return self->write_queued(); }, asio::detached);
  hello_sent_steady_ms_ = options_.steady_ms();
  last_heard_steady_ms_ = hello_sent_steady_ms_;
  // Named, not a temporary: g++ 12 destroys some temporaries of a coroutine
  // twice (a braced ClientEnvelope here was freed twice).
  const core::ClientEnvelope hello_frame{options_.new_req(), std::move(hello)};
  send(hello_frame);

  std::string buffer;
  while (open_) {
    // One byte over the limit is enough to know the line is too long.
    auto limited = asio::dynamic_buffer(buffer, core::kMaxServerFrameBytes + 1);
    const std::size_t n =
        tls_ ? co_await asio::async_read_until(*tls_, limited, '\n', asio::redirect_error(asio::use_awaitable, ec))
             : co_await asio::async_read_until(socket_, limited, '\n', asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
      if (ec == asio::error::eof) co_return "server closed the connection";
      if (ec == asio::error::not_found) co_return "frame from the server over the size limit";
      co_return "read failed: " + ec.message();
    }
    std::string_view line(buffer.data(), n - 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    handle_line(line);
    buffer.erase(0, n);
  }
  co_return loss_reason_;
}

// Returns why the handshake failed, or nothing. Verifies the certificate
// (unless told not to) and that it names the host; sends SNI for a host name
// (never for an IP address, RFC 6066).
asio::awaitable<std::string> Connection::tls_handshake() {
  tls_ = std::make_unique<asio::ssl::stream<tcp::socket&>>(socket_, *options_.tls);
  if (options_.tls_verify) {
    // A name mismatch gets its own reason, not "unspecified", in the error.
    tls_->set_verify_callback([check = asio::ssl::host_name_verification(options_.host)](
                                  bool preverified, asio::ssl::verify_context& context) {
      const bool ok = check(preverified, context);
      if (preverified && !ok) X509_STORE_CTX_set_error(context.native_handle(), X509_V_ERR_HOSTNAME_MISMATCH);
      return ok;
    });
  } else {
    spdlog::warn("net: TLS certificate verification is OFF: anyone can pose as {}:{}", options_.host, options_.port);
  }
  error_code ec;
  asio::ip::make_address(options_.host, ec);
  if (ec && SSL_set_tlsext_host_name(tls_->native_handle(), options_.host.c_str()) != 1) {
    co_return "tls: cannot set the server name " + options_.host;
  }
  co_await tls_->async_handshake(asio::ssl::stream_base::client, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) {
    const long verified = SSL_get_verify_result(tls_->native_handle());
    std::string why = ec.message();
    if (verified != X509_V_OK) why += std::string(" (") + X509_verify_cert_error_string(verified) + ")";
    co_return "TLS handshake with " + options_.host + " failed: " + why;
  }
  co_return std::string();
}

asio::awaitable<void> Connection::write_queued() {
  while (open_) {
    if (queue_.empty()) {
      write_signal_.expires_at(asio::steady_timer::time_point::max());
      error_code ec;
      co_await write_signal_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      continue;  // woken by send() or close()
    }
    error_code ec;
    // One frame, one write: with TCP_NODELAY each request leaves at once.
    if (tls_) {
      co_await asio::async_write(*tls_, asio::buffer(queue_.front()), asio::redirect_error(asio::use_awaitable, ec));
    } else {
      co_await asio::async_write(socket_, asio::buffer(queue_.front()), asio::redirect_error(asio::use_awaitable, ec));
    }
    if (ec) {
      close("write failed: " + ec.message());
      co_return;
    }
    queue_.pop_front();
  }
}

asio::awaitable<void> Connection::ping_until_silent() {
  while (open_) {
    ping_timer_.expires_after(options_.ping_interval);
    error_code ec;
    co_await ping_timer_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    if (!open_) co_return;
    const std::int64_t now = options_.steady_ms();
    if (now - last_heard_steady_ms_ > options_.silence_timeout.count()) {
      close(fmt::format("server silent for {} ms", now - last_heard_steady_ms_));
      co_return;
    }
    const RequestId req = options_.new_req();
    while (pings_.size() >= kMaxPingsInFlight) pings_.erase(pings_.begin());
    pings_[req] = now;
    const core::ClientEnvelope ping{req, core::Ping{}};  // named: see the hello above
    send(ping);
    if (callbacks_.on_tick) callbacks_.on_tick();
  }
}

void Connection::handle_line(std::string_view line) {
  // Both clocks read once, at the same moment: the monotonic one for the
  // silence detector and the round trip, the wall one for the offset.
  const std::int64_t steady_now = options_.steady_ms();
  const std::int64_t wall_now = options_.now_ms();
  last_heard_steady_ms_ = steady_now;
  auto decoded = core::decode_server_message(line);
  if (!decoded) {
    const std::string shown(line.substr(0, 200));
    spdlog::warn("net: bad frame from the server ({}): {}", decoded.error().error.message, shown);
    close("bad frame from the server: " + decoded.error().error.message);
    return;
  }
  const core::ServerEnvelope& envelope = decoded.value();

  if (const auto* pong = std::get_if<core::Pong>(&envelope.message)) {
    const auto* re = envelope.re ? std::get_if<std::int64_t>(&*envelope.re) : nullptr;
    const auto sent = re ? pings_.find(*re) : pings_.end();
    if (sent != pings_.end()) {
      const std::int64_t sent_steady_ms = sent->second;
      pings_.erase(sent);
      add_clock_sample(ClockExchange{sent_steady_ms, steady_now, wall_now, pong->server_time_ms});
    }
    return;
  }

  const auto* welcome = std::get_if<core::Welcome>(&envelope.message);
  const bool first_welcome = welcome != nullptr && !welcomed_;
  if (first_welcome) {
    welcomed_ = true;
    handshake_timer_.cancel();
  }
  if (callbacks_.on_message) callbacks_.on_message(envelope);
  if (first_welcome && open_) {
    // The hello and its welcome are the first exchange of this connection.
    add_clock_sample(ClockExchange{hello_sent_steady_ms_, steady_now, wall_now, welcome->server_time_ms});
    asio::co_spawn(
        io_, [self = shared_from_this()] { return self->ping_until_silent(); }, asio::detached);
  }
}

void Connection::add_clock_sample(const ClockExchange& exchange) {
  clock_.add(exchange);
  const auto best = clock_.best();
  if (best && callbacks_.on_clock) callbacks_.on_clock(*best);
}

}  // namespace hourglass::net
