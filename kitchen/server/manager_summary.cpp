#include "kitchen/server/manager_summary.hpp"

namespace hourglass::kitchen {

namespace {

bool waiting(const core::OrderLine& line) {
  return line.state != core::LineState::served && line.state != core::LineState::cancelled &&
         line.state != core::LineState::fired;
}

core::Json dish_name(const core::LocalText& name) { return core::Json{{"en", name.en}, {"zh", name.zh}}; }

}  // namespace

core::Json manager_summary(const ManagerSummaryInput& input) {
  std::int64_t decided = 0;
  std::int64_t broken = 0;
  for (const core::Order& order : input.orders_today) {
    if (order.status == core::OrderStatus::open) continue;  // its promise is still running
    ++decided;
    if (order.broke_promise()) ++broken;
  }
  core::Fen compensation = 0;
  core::Json breaches = core::Json::array();
  for (const core::BreachEntry& entry : input.breaches) {
    compensation += entry.discount;
    core::Json late = core::Json::array();
    for (const core::BreachLateLine& line : entry.late_lines) {
      late.push_back(core::Json{{"qty", line.qty},
                                {"name", line.name ? dish_name(*line.name) : dish_name({line.item, line.item})}});
    }
    breaches.push_back(core::Json{{"seq", entry.seq},
                                  {"table", entry.table},
                                  {"deadline_ms", entry.deadline_ms},
                                  {"at_ms", entry.at_ms},
                                  {"discount_fen", entry.discount},
                                  {"late_dishes", std::move(late)},
                                  {"settled", entry.settled}});
  }
  core::Json open_orders = core::Json::array();
  for (const core::Order& order : input.open_orders) {
    core::Json dishes = core::Json::array();
    int total = 0;
    for (const core::OrderLine& line : order.lines) {
      if (line.state == core::LineState::fired) continue;  // it went on in a later round
      ++total;
      if (waiting(line)) dishes.push_back(core::Json{{"qty", line.qty}, {"name", dish_name(line.name)}});
    }
    open_orders.push_back(core::Json{{"seq", order.seq},
                                     {"table", order.table},
                                     {"accepted_at_ms", order.accepted_at_ms},
                                     {"deadline_ms", order.deadline_ms},
                                     {"status", std::string(core::to_string(order.status))},
                                     {"lines_total", total},
                                     {"lines_waiting", dishes.size()},
                                     {"waiting", std::move(dishes)}});
  }
  core::Json complaints = core::Json::array();
  for (const core::Complaint& complaint : input.open_complaints) {
    complaints.push_back(core::Json{{"complaint_id", complaint.complaint_id},
                                    {"table", complaint.table},
                                    {"category", std::string(core::to_string(complaint.category))},
                                    {"item", complaint.item ? core::Json(*complaint.item) : core::Json()},
                                    {"note", complaint.note},
                                    {"at_ms", complaint.at_ms}});
  }
  const core::Json on_time_percent =
      decided == 0 ? core::Json() : core::Json(static_cast<double>(decided - broken) * 100.0 / static_cast<double>(decided));
  return core::Json{{"server_time_ms", input.server_time_ms},
                    {"day_start_ms", input.day_start_ms},
                    {"totals",
                     {{"orders", input.orders_today.size()},
                      {"decided", decided},
                      {"on_time", decided - broken},
                      {"breached", input.breaches.size()},
                      {"on_time_percent", on_time_percent},
                      {"compensation_fen", compensation},
                      {"open_orders", input.open_orders.size()},
                      {"open_complaints", input.open_complaints.size()}}},
                    {"open_orders", std::move(open_orders)},
                    {"complaints", std::move(complaints)},
                    {"breaches", std::move(breaches)}};
}

}  // namespace hourglass::kitchen
