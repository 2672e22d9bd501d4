#include "kiosk/guest_voice_view.hpp"

#include <algorithm>

#include "shared/core/countdown.hpp"
#include "shared/core/promise_rules.hpp"

namespace hourglass::kiosk {

using words::text;

core::PromiseTerms terms_in_force(const KioskState& state, std::optional<int> party_size, int minute_of_day) {
  return core::terms_for(state.default_promise, state.rules, party_size, minute_of_day);
}

PartyPanelView build_party_panel(const KioskState& state, int party_size, int minute_of_day, Language language) {
  PartyPanelView view;
  view.title = text(Word::party_title, language);
  view.size = std::to_string(party_size);
  view.size_text = party_size == 1 ? text(Word::party_one_guest, language)
                                   : words::format_word(Word::party_guests, language, party_size);
  view.terms = promise_badge(terms_in_force(state, party_size, minute_of_day), language);
  view.can_decrease = party_size > core::kMinPartySize;
  view.can_increase = party_size < core::kMaxPartySize;
  view.start = text(Word::party_start, language);
  view.skip = text(Word::skip, language);
  return view;
}

std::string complaint_category_text(core::ComplaintCategory category, Language language) {
  switch (category) {
    case core::ComplaintCategory::dish_quality:
      return text(Word::complaint_dish_quality, language);
    case core::ComplaintCategory::slow:
      return text(Word::complaint_slow, language);
    case core::ComplaintCategory::wrong_or_missing:
      return text(Word::complaint_wrong_or_missing, language);
    case core::ComplaintCategory::service:
      return text(Word::complaint_service, language);
    case core::ComplaintCategory::cleanliness:
      return text(Word::complaint_cleanliness, language);
    case core::ComplaintCategory::other:
      return text(Word::complaint_other, language);
  }
  return {};
}

namespace {

std::string resolution_text(core::Resolution resolution, Language language) {
  switch (resolution) {
    case core::Resolution::remade:
      return text(Word::resolution_remade, language);
    case core::Resolution::comped:
      return text(Word::resolution_comped, language);
    case core::Resolution::apologized:
      return text(Word::resolution_apologized, language);
    case core::Resolution::other:
      return text(Word::resolution_other, language);
  }
  return {};
}

}  // namespace

ComplaintFormView build_complaint_form(const KioskState& state, std::optional<core::ComplaintCategory> category,
                                       const std::optional<std::string>& line_id, Language language) {
  ComplaintFormView view;
  view.title = text(Word::complain_title, language);
  for (const core::ComplaintCategory each : core::kComplaintCategories) {
    view.categories.push_back(
        ChoiceView{std::string(core::to_string(each)), complaint_category_text(each, language), category == each});
  }
  for (const core::Order& order : state.orders) {
    for (const core::OrderLine& line : order.lines) {
      if (line.state == core::LineState::fired || line.state == core::LineState::cancelled) continue;
      view.dishes.push_back(ChoiceView{line.line_id, line.name.in(language), line_id == line.line_id});
    }
  }
  if (!view.dishes.empty()) view.dish_label = text(Word::complain_about_dish, language);
  view.send = text(Word::complain_send, language);
  view.cancel = text(Word::cancel, language);
  view.can_send = category.has_value();
  return view;
}

std::vector<ComplaintStatusView> build_complaint_statuses(const KioskState& state, Language language,
                                                          std::int64_t server_now_ms) {
  std::vector<ComplaintStatusView> statuses;
  for (const core::Complaint& complaint : state.complaints) {
    ComplaintStatusView status;
    status.complaint_id = complaint.complaint_id;
    std::string about = complaint_category_text(complaint.category, language);
    if (complaint.status == core::ComplaintStatus::resolved && complaint.resolution) {
      std::string answer = resolution_text(*complaint.resolution, language);
      if (!complaint.resolution_note.empty()) answer += " (" + complaint.resolution_note + ")";
      status.text = words::format_word(Word::complaint_answered, language, answer);
      status.tone = Tone::good;
    } else {
      status.text = words::format_word(Word::complaint_open, language, about,
                                       core::format_countdown(std::max<std::int64_t>(0, server_now_ms - complaint.at_ms)));
      status.tone = Tone::info;
    }
    statuses.push_back(std::move(status));
  }
  std::reverse(statuses.begin(), statuses.end());
  return statuses;
}

SurveyView build_survey_view(bool done, Language language) {
  SurveyView view;
  view.title = text(Word::survey_title, language);
  view.scale = text(Word::survey_scale, language);
  view.skip = text(Word::skip, language);
  view.thanks = text(Word::survey_thanks, language);
  view.done = done;
  return view;
}

}  // namespace hourglass::kiosk
