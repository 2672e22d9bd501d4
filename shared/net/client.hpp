#pragma once
// The client side of the Hourglass protocol, shared by every screen.
//
// A Client owns one network thread (an Asio io_context) that connects, says
// hello, keeps the state up to date, pings for the clock offset, reconnects
// with backoff after any loss, and resends unacknowledged orders with their
// own order_id (the server makes resends idempotent). The UI thread never
// touches a socket: it calls the thread-safe methods below, copies the state
// when its version changed, and drains events once per frame.
//
// Inside, two parts: the transport (connection.hpp: one connection's socket,
// TLS, framing, pings and silence) and the supervision (client.cpp:
// reconnects, the outbox, requests awaiting replies, the State).
//
//   net::Client client(options);                  // starts connecting at once
//   net::State state; std::uint64_t seen = 0;
//   while (running) {
//     client.copy_if_changed(state, seen);        // cheap when nothing changed
//     for (auto& event : client.take_events()) handle(event);
//     draw(state, client.server_now_ms());
//   }                                             // ~Client stops and joins

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/core/order.hpp"
#include "shared/core/protocol.hpp"
#include "shared/core/result.hpp"
#include "shared/net/backoff.hpp"
#include "shared/net/client_state.hpp"
#include "shared/net/kitchen_link.hpp"

namespace hourglass::net {

struct ServerAddress {
  std::string host;
  std::uint16_t port = core::kDefaultPort;
  bool operator==(const ServerAddress&) const = default;
};

// "host:port", "host" (default port 7015), "[::1]:7015". The error says why.
core::Result<ServerAddress, std::string> parse_server_address(std::string_view text);

// Every member has a default, so options name only what they set:
//   net::Client client(net::Options{.port = port, .role = core::Role::kds, .token = token});
struct Options {
  std::string host = "127.0.0.1";
  std::uint16_t port = core::kDefaultPort;
  core::Role role = core::Role::table;
  std::string token{};
  std::string device = "hourglass";
  // Where unacknowledged orders are kept (JSON, replaced atomically) so a
  // restarted program resends them; empty keeps them in memory only.
  std::string outbox_path{};
  BackoffOptions backoff{};
  std::chrono::milliseconds ping_interval{3000};
  // A connect or handshake that takes longer is a loss; so is a connection
  // that has been silent (no pong either) for this long.
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds silence_timeout{10000};
  // TLS: the server's certificate is verified against ca_file (PEM), or the
  // system's trusted CAs when it is empty, and must name `host`.
  // tls_verify = false accepts any certificate (a warning on every connect).
  bool tls = false;
  std::string ca_file{};
  bool tls_verify = true;
  // The two local clocks; tests may inject either. now_ms is the wall clock
  // (ms since the epoch): it is only added to the clock offset for the
  // server's time and shown (offline since 12:34, an order's creation time,
  // kept in the outbox file across restarts). steady_ms is a monotonic clock
  // (ms since any fixed point; it never steps): every duration is measured on
  // it (the server's silence, the round trip of a ping), so a wall clock set
  // back an hour cannot make a dead connection look alive for an hour.
  std::function<std::int64_t()> now_ms{};
  std::function<std::int64_t()> steady_ms{};
};

class Client final : public KitchenLink {
 public:
  // Loads the outbox file if any, then starts the network thread, which
  // connects at once. Throws std::runtime_error if the outbox file exists
  // but cannot be read (an unreadable outbox must not be silently dropped),
  // or if TLS is on and ca_file cannot be loaded.
  explicit Client(Options options);
  // Stops the network thread and joins it. Pending orders stay in the
  // outbox file.
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // ---- state (any thread) ----

  // Bumped on every change of the state.
  std::uint64_t version() const override;
  State snapshot() const;
  // Copies the state into `out` only if the version moved past `seen`;
  // returns whether it copied and updates `seen`.
  bool copy_if_changed(State& out, std::uint64_t& seen) const override;
  // Everything that happened since the last call, oldest first.
  std::vector<Event> take_events() override;

  bool connected() const;
  std::string last_error() const;
  // Wall clock, for display ("offline since 12:34:56").
  std::optional<std::int64_t> offline_since_ms() const;
  // unauthorized / unsupported_proto: the client gave up retrying.
  std::optional<core::Error> fatal_error() const;

  // The wall clock + the best recent offset: the server's clock, for
  // countdowns (core::remaining_ms(order, client.server_now_ms())).
  std::int64_t server_now_ms() const override;
  // Server − wall clock, re-based to the wall clock as it stands now: right
  // away after the wall clock is stepped, without waiting for a pong.
  std::int64_t clock_offset_ms() const override;

  // ---- requests (any thread) ----

  // Creates the order with a fresh UUID, puts it in the outbox (persisted
  // before returning, when an outbox path is set) and sends it as soon as
  // connected. Returns the order_id. Its fate arrives as OrderAccepted or
  // OrderRejected, tagged with the req in the PendingOrder.
  std::string place_order(std::vector<core::LineRequest> lines, std::optional<int> party_size = std::nullopt) override;

  // Any other request (cancel_line, mark_line, rush, call_waiter,
  // close_table, get_bill, get_breach_log, comp_line, recall_line,
  // get_history). Returns the req used; the reply comes back as an Event with
  // that req (or as a state change, for `order` replies). Offline, it fails
  // at once with a RequestFailed event rather than being queued. A Hello or a
  // PlaceOrder passed here is refused the same way (use place_order).
  RequestId request(core::ClientMessage message) override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace hourglass::net
