// runtime/wasi/wasi.h — WASI preview1 ("wasi_snapshot_preview1") for any rt::Store: a WasiContext
// (args, environment, fd table with preopened directories) and the host functions registered into
// an rt::Linker. Invariants: a guest can reach only the preopened directories (paths are resolved
// beneath them with openat2(RESOLVE_BENEATH)); every guest pointer is bounds-checked (EFAULT).
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/core/runtime.h"
#include "support/diag.h"

namespace wasmc::wasi {

enum class WasiFunc : uint8_t {
#define WASMC_WASI_FUNC(name, params, results) name,
#include "runtime/wasi/wasi_functions.def"
#undef WASMC_WASI_FUNC
};

inline constexpr uint32_t kNumWasiFuncs = 0
#define WASMC_WASI_FUNC(name, params, results) +1
#include "runtime/wasi/wasi_functions.def"
#undef WASMC_WASI_FUNC
    ;

struct WasiFuncInfo {
  const char* name;
  const char* params;   // 'i' = i32, 'I' = i64
  const char* results;  // "i" (errno) or "" (proc_exit)
};
const WasiFuncInfo& wasiFuncInfo(WasiFunc f);
std::optional<WasiFunc> lookupWasiFunc(std::string_view name);
wasm::FuncType wasiFuncType(WasiFunc f);

inline constexpr const char* kWasiModule = "wasi_snapshot_preview1";

// proc_raise ends a program with an Exit trap (status 128 + signal) whose message is this prefix and
// the signal's name ("terminated by SIGTERM"); proc_exit's message never starts with it.
inline constexpr std::string_view kRaisedPrefix = "terminated by ";

struct WasiOptions {
  std::vector<std::string> args;  // argv, argv[0] first
  std::vector<std::string> env;   // "KEY=VALUE"
  struct Preopen {
    std::string hostPath;
    std::string guestPath;
  };
  std::vector<Preopen> preopens;  // become fds 3, 4, ... in order
  int stdinFd = 0;                // host fds behind guest fds 0/1/2 (not closed by the context)
  int stdoutFd = 1;
  int stderrFd = 2;
};

struct FdEntry;

// All WASI state of one running program. Not thread-safe; one per instance.
class WasiContext {
 public:
  // Opens the preopened directories; fails with a message naming the directory when one cannot be opened.
  static Expected<std::unique_ptr<WasiContext>> create(WasiOptions opts);
  ~WasiContext();
  WasiContext(const WasiContext&) = delete;
  WasiContext& operator=(const WasiContext&) = delete;

  const WasiOptions& options() const { return opts_; }

  // The fd table (index = guest fd); null entries are free.
  std::vector<std::unique_ptr<FdEntry>>& fds() { return fds_; }

 private:
  explicit WasiContext(WasiOptions opts);
  WasiOptions opts_;
  std::vector<std::unique_ptr<FdEntry>> fds_;
};

// Calls one WASI function as the guest would: `args`/`results` as in the function's signature,
// `memory` the caller's memory 0 (may be null: every pointer argument then gives EFAULT).
// Returns a trap only for proc_exit (TrapCode::Exit with exitCode) and proc_raise.
rt::ExecResult callWasi(WasiFunc f, WasiContext& ctx, rt::MemoryInst* memory,
                        std::span<const rt::Value> args, std::span<rt::Value> results);

// Registers all 46 preview1 functions under module "wasi_snapshot_preview1". `ctx` must outlive the store's use.
void addWasi(rt::Store& store, rt::Linker& linker, WasiContext& ctx);

}  // namespace wasmc::wasi
