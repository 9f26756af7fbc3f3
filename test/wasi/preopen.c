/* test/wasi/preopen.c — the preopened directory itself (modelled on wasi-testsuite
 * path_open_preopen): found by scanning fd_prestat_get, it carries every directory right the
 * testsuite requires as base rights and every file right as inheriting rights; "." opens with the
 * same, empty, O_DIRECTORY and FD_READ rights, but O_DIRECTORY with FD_WRITE fails with EISDIR. */
#include "wasi_check.h"

static const __wasi_rights_t dir_base =
    __WASI_RIGHTS_PATH_CREATE_DIRECTORY | __WASI_RIGHTS_PATH_CREATE_FILE | __WASI_RIGHTS_PATH_LINK_SOURCE |
    __WASI_RIGHTS_PATH_LINK_TARGET | __WASI_RIGHTS_PATH_OPEN | __WASI_RIGHTS_FD_READDIR |
    __WASI_RIGHTS_PATH_READLINK | __WASI_RIGHTS_PATH_RENAME_SOURCE | __WASI_RIGHTS_PATH_RENAME_TARGET |
    __WASI_RIGHTS_PATH_SYMLINK | __WASI_RIGHTS_PATH_REMOVE_DIRECTORY | __WASI_RIGHTS_PATH_UNLINK_FILE |
    __WASI_RIGHTS_PATH_FILESTAT_GET | __WASI_RIGHTS_PATH_FILESTAT_SET_TIMES | __WASI_RIGHTS_FD_FILESTAT_GET |
    __WASI_RIGHTS_FD_FILESTAT_SET_TIMES;
static const __wasi_rights_t file_inheriting =
    __WASI_RIGHTS_FD_DATASYNC | __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_FDSTAT_SET_FLAGS |
    __WASI_RIGHTS_FD_SYNC | __WASI_RIGHTS_FD_TELL | __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_ADVISE |
    __WASI_RIGHTS_FD_ALLOCATE | __WASI_RIGHTS_FD_FILESTAT_GET | __WASI_RIGHTS_FD_FILESTAT_SET_SIZE |
    __WASI_RIGHTS_FD_FILESTAT_SET_TIMES | __WASI_RIGHTS_POLL_FD_READWRITE;

int main(void) {
  int pre = -1, count = 0;
  for (__wasi_fd_t fd = 0; fd < 256; ++fd) {
    __wasi_prestat_t ps;
    if (__wasi_fd_prestat_get(fd, &ps) != __WASI_ERRNO_SUCCESS) continue;
    ++count;
    CHECK(ps.tag == __WASI_PREOPENTYPE_DIR);
    char name[32] = {0};
    CHECK(ps.u.dir.pr_name_len == 8);
    CHECK_ERRNO(__wasi_fd_prestat_dir_name(fd, (uint8_t*)name, ps.u.dir.pr_name_len), __WASI_ERRNO_SUCCESS);
    if (strcmp(name, "/sandbox") == 0) pre = (int)fd;
  }
  CHECK(count == 1 && pre == 3); /* exactly the one --dir, as fd 3 */
  __wasi_fdstat_t st;
  CHECK_ERRNO(__wasi_fd_fdstat_get(pre, &st), __WASI_ERRNO_SUCCESS);
  CHECK(st.fs_filetype == __WASI_FILETYPE_DIRECTORY && st.fs_flags == 0);
  CHECK((st.fs_rights_base & dir_base) == dir_base);
  CHECK((st.fs_rights_inheriting & (dir_base | file_inheriting)) == (dir_base | file_inheriting));

  __wasi_fd_t fd;
  CHECK_ERRNO(__wasi_path_open(pre, 0, ".", 0, st.fs_rights_base, st.fs_rights_inheriting, 0, &fd),
              __WASI_ERRNO_SUCCESS);
  __wasi_fdstat_t again;
  CHECK_ERRNO(__wasi_fd_fdstat_get(fd, &again), __WASI_ERRNO_SUCCESS);
  CHECK(again.fs_rights_base == st.fs_rights_base);
  CHECK_ERRNO(__wasi_fd_close(fd), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_path_open(pre, 0, ".", 0, 0, 0, 0, &fd), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_fdstat_get(fd, &again), __WASI_ERRNO_SUCCESS);
  CHECK(again.fs_rights_base == 0 && again.fs_filetype == __WASI_FILETYPE_DIRECTORY);
  CHECK_ERRNO(__wasi_fd_close(fd), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_path_open(pre, 0, ".", __WASI_OFLAGS_DIRECTORY, 0, 0, 0, &fd), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_close(fd), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_path_open(pre, 0, ".", __WASI_OFLAGS_DIRECTORY, __WASI_RIGHTS_FD_READ, 0, 0, &fd),
              __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_close(fd), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_path_open(pre, 0, ".", __WASI_OFLAGS_DIRECTORY, __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE, 0,
                               0, &fd),
              __WASI_ERRNO_ISDIR);
  /* O_DIRECTORY | CREAT is meaningless: EINVAL. A file asked for with O_DIRECTORY: ENOTDIR. */
  CHECK_ERRNO(__wasi_path_open(pre, 0, "newdir", __WASI_OFLAGS_DIRECTORY | __WASI_OFLAGS_CREAT, 0, 0, 0, &fd),
              __WASI_ERRNO_INVAL);
  CHECK_ERRNO(__wasi_path_open(pre, 0, "file", __WASI_OFLAGS_CREAT, RIGHTS_RW, 0, 0, &fd), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_close(fd), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_path_open(pre, 0, "file", __WASI_OFLAGS_DIRECTORY, __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE,
                               0, 0, &fd),
              __WASI_ERRNO_NOTDIR);
  /* A file opened from the preopen gets at most the preopen's inheriting rights, minus what a file
   * cannot have (PATH_* rights). */
  CHECK_ERRNO(__wasi_path_open(pre, 0, "file", 0, ~(__wasi_rights_t)0, ~(__wasi_rights_t)0, 0, &fd),
              __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_fdstat_get(fd, &again), __WASI_ERRNO_SUCCESS);
  CHECK((again.fs_rights_base & file_inheriting) == file_inheriting);
  CHECK((again.fs_rights_base & __WASI_RIGHTS_PATH_OPEN) == 0);
  CHECK((again.fs_rights_base & ~st.fs_rights_inheriting) == 0);
  CHECK_ERRNO(__wasi_fd_close(fd), __WASI_ERRNO_SUCCESS);
  DONE();
}
