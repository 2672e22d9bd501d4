#include "kitchen/server/session.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <chrono>

namespace hourglass::kitchen {

namespace asio = boost::asio;
using core::Error;
using core::ErrorCode;

namespace {

std::int64_t monotonic_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

Session::Session(asio::ip::tcp::socket socket, asio::ssl::context* tls, KitchenService& service,
                 const core::Limits& limits, std::uint64_t id, OnClose on_close)
    : stream_(std::move(socket), tls),
      hello_timer_(stream_.socket().get_executor()),
      shutdown_timer_(stream_.socket().get_executor()),
      service_(service),
      limits_(limits),
      id_(id),
      on_close_(std::move(on_close)),
      bucket_(limits.requests_per_second, limits.burst) {
  boost::system::error_code ignored;
  const auto endpoint = stream_.socket().remote_endpoint(ignored);
  peer_ = ignored ? "?" : fmt::format("{}:{}", endpoint.address().to_string(), endpoint.port());
  stream_.socket().set_option(asio::ip::tcp::no_delay(true), ignored);
}

void Session::start() {
  spdlog::debug("conn {} from {} opened{}", id_, peer_, stream_.is_tls() ? " (TLS)" : "");
  arm_hello_timer();
  handshake([](Session& self) { self.read(); });
}

void Session::refuse(const Error& error) {
  spdlog::warn("conn {} from {} refused: {}", id_, peer_, error.message);
  // The error can only be sent over TLS once the handshake is done.
  arm_hello_timer();
  handshake([error](Session& self) { self.fail_and_close(error, std::nullopt); });
}

void Session::revoke(const Error& error) {
  spdlog::info("conn {} ({} {}) from {}: {}", id_, core::to_string(identity_.role), identity_.device, peer_,
               error.message);
  fail_and_close(error, std::nullopt);
}

// The deadline covers the TLS handshake too: a client that connects and
// never handshakes nor says hello is closed all the same.
void Session::arm_hello_timer() {
  hello_timer_.expires_after(std::chrono::seconds(limits_.hello_timeout_s));
  hello_timer_.async_wait([self = shared_from_this()](const boost::system::error_code& error) {
    if (error || self->authenticated_ || self->closed_) return;
    spdlog::info("conn {} from {}: no {}hello within {} s, closed", self->id_, self->peer_,
                 self->handshake_done_ ? "" : "TLS handshake or ", self->limits_.hello_timeout_s);
    self->close();
  });
}

void Session::handshake(std::function<void(Session&)> next) {
  if (!stream_.is_tls()) {
    handshake_done_ = true;
    next(*this);
    return;
  }
  stream_.tls().async_handshake(asio::ssl::stream_base::server, [self = shared_from_this(), next = std::move(next)](
                                                                    const boost::system::error_code& error) {
    if (self->closing_) return;
    if (error) {
      // A plain-TCP client lands here: it never gets a byte of the protocol.
      spdlog::info("conn {} from {}: TLS handshake failed: {}", self->id_, self->peer_, error.message());
      self->close();
      return;
    }
    self->handshake_done_ = true;
    next(*self);
  });
}

void Session::close() {
  if (closed_) return;
  closed_ = true;
  closing_ = true;
  hello_timer_.cancel();
  queue_.clear();
  service_.leave(*this);
  if (authenticated_) {
    spdlog::info("conn {} ({} {}) from {} closed", id_, core::to_string(identity_.role), identity_.device, peer_);
  }
  if (stream_.is_tls() && handshake_done_ && stream_.socket().is_open()) {
    // Graceful: send close_notify and wait briefly for the peer's, then close.
    shutdown_timer_.expires_after(std::chrono::seconds(1));
    shutdown_timer_.async_wait([self = shared_from_this()](const boost::system::error_code& error) {
      if (!error) self->close_socket();
    });
    stream_.tls().async_shutdown([self = shared_from_this()](const boost::system::error_code&) {
      self->shutdown_timer_.cancel();
      self->close_socket();
    });
  } else {
    close_socket();
  }
  if (on_close_) on_close_(*this);
}

void Session::close_socket() {
  boost::system::error_code ignored;
  stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  stream_.socket().close(ignored);
}

void Session::read() {
  stream_.async_read_some(
      asio::buffer(chunk_), [self = shared_from_this()](const boost::system::error_code& error, std::size_t size) {
        if (self->closing_) return;
        if (error) {
          self->close();
          return;
        }
        self->inbox_.append(self->chunk_.data(), size);
        std::size_t start = 0;
        for (std::size_t end; !self->closing_ && (end = self->inbox_.find('\n', start)) != std::string::npos;
             start = end + 1) {
          self->on_line(std::string_view(self->inbox_).substr(start, end - start));
        }
        if (self->closing_) return;
        self->inbox_.erase(0, start);
        if (self->inbox_.size() > core::kMaxFrameBytes) {
          self->fail_and_close(
              Error{ErrorCode::frame_too_large, fmt::format("a line may be at most {} bytes", core::kMaxFrameBytes)},
              std::nullopt);
          return;
        }
        self->read();
      });
}

void Session::on_line(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (!authenticated_) {
    on_hello(line);
    return;
  }
  if (line.empty()) return;  // a blank keep-alive line
  if (!bucket_.take(monotonic_ns())) {
    // Reply with `re` when it can be read cheaply: the decoder does it.
    auto decoded = core::decode_client_message(line);
    std::optional<core::RequestId> re;
    if (decoded) {
      re = decoded->req;
    } else {
      re = decoded.error().req;
    }
    spdlog::debug("conn {}: rate limited", id_);
    core::ErrorMessage message{Error{ErrorCode::rate_limited, "too many requests: slow down"}};
    service_.send(shared_from_this(), re, message);
    return;
  }
  auto decoded = core::decode_client_message(line);
  if (!decoded) {
    const core::DecodeError& error = decoded.error();
    if (core::closes_connection(error.error.code)) {
      fail_and_close(error.error, error.req);
      return;
    }
    spdlog::info("refused: conn {} ({} {}): {}: {}", id_, core::to_string(identity_.role), identity_.device,
                 core::to_string(error.error.code), error.error.message);
    core::ErrorMessage message{error.error};
    service_.send(shared_from_this(), error.req, message);
    return;
  }
  service_.handle(shared_from_this(), decoded.value());
}

void Session::on_hello(std::string_view line) {
  auto decoded = core::decode_client_message(line);
  if (!decoded) {
    const core::DecodeError& error = decoded.error();
    const Error answer =
        error.error.code == ErrorCode::frame_too_large
            ? error.error
            : Error{ErrorCode::unauthorized, "the first message must be a valid hello: " + error.error.message};
    spdlog::info("conn {} from {}: hello refused: {}", id_, peer_, answer.message);
    fail_and_close(answer, error.req);
    return;
  }
  const core::Hello* hello = std::get_if<core::Hello>(&decoded->message);
  if (hello == nullptr) {
    spdlog::info("conn {} from {}: hello refused: first message was {}", id_, peer_,
                 core::message_type(decoded->message));
    fail_and_close(Error{ErrorCode::unauthorized, "the first message must be hello"}, decoded->req);
    return;
  }
  auto identity = service_.authenticate(*hello);
  if (!identity) {
    // Never log the token.
    spdlog::info("conn {} from {}: hello refused ({} as {}, device \"{}\"): {}", id_, peer_,
                 core::to_string(identity.error().code), core::to_string(hello->role), hello->device,
                 identity.error().message);
    fail_and_close(identity.error(), decoded->req);
    return;
  }
  identity_ = identity.value();
  authenticated_ = true;
  hello_timer_.cancel();
  spdlog::info("conn {} from {}: {} {}{}", id_, peer_, core::to_string(identity_.role), identity_.device,
               identity_.table ? " table " + *identity_.table : std::string());
  service_.welcome(shared_from_this(), decoded->req);
}

void Session::fail_and_close(const Error& error, const std::optional<core::RequestId>& re) {
  if (closing_) return;
  core::ErrorMessage message{error};
  core::ServerEnvelope envelope{re, message};
  auto frame = std::make_shared<std::string>(core::encode(envelope));
  frame->push_back('\n');
  queue_.push_back(std::move(frame));
  closing_ = true;
  service_.leave(*this);  // nothing more to this connection
  // A client that does not read its error does not keep the connection.
  hello_timer_.cancel();
  hello_timer_.expires_after(std::chrono::seconds(5));
  hello_timer_.async_wait([self = shared_from_this()](const boost::system::error_code& error) {
    if (!error) self->close();
  });
  if (!write_in_flight_) write();
}

void Session::deliver(const Frame& frame) {
  if (closing_) return;
  if (queue_.size() >= limits_.max_queued_messages) {
    spdlog::warn("conn {} ({} {}) from {}: not reading, {} messages queued: disconnected", id_,
                 core::to_string(identity_.role), identity_.device, peer_, queue_.size());
    close();
    return;
  }
  queue_.push_back(frame);
  if (!write_in_flight_) write();
}

void Session::write() {
  if (closed_) return;
  if (queue_.empty()) {
    if (closing_) close();
    return;
  }
  // Everything queued goes in one write: each frame whole, in order.
  writing_.assign(queue_.begin(), queue_.end());
  queue_.clear();
  write_buffers_.clear();
  for (const Frame& frame : writing_) write_buffers_.push_back(asio::buffer(*frame));
  write_in_flight_ = true;
  stream_.async_write(write_buffers_,
                      [self = shared_from_this()](const boost::system::error_code& error, std::size_t) {
                        self->write_in_flight_ = false;
                        self->writing_.clear();  // a menu or snapshot is freed by its last reader
                        if (error) {
                          self->close();
                          return;
                        }
                        self->write();
                      });
}

}  // namespace hourglass::kitchen
