#include "shared/core/feedback.hpp"

#include <fmt/format.h>

#include <array>
#include <utility>

namespace hourglass::core {

namespace {

template <class Enum, std::size_t N>
std::string_view name_of(const std::array<std::pair<Enum, std::string_view>, N>& names, Enum value) {
  for (const auto& [e, name] : names) {
    if (e == value) return name;
  }
  return "other";
}

template <class Enum, std::size_t N>
std::optional<Enum> value_of(const std::array<std::pair<Enum, std::string_view>, N>& names, std::string_view text) {
  for (const auto& [e, name] : names) {
    if (name == text) return e;
  }
  return std::nullopt;
}

constexpr std::array<std::pair<ComplaintCategory, std::string_view>, 6> kCategoryNames{{
    {ComplaintCategory::dish_quality, "dish_quality"},
    {ComplaintCategory::slow, "slow"},
    {ComplaintCategory::wrong_or_missing, "wrong_or_missing"},
    {ComplaintCategory::service, "service"},
    {ComplaintCategory::cleanliness, "cleanliness"},
    {ComplaintCategory::other, "other"},
}};
constexpr std::array<std::pair<Resolution, std::string_view>, 4> kResolutionNames{{
    {Resolution::remade, "remade"},
    {Resolution::comped, "comped"},
    {Resolution::apologized, "apologized"},
    {Resolution::other, "other"},
}};
constexpr std::array<std::pair<ComplaintStatus, std::string_view>, 2> kStatusNames{{
    {ComplaintStatus::open, "open"},
    {ComplaintStatus::resolved, "resolved"},
}};

Json optional_json(const std::optional<std::string>& value) { return value ? Json(*value) : Json(nullptr); }

}  // namespace

std::string_view to_string(ComplaintCategory category) { return name_of(kCategoryNames, category); }
std::string_view to_string(Resolution resolution) { return name_of(kResolutionNames, resolution); }
std::string_view to_string(ComplaintStatus status) { return name_of(kStatusNames, status); }
std::optional<ComplaintCategory> complaint_category_from_string(std::string_view text) {
  return value_of(kCategoryNames, text);
}
std::optional<Resolution> resolution_from_string(std::string_view text) { return value_of(kResolutionNames, text); }
std::optional<ComplaintStatus> complaint_status_from_string(std::string_view text) {
  return value_of(kStatusNames, text);
}

Json complaint_to_json(const Complaint& c) {
  Json json{{"complaint_id", c.complaint_id},
            {"table", c.table},
            {"category", to_string(c.category)},
            {"line_id", optional_json(c.line_id)},
            {"note", c.note},
            {"at_ms", c.at_ms},
            {"status", to_string(c.status)}};
  if (c.resolution) json["resolution"] = to_string(*c.resolution);
  if (c.status == ComplaintStatus::resolved) json["resolution_note"] = c.resolution_note;
  if (c.resolved_at_ms) json["resolved_at_ms"] = *c.resolved_at_ms;
  if (c.item) json["item"] = *c.item;
  if (c.station) json["station"] = *c.station;
  return json;
}

Complaint complaint_from_json(const Json& json, const std::string& path) {
  const JsonObjectReader r(json, path);
  Complaint c;
  c.complaint_id = r.integer("complaint_id");
  c.table = r.string("table");
  const std::string category = r.string("category");
  const auto parsed = complaint_category_from_string(category);
  if (!parsed) throw_field_error(r.path_of("category"), fmt::format("unknown category \"{}\"", category));
  c.category = *parsed;
  c.line_id = r.optional_string("line_id");
  c.note = r.optional_string("note").value_or("");
  c.at_ms = r.integer("at_ms");
  const auto status = complaint_status_from_string(r.string("status"));
  if (!status) throw_field_error(r.path_of("status"), "must be open or resolved");
  c.status = *status;
  if (const auto resolution = r.optional_string("resolution")) {
    c.resolution = resolution_from_string(*resolution);
    if (!c.resolution) throw_field_error(r.path_of("resolution"), "must be remade, comped, apologized or other");
  }
  c.resolution_note = r.optional_string("resolution_note").value_or("");
  c.resolved_at_ms = r.optional_integer("resolved_at_ms");
  c.item = r.optional_string("item");
  c.station = r.optional_string("station");
  return c;
}

Json survey_to_json(const Survey& s) {
  Json reasons = Json::array();
  for (const ComplaintCategory reason : s.reasons) reasons.push_back(to_string(reason));
  Json json{{"table", s.table},     {"score", s.score}, {"reasons", std::move(reasons)},
            {"note", s.note},       {"at_ms", s.at_ms}, {"breached", s.breached}};
  if (s.order_id) json["order_id"] = *s.order_id;
  return json;
}

Survey survey_from_json(const Json& json, const std::string& path) {
  const JsonObjectReader r(json, path);
  Survey s;
  s.table = r.string("table");
  s.score = static_cast<int>(r.integer("score"));
  const Json& reasons = r.array("reasons");
  for (std::size_t i = 0; i < reasons.size(); ++i) {
    const auto reason = reasons[i].is_string() ? complaint_category_from_string(reasons[i].get<std::string>())
                                               : std::nullopt;
    if (!reason) throw_field_error(fmt::format("{}[{}]", r.path_of("reasons"), i), "must be a complaint category");
    s.reasons.push_back(*reason);
  }
  s.note = r.optional_string("note").value_or("");
  s.at_ms = r.integer("at_ms");
  s.breached = r.boolean("breached");
  s.order_id = r.optional_string("order_id");
  return s;
}

bool is_promoter(int score) { return score >= 9; }
bool is_detractor(int score) { return score <= 6; }

std::optional<int> net_promoter_score(int promoters, int detractors, int surveys) {
  if (surveys <= 0) return std::nullopt;
  // Integer arithmetic: round(100 d / n), halves away from zero.
  const long long difference = 100LL * (promoters - detractors);
  const long long n = surveys;
  const long long rounded = difference >= 0 ? (2 * difference + n) / (2 * n) : -((-2 * difference + n) / (2 * n));
  return static_cast<int>(rounded);
}

std::optional<int> net_promoter_score(const std::vector<Survey>& surveys) {
  int promoters = 0;
  int detractors = 0;
  for (const Survey& survey : surveys) {
    promoters += is_promoter(survey.score) ? 1 : 0;
    detractors += is_detractor(survey.score) ? 1 : 0;
  }
  return net_promoter_score(promoters, detractors, static_cast<int>(surveys.size()));
}

std::optional<std::int64_t> response_ms(const Complaint& complaint) {
  if (!complaint.resolved_at_ms) return std::nullopt;
  return *complaint.resolved_at_ms - complaint.at_ms;
}

}  // namespace hourglass::core
