// runtime/aot/engine.h — the engine of ExecMode::Aot: the JIT engine (runtime/jit: VMContext
// construction, host calls, interpreter fallback, entry under sigsetjmp) whose "compiler" hands out the
// code an AOT object already holds (EngineOptions::aotCode) instead of generating it.
// Invariant: nothing here compiles a wasm function; only trampolines absent from the objects are generated.
#pragma once
#include <memory>

#include "runtime/jit/engine.h"

namespace wasmc::rt::aot {

// A function slot's code: `jmp [rip+0]; .quad target` (14 bytes; no register is touched, so it forwards
// any internal-convention call, stack arguments included).
codegen::CompiledFunction jumpThunk(const void* target);

std::unique_ptr<jit::Engine> makeAotEngine(Store& store, interp::Thread& thread);

}  // namespace wasmc::rt::aot
