#pragma once
// A small menu for core tests: two promised dishes, one outside the promise.

#include "shared/core/menu.hpp"

namespace hourglass::test {

inline core::Menu small_menu() {
  core::Menu menu;
  menu.categories = {{"wok", {"Wok", "炒菜"}}, {"staple", {"Staples", "主食"}}};
  menu.stations = {{"wok", {"Wok", "炒锅"}}, {"steam", {"Steam", "蒸"}}};
  menu.items = {
      {"gongbao", {"Kung Pao Chicken", "宫保鸡丁"}, "wok", 3800, "wok", true, 480, 2, {"peanut"}, std::nullopt},
      {"rice", {"Rice", "米饭"}, "staple", 300, "steam", true, 60, 0, {}, std::nullopt},
      {"fish", {"Steamed Sea Bass", "清蒸鲈鱼"}, "wok", 12800, "steam", false, 1500, 0, {"fish"}, std::nullopt},
  };
  return menu;
}

}  // namespace hourglass::test
