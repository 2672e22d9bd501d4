#include "kitchen/server/stream.hpp"

#include <fmt/format.h>
#include <openssl/ssl.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace hourglass::kitchen {

namespace ssl = boost::asio::ssl;

namespace {

// OpenSSL's own message for a missing file is unhelpful ("asio.ssl error"):
// say plainly which file and why.
void check_readable(const char* what, const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "r");
  if (file == nullptr) {
    throw std::runtime_error(fmt::format("cannot read the TLS {} {}: {}", what, path, std::strerror(errno)));
  }
  std::fclose(file);
}

}  // namespace

std::unique_ptr<ssl::context> make_tls_context(const core::TlsFiles& files) {
  auto context = std::make_unique<ssl::context>(ssl::context::tls_server);
  context->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                       ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::single_dh_use);
  if (SSL_CTX_set_min_proto_version(context->native_handle(), TLS1_2_VERSION) != 1) {
    throw std::runtime_error("cannot require TLS 1.2 or later");
  }
  // Forward-secret AEAD suites only: ECDHE with AES-GCM or ChaCha20-Poly1305
  // under TLS 1.2 (no CBC, no static RSA key exchange), and TLS 1.3's AEAD
  // suites. The server's order is used, strongest first.
  if (SSL_CTX_set_cipher_list(context->native_handle(), kTls12Ciphers) != 1 ||
      SSL_CTX_set_ciphersuites(context->native_handle(), kTls13Ciphersuites) != 1) {
    throw std::runtime_error("this OpenSSL offers none of the AEAD cipher suites Hourglass requires");
  }
  SSL_CTX_set_options(context->native_handle(), SSL_OP_CIPHER_SERVER_PREFERENCE);
  check_readable("certificate", files.cert);
  check_readable("key", files.key);
  boost::system::error_code error;
  context->use_certificate_chain_file(files.cert, error);
  if (error)
    throw std::runtime_error(fmt::format("cannot load the TLS certificate {}: not a PEM certificate chain ({})",
                                         files.cert, error.message()));
  context->use_private_key_file(files.key, ssl::context::pem, error);
  if (error)
    throw std::runtime_error(
        fmt::format("cannot load the TLS key {}: not an unencrypted PEM private key ({})", files.key, error.message()));
  if (SSL_CTX_check_private_key(context->native_handle()) != 1) {
    throw std::runtime_error(fmt::format("the TLS key {} does not match the certificate {}", files.key, files.cert));
  }
  return context;
}

Stream::Stream(Socket socket, ssl::context* tls) : stream_(std::move(socket)) {
  if (tls == nullptr) return;
  Socket plain = std::move(std::get<Socket>(stream_));
  stream_.emplace<TlsStream>(std::move(plain), *tls);
}

}  // namespace hourglass::kitchen
