/* test/wasi/path_edge.c — path_* edge cases the official wasi-testsuite checks (readlink,
 * dangling_symlink, nofollow_errors, path_rename, path_filestat, remove_nonempty_directory,
 * unlink_file_trailing_slashes, path_open_dirfd_not_dir, path_link): readlink into short buffers,
 * NOFOLLOW on symlinked directories, dangling links with CREAT/EXCL, rename over existing files and
 * directories, operations on a file used as the directory fd, and times set through a path. */
#include <stdint.h>

#include "wasi_check.h"

static void touch(int dir, const char* path, const char* content) {
  __wasi_fd_t fd;
  CHECK_ERRNO(wasi_open(dir, path, 0, __WASI_OFLAGS_CREAT | __WASI_OFLAGS_TRUNC, RIGHTS_RW, 0, &fd),
              __WASI_ERRNO_SUCCESS);
  __wasi_ciovec_t iov = {(const uint8_t*)content, strlen(content)};
  __wasi_size_t n;
  CHECK_ERRNO(__wasi_fd_write(fd, &iov, 1, &n), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_close(fd), __WASI_ERRNO_SUCCESS);
}

static __wasi_filetype_t type_of(int dir, __wasi_lookupflags_t lf, const char* path) {
  __wasi_filestat_t st;
  if (__wasi_path_filestat_get(dir, lf, path, &st) != 0) return 255;
  return st.filetype;
}

static __wasi_filesize_t size_at(int dir, const char* path) {
  __wasi_filestat_t st;
  if (__wasi_path_filestat_get(dir, 0, path, &st) != 0) return (__wasi_filesize_t)-1;
  return st.size;
}

int main(void) {
  int dir = wasi_preopen_fd("/sandbox");
  CHECK(dir >= 3);
  __wasi_fd_t fd;
  touch(dir, "target", "0123456789");
  CHECK_ERRNO(__wasi_path_create_directory(dir, "d"), __WASI_ERRNO_SUCCESS);
  touch(dir, "d/inner", "in");

  /* readlink: exact, larger and short buffers; the rest of the buffer is untouched (readlink). */
  CHECK_ERRNO(__wasi_path_symlink("target", dir, "symlink"), __WASI_ERRNO_SUCCESS);
  uint8_t buf[16];
  __wasi_size_t used = 99;
  memset(buf, 0, sizeof buf);
  CHECK_ERRNO(__wasi_path_readlink(dir, "symlink", buf, 10, &used), __WASI_ERRNO_SUCCESS);
  CHECK(used == 6 && memcmp(buf, "target\0\0\0\0", 10) == 0);
  memset(buf, 'z', sizeof buf);
  CHECK_ERRNO(__wasi_path_readlink(dir, "symlink", buf, 4, &used), __WASI_ERRNO_SUCCESS);
  CHECK(used == 4 && memcmp(buf, "targzz", 6) == 0);
  CHECK_ERRNO(__wasi_path_readlink(dir, "symlink", buf, 6, &used), __WASI_ERRNO_SUCCESS);
  CHECK(used == 6 && memcmp(buf, "targetzz", 8) == 0);
  CHECK_ERRNO(__wasi_path_readlink(dir, "symlink", buf, 0, &used), __WASI_ERRNO_SUCCESS);
  CHECK(used == 0);
  CHECK_ERRNO(__wasi_path_readlink(dir, "d", buf, sizeof buf, &used), __WASI_ERRNO_INVAL);
  CHECK_ERRNO(__wasi_path_readlink(dir, "missing", buf, sizeof buf, &used), __WASI_ERRNO_NOENT);
  CHECK_ERRNO(__wasi_path_readlink(dir, "symlink/", buf, sizeof buf, &used), __WASI_ERRNO_NOTDIR);

  /* NOFOLLOW on a symlinked directory (nofollow_errors): opening the link itself gives ELOOP
   * (or ENOTDIR with O_DIRECTORY); following it opens the directory. */
  CHECK_ERRNO(__wasi_path_symlink("d", dir, "dlink"), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(wasi_open(dir, "dlink", 0, 0, 0, 0, &fd), __WASI_ERRNO_LOOP);
  CHECK_ERRNO2(wasi_open(dir, "dlink", 0, __WASI_OFLAGS_DIRECTORY, 0, 0, &fd), __WASI_ERRNO_LOOP,
               __WASI_ERRNO_NOTDIR);
  CHECK_ERRNO(wasi_open(dir, "dlink", __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, __WASI_OFLAGS_DIRECTORY,
                        __WASI_RIGHTS_FD_FILESTAT_GET, 0, &fd),
              __WASI_ERRNO_SUCCESS);
  __wasi_filestat_t st;
  CHECK_ERRNO(__wasi_fd_filestat_get(fd, &st), __WASI_ERRNO_SUCCESS);
  CHECK(st.filetype == __WASI_FILETYPE_DIRECTORY);
  CHECK_ERRNO(__wasi_fd_close(fd), __WASI_ERRNO_SUCCESS);
  /* A trailing slash makes the link an intermediate component, which is followed. */
  CHECK_ERRNO(wasi_open(dir, "dlink/", 0, __WASI_OFLAGS_DIRECTORY, 0, 0, &fd), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_close(fd), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(wasi_open(dir, "dlink/inner", 0, 0, 0, 0, &fd), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_close(fd), __WASI_ERRNO_SUCCESS);
  CHECK(type_of(dir, 0, "dlink") == __WASI_FILETYPE_SYMBOLIC_LINK);
  CHECK(type_of(dir, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "dlink") == __WASI_FILETYPE_DIRECTORY);
  /* Directory operations on the link name act on the link, not on the directory. */
  CHECK_ERRNO(__wasi_path_remove_directory(dir, "dlink"), __WASI_ERRNO_NOTDIR);
  CHECK_ERRNO2(__wasi_path_create_directory(dir, "dlink"), __WASI_ERRNO_EXIST, __WASI_ERRNO_EXIST);
  CHECK(type_of(dir, 0, "d") == __WASI_FILETYPE_DIRECTORY);

  /* Dangling symlinks (dangling_symlink). */
  CHECK_ERRNO(__wasi_path_symlink("nowhere", dir, "dangling"), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO2(wasi_open(dir, "dangling", 0, __WASI_OFLAGS_DIRECTORY, 0, 0, &fd), __WASI_ERRNO_NOTDIR,
               __WASI_ERRNO_LOOP);
  CHECK_ERRNO(wasi_open(dir, "dangling", 0, 0, 0, 0, &fd), __WASI_ERRNO_LOOP);
  CHECK_ERRNO(wasi_open(dir, "dangling", __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, 0, 0, 0, &fd), __WASI_ERRNO_NOENT);
  CHECK_ERRNO(wasi_open(dir, "dangling", 0, __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL, RIGHTS_RW, 0, &fd),
              __WASI_ERRNO_EXIST);
  CHECK_ERRNO(wasi_open(dir, "dangling", __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW,
                        __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL, RIGHTS_RW, 0, &fd),
              __WASI_ERRNO_EXIST);
  CHECK(type_of(dir, 0, "dangling") == __WASI_FILETYPE_SYMBOLIC_LINK);
  CHECK(type_of(dir, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "dangling") == 255);
  CHECK_ERRNO(__wasi_path_readlink(dir, "dangling", buf, sizeof buf, &used), __WASI_ERRNO_SUCCESS);
  CHECK(used == 7 && memcmp(buf, "nowhere", 7) == 0);
  CHECK_ERRNO(__wasi_path_unlink_file(dir, "dangling"), __WASI_ERRNO_SUCCESS);
  CHECK(type_of(dir, 0, "dangling") == 255);

  /* Rename over existing entries (path_rename). */
  touch(dir, "src", "new");
  touch(dir, "dst", "old contents");
  CHECK_ERRNO(__wasi_path_rename(dir, "src", dir, "dst"), __WASI_ERRNO_SUCCESS);
  CHECK(size_at(dir, "dst") == 3);
  CHECK(type_of(dir, 0, "src") == 255);
  CHECK_ERRNO(__wasi_path_rename(dir, "dst", dir, "dst"), __WASI_ERRNO_SUCCESS); /* onto itself */
  CHECK(size_at(dir, "dst") == 3);
  CHECK_ERRNO(__wasi_path_create_directory(dir, "e1"), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_path_create_directory(dir, "e2"), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_path_rename(dir, "e1", dir, "e2"), __WASI_ERRNO_SUCCESS); /* dir over empty dir */
  CHECK(type_of(dir, 0, "e1") == 255 && type_of(dir, 0, "e2") == __WASI_FILETYPE_DIRECTORY);
  CHECK_ERRNO(__wasi_path_rename(dir, "e2", dir, "d"), __WASI_ERRNO_NOTEMPTY);   /* over a non-empty dir */
  CHECK_ERRNO(__wasi_path_rename(dir, "dst", dir, "e2"), __WASI_ERRNO_ISDIR);    /* file over dir */
  CHECK_ERRNO(__wasi_path_rename(dir, "e2", dir, "dst"), __WASI_ERRNO_NOTDIR);   /* dir over file */
  CHECK_ERRNO(__wasi_path_rename(dir, "dst/", dir, "x"), __WASI_ERRNO_NOTDIR);   /* file with a slash */
  CHECK_ERRNO(__wasi_path_rename(dir, "dst", dir, "x/"), __WASI_ERRNO_NOTDIR);
  CHECK_ERRNO(__wasi_path_rename(dir, "e2/", dir, "e3/"), __WASI_ERRNO_SUCCESS);  /* dirs may have one */
  CHECK(type_of(dir, 0, "e3") == __WASI_FILETYPE_DIRECTORY);
  CHECK_ERRNO(__wasi_path_rename(dir, "symlink", dir, "renamed_link"), __WASI_ERRNO_SUCCESS); /* the link moves */
  CHECK(type_of(dir, 0, "renamed_link") == __WASI_FILETYPE_SYMBOLIC_LINK);
  CHECK(size_at(dir, "target") == 10);
  CHECK_ERRNO(__wasi_path_rename(dir, "dst", dir, "d/moved"), __WASI_ERRNO_SUCCESS); /* into a subdirectory */
  CHECK(size_at(dir, "d/moved") == 3);
  CHECK_ERRNO(__wasi_path_rename(dir, "d/moved", dir, "dst"), __WASI_ERRNO_SUCCESS);

  /* remove_directory / unlink_file (remove_nonempty_directory, unlink_file_trailing_slashes). */
  CHECK_ERRNO(__wasi_path_remove_directory(dir, "d"), __WASI_ERRNO_NOTEMPTY);
  CHECK_ERRNO(__wasi_path_remove_directory(dir, "."), __WASI_ERRNO_INVAL);
  CHECK_ERRNO(__wasi_path_remove_directory(dir, "target"), __WASI_ERRNO_NOTDIR);
  CHECK_ERRNO2(__wasi_path_unlink_file(dir, "d"), __WASI_ERRNO_ISDIR, __WASI_ERRNO_PERM);
  CHECK_ERRNO2(__wasi_path_unlink_file(dir, "e3/"), __WASI_ERRNO_ISDIR, __WASI_ERRNO_PERM);
  CHECK_ERRNO(__wasi_path_unlink_file(dir, "target/"), __WASI_ERRNO_NOTDIR);
  CHECK(type_of(dir, 0, "d") == __WASI_FILETYPE_DIRECTORY && size_at(dir, "target") == 10);
  CHECK_ERRNO(__wasi_path_remove_directory(dir, "e3/"), __WASI_ERRNO_SUCCESS);

  /* A file used as the directory of a path call (path_open_dirfd_not_dir). */
  CHECK_ERRNO(wasi_open(dir, "target", 0, 0, RIGHTS_RW, 0, &fd), __WASI_ERRNO_SUCCESS);
  __wasi_fd_t inner;
  CHECK_ERRNO2(wasi_open(fd, ".", 0, 0, 0, 0, &inner), __WASI_ERRNO_NOTDIR, __WASI_ERRNO_BADF);
  CHECK_ERRNO2(__wasi_path_create_directory(fd, "x"), __WASI_ERRNO_NOTDIR, __WASI_ERRNO_BADF);
  CHECK_ERRNO2(__wasi_path_filestat_get(fd, 0, "x", &st), __WASI_ERRNO_NOTDIR, __WASI_ERRNO_BADF);
  CHECK_ERRNO2(__wasi_path_unlink_file(fd, "x"), __WASI_ERRNO_NOTDIR, __WASI_ERRNO_BADF);
  CHECK_ERRNO(__wasi_fd_close(fd), __WASI_ERRNO_SUCCESS);

  /* path_filestat_set_times: on the target through a link, on the link itself without FOLLOW. */
  CHECK_ERRNO(__wasi_path_filestat_set_times(dir, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "renamed_link", 1111, 2222,
                                             __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM),
              __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_path_filestat_get(dir, 0, "target", &st), __WASI_ERRNO_SUCCESS);
  CHECK(st.atim == 1111 && st.mtim == 2222);
  CHECK_ERRNO(__wasi_path_filestat_set_times(dir, 0, "renamed_link", 3333, 4444,
                                             __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM),
              __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_path_filestat_get(dir, 0, "renamed_link", &st), __WASI_ERRNO_SUCCESS);
  CHECK(st.mtim == 4444);
  CHECK_ERRNO(__wasi_path_filestat_get(dir, 0, "target", &st), __WASI_ERRNO_SUCCESS);
  CHECK(st.mtim == 2222);
  CHECK_ERRNO(__wasi_path_filestat_set_times(dir, 0, "missing", 0, 0, __WASI_FSTFLAGS_MTIM_NOW), __WASI_ERRNO_NOENT);
  CHECK_ERRNO(__wasi_path_filestat_set_times(dir, 0, "d", 5, 6, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM),
              __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_path_filestat_get(dir, 0, "d", &st), __WASI_ERRNO_SUCCESS);
  CHECK(st.atim == 5 && st.mtim == 6);
  CHECK_ERRNO(__wasi_path_filestat_set_times(dir, 0, "d", 0, 0, 16), __WASI_ERRNO_INVAL); /* unknown flag */

  /* Path rights on a directory fd: without PATH_* rights each call is refused. */
  __wasi_fd_t ro;
  CHECK_ERRNO(wasi_open(dir, "d", 0, __WASI_OFLAGS_DIRECTORY, __WASI_RIGHTS_FD_READDIR, 0, &ro), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_path_filestat_get(ro, 0, "inner", &st), __WASI_ERRNO_PERM);
  CHECK_ERRNO(__wasi_path_filestat_set_times(ro, 0, "inner", 0, 0, __WASI_FSTFLAGS_MTIM_NOW), __WASI_ERRNO_PERM);
  CHECK_ERRNO(__wasi_path_unlink_file(ro, "inner"), __WASI_ERRNO_PERM);
  CHECK_ERRNO(__wasi_path_rename(ro, "inner", ro, "inner2"), __WASI_ERRNO_PERM);
  CHECK_ERRNO(__wasi_path_symlink("inner", ro, "l"), __WASI_ERRNO_PERM);
  CHECK_ERRNO(__wasi_path_link(ro, 0, "inner", ro, "h"), __WASI_ERRNO_PERM);
  CHECK_ERRNO(__wasi_path_readlink(ro, "inner", buf, sizeof buf, &used), __WASI_ERRNO_PERM);
  CHECK_ERRNO(__wasi_path_remove_directory(ro, "x"), __WASI_ERRNO_PERM);
  CHECK_ERRNO(wasi_open(ro, "new", 0, __WASI_OFLAGS_CREAT, 0, 0, &fd), __WASI_ERRNO_PERM);
  CHECK_ERRNO(__wasi_fd_close(ro), __WASI_ERRNO_SUCCESS);
  CHECK(size_at(dir, "d/inner") == 2);
  DONE();
}
