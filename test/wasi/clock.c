/* test/wasi/clock.c — clock_res_get / clock_time_get for all four clocks, monotonicity, a sleep
 * measured on the monotonic clock, and EINVAL for an unknown clock id. */
#include <time.h>

#include "wasi_check.h"

int main(void) {
  __wasi_timestamp_t t, res;
  for (__wasi_clockid_t id = 0; id < 4; ++id) {
    CHECK_ERRNO(__wasi_clock_res_get(id, &res), __WASI_ERRNO_SUCCESS);
    CHECK(res > 0 && res <= 1000000000ull);
    CHECK_ERRNO(__wasi_clock_time_get(id, 1, &t), __WASI_ERRNO_SUCCESS);
  }
  CHECK_ERRNO(__wasi_clock_time_get(__WASI_CLOCKID_REALTIME, 1, &t), __WASI_ERRNO_SUCCESS);
  CHECK(t > 1577836800ull * 1000000000ull); /* after 2020-01-01 */
  CHECK(time(NULL) >= 1577836800);
  CHECK_ERRNO(__wasi_clock_time_get(4, 1, &t), __WASI_ERRNO_INVAL);
  CHECK_ERRNO(__wasi_clock_res_get(99, &res), __WASI_ERRNO_INVAL);

  struct timespec a, b;
  CHECK(clock_gettime(CLOCK_MONOTONIC, &a) == 0);
  for (int i = 0; i < 1000; ++i) {
    CHECK(clock_gettime(CLOCK_MONOTONIC, &b) == 0);
    CHECK(b.tv_sec > a.tv_sec || (b.tv_sec == a.tv_sec && b.tv_nsec >= a.tv_nsec));
    a = b;
    if (wasi_check_failures) break;
  }
  struct timespec req = {0, 20 * 1000 * 1000}; /* 20 ms through poll_oneoff */
  CHECK(clock_gettime(CLOCK_MONOTONIC, &a) == 0);
  CHECK(nanosleep(&req, NULL) == 0);
  CHECK(clock_gettime(CLOCK_MONOTONIC, &b) == 0);
  long long ns = (b.tv_sec - a.tv_sec) * 1000000000ll + (b.tv_nsec - a.tv_nsec);
  CHECK(ns >= 20 * 1000 * 1000);
  CHECK(ns < 5ll * 1000 * 1000 * 1000);
  DONE();
}
