#include "shared/net/outbox.hpp"

#include "shared/core/json_read.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace hourglass::net {
namespace {

constexpr int kOutboxVersion = 1;

std::string errno_text(const std::string& what) { return what + ": " + std::strerror(errno); }

// Writes all of `data` to `fd`, retrying short writes and EINTR.
bool write_all(int fd, const std::string& data) {
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

std::string encode_outbox(const std::vector<PendingOrder>& orders) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& order : orders) {
    nlohmann::json lines = nlohmann::json::array();
    for (const auto& line : order.lines) {
      nlohmann::json entry{{"item", line.item}, {"qty", line.qty}, {"note", line.note}};
      if (line.hold) entry["hold"] = true;
      lines.push_back(std::move(entry));
    }
    nlohmann::json entry{{"order_id", order.order_id}, {"created_ms", order.created_ms}, {"lines", std::move(lines)}};
    if (order.party_size) entry["party_size"] = *order.party_size;
    list.push_back(std::move(entry));
  }
  const nlohmann::json document{{"version", kOutboxVersion}, {"orders", std::move(list)}};
  return document.dump() + "\n";
}

core::Result<std::vector<PendingOrder>, std::string> decode_outbox(const std::string& text) {
  try {
    const auto document = nlohmann::json::parse(text);
    if (core::int_in_range(document.at("version")) != kOutboxVersion) {
      return core::fail("unknown outbox version " + document.at("version").dump());
    }
    std::vector<PendingOrder> orders;
    for (const auto& entry : document.at("orders")) {
      PendingOrder order;
      order.order_id = entry.at("order_id").get<std::string>();
      if (entry.contains("created_ms")) {
        if (!entry.at("created_ms").is_number_integer()) {
          return core::fail("malformed outbox: created_ms is not a whole number: " + entry.at("created_ms").dump());
        }
        order.created_ms = entry.at("created_ms").get<std::int64_t>();
      }
      for (const auto& line : entry.at("lines")) {
        core::LineRequest request;
        request.item = line.at("item").get<std::string>();
        const auto qty = core::int_in_range(line.at("qty"));
        if (!qty) return core::fail("malformed outbox: a line's qty is not a whole number: " + line.at("qty").dump());
        request.qty = *qty;
        request.note = line.value("note", std::string{});
        request.hold = line.value("hold", false);
        order.lines.push_back(std::move(request));
      }
      if (entry.contains("party_size")) {
        const auto party_size = core::int_in_range(entry.at("party_size"));
        if (!party_size) {
          return core::fail("malformed outbox: party_size is not a whole number: " + entry.at("party_size").dump());
        }
        order.party_size = *party_size;
      }
      if (order.order_id.empty()) return core::fail(std::string("an outbox order without order_id"));
      orders.push_back(std::move(order));
    }
    return orders;
  } catch (const nlohmann::json::exception& error) {
    return core::fail(std::string("malformed outbox: ") + error.what());
  }
}

core::Result<std::vector<PendingOrder>, std::string> load_outbox(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) {
    if (error) return core::fail(path + ": " + error.message());
    return std::vector<PendingOrder>{};
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) return core::fail(errno_text("cannot open " + path));
  std::ostringstream text;
  text << file.rdbuf();
  auto orders = decode_outbox(text.str());
  if (!orders) return core::fail(path + ": " + orders.error());
  return orders;
}

core::Result<core::Done, std::string> save_outbox(const std::string& path, const std::vector<PendingOrder>& orders) {
  const std::string temporary = path + ".tmp";
  const std::string data = encode_outbox(orders);
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return core::fail(errno_text("cannot create " + temporary));
  // fsync before rename: otherwise a power cut can leave an empty file
  // under the final name, and the pending orders with it.
  const bool written = write_all(fd, data) && ::fsync(fd) == 0;
  const std::string write_error = written ? "" : errno_text("cannot write " + temporary);
  if (::close(fd) != 0 && written) return core::fail(errno_text("cannot close " + temporary));
  if (!written) return core::fail(write_error);
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    return core::fail(errno_text("cannot rename " + temporary + " to " + path));
  }
  // Make the rename itself durable.
  const auto folder = std::filesystem::path(path).parent_path();
  const int dir = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return core::Done{};
}

}  // namespace hourglass::net
