#include "kiosk/cart.hpp"

#include "shared/core/json_read.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace hourglass::kiosk {

void Cart::add(const std::string& item, int qty, const std::string& note, bool hold) {
  if (qty <= 0) return;
  for (CartLine& line : lines_) {
    if (line.item == item && line.note == note && line.hold == hold) {
      line.qty = std::min(core::kMaxLineQty, line.qty + qty);
      return;
    }
  }
  if (lines_.size() >= core::kMaxOrderLines) return;
  lines_.push_back(CartLine{item, std::min(core::kMaxLineQty, qty), note, hold});
}

void Cart::change_qty(std::size_t index, int delta) {
  if (index >= lines_.size()) return;
  const int qty = std::min(core::kMaxLineQty, lines_[index].qty + delta);
  if (qty <= 0) {
    remove(index);
  } else {
    lines_[index].qty = qty;
  }
}

void Cart::remove(std::size_t index) {
  if (index < lines_.size()) lines_.erase(lines_.begin() + static_cast<std::ptrdiff_t>(index));
}

int Cart::qty_of(const std::string& item) const {
  int total = 0;
  for (const CartLine& line : lines_) {
    if (line.item == item) total += line.qty;
  }
  return total;
}

void Cart::remove_one(const std::string& item) {
  for (std::size_t i = lines_.size(); i-- > 0;) {
    if (lines_[i].item == item) {
      change_qty(i, -1);
      return;
    }
  }
}

int Cart::count() const {
  int total = 0;
  for (const CartLine& line : lines_) total += line.qty;
  return total;
}

core::Fen Cart::subtotal(const core::Menu& menu) const {
  core::Fen total = 0;
  for (const CartLine& line : lines_) {
    if (const core::MenuItem* item = menu.find(line.item)) total += item->price * line.qty;
  }
  return total;
}

std::size_t Cart::drop_unknown(const core::Menu& menu) {
  return std::erase_if(lines_, [&menu](const CartLine& line) { return menu.find(line.item) == nullptr; });
}

void Cart::toggle_hold(std::size_t index) {
  if (index >= lines_.size()) return;
  CartLine line = lines_[index];
  lines_.erase(lines_.begin() + static_cast<std::ptrdiff_t>(index));
  add(line.item, line.qty, line.note, !line.hold);
}

std::vector<core::LineRequest> Cart::requests() const {
  std::vector<core::LineRequest> lines;
  for (const CartLine& line : lines_) lines.push_back(core::LineRequest{line.item, line.qty, line.note, line.hold});
  return lines;
}

namespace {

nlohmann::json line_json(const CartLine& line) {
  nlohmann::json json{{"item", line.item}, {"qty", line.qty}};
  if (!line.note.empty()) json["note"] = line.note;
  if (line.hold) json["hold"] = true;
  return json;
}

}  // namespace

std::string cart_to_json_text(const Cart& cart) {
  nlohmann::json lines = nlohmann::json::array();
  for (const CartLine& line : cart.lines()) lines.push_back(line_json(line));
  const nlohmann::json document{{"version", 1}, {"lines", lines}};
  return document.dump(2);
}

core::Result<Cart> cart_from_json_text(const std::string& text) {
  const nlohmann::json document = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded() || !document.is_object()) return core::fail(std::string("not a JSON object"));
  Cart cart;
  try {
    if (document.contains("lines")) {
      for (const nlohmann::json& line : document.at("lines")) {
        const auto qty = core::int_in_range(line.at("qty"));
        if (!qty) return core::fail("bad cart file: a line's qty is not a whole number: " + line.at("qty").dump());
        cart.add(line.at("item").get<std::string>(), *qty, line.value("note", std::string()),
                 line.value("hold", false));
      }
    }
  } catch (const nlohmann::json::exception& e) {
    return core::fail(std::string("bad cart file: ") + e.what());
  }
  return cart;
}

core::Result<bool> save_cart(const Cart& cart, const std::string& path) {
  const std::string temp = path + ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) return core::fail("cannot write " + temp);
    out << cart_to_json_text(cart);
    out.flush();
    if (!out) return core::fail("cannot write " + temp);
  }
  std::error_code error;
  std::filesystem::rename(temp, path, error);
  if (error) return core::fail("cannot rename " + temp + " to " + path + ": " + error.message());
  return true;
}

core::Result<Cart> load_cart(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Cart{};
  std::stringstream buffer;
  buffer << in.rdbuf();
  auto cart = cart_from_json_text(buffer.str());
  if (!cart) return core::fail(path + ": " + cart.error());
  return cart;
}

}  // namespace hourglass::kiosk
