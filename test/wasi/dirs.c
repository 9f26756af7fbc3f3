/* test/wasi/dirs.c — path_create_directory / remove_directory / unlink_file / rename /
 * filestat_get / filestat_set_times and their errno values (modelled on wasi-testsuite
 * remove_nonempty_directory, unlink_file_trailing_slashes, path_rename, path_filestat,
 * fstflags_validate). */
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wasi_check.h"

static void touch(int dir, const char* path) {
  __wasi_fd_t fd;
  CHECK_ERRNO(wasi_open(dir, path, 0, __WASI_OFLAGS_CREAT, RIGHTS_RW, 0, &fd), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_close(fd), __WASI_ERRNO_SUCCESS);
}

int main(void) {
  int dir = wasi_preopen_fd("/sandbox");
  CHECK(dir >= 3);
  CHECK_ERRNO(__wasi_path_create_directory(dir, "a"), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_path_create_directory(dir, "a"), __WASI_ERRNO_EXIST);
  CHECK_ERRNO(__wasi_path_create_directory(dir, "b/"), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_path_create_directory(dir, "x/y"), __WASI_ERRNO_NOENT);
  CHECK_ERRNO(__wasi_path_create_directory(dir, "../escape"), __WASI_ERRNO_PERM);
  CHECK_ERRNO(__wasi_path_create_directory(dir, "/abs"), __WASI_ERRNO_PERM);
  CHECK_ERRNO(__wasi_path_create_directory(dir, "."), __WASI_ERRNO_EXIST);
  touch(dir, "a/file");

  /* Removing. */
  CHECK_ERRNO(__wasi_path_remove_directory(dir, "a"), __WASI_ERRNO_NOTEMPTY);
  CHECK_ERRNO(__wasi_path_remove_directory(dir, "a/file"), __WASI_ERRNO_NOTDIR);
  CHECK_ERRNO2(__wasi_path_unlink_file(dir, "a"), __WASI_ERRNO_ISDIR, __WASI_ERRNO_PERM);
  CHECK_ERRNO2(__wasi_path_unlink_file(dir, "b/"), __WASI_ERRNO_ISDIR, __WASI_ERRNO_PERM);
  CHECK_ERRNO(__wasi_path_unlink_file(dir, "a/file/"), __WASI_ERRNO_NOTDIR);
  CHECK_ERRNO(__wasi_path_unlink_file(dir, "a/missing"), __WASI_ERRNO_NOENT);
  CHECK_ERRNO(__wasi_path_remove_directory(dir, "b/"), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_path_remove_directory(dir, "b"), __WASI_ERRNO_NOENT);
  CHECK(unlink("/sandbox/a") == -1 && (errno == EISDIR || errno == EPERM));
  CHECK(rmdir("/sandbox/a/file") == -1 && errno == ENOTDIR);

  /* Renaming. */
  CHECK_ERRNO(__wasi_path_rename(dir, "a/file", dir, "moved"), __WASI_ERRNO_SUCCESS);
  __wasi_filestat_t st;
  CHECK_ERRNO(__wasi_path_filestat_get(dir, 0, "moved", &st), __WASI_ERRNO_SUCCESS);
  CHECK(st.filetype == __WASI_FILETYPE_REGULAR_FILE);
  CHECK_ERRNO(__wasi_path_filestat_get(dir, 0, "a/file", &st), __WASI_ERRNO_NOENT);
  touch(dir, "other");
  CHECK_ERRNO(__wasi_path_rename(dir, "moved", dir, "other"), __WASI_ERRNO_SUCCESS); /* replaces */
  CHECK_ERRNO(__wasi_path_filestat_get(dir, 0, "moved", &st), __WASI_ERRNO_NOENT);
  CHECK_ERRNO(__wasi_path_rename(dir, "missing", dir, "m2"), __WASI_ERRNO_NOENT);
  CHECK_ERRNO(__wasi_path_rename(dir, "a", dir, "a/inside"), __WASI_ERRNO_INVAL);
  CHECK_ERRNO(__wasi_path_rename(dir, "other", dir, "a"), __WASI_ERRNO_ISDIR);
  CHECK_ERRNO(__wasi_path_rename(dir, "a", dir, "other"), __WASI_ERRNO_NOTDIR);
  CHECK_ERRNO(__wasi_path_rename(dir, "other", dir, "../stolen"), __WASI_ERRNO_PERM);
  touch(dir, "a/f2");
  CHECK_ERRNO(__wasi_path_create_directory(dir, "c"), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_path_rename(dir, "c", dir, "a"), __WASI_ERRNO_NOTEMPTY);
  CHECK_ERRNO(__wasi_path_rename(dir, "a", dir, "c"), __WASI_ERRNO_SUCCESS); /* over an empty dir */
  CHECK_ERRNO(__wasi_path_filestat_get(dir, 0, "c/f2", &st), __WASI_ERRNO_SUCCESS);
  CHECK(rename("/sandbox/c", "/sandbox/a") == 0);

  /* Times. */
  __wasi_timestamp_t atim = 1000000000ull * 1000000, mtim = 1000000000ull * 2000000 + 5;
  CHECK_ERRNO(__wasi_path_filestat_set_times(dir, 0, "other", atim, mtim,
                                             __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM),
              __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_path_filestat_get(dir, 0, "other", &st), __WASI_ERRNO_SUCCESS);
  CHECK(st.atim == atim);
  CHECK(st.mtim / 1000 == mtim / 1000); /* some file systems keep microseconds */
  CHECK_ERRNO(__wasi_path_filestat_set_times(dir, 0, "other", 0, 0, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_ATIM_NOW),
              __WASI_ERRNO_INVAL);
  CHECK_ERRNO(__wasi_path_filestat_set_times(dir, 0, "other", 0, 0, __WASI_FSTFLAGS_MTIM | __WASI_FSTFLAGS_MTIM_NOW),
              __WASI_ERRNO_INVAL);
  CHECK_ERRNO(__wasi_path_filestat_set_times(dir, 0, "other", 0, 0, __WASI_FSTFLAGS_MTIM_NOW), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_path_filestat_get(dir, 0, "other", &st), __WASI_ERRNO_SUCCESS);
  CHECK(st.atim == atim);
  CHECK(st.mtim > 1000000000ull * 1600000000ull);
  __wasi_fd_t fd;
  CHECK_ERRNO(wasi_open(dir, "other", 0, 0, RIGHTS_RW | __WASI_RIGHTS_FD_FILESTAT_SET_TIMES, 0, &fd),
              __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_filestat_set_times(fd, 7, 9, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_filestat_get(fd, &st), __WASI_ERRNO_SUCCESS);
  CHECK(st.atim == 7 && st.mtim == 9);
  CHECK_ERRNO(__wasi_fd_filestat_set_times(fd, 0, 0, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_ATIM_NOW), __WASI_ERRNO_INVAL);
  CHECK_ERRNO(__wasi_fd_close(fd), __WASI_ERRNO_SUCCESS);

  /* Directory stat through libc and the raw call agree. */
  struct stat s;
  CHECK(stat("/sandbox/a", &s) == 0 && S_ISDIR(s.st_mode));
  CHECK_ERRNO(__wasi_path_filestat_get(dir, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "a", &st), __WASI_ERRNO_SUCCESS);
  CHECK(st.filetype == __WASI_FILETYPE_DIRECTORY && st.ino == s.st_ino);
  CHECK_ERRNO(__wasi_path_filestat_get(dir, 0, "../", &st), __WASI_ERRNO_PERM);
  CHECK(mkdir("/sandbox/lib", 0755) == 0);
  CHECK(mkdir("/sandbox/lib", 0755) == -1 && errno == EEXIST);
  CHECK(rmdir("/sandbox/lib") == 0);
  DONE();
}
