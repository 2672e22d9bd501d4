#include "kitchen/server/web_server.hpp"

#include <spdlog/spdlog.h>

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>

#include "kitchen/server/manager_summary.hpp"
#include "kitchen/server/web/manager_html.hpp"
#include "shared/core/local_time.hpp"
#include "shared/core/spreadsheet_csv.hpp"

namespace hourglass::kitchen {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;

namespace {

constexpr std::int64_t kDayMs = 24 * 3600 * 1000;
constexpr auto kIdleTimeout = std::chrono::seconds(30);

WebResponse json_response(int status, const core::Json& body) {
  return WebResponse{status, "application/json; charset=utf-8", body.dump()};
}

WebResponse error_response(int status, const std::string& message) {
  return json_response(status, core::Json{{"error", message}});
}

std::string path_of(const std::string& target) { return target.substr(0, target.find('?')); }

}  // namespace

// ---- the page and its data ----

ManagerPage::ManagerPage(const core::ServerConfig& config, const KitchenService& service, Storage& storage,
                         const Clock& clock)
    : config_(config), service_(service), storage_(storage), clock_(clock) {}

bool ManagerPage::is_manager(const std::string& authorization) const {
  constexpr std::string_view kBearer = "Bearer ";
  if (authorization.rfind(kBearer, 0) != 0) return false;
  const core::Device* device = core::find_device(config_.devices, authorization.substr(kBearer.size()));
  return device != nullptr && device->role == core::Role::manager;
}

std::int64_t ManagerPage::day_start_ms(std::int64_t now_ms) const {
  // The process runs in the store's zone (main: use_timezone).
  const std::int64_t offset_ms = std::int64_t{core::process_utc_offset_minutes(now_ms)} * 60'000;
  const std::int64_t local = now_ms + offset_ms;
  const std::int64_t midnight = local - ((local % kDayMs) + kDayMs) % kDayMs;
  return midnight - offset_ms;
}

WebResponse ManagerPage::summary() const {
  ManagerSummaryInput input;
  input.server_time_ms = clock_.now_ms();
  input.day_start_ms = day_start_ms(input.server_time_ms);
  input.orders_today = storage_.history(input.day_start_ms, std::nullopt);
  input.open_orders = service_.open_order_list();
  input.breaches = storage_.breaches(BreachQuery{input.day_start_ms, std::nullopt, std::nullopt});
  for (auto& stored : storage_.complaints(TimeRange{}, "", true)) {
    input.open_complaints.push_back(std::move(stored.complaint));
  }
  return json_response(200, manager_summary(input));
}

WebResponse ManagerPage::breaches_csv() const {
  const std::int64_t now = clock_.now_ms();
  const auto entries = storage_.breaches(BreachQuery{day_start_ms(now), std::nullopt, std::nullopt});
  const std::string csv = core::spreadsheet_file(
      core::breach_spreadsheet_csv(entries, [](std::int64_t at) { return core::process_utc_offset_minutes(at); }));
  return WebResponse{200, "text/csv; charset=utf-8", csv, "attachment; filename=\"hourglass-breaches-today.csv\""};
}

WebResponse ManagerPage::answer(const WebRequest& request) const {
  if (request.method != "GET") return error_response(405, "only GET: this page changes nothing");
  const std::string path = path_of(request.target);
  if (path == "/" || path == "/index.html") return WebResponse{200, "text/html; charset=utf-8", web::kManagerHtml};
  if (path == "/api/summary" || path == "/api/breaches.csv") {
    if (!is_manager(request.authorization)) {
      return error_response(401, "a manager's token is needed (Authorization: Bearer <token>)");
    }
    return path == "/api/summary" ? summary() : breaches_csv();
  }
  return error_response(404, "no such page: " + path);
}

// ---- HTTP ----

namespace {

// One connection: requests one at a time, each answered from the server's
// state once no batch is open; closed after 30 s without a request.
template <class Stream>
class WebSession : public std::enable_shared_from_this<WebSession<Stream>> {
 public:
  template <class... Args>
  WebSession(WebServer& server, std::uint64_t id, Args&&... args)
      : server_(server), id_(id), stream_(std::forward<Args>(args)...) {}

  void start() {
    if constexpr (std::is_same_v<Stream, beast::ssl_stream<beast::tcp_stream>>) {
      beast::get_lowest_layer(stream_).expires_after(kIdleTimeout);
      stream_.async_handshake(asio::ssl::stream_base::server,
                              [self = this->shared_from_this()](const beast::error_code& error) {
                                if (error) return self->finish();
                                self->read();
                              });
    } else {
      read();
    }
  }

  void close() {
    beast::error_code ignored;
    beast::get_lowest_layer(stream_).socket().close(ignored);
  }

 private:
  void read() {
    parser_.emplace();
    parser_->header_limit(8 * 1024);
    parser_->body_limit(0);
    beast::get_lowest_layer(stream_).expires_after(kIdleTimeout);
    http::async_read(stream_, buffer_, *parser_,
                     [self = this->shared_from_this()](const beast::error_code& error, std::size_t) {
                       if (error) return self->finish();
                       self->handle();
                     });
  }

  void handle() {
    const auto& message = parser_->get();
    WebRequest request{std::string(message.method_string()), std::string(message.target()),
                       std::string(message[http::field::authorization])};
    keep_alive_ = message.keep_alive();
    version_ = message.version();
    server_.answer(std::move(request), [self = this->shared_from_this()](WebResponse answer) {
      self->write(std::move(answer));
    });
  }

  void write(WebResponse answer) {
    response_ = {};
    response_.version(version_);
    response_.result(static_cast<http::status>(answer.status));
    response_.set(http::field::server, "hourglass-kitchen");
    response_.set(http::field::content_type, answer.content_type);
    response_.set(http::field::cache_control, "no-store");
    response_.set("X-Content-Type-Options", "nosniff");
    if (!answer.disposition.empty()) response_.set(http::field::content_disposition, answer.disposition);
    response_.body() = std::move(answer.body);
    response_.keep_alive(keep_alive_);
    response_.prepare_payload();
    http::async_write(stream_, response_,
                      [self = this->shared_from_this()](const beast::error_code& error, std::size_t) {
                        if (error || !self->keep_alive_) return self->finish();
                        self->read();
                      });
  }

  void finish() {
    close();
    server_.forget(id_);
  }

  WebServer& server_;
  std::uint64_t id_;
  Stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::empty_body>> parser_;
  http::response<http::string_body> response_;
  bool keep_alive_ = false;
  unsigned version_ = 11;
};

}  // namespace

WebServer::WebServer(asio::io_context& io, const core::ServerConfig& config, KitchenService& service,
                     Storage& storage, const Clock& clock, asio::ssl::context* tls)
    : io_(io), service_(service), page_(config, service, storage, clock), tls_(tls), acceptor_(io) {}

WebServer::~WebServer() { stop(); }

tcp::endpoint WebServer::listen(const core::ListenAddress& address) {
  const tcp::endpoint endpoint(asio::ip::make_address(address.host), address.port);
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(tcp::acceptor::reuse_address(true));
  acceptor_.bind(endpoint);
  acceptor_.listen();
  return acceptor_.local_endpoint();
}

void WebServer::start() { accept(); }

void WebServer::stop() {
  if (stopped_) return;
  stopped_ = true;
  beast::error_code ignored;
  acceptor_.close(ignored);
  auto closers = closers_;
  for (const auto& [id, close] : closers) close();
}

void WebServer::accept() {
  acceptor_.async_accept([this](const beast::error_code& error, tcp::socket socket) {
    if (stopped_) return;
    if (error) {
      spdlog::warn("web: accept failed: {}", error.message());
    } else if (closers_.size() >= kMaxConnections) {
      beast::error_code ignored;
      socket.close(ignored);  // a phone page needs few; more is someone else
    } else {
      const std::uint64_t id = next_id_++;
      const auto begin = [&](auto session) {
        closers_[id] = [weak = std::weak_ptr(session)] {
          if (auto alive = weak.lock()) alive->close();
        };
        session->start();
      };
      if (tls_ != nullptr) {
        begin(std::make_shared<WebSession<beast::ssl_stream<beast::tcp_stream>>>(*this, id, std::move(socket), *tls_));
      } else {
        begin(std::make_shared<WebSession<beast::tcp_stream>>(*this, id, std::move(socket)));
      }
    }
    accept();
  });
}

void WebServer::answer(WebRequest request, std::function<void(WebResponse)> done) {
  // What is not committed is not shown: commit it first (the server's own
  // posted flush then finds nothing to do and re-arms its deadline timer).
  if (service_.batch_open()) service_.flush();
  done(page_.answer(request));
}

}  // namespace hourglass::kitchen
