// compiler/codegen/x86_64/isel_control.cpp — branches (fall through to the next laid-out block, fused
// compare+jcc), jump tables (rip-relative table of 32-bit offsets), returns (parallel move into the
// result registers / caller area, shared epilogue), traps (ud2 at a trap site), Wasm calls (table or
// direct, call_indirect checks per docs/abi.md) and runtime-helper calls. Values live across a call are
// stored to their homes before it and reloaded after; r15/r14 are restored after calls that may switch
// instance.
#include "codegen/x86_64/isel.h"
#include "runtime/abi.h"

namespace wasmc::codegen::x64 {

using regalloc::MoveLoc;
using regalloc::ParallelMove;
using wasm::Opcode;

void Isel::saveLive(uint32_t block, uint32_t index) {
  auto it = ra_.liveAcrossCall.find(regalloc::Allocation::key(block, index));
  if (it == ra_.liveAcrossCall.end()) return;
  for (uint32_t v : it->second) {
    int16_t r = ra_.reg[v];
    uint32_t slot = regalloc::vregSlot(v);
    switch (regalloc::vregKind(v)) {
      case VKind::Int: a_.mov_mr(Width::W64, home(slot), gpr(unsigned(r))); break;
      case VKind::Flt: a_.movsd_mr(home(slot), xmm(unsigned(r))); break;
      case VKind::Vec: a_.movdqu_mr(home(slot), xmm(unsigned(r))); break;
    }
  }
}

void Isel::restoreLive(uint32_t block, uint32_t index) {
  auto it = ra_.liveAcrossCall.find(regalloc::Allocation::key(block, index));
  if (it == ra_.liveAcrossCall.end()) return;
  for (uint32_t v : it->second) {
    int16_t r = ra_.reg[v];
    uint32_t slot = regalloc::vregSlot(v);
    switch (regalloc::vregKind(v)) {
      case VKind::Int: a_.mov_rm(Width::W64, gpr(unsigned(r)), home(slot)); break;
      case VKind::Flt: a_.movsd_rm(xmm(unsigned(r)), home(slot)); break;
      case VKind::Vec: a_.movdqu_rm(xmm(unsigned(r)), home(slot)); break;
    }
  }
}

void Isel::callHelper(uint32_t helperId, const std::vector<std::pair<Operand, ValType>>& args,
                      const std::vector<uint64_t>& immArgsBefore, uint32_t block, uint32_t index) {
  saveLive(block, index);
  std::vector<ParallelMove> pm;
  unsigned n = 1;
  for (uint64_t imm : immArgsBefore)
    pm.push_back({MoveLoc::inReg(RegClass::Gpr, uint8_t(enc(kSysVArgRegs[n++]))), MoveLoc::constant(imm), ValType::I64});
  for (const auto& [o, t] : args)
    pm.push_back({MoveLoc::inReg(RegClass::Gpr, uint8_t(enc(kSysVArgRegs[n++]))), locOf(o, t), t});
  parallelMoves(std::move(pm), kTmp0);
  a_.mov_rr(Width::W64, kSysVArgRegs[0], kCtxReg);
  a_.call_helper(helperId);
  restoreLive(block, index);
}

Status Isel::selectCall(const Inst& in, uint32_t block, uint32_t index) {
  const wasm::Module& m = module();
  if (in.op != ir::Op::CallInd && in.op != ir::Op::CallFunc) return unsupported(in);
  const bool indirect = in.op == ir::Op::CallInd;
  const uint32_t idx = uint32_t(in.imm);
  const wasm::FuncType& ft = indirect ? m.types[idx] : m.funcType(idx);
  CallConv cc = internalConvention(ft);
  saveLive(block, index);
  if (indirect) {
    // rax = funcref after the checks: index < size, non-null, same canonical type.
    moveToGpr(kTmp3, in.b, ValType::I32);
    if (in.b.isSlot() && regOf(in.b.index(), VKind::Int) >= 0) a_.mov_rr(Width::W32, kTmp3, kTmp3);
    a_.mov_rm(Width::W64, kTmp0, Mem(kCtxReg, int32_t(offsetof(abi::VMContext, tables))));
    a_.mov_rm(Width::W64, kTmp0, Mem(kTmp0, int32_t(8 * in.imm2)));
    a_.cmp_rm(Width::W64, kTmp3, Mem(kTmp0, int32_t(offsetof(abi::VMTable, size))));
    a_.jcc_label(Cond::AE, trapStub(TrapCode::UndefinedElement, in.wasmOffset));
    a_.mov_rm(Width::W64, kTmp0, Mem(kTmp0, int32_t(offsetof(abi::VMTable, elems))));
    a_.mov_rm(Width::W64, kTmp0, Mem(kTmp0, kTmp3, 8, 0));
    a_.test_rr(Width::W64, kTmp0, kTmp0);
    a_.jcc_label(Cond::E, trapStub(TrapCode::UninitializedElement, in.wasmOffset));
    a_.mov_rm(Width::W64, kTmp3, Mem(kCtxReg, int32_t(offsetof(abi::VMContext, typeIds))));
    a_.mov_rm(Width::W32, kTmp3, Mem(kTmp3, int32_t(4 * idx)));
    a_.cmp_rm(Width::W32, kTmp3, Mem(kTmp0, int32_t(offsetof(abi::VMFuncRef, typeId))));
    a_.jcc_label(Cond::NE, trapStub(TrapCode::IndirectCallTypeMismatch, in.wasmOffset));
  }
  // Arguments (memory destinations first; r11 for memory-to-memory, rax untouched).
  std::vector<ParallelMove> pm;
  uint32_t s = in.a.none() ? 0 : in.a.index();
  for (size_t i = 0; i < ft.params.size(); ++i) {
    ValType t = ft.params[i];
    const ValueLoc& l = cc.params[i];
    MoveLoc dst = l.inReg ? MoveLoc::inReg(l.cls, l.reg) : MoveLoc::inMem(uint8_t(enc(Gpr::Rsp)), int32_t(l.offset));
    pm.push_back({dst, locOf(Operand::slot(s), t), t});
    s += ir::slotsOf(t);
  }
  std::vector<ParallelMove> pmArea;
  if (cc.hasResultArea) {
    // The area pointer is computed after the moves (lea cannot be a parallel-move source).
    if (!cc.resultArea.inReg) {
      a_.lea_rm(Width::W64, kTmp3, Mem(Gpr::Rbp, callAreaDisp_));
      a_.mov_mr(Width::W64, Mem(Gpr::Rsp, int32_t(cc.resultArea.offset)), kTmp3);
    }
  }
  parallelMoves(std::move(pm), kTmp3);
  if (cc.hasResultArea && cc.resultArea.inReg) a_.lea_rm(Width::W64, gpr(cc.resultArea.reg), Mem(Gpr::Rbp, callAreaDisp_));
  bool switchesCtx = true;
  // A defined function of this module runs with this instance's memory (memBase never moves, and a
  // callee that calls out restores r14 itself), so only r15 needs restoring: the slot may hold another
  // context (an interpreter-fallback host trampoline). Imports and call_indirect may enter another
  // instance with another memory: reload r14 too.
  bool sameMemory = false;
  if (indirect) {
    a_.mov_rm(Width::W64, kCtxReg, Mem(kTmp0, int32_t(offsetof(abi::VMFuncRef, ctx))));
    a_.call_m(Mem(kTmp0, int32_t(offsetof(abi::VMFuncRef, code))));
  } else if (opts_.calls == CallMode::Direct && idx >= m.numImportedFuncs) {
    a_.call_func(idx);
    switchesCtx = false;
  } else {
    a_.mov_rm(Width::W64, kTmp0, Mem(kCtxReg, int32_t(offsetof(abi::VMContext, funcs))));
    a_.mov_rm(Width::W64, kCtxReg, Mem(kTmp0, int32_t(24 * idx + offsetof(abi::VMFuncRef, ctx))));
    a_.call_m(Mem(kTmp0, int32_t(24 * idx + offsetof(abi::VMFuncRef, code))));
    sameMemory = idx >= m.numImportedFuncs;
  }
  if (switchesCtx) {
    a_.mov_rm(Width::W64, kCtxReg, Mem(Gpr::Rbp, kSavedCtxDisp));
    if (!sameMemory) a_.mov_rm(Width::W64, kMemReg, Mem(kCtxReg, 0));
  }
  // Results.
  pm.clear();
  s = in.a.none() ? 0 : in.a.index();
  for (size_t i = 0; i < ft.results.size(); ++i) {
    ValType t = ft.results[i];
    const ValueLoc& l = cc.results[i];
    MoveLoc src = l.inReg ? MoveLoc::inReg(l.cls, l.reg)
                          : MoveLoc::inMem(uint8_t(enc(Gpr::Rbp)), callAreaDisp_ + int32_t(l.offset));
    pm.push_back({locOf(Operand::slot(s), t), src, t});
    s += ir::slotsOf(t);
  }
  parallelMoves(std::move(pm), kTmp3);
  restoreLive(block, index);
  return {};
}

Status Isel::selectTerminator(const Inst& in, uint32_t next) {
  auto jumpTo = [&](uint32_t b) {
    if (b != next) a_.jmp_label(blockLabels_[b]);
  };
  // Conditional: jump to `target` when `c` holds, else `target2`.
  auto branch = [&](Cond c, uint32_t target, uint32_t target2) {
    if (target == next) {
      a_.jcc_label(invert(c), blockLabels_[target2]);
    } else {
      a_.jcc_label(c, blockLabels_[target]);
      jumpTo(target2);
    }
  };
  switch (in.op) {
    case ir::Op::Jump: jumpTo(in.target); return {};
    case ir::Op::JumpIf: case ir::Op::JumpUnless: {
      if (in.a.isConst()) {
        bool nz = uint32_t(constBits(in.a)) != 0;
        jumpTo((nz == (in.op == ir::Op::JumpIf)) ? in.target : in.target2);
        return {};
      }
      Gpr x = loadGpr(in.a, ValType::I32, kTmp0);
      a_.test_rr(Width::W32, x, x);
      branch(in.op == ir::Op::JumpIf ? Cond::NE : Cond::E, in.target, in.target2);
      return {};
    }
    case ir::Op::JumpTable: {
      const std::vector<uint32_t>& targets = f_.tables[uint32_t(in.imm)];
      uint32_t n = uint32_t(targets.size()) - 1;  // entries before the default
      moveToGpr(kTmp0, in.a, ValType::I32);
      if (in.a.isSlot() && regOf(in.a.index(), VKind::Int) >= 0) a_.mov_rr(Width::W32, kTmp0, kTmp0);
      a_.cmp_ri(Width::W32, kTmp0, int32_t(n));
      a_.jcc_label(Cond::AE, blockLabels_[targets.back()]);
      Label table = a_.newLabel();
      a_.lea_rm(Width::W64, kTmp1, Mem::rip(table));
      a_.movsxd_rm(kTmp0, Mem(kTmp1, kTmp0, 4, 0));
      a_.add_rr(Width::W64, kTmp0, kTmp1);
      a_.jmp_r(kTmp0);
      a_.align(4);
      bindLabel(table);
      for (uint32_t k = 0; k < n; ++k) a_.dd_labelRel(blockLabels_[targets[k]], int32_t(4 * k));
      return {};
    }
    case ir::Op::Ret: case ir::Op::Ret1: {
      CallConv cc = internalConvention(*f_.type);
      std::vector<ParallelMove> pm;
      if (in.op == ir::Op::Ret1) {
        const ValueLoc& l = cc.results[0];
        pm.push_back({MoveLoc::inReg(l.cls, l.reg), locOf(in.a, in.type), in.type});
      } else {
        uint32_t s = in.a.none() ? 0 : in.a.index();
        if (cc.hasResultArea) a_.mov_rm(Width::W64, kTmp3, Mem(Gpr::Rbp, kResultAreaDisp));
        for (size_t i = 0; i < f_.type->results.size(); ++i) {
          ValType t = f_.type->results[i];
          const ValueLoc& l = cc.results[i];
          MoveLoc dst = l.inReg ? MoveLoc::inReg(l.cls, l.reg) : MoveLoc::inMem(uint8_t(enc(kTmp3)), int32_t(l.offset));
          pm.push_back({dst, locOf(Operand::slot(s), t), t});
          s += ir::slotsOf(t);
        }
      }
      // Memory-to-memory through rcx (not a result register; r11 holds the area).
      parallelMoves(std::move(pm), kTmp1);
      emitEpilogue();
      return {};
    }
    case ir::Op::Trap:
      a_.trapSite(TrapCode(in.imm), in.wasmOffset);
      a_.ud2();
      return {};
    default: break;
  }
  if (ir::opForm(in.op) == ir::OpForm::FusedCmp) {
    bool jumpIfTrue = true;
    Opcode cmp = ir::fusedCompareOf(in.op, &jumpIfTrue);
    const wasm::SigInfo& sig = wasm::sigInfo(wasm::opcodeInfo(cmp).sig);
    if (wasm::opcodeInfo(cmp).prefix != 0 || sig.numResults != 1 || sig.result != ValType::I32 ||
        (sig.params[0] != ValType::I32 && sig.params[0] != ValType::I64) || cmp < Opcode::I32Eqz || cmp > Opcode::I64GeU)
      return unsupported(in, "fused compare is not an integer compare");
    Cond c = intCompare(cmp, in.a, in.b);
    if (!jumpIfTrue) c = invert(c);
    branch(c, in.target, in.target2);
    return {};
  }
  return unsupported(in);
}

}  // namespace wasmc::codegen::x64
