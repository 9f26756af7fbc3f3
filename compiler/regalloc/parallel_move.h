// compiler/regalloc/parallel_move.h — the one parallel-move resolver: turns a set of simultaneous moves
// (registers, frame locations, constants) into a sequence, breaking register cycles with one scratch
// register per class. Used for parameters in the prologue, call arguments and results, and returns.
// Invariants: every destination receives the value its source held before any move; moves to memory
// are emitted first (they cannot clobber a register source); a cycle never needs more than the scratch.
#pragma once
#include <cstdint>
#include <functional>
#include <vector>

#include "codegen/target.h"
#include "wasm/types.h"

namespace wasmc::regalloc {

struct MoveLoc {
  enum class Kind : uint8_t { Reg, Mem, Const };
  Kind kind = Kind::Reg;
  codegen::RegClass cls = codegen::RegClass::Gpr;
  uint8_t reg = 0;       // Reg: hardware number; Mem: base register
  int32_t disp = 0;      // Mem: displacement from `reg`
  uint64_t bits[2] = {0, 0};  // Const: the value
  static MoveLoc inReg(codegen::RegClass c, uint8_t r) { MoveLoc l; l.cls = c; l.reg = r; return l; }
  static MoveLoc inMem(uint8_t base, int32_t disp) { MoveLoc l; l.kind = Kind::Mem; l.reg = base; l.disp = disp; return l; }
  static MoveLoc constant(uint64_t lo, uint64_t hi = 0) {
    MoveLoc l; l.kind = Kind::Const; l.bits[0] = lo; l.bits[1] = hi; return l;
  }
  bool sameAs(const MoveLoc& o) const {
    if (kind != o.kind) return false;
    if (kind == Kind::Reg) return cls == o.cls && reg == o.reg;
    if (kind == Kind::Mem) return reg == o.reg && disp == o.disp;
    return false;
  }
};

struct ParallelMove {
  MoveLoc dst, src;
  wasm::ValType type = wasm::ValType::I64;  // decides the width of memory accesses
};

// Emits one move; `dst` and `src` never are both memory-and-memory without the emitter handling it
// through its own temporary (the resolver only asks for that in the memory-destination phase).
using MoveEmitFn = std::function<void(const MoveLoc& dst, const MoveLoc& src, wasm::ValType type)>;

// scratch[cls] is the register used to break cycles in that class.
void resolveParallelMoves(std::vector<ParallelMove> moves, const uint8_t scratch[codegen::kNumRegClasses],
                          const MoveEmitFn& emit);

}  // namespace wasmc::regalloc
