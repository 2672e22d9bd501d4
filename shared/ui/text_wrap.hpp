#pragma once
// Where text may wrap, for both languages the screens speak. A pure
// function of the text and a width measure, so it is tested without fonts.
//
// Breaks fall only at spaces, and between CJK characters. A run of other
// characters ("¥68.00", "14:59", "less") is one unbreakable token, and so is
// one joined by a no-break space (U+00A0, the ticket label "No. 41"):
// a price, a countdown or a ticket number is never split across lines
// (ImGui's own wrapping breaks after '.', so "¥68." ended one line and "00"
// began the next). CJK closing punctuation (，。、！？：；）」…) stays with
// what it follows and opening punctuation (（「) with what it precedes, so
// no line starts with "，". Only a single token wider than the whole line
// is cut, at a code point, since it cannot fit any other way.

#include <functional>
#include <string_view>
#include <vector>

namespace hourglass::ui {

// The width `text` takes on one line.
using MeasureWidth = std::function<float(std::string_view text)>;

// `text` in lines no wider than `max_width` (except where one character is
// wider), as views into `text`, without the spaces at the breaks. '\n'
// always breaks. max_width <= 0: only at '\n'.
std::vector<std::string_view> wrap_lines(std::string_view text, float max_width, const MeasureWidth& measure);

}  // namespace hourglass::ui
