/* test/wasi/sandbox.c — hostile paths against every path_* function (modelled on wasi-testsuite
 * interesting_paths and path_open_preopen, plus escapes it does not try): "..", "../x",
 * "/etc/passwd", "a/../../x", symlinks and chains of symlinks whose last hop leaves the preopen,
 * links to "..", and libc calls with the same paths. Each must fail with EPERM (63) and touch
 * nothing; the harness also checks that OUT/outside/secret.txt, next to the preopen, is unchanged. */
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wasi_check.h"

/* Paths that leave the preopen (once their symlinks, created below, are followed). */
static const char* const hostile[] = {
    "..", "../", "../outside", "../outside/secret.txt", "../scratch/inside", "/", "/etc/passwd",
    "/sandbox/inside", "a/../..", "a/../../outside/secret.txt", "a/../../x", "./../x", "a/b/../../../x",
    "a//..//..//outside", "a/./.././../x", "l1", "l1/secret.txt", "chain/secret.txt", "dotdot/outside",
    "a/up/../outside", "abs/passwd", "absdir/x", "a/b/esc/secret.txt", "dotdot", "in_out", "l1/../scratch",
};
#define NHOSTILE (sizeof hostile / sizeof hostile[0])

static int failures_before;

static void report(const char* op, const char* path) {
  if (wasi_check_failures != failures_before) printf("  ^ while checking %s(\"%s\")\n", op, path);
  failures_before = wasi_check_failures;
}

int main(void) {
  int dir = wasi_preopen_fd("/sandbox");
  CHECK(dir >= 3);
  __wasi_fd_t fd;
  /* Inside: a/b/, a file, and links — some stay inside, the rest lead out. */
  CHECK_ERRNO(__wasi_path_create_directory(dir, "a"), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_path_create_directory(dir, "a/b"), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(wasi_open(dir, "inside", 0, __WASI_OFLAGS_CREAT, RIGHTS_RW, 0, &fd), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_close(fd), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_path_symlink("l2", dir, "l1"), __WASI_ERRNO_SUCCESS);            /* l1 → l2 → a/l3 → out */
  CHECK_ERRNO(__wasi_path_symlink("a/l3", dir, "l2"), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_path_symlink("../../outside", dir, "a/l3"), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_path_symlink("a/b/../../l1", dir, "chain"), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_path_symlink("..", dir, "dotdot"), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_path_symlink("..", dir, "a/up"), __WASI_ERRNO_SUCCESS);         /* a/up = the root: fine */
  CHECK_ERRNO(__wasi_path_symlink("/etc", dir, "abs"), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_path_symlink("/", dir, "absdir"), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_path_symlink("../../../outside", dir, "a/b/esc"), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_path_symlink("../scratch/inside", dir, "in_out"), __WASI_ERRNO_SUCCESS); /* out and back */
  CHECK_ERRNO(__wasi_path_symlink("up/inside", dir, "a/ok"), __WASI_ERRNO_SUCCESS);

  /* Sanity: the links that stay inside do resolve. */
  CHECK_ERRNO(wasi_open(dir, "a/up/inside", 0, 0, RIGHTS_RW, 0, &fd), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_close(fd), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(wasi_open(dir, "a/ok", __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, 0, RIGHTS_RW, 0, &fd), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_close(fd), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(wasi_open(dir, "a/b/../../inside", 0, 0, RIGHTS_RW, 0, &fd), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_close(fd), __WASI_ERRNO_SUCCESS);
  failures_before = wasi_check_failures;

  const __wasi_lookupflags_t F = __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW;
  uint8_t buf[64];
  __wasi_size_t used;
  __wasi_filestat_t st;
  for (size_t i = 0; i < NHOSTILE; ++i) {
    const char* p = hostile[i];
    /* Final components that are symlinks are only followed with SYMLINK_FOLLOW; paths whose last
     * component is such a link are checked separately below. */
    int final_link = strchr(p, '/') == NULL && (p[0] == 'l' || (p[0] == 'd' && p[1] == 'o') || p[0] == 'i');
    CHECK_ERRNO(wasi_open(dir, p, F, 0, RIGHTS_RW, 0, &fd), __WASI_ERRNO_PERM);
    report("path_open(FOLLOW)", p);
    CHECK_ERRNO(wasi_open(dir, p, F, __WASI_OFLAGS_DIRECTORY, 0, 0, &fd), __WASI_ERRNO_PERM);
    report("path_open(FOLLOW, DIRECTORY)", p);
    CHECK_ERRNO(__wasi_path_filestat_get(dir, F, p, &st), __WASI_ERRNO_PERM);
    report("path_filestat_get(FOLLOW)", p);
    CHECK_ERRNO(__wasi_path_filestat_set_times(dir, F, p, 0, 0, __WASI_FSTFLAGS_MTIM_NOW), __WASI_ERRNO_PERM);
    report("path_filestat_set_times(FOLLOW)", p);
    CHECK_ERRNO(__wasi_path_link(dir, F, p, dir, "hard"), __WASI_ERRNO_PERM);
    report("path_link(FOLLOW src)", p);
    if (final_link) continue;
    CHECK_ERRNO(wasi_open(dir, p, 0, __WASI_OFLAGS_CREAT, RIGHTS_RW, 0, &fd), __WASI_ERRNO_PERM);
    report("path_open(CREAT)", p);
    CHECK_ERRNO(wasi_open(dir, p, 0, __WASI_OFLAGS_TRUNC, RIGHTS_RW, 0, &fd), __WASI_ERRNO_PERM);
    report("path_open(TRUNC)", p);
    CHECK_ERRNO(__wasi_path_filestat_get(dir, 0, p, &st), __WASI_ERRNO_PERM);
    report("path_filestat_get", p);
    CHECK_ERRNO(__wasi_path_filestat_set_times(dir, 0, p, 0, 0, __WASI_FSTFLAGS_MTIM_NOW), __WASI_ERRNO_PERM);
    report("path_filestat_set_times", p);
    CHECK_ERRNO(__wasi_path_create_directory(dir, p), __WASI_ERRNO_PERM);
    report("path_create_directory", p);
    CHECK_ERRNO(__wasi_path_remove_directory(dir, p), __WASI_ERRNO_PERM);
    report("path_remove_directory", p);
    CHECK_ERRNO(__wasi_path_unlink_file(dir, p), __WASI_ERRNO_PERM);
    report("path_unlink_file", p);
    CHECK_ERRNO(__wasi_path_readlink(dir, p, buf, sizeof buf, &used), __WASI_ERRNO_PERM);
    report("path_readlink", p);
    CHECK_ERRNO(__wasi_path_symlink("inside", dir, p), __WASI_ERRNO_PERM);
    report("path_symlink(new)", p);
    CHECK_ERRNO(__wasi_path_rename(dir, p, dir, "renamed"), __WASI_ERRNO_PERM);
    report("path_rename(src)", p);
    CHECK_ERRNO(__wasi_path_rename(dir, "inside", dir, p), __WASI_ERRNO_PERM);
    report("path_rename(dst)", p);
    CHECK_ERRNO(__wasi_path_link(dir, 0, p, dir, "hard"), __WASI_ERRNO_PERM);
    report("path_link(src)", p);
    CHECK_ERRNO(__wasi_path_link(dir, 0, "inside", dir, p), __WASI_ERRNO_PERM);
    report("path_link(dst)", p);
  }

  /* A final symlink that leads out is itself harmless: it can be inspected, read, renamed, removed. */
  CHECK_ERRNO(__wasi_path_filestat_get(dir, 0, "l1", &st), __WASI_ERRNO_SUCCESS);
  CHECK(st.filetype == __WASI_FILETYPE_SYMBOLIC_LINK);
  CHECK_ERRNO(__wasi_path_readlink(dir, "a/l3", buf, sizeof buf, &used), __WASI_ERRNO_SUCCESS);
  CHECK(used == 13 && memcmp(buf, "../../outside", 13) == 0);
  CHECK_ERRNO(wasi_open(dir, "l1", 0, 0, 0, 0, &fd), __WASI_ERRNO_LOOP);
  CHECK_ERRNO(__wasi_path_rename(dir, "dotdot", dir, "dotdot2"), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_path_unlink_file(dir, "dotdot2"), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_path_filestat_get(dir, 0, "inside", &st), __WASI_ERRNO_SUCCESS);
  CHECK(st.size == 0);

  /* A subdirectory fd is a sandbox of its own: ".." from it is refused even though it stays in /sandbox. */
  __wasi_fd_t sub;
  CHECK_ERRNO(wasi_open(dir, "a", 0, __WASI_OFLAGS_DIRECTORY,
                        __WASI_RIGHTS_PATH_OPEN | __WASI_RIGHTS_PATH_FILESTAT_GET | __WASI_RIGHTS_PATH_CREATE_DIRECTORY,
                        0, &sub),
              __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_path_filestat_get(sub, 0, "../inside", &st), __WASI_ERRNO_PERM);
  CHECK_ERRNO(__wasi_path_filestat_get(sub, F, "up", &st), __WASI_ERRNO_PERM);
  CHECK_ERRNO(__wasi_path_create_directory(sub, "../made"), __WASI_ERRNO_PERM);
  CHECK_ERRNO(__wasi_path_filestat_get(sub, 0, "b", &st), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_close(sub), __WASI_ERRNO_SUCCESS);

  /* Through libc (wasi-libc maps absolute paths onto the preopen first). */
  CHECK(open("/sandbox/../outside/secret.txt", O_RDONLY) == -1);
  CHECK(open("/sandbox/l1/secret.txt", O_RDONLY) == -1);
  CHECK(open("/etc/passwd", O_RDONLY) == -1);
  CHECK(open("/sandbox/a/../../outside/new", O_CREAT | O_WRONLY, 0644) == -1);
  CHECK(mkdir("/sandbox/../outside/newdir", 0755) == -1);
  CHECK(unlink("/sandbox/l1/secret.txt") == -1);
  CHECK(rename("/sandbox/inside", "/sandbox/chain/stolen") == -1);
  CHECK(fopen("/sandbox/dotdot/outside/secret.txt", "w") == NULL);
  struct stat s;
  CHECK(stat("/sandbox/chain", &s) == -1);
  CHECK(lstat("/sandbox/chain", &s) == 0 && S_ISLNK(s.st_mode));
  DONE();
}
