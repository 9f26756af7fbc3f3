// compiler/object/linker.cpp — builds the ld.lld command line for each target/output kind and runs it:
// in this process through the LLVM back end's lld (libwasmc_llvm.so) when it has one and no ld.lld binary
// was asked for, else as a subprocess (posix_spawn, lld's combined output captured through a pipe).
// Invariant: never goes through a shell; the first "error:" line of lld's output is what a failure reports.
#include "object/linker.h"

#include "object/backend.h"
#include "object/child_output.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

extern char** environ;

#ifndef WASMC_LLD_PATH
#define WASMC_LLD_PATH "/usr/bin/ld.lld-14"
#endif
#ifndef WASMC_X86_64_LIBC_DIR
#define WASMC_X86_64_LIBC_DIR "/usr/lib/x86_64-linux-gnu"
#endif
#ifndef WASMC_X86_64_GCC_DIR
#define WASMC_X86_64_GCC_DIR "/usr/lib/gcc/x86_64-linux-gnu/12"
#endif
#ifndef WASMC_AARCH64_LIBC_DIR
#define WASMC_AARCH64_LIBC_DIR "/usr/aarch64-linux-gnu/lib"
#endif
#ifndef WASMC_AARCH64_GCC_DIR
#define WASMC_AARCH64_GCC_DIR "/usr/lib/gcc-cross/aarch64-linux-gnu/12"
#endif

namespace wasmc::object {

namespace {

struct TargetFacts {
  const char* emulation;
  const char* dynamicLinker;
  const char* libcDir;
  const char* gccDir;
};

TargetFacts factsFor(Target t) {
  switch (t) {
    case Target::X86_64:
      return {"elf_x86_64", "/lib64/ld-linux-x86-64.so.2", WASMC_X86_64_LIBC_DIR, WASMC_X86_64_GCC_DIR};
    case Target::AArch64:
      return {"aarch64linux", "/lib/ld-linux-aarch64.so.1", WASMC_AARCH64_LIBC_DIR, WASMC_AARCH64_GCC_DIR};
  }
  return {"", "", "", ""};
}

std::string shellQuote(const std::string& s) {
  bool plain = !s.empty();
  for (char c : s) {
    if (!(isalnum(static_cast<unsigned char>(c)) || std::strchr("-_./=:,+@%", c))) plain = false;
  }
  if (plain) return s;
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else out.push_back(c);
  }
  return out + "'";
}

std::string firstErrorLine(const std::string& output) {
  size_t pos = 0;
  std::string first;
  while (pos < output.size()) {
    size_t end = output.find('\n', pos);
    if (end == std::string::npos) end = output.size();
    std::string line = output.substr(pos, end - pos);
    if (first.empty() && !line.empty()) first = line;
    if (line.find("error:") != std::string::npos) return line;
    pos = end + 1;
  }
  return first;
}

}  // namespace

std::string defaultLldPath() { return WASMC_LLD_PATH; }

// lld in this process, unless a binary was named; null when the back end has no lld (then: subprocess).
const LlvmBackend* inProcessLld(const LinkOptions& o) {
  if (!o.lldPath.empty()) return nullptr;
  Expected<const LlvmBackend*> b = llvmBackend();
  return b && (*b)->linkElf ? *b : nullptr;
}

std::vector<std::string> linkCommand(const LinkOptions& o) {
  TargetFacts f = factsFor(o.target);
  std::string libc = o.libcDir.empty() ? f.libcDir : o.libcDir;
  std::string gcc = o.gccDir.empty() ? f.gccDir : o.gccDir;
  std::vector<std::string> a;
  a.push_back(o.lldPath.empty() ? defaultLldPath() : o.lldPath);
  switch (o.output) {
    case LinkOutput::SharedObject:
      a.insert(a.end(), {"-shared", "--hash-style=gnu", "--build-id", "--eh-frame-hdr", "-m", f.emulation,
                         "-o", o.outputPath});
      a.insert(a.end(), o.inputs.begin(), o.inputs.end());
      a.insert(a.end(), o.extraArgs.begin(), o.extraArgs.end());
      break;
    case LinkOutput::Executable:
      a.insert(a.end(), {"-pie", "--hash-style=gnu", "--build-id", "--eh-frame-hdr", "-m", f.emulation,
                         "-dynamic-linker", f.dynamicLinker, "-o", o.outputPath, libc + "/Scrt1.o", libc + "/crti.o",
                         gcc + "/crtbeginS.o", "-L" + gcc, "-L" + libc});
      a.insert(a.end(), o.inputs.begin(), o.inputs.end());
      a.insert(a.end(), o.extraArgs.begin(), o.extraArgs.end());
      a.insert(a.end(), {"-lc", gcc + "/crtendS.o", libc + "/crtn.o"});
      break;
    case LinkOutput::StaticExecutable:
      a.insert(a.end(), {"-static", "--build-id", "--eh-frame-hdr", "-m", f.emulation, "-o", o.outputPath,
                         libc + "/crt1.o", libc + "/crti.o", gcc + "/crtbeginT.o", "-L" + gcc, "-L" + libc});
      a.insert(a.end(), o.inputs.begin(), o.inputs.end());
      a.insert(a.end(), o.extraArgs.begin(), o.extraArgs.end());
      a.insert(a.end(), {"--start-group", "-lgcc", "-lgcc_eh", "-lc", "--end-group", gcc + "/crtend.o",
                         libc + "/crtn.o"});
      break;
  }
  return a;
}

Status link(const LinkOptions& o) {
  if (o.outputPath.empty()) return Error::plain("link: no output path");
  if (o.inputs.empty()) return Error::plain("link: no input files");
  std::vector<std::string> args = linkCommand(o);
  const LlvmBackend* lld = inProcessLld(o);
  if (o.onCommand) {
    std::string line;
    if (lld) line = std::string("[") + lld->linkerName + ", " + llvmBackendPath() + "]";
    for (const std::string& s : args) {
      if (!line.empty()) line.push_back(' ');
      line += shellQuote(s);
    }
    o.onCommand(line);
  }
  if (lld) {
    std::string output;
    if (lld->linkElf(args, output)) return Status::success();
    std::string why = firstErrorLine(output);
    return Error::plain("link failed: " + (why.empty() ? std::string("lld reported no reason") : why));
  }
  std::vector<char*> argv;
  for (std::string& s : args) argv.push_back(s.data());
  argv.push_back(nullptr);

  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return Error::plain(std::string("link: pipe: ") + std::strerror(errno));
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
  posix_spawn_file_actions_adddup2(&fa, fds[1], 2);
  pid_t pid = 0;
  int rc = posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  close(fds[1]);
  if (rc != 0) {
    close(fds[0]);
    return Error::plain("link: cannot run " + args[0] + ": " + std::strerror(rc));
  }
  std::string output, err;
  int status = drainAndReap(fds[0], pid, output, err);
  if (status < 0) return Error::plain("link: " + err);
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return Status::success();
  std::string why = firstErrorLine(output);
  if (why.empty()) {
    why = WIFEXITED(status) ? "exit status " + std::to_string(WEXITSTATUS(status))
                            : "killed by signal " + std::to_string(WTERMSIG(status));
  }
  return Error::plain("link failed: " + why);
}

}  // namespace wasmc::object
