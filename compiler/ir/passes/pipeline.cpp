// compiler/ir/passes/pipeline.cpp — the passes by level, on one screen: -O0 none; -O1 (JIT default) one
// round of fold → merge → copy propagation, then one sweep of dead definitions; -O2 (`wasmc build`/`compile`) adds local
// CSE and repeats the rounds (≤ 3) while they change something. Invariant: the IR stays verifiable.
#include "ir/passes/passes.h"

namespace wasmc::ir {

void runPasses(Function& f, const wasm::Module& m, uint8_t level, PassStats* stats) {
  if (level == 0) return;
  const int rounds = level == 1 ? 1 : 3;
  for (int round = 0; round < rounds; ++round) {
    uint32_t changed = foldConstants(f, m, stats);
    if (uint32_t merged = mergeBlocks(f, stats)) changed += merged + foldConstants(f, m, stats);
    changed += propagateCopies(f, m, stats);
    if (level >= 2) changed += eliminateCommonSubexpressions(f, m, stats);  // its copies: next round
    if (changed == 0) break;
  }
  removeDeadDefs(f, m, stats, level == 1 ? 1 : 4);  // -O1: one sweep (JIT compile latency)
}

}  // namespace wasmc::ir
