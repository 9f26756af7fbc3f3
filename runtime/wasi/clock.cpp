// runtime/wasi/clock.cpp — clock_res_get / clock_time_get: the four preview1 clocks map one-to-one
// onto POSIX clocks; times are u64 nanoseconds.
#include <time.h>

#include <cerrno>

#include "runtime/wasi/wasi_internal.h"

namespace wasmc::wasi {

std::optional<int> hostClock(uint32_t id) {
  switch (id) {
    case 0: return CLOCK_REALTIME;
    case 1: return CLOCK_MONOTONIC;
    case 2: return CLOCK_PROCESS_CPUTIME_ID;
    case 3: return CLOCK_THREAD_CPUTIME_ID;
    default: return std::nullopt;
  }
}

Errno impl_clock_res_get(Call& c) {
  auto id = hostClock(c.u32(0));
  if (!id) return Errno::Inval;
  struct timespec ts;
  if (clock_getres(*id, &ts) != 0) return fromHost(errno);
  uint64_t ns = uint64_t(ts.tv_sec) * 1000000000ull + uint64_t(ts.tv_nsec);
  return c.store<uint64_t>(c.u32(1), ns) ? Errno::Success : Errno::Fault;
}

Errno impl_clock_time_get(Call& c) {
  auto id = hostClock(c.u32(0));
  if (!id) return Errno::Inval;
  struct timespec ts;
  if (clock_gettime(*id, &ts) != 0) return fromHost(errno);
  uint64_t ns = uint64_t(ts.tv_sec) * 1000000000ull + uint64_t(ts.tv_nsec);
  return c.store<uint64_t>(c.u32(2), ns) ? Errno::Success : Errno::Fault;
}

}  // namespace wasmc::wasi
