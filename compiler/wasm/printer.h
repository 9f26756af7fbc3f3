// compiler/wasm/printer.h — Wasm operators and function bodies in the text format's flat syntax, for
// diagnostics and dumps: "i32.load offset=8 align=1", "br_table 0 1 2", "f64.const 0x1.8p+1".
// Reads bodies through InstrReader only; prints what was decoded, valid or not.
#pragma once
#include <cstdint>
#include <string>

#include "support/diag.h"
#include "wasm/module.h"
#include "wasm/walker.h"

namespace wasmc::wasm {

// One operator with its immediates (no trailing newline).
std::string printInstr(const Instr& in);

// The body of defined function `definedIndex` (0-based among module.functions), one operator per line,
// indented two spaces per open block; the function's own final `end` is not printed. Fails with the
// InstrReader's error when the body does not decode.
Expected<std::string> printFunctionBody(const Module& module, uint32_t definedIndex);

}  // namespace wasmc::wasm
