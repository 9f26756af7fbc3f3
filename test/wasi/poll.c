/* test/wasi/poll.c — poll_oneoff: EINVAL for no subscriptions, the earlier of two relative clocks
 * fires first (with its userdata), an absolute deadline in the past fires at once, a write
 * subscription on stdout is ready immediately, and an unknown fd gives an EBADF event. */
#include <time.h>

#include "wasi_check.h"

static __wasi_subscription_t clock_sub(uint64_t userdata, uint64_t ns, int abstime) {
  __wasi_subscription_t s;
  memset(&s, 0, sizeof s);
  s.userdata = userdata;
  s.u.tag = __WASI_EVENTTYPE_CLOCK;
  s.u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
  s.u.u.clock.timeout = ns;
  s.u.u.clock.flags = abstime ? __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME : 0;
  return s;
}

int main(void) {
  __wasi_subscription_t subs[3];
  __wasi_event_t ev[3];
  __wasi_size_t n = 99;
  CHECK_ERRNO(__wasi_poll_oneoff(subs, ev, 0, &n), __WASI_ERRNO_INVAL);

  subs[0] = clock_sub(111, 2000ull * 1000 * 1000, 0);
  subs[1] = clock_sub(222, 10ull * 1000 * 1000, 0);
  __wasi_timestamp_t t0, t1;
  CHECK_ERRNO(__wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &t0), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_poll_oneoff(subs, ev, 2, &n), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &t1), __WASI_ERRNO_SUCCESS);
  CHECK(n == 1);
  CHECK(ev[0].userdata == 222);
  CHECK(ev[0].type == __WASI_EVENTTYPE_CLOCK);
  CHECK(ev[0].error == __WASI_ERRNO_SUCCESS);
  CHECK(t1 - t0 >= 10ull * 1000 * 1000);
  CHECK(t1 - t0 < 1500ull * 1000 * 1000);

  subs[0] = clock_sub(333, t0, 1); /* absolute, already passed */
  CHECK_ERRNO(__wasi_poll_oneoff(subs, ev, 1, &n), __WASI_ERRNO_SUCCESS);
  CHECK(n == 1 && ev[0].userdata == 333);

  memset(&subs[0], 0, sizeof subs[0]);
  subs[0].userdata = 444;
  subs[0].u.tag = __WASI_EVENTTYPE_FD_WRITE;
  subs[0].u.u.fd_write.file_descriptor = 1;
  subs[1] = clock_sub(555, 5000ull * 1000 * 1000, 0);
  CHECK_ERRNO(__wasi_poll_oneoff(subs, ev, 2, &n), __WASI_ERRNO_SUCCESS);
  CHECK(n == 1);
  CHECK(ev[0].userdata == 444 && ev[0].type == __WASI_EVENTTYPE_FD_WRITE && ev[0].error == 0);

  memset(&subs[0], 0, sizeof subs[0]);
  subs[0].userdata = 666;
  subs[0].u.tag = __WASI_EVENTTYPE_FD_READ;
  subs[0].u.u.fd_read.file_descriptor = 1234;
  CHECK_ERRNO(__wasi_poll_oneoff(subs, ev, 2, &n), __WASI_ERRNO_SUCCESS);
  CHECK(n >= 1 && ev[0].userdata == 666 && ev[0].error == __WASI_ERRNO_BADF);
  DONE();
}
