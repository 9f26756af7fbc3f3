// runtime/core/report.h — what `wasmc run` and built executables print and parse at their edges: values
// given on a command line (--invoke arguments) and results printed one per line, and the report of a trap
// (one `wasmc: error: NAME: trap: MESSAGE` line plus a backtrace) with the exit status it implies.
// One implementation so that a module behaves the same under `wasmc run` and as a built executable.
#pragma once
#include <string>
#include <string_view>

#include "runtime/core/runtime.h"
#include "wasm/module.h"

namespace wasmc::rt {

constexpr int kTrapExitStatus = 134;  // as a native program killed by SIGABRT

// Parses `text` as a value of type `t` (i32/i64: signed or unsigned decimal; f32/f64: decimal float).
// Returns false for malformed text and for types that have no command-line form (v128, references).
bool parseValue(const std::string& text, ValType t, Value& out);

// One line of text per value: integers signed decimal, floats shortest round-trip ("nan", "-inf"), v128 as
// "v128:" + 32 hex digits, references "null" or "ref:0x...".
std::string formatValue(const Value& v);

// Prints the trap to stderr (after flushing stdout) and returns the exit status: proc_exit's status as is
// (with one line naming the signal for proc_raise, whose message starts with `raisedPrefix`), otherwise
// kTrapExitStatus after the message and the backtrace (at most 20 innermost + 5 outermost frames; frames
// without a name take it from `mod`'s name section when given).
int reportTrap(const std::string& name, const Trap& t, const wasm::Module* mod, std::string_view raisedPrefix);

}  // namespace wasmc::rt
