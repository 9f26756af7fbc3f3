// compiler/ir/passes/passes.h — the optimisation passes over the slot IR (one file each) and the pipeline
// that runs them by level. Invariant: a pass never changes what a function computes, traps on or calls;
// each returns how many instructions/operands it changed (tests and reports count its effect).
#pragma once
#include <cstdint>
#include <vector>

#include "ir/ir.h"
#include "wasm/module.h"

namespace wasmc::ir {

// A run of consecutive slots an instruction reads or writes (a v128 value is one run of 2 slots).
struct SlotRun {
  uint32_t slot;
  uint32_t n;
};

// Slots read (`uses`) and written (`defs`) by `in`, including the implicit arguments/results of calls and
// the results of `ret`. Exact: a slot not listed is neither read nor written.
void slotEffects(const Function& f, const wasm::Module& m, const Inst& in, std::vector<SlotRun>& uses,
                 std::vector<SlotRun>& defs);
// The one run of slots `in` writes (n == 0 when it writes none): its dst, or a call's results.
SlotRun defRun(const Function& f, const wasm::Module& m, const Inst& in);
// True when removing `in` is unobservable once its result is dead: no trap, no memory/global/table write,
// no call. (Loads and trapping arithmetic are not: they may trap.)
bool isPure(const Inst& in);
// Constant-pool index of (type, bits), adding the entry when it is new.
uint32_t internConst(Function& f, ValType t, uint64_t lo, uint64_t hi = 0);

struct PassStats {
  uint32_t constOperands = 0;    // slot operands replaced by a known constant (fold_constants)
  uint32_t folded = 0;           // instructions evaluated at compile time (fold_constants)
  uint32_t identities = 0;       // x+0, x*1, x&0 ... rewritten to a move (fold_constants)
  uint32_t branchesFolded = 0;   // conditional branches / jump tables on a constant (fold_constants)
  uint32_t copiesPropagated = 0; // operands reading a copy's source instead of the copy (copy_propagation)
  uint32_t deadRemoved = 0;      // pure instructions whose result nobody reads (dead_defs)
  uint32_t cseRemoved = 0;       // recomputations of a value already in a slot (local_cse)
  uint32_t blocksMerged = 0;     // blocks appended to their only predecessor (merge_blocks)
};

// Local constant propagation + folding through compiler/wasm/semantics.h, algebraic identities, and
// conditional branches on constants turned into jumps (blocks no longer reached leave the layout).
uint32_t foldConstants(Function& f, const wasm::Module& m, PassStats* stats = nullptr);
// Appends each block whose only predecessor jumps to it unconditionally to that predecessor.
uint32_t mergeBlocks(Function& f, PassStats* stats = nullptr);
// Within a block, reads of `d` after `d = mov s` read `s` (until either is written again).
uint32_t propagateCopies(Function& f, const wasm::Module& m, PassStats* stats = nullptr);
// Removes pure instructions whose destination is not live afterwards (global liveness over slots).
// Sweeps (each a liveness computation) repeat while they remove something, at most `maxSweeps` times:
// chains within a block go in one sweep, a chain across blocks needs one sweep per block it crosses.
uint32_t removeDeadDefs(Function& f, const wasm::Module& m, PassStats* stats = nullptr, int maxSweeps = 4);
// Within a block, a pure instruction recomputing a value already held by a slot becomes a copy of it.
uint32_t eliminateCommonSubexpressions(Function& f, const wasm::Module& m, PassStats* stats = nullptr);

// The pipeline for `level` (0, 1, 2; higher levels act as 2). Runs after lowering + removeEmptyBlocks.
void runPasses(Function& f, const wasm::Module& m, uint8_t level, PassStats* stats = nullptr);

}  // namespace wasmc::ir
