#include "shared/words/words.hpp"

#include <iterator>

namespace hourglass::words {

namespace {

struct Entry {
  Word id;
  const char* en;
  const char* zh;
};

// In the order of the enum (checked below), so a lookup is an index.
constexpr Entry kTable[] = {
    {Word::brand, "Hourglass Kitchen", "沙漏小馆"},
    {Word::table_label, "Table {}", "{}号桌"},
    {Word::counter_label, "Self-order", "自助点餐"},
    {Word::promise_free, "Served in {}, or it's free", "{}上齐 超时免单"},
    {Word::promise_percent, "Served in {}, or pay only {}%", "{}上齐 超时整单{}折"},
    {Word::promise_free_short, "{} or free", "{}超时免单"},
    {Word::promise_percent_short, "{} or pay {}%", "{}超时{}折"},
    {Word::language_other, "中文", "English"},
    {Word::tab_menu, "Menu", "菜单"},
    {Word::tab_orders, "My orders", "已点订单"},
    {Word::tab_bill, "Bill", "账单"},
    {Word::call_waiter, "Call waiter", "呼叫服务员"},
    {Word::waiter_called, "A waiter is on the way", "服务员马上就来"},
    {Word::not_in_promise, "Not in the {} promise", "不参与{}承诺"},
    {Word::spicy, "Spicy", "辣"},
    {Word::add, "+", "+"},
    {Word::cart_empty, "Your cart is empty", "购物车是空的"},
    {Word::cart_items, "{} items", "共{}份"},
    {Word::view_cart, "View cart", "查看购物车"},
    {Word::order_button, "Order", "选好了"},
    {Word::cart_title, "Your cart", "购物车"},
    {Word::cart_subtitle, "Check your dishes, then send them to the kitchen", "请确认菜品，然后发送到厨房"},
    {Word::note_label, "Note for the kitchen", "给厨房的备注"},
    {Word::note_hint, "e.g. less spicy, no coriander", "例如：少辣、不要香菜"},
    {Word::note_quick, "Tap to tell the kitchen", "点选告诉厨房"},
    {Word::subtotal, "Subtotal", "小计"},
    {Word::place_order, "Place order", "下单"},
    {Word::confirm_title, "Send to the kitchen?", "确认下单？"},
    {Word::confirm_body, "{} dishes, {}. The {} clock starts when the kitchen accepts.",
     "共{}份，{}。厨房接单后开始{}计时。"},
    {Word::confirm_yes, "Yes, place order", "确认下单"},
    {Word::confirm_back, "Back", "返回"},
    {Word::keep_browsing, "Add more", "继续点菜"},
    {Word::remove, "Remove", "删除"},
    {Word::detail_add, "Add to cart  {}", "加入购物车  {}"},
    {Word::detail_close, "Close", "关闭"},
    {Word::allergens, "Contains", "含有"},
    {Word::no_orders, "No orders yet. Pick something from the menu!", "还没有下单，去菜单看看吧！"},
    {Word::round_label, "Round {}", "第{}轮"},
    {Word::ticket_label, "No.\u00a0{}", "{}号"},  // a no-break space: "No." never ends a line
    {Word::time_left, "left to serve everything", "后全部上齐"},
    {Word::late_by, "late by {}", "已超时 {}"},
    {Word::served_in, "All served in {}", "{}内全部上齐"},
    {Word::kept, "Promise kept", "准时上齐"},
    {Word::rush, "Rush", "催菜"},
    {Word::rushed, "Rushed", "已催"},
    {Word::add_more, "Add more dishes", "加菜"},
    {Word::view_bill, "View bill", "查看账单"},
    {Word::sending, "Sending to the kitchen…", "正在发送到厨房…"},
    {Word::pending_title, "Not yet with the kitchen", "还没送到厨房"},
    {Word::pending_offline, "It is sent as soon as the tablet is back online", "网络恢复后会自动发送"},
    {Word::pending_clock, "The {} clock starts when the kitchen receives it", "厨房收到后才开始{}计时"},
    {Word::state_queued, "Queued", "排队中"},
    {Word::state_cooking, "Cooking", "制作中"},
    {Word::state_ready, "Ready", "待上桌"},
    {Word::state_served, "Served", "已上桌"},
    {Word::state_cancelled, "Cancelled", "已取消"},
    {Word::free_line, "Free", "免单"},
    {Word::apology, "Sorry, we missed our {} promise: {} is on us", "抱歉，我们没能在{}内上齐：{}由我们买单"},
    {Word::apology_short, "Promise missed", "超时"},
    {Word::bill_title, "Your bill", "账单"},
    {Word::bill_compensation, "Promise compensation", "超时补偿"},
    {Word::bill_comp, "On the house", "店家赠送"},
    {Word::bill_total, "Total", "合计"},
    {Word::bill_pay_hint, "Pay at the counter or ask a waiter", "请到前台结账或呼叫服务员"},
    {Word::offline, "Offline, reconnecting… your cart is kept", "网络已断开，正在重连…购物车已保存"},
    {Word::connecting, "Connecting to the kitchen…", "正在连接厨房…"},
    {Word::counter_welcome, "Order here, served in {}", "在这里点餐，{}上齐"},
    {Word::counter_start, "Start order", "开始点餐"},
    {Word::pickup_title, "Your number", "您的取餐号"},
    {Word::pickup_hint, "We'll call your number. Watch the clock!", "请留意叫号，计时已开始！"},
    {Word::new_order, "Done", "完成"},
    {Word::resets_in, "Next guest in {} s", "{}秒后返回首页"},
    {Word::minutes_short, "{} min", "{}分钟"},
    {Word::seconds_short, "{} s", "{}秒"},
    {Word::order_failed, "The kitchen could not take this order: {}", "厨房无法接单：{}"},
    {Word::qty_times, "{} ×", "{} ×"},
    {Word::minutes_adj, "{}-minute", "{}分钟"},
    {Word::seconds_adj, "{}-second", "{}秒"},
    {Word::late_short, "LATE", "超时"},
    {Word::each, "{} each", "单价 {}"},
    {Word::kds_title, "HOURGLASS KITCHEN", "沙漏 · 厨房"},
    {Word::kds_all_stations, "All", "全部"},
    {Word::kds_all_day, "ALL DAY", "全天汇总"},
    {Word::kds_next_up, "NEXT UP", "下一道"},
    {Word::kds_fire_now, "FIRE NOW", "马上做"},
    {Word::kds_fire_in, "in", "还剩"},
    {Word::kds_at_risk, "AT RISK", "有风险"},
    {Word::kds_rush, "RUSH", "催单"},
    {Word::kds_calm, "ON TRACK", "正常"},
    {Word::kds_amber, "HURRY", "要快"},
    {Word::kds_red, "CRITICAL", "紧急"},
    {Word::kds_kept, "KEPT", "准时"},
    {Word::kds_serve_all, "ALL SERVED", "全部上齐"},
    {Word::kds_queued, "queued", "待做"},
    {Word::kds_cooking, "cooking", "在做"},
    {Word::kds_start, "START", "开做"},
    {Word::kds_ready, "READY", "做好"},
    {Word::kds_serve, "SERVE", "上菜"},
    {Word::kds_recall, "RECALL", "撤回"},
    {Word::kds_mute, "SOUND ON", "声音开"},
    {Word::kds_unmute, "MUTED", "已静音"},
    {Word::kds_online, "LIVE", "在线"},
    {Word::kds_offline, "OFFLINE - reconnecting. Tickets as of", "离线 - 正在重连。订单数据截至"},
    {Word::kds_connecting, "CONNECTING", "连接中"},
    {Word::kds_demo, "DEMO", "演示"},
    {Word::kds_more_tickets, "more", "张未显示"},
    {Word::kds_page, "Page", "页"},
    {Word::kds_no_tickets, "No open tickets", "暂无订单"},
    {Word::kds_new_ticket, "New ticket", "新订单"},
    {Word::kds_call_waiter, "calls a waiter", "呼叫服务员"},
    {Word::kds_breach_toast, "Promise broken", "超时赔付"},
    {Word::kds_keys_hint, "1-9 ticket   Up/Down line   Enter bump   S all served   R recall",
     "1-9 选单   上/下 选菜   回车 推进   S 全部上齐   R 撤回"},
    {Word::kds_stale, "last update", "最后更新"},
    {Word::console_title, "Hourglass Manager", "沙漏 · 店长后台"},
    {Word::console_live, "Live orders", "实时订单"},
    {Word::console_breaches, "Breach log", "超时记录"},
    {Word::console_online, "● Live", "● 在线"},
    {Word::console_offline, "Offline since", "离线，自"},
    {Word::console_demo, "Demo data", "演示数据"},
    {Word::console_from, "From", "从"},
    {Word::console_to, "To", "到"},
    {Word::console_table, "Table", "桌号"},
    {Word::console_dish, "Dish", "菜品"},
    {Word::console_policy, "Policy", "赔付方式"},
    {Word::console_refresh, "Apply dates", "应用日期"},
    {Word::console_export_csv, "Export CSV", "导出 CSV"},
    {Word::console_export_to, "File", "文件"},
    {Word::console_orders, "Orders", "订单数"},
    {Word::console_on_time, "On-time rate", "准时率"},
    {Word::console_breach_count, "Breaches", "超时单数"},
    {Word::console_late_dishes, "Late dishes", "超时菜品"},
    {Word::console_compensation, "Compensation paid", "已赔付金额"},
    {Word::console_col_time, "Time", "时间"},
    {Word::console_col_ticket, "Ticket", "单号"},
    {Word::console_col_late, "Late dishes (served how late)", "超时菜品（晚上多久）"},
    {Word::console_col_worst, "Latest", "最晚"},
    {Word::console_col_comp, "Compensation", "赔付"},
    {Word::console_per_dish, "Late dishes by dish", "各菜品超时次数"},
    {Word::console_per_hour, "Breaches by hour of day", "各时段超时单数"},
    {Word::console_no_breaches, "No breaches in this period", "该时段没有超时"},
    {Word::console_comp, "Comp", "赠送"},
    {Word::console_comp_reason, "Reason", "原因"},
    {Word::console_comp_confirm, "Comp this dish", "赠送此菜"},
    {Word::console_cancel, "Cancel", "取消"},
    {Word::console_close_table, "Close table", "结账清台"},
    {Word::console_close_confirm, "Close and print the bill", "结账并打印账单"},
    {Word::console_discount, "Discount", "优惠"},
    {Word::console_comped, "comped", "已赠送"},
    {Word::console_open_orders, "open orders", "个进行中订单"},
    {Word::console_late_orders, "late", "超时"},
    {Word::console_no_open, "No open orders", "暂无进行中的订单"},
    {Word::console_kept_of, "kept", "准时"},
    {Word::kitchen_state_queued, "QUEUED", "待做"},
    {Word::kitchen_state_cooking, "COOKING", "在做"},
    {Word::kitchen_state_ready, "READY", "待上"},
    {Word::kitchen_state_served, "SERVED", "已上"},
    {Word::kitchen_state_cancelled, "CANCELLED", "已取消"},
    {Word::counter_table, "Counter", "柜台"},
    {Word::not_served, "not served", "未上菜"},
    {Word::late_countdown, "LATE {}", "超时 {}"},
    {Word::policy_free_unserved, "Late dishes free", "超时免单"},
    {Word::policy_bill_percent, "Bill discount", "整单打折"},
    {Word::status_open, "open", "进行中"},
    {Word::status_breached, "breached", "已超时"},
    {Word::console_as_of, "as of {}", "数据更新于 {}"},
    {Word::console_loading, "loading…", "正在加载…"},
    {Word::console_choose_file, "Choose a file to export to", "请先填写文件路径"},
    {Word::console_exported, "Exported {} → {}", "已导出 {} → {}"},
    {Word::state_held, "Later", "稍后上"},
    {Word::state_fired, "Sent", "已起菜"},
    {Word::sold_out, "Sold out", "已售罄"},
    {Word::sold_out_refused, "Sorry, {} is sold out", "抱歉，{}已售罄"},
    {Word::cart_sold_out, "Sold out: remove it to order", "已售罄，请移除后下单"},
    {Word::serve_later, "Serve later", "稍后上"},
    {Word::serve_now, "Serve now", "现在上菜"},
    {Word::held_title, "To serve later", "稍后上的菜"},
    {Word::kitchen_busy, "Kitchen busy: about {} min", "后厨繁忙：约 {} 分钟"},
    {Word::kitchen_state_held, "HELD", "叫起"},
    {Word::kitchen_state_fired, "FIRED", "已起"},
    {Word::kds_start_in, "start in {}", "{} 后做"},
    {Word::kds_projected_late, "projected late {}", "预计超时 {}"},
    {Word::kds_fire_held, "Fire", "即起"},
    {Word::kds_held_lines, "Held", "叫起"},
    {Word::kds_sold_out, "86", "估清"},
    {Word::kds_back_on, "Back on", "恢复"},
    {Word::kds_sold_out_title, "Sold out (86): one touch marks a dish sold out, another puts it back on",
     "估清：点一下菜品即估清，再点一下恢复"},
    {Word::kds_available, "available", "可点"},
    {Word::kds_expo_title, "EXPO", "传菜口"},
    {Word::kds_expo_missing, "still to come", "还差"},
    {Word::kds_expo_at_pass, "at the pass", "出餐等待"},
    {Word::kds_expo_serve_order, "Serve order", "整单上菜"},
    {Word::kds_expo_serve_ready, "Serve the {} ready", "先上 {} 道"},
    {Word::kds_expo_none, "Nothing at the pass", "出餐口暂无菜品"},
    {Word::kds_expo_all_ready, "ALL READY", "已齐"},
    {Word::kds_expo_ready_count, "{} of {} ready", "{}/{} 已出"},
    {Word::kds_expo_summary, "{} orders at the pass, {} complete", "出餐口 {} 单，{} 单已齐"},
    // Positional: {0} due, {1} projected on time, {2} the percentage.
    {Word::console_forecast, "Next 15 min: {1} of {0} orders due projected on time ({2} %)",
     "未来 15 分钟：{0} 单到期，预计 {1} 单准时（{2}%）"},
    {Word::console_forecast_none, "Next 15 min: no orders due", "未来 15 分钟：无到期订单"},
    {Word::console_kitchen_wait, "A new order now: about {} min", "现在下单：约 {} 分钟出齐"},
    {Word::console_projected_breach, "Projected to breach", "预计超时"},
    {Word::console_sold_out_tab, "Sold out (86)", "估清"},
    {Word::console_sold_out_hint, "One touch marks a dish sold out on every tablet; another puts it back on.",
     "点一下即在所有平板上估清该菜，再点一下恢复。"},
    {Word::kds_past_saving, "past saving, late {}", "已来不及 超时 {}"},
    {Word::promise_per_minute, "Served in {}, or {} off for every minute late (up to {})", "{}上齐 超时每分钟减{}（最多减{}）"},
    {Word::promise_per_minute_short, "{} or {}/min off", "{}上齐 超时每分钟减{}"},
    {Word::apology_accruing, "Sorry, we are late: {} off so far, {} more each minute until it is served (up to {})", "抱歉，已超时：已减{}，上齐前每分钟再减{}（最多减{}）"},
    {Word::party_title, "How many are you?", "请问几位用餐？"},
    {Word::party_guests, "{} guests", "{}位"},
    {Word::party_one_guest, "1 guest", "1位"},
    {Word::party_start, "Start ordering", "开始点餐"},
    {Word::skip, "Skip", "跳过"},
    {Word::complain_button, "Something wrong?", "有问题？"},
    {Word::complain_title, "Tell us what is wrong: the manager is told at once", "请告诉我们哪里有问题，经理会马上收到"},
    {Word::complaint_dish_quality, "The food is not right", "菜品质量"},
    {Word::complaint_slow, "Too slow", "上菜太慢"},
    {Word::complaint_wrong_or_missing, "Wrong or missing dish", "上错或漏上"},
    {Word::complaint_service, "Service", "服务"},
    {Word::complaint_cleanliness, "Cleanliness", "卫生"},
    {Word::complaint_other, "Something else", "其他"},
    {Word::complain_about_dish, "About a dish (optional)", "关于哪道菜（可选）"},
    {Word::complain_send, "Send", "发送"},
    {Word::cancel, "Cancel", "取消"},
    {Word::complaint_sent, "Sent: the manager is on it", "已发送，经理正在处理"},
    {Word::complaint_open, "We are on it: {} · {}", "正在处理：{} · {}"},
    {Word::complaint_answered, "Answered: {}", "已处理：{}"},
    {Word::resolution_remade, "we are making it again", "已为您重做"},
    {Word::resolution_comped, "it is on us", "已为您免单"},
    {Word::resolution_apologized, "we apologise", "向您致歉"},
    {Word::resolution_other, "handled by the manager", "经理已处理"},
    {Word::survey_title, "How likely are you to recommend us to a friend?", "您有多大可能向朋友推荐我们？"},
    {Word::survey_scale, "0 = not at all · 10 = certainly", "0 = 完全不会 · 10 = 一定会"},
    {Word::survey_thanks, "Thank you for telling us!", "谢谢您的反馈！"},
    {Word::kds_complaint, "Table {} · {}: {}", "{}桌 · {}：{}"},
};

constexpr bool table_in_enum_order() {
  std::size_t i = 0;
  for (const Entry& entry : kTable) {
    if (static_cast<std::size_t>(entry.id) != i++) return false;
  }
  return i == static_cast<std::size_t>(Word::count);
}
static_assert(table_in_enum_order(), "kTable must list every Word once, in enum order");

}  // namespace

std::string_view word(Word id, Language language) {
  const Entry& entry = kTable[static_cast<std::size_t>(id)];
  return language == Language::zh ? entry.zh : entry.en;
}

const std::string& text(Word id, Language language) {
  // Immutable, built once on first use: std::string copies of kTable.
  static const std::vector<std::string> en = [] {
    std::vector<std::string> out;
    for (const Entry& entry : kTable) out.emplace_back(entry.en);
    return out;
  }();
  static const std::vector<std::string> zh = [] {
    std::vector<std::string> out;
    for (const Entry& entry : kTable) out.emplace_back(entry.zh);
    return out;
  }();
  return (language == Language::zh ? zh : en)[static_cast<std::size_t>(id)];
}

std::vector<std::string> all_words() {
  std::vector<std::string> strings;
  strings.reserve(std::size(kTable) * 2);
  for (const Entry& entry : kTable) {
    strings.emplace_back(entry.en);
    strings.emplace_back(entry.zh);
  }
  return strings;
}

Language other_language(Language language) { return language == Language::zh ? Language::en : Language::zh; }

}  // namespace hourglass::words
