/* test/wasi/fd_edge.c — fd_* edge cases the official wasi-testsuite checks (file_seek_tell,
 * file_pread_pwrite, file_allocate, fd_advise, fd_filestat_set, fd_flags_set, renumber,
 * overwrite_preopen, dangling_fd): seeking past the end leaves a hole, bad whence / negative
 * results give EINVAL and keep the offset, pread/pwrite never move it, fd_allocate only grows,
 * every fd_* call checks its right (EBADF), APPEND set and cleared, renumber over a preopen. */
#include <stdint.h>
#include <stdlib.h>

#include "wasi_check.h"

#define RIGHTS_ALL_FILE                                                                            \
  (RIGHTS_RW | __WASI_RIGHTS_FD_ADVISE | __WASI_RIGHTS_FD_ALLOCATE | __WASI_RIGHTS_FD_SYNC |       \
   __WASI_RIGHTS_FD_DATASYNC | __WASI_RIGHTS_FD_FDSTAT_SET_FLAGS | __WASI_RIGHTS_FD_FILESTAT_SET_TIMES)

static __wasi_filesize_t size_of(__wasi_fd_t fd) {
  __wasi_filestat_t st;
  if (__wasi_fd_filestat_get(fd, &st) != 0) return (__wasi_filesize_t)-1;
  return st.size;
}

static __wasi_filesize_t seek(__wasi_fd_t fd, int64_t off, __wasi_whence_t w, __wasi_errno_t want) {
  __wasi_filesize_t pos = 0xdeadbeef;
  CHECK_ERRNO(__wasi_fd_seek(fd, off, w, &pos), want);
  return pos;
}

static __wasi_filesize_t tell(__wasi_fd_t fd) {
  __wasi_filesize_t pos = 0xdeadbeef;
  CHECK_ERRNO(__wasi_fd_tell(fd, &pos), __WASI_ERRNO_SUCCESS);
  return pos;
}

static __wasi_size_t put(__wasi_fd_t fd, const char* s) {
  __wasi_ciovec_t iov = {(const uint8_t*)s, strlen(s)};
  __wasi_size_t n = 0;
  CHECK_ERRNO(__wasi_fd_write(fd, &iov, 1, &n), __WASI_ERRNO_SUCCESS);
  return n;
}

int main(void) {
  int dir = wasi_preopen_fd("/sandbox");
  CHECK(dir >= 3);
  __wasi_fd_t fd;
  CHECK_ERRNO(wasi_open(dir, "f", 0, __WASI_OFLAGS_CREAT | __WASI_OFLAGS_TRUNC, RIGHTS_ALL_FILE, 0, &fd),
              __WASI_ERRNO_SUCCESS);
  CHECK(size_of(fd) == 0);
  __wasi_ciovec_t two[2] = {{(const uint8_t*)"01234", 5}, {(const uint8_t*)"56789", 5}};
  __wasi_size_t n = 0;
  CHECK_ERRNO(__wasi_fd_write(fd, two, 2, &n), __WASI_ERRNO_SUCCESS);
  CHECK(n == 10);

  /* Seek and tell (file_seek_tell). */
  CHECK(seek(fd, 0, __WASI_WHENCE_CUR, 0) == 10);
  CHECK(seek(fd, 0, __WASI_WHENCE_SET, 0) == 0);
  CHECK(tell(fd) == 0);
  CHECK(seek(fd, 5, __WASI_WHENCE_CUR, 0) == 5);
  CHECK(seek(fd, -3, __WASI_WHENCE_END, 0) == 7);
  CHECK(tell(fd) == 7);
  seek(fd, -1, __WASI_WHENCE_SET, __WASI_ERRNO_INVAL);
  seek(fd, -200, __WASI_WHENCE_CUR, __WASI_ERRNO_INVAL);
  seek(fd, -11, __WASI_WHENCE_END, __WASI_ERRNO_INVAL);
  seek(fd, 0, 3, __WASI_ERRNO_INVAL);   /* no such whence */
  seek(fd, 0, 200, __WASI_ERRNO_INVAL);
  CHECK(tell(fd) == 7); /* failed seeks keep the offset */

  /* Seeking past the end: reads see EOF, a write there leaves a hole of zeros. */
  CHECK(seek(fd, 100, __WASI_WHENCE_SET, 0) == 100);
  CHECK(size_of(fd) == 10);
  uint8_t buf[64];
  __wasi_iovec_t riov = {buf, sizeof buf};
  CHECK_ERRNO(__wasi_fd_read(fd, &riov, 1, &n), __WASI_ERRNO_SUCCESS);
  CHECK(n == 0);
  CHECK(seek(fd, 5, __WASI_WHENCE_END, 0) == 15);
  CHECK(put(fd, "X") == 1);
  CHECK(size_of(fd) == 16);
  CHECK(tell(fd) == 16);
  memset(buf, 0x55, sizeof buf);
  CHECK_ERRNO(__wasi_fd_pread(fd, &riov, 1, 10, &n), __WASI_ERRNO_SUCCESS);
  CHECK(n == 6 && buf[0] == 0 && buf[4] == 0 && buf[5] == 'X');

  /* pread/pwrite do not move the offset (file_pread_pwrite). */
  CHECK(seek(fd, 2, __WASI_WHENCE_SET, 0) == 2);
  __wasi_ciovec_t ab = {(const uint8_t*)"ab", 2};
  CHECK_ERRNO(__wasi_fd_pwrite(fd, &ab, 1, 0, &n), __WASI_ERRNO_SUCCESS);
  CHECK(n == 2 && tell(fd) == 2);
  __wasi_iovec_t four = {buf, 4};
  CHECK_ERRNO(__wasi_fd_pread(fd, &four, 1, 0, &n), __WASI_ERRNO_SUCCESS);
  CHECK(n == 4 && memcmp(buf, "ab23", 4) == 0 && tell(fd) == 2);
  CHECK_ERRNO(__wasi_fd_pread(fd, &four, 1, 1000, &n), __WASI_ERRNO_SUCCESS);
  CHECK(n == 0); /* past the end */
  CHECK_ERRNO(__wasi_fd_pwrite(fd, &ab, 1, 30, &n), __WASI_ERRNO_SUCCESS);
  CHECK(n == 2 && size_of(fd) == 32 && tell(fd) == 2);
  /* Scatter read into three buffers, one of them empty. */
  uint8_t b1[3], b3[2];
  __wasi_iovec_t scat[3] = {{b1, 3}, {buf, 0}, {b3, 2}};
  CHECK_ERRNO(__wasi_fd_read(fd, scat, 3, &n), __WASI_ERRNO_SUCCESS);
  CHECK(n == 5 && memcmp(b1, "234", 3) == 0 && memcmp(b3, "56", 2) == 0);
  CHECK(tell(fd) == 7);

  /* fd_allocate only grows the file (file_allocate); fd_filestat_set_size both ways. */
  CHECK_ERRNO(__wasi_fd_filestat_set_size(fd, 0), __WASI_ERRNO_SUCCESS);
  CHECK(size_of(fd) == 0);
  CHECK_ERRNO(__wasi_fd_allocate(fd, 0, 100), __WASI_ERRNO_SUCCESS);
  CHECK(size_of(fd) == 100);
  CHECK_ERRNO(__wasi_fd_allocate(fd, 10, 10), __WASI_ERRNO_SUCCESS);
  CHECK(size_of(fd) == 100);
  CHECK_ERRNO(__wasi_fd_allocate(fd, 90, 20), __WASI_ERRNO_SUCCESS);
  CHECK(size_of(fd) == 110);
  CHECK_ERRNO(__wasi_fd_filestat_set_size(fd, 5000), __WASI_ERRNO_SUCCESS);
  CHECK(size_of(fd) == 5000);

  /* fd_advise: every advice value; an unknown one is EINVAL (fd_advise). */
  for (__wasi_advice_t a = __WASI_ADVICE_NORMAL; a <= __WASI_ADVICE_NOREUSE; ++a)
    CHECK_ERRNO(__wasi_fd_advise(fd, 0, 50, a), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_advise(fd, 0, 50, __WASI_ADVICE_NOREUSE + 1), __WASI_ERRNO_INVAL);
  CHECK_ERRNO(__wasi_fd_sync(fd), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_datasync(fd), __WASI_ERRNO_SUCCESS);

  /* fd_filestat_set_times on the fd (fd_filestat_set). */
  CHECK_ERRNO(__wasi_fd_filestat_set_times(fd, 123456789, 987654321, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM),
              __WASI_ERRNO_SUCCESS);
  __wasi_filestat_t st;
  CHECK_ERRNO(__wasi_fd_filestat_get(fd, &st), __WASI_ERRNO_SUCCESS);
  CHECK(st.atim == 123456789 && st.mtim == 987654321);
  CHECK_ERRNO(__wasi_fd_filestat_set_times(fd, 0, 0, __WASI_FSTFLAGS_ATIM_NOW), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_filestat_get(fd, &st), __WASI_ERRNO_SUCCESS);
  CHECK(st.atim > 1000000000ull * 1600000000ull && st.mtim == 987654321);
  CHECK_ERRNO(__wasi_fd_filestat_set_times(fd, 0, 0, __WASI_FSTFLAGS_MTIM | __WASI_FSTFLAGS_MTIM_NOW),
              __WASI_ERRNO_INVAL);
  CHECK_ERRNO(__wasi_fd_close(fd), __WASI_ERRNO_SUCCESS);

  /* Every call checks its right: an fd with only FD_READ | FD_FILESTAT_GET (fd_advise, truncation_rights). */
  CHECK_ERRNO(wasi_open(dir, "f", 0, 0, __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_FILESTAT_GET, 0, &fd),
              __WASI_ERRNO_SUCCESS);
  __wasi_fdstat_t fs;
  CHECK_ERRNO(__wasi_fd_fdstat_get(fd, &fs), __WASI_ERRNO_SUCCESS);
  CHECK(fs.fs_rights_base == (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_FILESTAT_GET));
  CHECK_ERRNO(__wasi_fd_read(fd, &four, 1, &n), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_write(fd, &ab, 1, &n), __WASI_ERRNO_BADF);
  CHECK_ERRNO(__wasi_fd_pread(fd, &four, 1, 0, &n), __WASI_ERRNO_BADF);   /* needs FD_SEEK too */
  CHECK_ERRNO(__wasi_fd_pwrite(fd, &ab, 1, 0, &n), __WASI_ERRNO_BADF);
  __wasi_filesize_t pos;
  CHECK_ERRNO(__wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &pos), __WASI_ERRNO_BADF);
  CHECK_ERRNO(__wasi_fd_tell(fd, &pos), __WASI_ERRNO_BADF);
  CHECK_ERRNO(__wasi_fd_advise(fd, 0, 1, __WASI_ADVICE_NORMAL), __WASI_ERRNO_BADF);
  CHECK_ERRNO(__wasi_fd_allocate(fd, 0, 1), __WASI_ERRNO_BADF);
  CHECK_ERRNO(__wasi_fd_filestat_set_size(fd, 0), __WASI_ERRNO_BADF);
  CHECK_ERRNO(__wasi_fd_filestat_set_times(fd, 0, 0, __WASI_FSTFLAGS_ATIM_NOW), __WASI_ERRNO_BADF);
  CHECK_ERRNO(__wasi_fd_sync(fd), __WASI_ERRNO_BADF);
  CHECK_ERRNO(__wasi_fd_datasync(fd), __WASI_ERRNO_BADF);
  CHECK_ERRNO(__wasi_fd_fdstat_set_flags(fd, __WASI_FDFLAGS_APPEND), __WASI_ERRNO_BADF);
  CHECK(size_of(fd) == 5000); /* nothing above changed the file */
  CHECK_ERRNO(__wasi_fd_fdstat_set_rights(fd, 0, 0), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_filestat_get(fd, &st), __WASI_ERRNO_BADF);
  CHECK_ERRNO(__wasi_fd_close(fd), __WASI_ERRNO_SUCCESS);

  /* APPEND: fdstat and filestat of an append fd, then setting/clearing it (fd_flags_set). */
  CHECK_ERRNO(wasi_open(dir, "log", 0, __WASI_OFLAGS_CREAT, RIGHTS_ALL_FILE, __WASI_FDFLAGS_APPEND, &fd),
              __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_fdstat_get(fd, &fs), __WASI_ERRNO_SUCCESS);
  CHECK(fs.fs_flags == __WASI_FDFLAGS_APPEND && fs.fs_filetype == __WASI_FILETYPE_REGULAR_FILE);
  CHECK_ERRNO(__wasi_fd_filestat_get(fd, &st), __WASI_ERRNO_SUCCESS);
  CHECK(st.filetype == __WASI_FILETYPE_REGULAR_FILE && st.size == 0 && st.nlink == 1);
  CHECK(put(fd, "one") == 3);
  CHECK(seek(fd, 0, __WASI_WHENCE_SET, 0) == 0);
  CHECK(put(fd, "two") == 3);
  CHECK(size_of(fd) == 6 && tell(fd) == 6);
  CHECK_ERRNO(__wasi_fd_fdstat_set_flags(fd, 0), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_fdstat_get(fd, &fs), __WASI_ERRNO_SUCCESS);
  CHECK(fs.fs_flags == 0);
  CHECK(seek(fd, 0, __WASI_WHENCE_SET, 0) == 0);
  CHECK(put(fd, "ONE") == 3);
  CHECK(size_of(fd) == 6 && tell(fd) == 3);
  CHECK_ERRNO(__wasi_fd_fdstat_set_flags(fd, __WASI_FDFLAGS_APPEND | __WASI_FDFLAGS_NONBLOCK), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_fdstat_get(fd, &fs), __WASI_ERRNO_SUCCESS);
  CHECK(fs.fs_flags == (__WASI_FDFLAGS_APPEND | __WASI_FDFLAGS_NONBLOCK));
  CHECK(seek(fd, 1, __WASI_WHENCE_SET, 0) == 1);
  CHECK(put(fd, "3") == 1);
  CHECK(size_of(fd) == 7);
  CHECK_ERRNO(__wasi_fd_pread(fd, &four, 1, 3, &n), __WASI_ERRNO_SUCCESS);
  CHECK(n == 4 && memcmp(buf, "two3", 4) == 0);
  CHECK_ERRNO(__wasi_fd_fdstat_set_flags(fd, __WASI_FDFLAGS_SYNC), __WASI_ERRNO_NOTSUP);
  CHECK_ERRNO(__wasi_fd_close(fd), __WASI_ERRNO_SUCCESS);

  /* Calls on a closed fd are EBADF, never a crash. */
  CHECK_ERRNO(__wasi_fd_close(fd), __WASI_ERRNO_BADF);
  CHECK_ERRNO(__wasi_fd_read(fd, &four, 1, &n), __WASI_ERRNO_BADF);
  CHECK_ERRNO(__wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &pos), __WASI_ERRNO_BADF);
  CHECK_ERRNO(__wasi_fd_fdstat_set_flags(fd, 0), __WASI_ERRNO_BADF);
  CHECK_ERRNO(__wasi_fd_fdstat_set_rights(fd, 0, 0), __WASI_ERRNO_BADF);
  CHECK_ERRNO(__wasi_fd_filestat_get(fd, &st), __WASI_ERRNO_BADF);
  CHECK_ERRNO(__wasi_fd_readdir(fd, buf, sizeof buf, 0, &n), __WASI_ERRNO_BADF);
  CHECK_ERRNO(__wasi_fd_sync(fd), __WASI_ERRNO_BADF);
  CHECK_ERRNO(__wasi_fd_prestat_get(fd, &(__wasi_prestat_t){0}), __WASI_ERRNO_BADF);
  CHECK_ERRNO(__wasi_fd_renumber(fd, dir), __WASI_ERRNO_BADF);

  /* Renumbering a directory fd over the preopen (overwrite_preopen): the preopen's number now
   * refers to the subdirectory, the old number is closed, and the preopen is no longer one. */
  CHECK_ERRNO(__wasi_path_create_directory(dir, "sub"), __WASI_ERRNO_SUCCESS);
  __wasi_fd_t sub;
  CHECK_ERRNO(wasi_open(dir, "sub", 0, __WASI_OFLAGS_DIRECTORY, __WASI_RIGHTS_FD_FILESTAT_GET, 0, &sub),
              __WASI_ERRNO_SUCCESS);
  /* A file opened, unlinked and recreated while its fd is open (dangling_fd). */
  __wasi_fd_t keep;
  CHECK_ERRNO(wasi_open(dir, "gone", 0, __WASI_OFLAGS_CREAT, RIGHTS_RW, 0, &keep), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_path_unlink_file(dir, "gone"), __WASI_ERRNO_SUCCESS);
  CHECK(put(keep, "still writable") == 14);
  CHECK(size_of(keep) == 14);
  __wasi_fd_t again;
  CHECK_ERRNO(wasi_open(dir, "gone", 0, __WASI_OFLAGS_CREAT, 0, 0, &again), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_close(again), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_close(keep), __WASI_ERRNO_SUCCESS);

  __wasi_filestat_t subst, after;
  CHECK_ERRNO(__wasi_fd_filestat_get(sub, &subst), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_renumber(sub, dir), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_filestat_get(dir, &after), __WASI_ERRNO_SUCCESS);
  CHECK(after.ino == subst.ino && after.dev == subst.dev);
  CHECK_ERRNO(__wasi_fd_fdstat_get(sub, &fs), __WASI_ERRNO_BADF);
  CHECK_ERRNO(__wasi_fd_prestat_get(dir, &(__wasi_prestat_t){0}), __WASI_ERRNO_BADF);
  CHECK_ERRNO(__wasi_fd_close(dir), __WASI_ERRNO_SUCCESS);
  DONE();
}
