#include "shared/net/client.hpp"

#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/uuid/uuid.hpp>
#include <boost/uuid/uuid_generators.hpp>
#include <boost/uuid/uuid_io.hpp>
#include <deque>
#include <limits>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <stdexcept>
#include <thread>

#include "shared/net/clock_offset.hpp"
#include "shared/net/outbox.hpp"

namespace hourglass::net {
namespace asio = boost::asio;
using asio::ip::tcp;
using boost::system::error_code;

namespace {

std::int64_t system_now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::int64_t steady_now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// server − monotonic clock before the first clock sample.
constexpr std::int64_t kNoClockSample = std::numeric_limits<std::int64_t>::min();

// More queued frames than this means the server stopped reading us: treat
// it as a loss rather than grow without bound.
constexpr std::size_t kMaxQueuedFrames = 4096;
constexpr std::size_t kMaxEvents = 10000;

bool is_fatal(core::ErrorCode code) {
  return code == core::ErrorCode::unauthorized || code == core::ErrorCode::unsupported_proto;
}

// The client's TLS settings, once for every connection.
std::unique_ptr<asio::ssl::context> make_tls_context(const Options& options) {
  auto context = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_client);
  context->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                       asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1);
  if (!options.tls_verify) {
    context->set_verify_mode(asio::ssl::verify_none);
    return context;
  }
  context->set_verify_mode(asio::ssl::verify_peer);
  error_code ec;
  if (options.ca_file.empty()) {
    context->set_default_verify_paths(ec);
    if (ec) throw std::runtime_error("tls: cannot use the system's trusted certificates: " + ec.message());
  } else {
    context->load_verify_file(options.ca_file, ec);
    if (ec) throw std::runtime_error("tls: cannot load the CA file " + options.ca_file + ": " + ec.message());
  }
  return context;
}

// One TCP connection and everything that dies with it. The coroutines that
// serve it hold a shared_ptr, so it lives until the last of them returns.
struct Connection {
  explicit Connection(asio::io_context& io)
      : socket(io), resolver(io), write_signal(io), ping_timer(io), handshake_timer(io) {}

  tcp::socket socket;
  // Over `socket` once connected, when TLS is on.
  std::unique_ptr<asio::ssl::stream<tcp::socket&>> tls;
  tcp::resolver resolver;
  asio::steady_timer write_signal;  // never expires by itself: cancelled to wake the writer
  asio::steady_timer ping_timer;
  asio::steady_timer handshake_timer;
  std::deque<std::string> queue;  // frames with their '\n'; front() is in flight
  bool open = true;
  bool welcomed = false;
  std::string loss_reason;  // the first reason wins
  // Monotonic clock (Options::steady_ms), like every duration here.
  std::int64_t last_heard_steady_ms = 0;
  std::int64_t hello_sent_steady_ms = 0;
  std::map<RequestId, std::int64_t> pings;  // req → monotonic send time
  // Requests (not pings, not orders) awaiting a reply: failed if the
  // connection dies first, so the UI does not wait forever.
  std::set<RequestId> outstanding;
  std::set<std::string> orders_sent;  // order_ids sent on this connection

  void close(const std::string& reason) {
    if (!open) return;
    open = false;
    loss_reason = reason;
    error_code ignored;
    socket.shutdown(tcp::socket::shutdown_both, ignored);  // may fail if never connected; nothing to do then
    socket.close(ignored);
    resolver.cancel();
    write_signal.cancel();
    ping_timer.cancel();
    handshake_timer.cancel();
  }
};

}  // namespace

struct Client::Impl {
  explicit Impl(Options opts)
      : options(std::move(opts)), backoff(options.backoff), retry_timer(io), work(asio::make_work_guard(io)) {
    if (!options.now_ms) options.now_ms = system_now_ms;
    if (!options.steady_ms) options.steady_ms = steady_now_ms;
    if (options.tls) tls_context = make_tls_context(options);
    state.connection.offline_since_ms = options.now_ms();
    if (!options.outbox_path.empty()) {
      auto loaded = load_outbox(options.outbox_path);
      if (!loaded) throw std::runtime_error("outbox: " + loaded.error());
      state.outbox = std::move(loaded.value());
      for (auto& pending : state.outbox) pending.req = next_req++;
      if (!state.outbox.empty()) {
        spdlog::info("net: {} unacknowledged order(s) from {} will be resent", state.outbox.size(),
                     options.outbox_path);
      }
    }
    asio::co_spawn(io, supervise(), asio::detached);
    thread = std::thread([this] { io.run(); });
  }

  ~Impl() {
    // Graceful: close the connection and cancel every timer on the network
    // thread, let the coroutines return, then join.
    asio::post(io, [this] {
      stopping = true;
      retry_timer.cancel();
      if (connection) connection->close("client stopped");
      work.reset();
    });
    thread.join();
  }

  // ---- shared with the UI thread (under mutex) ----

  void bump() { ++version; }  // callers hold mutex

  void push_event(Event event) {  // callers hold mutex
    if (events.size() >= kMaxEvents) {
      // A UI that never drains must not grow us without bound; the state
      // still holds what matters (orders, breaches).
      spdlog::warn("net: {} events not taken by the UI; dropping the oldest", events.size());
      events.erase(events.begin());
    }
    events.push_back(std::move(event));
  }

  RequestId new_req() { return next_req++; }  // atomic

  // Writes the outbox file; the persist mutex keeps writes in order so an
  // older copy never lands after a newer one.
  void persist_outbox() {
    if (options.outbox_path.empty()) return;
    std::lock_guard persist_lock(persist_mutex);
    std::vector<PendingOrder> copy;
    {
      std::lock_guard lock(mutex);
      copy = state.outbox;
    }
    auto saved = save_outbox(options.outbox_path, copy);
    if (!saved) {
      // The orders are still in memory and will be sent; only a restart of
      // the program before the server has them could lose them.
      spdlog::error("net: cannot save the outbox: {}", saved.error());
    }
  }

  // ---- network thread only ----

  void send(Connection& c, const core::ClientEnvelope& envelope) {
    if (!c.open) return;
    if (c.queue.size() >= kMaxQueuedFrames) {
      c.close("send queue full (server not reading)");
      return;
    }
    std::string frame = core::encode(envelope);
    frame.push_back('\n');
    c.queue.push_back(std::move(frame));
    c.write_signal.cancel();
  }

  asio::awaitable<void> writer(std::shared_ptr<Connection> c) {
    while (c->open) {
      if (c->queue.empty()) {
        c->write_signal.expires_at(asio::steady_timer::time_point::max());
        error_code ec;
        co_await c->write_signal.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        continue;  // woken by send() or close()
      }
      error_code ec;
      // One frame, one write: with TCP_NODELAY each request leaves at once.
      if (c->tls) {
        co_await asio::async_write(*c->tls, asio::buffer(c->queue.front()),
                                   asio::redirect_error(asio::use_awaitable, ec));
      } else {
        co_await asio::async_write(c->socket, asio::buffer(c->queue.front()),
                                   asio::redirect_error(asio::use_awaitable, ec));
      }
      if (ec) {
        c->close("write failed: " + ec.message());
        co_return;
      }
      c->queue.pop_front();
    }
  }

  asio::awaitable<void> pinger(std::shared_ptr<Connection> c) {
    while (c->open) {
      c->ping_timer.expires_after(options.ping_interval);
      error_code ec;
      co_await c->ping_timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      if (!c->open || stopping) co_return;
      const std::int64_t now = options.steady_ms();
      if (now - c->last_heard_steady_ms > options.silence_timeout.count()) {
        c->close(fmt::format("server silent for {} ms", now - c->last_heard_steady_ms));
        co_return;
      }
      const RequestId req = new_req();
      // Unanswered pings are not worth keeping: a late pong has a long RTT.
      while (c->pings.size() > 16) c->pings.erase(c->pings.begin());
      c->pings[req] = now;
      core::ClientEnvelope ping{req, core::Ping{}};
      send(*c, ping);
      flush_outbox(*c);  // retries orders the server asked us to slow down on
    }
  }

  // Sends every pending order not yet sent on this connection, once the
  // snapshot has told us what the server already has.
  void flush_outbox(Connection& c) {
    if (!c.open || !c.welcomed) return;
    std::vector<PendingOrder> pending;
    {
      std::lock_guard lock(mutex);
      if (!state.connection.synced) return;
      pending = state.outbox;
    }
    for (const auto& order : pending) {
      if (c.orders_sent.contains(order.order_id)) continue;
      c.orders_sent.insert(order.order_id);
      core::ClientEnvelope envelope{order.req, core::PlaceOrder{order.order_id, order.lines}};
      send(c, envelope);
    }
  }

  // Handles one line from the server. Returns false when the connection must
  // go (bad frame, fatal error).
  bool handle_line(Connection& c, std::string_view line) {
    // Both clocks read once, at the same moment: the monotonic one for the
    // silence detector and the round trip, the wall one for the offset.
    const std::int64_t steady_now = options.steady_ms();
    const std::int64_t wall_now = options.now_ms();
    c.last_heard_steady_ms = steady_now;
    auto decoded = core::decode_server_message(line);
    if (!decoded) {
      const std::string shown(line.substr(0, 200));
      spdlog::warn("net: bad frame from the server ({}): {}", decoded.error().error.message, shown);
      c.close("bad frame from the server: " + decoded.error().error.message);
      return false;
    }
    const core::ServerEnvelope& envelope = decoded.value();
    const auto* re = envelope.re ? std::get_if<std::int64_t>(&*envelope.re) : nullptr;
    if (re) c.outstanding.erase(*re);

    if (const auto* pong = std::get_if<core::Pong>(&envelope.message)) {
      const auto sent = re ? c.pings.find(*re) : c.pings.end();
      if (sent != c.pings.end()) {
        clock.add(ClockExchange{sent->second, steady_now, wall_now, pong->server_time_ms});
        c.pings.erase(sent);
        publish_clock();
      }
      return true;
    }
    if (const auto* error = std::get_if<core::ErrorMessage>(&envelope.message)) {
      if (is_fatal(error->error.code)) {
        spdlog::error("net: the server refused us ({}: {}); not retrying", core::to_string(error->error.code),
                      error->error.message);
        {
          std::lock_guard lock(mutex);
          state.connection.fatal = error->error;
          state.connection.last_error = fmt::format("{}: {}", core::to_string(error->error.code), error->error.message);
          push_event(Event{std::nullopt, *error});
          bump();
        }
        c.close(std::string(core::to_string(error->error.code)));
        return false;
      }
      if (error->error.code == core::ErrorCode::rate_limited && re) {
        // A rate-limited order stays pending; the next ping tick resends it.
        std::lock_guard lock(mutex);
        for (const auto& order : state.outbox) {
          if (order.req == *re) c.orders_sent.erase(order.order_id);
        }
      }
      if (closes_connection(error->error.code)) {
        spdlog::warn("net: the server will close the connection: {}: {}", core::to_string(error->error.code),
                     error->error.message);
      }
    }

    ApplyResult result;
    const auto* welcome = std::get_if<core::Welcome>(&envelope.message);
    if (welcome) {
      c.welcomed = true;
      c.handshake_timer.cancel();
      backoff.reset();
      clock.reset();  // maybe another machine: old samples mean nothing
      clock.add(ClockExchange{c.hello_sent_steady_ms, steady_now, wall_now, welcome->server_time_ms});
    }
    {
      std::lock_guard lock(mutex);
      result = apply_server_message(state, envelope);
      if (welcome) {
        const bool was_offline = !state.connection.connected;
        state.connection.connected = true;
        state.connection.synced = false;
        state.connection.offline_since_ms.reset();
        state.connection.reconnect_attempts = 0;
        if (was_offline) push_event(Event{std::nullopt, ConnectionChanged{true, {}}});
      }
      for (auto& event : result.events) push_event(std::move(event));
      bump();
    }
    if (welcome) {
      spdlog::info("net: connected to {}:{} as {}{}", options.host, options.port, core::to_string(welcome->role),
                   welcome->table ? " table " + *welcome->table : std::string());
      publish_clock();
      asio::co_spawn(io, pinger(connection), asio::detached);
    }
    if (result.outbox_changed) persist_outbox();
    if (result.snapshot_received) flush_outbox(c);
    return true;
  }

  void publish_clock() {
    const auto best = clock.best();
    if (!best) return;
    // Kept against the monotonic clock, which the wall clock may be stepped
    // away from at any time: clock_offset_ms() re-bases it to the wall clock
    // of the moment it is asked.
    server_minus_steady_ms.store(best->offset_ms + best->wall_minus_steady_ms);
    std::lock_guard lock(mutex);
    if (state.clock_offset_ms != best->offset_ms || state.clock_rtt_ms != best->rtt_ms) {
      state.clock_offset_ms = best->offset_ms;
      state.clock_rtt_ms = best->rtt_ms;
      bump();
    }
  }

  // One connection from resolve to loss. Returns why it ended, with the
  // connection closed (its timers cancelled) whichever way it ended.
  asio::awaitable<std::string> run_connection() {
    auto c = std::make_shared<Connection>(io);
    connection = c;
    const std::string reason = co_await serve(c);
    c->close(reason);
    co_return c->loss_reason;
  }

  asio::awaitable<std::string> serve(std::shared_ptr<Connection> c) {
    // A connect or handshake that hangs (a server that accepts and never
    // answers) is a loss like any other.
    c->handshake_timer.expires_after(options.connect_timeout);
    c->handshake_timer.async_wait([c](error_code ec) {
      if (!ec) c->close("connect or handshake timed out");
    });

    error_code ec;
    const auto endpoints = co_await c->resolver.async_resolve(options.host, std::to_string(options.port),
                                                              asio::redirect_error(asio::use_awaitable, ec));
    if (ec || !c->open) co_return c->open ? "cannot resolve " + options.host + ": " + ec.message() : c->loss_reason;
    co_await asio::async_connect(c->socket, endpoints, asio::redirect_error(asio::use_awaitable, ec));
    if (ec || !c->open) co_return c->open ? "cannot connect: " + ec.message() : c->loss_reason;
    c->socket.set_option(tcp::no_delay(true), ec);
    if (ec) spdlog::warn("net: cannot set TCP_NODELAY: {}", ec.message());
    if (tls_context) {
      const std::string failed = co_await tls_handshake(*c);
      if (!failed.empty() || !c->open) co_return c->open ? failed : c->loss_reason;
    }

    asio::co_spawn(io, writer(c), asio::detached);
    c->hello_sent_steady_ms = options.steady_ms();
    c->last_heard_steady_ms = c->hello_sent_steady_ms;
    core::ClientEnvelope hello{new_req(),
                               core::Hello{core::kProtocolVersion, options.role, options.device, options.token}};
    send(*c, hello);

    std::string buffer;
    while (c->open) {
      // One byte over the limit is enough to know the line is too long.
      auto limited = asio::dynamic_buffer(buffer, core::kMaxServerFrameBytes + 1);
      const std::size_t n = c->tls ? co_await asio::async_read_until(*c->tls, limited, '\n',
                                                                     asio::redirect_error(asio::use_awaitable, ec))
                                   : co_await asio::async_read_until(c->socket, limited, '\n',
                                                                     asio::redirect_error(asio::use_awaitable, ec));
      if (ec) {
        if (ec == asio::error::eof) {
          c->close("server closed the connection");
        } else if (ec == asio::error::not_found) {
          c->close("frame from the server over the size limit");
        } else {
          c->close("read failed: " + ec.message());
        }
        break;
      }
      std::string_view line(buffer.data(), n - 1);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      const bool keep = handle_line(*c, line);
      buffer.erase(0, n);
      if (!keep) break;
    }
    co_return c->loss_reason;
  }

  // Returns why the handshake failed, or nothing. Verifies the certificate
  // (unless told not to) and that it names options.host; sends SNI for a
  // host name (never for an IP address, RFC 6066).
  asio::awaitable<std::string> tls_handshake(Connection& c) {
    c.tls = std::make_unique<asio::ssl::stream<tcp::socket&>>(c.socket, *tls_context);
    if (options.tls_verify) {
      // A name mismatch gets its own reason, not "unspecified", in the error.
      c.tls->set_verify_callback([check = asio::ssl::host_name_verification(options.host)](
                                     bool preverified, asio::ssl::verify_context& context) {
        const bool ok = check(preverified, context);
        if (preverified && !ok) X509_STORE_CTX_set_error(context.native_handle(), X509_V_ERR_HOSTNAME_MISMATCH);
        return ok;
      });
    } else {
      spdlog::warn("net: TLS certificate verification is OFF: anyone can pose as {}:{}", options.host, options.port);
    }
    error_code ec;
    asio::ip::make_address(options.host, ec);
    if (ec && SSL_set_tlsext_host_name(c.tls->native_handle(), options.host.c_str()) != 1) {
      co_return "tls: cannot set the server name " + options.host;
    }
    co_await c.tls->async_handshake(asio::ssl::stream_base::client, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
      const long verified = SSL_get_verify_result(c.tls->native_handle());
      std::string why = ec.message();
      if (verified != X509_V_OK) why += std::string(" (") + X509_verify_cert_error_string(verified) + ")";
      co_return "TLS handshake with " + options.host + " failed: " + why;
    }
    co_return std::string();
  }

  void go_offline(Connection& c, const std::string& reason) {
    std::lock_guard lock(mutex);
    // A wall time: it is shown as a time of day, never subtracted.
    if (!state.connection.offline_since_ms) state.connection.offline_since_ms = options.now_ms();
    const bool was_connected = state.connection.connected;
    state.connection.connected = false;
    state.connection.synced = false;
    state.connection.last_error = state.connection.fatal ? state.connection.last_error : reason;
    ++state.connection.reconnect_attempts;
    for (const RequestId req : c.outstanding) {
      push_event(Event{req, RequestFailed{"connection lost before the reply: " + reason}});
    }
    if (was_connected) push_event(Event{std::nullopt, ConnectionChanged{false, reason}});
    bump();
  }

  asio::awaitable<void> supervise() {
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    while (!stopping) {
      const std::string reason = co_await run_connection();
      auto c = connection;
      connection.reset();
      if (stopping) break;
      go_offline(*c, reason);
      {
        std::lock_guard lock(mutex);
        if (state.connection.fatal) co_return;  // the UI shows it; retrying would only hammer the server
      }
      const auto delay = backoff.next(unit(rng));
      spdlog::warn("net: offline ({}); retrying in {} ms", reason, delay.count());
      retry_timer.expires_after(delay);
      error_code ec;
      co_await retry_timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
  }

  // Runs on the network thread: the connection may have died since the UI
  // thread looked.
  void send_request(RequestId req, core::ClientMessage message) {
    auto c = connection;
    if (!c || !c->open || !c->welcomed) {
      std::lock_guard lock(mutex);
      push_event(Event{req, RequestFailed{"offline"}});
      return;
    }
    c->outstanding.insert(req);
    core::ClientEnvelope envelope{req, std::move(message)};
    send(*c, envelope);
  }

  Options options;
  std::unique_ptr<asio::ssl::context> tls_context;  // null: plain TCP
  asio::io_context io;

  // Network thread only.
  std::shared_ptr<Connection> connection;
  ClockOffsetEstimator clock;
  Backoff backoff;
  std::mt19937 rng{std::random_device{}()};
  asio::steady_timer retry_timer;
  bool stopping = false;
  asio::executor_work_guard<asio::io_context::executor_type> work;

  // Shared.
  mutable std::mutex mutex;
  std::mutex persist_mutex;  // taken before mutex, never after
  State state;
  std::uint64_t version = 1;
  std::vector<Event> events;
  std::atomic<RequestId> next_req{1};
  std::atomic<std::int64_t> server_minus_steady_ms{kNoClockSample};

  // Server − wall clock for a wall clock reading `wall` (now), or 0 before
  // the first sample.
  std::int64_t offset_at(std::int64_t wall) const {
    const std::int64_t server_minus_steady = server_minus_steady_ms.load();
    if (server_minus_steady == kNoClockSample) return 0;
    return server_minus_steady - (wall - options.steady_ms());
  }

  std::thread thread;  // last: starts after everything above exists
};

Client::Client(Options options) : impl_(std::make_unique<Impl>(std::move(options))) {}
Client::~Client() = default;

std::uint64_t Client::version() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->version;
}

State Client::snapshot() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->state;
}

bool Client::copy_if_changed(State& out, std::uint64_t& seen) const {
  std::lock_guard lock(impl_->mutex);
  if (impl_->version == seen) return false;
  out = impl_->state;
  seen = impl_->version;
  return true;
}

std::vector<Event> Client::take_events() {
  std::lock_guard lock(impl_->mutex);
  std::vector<Event> taken;
  taken.swap(impl_->events);
  return taken;
}

bool Client::connected() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->state.connection.connected;
}

std::string Client::last_error() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->state.connection.last_error;
}

std::optional<std::int64_t> Client::offline_since_ms() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->state.connection.offline_since_ms;
}

std::optional<core::Error> Client::fatal_error() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->state.connection.fatal;
}

std::int64_t Client::server_now_ms() const {
  const std::int64_t wall = impl_->options.now_ms();
  return wall + impl_->offset_at(wall);
}

std::int64_t Client::clock_offset_ms() const { return impl_->offset_at(impl_->options.now_ms()); }

std::string Client::place_order(std::vector<core::LineRequest> lines) {
  // random_generator is not thread-safe; one per call is cheap next to a
  // network round trip.
  boost::uuids::random_generator generate;
  PendingOrder order;
  order.order_id = boost::uuids::to_string(generate());
  order.lines = std::move(lines);
  order.created_ms = impl_->options.now_ms();  // wall: it outlives this process in the outbox file
  order.req = impl_->new_req();
  {
    std::lock_guard lock(impl_->mutex);
    impl_->state.outbox.push_back(order);
    impl_->bump();
  }
  // On disk before we return: a crash right after the tap must not lose it.
  impl_->persist_outbox();
  asio::post(impl_->io, [impl = impl_.get()] {
    if (impl->connection) impl->flush_outbox(*impl->connection);
  });
  return order.order_id;
}

RequestId Client::request(core::ClientMessage message) {
  const RequestId req = impl_->new_req();
  if (std::holds_alternative<core::Hello>(message) || std::holds_alternative<core::PlaceOrder>(message)) {
    std::lock_guard lock(impl_->mutex);
    impl_->push_event(Event{req, RequestFailed{"use place_order for orders; the client says hello itself"}});
    return req;
  }
  {
    std::lock_guard lock(impl_->mutex);
    if (!impl_->state.connection.connected) {
      impl_->push_event(Event{req, RequestFailed{"offline"}});
      return req;
    }
  }
  asio::post(impl_->io, [impl = impl_.get(), req, message = std::move(message)]() mutable {
    impl->send_request(req, std::move(message));
  });
  return req;
}

}  // namespace hourglass::net
