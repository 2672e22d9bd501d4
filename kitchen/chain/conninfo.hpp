#pragma once
// libpq connection strings as the chain's programs use them: with time-outs
// that notice a dead route, and without the password when logged or shown.

#include <string>

namespace hourglass::chain {

// A central server that does not answer at all (a dead route drops SYNs)
// would hold the connect for minutes: libpq waits forever by default. Adds
// connect_timeout=10 and keepalives_idle=30 unless the string sets them.
std::string with_timeouts(const std::string& conninfo);

// The connection string without its password, for logs and screens.
std::string without_password(const std::string& conninfo);

}  // namespace hourglass::chain
