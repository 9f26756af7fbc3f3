// runtime/jit/cpu.h — does this host run the code our x86_64 generator emits? The baseline it assumes is
// SSE4.2 (pcmpgtq), POPCNT, LZCNT and BMI1 (tzcnt): on an older CPU lzcnt/tzcnt silently execute as
// bsr/bsf and give wrong results, so JIT and AOT stores fall back to the interpreter there instead.
#pragma once
#include <string>

namespace wasmc::rt::jit {

// True when the host has every feature generated code uses; otherwise false and `missing` names them.
bool hostRunsGeneratedCode(std::string* missing = nullptr);

}  // namespace wasmc::rt::jit
