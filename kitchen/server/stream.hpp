#pragma once
// A connection's byte stream: plain TCP, or TLS over TCP when the server has
// a certificate. The session reads and writes through it and never needs to
// know which; only the handshake and the close differ.

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/write.hpp>
#include <memory>
#include <utility>
#include <variant>

#include "shared/core/config.hpp"

namespace hourglass::kitchen {

// The cipher suites offered (OpenSSL names): forward-secret AEAD only.
inline constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:"
    "ECDHE-RSA-CHACHA20-POLY1305:ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256";
inline constexpr const char* kTls13Ciphersuites =
    "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256";

// TLS 1.2 or later only, the cipher suites above, the certificate chain and
// key from `files`. Throws std::runtime_error naming the file that cannot be
// loaded (a server told to use TLS never falls back to plain TCP).
std::unique_ptr<boost::asio::ssl::context> make_tls_context(const core::TlsFiles& files);

class Stream {
 public:
  using Socket = boost::asio::ip::tcp::socket;
  using TlsStream = boost::asio::ssl::stream<Socket>;

  // Plain TCP when `tls` is null.
  Stream(Socket socket, boost::asio::ssl::context* tls);

  bool is_tls() const { return std::holds_alternative<TlsStream>(stream_); }
  Socket& socket() {
    if (auto* tls = std::get_if<TlsStream>(&stream_)) return tls->next_layer();
    return std::get<Socket>(stream_);
  }
  // Only for a TLS stream.
  TlsStream& tls() { return std::get<TlsStream>(stream_); }

  template <class Handler>
  void async_read_some(const boost::asio::mutable_buffer& buffer, Handler&& handler) {
    std::visit([&](auto& stream) { stream.async_read_some(buffer, std::forward<Handler>(handler)); }, stream_);
  }

  // `buffers`: one buffer or a sequence of them (written in order, as one).
  template <class Buffers, class Handler>
  void async_write(const Buffers& buffers, Handler&& handler) {
    std::visit([&](auto& stream) { boost::asio::async_write(stream, buffers, std::forward<Handler>(handler)); },
               stream_);
  }

 private:
  std::variant<Socket, TlsStream> stream_;
};

}  // namespace hourglass::kitchen
