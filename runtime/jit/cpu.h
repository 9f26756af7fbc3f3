// runtime/jit/cpu.h — does this host run the code our x86_64 generator emits? The baseline it assumes is
// SSE4.2 (pcmpgtq), POPCNT, LZCNT and BMI1 (tzcnt): on an older CPU lzcnt/tzcnt silently execute as
// bsr/bsf and give wrong results, so JIT and AOT stores fall back to the interpreter there instead, as they
// do on every other architecture (ARM64: docs/aarch64.md) until it has a code generator.
#pragma once
#include <string>

namespace wasmc::rt::jit {

// True when the host has every feature generated code uses; otherwise false and `why` says what is
// missing ("this CPU lacks lzcnt bmi1"; on a non-x86_64 host: no code generator for it yet).
bool hostRunsGeneratedCode(std::string* why = nullptr);

// True on an x86_64 host whose CPU and OS support AVX (the VEX forms of `--cpu=native`); false elsewhere.
bool hostHasAvx();

}  // namespace wasmc::rt::jit
