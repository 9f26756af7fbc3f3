/* test/wasi/sock.c — the four sock_* functions (wasmc never hands a socket to the program, as in the
 * wasi-testsuite's sock_shutdown-invalid_fd / -not_sock): on stdio, a file and a directory they give
 * ENOTSOCK, on a closed or never-opened fd EBADF, and nothing is written to their result pointers. */
#include "wasi_check.h"

static void check_fd(__wasi_fd_t fd, __wasi_errno_t want) {
  uint8_t data[8] = "payload";
  __wasi_iovec_t iov = {data, sizeof data};
  __wasi_ciovec_t ciov = {data, sizeof data};
  __wasi_size_t n = 12345;
  __wasi_roflags_t roflags = 0x77;
  __wasi_fd_t out = 777;
  CHECK_ERRNO(__wasi_sock_recv(fd, &iov, 1, 0, &n, &roflags), want);
  CHECK_ERRNO(__wasi_sock_recv(fd, &iov, 1, __WASI_RIFLAGS_RECV_PEEK | __WASI_RIFLAGS_RECV_WAITALL, &n, &roflags),
              want);
  CHECK_ERRNO(__wasi_sock_send(fd, &ciov, 1, 0, &n), want);
  CHECK_ERRNO(__wasi_sock_accept(fd, 0, &out), want);
  CHECK_ERRNO(__wasi_sock_accept(fd, __WASI_FDFLAGS_NONBLOCK, &out), want);
  CHECK_ERRNO(__wasi_sock_shutdown(fd, __WASI_SDFLAGS_RD), want);
  CHECK_ERRNO(__wasi_sock_shutdown(fd, __WASI_SDFLAGS_WR), want);
  CHECK_ERRNO(__wasi_sock_shutdown(fd, __WASI_SDFLAGS_RD | __WASI_SDFLAGS_WR), want);
  CHECK(n == 12345 && roflags == 0x77 && out == 777);
}

int main(void) {
  int dir = wasi_preopen_fd("/sandbox");
  CHECK(dir >= 3);
  check_fd(0, __WASI_ERRNO_NOTSOCK);
  check_fd(1, __WASI_ERRNO_NOTSOCK);
  check_fd(2, __WASI_ERRNO_NOTSOCK);
  check_fd(dir, __WASI_ERRNO_NOTSOCK);
  __wasi_fd_t f;
  CHECK_ERRNO(wasi_open(dir, "file", 0, __WASI_OFLAGS_CREAT, RIGHTS_RW, 0, &f), __WASI_ERRNO_SUCCESS);
  check_fd(f, __WASI_ERRNO_NOTSOCK);
  CHECK_ERRNO(__wasi_fd_close(f), __WASI_ERRNO_SUCCESS);
  check_fd(f, __WASI_ERRNO_BADF);
  check_fd(4000, __WASI_ERRNO_BADF);
  check_fd(0xffffffffu, __WASI_ERRNO_BADF);
  /* libc's socket calls on these fds fail the same way. */
  __wasi_filestat_t st;
  CHECK_ERRNO(__wasi_fd_filestat_get(dir, &st), __WASI_ERRNO_SUCCESS);
  CHECK(st.filetype == __WASI_FILETYPE_DIRECTORY);
  DONE();
}
