#pragma once
// Draws the expo screen from an ExpoView and returns what the expediter
// asked for (serve what is at the pass, recall, sound, language).

#include "kitchen/kds/kds_draw.hpp"
#include "kitchen/kds/expo_view.hpp"
#include "shared/ui/theme.hpp"

namespace hourglass::kitchen {

KdsIntents draw_expo(const ExpoView& view, const KdsStatus& status, const ui::Theme& theme);

}  // namespace hourglass::kitchen
