#pragma once
// The guest's voice (PROTOCOL.md v1.1 "Feedback"): complaints with the
// answer they got, surveys at the end of the meal, and the net promoter
// score over them. Values and their JSON; the server stores and routes them.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/core/json_read.hpp"

namespace hourglass::core {

enum class ComplaintCategory { dish_quality, slow, wrong_or_missing, service, cleanliness, other };
enum class Resolution { remade, comped, apologized, other };
enum class ComplaintStatus { open, resolved };

inline constexpr ComplaintCategory kComplaintCategories[] = {
    ComplaintCategory::dish_quality, ComplaintCategory::slow,        ComplaintCategory::wrong_or_missing,
    ComplaintCategory::service,      ComplaintCategory::cleanliness, ComplaintCategory::other};
inline constexpr Resolution kResolutions[] = {Resolution::remade, Resolution::comped, Resolution::apologized,
                                              Resolution::other};

std::string_view to_string(ComplaintCategory category);
std::string_view to_string(Resolution resolution);
std::string_view to_string(ComplaintStatus status);
std::optional<ComplaintCategory> complaint_category_from_string(std::string_view text);
std::optional<Resolution> resolution_from_string(std::string_view text);
std::optional<ComplaintStatus> complaint_status_from_string(std::string_view text);

inline constexpr std::size_t kMaxFeedbackNoteCodePoints = 200;
inline constexpr int kMinSurveyScore = 0;
inline constexpr int kMaxSurveyScore = 10;

struct Complaint {
  std::int64_t complaint_id = 0;
  std::string table{};  // "counter" for a kiosk
  ComplaintCategory category = ComplaintCategory::other;
  std::optional<std::string> line_id{};
  std::string note{};
  std::int64_t at_ms = 0;
  ComplaintStatus status = ComplaintStatus::open;
  std::optional<Resolution> resolution{};
  std::string resolution_note{};              // what the manager wrote
  std::optional<std::int64_t> resolved_at_ms{};
  std::optional<std::string> item{};     // extension: the dish line_id names (menu id)
  std::optional<std::string> station{};  // extension: the station that cooks it
  bool operator==(const Complaint&) const = default;
};

struct Survey {
  std::string table{};  // "counter" for a kiosk
  int score = 0;      // 0-10
  std::vector<ComplaintCategory> reasons{};
  std::string note{};
  std::int64_t at_ms = 0;
  bool breached = false;                // any order of that bill broke the promise
  std::optional<std::string> order_id{};  // a kiosk's order
  bool operator==(const Survey&) const = default;
};

Json complaint_to_json(const Complaint& complaint);
Complaint complaint_from_json(const Json& json, const std::string& path);  // throws JsonFieldError
Json survey_to_json(const Survey& survey);
Survey survey_from_json(const Json& json, const std::string& path);

// Promoters score 9-10, detractors 0-6.
bool is_promoter(int score);
bool is_detractor(int score);
// round(100 × (promoters − detractors) / surveys), halves away from zero
// (−12.5 is −13); nothing without surveys.
std::optional<int> net_promoter_score(const std::vector<Survey>& surveys);
std::optional<int> net_promoter_score(int promoters, int detractors, int surveys);

// Response time of a resolved complaint, in ms.
std::optional<std::int64_t> response_ms(const Complaint& complaint);

}  // namespace hourglass::core
