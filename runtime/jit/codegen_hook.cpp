// runtime/jit/codegen_hook.cpp — the one place where the JIT names the code generator it uses. Until
// codegen::compileFunction (compiler/codegen/compile.h) exists, the hook is empty and every function runs
// in the interpreter through the fallback trampoline (counted in JitStats::fallbacks, shown with -v).
#include "runtime/jit/engine.h"

namespace wasmc::rt::jit {

CompileHook defaultCompileHook() { return {}; }

}  // namespace wasmc::rt::jit
