// compiler/object/llvm/lld_link.cpp — part of libwasmc_llvm.so: lld's ELF driver (lld::elf::link from
// liblld-14) run in a forked child of this process: no exec and no second load of LLVM, but each link
// starts from pristine lld state. lld 14 leaks state between in-process links (a PIE link changes the
// bytes of the next shared-object link; a later link then crashed in free()), and it reports fatal errors
// by exiting: in a child, both stay harmless. Invariant: the caller's process state is never touched by
// lld; the child's diagnostics come back through a pipe, its exit status says whether the link succeeded.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include "object/child_output.h"

#ifdef WASMC_HAVE_LLD
#include "lld/Common/Driver.h"
#include "llvm/Support/raw_ostream.h"
#endif

namespace wasmc::object {

#ifdef WASMC_HAVE_LLD

bool haveLld() { return true; }

bool linkElf(const std::vector<std::string>& argv, std::string& output) {
  std::vector<const char*> args;
  args.reserve(argv.size());
  for (const std::string& a : argv) args.push_back(a.c_str());
  output.clear();
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) {
    output = std::string("error: pipe: ") + std::strerror(errno);
    return false;
  }
  pid_t pid = fork();
  if (pid < 0) {
    output = std::string("error: fork: ") + std::strerror(errno);
    close(fds[0]);
    close(fds[1]);
    return false;
  }
  if (pid == 0) {
    // The child: default signal actions (the caller may have a trap handler installed), lld, _exit.
    for (int sig : {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT}) signal(sig, SIG_DFL);
    close(fds[0]);
    bool ok = false;
    {
      llvm::raw_fd_ostream out(fds[1], /*shouldClose=*/false);
      ok = lld::elf::link(args, out, out, /*exitEarly=*/true, /*disableOutput=*/false);
      out.flush();
    }
    _exit(ok ? 0 : 1);  // not exit(): the parent's atexit handlers and stdio buffers are not ours to run
  }
  close(fds[1]);
  std::string err;
  int status = drainAndReap(fds[0], pid, output, err);
  if (status < 0) {
    output += "error: " + err + "\n";
    return false;
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return true;
  if (WIFSIGNALED(status)) output += "error: lld killed by signal " + std::to_string(WTERMSIG(status)) + "\n";
  else if (output.empty()) output = "error: lld exit status " + std::to_string(WEXITSTATUS(status)) + "\n";
  return false;
}

#else

bool haveLld() { return false; }

bool linkElf(const std::vector<std::string>&, std::string& output) {
  output = "error: built without liblld";
  return false;
}

#endif

}  // namespace wasmc::object
