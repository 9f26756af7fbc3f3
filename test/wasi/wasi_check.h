/* test/wasi/wasi_check.h — the checking helpers every WASI conformance program uses: CHECK prints
 * each failed condition with its line, CHECK_ERRNO compares a raw __wasi_* result with an expected
 * WASI errno, and DONE() makes the exit status 0 only when every check passed. */
#ifndef WASMC_WASI_CHECK_H
#define WASMC_WASI_CHECK_H
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>

static int wasi_check_failures;
static int wasi_check_count;

#define CHECK(cond)                                                              \
  do {                                                                           \
    ++wasi_check_count;                                                          \
    if (!(cond)) {                                                               \
      printf("FAIL %s:%d: %s (errno %d: %s)\n", __FILE__, __LINE__, #cond, errno, \
             strerror(errno));                                                   \
      ++wasi_check_failures;                                                     \
    }                                                                            \
  } while (0)

/* `expr` is a raw WASI call returning __wasi_errno_t; `want` one WASI errno value. */
#define CHECK_ERRNO(expr, want)                                                            \
  do {                                                                                     \
    ++wasi_check_count;                                                                    \
    __wasi_errno_t got_ = (expr);                                                          \
    if (got_ != (want)) {                                                                  \
      printf("FAIL %s:%d: %s: got errno %u, want %u\n", __FILE__, __LINE__, #expr,         \
             (unsigned)got_, (unsigned)(want));                                            \
      ++wasi_check_failures;                                                               \
    }                                                                                      \
  } while (0)

/* Either of two acceptable errno values (as the official testsuite allows for some cases). */
#define CHECK_ERRNO2(expr, want1, want2)                                                   \
  do {                                                                                     \
    ++wasi_check_count;                                                                    \
    __wasi_errno_t got_ = (expr);                                                          \
    if (got_ != (want1) && got_ != (want2)) {                                              \
      printf("FAIL %s:%d: %s: got errno %u, want %u or %u\n", __FILE__, __LINE__, #expr,   \
             (unsigned)got_, (unsigned)(want1), (unsigned)(want2));                        \
      ++wasi_check_failures;                                                               \
    }                                                                                      \
  } while (0)

#define DONE()                                                                          \
  do {                                                                                  \
    printf("%d checks, %d failed\n", wasi_check_count, wasi_check_failures);            \
    return wasi_check_failures ? 1 : 0;                                                 \
  } while (0)

/* The fd of the preopened directory named `name` (e.g. "/sandbox"), or -1. */
static __attribute__((unused)) int wasi_preopen_fd(const char* name) {
  for (__wasi_fd_t fd = 3; fd < 64; ++fd) {
    __wasi_prestat_t ps;
    if (__wasi_fd_prestat_get(fd, &ps) != 0) continue;
    char buf[256];
    size_t n = ps.u.dir.pr_name_len;
    if (n >= sizeof buf || __wasi_fd_prestat_dir_name(fd, (uint8_t*)buf, n) != 0) continue;
    buf[n] = 0;
    if (strcmp(buf, name) == 0) return (int)fd;
  }
  return -1;
}

/* Raw path_open relative to `dir`; returns the errno and stores the fd in *out. */
static __attribute__((unused)) __wasi_errno_t wasi_open(int dir, const char* path, __wasi_lookupflags_t lookup, __wasi_oflags_t oflags,
                                __wasi_rights_t rights, __wasi_fdflags_t fdflags, __wasi_fd_t* out) {
  return __wasi_path_open((__wasi_fd_t)dir, lookup, path, oflags, rights, rights, fdflags, out);
}

#define RIGHTS_RW                                                                               \
  (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_TELL | \
   __WASI_RIGHTS_FD_FILESTAT_GET | __WASI_RIGHTS_FD_FILESTAT_SET_SIZE | __WASI_RIGHTS_FD_READDIR)

#endif
