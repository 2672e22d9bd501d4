// Preloaded ahead of libfaketime by the clock-step tests (SteppedWallClock).
//
// libfaketime 0.9.10 wraps timerfd_settime and shifts every absolute expiry
// by its wall-clock offset, whatever clock the timer runs on: it does not
// wrap timerfd_create, so it cannot know, and FAKETIME_DONT_FAKE_MONOTONIC
// does not reach it. Asio arms its one CLOCK_MONOTONIC timerfd with an
// absolute 1 ns expiry ("now") whenever a timer is already due, so under an
// offset of an hour that wake-up was put off by an hour and the server slept
// through its deadlines, in about one run of three. A real step of the wall
// clock never moves a monotonic timer, so these calls go to the C library
// unchanged; every other call libfaketime wraps is left to it. (The server
// has no timerfd of its own, only Asio's monotonic one.)

#include <dlfcn.h>
#include <sys/timerfd.h>

namespace {

template <class Fn>
Fn from_libc(const char* name) {
  void* libc = dlopen("libc.so.6", RTLD_LAZY | RTLD_NOLOAD);
  return libc == nullptr ? nullptr : reinterpret_cast<Fn>(dlsym(libc, name));
}

}  // namespace

extern "C" int timerfd_settime(int fd, int flags, const itimerspec* new_value, itimerspec* old_value) {
  using Fn = int (*)(int, int, const itimerspec*, itimerspec*);
  static const Fn real = from_libc<Fn>("timerfd_settime");
  return real(fd, flags, new_value, old_value);
}

extern "C" int timerfd_gettime(int fd, itimerspec* current) {
  using Fn = int (*)(int, itimerspec*);
  static const Fn real = from_libc<Fn>("timerfd_gettime");
  return real(fd, current);
}
