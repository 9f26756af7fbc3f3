// runtime/wasi/random.cpp — random_get: fills the guest buffer from the kernel CSPRNG (getrandom).
#include <sys/random.h>

#include <cerrno>

#include "runtime/wasi/wasi_internal.h"

namespace wasmc::wasi {

Errno impl_random_get(Call& c) {
  uint32_t len = c.u32(1);
  uint8_t* p = c.ptr(c.u32(0), len);
  if (!p) return Errno::Fault;
  size_t done = 0;
  while (done < len) {
    ssize_t n = getrandom(p + done, len - done, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fromHost(errno);
    }
    done += size_t(n);
  }
  return Errno::Success;
}

}  // namespace wasmc::wasi
