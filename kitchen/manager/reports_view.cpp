#include "kitchen/manager/reports_view.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "shared/core/breach_csv.hpp"

namespace hourglass::manager {

namespace {

constexpr std::int64_t kHourMs = 3'600'000;
constexpr std::int64_t kDayMs = 24 * kHourMs;

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

std::int64_t local_ms(std::int64_t epoch_ms, int utc_offset_minutes) {
  return epoch_ms + static_cast<std::int64_t>(utc_offset_minutes) * 60'000;
}

std::string local_day(std::int64_t epoch_ms, int utc_offset_minutes) {
  const std::int64_t day_start = floor_div(local_ms(epoch_ms, utc_offset_minutes), kDayMs) * kDayMs;
  return core::format_utc_ms(day_start).substr(0, 10);
}

int local_hour(std::int64_t epoch_ms, int utc_offset_minutes) {
  const std::int64_t in_day = local_ms(epoch_ms, utc_offset_minutes) - floor_div(local_ms(epoch_ms, utc_offset_minutes), kDayMs) * kDayMs;
  return static_cast<int>(in_day / kHourMs);
}

std::optional<int> rate_tenths(int on_time, int decided) {
  if (decided == 0) return std::nullopt;
  // Rounded half up, in integers: 1000 × on_time / decided.
  return static_cast<int>((2000LL * on_time + decided) / (2LL * decided));
}

std::string seconds_text(const std::optional<std::int64_t>& ms) { return ms ? std::to_string(*ms / 1000) : ""; }

std::string optional_text(const std::optional<int>& value) { return value ? std::to_string(*value) : ""; }

const core::LocalText* dish_name(const core::Menu& menu, const std::string& item) {
  const core::MenuItem* found = menu.find(item);
  return found != nullptr ? &found->name : nullptr;
}

// Whether an order's promise is decided, and kept: breached or a late line
// (fixed at the deadline) is broken; kept, or closed with no late line, is kept.
std::optional<bool> promise_kept(const core::Order& order) {
  if (order.status == core::OrderStatus::breached || order.broke_promise()) return false;
  if (order.status == core::OrderStatus::kept || order.status == core::OrderStatus::closed) return true;
  return std::nullopt;
}

SpeedRow finish_speed(SpeedRow row, std::vector<std::int64_t> cook, std::vector<std::int64_t> ready) {
  row.cooked = static_cast<int>(cook.size());
  row.cook_p50_ms = percentile(cook, 50);
  row.cook_p90_ms = percentile(std::move(cook), 90);
  row.ready_p50_ms = percentile(ready, 50);
  row.ready_p90_ms = percentile(std::move(ready), 90);
  return row;
}

}  // namespace

std::optional<std::int64_t> percentile(std::vector<std::int64_t> values, int p) {
  if (values.empty() || p <= 0 || p > 100) return std::nullopt;
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  const std::size_t rank = (static_cast<std::size_t>(p) * n + 99) / 100;  // ceil(p × n / 100), at least 1
  return values[std::max<std::size_t>(rank, 1) - 1];
}

NpsTally tally_nps(const std::vector<const core::Survey*>& surveys) {
  NpsTally tally;
  for (const core::Survey* survey : surveys) {
    ++tally.surveys;
    if (core::is_promoter(survey->score)) {
      ++tally.promoters;
    } else if (core::is_detractor(survey->score)) {
      ++tally.detractors;
    } else {
      ++tally.passives;
    }
  }
  tally.nps = core::net_promoter_score(tally.promoters, tally.detractors, tally.surveys);
  return tally;
}

ReportsView build_reports_view(const ReportsInput& input) {
  ReportsView view;
  const core::Menu empty_menu;
  const core::Menu& menu = input.menu != nullptr ? *input.menu : empty_menu;
  const int offset = input.utc_offset_minutes;

  // ---- surveys ----
  if (input.surveys != nullptr) {
    view.has_feedback = true;
    std::vector<const core::Survey*> all, kept, broken;
    std::map<std::string, std::vector<const core::Survey*>> by_day;
    for (const core::Survey& survey : *input.surveys) {
      all.push_back(&survey);
      (survey.breached ? broken : kept).push_back(&survey);
      by_day[local_day(survey.at_ms, offset)].push_back(&survey);
    }
    view.all = tally_nps(all);
    view.kept = tally_nps(kept);
    view.broken = tally_nps(broken);
    for (const auto& [day, surveys] : by_day) view.nps_by_day.push_back({day, tally_nps(surveys)});
  }

  // ---- complaints ----
  for (const core::ComplaintCategory category : core::kComplaintCategories) {
    ComplaintCategoryRow row;
    row.category = category;
    view.complaints.push_back(row);
  }
  if (input.complaints != nullptr) {
    view.has_feedback = true;
    std::vector<std::vector<std::int64_t>> responses(view.complaints.size());
    for (const core::Complaint& complaint : *input.complaints) {
      const auto at = std::find(std::begin(core::kComplaintCategories), std::end(core::kComplaintCategories),
                                complaint.category);
      const auto slot = static_cast<std::size_t>(at - std::begin(core::kComplaintCategories));
      if (slot >= view.complaints.size()) continue;
      ComplaintCategoryRow& row = view.complaints[slot];
      ++row.complaints;
      ++view.complaints_total;
      if (const auto response = core::response_ms(complaint)) {
        ++row.resolved;
        responses[slot].push_back(*response);
      } else {
        ++row.open;
      }
    }
    for (std::size_t i = 0; i < view.complaints.size(); ++i) {
      view.complaints[i].median_response_ms = percentile(responses[i], 50);
      view.complaints[i].p90_response_ms = percentile(responses[i], 90);
    }
  }

  // ---- speed of service and on time ----
  for (int hour = 0; hour < 24; ++hour) {
    auto& row = view.by_hour[static_cast<std::size_t>(hour)];
    row.id = std::to_string(hour);
    row.name = fmt::format("{:02}:00", hour);
  }
  if (input.history != nullptr) {
    view.has_history = true;
    struct Samples {
      SpeedRow row;
      std::vector<std::int64_t> cook, ready;
    };
    std::map<std::string, Samples> stations, dishes;
    std::map<std::string, OnTimeRow> on_time_dishes;
    for (const core::Order& order : *input.history) {
      for (const core::OrderLine& line : order.lines) {
        if (!line.ready_at_ms || line.state == core::LineState::cancelled) continue;
        const core::MenuItem* item = menu.find(line.item);
        Samples& dish = dishes[line.item];
        Samples& station = stations[line.station];
        if (dish.row.id.empty()) {
          dish.row.id = line.item;
          dish.row.name = item != nullptr ? item->name.in(input.language) : line.name.in(input.language);
          dish.row.station = line.station;
          if (item != nullptr) dish.row.prep_s = item->prep_s;
        }
        if (station.row.id.empty()) {
          station.row.id = line.station;
          const core::MenuGroup* group = menu.station(line.station);
          station.row.name = group != nullptr ? group->name.in(input.language) : line.station;
        }
        const std::int64_t ready = *line.ready_at_ms - order.accepted_at_ms;
        for (Samples* samples : {&dish, &station}) {
          ++samples->row.lines;
          samples->ready.push_back(ready);
        }
        if (line.cooking_at_ms && *line.cooking_at_ms <= *line.ready_at_ms) {
          const std::int64_t cook = *line.ready_at_ms - *line.cooking_at_ms;
          // -1: the dish has no prep_s to be timed against.
          const std::int64_t prep_ms =
              item != nullptr && item->prep_s ? static_cast<std::int64_t>(*item->prep_s) * 1000 : -1;
          for (Samples* samples : {&dish, &station}) {
            samples->cook.push_back(cook);
            if (prep_ms >= 0) {
              ++samples->row.timed_against_prep;
              if (cook <= prep_ms) ++samples->row.within_prep;
            }
          }
        }
      }
      const std::optional<bool> kept = promise_kept(order);
      if (!kept) continue;
      OnTimeRow& hour = view.by_hour[static_cast<std::size_t>(local_hour(order.accepted_at_ms, offset))];
      ++hour.decided;
      if (*kept) ++hour.on_time;
      for (const core::OrderLine& line : order.lines) {
        if (!line.promised || line.state == core::LineState::cancelled) continue;
        OnTimeRow& dish = on_time_dishes[line.item];
        if (dish.id.empty()) {
          dish.id = line.item;
          const core::LocalText* name = dish_name(menu, line.item);
          dish.name = name != nullptr ? name->in(input.language) : line.name.in(input.language);
        }
        ++dish.decided;
        if (!line.late) ++dish.on_time;
      }
    }
    for (auto& [id, samples] : stations) {
      view.stations.push_back(finish_speed(samples.row, std::move(samples.cook), std::move(samples.ready)));
    }
    for (auto& [id, samples] : dishes) {
      view.dishes.push_back(finish_speed(samples.row, std::move(samples.cook), std::move(samples.ready)));
    }
    std::stable_sort(view.dishes.begin(), view.dishes.end(), [](const SpeedRow& a, const SpeedRow& b) {
      return a.cook_p90_ms.value_or(-1) > b.cook_p90_ms.value_or(-1);
    });
    for (auto& [id, row] : on_time_dishes) {
      row.rate_percent_tenths = rate_tenths(row.on_time, row.decided);
      view.on_time_dishes.push_back(row);
    }
    std::stable_sort(view.on_time_dishes.begin(), view.on_time_dishes.end(),
                     [](const OnTimeRow& a, const OnTimeRow& b) { return a.decided - a.on_time > b.decided - b.on_time; });
  }
  for (auto& row : view.by_hour) row.rate_percent_tenths = rate_tenths(row.on_time, row.decided);
  return view;
}

std::string rate_text(const std::optional<int>& rate_percent_tenths) {
  if (!rate_percent_tenths) return "—";
  return fmt::format("{}.{}%", *rate_percent_tenths / 10, *rate_percent_tenths % 10);
}

std::string duration_text(const std::optional<std::int64_t>& ms) {
  if (!ms) return "—";
  return core::format_mm_ss(*ms);
}

std::string nps_csv(const ReportsView& view) {
  std::string csv = core::csv_row({"scope", "surveys", "promoters", "passives", "detractors", "nps"});
  const auto row = [&](const std::string& scope, const NpsTally& t) {
    csv += core::csv_row({scope, std::to_string(t.surveys), std::to_string(t.promoters), std::to_string(t.passives),
                          std::to_string(t.detractors), optional_text(t.nps)});
  };
  row("all", view.all);
  row("promise_kept", view.kept);
  row("promise_broken", view.broken);
  for (const NpsDay& day : view.nps_by_day) row(day.day, day.tally);
  return csv;
}

std::string complaints_by_category_csv(const ReportsView& view) {
  std::string csv = core::csv_row({"category", "complaints", "open", "resolved", "median_response_s", "p90_response_s"});
  for (const ComplaintCategoryRow& row : view.complaints) {
    csv += core::csv_row({std::string(core::to_string(row.category)), std::to_string(row.complaints),
                          std::to_string(row.open), std::to_string(row.resolved), seconds_text(row.median_response_ms),
                          seconds_text(row.p90_response_ms)});
  }
  return csv;
}

std::string speed_of_service_csv(const ReportsView& view, const core::Menu& menu) {
  std::string csv = core::csv_row({"scope", "station", "dish_id", "dish_en", "dish_zh", "lines_ready", "prep_s",
                                   "lines_cooked", "cook_p50_s", "cook_p90_s", "within_prep", "timed_against_prep",
                                   "order_to_ready_p50_s", "order_to_ready_p90_s"});
  const auto row = [&](const char* scope, const SpeedRow& r, const std::string& station, const std::string& dish) {
    const core::LocalText* name = dish.empty() ? nullptr : dish_name(menu, dish);
    csv += core::csv_row({scope, station, dish, name != nullptr ? name->en : "", name != nullptr ? name->zh : "",
                          std::to_string(r.lines), optional_text(r.prep_s), std::to_string(r.cooked),
                          seconds_text(r.cook_p50_ms), seconds_text(r.cook_p90_ms), std::to_string(r.within_prep),
                          std::to_string(r.timed_against_prep), seconds_text(r.ready_p50_ms),
                          seconds_text(r.ready_p90_ms)});
  };
  for (const SpeedRow& station : view.stations) row("station", station, station.id, "");
  for (const SpeedRow& dish : view.dishes) row("dish", dish, dish.station, dish.id);
  return csv;
}

std::string on_time_csv(const ReportsView& view, const core::Menu& menu) {
  std::string csv = core::csv_row({"scope", "hour", "dish_id", "dish_en", "dish_zh", "decided", "on_time",
                                   "on_time_percent"});
  const auto percent = [](const OnTimeRow& r) {
    return r.rate_percent_tenths ? fmt::format("{}.{}", *r.rate_percent_tenths / 10, *r.rate_percent_tenths % 10)
                                 : std::string();
  };
  for (const OnTimeRow& hour : view.by_hour) {
    if (hour.decided == 0) continue;
    csv += core::csv_row({"hour", hour.name, "", "", "", std::to_string(hour.decided), std::to_string(hour.on_time),
                          percent(hour)});
  }
  for (const OnTimeRow& dish : view.on_time_dishes) {
    const core::LocalText* name = dish_name(menu, dish.id);
    csv += core::csv_row({"dish", "", dish.id, name != nullptr ? name->en : dish.name, name != nullptr ? name->zh : "",
                          std::to_string(dish.decided), std::to_string(dish.on_time), percent(dish)});
  }
  return csv;
}

std::string complaints_csv(const std::vector<core::Complaint>& complaints, const core::Menu& menu,
                           const core::UtcOffsetAt& offset_at) {
  std::string csv = core::csv_row({"complaint_id", "at", "table", "category", "dish_id", "dish_en", "dish_zh",
                                   "station", "note", "status", "resolution", "resolution_note", "resolved_at",
                                   "response_s", "response_mmss"});
  for (const core::Complaint& c : complaints) {
    const std::string item = c.item.value_or("");
    const core::LocalText* name = item.empty() ? nullptr : dish_name(menu, item);
    const auto response = core::response_ms(c);
    csv += core::csv_row(
        {std::to_string(c.complaint_id), core::format_local_timestamp(c.at_ms, offset_at), c.table,
         std::string(core::to_string(c.category)), item, name != nullptr ? name->en : "", name != nullptr ? name->zh : "",
         c.station.value_or(""), c.note, std::string(core::to_string(c.status)),
         c.resolution ? std::string(core::to_string(*c.resolution)) : "", c.resolution_note,
         c.resolved_at_ms ? core::format_local_timestamp(*c.resolved_at_ms, offset_at) : "", seconds_text(response),
         response ? core::format_mm_ss(*response) : ""});
  }
  return csv;
}

std::string surveys_csv(const std::vector<core::Survey>& surveys, const core::UtcOffsetAt& offset_at) {
  std::string csv =
      core::csv_row({"at", "table", "order_id", "score", "group", "reasons", "note", "promise_broken"});
  for (const core::Survey& s : surveys) {
    std::string reasons;
    for (const core::ComplaintCategory reason : s.reasons) {
      if (!reasons.empty()) reasons += ' ';
      reasons += core::to_string(reason);
    }
    const char* group = core::is_promoter(s.score) ? "promoter" : core::is_detractor(s.score) ? "detractor" : "passive";
    csv += core::csv_row({core::format_local_timestamp(s.at_ms, offset_at), s.table, s.order_id.value_or(""),
                          std::to_string(s.score), group, reasons, s.note, s.breached ? "yes" : "no"});
  }
  return csv;
}

}  // namespace hourglass::manager
