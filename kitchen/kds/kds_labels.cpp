#include "kitchen/kds/kds_labels.hpp"

namespace hourglass::kitchen {

namespace {

KdsLabels english() {
  KdsLabels l;
  l.title = "HOURGLASS KITCHEN";
  l.all_stations = "All";
  l.all_day = "ALL DAY";
  l.next_up = "NEXT UP";
  l.fire_now = "FIRE NOW";
  l.fire_in = "in";
  l.at_risk = "AT RISK";
  l.rush = "RUSH";
  l.calm = "ON TRACK";
  l.amber = "HURRY";
  l.red = "CRITICAL";
  l.late = "LATE";
  l.kept = "KEPT";
  l.serve_all = "ALL SERVED";
  l.queued = "queued";
  l.cooking = "cooking";
  l.start = "START";
  l.ready = "READY";
  l.serve = "SERVE";
  l.recall = "RECALL";
  l.mute = "SOUND ON";
  l.unmute = "MUTED";
  l.language = "中文";
  l.online = "LIVE";
  l.offline = "OFFLINE - reconnecting. Tickets as of";
  l.connecting = "CONNECTING";
  l.demo = "DEMO";
  l.more_tickets = "more";
  l.page = "Page";
  l.no_tickets = "No open tickets";
  l.new_ticket = "New ticket";
  l.call_waiter = "calls a waiter";
  l.rushed_toast = "RUSH";
  l.breach_toast = "Promise broken";
  l.minutes = "min";
  l.keys_hint = "1-9 ticket   Up/Down line   Enter bump   S all served   R recall";
  l.stale = "last update";
  return l;
}

KdsLabels chinese() {
  KdsLabels l;
  l.title = "沙漏 · 厨房";
  l.all_stations = "全部";
  l.all_day = "全天汇总";
  l.next_up = "下一道";
  l.fire_now = "马上做";
  l.fire_in = "还剩";
  l.at_risk = "有风险";
  l.rush = "催单";
  l.calm = "正常";
  l.amber = "要快";
  l.red = "紧急";
  l.late = "超时";
  l.kept = "准时";
  l.serve_all = "全部上齐";
  l.queued = "待做";
  l.cooking = "在做";
  l.start = "开做";
  l.ready = "做好";
  l.serve = "上菜";
  l.recall = "撤回";
  l.mute = "声音开";
  l.unmute = "已静音";
  l.language = "English";
  l.online = "在线";
  l.offline = "离线 - 正在重连。订单数据截至";
  l.connecting = "连接中";
  l.demo = "演示";
  l.more_tickets = "张未显示";
  l.page = "页";
  l.no_tickets = "暂无订单";
  l.new_ticket = "新订单";
  l.call_waiter = "呼叫服务员";
  l.rushed_toast = "催单";
  l.breach_toast = "超时赔付";
  l.minutes = "分钟";
  l.keys_hint = "1-9 选单   上/下 选菜   回车 推进   S 全部上齐   R 撤回";
  l.stale = "最后更新";
  return l;
}

std::vector<std::string> as_list(const KdsLabels& l) {
  return {l.title,     l.all_stations, l.all_day,    l.next_up,     l.fire_now,     l.fire_in,      l.at_risk,
          l.rush,      l.calm,         l.amber,      l.red,         l.late,         l.kept,         l.serve_all,
          l.queued,    l.cooking,      l.start,      l.ready,       l.serve,        l.recall,       l.mute,
          l.unmute,    l.language,     l.online,     l.offline,     l.connecting,   l.demo,         l.more_tickets,
          l.page,      l.no_tickets,   l.new_ticket, l.call_waiter, l.rushed_toast, l.breach_toast, l.minutes,
          l.keys_hint, l.stale};
}

}  // namespace

const KdsLabels& kds_labels(core::Language language) {
  static const KdsLabels en = english();  // immutable tables, built once
  static const KdsLabels zh = chinese();
  return language == core::Language::zh ? zh : en;
}

std::vector<std::string> all_kds_labels() {
  std::vector<std::string> out = as_list(english());
  for (auto& s : as_list(chinese())) out.push_back(std::move(s));
  return out;
}

}  // namespace hourglass::kitchen
