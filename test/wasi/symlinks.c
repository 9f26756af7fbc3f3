/* test/wasi/symlinks.c — path_symlink / path_readlink / lookup flags (modelled on wasi-testsuite
 * dangling_symlink, nofollow_errors, readlink): links inside the preopen resolve, links whose
 * target leaves it (absolute or via ..) fail with EPERM, NOFOLLOW on a link gives ELOOP, unlink
 * removes the link and never its target. */
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wasi_check.h"

int main(void) {
  int dir = wasi_preopen_fd("/sandbox");
  CHECK(dir >= 3);
  __wasi_fd_t fd;
  CHECK_ERRNO(wasi_open(dir, "target", 0, __WASI_OFLAGS_CREAT, RIGHTS_RW, 0, &fd), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_close(fd), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_path_create_directory(dir, "sub"), __WASI_ERRNO_SUCCESS);

  CHECK_ERRNO(__wasi_path_symlink("target", dir, "link"), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_path_symlink("../target", dir, "sub/uplink"), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_path_symlink("target", dir, "link"), __WASI_ERRNO_EXIST);
  CHECK_ERRNO(__wasi_path_symlink("/etc/passwd", dir, "abs"), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_path_symlink("../../../../../../../../etc/passwd", dir, "up"), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_path_symlink("nowhere", dir, "dangling"), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_path_symlink("loop", dir, "loop"), __WASI_ERRNO_SUCCESS);

  uint8_t buf[64];
  __wasi_size_t used = 0;
  CHECK_ERRNO(__wasi_path_readlink(dir, "link", buf, sizeof buf, &used), __WASI_ERRNO_SUCCESS);
  CHECK(used == 6 && memcmp(buf, "target", 6) == 0);
  CHECK_ERRNO(__wasi_path_readlink(dir, "target", buf, sizeof buf, &used), __WASI_ERRNO_INVAL);
  char lbuf[64];
  CHECK(readlink("/sandbox/sub/uplink", lbuf, sizeof lbuf) == 9);

  /* Following links that stay inside. */
  CHECK_ERRNO(wasi_open(dir, "link", __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, 0, RIGHTS_RW, 0, &fd), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_close(fd), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(wasi_open(dir, "sub/uplink", __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, 0, RIGHTS_RW, 0, &fd),
              __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_close(fd), __WASI_ERRNO_SUCCESS);
  /* Escapes through links. */
  CHECK_ERRNO(wasi_open(dir, "abs", __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, 0, 0, 0, &fd), __WASI_ERRNO_PERM);
  CHECK_ERRNO(wasi_open(dir, "up", __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, 0, 0, 0, &fd), __WASI_ERRNO_PERM);
  __wasi_filestat_t st;
  CHECK_ERRNO(__wasi_path_filestat_get(dir, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "abs", &st), __WASI_ERRNO_PERM);
  CHECK_ERRNO(__wasi_path_filestat_get(dir, 0, "abs", &st), __WASI_ERRNO_SUCCESS);
  CHECK(st.filetype == __WASI_FILETYPE_SYMBOLIC_LINK);
  CHECK(open("/sandbox/abs", O_RDONLY) == -1);
  /* NOFOLLOW. */
  CHECK_ERRNO(wasi_open(dir, "link", 0, 0, RIGHTS_RW, 0, &fd), __WASI_ERRNO_LOOP);
  CHECK(open("/sandbox/link", O_RDONLY | O_NOFOLLOW) == -1 && errno == ELOOP);
  CHECK_ERRNO(wasi_open(dir, "dangling", __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, 0, 0, 0, &fd), __WASI_ERRNO_NOENT);
  CHECK_ERRNO(wasi_open(dir, "loop", __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, 0, 0, 0, &fd), __WASI_ERRNO_LOOP);
  /* stat follows, lstat does not. */
  struct stat s1, s2;
  CHECK(stat("/sandbox/link", &s1) == 0 && S_ISREG(s1.st_mode));
  CHECK(lstat("/sandbox/link", &s2) == 0 && S_ISLNK(s2.st_mode));
  CHECK(s2.st_size == 6);
  /* Directory symlinks in the middle of a path. */
  CHECK_ERRNO(__wasi_path_symlink("sub", dir, "sublink"), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(wasi_open(dir, "sublink/uplink", __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, 0, 0, 0, &fd),
              __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_close(fd), __WASI_ERRNO_SUCCESS);
  /* Unlinking links. */
  CHECK_ERRNO(__wasi_path_unlink_file(dir, "link"), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_path_filestat_get(dir, 0, "target", &st), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_path_unlink_file(dir, "dangling"), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_path_unlink_file(dir, "sublink"), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_path_filestat_get(dir, 0, "sub/uplink", &st), __WASI_ERRNO_SUCCESS);
  /* Trailing slashes on the new name (wasi-testsuite path_symlink_trailing_slashes). */
  CHECK_ERRNO(__wasi_path_symlink("source", dir, "fresh/"), __WASI_ERRNO_NOENT);
  CHECK_ERRNO(__wasi_path_symlink("source", dir, "sub/"), __WASI_ERRNO_EXIST);
  CHECK_ERRNO(__wasi_path_symlink("source", dir, "sub"), __WASI_ERRNO_EXIST);
  CHECK_ERRNO(__wasi_path_symlink("source", dir, "target/"), __WASI_ERRNO_NOTDIR);
  CHECK_ERRNO(__wasi_path_symlink("source", dir, "target"), __WASI_ERRNO_EXIST);
  /* Hard links (wasi-testsuite path_link). */
  CHECK_ERRNO(__wasi_path_link(dir, 0, "target", dir, "target"), __WASI_ERRNO_EXIST);
  CHECK_ERRNO(__wasi_path_link(dir, 0, "target", dir, "sub"), __WASI_ERRNO_EXIST);
  CHECK_ERRNO2(__wasi_path_link(dir, 0, "sub", dir, "dirlink"), __WASI_ERRNO_PERM, __WASI_ERRNO_ACCES);
  CHECK_ERRNO(__wasi_path_link(dir, 0, "target", dir, "fresh/"), __WASI_ERRNO_NOENT);
  CHECK_ERRNO(__wasi_path_link(dir, 0, "loop", dir, "looplink"), __WASI_ERRNO_SUCCESS); /* links the symlink itself */
  CHECK_ERRNO(__wasi_path_filestat_get(dir, 0, "looplink", &st), __WASI_ERRNO_SUCCESS);
  CHECK(st.filetype == __WASI_FILETYPE_SYMBOLIC_LINK);
  CHECK_ERRNO2(__wasi_path_link(dir, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "abs", dir, "followed"), __WASI_ERRNO_PERM,
               __WASI_ERRNO_INVAL);
  CHECK_ERRNO(__wasi_path_filestat_get(dir, 0, "followed", &st), __WASI_ERRNO_NOENT);
  CHECK_ERRNO(__wasi_path_link(dir, 0, "target", dir, "hard"), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_path_filestat_get(dir, 0, "target", &st), __WASI_ERRNO_SUCCESS);
  CHECK(st.nlink == 2);
  CHECK_ERRNO(__wasi_path_link(dir, 0, "target", dir, "hard"), __WASI_ERRNO_EXIST);
  CHECK_ERRNO(__wasi_path_link(dir, 0, "target", dir, "../outside"), __WASI_ERRNO_PERM);
  DONE();
}
