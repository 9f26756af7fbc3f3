// runtime/interp/handlers.h — handler ids of the threaded code: every IR op (same value as ir::Op) plus
// interpreter-only variants chosen by the encoder (by operand type or callee kind).
#pragma once
#include <cstdint>

#include "ir/ir.h"

namespace wasmc::rt::interp {

enum Extra : uint16_t {
  kHSelectV128 = ir::kNumOps,
  kHGlobalGetV128,
  kHGlobalSetV128,
  kHCallImport,
  kHNumHandlers,
};

// The dispatch table of the interpreter loop (label addresses), indexed by handler id.
const void* const* handlerTable();

}  // namespace wasmc::rt::interp
