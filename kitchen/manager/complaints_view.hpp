#pragma once
// The console's complaints as data: the open ones with how long each guest
// has waited for an answer (on the server's clock, so every console shows the
// same), and the ones answered lately with how fast. Pure.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "shared/core/feedback.hpp"
#include "shared/core/menu.hpp"

namespace hourglass::manager {

struct ComplaintRow {
  std::int64_t complaint_id = 0;
  std::string table;     // "Table 12" / "12号桌"
  std::string category;  // staff wording
  std::string dish;      // the dish's name, "" when not about one
  std::string note;
  std::int64_t waited_ms = 0;  // open: now − at; resolved: its response time
  std::string waited;          // "waiting 04:12" / "answered in 3:05"
  std::string resolution;      // resolved: "Comped" and the manager's note
};

struct ComplaintsView {
  std::vector<ComplaintRow> open;      // longest waiting first
  std::vector<ComplaintRow> resolved;  // newest first, the last `kResolvedShown`
  std::int64_t oldest_wait_ms = 0;
  std::string banner;  // "2 open · oldest waiting 04:12"; "" with none open
  static constexpr std::size_t kResolvedShown = 20;
};

ComplaintsView build_complaints_view(const std::map<std::int64_t, core::Complaint>& complaints,
                                     const core::Menu& menu, std::int64_t server_now_ms, core::Language language);

}  // namespace hourglass::manager
