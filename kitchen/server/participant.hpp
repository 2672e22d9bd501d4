#pragma once
// Someone who receives messages: a connected, authenticated screen. The hub
// and the service know participants only through this (no sockets).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "shared/core/order.hpp"

namespace hourglass::kitchen {

// An encoded frame, shared by every recipient of a broadcast.
using Frame = std::shared_ptr<const std::string>;

struct Identity {
  core::Role role = core::Role::table;
  std::optional<std::string> table;  // the table role only
  std::string owner;                 // "table:12", "kiosk:<token hash>", or "" for staff
  std::string device;                // the config's device name, for logs and the audit trail
  std::string credential{};          // a digest of the token (never the token): finds revoked devices on reload
};

class Participant {
 public:
  virtual ~Participant() = default;
  virtual void deliver(const Frame& frame) = 0;
  virtual const Identity& identity() const = 0;
  virtual std::uint64_t id() const = 0;
};

using ParticipantPtr = std::shared_ptr<Participant>;

}  // namespace hourglass::kitchen
