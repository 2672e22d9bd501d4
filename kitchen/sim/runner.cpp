#include "kitchen/sim/runner.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <deque>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <thread>

#include "kitchen/bench/machine_limits.hpp"
#include "shared/core/config.hpp"
#include "shared/core/feedback.hpp"
#include "shared/core/money.hpp"
#include "shared/net/client.hpp"
#include "tests/kit/kitchen_process.hpp"

namespace hourglass::sim {

namespace {

// Mixed into the seed of the guests' voice streams (surveys, complaints, the
// manager's answers), so they are independent of the parties' own.
constexpr std::uint64_t kVoiceSeed = 0x766f696365ULL;  // "voice"

using Clock = std::chrono::steady_clock;

double ms_between(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

struct Tokens {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;
  std::vector<std::pair<std::string, std::string>> tables;  // token, table
  std::string kds;
  std::string manager;
};

// A server of our own: tables 1..N, one kitchen display, one manager; a
// promise of promise_s / speed; limits high enough for a whole kitchen.
std::filesystem::path write_config(const std::filesystem::path& dir, const SimOptions& options) {
  const Scenario& s = options.scenario;
  nlohmann::json promise{{"seconds", std::max<std::int64_t>(1, std::llround(s.promise_s / options.speed))},
                         {"policy", s.policy}};
  if (s.policy == "bill_percent") promise["pay_percent"] = 80;
  nlohmann::json devices = nlohmann::json::array();
  for (int t = 1; t <= s.tables; ++t) {
    devices.push_back({{"token", fmt::format("sim-table-{}", t)}, {"role", "table"}, {"table", std::to_string(t)}});
  }
  devices.push_back({{"token", "sim-kitchen-display"}, {"role", "kds"}});
  devices.push_back({{"token", "sim-manager-console"}, {"role", "manager"}});
  const nlohmann::json config{
      {"listen", "127.0.0.1:0"},
      {"database", "kitchen.db"},
      {"menu", std::filesystem::absolute(options.menu_path).string()},
      {"promise", promise},
      {"log_level", "warn"},
      {"limits", {{"requests_per_second", 1000}, {"burst", 1000}, {"max_connections", 12000}}},
      {"devices", devices}};
  const auto path = dir / "kitchen.json";
  std::ofstream(path) << config.dump(2) << "\n";
  return path;
}

Tokens tokens_from_config(const SimOptions& options) {
  auto config = core::load_server_config(options.config_path.string());
  if (!config) throw std::runtime_error(config.error());
  auto address = net::parse_server_address(options.server);
  if (!address) throw std::runtime_error("--server " + options.server + ": " + address.error());
  Tokens tokens;
  tokens.host = address->host;
  tokens.port = address->port;
  for (const core::Device& device : config->devices) {
    if (device.role == core::Role::table && device.table &&
        static_cast<int>(tokens.tables.size()) < options.scenario.tables) {
      tokens.tables.emplace_back(device.token, *device.table);
    }
    if (device.role == core::Role::kds && tokens.kds.empty()) tokens.kds = device.token;
    if (device.role == core::Role::manager && tokens.manager.empty()) tokens.manager = device.token;
  }
  if (tokens.tables.empty() || tokens.kds.empty() || tokens.manager.empty()) {
    throw std::runtime_error(options.config_path.string() +
                             ": the simulator needs table, kds and manager devices in the config");
  }
  return tokens;
}

std::unique_ptr<net::Client> connect(const Tokens& tokens, core::Role role, const std::string& token,
                                     const std::string& device) {
  net::Options o;
  o.host = tokens.host;
  o.port = tokens.port;
  o.role = role;
  o.token = token;
  o.device = device;
  return std::make_unique<net::Client>(std::move(o));
}

struct Party {
  std::size_t table = 0;  // index into the tablets
  int size = 1;
  int rounds_left = 1;
  enum class Phase { thinking, eating, between, lingering } phase = Phase::thinking;
  double next_s = 0;  // restaurant time of the next step
  std::string order_id;
  std::optional<double> rush_at_s;
  std::optional<double> waiter_at_s;
  Random random;  // this party's own stream (party_random)
  // The guest's voice, from a stream of its own so that it changes nothing
  // else the party does: whether a broken promise made it complain, and
  // whether some order of its bill broke the promise (for the survey).
  Random voice;
  bool broke_promise = false;
  bool complained = false;
};

struct Answer {
  std::int64_t complaint_id = 0;
  double at_s = 0;  // restaurant time the manager answers it
};

struct Cook {
  std::string line_id;  // empty: free
  Clock::time_point done_at;
};

struct Serve {
  std::string line_id;
  Clock::time_point at;
};

bool every_line_done(const core::Order& order) {
  for (const core::OrderLine& line : order.lines) {
    if (line.state != core::LineState::served && line.state != core::LineState::cancelled) return false;
  }
  return true;
}

}  // namespace

SimReport run_simulation(const SimOptions& options) {
  const Scenario& s = options.scenario;
  if (options.speed <= 0) throw std::runtime_error("speed must be above 0");
  SimReport report;
  report.scenario = s.name;
  report.policy = std::string(to_string(options.policy));
  report.seed = options.seed;
  report.speed = options.speed;

  // ---- the server ----
  std::filesystem::path dir = options.work_dir;
  const bool own_dir = dir.empty();
  if (own_dir) dir = std::filesystem::temp_directory_path() / fmt::format("hourglass-sim-{}", ::getpid());
  std::optional<test::KitchenProcess> server;
  Tokens tokens;
  if (options.server.empty()) {
    std::filesystem::create_directories(dir);
    test::KitchenLaunch launch;
    launch.binary = options.kitchen_binary;
    launch.config = write_config(dir, options);
    server.emplace(launch);
    tokens.port = server->port();
    for (int t = 1; t <= s.tables; ++t) tokens.tables.emplace_back(fmt::format("sim-table-{}", t), std::to_string(t));
    tokens.kds = "sim-kitchen-display";
    tokens.manager = "sim-manager-console";
  } else {
    tokens = tokens_from_config(options);
  }

  std::map<std::string, Clock::time_point> placed_at;
  std::set<std::string> acknowledged;
  std::map<std::string, int> breach_pushes;
  std::set<std::string> kept, seen_on_display;
  std::set<std::string> promised_orders, open_at_end;  // for the on-time count
  std::vector<double> accept_ms, display_ms, breach_lag_ms;
  const auto started = Clock::now();
  {
    std::vector<std::unique_ptr<net::Client>> tablets;
    for (const auto& [token, table] : tokens.tables) {
      tablets.push_back(connect(tokens, core::Role::table, token, "sim-table-" + table));
    }
    auto kds = connect(tokens, core::Role::kds, tokens.kds, "sim-kitchen-display");
    auto manager = connect(tokens, core::Role::manager, tokens.manager, "sim-manager-console");
    std::vector<net::State> tablet_state(tablets.size());
    std::vector<std::uint64_t> tablet_seen(tablets.size(), 0);
    std::vector<bool> was_connected(tablets.size() + 2, false);
    net::State kds_state;
    std::uint64_t kds_seen = 0;

    // Everyone connected, with the menu.
    const auto ready_by = Clock::now() + std::chrono::seconds(30);
    while (true) {
      bool ready = kds->connected() && manager->connected();
      for (auto& tablet : tablets) ready = ready && tablet->connected();
      kds->copy_if_changed(kds_state, kds_seen);
      if (ready && kds_state.menu) break;
      if (Clock::now() > ready_by) throw std::runtime_error("the simulator's devices could not connect in 30 s");
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    std::fill(was_connected.begin(), was_connected.end(), true);
    const core::Menu menu = *kds_state.menu;

    Random arrivals(options.seed);
    std::uint64_t parties_arrived = 0;
    std::deque<std::pair<Random, Random>> waitlist;  // parties with no table yet, each with its streams
    std::vector<Answer> answers;                     // complaints the manager will answer
    std::set<std::int64_t> complaints_seen;
    // How long each line of each order will take its cook, drawn from the
    // party's stream when the round is ordered (by line index), so that
    // which cook takes it, and when, does not change how long it takes.
    std::map<std::string, std::vector<double>> cook_s;
    std::vector<std::optional<Party>> seated(tablets.size());
    std::vector<std::size_t> free_tables;
    for (std::size_t t = tablets.size(); t-- > 0;) free_tables.push_back(t);
    // Places per station: the scenario's, else the menu's `cooks` (what the
    // server's kitchen load and the display's schedule count too).
    std::map<std::string, std::vector<Cook>> cooks;
    std::map<std::string, int> places;
    for (const core::MenuGroup& station : menu.stations) {
      const auto named = s.cooks.find(station.id);
      places[station.id] = named != s.cooks.end() ? named->second : core::station_cooks(menu, station.id);
      cooks[station.id].resize(static_cast<std::size_t>(places[station.id]));
    }
    // For the spread: each line's order, and when each order's lines were served.
    std::map<std::string, std::string> order_of_line;
    struct Served {
      double first_s = 0;
      double last_s = 0;
      std::size_t lines = 0;
    };
    std::map<std::string, Served> served;
    // Every line a cook has started, kept for the whole run (line ids are
    // unique), so a display state that lags behind our own marks never
    // offers a line twice.
    std::set<std::string> taken;
    std::deque<Serve> serving;
    std::optional<double> next_party = next_arrival(s, 0.0, arrivals);
    const auto sim_seconds = [&] { return ms_between(started, Clock::now()) / 1000.0 * options.speed; };
    const auto wall_for = [&](double restaurant_s) {
      return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(restaurant_s / options.speed));
    };
    Random unplanned(options.seed ^ 0x5eedu);  // a line placed by someone else (on --server)
    const auto planned_cook_seconds = [&](const core::NextLine& next) {
      const auto planned = cook_s.find(next.order->order_id);
      const auto index = static_cast<std::size_t>(next.line - next.order->lines.data());
      if (planned != cook_s.end() && index < planned->second.size()) return planned->second[index];
      return cook_seconds(menu, next.line->item, s.prep_spread, unplanned);
    };
    const double hard_stop_s = s.duration_s + 4.0 * s.promise_s + s.linger_s + s.round_gap_s.max * s.rounds.max;
    auto last_progress = Clock::now();
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    Random manager_random = party_random(options.seed ^ kVoiceSeed, UINT64_MAX);

    auto seat = [&](Random random, Random voice, double now_s) {
      const std::size_t table = free_tables.back();
      free_tables.pop_back();
      Party party;
      party.table = table;
      party.size = std::uniform_int_distribution<int>(s.party_size.min, s.party_size.max)(random);
      party.rounds_left = std::uniform_int_distribution<int>(s.rounds.min, s.rounds.max)(random);
      party.next_s = now_s + s.think_s;
      if (unit(random) < s.waiter_chance) party.waiter_at_s = now_s + s.think_s * unit(random);
      party.random = std::move(random);
      party.voice = std::move(voice);
      seated[table] = std::move(party);
    };
    auto place_round = [&](Party& party, double now_s, bool first) {
      auto lines = order_round(menu, s, party.size, first, party.random);
      std::vector<double> seconds;
      bool promised = false;
      bool could_be_on_time = true;
      for (const core::LineRequest& line : lines) {
        seconds.push_back(cook_seconds(menu, line.item, s.prep_spread, party.random));
        const core::MenuItem* item = menu.find(line.item);
        if (item == nullptr || !item->promised) continue;
        promised = true;
        if (seconds.back() + s.serve_s > s.promise_s) could_be_on_time = false;
      }
      if (promised) {
        ++report.orders_promised;
        if (could_be_on_time) ++report.orders_could_be_on_time;
      }
      const std::string id = tablets[party.table]->place_order(std::move(lines));
      if (promised) promised_orders.insert(id);
      cook_s[id] = std::move(seconds);
      placed_at[id] = Clock::now();
      ++report.orders_placed;
      party.order_id = id;
      party.phase = Party::Phase::eating;
      --party.rounds_left;
      party.rush_at_s.reset();
      if (unit(party.random) < s.rush_chance) party.rush_at_s = now_s + 0.6 * s.promise_s;
    };

    while (true) {
      const double now_s = sim_seconds();
      const auto now = Clock::now();
      // Arrivals: seated at a free table, or they wait for one.
      while (next_party && *next_party <= now_s) {
        ++report.parties;
        waitlist.push_back({party_random(options.seed, parties_arrived), party_random(options.seed ^ kVoiceSeed, parties_arrived)});
        ++parties_arrived;
        next_party = next_arrival(s, *next_party, arrivals);
      }
      while (!waitlist.empty() && !free_tables.empty()) {
        seat(std::move(waitlist.front().first), std::move(waitlist.front().second), now_s);
        waitlist.pop_front();
      }

      // The tablets: acknowledgements, refusals, and what the diners do next.
      for (std::size_t t = 0; t < tablets.size(); ++t) {
        tablets[t]->copy_if_changed(tablet_state[t], tablet_seen[t]);
        const bool connected = tablet_state[t].connection.connected;
        if (was_connected[t] && !connected) ++report.reconnects;
        was_connected[t] = connected;
        for (net::Event& event : tablets[t]->take_events()) {
          if (auto* accepted = std::get_if<net::OrderAccepted>(&event.payload)) {
            const auto placed = placed_at.find(accepted->order.order_id);
            if (placed != placed_at.end() && acknowledged.insert(accepted->order.order_id).second) {
              accept_ms.push_back(ms_between(placed->second, now));
            }
          } else if (std::holds_alternative<net::OrderRejected>(event.payload)) {
            ++report.orders_rejected;
          } else if (std::holds_alternative<net::RequestFailed>(event.payload) ||
                     std::holds_alternative<core::ErrorMessage>(event.payload)) {
            ++report.errors;
          }
        }
        if (!seated[t]) continue;
        Party& party = *seated[t];
        if (party.waiter_at_s && now_s >= *party.waiter_at_s) {
          tablets[t]->request(core::ClientMessage{core::CallWaiter{}});
          ++report.waiter_calls;
          party.waiter_at_s.reset();
        }
        switch (party.phase) {
          case Party::Phase::thinking:
          case Party::Phase::between:
            if (now_s >= party.next_s) place_round(party, now_s, party.phase == Party::Phase::thinking);
            break;
          case Party::Phase::eating: {
            const auto order = tablet_state[t].orders.find(party.order_id);
            if (order == tablet_state[t].orders.end()) break;
            if (order->second.status == core::OrderStatus::breached && !party.broke_promise) {
              // Late: some guests say so at once ("too slow"), once a party.
              party.broke_promise = true;
              if (!party.complained && unit(party.voice) < s.complain_chance) {
                party.complained = true;
                core::Complain complain;
                complain.category = core::ComplaintCategory::slow;
                tablets[t]->request(core::ClientMessage{complain});
                ++report.complaints;
              }
            }
            if (party.rush_at_s && now_s >= *party.rush_at_s && order->second.status == core::OrderStatus::open) {
              tablets[t]->request(core::ClientMessage{core::Rush{party.order_id}});
              ++report.rushes;
              party.rush_at_s.reset();
            }
            if (!every_line_done(order->second)) break;
            if (party.rounds_left > 0) {
              party.phase = Party::Phase::between;
              party.next_s =
                  now_s + std::uniform_int_distribution<int>(s.round_gap_s.min, s.round_gap_s.max)(party.random);
            } else {
              party.phase = Party::Phase::lingering;
              party.next_s = now_s + s.linger_s;
            }
            break;
          }
          case Party::Phase::lingering:
            if (now_s < party.next_s) break;
            tablets[t]->request(core::ClientMessage{core::GetBill{}});
            if (unit(party.voice) < s.survey_chance) {
              core::SubmitSurvey survey;
              survey.score = survey_score(party.broke_promise, party.voice);
              if (core::is_detractor(survey.score) && party.broke_promise) {
                survey.reasons.push_back(core::ComplaintCategory::slow);
              }
              tablets[t]->request(core::ClientMessage{survey});
              ++report.surveys;
              report.promoters += core::is_promoter(survey.score) ? 1 : 0;
              report.detractors += core::is_detractor(survey.score) ? 1 : 0;
            }
            manager->request(core::ClientMessage{core::CloseTable{tokens.tables[t].second, std::nullopt}});
            ++report.tables_closed;
            seated[t].reset();
            free_tables.push_back(t);
            break;
        }
      }

      // The kitchen display: orders arriving, verdicts, breaches.
      kds->copy_if_changed(kds_state, kds_seen);
      if (was_connected[tablets.size()] && !kds_state.connection.connected) ++report.reconnects;
      was_connected[tablets.size()] = kds_state.connection.connected;
      std::vector<core::Order> open;
      open.reserve(kds_state.orders.size());
      for (const auto& [id, order] : kds_state.orders) {
        if (seen_on_display.insert(id).second) {
          const auto placed = placed_at.find(id);
          if (placed != placed_at.end()) display_ms.push_back(ms_between(placed->second, now));
        }
        if (order.status == core::OrderStatus::kept) kept.insert(id);
        open.push_back(order);
      }
      for (net::Event& event : kds->take_events()) {
        if (auto* breach = std::get_if<core::BreachMessage>(&event.payload)) {
          if (breach_pushes[breach->order_id]++ == 0) report.compensation_fen += breach->discount;
          const auto order = kds_state.orders.find(breach->order_id);
          if (order != kds_state.orders.end()) {
            breach_lag_ms.push_back(static_cast<double>(kds->server_now_ms() - order->second.deadline_ms));
          }
        } else if (std::holds_alternative<core::ErrorMessage>(event.payload) ||
                   std::holds_alternative<net::RequestFailed>(event.payload)) {
          ++report.errors;
        }
      }
      for (net::Event& event : manager->take_events()) {
        if (std::holds_alternative<core::ErrorMessage>(event.payload) ||
            std::holds_alternative<net::RequestFailed>(event.payload)) {
          ++report.errors;
        } else if (auto* told = std::get_if<core::ComplaintMessage>(&event.payload)) {
          // The manager walks over to the table after a while, and answers.
          if (told->complaint.status == core::ComplaintStatus::open &&
              complaints_seen.insert(told->complaint.complaint_id).second) {
            answers.push_back(Answer{told->complaint.complaint_id,
                                     now_s + std::uniform_int_distribution<int>(s.answer_s.min, s.answer_s.max)(
                                                 manager_random)});
          }
        }
      }
      for (auto answer = answers.begin(); answer != answers.end();) {
        if (answer->at_s > now_s) {
          ++answer;
          continue;
        }
        const core::Resolution resolution =
            unit(manager_random) < 0.5 ? core::Resolution::apologized : core::Resolution::comped;
        manager->request(core::ClientMessage{core::ResolveComplaint{answer->complaint_id, resolution, ""}});
        ++report.complaints_answered;
        answer = answers.erase(answer);
      }

      // The cooks: finish, walk out, start the next line.
      while (!serving.empty() && serving.front().at <= now) {
        kds->request(core::ClientMessage{core::MarkLine{serving.front().line_id, core::LineState::served}});
        if (const auto line = order_of_line.find(serving.front().line_id); line != order_of_line.end()) {
          auto [entry, first] = served.try_emplace(line->second, Served{now_s, now_s, 0});
          entry->second.last_s = now_s;
          ++entry->second.lines;
        }
        ++report.lines_cooked;
        serving.pop_front();
      }
      const std::int64_t server_now = kds->server_now_ms();
      for (auto& [station, crew] : cooks) {
        for (Cook& cook : crew) {
          if (cook.line_id.empty() || cook.done_at > now) continue;
          kds->request(core::ClientMessage{core::MarkLine{cook.line_id, core::LineState::ready}});
          serving.push_back(Serve{cook.line_id, now + wall_for(s.serve_s)});
          cook.line_id.clear();
        }
        for (Cook& cook : crew) {
          if (!cook.line_id.empty()) continue;
          const auto next = choose_line(options.policy, open, menu, station, server_now, taken, options.speed, places);
          if (!next) break;  // nothing queued here for the others either
          kds->request(core::ClientMessage{core::MarkLine{next->line->line_id, core::LineState::cooking}});
          taken.insert(next->line->line_id);
          order_of_line[next->line->line_id] = next->order->order_id;
          cook.line_id = next->line->line_id;
          cook.done_at = now + wall_for(planned_cook_seconds(*next));
        }
      }

      if (options.progress && now - last_progress >= std::chrono::seconds(1)) {
        last_progress = now;
        int at_tables = 0;
        for (const auto& party : seated) at_tables += party ? 1 : 0;
        options.progress(fmt::format(
            "{:02}:{:02}  parties {} (seated {}, waiting {})  orders {} ({} acked)  kept {}  breached {}  comp {}",
            static_cast<int>(now_s) / 60, static_cast<int>(now_s) % 60, report.parties, at_tables, waitlist.size(),
            report.orders_placed, acknowledged.size(), kept.size(), breach_pushes.size(),
            core::format_money(report.compensation_fen)));
      }
      const bool anyone_here =
          !waitlist.empty() || std::any_of(seated.begin(), seated.end(), [](const auto& p) { return p.has_value(); });
      if ((!next_party && !anyone_here) || now_s > hard_stop_s) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }

    // Replies still on the way.
    const auto settle_by = Clock::now() + std::chrono::seconds(3);
    while (acknowledged.size() + static_cast<std::size_t>(report.orders_rejected) <
               static_cast<std::size_t>(report.orders_placed) &&
           Clock::now() < settle_by) {
      for (auto& tablet : tablets) {
        for (net::Event& event : tablet->take_events()) {
          if (auto* accepted = std::get_if<net::OrderAccepted>(&event.payload)) {
            acknowledged.insert(accepted->order.order_id);
          }
        }
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    for (const auto& [id, order] : kds_state.orders) {
      if (order.status == core::OrderStatus::open) open_at_end.insert(id);
    }
    report.orders_open_at_end = static_cast<int>(open_at_end.size());
    if (server) report.server_rss_kib = bench::resident_kib(server->pid());
    std::vector<double> spreads;
    for (const auto& [id, times] : served) {
      const auto planned = cook_s.find(id);
      if (planned == cook_s.end() || planned->second.size() < 2 || times.lines != planned->second.size()) continue;
      spreads.push_back(times.last_s - times.first_s);
    }
    report.spread_orders = static_cast<int>(spreads.size());
    report.spread_p50_s = bench::percentile(spreads, 50);
    report.spread_p90_s = bench::percentile(spreads, 90);
  }  // every client stops here, before the server does
  report.wall_seconds = ms_between(started, Clock::now()) / 1000.0;

  report.orders_acknowledged = static_cast<int>(acknowledged.size());
  // Kept: every promised order the server acknowledged, decided and did not
  // breach. (Not only those the display saw `kept`: a table closed before its
  // deadline with everything served goes straight to closed.)
  for (const std::string& id : promised_orders) {
    if (acknowledged.contains(id) && !breach_pushes.contains(id) && !open_at_end.contains(id)) ++report.orders_kept;
  }
  report.orders_breached = static_cast<int>(breach_pushes.size());
  for (const auto& [id, pushes] : breach_pushes) {
    report.breach_pushes += 1;
    report.duplicate_breach_pushes += pushes - 1;
  }
  report.accept_p50_ms = bench::percentile(accept_ms, 50);
  report.accept_p99_ms = bench::percentile(accept_ms, 99);
  report.accept_max_ms = bench::percentile(accept_ms, 100);
  report.to_display_p50_ms = bench::percentile(display_ms, 50);
  report.to_display_p99_ms = bench::percentile(display_ms, 99);
  report.breach_lag_p50_ms = bench::percentile(breach_lag_ms, 50);
  report.breach_lag_p99_ms = bench::percentile(breach_lag_ms, 99);

  if (server) {
    server->stop(SIGTERM);
    SQLite::Database db((dir / "kitchen.db").string(), SQLite::OPEN_READONLY);
    std::set<std::string> stored;
    SQLite::Statement orders(db, "SELECT order_id FROM orders");
    while (orders.executeStep()) stored.insert(orders.getColumn(0).getString());
    report.checked_store = true;
    report.stored_orders = static_cast<int>(stored.size());
    for (const std::string& id : acknowledged) report.acknowledged_missing += stored.contains(id) ? 0 : 1;
    for (const std::string& id : stored) report.stored_unacknowledged += acknowledged.contains(id) ? 0 : 1;
    report.stored_breaches = db.execAndGet("SELECT count(*) FROM breaches").getInt();
    report.stored_surveys = db.execAndGet("SELECT count(*) FROM surveys").getInt();
    report.stored_complaints = db.execAndGet("SELECT count(*) FROM complaints").getInt();
    report.stored_answered = db.execAndGet("SELECT count(*) FROM complaints WHERE status = 'resolved'").getInt();
  }
  if (own_dir) {
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }
  return report;
}

std::string report_table(const SimReport& r) {
  // Of the orders whose promise was decided (kept or broken); those still
  // open at the end are counted apart.
  const int decided = r.orders_kept + r.orders_breached;
  const double on_time = decided > 0 ? 100.0 * r.orders_kept / decided : 0.0;
  std::string out;
  out += fmt::format("hourglass-sim: {} (cooks: {}, seed {}, speed {}×, {:.1f} s)\n", r.scenario, r.policy, r.seed,
                     r.speed, r.wall_seconds);
  out += fmt::format("  parties              {:>8}   tables closed {}\n", r.parties, r.tables_closed);
  out += fmt::format("  orders placed        {:>8}   acknowledged {}, rejected {}, open at the end {}\n",
                     r.orders_placed, r.orders_acknowledged, r.orders_rejected, r.orders_open_at_end);
  out += fmt::format("  on time              {:>7.1f}%   kept {}, breached {}\n", on_time, r.orders_kept,
                     r.orders_breached);
  out += fmt::format("  ceiling              {:>7.1f}%   {} of {} orders could be on time at all (started at once)\n",
                     r.orders_promised > 0 ? 100.0 * r.orders_could_be_on_time / r.orders_promised : 0.0,
                     r.orders_could_be_on_time, r.orders_promised);
  out += fmt::format("  first to last dish   p50 {:.0f} s  p90 {:.0f} s   over {} orders\n", r.spread_p50_s,
                     r.spread_p90_s, r.spread_orders);
  out += fmt::format("  compensation paid    {:>8}\n", core::format_money(r.compensation_fen));
  out += fmt::format("  rushes, waiter calls {:>8}   {}\n", r.rushes, r.waiter_calls);
  const auto nps = core::net_promoter_score(r.promoters, r.detractors, r.surveys);
  out += fmt::format("  guests' voice        {:>8}   surveys (NPS {}), {} complaints, {} answered\n", r.surveys,
                     nps ? fmt::format("{:+}", *nps) : "—", r.complaints, r.complaints_answered);
  out += fmt::format("  accept latency       p50 {:.1f} ms  p99 {:.1f} ms  max {:.1f} ms\n", r.accept_p50_ms,
                     r.accept_p99_ms, r.accept_max_ms);
  out += fmt::format("  order to display     p50 {:.1f} ms  p99 {:.1f} ms\n", r.to_display_p50_ms,
                     r.to_display_p99_ms);
  out += fmt::format("  breach push lag      p50 {:.1f} ms  p99 {:.1f} ms\n", r.breach_lag_p50_ms,
                     r.breach_lag_p99_ms);
  out += fmt::format("  errors, reconnects   {:>8}   {}\n", r.errors, r.reconnects);
  out += fmt::format("  server memory        {:>8}\n",
                     r.server_rss_kib ? fmt::format("{:.1f} MB", *r.server_rss_kib / 1024.0) : "not measured");
  if (r.checked_store) {
    out += fmt::format("  stored once          {:>8}   {} orders in the database, {} acknowledged missing, "
                       "{} breaches stored / {} pushed, {} pushed twice\n",
                       r.exactly_once() ? "yes" : "NO", r.stored_orders, r.acknowledged_missing, r.stored_breaches,
                       r.breach_pushes, r.duplicate_breach_pushes);
  } else {
    out += fmt::format("  stored once          {:>8}   (the database is checked only on a server the sim starts)\n",
                       r.duplicate_breach_pushes == 0 ? "pushes ok" : "NO");
  }
  return out;
}

nlohmann::json report_json(const SimReport& r) {
  nlohmann::json json{{"scenario", r.scenario},
                      {"policy", r.policy},
                      {"seed", r.seed},
                      {"speed", r.speed},
                      {"wall_seconds", r.wall_seconds},
                      {"parties", r.parties},
                      {"orders_placed", r.orders_placed},
                      {"orders_acknowledged", r.orders_acknowledged},
                      {"orders_rejected", r.orders_rejected},
                      {"orders_kept", r.orders_kept},
                      {"orders_breached", r.orders_breached},
                      {"orders_open_at_end", r.orders_open_at_end},
                      {"orders_promised", r.orders_promised},
                      {"orders_could_be_on_time", r.orders_could_be_on_time},
                      {"spread_s", {{"orders", r.spread_orders}, {"p50", r.spread_p50_s}, {"p90", r.spread_p90_s}}},
                      {"compensation_fen", r.compensation_fen},
                      {"rushes", r.rushes},
                      {"waiter_calls", r.waiter_calls},
                      {"surveys", r.surveys},
                      {"promoters", r.promoters},
                      {"detractors", r.detractors},
                      {"complaints", r.complaints},
                      {"complaints_answered", r.complaints_answered},
                      {"tables_closed", r.tables_closed},
                      {"lines_cooked", r.lines_cooked},
                      {"accept_ms", {{"p50", r.accept_p50_ms}, {"p99", r.accept_p99_ms}, {"max", r.accept_max_ms}}},
                      {"to_display_ms", {{"p50", r.to_display_p50_ms}, {"p99", r.to_display_p99_ms}}},
                      {"breach_lag_ms", {{"p50", r.breach_lag_p50_ms}, {"p99", r.breach_lag_p99_ms}}},
                      {"errors", r.errors},
                      {"reconnects", r.reconnects},
                      {"server_rss_kib", r.server_rss_kib ? nlohmann::json(*r.server_rss_kib) : nlohmann::json()},
                      {"exactly_once", r.exactly_once()},
                      {"store_checked", r.checked_store},
                      {"stored_orders", r.stored_orders},
                      {"acknowledged_missing", r.acknowledged_missing},
                      {"stored_unacknowledged", r.stored_unacknowledged},
                      {"stored_breaches", r.stored_breaches},
                      {"stored_surveys", r.stored_surveys},
                      {"stored_complaints", r.stored_complaints},
                      {"stored_answered", r.stored_answered},
                      {"breach_pushes", r.breach_pushes},
                      {"duplicate_breach_pushes", r.duplicate_breach_pushes}};
  return json;
}

}  // namespace hourglass::sim
