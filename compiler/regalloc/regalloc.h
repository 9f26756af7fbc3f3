// compiler/regalloc/regalloc.h — register allocation over the slot IR: liveness per virtual register
// ((slot, kind) pairs, see operands.h), one live interval per vreg on the layout order (the hull of its
// live positions; loops are contiguous in the lowering's layout so a loop-carried value covers its loop),
// and linear scan with spill weights scaled by 10^loop depth. A vreg gets one register for the whole
// function or none (then it lives in its frame home). Only a MachineEnv is seen: no target knowledge.
// Invariants (checked by checkAllocation): two vregs whose intervals overlap never share a register;
// only allocatable registers of the vreg's class are assigned.
#pragma once
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "codegen/target.h"
#include "regalloc/operands.h"
#include "support/diag.h"

namespace wasmc::regalloc {

using codegen::MachineEnv;
using codegen::RegClass;

inline RegClass classOf(VKind k) { return k == VKind::Int ? RegClass::Gpr : RegClass::Fpr; }

// Per-block live-in/live-out sets of vregs (dense bitsets, one bit per vreg id).
struct Liveness {
  uint32_t numVregs = 0;
  std::vector<std::vector<uint64_t>> liveIn, liveOut;  // indexed by block id
  bool test(const std::vector<uint64_t>& set, uint32_t v) const { return (set[v >> 6] >> (v & 63)) & 1; }
};
Liveness computeLiveness(const ir::Function& f, const wasm::Module& m);

// Calls fn(v) for each set bit v < nv of a liveness bitset, in increasing order.
template <class Fn>
void forEachSetBit(const std::vector<uint64_t>& set, uint32_t nv, Fn fn) {
  for (size_t w = 0; w < set.size(); ++w)
    for (uint64_t bits = set[w]; bits; bits &= bits - 1) {
      uint32_t v = uint32_t(w * 64 + uint32_t(__builtin_ctzll(bits)));
      if (v < nv) fn(v);
    }
}

struct Interval {
  uint32_t vreg = 0;
  uint32_t start = 0, end = 0;  // positions, inclusive (2 per instruction: use at 2i, def at 2i+1)
  double weight = 0;            // spill cost: sum of 10^loopDepth per reference
  bool used = false;            // referenced at all
};

struct Allocation {
  static constexpr int16_t kSpilled = -1;
  std::vector<int16_t> reg;          // per vreg id: hardware register number or kSpilled
  std::vector<Interval> intervals;   // per vreg id (start > end when the vreg never occurs)
  // Per call-like instruction (key: block << 32 | index): vregs in registers that are live after it and
  // not written by it — the isel saves them to their homes before and reloads them after.
  std::unordered_map<uint64_t, std::vector<uint32_t>> liveAcrossCall;
  // Vregs live on entry to the function (parameters and locals read before written: zero them).
  std::vector<uint32_t> liveAtEntry;
  std::vector<uint8_t> loopDepth;    // per block id
  uint32_t numSpilled = 0;
  static uint64_t key(uint32_t block, uint32_t index) { return (uint64_t(block) << 32) | index; }
};

// Gives each web of a vreg (definitions and the uses they reach, joined at control-flow merges) its own
// slot, so that intervals cover one value's lifetime, not the hull of every value a slot ever holds.
// Webs touching call/return slot ranges and webs live on entry keep their slots; the others after the
// first of each vreg move to fresh slots (numSlots grows). Returns the number of webs moved.
uint32_t splitWebs(ir::Function& f, const wasm::Module& m);

// `regHints` (optional, per vreg id, -1 = none): a register the target would like the vreg in (e.g. a
// parameter's incoming register), taken when free at the vreg's start. Independently, a def whose
// instruction's first operand dies there prefers that operand's register (saves the copy).
Allocation allocateRegisters(const ir::Function& f, const wasm::Module& m, const MachineEnv& env,
                             const std::vector<int16_t>* regHints = nullptr);

// Independent check of an allocation: recomputes interference from precise per-instruction liveness
// (not from the intervals) and verifies that no two simultaneously live vregs share a register and that
// every assigned register is allocatable for the vreg's class.
Status checkAllocation(const ir::Function& f, const wasm::Module& m, const MachineEnv& env, const Allocation& a);

}  // namespace wasmc::regalloc
