/* test/wasi/proc_raise.c — proc_raise (no longer declared by wasi-libc, so imported by hand): NONE
 * and the signals whose default action is "ignore" succeed and the program goes on, job-control
 * stops give ENOTSUP, numbers past SIGSYS give EINVAL, and SIGTERM ends the program with status
 * 128 + 15 = 143 (CTest expects it, and "terminated by SIGTERM" on stderr) before main returns. */
#include <stdlib.h>

#include "wasi_check.h"

__wasi_errno_t raw_proc_raise(uint8_t sig)
    __attribute__((import_module("wasi_snapshot_preview1"), import_name("proc_raise")));

enum { SIG_NONE = 0, SIG_TERM = 15, SIG_CHLD = 16, SIG_CONT = 17, SIG_STOP = 18, SIG_TSTP = 19,
       SIG_TTIN = 20, SIG_TTOU = 21, SIG_URG = 22, SIG_WINCH = 27, SIG_SYS = 30 };

int main(void) {
  CHECK_ERRNO(raw_proc_raise(SIG_NONE), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(raw_proc_raise(SIG_CHLD), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(raw_proc_raise(SIG_CONT), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(raw_proc_raise(SIG_URG), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(raw_proc_raise(SIG_WINCH), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(raw_proc_raise(SIG_STOP), __WASI_ERRNO_NOTSUP);
  CHECK_ERRNO(raw_proc_raise(SIG_TSTP), __WASI_ERRNO_NOTSUP);
  CHECK_ERRNO(raw_proc_raise(SIG_TTIN), __WASI_ERRNO_NOTSUP);
  CHECK_ERRNO(raw_proc_raise(SIG_TTOU), __WASI_ERRNO_NOTSUP);
  CHECK_ERRNO(raw_proc_raise(SIG_SYS + 1), __WASI_ERRNO_INVAL);
  CHECK_ERRNO(raw_proc_raise(255), __WASI_ERRNO_INVAL);
  printf("%d checks, %d failed\n", wasi_check_count, wasi_check_failures);
  fflush(stdout);
  if (wasi_check_failures) return 1;
  raw_proc_raise(SIG_TERM);
  printf("FAIL %s:%d: still running after proc_raise(SIGTERM)\n", __FILE__, __LINE__);
  return 1;
}
