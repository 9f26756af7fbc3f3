/* test/wasi/random.c — random_get: buffers of several sizes are filled (not left zero), two draws
 * differ, a zero-length request succeeds, and libc's getentropy/arc4random sit on top of it. */
#include <stdlib.h>
#include <unistd.h>

#include "wasi_check.h"

int main(void) {
  uint8_t a[256] = {0}, b[256] = {0};
  CHECK_ERRNO(__wasi_random_get(a, sizeof a), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_random_get(b, sizeof b), __WASI_ERRNO_SUCCESS);
  CHECK(memcmp(a, b, sizeof a) != 0);
  int zeros = 0;
  for (size_t i = 0; i < sizeof a; ++i) zeros += a[i] == 0;
  CHECK(zeros < 32);
  CHECK_ERRNO(__wasi_random_get(a, 0), __WASI_ERRNO_SUCCESS);
  static uint8_t big[1 << 20];
  CHECK_ERRNO(__wasi_random_get(big, sizeof big), __WASI_ERRNO_SUCCESS);
  long sum = 0;
  for (size_t i = 0; i < sizeof big; ++i) sum += big[i];
  double mean = (double)sum / sizeof big;
  CHECK(mean > 120 && mean < 135);
  uint8_t c[32] = {0};
  CHECK(getentropy(c, sizeof c) == 0);
  CHECK(memcmp(c, a, sizeof c) != 0);
  uint32_t x = arc4random(), y = arc4random(), z = arc4random();
  CHECK(!(x == y && y == z));
  DONE();
}
