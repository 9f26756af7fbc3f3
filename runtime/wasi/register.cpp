// runtime/wasi/register.cpp — addWasi: one host function per wasi_functions.def line, defined in a
// Linker under "wasi_snapshot_preview1". Kept apart from the dispatcher so code that only calls
// callWasi (unit tests) does not need a Store.
#include "runtime/wasi/wasi_internal.h"

namespace wasmc::wasi {

void addWasi(rt::Store& store, rt::Linker& linker, WasiContext& ctx) {
  for (uint32_t i = 0; i < kNumWasiFuncs; ++i) {
    WasiFunc f = WasiFunc(i);
    WasiContext* c = &ctx;
    rt::HostFunc fn = [f, c](rt::HostCallContext& hc, std::span<const rt::Value> args,
                             std::span<rt::Value> results) {
      return callWasi(f, *c, hc.memory, args, results);
    };
    std::string name = wasiFuncInfo(f).name;
    rt::FuncInst* inst = store.createHostFunc(wasiFuncType(f), std::move(fn), name, c);
    linker.define(kWasiModule, name, rt::Extern{rt::ExternKind::Func, inst});
  }
}

}  // namespace wasmc::wasi
