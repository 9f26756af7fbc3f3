/* test/wasi/fd_misc.c — the remaining fd_* functions: prestat, renumber (modelled on
 * wasi-testsuite renumber), fdstat_set_rights (rights only shrink), advise, allocate, sync,
 * datasync, and sock_* on fds that are not sockets (EBADF / ENOTSOCK, as in the C testsuite). */
#include <fcntl.h>
#include <unistd.h>

#include "wasi_check.h"

int main(void) {
  int dir = wasi_preopen_fd("/sandbox");
  CHECK(dir >= 3);
  __wasi_prestat_t ps;
  CHECK_ERRNO(__wasi_fd_prestat_get(dir, &ps), __WASI_ERRNO_SUCCESS);
  CHECK(ps.tag == __WASI_PREOPENTYPE_DIR && ps.u.dir.pr_name_len == 8);
  uint8_t name[16] = {0};
  CHECK_ERRNO(__wasi_fd_prestat_dir_name(dir, name, 8), __WASI_ERRNO_SUCCESS);
  CHECK(memcmp(name, "/sandbox", 8) == 0);
  CHECK_ERRNO(__wasi_fd_prestat_get(1, &ps), __WASI_ERRNO_BADF);
  CHECK_ERRNO(__wasi_fd_prestat_get(200, &ps), __WASI_ERRNO_BADF);
  __wasi_fdstat_t st;
  CHECK_ERRNO(__wasi_fd_fdstat_get(dir, &st), __WASI_ERRNO_SUCCESS);
  CHECK(st.fs_filetype == __WASI_FILETYPE_DIRECTORY);

  __wasi_fd_t a, b;
  CHECK_ERRNO(wasi_open(dir, "a", 0, __WASI_OFLAGS_CREAT, RIGHTS_RW, 0, &a), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(wasi_open(dir, "b", 0, __WASI_OFLAGS_CREAT, RIGHTS_RW, 0, &b), __WASI_ERRNO_SUCCESS);
  __wasi_ciovec_t iov = {(const uint8_t*)"A", 1};
  __wasi_size_t n;
  CHECK_ERRNO(__wasi_fd_write(a, &iov, 1, &n), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_renumber(a, b), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_close(a), __WASI_ERRNO_BADF);
  __wasi_filestat_t fst;
  CHECK_ERRNO(__wasi_fd_filestat_get(b, &fst), __WASI_ERRNO_SUCCESS);
  CHECK(fst.size == 1); /* b now is the old a */
  CHECK_ERRNO(__wasi_fd_renumber(b, 300), __WASI_ERRNO_BADF);
  CHECK_ERRNO(__wasi_fd_renumber(300, b), __WASI_ERRNO_BADF);
  CHECK_ERRNO(__wasi_fd_renumber(b, b), __WASI_ERRNO_SUCCESS);

  /* Rights can be dropped, not regained; a file without FD_WRITE cannot be written. */
  CHECK_ERRNO(__wasi_fd_fdstat_get(b, &st), __WASI_ERRNO_SUCCESS);
  __wasi_rights_t base = st.fs_rights_base & ~__WASI_RIGHTS_FD_WRITE;
  CHECK_ERRNO(__wasi_fd_fdstat_set_rights(b, base, st.fs_rights_inheriting), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO2(__wasi_fd_write(b, &iov, 1, &n), __WASI_ERRNO_BADF, __WASI_ERRNO_NOTCAPABLE);
  CHECK_ERRNO(__wasi_fd_fdstat_set_rights(b, base | __WASI_RIGHTS_FD_WRITE, st.fs_rights_inheriting),
              __WASI_ERRNO_NOTCAPABLE);
  CHECK_ERRNO(__wasi_fd_fdstat_get(b, &st), __WASI_ERRNO_SUCCESS);
  CHECK((st.fs_rights_base & __WASI_RIGHTS_FD_WRITE) == 0);
  CHECK_ERRNO(__wasi_fd_close(b), __WASI_ERRNO_SUCCESS);

  /* A file opened without FD_READ cannot be read (wasi-testsuite path_open_read_without_rights). */
  CHECK_ERRNO(wasi_open(dir, "a", 0, 0, __WASI_RIGHTS_FD_FILESTAT_GET, 0, &a), __WASI_ERRNO_SUCCESS);
  uint8_t c;
  __wasi_iovec_t riov = {&c, 1};
  CHECK_ERRNO2(__wasi_fd_read(a, &riov, 1, &n), __WASI_ERRNO_BADF, __WASI_ERRNO_NOTCAPABLE);
  CHECK_ERRNO(__wasi_fd_close(a), __WASI_ERRNO_SUCCESS);

  CHECK_ERRNO(wasi_open(dir, "a", 0, 0, RIGHTS_RW | __WASI_RIGHTS_FD_ADVISE | __WASI_RIGHTS_FD_ALLOCATE |
                                            __WASI_RIGHTS_FD_SYNC | __WASI_RIGHTS_FD_DATASYNC, 0, &a),
              __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_advise(a, 0, 100, __WASI_ADVICE_SEQUENTIAL), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_advise(a, 0, 100, 77), __WASI_ERRNO_INVAL);
  CHECK_ERRNO(__wasi_fd_allocate(a, 0, 4096), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_filestat_get(a, &fst), __WASI_ERRNO_SUCCESS);
  CHECK(fst.size == 4096);
  CHECK_ERRNO(__wasi_fd_filestat_set_size(a, 10), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_filestat_get(a, &fst), __WASI_ERRNO_SUCCESS);
  CHECK(fst.size == 10);
  CHECK_ERRNO(__wasi_fd_sync(a), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_datasync(a), __WASI_ERRNO_SUCCESS);
  CHECK(fsync(a) == 0);

  /* Sockets: none exist. */
  CHECK_ERRNO(__wasi_sock_shutdown(a, __WASI_SDFLAGS_RD), __WASI_ERRNO_NOTSOCK);
  CHECK_ERRNO(__wasi_sock_shutdown(500, __WASI_SDFLAGS_RD), __WASI_ERRNO_BADF);
  __wasi_fd_t s;
  CHECK_ERRNO(__wasi_sock_accept(a, 0, &s), __WASI_ERRNO_NOTSOCK);
  CHECK_ERRNO(__wasi_fd_close(a), __WASI_ERRNO_SUCCESS);

  /* The lowest free fd is reused. */
  CHECK_ERRNO(wasi_open(dir, "a", 0, 0, RIGHTS_RW, 0, &a), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(wasi_open(dir, "b", 0, 0, RIGHTS_RW, 0, &b), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_close(a), __WASI_ERRNO_SUCCESS);
  __wasi_fd_t again;
  CHECK_ERRNO(wasi_open(dir, "b", 0, 0, RIGHTS_RW, 0, &again), __WASI_ERRNO_SUCCESS);
  CHECK(again == a);
  DONE();
}
