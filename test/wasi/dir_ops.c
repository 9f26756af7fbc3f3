/* test/wasi/dir_ops.c — fd operations that make no sense on a directory fail cleanly (modelled on
 * wasi-testsuite dir_fd_op_failures and directory_seek): read/write/seek/tell/allocate/set_size on
 * the preopen and on an opened directory, the SEEK right is never granted to a directory, and
 * fd_prestat_dir_name accepts larger buffers but not smaller ones. */
#include "wasi_check.h"

#define DIR_ERR(expr) CHECK_ERRNO2(expr, __WASI_ERRNO_BADF, __WASI_ERRNO_ISDIR)

static void check_dir_fd(int fd) {
  __wasi_filestat_t st;
  CHECK_ERRNO(__wasi_fd_filestat_get(fd, &st), __WASI_ERRNO_SUCCESS);
  CHECK(st.filetype == __WASI_FILETYPE_DIRECTORY);
  uint8_t buf[128];
  __wasi_iovec_t iov = {buf, sizeof buf};
  __wasi_ciovec_t ciov = {buf, sizeof buf};
  __wasi_size_t n;
  __wasi_filesize_t pos;
  DIR_ERR(__wasi_fd_read(fd, &iov, 1, &n));
  DIR_ERR(__wasi_fd_pread(fd, &iov, 1, 0, &n));
  DIR_ERR(__wasi_fd_write(fd, &ciov, 1, &n));
  DIR_ERR(__wasi_fd_pwrite(fd, &ciov, 1, 0, &n));
  DIR_ERR(__wasi_fd_seek(fd, 0, __WASI_WHENCE_CUR, &pos));
  DIR_ERR(__wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &pos));
  DIR_ERR(__wasi_fd_seek(fd, 0, __WASI_WHENCE_END, &pos));
  DIR_ERR(__wasi_fd_tell(fd, &pos));
  DIR_ERR(__wasi_fd_allocate(fd, 0, 1));
  __wasi_errno_t e = __wasi_fd_filestat_set_size(fd, 0);
  CHECK(e == __WASI_ERRNO_BADF || e == __WASI_ERRNO_ISDIR || e == __WASI_ERRNO_INVAL);
  __wasi_fdstat_t fs;
  CHECK_ERRNO(__wasi_fd_fdstat_get(fd, &fs), __WASI_ERRNO_SUCCESS);
  CHECK(fs.fs_filetype == __WASI_FILETYPE_DIRECTORY);
  CHECK((fs.fs_rights_base & (__WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE)) == 0);
}

int main(void) {
  int dir = wasi_preopen_fd("/sandbox");
  CHECK(dir >= 3);
  uint8_t name[16];
  CHECK_ERRNO2(__wasi_fd_prestat_dir_name(dir, name, 0), __WASI_ERRNO_NAMETOOLONG, __WASI_ERRNO_INVAL);
  CHECK_ERRNO2(__wasi_fd_prestat_dir_name(dir, name, 7), __WASI_ERRNO_NAMETOOLONG, __WASI_ERRNO_INVAL);
  CHECK_ERRNO(__wasi_fd_prestat_dir_name(dir, name, 9), __WASI_ERRNO_SUCCESS);
  CHECK(memcmp(name, "/sandbox", 8) == 0);
  check_dir_fd(dir);

  CHECK_ERRNO(__wasi_path_create_directory(dir, "sub"), __WASI_ERRNO_SUCCESS);
  __wasi_fd_t sub;
  /* Ask for the seek right explicitly: the open succeeds, the right is not granted. */
  CHECK_ERRNO(wasi_open(dir, "sub", 0, __WASI_OFLAGS_DIRECTORY, __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_FILESTAT_GET, 0, &sub),
              __WASI_ERRNO_SUCCESS);
  check_dir_fd(sub);
  CHECK_ERRNO(__wasi_fd_prestat_get(sub, &(__wasi_prestat_t){0}), __WASI_ERRNO_BADF);
  CHECK_ERRNO(__wasi_fd_close(sub), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_path_remove_directory(dir, "sub"), __WASI_ERRNO_SUCCESS);
  DONE();
}
