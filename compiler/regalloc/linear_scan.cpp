// compiler/regalloc/linear_scan.cpp — live intervals (hulls of precise live positions on the layout order)
// and linear scan per register class. Spill choice: the interval with the lowest weight per unit of
// length among the active ones and the new one, weight = sum over references of 10^loopDepth (loop depth
// from back edges in the layout, which keeps loop bodies contiguous). A vreg whose save/restore cost
// around the calls it crosses exceeds its weight stays in memory. Also records the vregs live across each
// call-like instruction and at function entry.
#include <algorithm>
#include <cmath>

#include "regalloc/regalloc.h"

namespace wasmc::regalloc {

void blockSuccessors(const ir::Function& f, uint32_t block, std::vector<uint32_t>& out);

namespace {
inline bool testBit(const std::vector<uint64_t>& s, uint32_t v) { return (s[v >> 6] >> (v & 63)) & 1; }
inline void setBit(std::vector<uint64_t>& s, uint32_t v) { s[v >> 6] |= uint64_t(1) << (v & 63); }
inline void clearBit(std::vector<uint64_t>& s, uint32_t v) { s[v >> 6] &= ~(uint64_t(1) << (v & 63)); }
}  // namespace

Allocation allocateRegisters(const ir::Function& f, const wasm::Module& m, const MachineEnv& env,
                             const std::vector<int16_t>* regHints) {
  Allocation A;
  Liveness L = computeLiveness(f, m);
  const uint32_t nv = L.numVregs;
  A.reg.assign(nv, Allocation::kSpilled);
  A.intervals.resize(nv);
  for (uint32_t v = 0; v < nv; ++v) {
    A.intervals[v].vreg = v;
    A.intervals[v].start = UINT32_MAX;
    A.intervals[v].end = 0;
  }

  // Loop depth: a branch from layout position i to j <= i closes a loop over [j, i].
  std::vector<uint32_t> layoutPos(f.blocks.size(), UINT32_MAX);
  for (uint32_t i = 0; i < f.layout.size(); ++i) layoutPos[f.layout[i]] = i;
  std::vector<uint32_t> depthByPos(f.layout.size(), 0);
  std::vector<uint32_t> succ;
  for (uint32_t i = 0; i < f.layout.size(); ++i) {
    blockSuccessors(f, f.layout[i], succ);
    std::sort(succ.begin(), succ.end());
    succ.erase(std::unique(succ.begin(), succ.end()), succ.end());
    for (uint32_t s : succ)
      if (layoutPos[s] <= i)
        for (uint32_t k = layoutPos[s]; k <= i; ++k) ++depthByPos[k];
  }
  A.loopDepth.assign(f.blocks.size(), 0);
  for (uint32_t i = 0; i < f.layout.size(); ++i) A.loopDepth[f.layout[i]] = uint8_t(std::min<uint32_t>(depthByPos[i], 8));

  auto extend = [&](uint32_t v, uint32_t p) {
    Interval& iv = A.intervals[v];
    iv.start = std::min(iv.start, p);
    iv.end = std::max(iv.end, p);
  };
  std::vector<SlotUse> uses, defs;
  struct CopyHint { uint32_t def, use, usePos; };
  std::vector<double> callCost(nv, 0.0);  // save/restore cost if the vreg lives in a register
  std::vector<CopyHint> copyHints;
  uint32_t pos = 2;  // position 0/1: the prologue (parameters defined)
  size_t words = L.liveIn.empty() ? 1 : L.liveIn[0].size();
  std::vector<uint64_t> live(words);
  for (uint32_t li = 0; li < f.layout.size(); ++li) {
    uint32_t b = f.layout[li];
    const auto& insts = f.blocks[b].insts;
    uint32_t bstart = pos, bend = pos + 2 * uint32_t(insts.size()) - 1;
    if (insts.empty()) bend = pos;
    double w = std::pow(10.0, A.loopDepth[b]);
    forEachSetBit(L.liveIn[b], nv, [&](uint32_t v) { extend(v, b == f.layout[0] ? 0 : bstart); });
    forEachSetBit(L.liveOut[b], nv, [&](uint32_t v) { extend(v, bend); });
    for (uint32_t k = 0; k < insts.size(); ++k) {
      instSlots(f, m, insts[k], uses, defs);
      for (const SlotUse& u : uses) {
        uint32_t v = vregOf(u.slot, kindOf(u.type));
        extend(v, pos + 2 * k);
        A.intervals[v].weight += w;
        A.intervals[v].used = true;
      }
      if (!defs.empty() && insts[k].a.isSlot() && !uses.empty() && uses[0].slot == insts[k].a.index() &&
          kindOf(uses[0].type) == kindOf(defs[0].type))
        copyHints.push_back({vregOf(defs[0].slot, kindOf(defs[0].type)), vregOf(uses[0].slot, kindOf(uses[0].type)),
                             pos + 2 * k});
      for (const SlotUse& d : defs) {
        uint32_t v = vregOf(d.slot, kindOf(d.type));
        extend(v, pos + 2 * k + 1);
        A.intervals[v].weight += w;
        A.intervals[v].used = true;
      }
    }
    // Precise liveness backwards through the block: live-across sets of call-like instructions.
    live = L.liveOut[b];
    for (uint32_t k = uint32_t(insts.size()); k-- > 0;) {
      instSlots(f, m, insts[k], uses, defs);
      for (const SlotUse& d : defs) clearBit(live, vregOf(d.slot, kindOf(d.type)));
      if (isCallLike(insts[k])) {
        std::vector<uint32_t>& across = A.liveAcrossCall[Allocation::key(b, k)];
        forEachSetBit(live, nv, [&](uint32_t v) {
          across.push_back(v);  // filtered to register vregs below
          callCost[v] += 2 * w;  // a store before and a load after the call
        });
      }
      for (const SlotUse& u : uses) setBit(live, vregOf(u.slot, kindOf(u.type)));
    }
    pos += 2 * std::max<uint32_t>(1, uint32_t(insts.size()));
  }
  if (!f.layout.empty())
    for (uint32_t v = 0; v < nv; ++v)
      if (testBit(L.liveIn[f.layout[0]], v)) A.liveAtEntry.push_back(v);

  // A def prefers the register of its first operand when that operand's interval ends at this use.
  std::vector<int64_t> hintVreg(nv, -1);
  for (const CopyHint& h : copyHints)
    if (A.intervals[h.use].end == h.usePos && A.intervals[h.def].start == h.usePos + 1) hintVreg[h.def] = h.use;

  // Linear scan per class.
  for (unsigned cls = 0; cls < codegen::kNumRegClasses; ++cls) {
    std::vector<uint32_t> order;
    for (uint32_t v = 0; v < nv; ++v)
      if (A.intervals[v].start <= A.intervals[v].end && unsigned(classOf(vregKind(v))) == cls) order.push_back(v);
    std::sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
      return A.intervals[x].start != A.intervals[y].start ? A.intervals[x].start < A.intervals[y].start : x < y;
    });
    const std::vector<uint8_t>& regs = env.allocatable[cls];
    std::vector<uint8_t> freeRegs(regs.rbegin(), regs.rend());  // back = first preference
    std::vector<uint32_t> active;
    for (uint32_t v : order) {
      const Interval& iv = A.intervals[v];
      for (size_t k = 0; k < active.size();) {
        if (A.intervals[active[k]].end < iv.start) {
          freeRegs.push_back(uint8_t(A.reg[active[k]]));
          active.erase(active.begin() + long(k));
        } else {
          ++k;
        }
      }
      // Crossing calls costs more than the register saves on its references: leave it in memory.
      if (callCost[v] > iv.weight) {
        ++A.numSpilled;
        continue;
      }
      if (!freeRegs.empty()) {
        int wanted = -1;
        if (hintVreg[v] >= 0 && A.reg[size_t(hintVreg[v])] != Allocation::kSpilled) wanted = A.reg[size_t(hintVreg[v])];
        else if (regHints && v < regHints->size() && (*regHints)[v] >= 0) wanted = (*regHints)[v];
        auto it = std::find(freeRegs.begin(), freeRegs.end(), uint8_t(wanted));
        if (wanted < 0 || it == freeRegs.end()) it = freeRegs.end() - 1;
        A.reg[v] = *it;
        freeRegs.erase(it);
        active.push_back(v);
        continue;
      }
      // Spill the cheapest (per unit of length, so long low-use intervals go first).
      auto cost = [&](uint32_t x) {
        const Interval& i = A.intervals[x];
        return i.weight / double(i.end - i.start + 1);
      };
      size_t victim = active.size();
      double best = cost(v);
      for (size_t k = 0; k < active.size(); ++k)
        if (cost(active[k]) < best) {
          best = cost(active[k]);
          victim = k;
        }
      if (victim == active.size()) {
        ++A.numSpilled;
        continue;
      }
      uint32_t x = active[victim];
      A.reg[v] = A.reg[x];
      A.reg[x] = Allocation::kSpilled;
      ++A.numSpilled;
      active[victim] = v;
    }
  }
  for (auto& [k, vs] : A.liveAcrossCall)
    vs.erase(std::remove_if(vs.begin(), vs.end(), [&](uint32_t v) { return A.reg[v] == Allocation::kSpilled; }),
             vs.end());
  return A;
}

}  // namespace wasmc::regalloc
