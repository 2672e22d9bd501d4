#include "kiosk/kiosk_strings.hpp"

#include <array>

namespace hourglass::kiosk {

namespace {

struct Entry {
  Str id;
  const char* en;
  const char* zh;
};

// In the order of the enum (checked below), so a lookup is an index.
constexpr Entry kTable[] = {
    {Str::brand, "Hourglass Kitchen", "沙漏小馆"},
    {Str::table_label, "Table {}", "{}号桌"},
    {Str::counter_label, "Self-order", "自助点餐"},
    {Str::promise_free, "Served in {}, or it's free", "{}上齐 超时免单"},
    {Str::promise_percent, "Served in {}, or pay only {}%", "{}上齐 超时整单{}折"},
    {Str::language_other, "中文", "English"},
    {Str::tab_menu, "Menu", "菜单"},
    {Str::tab_orders, "My orders", "已点订单"},
    {Str::tab_bill, "Bill", "账单"},
    {Str::call_waiter, "Call waiter", "呼叫服务员"},
    {Str::waiter_called, "A waiter is on the way", "服务员马上就来"},
    {Str::not_in_promise, "Not in the {} promise", "不参与{}承诺"},
    {Str::spicy, "Spicy", "辣"},
    {Str::add, "+", "+"},
    {Str::cart_empty, "Your cart is empty", "购物车是空的"},
    {Str::cart_items, "{} items", "共{}份"},
    {Str::view_cart, "View cart", "查看购物车"},
    {Str::order_button, "Order", "选好了"},
    {Str::cart_title, "Your cart", "购物车"},
    {Str::cart_subtitle, "Check your dishes, then send them to the kitchen", "请确认菜品，然后发送到厨房"},
    {Str::note_label, "Note for the kitchen", "给厨房的备注"},
    {Str::note_hint, "e.g. less spicy, no coriander", "例如：少辣、不要香菜"},
    {Str::subtotal, "Subtotal", "小计"},
    {Str::place_order, "Place order", "下单"},
    {Str::confirm_title, "Send to the kitchen?", "确认下单？"},
    {Str::confirm_body, "{} dishes, {}. The {} clock starts when the kitchen accepts.",
     "共{}份，{}。厨房接单后开始{}计时。"},
    {Str::confirm_yes, "Yes, place order", "确认下单"},
    {Str::confirm_back, "Back", "返回"},
    {Str::keep_browsing, "Add more", "继续点菜"},
    {Str::remove, "Remove", "删除"},
    {Str::detail_add, "Add to cart  {}", "加入购物车  {}"},
    {Str::detail_close, "Close", "关闭"},
    {Str::allergens, "Contains", "含有"},
    {Str::orders_title, "My orders", "已点订单"},
    {Str::no_orders, "No orders yet. Pick something from the menu!", "还没有下单，去菜单看看吧！"},
    {Str::round_label, "Round {}", "第{}轮"},
    {Str::ticket_label, "No. {}", "{}号"},
    {Str::time_left, "left to serve everything", "后全部上齐"},
    {Str::late_by, "late by {}", "已超时 {}"},
    {Str::served_in, "All served in {}", "{}内全部上齐"},
    {Str::kept, "Promise kept", "准时上齐"},
    {Str::rush, "Rush", "催菜"},
    {Str::rushed, "Rushed", "已催"},
    {Str::add_more, "Add more dishes", "加菜"},
    {Str::view_bill, "View bill", "查看账单"},
    {Str::sending, "Sending to the kitchen…", "正在发送到厨房…"},
    {Str::state_queued, "Queued", "排队中"},
    {Str::state_cooking, "Cooking", "制作中"},
    {Str::state_ready, "Ready", "待上桌"},
    {Str::state_served, "Served", "已上桌"},
    {Str::state_cancelled, "Cancelled", "已取消"},
    {Str::free_line, "Free", "免单"},
    {Str::apology, "Sorry, we missed our {} promise: {} is on us", "抱歉，我们没能在{}内上齐：{}由我们买单"},
    {Str::apology_short, "Promise missed", "超时"},
    {Str::bill_title, "Your bill", "账单"},
    {Str::bill_compensation, "Promise compensation", "超时补偿"},
    {Str::bill_comp, "On the house", "店家赠送"},
    {Str::bill_total, "Total", "合计"},
    {Str::bill_pay_hint, "Pay at the counter or ask a waiter", "请到前台结账或呼叫服务员"},
    {Str::offline, "Offline, reconnecting… your cart is kept", "网络已断开，正在重连…购物车已保存"},
    {Str::connecting, "Connecting to the kitchen…", "正在连接厨房…"},
    {Str::counter_welcome, "Order here, served in {}", "在这里点餐，{}上齐"},
    {Str::counter_start, "Start order", "开始点餐"},
    {Str::pickup_title, "Your number", "您的取餐号"},
    {Str::pickup_hint, "We'll call your number. Watch the clock!", "请留意叫号，计时已开始！"},
    {Str::new_order, "Done", "完成"},
    {Str::resets_in, "Next guest in {} s", "{}秒后返回首页"},
    {Str::minutes_short, "{} min", "{}分钟"},
    {Str::seconds_short, "{} s", "{}秒"},
    {Str::order_failed, "The kitchen could not take this order: {}", "厨房无法接单：{}"},
    {Str::qty_times, "{} ×", "{} ×"},
    {Str::minutes_adj, "{}-minute", "{}分钟"},
    {Str::seconds_adj, "{}-second", "{}秒"},
    {Str::late_short, "LATE", "超时"},
    {Str::each, "{} each", "单价 {}"},
};

constexpr bool table_in_enum_order() {
  std::size_t i = 0;
  for (const Entry& entry : kTable) {
    if (static_cast<std::size_t>(entry.id) != i++) return false;
  }
  return i == static_cast<std::size_t>(Str::count);
}
static_assert(table_in_enum_order(), "kTable must list every Str once, in enum order");

}  // namespace

std::string_view tr(Str id, Language language) {
  const Entry& entry = kTable[static_cast<std::size_t>(id)];
  return language == Language::zh ? entry.zh : entry.en;
}

std::vector<std::string> all_ui_strings() {
  std::vector<std::string> strings;
  strings.reserve(std::size(kTable) * 2);
  for (const Entry& entry : kTable) {
    strings.emplace_back(entry.en);
    strings.emplace_back(entry.zh);
  }
  return strings;
}

Language other_language(Language language) { return language == Language::zh ? Language::en : Language::zh; }

}  // namespace hourglass::kiosk
