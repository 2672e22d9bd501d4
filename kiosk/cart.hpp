#pragma once
// The diner's cart: the lines not yet sent. Pure, with a JSON save/load so
// it survives a lost connection and a restart of
// the program (written atomically: temp file + rename). Orders already
// handed to the network are the net client's outbox, not the cart's.

#include <optional>
#include <string>
#include <vector>

#include "shared/core/menu.hpp"
#include "shared/core/money.hpp"
#include "shared/core/order.hpp"
#include "shared/core/result.hpp"

namespace hourglass::kiosk {

struct CartLine {
  std::string item;
  int qty = 1;
  std::string note;
  bool hold = false;  // "serve later": sent held, fired with one touch (v1.1)
  bool operator==(const CartLine&) const = default;
};

class Cart {
 public:
  const std::vector<CartLine>& lines() const { return lines_; }
  bool empty() const { return lines_.empty(); }

  // Adds to the line with the same item and note, or appends one. The
  // quantity is capped at core::kMaxLineQty.
  void add(const std::string& item, int qty = 1, const std::string& note = "", bool hold = false);
  // Serve line `index` later, or with the round again (merging with an equal line).
  void toggle_hold(std::size_t index);
  // Changes line `index` by `delta`; at zero the line goes.
  void change_qty(std::size_t index, int delta);
  void remove(std::size_t index);
  // Total quantity of `item` over all its lines (for the menu's badge).
  int qty_of(const std::string& item) const;
  // −1 on the last line of `item` (the menu's "−" button).
  void remove_one(const std::string& item);
  void clear() { lines_.clear(); }

  int count() const;
  // Σ menu price × qty; lines whose dish left the menu count 0.
  core::Fen subtotal(const core::Menu& menu) const;
  // Drops lines whose dish is no longer on the menu; returns how many.
  std::size_t drop_unknown(const core::Menu& menu);

  // The lines as a place_order submission.
  std::vector<core::LineRequest> requests() const;

  bool operator==(const Cart&) const = default;

 private:
  std::vector<CartLine> lines_;
};

std::string cart_to_json_text(const Cart& cart);
core::Result<Cart> cart_from_json_text(const std::string& text);
// Atomic: writes FILE.tmp then renames it over FILE.
core::Result<bool> save_cart(const Cart& cart, const std::string& path);
// A missing file is an empty cart; a broken one is an error (the caller logs
// it and starts empty).
core::Result<Cart> load_cart(const std::string& path);

}  // namespace hourglass::kiosk
