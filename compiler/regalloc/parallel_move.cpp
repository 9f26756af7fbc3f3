// compiler/regalloc/parallel_move.cpp — sequentialises parallel moves (see parallel_move.h): memory
// destinations first, then register destinations in dependency order; a blocked set of register moves is
// a union of cycles, broken by copying one blocked destination into the class scratch register.
#include "regalloc/parallel_move.h"

namespace wasmc::regalloc {

void resolveParallelMoves(std::vector<ParallelMove> moves, const uint8_t scratch[codegen::kNumRegClasses],
                          const MoveEmitFn& emit) {
  std::vector<ParallelMove> pending;
  for (const ParallelMove& m : moves)
    if (!m.dst.sameAs(m.src)) pending.push_back(m);
  // Phase 1: memory destinations (their sources are still intact).
  for (size_t i = 0; i < pending.size();) {
    if (pending[i].dst.kind == MoveLoc::Kind::Mem) {
      emit(pending[i].dst, pending[i].src, pending[i].type);
      pending.erase(pending.begin() + long(i));
    } else {
      ++i;
    }
  }
  // Phase 2: register destinations.
  auto isReadByOther = [&](size_t i) {
    for (size_t j = 0; j < pending.size(); ++j)
      if (j != i && pending[j].src.sameAs(pending[i].dst)) return true;
    return false;
  };
  while (!pending.empty()) {
    bool progress = false;
    for (size_t i = 0; i < pending.size(); ++i) {
      if (!isReadByOther(i)) {
        emit(pending[i].dst, pending[i].src, pending[i].type);
        pending.erase(pending.begin() + long(i));
        progress = true;
        break;
      }
    }
    if (progress) continue;
    // Every remaining destination is read by another move: cycles. Free the first destination.
    const MoveLoc d = pending[0].dst;
    MoveLoc tmp = MoveLoc::inReg(d.cls, scratch[unsigned(d.cls)]);
    wasm::ValType t = pending[0].type;
    for (const ParallelMove& m : pending)
      if (m.src.sameAs(d)) t = m.type;
    emit(tmp, d, t);
    for (ParallelMove& m : pending)
      if (m.src.sameAs(d)) m.src = tmp;
  }
}

}  // namespace wasmc::regalloc
