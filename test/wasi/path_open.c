/* test/wasi/path_open.c — path_open inside the preopen (modelled on wasi-testsuite
 * interesting_paths / path_open_*): `.`/`..` that stay inside work, absolute paths and `..` past
 * the preopen fail with EPERM, trailing slashes need a directory, O_CREAT|O_EXCL, O_DIRECTORY, O_TRUNC. */
#include <fcntl.h>
#include <unistd.h>

#include "wasi_check.h"

int main(void) {
  int dir = wasi_preopen_fd("/sandbox");
  CHECK(dir >= 3);
  __wasi_fd_t fd;
  CHECK_ERRNO(__wasi_path_create_directory(dir, "dir"), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_path_create_directory(dir, "dir/nested"), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(wasi_open(dir, "dir/nested/file", 0, __WASI_OFLAGS_CREAT, RIGHTS_RW, 0, &fd),
              __WASI_ERRNO_SUCCESS);
  CHECK(fd > 2);
  CHECK_ERRNO(__wasi_fd_close(fd), __WASI_ERRNO_SUCCESS);

  CHECK_ERRNO(wasi_open(dir, "/dir/nested/file", 0, 0, 0, 0, &fd), __WASI_ERRNO_PERM);
  CHECK_ERRNO(wasi_open(dir, "dir/.//nested/../../dir/nested/../nested///./file", 0, 0, 0, 0, &fd),
              __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_close(fd), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO2(wasi_open(dir, "dir/nested/file/", 0, 0, 0, 0, &fd), __WASI_ERRNO_NOTDIR, __WASI_ERRNO_NOENT);
  CHECK_ERRNO2(wasi_open(dir, "dir/nested/file///", 0, 0, 0, 0, &fd), __WASI_ERRNO_NOTDIR, __WASI_ERRNO_NOENT);
  CHECK_ERRNO(wasi_open(dir, "dir/nested/", 0, 0, 0, 0, &fd), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_close(fd), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(wasi_open(dir, "dir/nested///", 0, 0, 0, 0, &fd), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_close(fd), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(wasi_open(dir, "dir/nested/../../../sandbox/dir/nested/file", 0, 0, 0, 0, &fd), __WASI_ERRNO_PERM);
  CHECK_ERRNO(wasi_open(dir, "..", 0, 0, 0, 0, &fd), __WASI_ERRNO_PERM);
  CHECK_ERRNO(wasi_open(dir, ".", 0, __WASI_OFLAGS_DIRECTORY, 0, 0, &fd), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_close(fd), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(wasi_open(dir, "", 0, 0, 0, 0, &fd), __WASI_ERRNO_NOENT);

  CHECK_ERRNO(wasi_open(dir, "missing", 0, 0, RIGHTS_RW, 0, &fd), __WASI_ERRNO_NOENT);
  CHECK_ERRNO(wasi_open(dir, "missing/x", 0, __WASI_OFLAGS_CREAT, RIGHTS_RW, 0, &fd), __WASI_ERRNO_NOENT);
  CHECK_ERRNO(wasi_open(dir, "dir/nested/file", 0, __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL, RIGHTS_RW, 0, &fd),
              __WASI_ERRNO_EXIST);
  CHECK_ERRNO(wasi_open(dir, "dir/nested/file", 0, __WASI_OFLAGS_DIRECTORY, 0, 0, &fd), __WASI_ERRNO_NOTDIR);
  /* path_open through a file used as a directory. */
  CHECK_ERRNO(wasi_open(dir, "dir/nested/file", 0, 0, RIGHTS_RW, 0, &fd), __WASI_ERRNO_SUCCESS);
  __wasi_fd_t inner;
  CHECK_ERRNO(wasi_open(fd, "x", 0, 0, 0, 0, &inner), __WASI_ERRNO_NOTDIR);
  CHECK_ERRNO(__wasi_fd_close(fd), __WASI_ERRNO_SUCCESS);
  /* Opening a directory for writing fails with EISDIR. */
  CHECK(open("/sandbox/dir", O_WRONLY) == -1 && errno == EISDIR);

  /* O_TRUNC through libc. */
  int f = open("/sandbox/trunc.txt", O_CREAT | O_WRONLY, 0644);
  CHECK(f >= 0 && write(f, "0123456789", 10) == 10);
  close(f);
  f = open("/sandbox/trunc.txt", O_WRONLY | O_TRUNC);
  CHECK(f >= 0);
  CHECK(lseek(f, 0, SEEK_END) == 0);
  close(f);

  /* Truncation needs PATH_FILESTAT_SET_SIZE on the directory (wasi-testsuite truncation_rights). */
  __wasi_fdstat_t ds;
  CHECK_ERRNO(__wasi_fd_fdstat_get(dir, &ds), __WASI_ERRNO_SUCCESS);
  CHECK(ds.fs_filetype == __WASI_FILETYPE_DIRECTORY && ds.fs_flags == 0);
  CHECK((ds.fs_rights_base & __WASI_RIGHTS_FD_FILESTAT_SET_SIZE) == 0);
  CHECK(ds.fs_rights_base & __WASI_RIGHTS_PATH_FILESTAT_SET_SIZE);
  __wasi_fd_t limited;
  CHECK_ERRNO(wasi_open(dir, "dir", 0, __WASI_OFLAGS_DIRECTORY, ds.fs_rights_base, 0, &limited), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(wasi_open(limited, "nested/file", 0, __WASI_OFLAGS_TRUNC, 0, 0, &fd), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_close(fd), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_fdstat_set_rights(limited, ds.fs_rights_base & ~__WASI_RIGHTS_PATH_FILESTAT_SET_SIZE, 0),
              __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(wasi_open(limited, "nested/file", 0, __WASI_OFLAGS_TRUNC, 0, 0, &fd), __WASI_ERRNO_PERM);
  CHECK_ERRNO(__wasi_fd_fdstat_set_rights(limited, __WASI_RIGHTS_FD_FILESTAT_GET, 0), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(wasi_open(limited, "nested/file", 0, 0, 0, 0, &fd), __WASI_ERRNO_PERM); /* no PATH_OPEN */
  CHECK_ERRNO(__wasi_path_create_directory(limited, "x"), __WASI_ERRNO_PERM);
  CHECK_ERRNO(__wasi_fd_close(limited), __WASI_ERRNO_SUCCESS);

  /* A directory fd opened with path_open can be used as the base of further paths. */
  __wasi_fd_t sub;
  CHECK_ERRNO(wasi_open(dir, "dir", 0, __WASI_OFLAGS_DIRECTORY,
                        __WASI_RIGHTS_PATH_OPEN | __WASI_RIGHTS_PATH_CREATE_FILE | __WASI_RIGHTS_FD_READDIR, 0, &sub),
              __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(wasi_open(sub, "nested/file", 0, 0, 0, 0, &fd), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_close(fd), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(wasi_open(sub, "../trunc.txt", 0, 0, 0, 0, &fd), __WASI_ERRNO_PERM); /* beneath `sub`, not the preopen */
  CHECK_ERRNO(__wasi_fd_close(sub), __WASI_ERRNO_SUCCESS);
  DONE();
}
