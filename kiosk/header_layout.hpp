#pragma once
// Which of the header's optional items fit on its row: a pure function of
// measured widths, so the rule is tested without a window.
//
// The running countdown is the most important thing in the header (how long
// the diner still waits), so it is never dropped. When the row is full the
// promise badge gives way first (its short form, then none), then the brand
// name (the seal stays).

namespace hourglass::kiosk {

enum class PromiseForm { full, short_form, none };

struct HeaderItems {
  float space = 0.0f;          // free width on the row, after what always stays
  float gap = 0.0f;            // between two of these items
  float brand = 0.0f;          // the brand name with its own margin; 0: not on this row
  float promise_full = 0.0f;   // the badge; 0: none
  float promise_short = 0.0f;  // its short form; 0: none
  float countdown = 0.0f;      // the clock; 0: no order is running
};

struct HeaderFit {
  bool brand = false;
  PromiseForm promise = PromiseForm::none;
  bool countdown = false;  // whenever a clock runs
  // Even the countdown alone does not fit: it is drawn anyway, over the edge
  // of its space rather than not at all.
  bool overflow = false;
};

HeaderFit fit_header(const HeaderItems& items);

}  // namespace hourglass::kiosk
