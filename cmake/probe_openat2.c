/* cmake/probe_openat2.c — exits 0 when openat2(2) works where this program runs (try_run; cross builds run
   it under CMAKE_CROSSCOMPILING_EMULATOR). qemu-user 7.2 answers ENOSYS: WASI path resolution needs it. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
  struct open_how how = {0};
  how.flags = O_PATH | O_DIRECTORY | O_CLOEXEC;
  how.resolve = RESOLVE_BENEATH;
  long fd = syscall(SYS_openat2, AT_FDCWD, ".", &how, sizeof how);
  return fd >= 0 ? 0 : 1;
}
