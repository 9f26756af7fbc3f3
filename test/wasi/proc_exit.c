/* test/wasi/proc_exit.c — proc_exit's status becomes wasmc's exit status (CTest expects 17), atexit
 * handlers run before it, and sched_yield succeeds (proc_raise has its own test, proc_raise.c). */
#include <sched.h>
#include <stdlib.h>

#include "wasi_check.h"

static void bye(void) { printf("atexit handler ran\n"); }

int main(void) {
  CHECK(sched_yield() == 0);
  CHECK_ERRNO(__wasi_sched_yield(), __WASI_ERRNO_SUCCESS);
  atexit(bye);
  printf("%d checks, %d failed\n", wasi_check_count, wasi_check_failures);
  fflush(stdout);
  exit(wasi_check_failures ? 1 : 17);
}
