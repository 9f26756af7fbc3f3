// runtime/aot/engine.cpp — ExecMode::Aot on top of the JIT engine: each function slot gets a 14-byte jump
// to the function's code in the loaded object (so the JIT's instantiation, host calls, funcrefs and
// trap handling serve AOT code unchanged); direct calls inside the object skip the jump. Functions the
// object lacks run in the interpreter, counted by the JIT engine's fallback statistics.
#include "runtime/aot/engine.h"

#include "codegen/x86_64/assembler.h"

namespace wasmc::rt::aot {

codegen::CompiledFunction jumpThunk(const void* target) {
  // jmp qword ptr [rip + 0]; .quad target — reaches any address without a scratch register.
  codegen::CodeBuffer buf;
  codegen::x64::Assembler a(buf);
  codegen::Label slot = buf.newLabel();
  a.jmp_m(codegen::x64::Mem::rip(slot));
  buf.bind(slot);
  buf.emit64(reinterpret_cast<uint64_t>(target));
  Expected<codegen::CompiledFunction> cf = buf.finish();
  return cf ? std::move(*cf) : codegen::CompiledFunction{};
}

std::unique_ptr<jit::Engine> makeAotEngine(Store& store, interp::Thread& thread) {
  const EngineOptions& o = store.options();
  auto code = o.aotCode;
  auto tramp = o.aotTrampoline;
  jit::CompileHook compile = [code](const wasm::ValidatedModule& vm,
                                    uint32_t d) -> Expected<codegen::CompiledFunction> {
    const void* p = code ? code(vm, d) : nullptr;
    if (!p) return Error::plain("aot: the loaded object has no code for this function");
    return jumpThunk(p);
  };
  auto trampolineHook = [tramp](bool entry) -> jit::TrampolineHook {
    jit::TrampolineHook fallback = entry ? jit::defaultEntryTrampolineHook() : jit::defaultHostTrampolineHook();
    return [tramp, entry, fallback](const FuncType& t) -> Expected<codegen::CompiledFunction> {
      if (tramp)
        if (const void* p = tramp(t, entry)) return jumpThunk(p);
      return fallback(t);
    };
  };
  return std::make_unique<jit::Engine>(store, thread, std::move(compile), trampolineHook(true), trampolineHook(false));
}

}  // namespace wasmc::rt::aot
