/* test/wasi/stdio.c — fds 0/1/2 (modelled on wasi-testsuite stdio / isatty): all three are open and
 * report a file type, stdout/stderr are writable, fd_close(1) frees only the guest fd, and isatty()
 * is false because the test harness captures stdout through a pipe. */
#include <unistd.h>

#include "wasi_check.h"

int main(void) {
  for (__wasi_fd_t fd = 0; fd < 3; ++fd) {
    __wasi_fdstat_t st;
    CHECK_ERRNO(__wasi_fd_fdstat_get(fd, &st), __WASI_ERRNO_SUCCESS);
    if (fd > 0) CHECK(st.fs_rights_base & __WASI_RIGHTS_FD_WRITE);
    __wasi_prestat_t ps;
    CHECK_ERRNO(__wasi_fd_prestat_get(fd, &ps), __WASI_ERRNO_BADF);
  }
  CHECK(isatty(1) == 0);
  CHECK(isatty(12345) == 0 && errno == EBADF);
  __wasi_ciovec_t iov = {(const uint8_t*)"to stderr\n", 10};
  __wasi_size_t n = 0;
  CHECK_ERRNO(__wasi_fd_write(2, &iov, 1, &n), __WASI_ERRNO_SUCCESS);
  CHECK(n == 10);
  /* Zero iovecs and zero-length buffers are fine. */
  CHECK_ERRNO(__wasi_fd_write(1, &iov, 0, &n), __WASI_ERRNO_SUCCESS);
  CHECK(n == 0);
  printf("%d checks, %d failed\n", wasi_check_count, wasi_check_failures);
  fflush(stdout);
  int failures = wasi_check_failures;
  /* After closing fd 1 the guest cannot write to it, but wasmc's own stdout is untouched. */
  CHECK_ERRNO(__wasi_fd_close(1), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_write(1, &iov, 1, &n), __WASI_ERRNO_BADF);
  CHECK_ERRNO(__wasi_fd_close(1), __WASI_ERRNO_BADF);
  iov.buf = (const uint8_t*)"still alive\n";
  iov.buf_len = 12;
  CHECK_ERRNO(__wasi_fd_write(2, &iov, 1, &n), __WASI_ERRNO_SUCCESS);
  return failures || wasi_check_failures ? 1 : 0;
}
