// compiler/object/linker.h — links objects with ld.lld (LLVM 14) run as a subprocess: a shared object
// (for dlopen, e.g. the spec runner's AOT mode) or a PIE executable with the C runtime start files.
// Invariants: the command is fully determined by LinkOptions (no environment lookups); on failure the
// error is one line carrying lld's first "error:" line.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "object/object_writer.h"
#include "support/diag.h"

namespace wasmc::object {

// StaticExecutable: `-static` (not PIE) with crt1.o/crtbeginT.o and the static C library (wasmc build --static).
enum class LinkOutput : uint8_t { SharedObject, Executable, StaticExecutable };

struct LinkOptions {
  Target target = Target::X86_64;
  LinkOutput output = LinkOutput::SharedObject;
  std::vector<std::string> inputs;  // objects and archives, in order
  std::string outputPath;
  std::vector<std::string> extraArgs;  // appended after the inputs (e.g. -L, -l, -z options)
  // Overrides (empty = the configured defaults): the ld.lld binary, and for executables the directories
  // holding crt1-style files (Scrt1.o, crti.o, crtn.o) and the compiler's crtbeginS.o/crtendS.o.
  std::string lldPath;
  std::string libcDir;
  std::string gccDir;
  // Called with the command line (shell-quoted) before running it: the driver's -v.
  std::function<void(const std::string&)> onCommand;
};

// The argv that link() runs (argv[0] is the ld.lld path).
std::vector<std::string> linkCommand(const LinkOptions& options);

// The ld.lld found at configure time.
std::string defaultLldPath();

Status link(const LinkOptions& options);

}  // namespace wasmc::object
