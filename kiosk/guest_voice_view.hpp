#pragma once
// The kiosk's v1.1 view-models for the guest's side of the promise: the
// party size asked when a table starts (and the terms it gets), "something
// is wrong" with the answer it got, and the one-touch survey at the end.
// Pure, like kiosk_view_model.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/kiosk_state.hpp"
#include "kiosk/kiosk_view_model.hpp"
#include "shared/core/feedback.hpp"

namespace hourglass::kiosk {

inline constexpr int kDefaultPartySize = 2;

// The terms a round ordered now gets (the first matching rule, or the
// welcome's promise), for `party_size` at `minute_of_day` in the store's zone.
core::PromiseTerms terms_in_force(const KioskState& state, std::optional<int> party_size, int minute_of_day);

struct PartyPanelView {
  std::string title;       // "How many are you?"
  std::string size;        // "6"
  std::string size_text;   // "6 guests"
  std::string terms;       // the promise for that party now
  bool can_decrease = true;
  bool can_increase = true;
  std::string start;
  std::string skip;
};
PartyPanelView build_party_panel(const KioskState& state, int party_size, int minute_of_day, Language language);

struct ChoiceView {
  std::string key;  // category name, or line_id
  std::string label;
  bool selected = false;
};

struct ComplaintFormView {
  std::string title;
  std::vector<ChoiceView> categories;  // in kComplaintCategories order
  std::string dish_label;              // empty: no dish to choose
  std::vector<ChoiceView> dishes;      // this table's dishes, one per line
  std::string send;
  std::string cancel;
  bool can_send = false;  // a category is chosen
};
ComplaintFormView build_complaint_form(const KioskState& state, std::optional<core::ComplaintCategory> category,
                                       const std::optional<std::string>& line_id, Language language);

// "Too slow", "The food is not right"...
std::string complaint_category_text(core::ComplaintCategory category, Language language);

// This device's complaints, newest first: the open ones with how long since,
// the answered ones with the answer.
std::vector<ComplaintStatusView> build_complaint_statuses(const KioskState& state, Language language,
                                                          std::int64_t server_now_ms);

SurveyView build_survey_view(bool done, Language language);

}  // namespace hourglass::kiosk
