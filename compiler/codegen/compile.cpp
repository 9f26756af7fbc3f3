// compiler/codegen/compile.cpp — the code-generation pipeline for one function, on one screen:
// lower to IR → remove empty blocks → IR passes of CodegenOptions::optLevel → verify → allocate registers
// (optionally check) → select x86_64 instructions → finish the buffer (labels resolved, relocations and
// trap sites sorted).
#include "codegen/compile.h"

#include <algorithm>

#include "codegen/x86_64/isel.h"
#include "ir/ir.h"
#include "ir/passes/passes.h"
#include "regalloc/regalloc.h"

namespace wasmc::codegen {

Expected<CompiledFunction> compileFunction(const wasm::ValidatedModule& vm, uint32_t definedIndex,
                                           const CodegenOptions& opts) {
  const wasm::Module& m = vm.module();
  if (definedIndex >= m.functions.size()) return Error::plain("codegen: no such defined function");
  ir::Function f = ir::lowerFunction(vm, definedIndex);
  ir::removeEmptyBlocks(f);
  ir::runPasses(f, m, opts.optLevel);
  if (opts.optLevel >= 1) regalloc::splitWebs(f, m);  // one slot per web: tight intervals
  if (Status s = ir::verify(f); !s.ok()) return s.takeError();
  const MachineEnv& env = x64::machineEnv();
  // Parameters prefer their incoming registers (no move in the prologue when they get them).
  std::vector<int16_t> hints(size_t(f.numSlots) * regalloc::kNumVKinds, -1);
  {
    x64::CallConv cc = x64::internalConvention(*f.type);
    uint32_t s = 0;
    for (size_t i = 0; i < f.type->params.size(); ++i) {
      if (cc.params[i].inReg) hints[regalloc::vregOf(s, regalloc::kindOf(f.type->params[i]))] = cc.params[i].reg;
      s += ir::slotsOf(f.type->params[i]);
    }
  }
  regalloc::Allocation ra = regalloc::allocateRegisters(f, m, env, &hints);
  if (opts.verifyRegalloc)
    if (Status s = regalloc::checkAllocation(f, m, env, ra); !s.ok()) return s.takeError();
  CodeBuffer buf;
  x64::Isel isel(vm, f, ra, opts, buf);
  if (Status s = isel.run(); !s.ok()) return s.takeError();
  Expected<CompiledFunction> out = buf.finish();
  if (!out.ok()) return out;
  auto& cf = out.value();
  std::sort(cf.relocs.begin(), cf.relocs.end(), [](const Reloc& a, const Reloc& b) { return a.offset < b.offset; });
  std::stable_sort(cf.trapSites.begin(), cf.trapSites.end(),
                   [](const TrapSite& a, const TrapSite& b) { return a.codeOffset < b.codeOffset; });
  return out;
}

}  // namespace wasmc::codegen
