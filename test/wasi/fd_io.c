/* test/wasi/fd_io.c — fd_read/write/pread/pwrite/seek/tell/filestat/fdstat on a file in the preopen
 * (/sandbox): offsets after each call, O_APPEND (writes go to the end even after a seek, fdstat
 * reports APPEND, pwrite keeps the offset), truncation, and EBADF for wrong-mode and closed fds. */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "wasi_check.h"

int main(void) {
  int fd = open("/sandbox/data.txt", O_CREAT | O_TRUNC | O_RDWR, 0644);
  CHECK(fd >= 0);
  CHECK(write(fd, "hello, ", 7) == 7);
  struct iovec iov[2] = {{(void*)"wasi ", 5}, {(void*)"world", 5}};
  CHECK(writev(fd, iov, 2) == 10);
  CHECK(lseek(fd, 0, SEEK_CUR) == 17);
  CHECK(lseek(fd, 7, SEEK_SET) == 7);
  char buf[64] = {0};
  CHECK(read(fd, buf, 4) == 4 && memcmp(buf, "wasi", 4) == 0);
  CHECK(lseek(fd, -5, SEEK_END) == 12);
  CHECK(read(fd, buf, sizeof buf) == 5 && memcmp(buf, "world", 5) == 0);
  CHECK(read(fd, buf, sizeof buf) == 0); /* EOF */
  CHECK(lseek(fd, -100, SEEK_SET) == -1 && errno == EINVAL);

  /* pread/pwrite do not move the offset. */
  CHECK(lseek(fd, 2, SEEK_SET) == 2);
  CHECK(pread(fd, buf, 5, 0) == 5 && memcmp(buf, "hello", 5) == 0);
  CHECK(pwrite(fd, "H", 1, 0) == 1);
  CHECK(lseek(fd, 0, SEEK_CUR) == 2);
  __wasi_filesize_t pos = 0;
  CHECK_ERRNO(__wasi_fd_tell(fd, &pos), __WASI_ERRNO_SUCCESS);
  CHECK(pos == 2);

  struct stat st;
  CHECK(fstat(fd, &st) == 0);
  CHECK(st.st_size == 17);
  CHECK(S_ISREG(st.st_mode));
  CHECK(st.st_nlink == 1);
  __wasi_filestat_t fst;
  CHECK_ERRNO(__wasi_fd_filestat_get(fd, &fst), __WASI_ERRNO_SUCCESS);
  CHECK(fst.filetype == __WASI_FILETYPE_REGULAR_FILE && fst.size == 17 && fst.ino == st.st_ino);
  CHECK(ftruncate(fd, 5) == 0);
  CHECK(fstat(fd, &st) == 0 && st.st_size == 5);
  CHECK(ftruncate(fd, 100) == 0);
  CHECK(fstat(fd, &st) == 0 && st.st_size == 100);
  CHECK(pread(fd, buf, 3, 50) == 3 && buf[0] == 0 && buf[2] == 0);
  __wasi_fdstat_t fds;
  CHECK_ERRNO(__wasi_fd_fdstat_get(fd, &fds), __WASI_ERRNO_SUCCESS);
  CHECK(fds.fs_filetype == __WASI_FILETYPE_REGULAR_FILE);
  CHECK((fds.fs_flags & __WASI_FDFLAGS_APPEND) == 0);
  CHECK(fds.fs_rights_base & __WASI_RIGHTS_FD_READ);
  CHECK(fds.fs_rights_base & __WASI_RIGHTS_FD_WRITE);
  CHECK(close(fd) == 0);
  CHECK(close(fd) == -1 && errno == EBADF);
  CHECK(write(fd, "x", 1) == -1 && errno == EBADF);

  /* O_APPEND (modelled on wasi-testsuite pwrite-with-append). */
  fd = open("/sandbox/append.txt", O_CREAT | O_TRUNC | O_WRONLY | O_APPEND, 0644);
  CHECK(fd >= 0);
  CHECK(write(fd, "ab", 2) == 2);
  CHECK(lseek(fd, 0, SEEK_SET) == 0);
  CHECK(write(fd, "cd", 2) == 2);
  CHECK(lseek(fd, 0, SEEK_CUR) == 4);
  CHECK(pwrite(fd, "xyz", 3, 0) == 3);
  CHECK(lseek(fd, 0, SEEK_CUR) == 4);
  off_t end = lseek(fd, 0, SEEK_END);
  CHECK(end == 4 || end == 7);
  CHECK_ERRNO(__wasi_fd_fdstat_get(fd, &fds), __WASI_ERRNO_SUCCESS);
  CHECK(fds.fs_flags & __WASI_FDFLAGS_APPEND);
  CHECK(fcntl(fd, F_GETFL) & O_APPEND);
  CHECK_ERRNO(__wasi_fd_filestat_get(fd, &fst), __WASI_ERRNO_SUCCESS);
  CHECK(fst.size == (uint64_t)end);
  /* Clearing APPEND through fd_fdstat_set_flags makes writes positional again. */
  CHECK_ERRNO(__wasi_fd_fdstat_set_flags(fd, 0), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_fdstat_get(fd, &fds), __WASI_ERRNO_SUCCESS);
  CHECK((fds.fs_flags & __WASI_FDFLAGS_APPEND) == 0);
  CHECK(lseek(fd, 0, SEEK_SET) == 0);
  CHECK(write(fd, "Q", 1) == 1);
  CHECK(lseek(fd, 0, SEEK_CUR) == 1);
  /* A write-only fd cannot be read. */
  CHECK(read(fd, buf, 1) == -1 && errno == EBADF);
  CHECK(close(fd) == 0);

  /* A read-only fd cannot be written. */
  fd = open("/sandbox/append.txt", O_RDONLY);
  CHECK(fd >= 0);
  CHECK(read(fd, buf, 1) == 1 && buf[0] == 'Q');
  CHECK(write(fd, "x", 1) == -1 && errno == EBADF);
  CHECK(close(fd) == 0);

  /* stdio is open and a terminal or a pipe/file; seeking a pipe gives ESPIPE, never a crash. */
  CHECK_ERRNO(__wasi_fd_fdstat_get(1, &fds), __WASI_ERRNO_SUCCESS);
  CHECK(fds.fs_rights_base & __WASI_RIGHTS_FD_WRITE);
  CHECK_ERRNO(__wasi_fd_fdstat_get(77, &fds), __WASI_ERRNO_BADF);
  DONE();
}
