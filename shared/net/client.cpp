// The supervision of net::Client: it keeps one Connection (connection.hpp,
// the transport) going, and everything that outlives a connection. It
// reconnects with backoff after any loss, and stops for good on a fatal
// refusal; keeps the outbox (placed orders not yet acknowledged, on disk when
// asked) and sends each of them once per connection with its own order_id
// until the server answers; keeps the requests awaiting a reply and fails
// them when the connection dies first; and applies what the server says to
// the State the UI copies, under one mutex, with the events it drains.

#include "shared/net/client.hpp"

#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/uuid/uuid.hpp>
#include <boost/uuid/uuid_generators.hpp>
#include <boost/uuid/uuid_io.hpp>
#include <limits>
#include <mutex>
#include <random>
#include <set>
#include <stdexcept>
#include <thread>

#include "shared/net/connection.hpp"
#include "shared/net/outbox.hpp"

namespace hourglass::net {
namespace asio = boost::asio;
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

constexpr std::size_t kMaxEvents = 10000;

bool is_fatal(core::ErrorCode code) {
  return code == core::ErrorCode::unauthorized || code == core::ErrorCode::unsupported_proto;
}

}  // namespace

struct Client::Impl {
  explicit Impl(Options opts)
      : options(std::move(opts)), backoff(options.backoff), retry_timer(io), work(asio::make_work_guard(io)) {
    if (!options.now_ms) options.now_ms = system_now_ms;
    if (!options.steady_ms) options.steady_ms = steady_now_ms;
    if (options.tls) tls_context = make_tls_context(options.tls_verify, options.ca_file);
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

  // Reconnects after every loss, with backoff, until stopped or refused.
  asio::awaitable<void> supervise() {
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    while (!stopping) {
      const std::string reason = co_await run_connection();
      connection.reset();
      if (stopping) break;
      go_offline(reason);
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

  // One connection from connect to loss; returns why it ended.
  asio::awaitable<std::string> run_connection() {
    ConnectionOptions transport;
    transport.host = options.host;
    transport.port = options.port;
    transport.tls = tls_context.get();
    transport.tls_verify = options.tls_verify;
    transport.ping_interval = options.ping_interval;
    transport.connect_timeout = options.connect_timeout;
    transport.silence_timeout = options.silence_timeout;
    transport.now_ms = options.now_ms;
    transport.steady_ms = options.steady_ms;
    transport.new_req = [this] { return new_req(); };
    ConnectionCallbacks callbacks;
    callbacks.on_message = [this](const core::ServerEnvelope& envelope) { handle_message(envelope); };
    callbacks.on_clock = [this](const ClockSample& best) { publish_clock(best); };
    // Retries orders the server asked us to slow down on.
    callbacks.on_tick = [this] { flush_outbox(); };
    outstanding.clear();
    orders_sent.clear();
    connection = std::make_shared<Connection>(io, std::move(transport), std::move(callbacks));
    // Named, not a temporary: g++ 12 destroys some temporaries of a coroutine twice.
    core::Hello hello{core::kProtocolVersion, options.role, options.device, options.token};
    co_return co_await connection->run(std::move(hello));
  }

  void go_offline(const std::string& reason) {
    std::lock_guard lock(mutex);
    // A wall time: it is shown as a time of day, never subtracted.
    if (!state.connection.offline_since_ms) state.connection.offline_since_ms = options.now_ms();
    const bool was_connected = state.connection.connected;
    state.connection.connected = false;
    state.connection.synced = false;
    state.connection.last_error = state.connection.fatal ? state.connection.last_error : reason;
    ++state.connection.reconnect_attempts;
    for (const RequestId req : outstanding) {
      push_event(Event{req, RequestFailed{"connection lost before the reply: " + reason}});
    }
    outstanding.clear();
    if (was_connected) push_event(Event{std::nullopt, ConnectionChanged{false, reason}});
    bump();
  }

  // Sends every pending order not yet sent on this connection, once the
  // snapshot has told us what the server already has.
  void flush_outbox() {
    if (!connection || !connection->open() || !connection->welcomed()) return;
    std::vector<PendingOrder> pending;
    {
      std::lock_guard lock(mutex);
      if (!state.connection.synced) return;
      pending = state.outbox;
    }
    for (const auto& order : pending) {
      if (orders_sent.contains(order.order_id)) continue;
      orders_sent.insert(order.order_id);
      connection->send(core::ClientEnvelope{order.req, core::PlaceOrder{order.order_id, order.lines, order.party_size}});
    }
  }

  // The connection may have died since the UI thread looked.
  void send_request(RequestId req, core::ClientMessage message) {
    if (!connection || !connection->open() || !connection->welcomed()) {
      std::lock_guard lock(mutex);
      push_event(Event{req, RequestFailed{"offline"}});
      return;
    }
    outstanding.insert(req);
    connection->send(core::ClientEnvelope{req, std::move(message)});
  }

  // One message from the server (a pong never comes here: the connection
  // keeps the clock).
  void handle_message(const core::ServerEnvelope& envelope) {
    const auto* re = envelope.re ? std::get_if<std::int64_t>(&*envelope.re) : nullptr;
    if (re) outstanding.erase(*re);

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
        connection->close(std::string(core::to_string(error->error.code)));
        return;
      }
      if (error->error.code == core::ErrorCode::rate_limited && re) {
        // A rate-limited order stays pending; the next tick resends it.
        std::lock_guard lock(mutex);
        for (const auto& order : state.outbox) {
          if (order.req == *re) orders_sent.erase(order.order_id);
        }
      }
      if (closes_connection(error->error.code)) {
        spdlog::warn("net: the server will close the connection: {}: {}", core::to_string(error->error.code),
                     error->error.message);
      }
    }

    const auto* welcome = std::get_if<core::Welcome>(&envelope.message);
    if (welcome) backoff.reset();
    ApplyResult result;
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
    }
    if (result.outbox_changed) persist_outbox();
    if (result.snapshot_received) flush_outbox();
  }

  void publish_clock(const ClockSample& best) {
    // Kept against the monotonic clock, which the wall clock may be stepped
    // away from at any time: clock_offset_ms() re-bases it to the wall clock
    // of the moment it is asked.
    server_minus_steady_ms.store(best.offset_ms + best.wall_minus_steady_ms);
    std::lock_guard lock(mutex);
    if (state.clock_offset_ms != best.offset_ms || state.clock_rtt_ms != best.rtt_ms) {
      state.clock_offset_ms = best.offset_ms;
      state.clock_rtt_ms = best.rtt_ms;
      bump();
    }
  }

  Options options;
  std::unique_ptr<asio::ssl::context> tls_context;  // null: plain TCP
  asio::io_context io;

  // Network thread only.
  std::shared_ptr<Connection> connection;  // the current one, while it runs
  // Requests (not pings, not orders) sent on it and awaiting a reply: failed
  // if it dies first, so the UI does not wait forever.
  std::set<RequestId> outstanding;
  std::set<std::string> orders_sent;  // order_ids sent on it
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

namespace {

// spdlog's registry is made on first use. Made here, on the thread that
// builds the client and before its io thread starts, two clients' io threads
// never race to make it (the library does guard that, but out of
// ThreadSanitizer's sight, which then reports a race).
Options with_logging_ready(Options options) {
  (void)spdlog::default_logger_raw();
  return options;
}

}  // namespace

Client::Client(Options options) : impl_(std::make_unique<Impl>(with_logging_ready(std::move(options)))) {}
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

std::string new_order_id() {
  // random_generator is not thread-safe; one per call is cheap next to a
  // network round trip.
  boost::uuids::random_generator generate;
  return boost::uuids::to_string(generate());
}

std::string Client::place_order(std::vector<core::LineRequest> lines, std::optional<int> party_size) {
  PendingOrder order;
  order.order_id = new_order_id();
  order.lines = std::move(lines);
  order.party_size = party_size;
  order.created_ms = impl_->options.now_ms();  // wall: it outlives this process in the outbox file
  order.req = impl_->new_req();
  {
    std::lock_guard lock(impl_->mutex);
    impl_->state.outbox.push_back(order);
    impl_->bump();
  }
  // On disk before we return: a crash right after the tap must not lose it.
  impl_->persist_outbox();
  asio::post(impl_->io, [impl = impl_.get()] { impl->flush_outbox(); });
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
