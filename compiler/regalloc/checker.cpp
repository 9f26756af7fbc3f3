// compiler/regalloc/checker.cpp — an allocation checker independent of the interval construction: walks
// every block backwards with precise liveness and verifies, at every instruction, that the vregs live
// after it plus the ones it writes occupy pairwise different registers, and that each assigned register
// is allocatable in the vreg's class.
#include <algorithm>
#include <string>

#include "regalloc/regalloc.h"

namespace wasmc::regalloc {

Status checkAllocation(const ir::Function& f, const wasm::Module& m, const MachineEnv& env, const Allocation& a) {
  Liveness L = computeLiveness(f, m);
  for (uint32_t v = 0; v < L.numVregs && v < a.reg.size(); ++v) {
    if (a.reg[v] == Allocation::kSpilled) continue;
    const auto& regs = env.allocatable[unsigned(classOf(vregKind(v)))];
    if (std::find(regs.begin(), regs.end(), uint8_t(a.reg[v])) == regs.end())
      return Error::plain("regalloc: vreg " + std::to_string(v) + " got non-allocatable register " +
                   std::to_string(a.reg[v]));
  }
  std::vector<SlotUse> uses, defs;
  std::vector<int64_t> owner[codegen::kNumRegClasses];
  auto check = [&](const std::vector<uint64_t>& live, const std::vector<uint32_t>& extra, uint32_t b,
                   uint32_t k) -> Status {
    for (auto& o : owner) o.assign(32, -1);
    auto claim = [&](uint32_t v) -> Status {
      if (a.reg[v] == Allocation::kSpilled) return {};
      int64_t& slot = owner[unsigned(classOf(vregKind(v)))][uint8_t(a.reg[v]) & 31];
      if (slot >= 0 && slot != int64_t(v))
        return Error::plain("regalloc: vregs " + std::to_string(slot) + " and " + std::to_string(v) +
                     " share register " + std::to_string(a.reg[v]) + " at block " + std::to_string(b) +
                     " inst " + std::to_string(k));
      slot = v;
      return {};
    };
    for (uint32_t v = 0; v < L.numVregs; ++v)
      if (L.test(live, v))
        if (Status s = claim(v); !s.ok()) return s;
    for (uint32_t v : extra)
      if (Status s = claim(v); !s.ok()) return s;
    return {};
  };
  std::vector<uint32_t> extra;
  for (uint32_t b : f.layout) {
    std::vector<uint64_t> live = L.liveOut[b];
    const auto& insts = f.blocks[b].insts;
    for (uint32_t k = uint32_t(insts.size()); k-- > 0;) {
      instSlots(f, m, insts[k], uses, defs);
      extra.clear();
      for (const SlotUse& d : defs) extra.push_back(vregOf(d.slot, kindOf(d.type)));
      if (Status s = check(live, extra, b, k); !s.ok()) return s;
      for (const SlotUse& d : defs) {
        uint32_t v = vregOf(d.slot, kindOf(d.type));
        live[v >> 6] &= ~(uint64_t(1) << (v & 63));
      }
      for (const SlotUse& u : uses) {
        uint32_t v = vregOf(u.slot, kindOf(u.type));
        live[v >> 6] |= uint64_t(1) << (v & 63);
      }
    }
    extra.clear();
    if (Status s = check(live, extra, b, 0); !s.ok()) return s;
  }
  return {};
}

}  // namespace wasmc::regalloc
