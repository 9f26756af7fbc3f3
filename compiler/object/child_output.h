// compiler/object/child_output.h — the parent's half of running a linker in a child process (the ld.lld
// subprocess in linker.cpp, the forked in-process lld in llvm/lld_link.cpp): read the child's combined
// output to EOF, then reap it. Header-only: the LLVM back end library and wasmc_object both use it.
#pragma once
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace wasmc::object {

// Appends everything readable from `fd` to `output`, closes `fd`, waits for `pid`. Returns the wait
// status, or -1 with `error` set when waitpid fails.
inline int drainAndReap(int fd, pid_t pid, std::string& output, std::string& error) {
  char buf[4096];
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    output.append(buf, static_cast<size_t>(n));
  }
  close(fd);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      error = std::string("waitpid: ") + std::strerror(errno);
      return -1;
    }
  }
  return status;
}

}  // namespace wasmc::object
