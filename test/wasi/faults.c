/* test/wasi/faults.c — every pointer argument is bounds-checked against linear memory: a pointer far
 * out of bounds, or a buffer that straddles the end of memory, gives EFAULT (21) and nothing is
 * written (the last bytes of memory keep a sentinel). Calls that take (pointer, length) strings are
 * imported by hand so that the program can pass a bad pointer without libc touching it first. */
#include <stdint.h>
#include <stdlib.h>

#include "wasi_check.h"

#define IMPORT(name) __attribute__((import_module("wasi_snapshot_preview1"), import_name(#name)))
int32_t raw_path_open(int32_t, int32_t, int32_t, int32_t, int32_t, int64_t, int64_t, int32_t, int32_t) IMPORT(path_open);
int32_t raw_path_create_directory(int32_t, int32_t, int32_t) IMPORT(path_create_directory);
int32_t raw_path_filestat_get(int32_t, int32_t, int32_t, int32_t, int32_t) IMPORT(path_filestat_get);
int32_t raw_path_readlink(int32_t, int32_t, int32_t, int32_t, int32_t, int32_t) IMPORT(path_readlink);
int32_t raw_path_symlink(int32_t, int32_t, int32_t, int32_t, int32_t) IMPORT(path_symlink);
int32_t raw_path_unlink_file(int32_t, int32_t, int32_t) IMPORT(path_unlink_file);
int32_t raw_path_rename(int32_t, int32_t, int32_t, int32_t, int32_t, int32_t) IMPORT(path_rename);
int32_t raw_fd_write(int32_t, int32_t, int32_t, int32_t) IMPORT(fd_write);

#define FAR ((void*)(uintptr_t)0xfffffff0u)
#define FARI ((int32_t)0xfffffff0u)

static uint8_t* mem_end(void) { return (uint8_t*)(uintptr_t)(__builtin_wasm_memory_size(0) * 65536); }

/* Fills the last 64 bytes of memory with a sentinel; returns a pointer `back` bytes before the end. */
static void* near_end(size_t back) {
  memset(mem_end() - 64, 0xA5, 64);
  return mem_end() - back;
}
static int sentinel_intact(void) {
  for (uint8_t* p = mem_end() - 64; p < mem_end(); ++p)
    if (*p != 0xA5) return 0;
  return 1;
}

int main(void) {
  int dir = wasi_preopen_fd("/sandbox");
  CHECK(dir >= 3);
  const __wasi_errno_t F = __WASI_ERRNO_FAULT;
  __wasi_size_t n;
  CHECK_ERRNO(__wasi_args_sizes_get(FAR, &n), F);
  CHECK_ERRNO(__wasi_args_sizes_get(&n, near_end(2)), F);
  CHECK(sentinel_intact());
  CHECK_ERRNO(__wasi_args_get(FAR, (uint8_t*)&n), F);
  CHECK_ERRNO(__wasi_environ_sizes_get(FAR, &n), F);
  uint8_t* envp[8];
  CHECK_ERRNO(__wasi_environ_get(envp, FAR), F);
  CHECK_ERRNO(__wasi_environ_get((uint8_t**)near_end(1), (uint8_t*)near_end(1)), F);
  CHECK(sentinel_intact());
  CHECK_ERRNO(__wasi_clock_res_get(__WASI_CLOCKID_MONOTONIC, FAR), F);
  CHECK_ERRNO(__wasi_clock_time_get(__WASI_CLOCKID_REALTIME, 1, near_end(4)), F);
  CHECK(sentinel_intact());
  CHECK_ERRNO(__wasi_random_get(FAR, 16), F);
  CHECK_ERRNO(__wasi_random_get(near_end(8), 9), F);
  CHECK(sentinel_intact());
  CHECK_ERRNO(__wasi_random_get(near_end(8), 8), __WASI_ERRNO_SUCCESS); /* exactly up to the end is fine */

  /* fd_*: iovec arrays, the buffers they point to, and result pointers. */
  __wasi_ciovec_t bad_buf = {FAR, 4};
  CHECK_ERRNO(__wasi_fd_write(1, &bad_buf, 1, &n), F);
  CHECK_ERRNO(raw_fd_write(1, FARI, 1, (int32_t)(uintptr_t)&n), F);
  __wasi_ciovec_t ok_buf = {(const uint8_t*)"x", 1};
  CHECK_ERRNO(__wasi_fd_write(2, &ok_buf, 1, FAR), F);
  __wasi_fd_t f;
  CHECK_ERRNO(wasi_open(dir, "file", 0, __WASI_OFLAGS_CREAT, RIGHTS_RW, 0, &f), __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(__wasi_fd_write(f, &ok_buf, 1, &n), __WASI_ERRNO_SUCCESS);
  __wasi_iovec_t rd = {near_end(4), 16};
  CHECK_ERRNO(__wasi_fd_pread(f, &rd, 1, 0, &n), F);
  CHECK(sentinel_intact());
  __wasi_filestat_t st;
  CHECK_ERRNO(__wasi_fd_filestat_get(f, FAR), F);
  CHECK_ERRNO(__wasi_fd_filestat_get(f, near_end(32)), F);
  CHECK(sentinel_intact());
  CHECK_ERRNO(__wasi_fd_fdstat_get(f, near_end(16)), F);
  CHECK(sentinel_intact());
  CHECK_ERRNO(__wasi_fd_seek(f, 0, __WASI_WHENCE_SET, FAR), F);
  CHECK_ERRNO(__wasi_fd_tell(f, near_end(4)), F);
  CHECK(sentinel_intact());
  CHECK_ERRNO(__wasi_fd_filestat_get(f, &st), __WASI_ERRNO_SUCCESS);
  CHECK(st.size == 1); /* the failed calls wrote nothing to the file either */
  CHECK_ERRNO(__wasi_fd_prestat_get(dir, FAR), F);
  CHECK_ERRNO(__wasi_fd_prestat_dir_name(dir, near_end(4), 8), F);
  CHECK(sentinel_intact());
  CHECK_ERRNO(__wasi_fd_readdir(dir, near_end(8), 64, 0, &n), F);
  CHECK(sentinel_intact());
  CHECK_ERRNO(__wasi_fd_readdir(dir, (uint8_t*)envp, sizeof envp, 0, FAR), F);

  /* path_*: the path string, the result buffers. */
  CHECK_ERRNO(raw_path_create_directory(dir, FARI, 4), F);
  CHECK_ERRNO(raw_path_create_directory(dir, (int32_t)(uintptr_t)near_end(2), 4), F);
  CHECK_ERRNO(raw_path_open(dir, 0, FARI, 4, __WASI_OFLAGS_CREAT, 0, 0, 0, (int32_t)(uintptr_t)&f), F);
  CHECK_ERRNO(raw_path_open(dir, 0, (int32_t)(uintptr_t)"file", 4, 0, 0, 0, 0, FARI), F);
  CHECK_ERRNO(raw_path_filestat_get(dir, 0, (int32_t)(uintptr_t)"file", 4, (int32_t)(uintptr_t)near_end(8)), F);
  CHECK(sentinel_intact());
  CHECK_ERRNO(raw_path_symlink(FARI, 4, dir, (int32_t)(uintptr_t)"link", 4), F);
  CHECK_ERRNO(raw_path_symlink((int32_t)(uintptr_t)"file", 4, dir, FARI, 4), F);
  CHECK_ERRNO(raw_path_symlink((int32_t)(uintptr_t)"file", 4, dir, (int32_t)(uintptr_t)"link", 4),
              __WASI_ERRNO_SUCCESS);
  CHECK_ERRNO(raw_path_readlink(dir, (int32_t)(uintptr_t)"link", 4, (int32_t)(uintptr_t)near_end(2), 4,
                                (int32_t)(uintptr_t)&n),
              F);
  CHECK(sentinel_intact());
  CHECK_ERRNO(raw_path_readlink(dir, (int32_t)(uintptr_t)"link", 4, (int32_t)(uintptr_t)envp, 4, FARI), F);
  CHECK_ERRNO(raw_path_rename(dir, FARI, 4, dir, (int32_t)(uintptr_t)"x", 1), F);
  CHECK_ERRNO(raw_path_unlink_file(dir, FARI, 1), F);
  CHECK_ERRNO(raw_path_unlink_file(dir, (int32_t)(uintptr_t)"link", 4), __WASI_ERRNO_SUCCESS);
  /* Nothing was created by the failed calls: only `file` is there. */
  CHECK_ERRNO(__wasi_path_filestat_get(dir, 0, "file", &st), __WASI_ERRNO_SUCCESS);

  /* poll_oneoff: subscriptions, events, nevents. */
  __wasi_subscription_t sub;
  memset(&sub, 0, sizeof sub);
  sub.u.tag = __WASI_EVENTTYPE_CLOCK;
  sub.u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
  __wasi_event_t ev;
  CHECK_ERRNO(__wasi_poll_oneoff(FAR, &ev, 1, &n), F);
  CHECK_ERRNO(__wasi_poll_oneoff(&sub, near_end(16), 1, &n), F);
  CHECK(sentinel_intact());
  CHECK_ERRNO(__wasi_poll_oneoff(&sub, &ev, 1, FAR), F);
  CHECK_ERRNO(__wasi_poll_oneoff(&sub, &ev, 1, &n), __WASI_ERRNO_SUCCESS);
  CHECK(n == 1);
  DONE();
}
