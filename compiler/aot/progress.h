// compiler/aot/progress.h — the terminal progress line of `wasmc build`/`wasmc compile`:
// `wasmc: compiling 12345/60000 functions (41%)`, rewritten in place with \r and erased when a pass ends.
// Invariant: nothing is ever written when the stream is not a terminal.
#pragma once
#include <cstdint>
#include <cstdio>
#include <functional>

namespace wasmc::aot {

// A reporter for AotOptions::onProgress writing to `out`, or an empty function if `out` is not a terminal.
std::function<void(uint32_t done, uint32_t total)> terminalProgress(std::FILE* out);

}  // namespace wasmc::aot
