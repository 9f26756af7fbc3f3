// compiler/codegen/x86_64/isel.cpp — the x86_64 selector's driver: frame layout, prologue (frame,
// stack-limit check, pinned registers, parameters, zeroed locals), blocks in layout order with a
// dispatch per operator family, out-of-line trap stubs; and the location helpers every family uses.
// Frame: [rbp-8] own VMContext*, [rbp-16] caller's result area, then the slot homes (16-aligned base),
// the result area for callees, and the outgoing stack arguments at [rsp].
#include "codegen/x86_64/isel.h"

#include <algorithm>
#include <cstring>

namespace wasmc::codegen::x64 {

using regalloc::MoveLoc;
using regalloc::ParallelMove;

Isel::Isel(const wasm::ValidatedModule& vm, const ir::Function& f, const regalloc::Allocation& ra,
           const CodegenOptions& opts, CodeBuffer& buf)
    : a_(buf), buf_(buf), vm_(vm), f_(f), ra_(ra), opts_(opts) {
  for (size_t v = 0; v < ra_.reg.size(); ++v)
    if (regalloc::vregKind(uint32_t(v)) == VKind::Int && ra_.reg[v] == int16_t(enc(kTmp2))) rdxAllocated_ = true;
}

Status Isel::unsupported(const Inst& in, const char* why) {
  return Error::at(in.wasmOffset, std::string("codegen: ") + ir::opName(in.op) + ": " + why);
}

Label Isel::trapStub(TrapCode code, uint32_t wasmOffset) {
  auto key = std::make_pair(uint32_t(code), wasmOffset);
  auto it = stubs_.find(key);
  if (it != stubs_.end()) return it->second;
  Label l = a_.newLabel();
  stubs_.emplace(key, l);
  return l;
}

// ---- integer locations ----
Gpr Isel::loadGpr(const Operand& o, ValType t, Gpr tmp) {
  if (o.isSlot()) {
    int16_t r = regOf(o.index(), VKind::Int);
    if (r >= 0) return gpr(unsigned(r));
  }
  moveToGpr(tmp, o, t);
  return tmp;
}

void Isel::moveToGpr(Gpr dst, const Operand& o, ValType t) {
  if (o.isConst()) {
    uint64_t v = constBits(o);
    if (t == ValType::I32 || t == ValType::F32) a_.mov_ri(Width::W32, dst, int64_t(uint32_t(v)));
    else a_.mov_ri(Width::W64, dst, int64_t(v));
    return;
  }
  int16_t r = regOf(o.index(), VKind::Int);
  if (r >= 0) {
    if (gpr(unsigned(r)) != dst) a_.mov_rr(Width::W64, dst, gpr(unsigned(r)));
    return;
  }
  Gpr f;
  if (forwarded(o, &f)) {
    if (f != dst) a_.mov_rr(Width::W64, dst, f);
    return;
  }
  a_.mov_rm(widthOf(t), dst, home(o.index()));
}

Gpr Isel::dstGpr(uint32_t slot, Gpr tmp) const {
  int16_t r = regOf(slot, VKind::Int);
  return r >= 0 ? gpr(unsigned(r)) : tmp;
}

void Isel::defGpr(uint32_t slot, ValType t, Gpr r) {
  int16_t d = regOf(slot, VKind::Int);
  if (d >= 0) {
    if (gpr(unsigned(d)) != r) a_.mov_rr(Width::W64, gpr(unsigned(d)), r);
    return;
  }
  a_.mov_mr(widthOf(t), home(slot), r);
  fwd_.valid = true;
  fwd_.slot = slot;
  fwd_.reg = r;
  fwd_.end = buf_.size();
}

void Isel::alu(AluOp op, Width w, Gpr dst, const Operand& src, ValType t) {
  auto rr = [&](Gpr s) {
    switch (op) {
      case AluOp::Add: a_.add_rr(w, dst, s); return;
      case AluOp::Or: a_.or_rr(w, dst, s); return;
      case AluOp::And: a_.and_rr(w, dst, s); return;
      case AluOp::Sub: a_.sub_rr(w, dst, s); return;
      case AluOp::Xor: a_.xor_rr(w, dst, s); return;
      case AluOp::Cmp: a_.cmp_rr(w, dst, s); return;
    }
  };
  auto ri = [&](int32_t imm) {
    switch (op) {
      case AluOp::Add: a_.add_ri(w, dst, imm); return;
      case AluOp::Or: a_.or_ri(w, dst, imm); return;
      case AluOp::And: a_.and_ri(w, dst, imm); return;
      case AluOp::Sub: a_.sub_ri(w, dst, imm); return;
      case AluOp::Xor: a_.xor_ri(w, dst, imm); return;
      case AluOp::Cmp: a_.cmp_ri(w, dst, imm); return;
    }
  };
  auto rm = [&](const Mem& m) {
    switch (op) {
      case AluOp::Add: a_.add_rm(w, dst, m); return;
      case AluOp::Or: a_.or_rm(w, dst, m); return;
      case AluOp::And: a_.and_rm(w, dst, m); return;
      case AluOp::Sub: a_.sub_rm(w, dst, m); return;
      case AluOp::Xor: a_.xor_rm(w, dst, m); return;
      case AluOp::Cmp: a_.cmp_rm(w, dst, m); return;
    }
  };
  if (src.isConst()) {
    uint64_t v = constBits(src);
    if (w == Width::W32) {
      ri(int32_t(uint32_t(v)));
      return;
    }
    if (int64_t(v) == int64_t(int32_t(v))) {
      ri(int32_t(v));
      return;
    }
    Gpr tmp = dst == kTmp3 ? kTmp1 : kTmp3;
    a_.mov_ri(Width::W64, tmp, int64_t(v));
    rr(tmp);
    return;
  }
  int16_t r = regOf(src.index(), VKind::Int);
  Gpr f;
  if (r >= 0) rr(gpr(unsigned(r)));
  else if (forwarded(src, &f)) rr(f);
  else rm(home(src.index()));
  (void)t;
}

// ---- float/vector locations ----
Mem Isel::constMem(const ir::Const& c, ValType t) {
  if (t == ValType::V128) return a_.const128(c.bits);
  if (t == ValType::F32) return a_.const32(uint32_t(c.bits[0]));
  return a_.const64(c.bits[0]);
}

void Isel::moveToXmm(Xmm dst, const Operand& o, ValType t) {
  if (o.isConst()) {
    const ir::Const& c = constOf(o);
    if (c.bits[0] == 0 && (t != ValType::V128 || c.bits[1] == 0)) {
      a_.xorps_rr(dst, dst);
      return;
    }
    Mem m = constMem(c, t);
    if (t == ValType::F32) a_.movss_rm(dst, m);
    else if (t == ValType::F64) a_.movsd_rm(dst, m);
    else a_.movdqa_rm(dst, m);
    return;
  }
  int16_t r = regOf(o.index(), regalloc::kindOf(t));
  if (r >= 0) {
    if (xmm(unsigned(r)) != dst) a_.movaps_rr(dst, xmm(unsigned(r)));
    return;
  }
  if (t == ValType::F32) a_.movss_rm(dst, home(o.index()));
  else if (t == ValType::F64) a_.movsd_rm(dst, home(o.index()));
  else a_.movdqu_rm(dst, home(o.index()));
}

Xmm Isel::loadXmm(const Operand& o, ValType t, Xmm tmp) {
  if (o.isSlot()) {
    int16_t r = regOf(o.index(), regalloc::kindOf(t));
    if (r >= 0) return xmm(unsigned(r));
  }
  moveToXmm(tmp, o, t);
  return tmp;
}

Xmm Isel::dstXmm(uint32_t slot, ValType t, Xmm tmp) const {
  int16_t r = regOf(slot, regalloc::kindOf(t));
  return r >= 0 ? xmm(unsigned(r)) : tmp;
}

void Isel::defXmm(uint32_t slot, ValType t, Xmm r) {
  int16_t d = regOf(slot, regalloc::kindOf(t));
  if (d >= 0) {
    if (xmm(unsigned(d)) != r) a_.movaps_rr(xmm(unsigned(d)), r);
    return;
  }
  if (t == ValType::F32) a_.movss_mr(home(slot), r);
  else if (t == ValType::F64) a_.movsd_mr(home(slot), r);
  else a_.movdqu_mr(home(slot), r);
}

XSrc Isel::xsrc(const Operand& o, ValType t, Xmm tmpForVec) {
  XSrc s;
  if (o.isSlot()) {
    int16_t r = regOf(o.index(), regalloc::kindOf(t));
    if (r >= 0) {
      s.r = xmm(unsigned(r));
      return s;
    }
    if (t == ValType::V128) {  // homes are not 16-aligned: legacy SSE memory operands would fault
      moveToXmm(tmpForVec, o, t);
      s.r = tmpForVec;
      return s;
    }
    s.isReg = false;
    s.m = home(o.index());
    return s;
  }
  s.isReg = false;
  s.m = constMem(constOf(o), t);
  return s;
}

// ---- moves ----
MoveLoc Isel::locOf(const Operand& o, ValType t) const {
  if (o.isConst()) {
    const ir::Const& c = constOf(o);
    return MoveLoc::constant(c.bits[0], c.bits[1]);
  }
  VKind k = regalloc::kindOf(t);
  int16_t r = regOf(o.index(), k);
  if (r >= 0) return MoveLoc::inReg(regalloc::classOf(k), uint8_t(r));
  return MoveLoc::inMem(uint8_t(enc(Gpr::Rbp)), homeDisp(o.index()));
}

void Isel::emitMove(const MoveLoc& d, const MoveLoc& s, ValType t, Gpr memTmp) {
  const bool flt = t == ValType::F32 || t == ValType::F64 || t == ValType::V128;
  const Width w = widthOf(t);
  using K = MoveLoc::Kind;
  auto memOf = [](const MoveLoc& l) { return Mem(gpr(l.reg), l.disp); };
  if (d.kind == K::Reg && !flt) {
    Gpr dr = gpr(d.reg);
    if (s.kind == K::Reg) a_.mov_rr(Width::W64, dr, gpr(s.reg));
    else if (s.kind == K::Mem) a_.mov_rm(w, dr, memOf(s));
    else if (w == Width::W32) a_.mov_ri(Width::W32, dr, int64_t(uint32_t(s.bits[0])));
    else a_.mov_ri(Width::W64, dr, int64_t(s.bits[0]));
    return;
  }
  if (d.kind == K::Reg) {
    Xmm dr = xmm(d.reg);
    if (s.kind == K::Reg) {
      a_.movaps_rr(dr, xmm(s.reg));
    } else if (s.kind == K::Mem) {
      if (t == ValType::F32) a_.movss_rm(dr, memOf(s));
      else if (t == ValType::F64) a_.movsd_rm(dr, memOf(s));
      else a_.movdqu_rm(dr, memOf(s));
    } else {
      ir::Const c;
      c.type = t;
      c.bits[0] = s.bits[0];
      c.bits[1] = s.bits[1];
      if (c.bits[0] == 0 && c.bits[1] == 0) {
        a_.xorps_rr(dr, dr);
      } else {
        Mem m = constMem(c, t);
        if (t == ValType::F32) a_.movss_rm(dr, m);
        else if (t == ValType::F64) a_.movsd_rm(dr, m);
        else a_.movdqa_rm(dr, m);
      }
    }
    return;
  }
  // Memory destination.
  Mem dm = memOf(d);
  if (s.kind == K::Reg) {
    if (s.cls == RegClass::Gpr) {
      a_.mov_mr(w, dm, gpr(s.reg));
    } else if (t == ValType::F32) {
      a_.movss_mr(dm, xmm(s.reg));
    } else if (t == ValType::F64) {
      a_.movsd_mr(dm, xmm(s.reg));
    } else {
      a_.movdqu_mr(dm, xmm(s.reg));
    }
    return;
  }
  if (s.kind == K::Mem) {
    if (t == ValType::V128) {
      a_.movdqu_rm(kXTmp2, memOf(s));
      a_.movdqu_mr(dm, kXTmp2);
    } else {
      a_.mov_rm(w, memTmp, memOf(s));
      a_.mov_mr(w, dm, memTmp);
    }
    return;
  }
  auto store64 = [&](const Mem& m, uint64_t v) {
    if (int64_t(v) == int64_t(int32_t(v))) {
      a_.mov_mi(Width::W64, m, int32_t(v));
    } else {
      a_.mov_ri(Width::W64, memTmp, int64_t(v));
      a_.mov_mr(Width::W64, m, memTmp);
    }
  };
  if (w == Width::W32 && t != ValType::V128) {
    a_.mov_mi(Width::W32, dm, int32_t(uint32_t(s.bits[0])));
  } else if (t == ValType::V128) {
    store64(dm, s.bits[0]);
    Mem hi = dm;
    hi.disp += 8;
    store64(hi, s.bits[1]);
  } else {
    store64(dm, s.bits[0]);
  }
}

void Isel::parallelMoves(std::vector<ParallelMove> moves, Gpr memTmp) {
  const uint8_t scratch[2] = {uint8_t(enc(kTmp3)), uint8_t(enc(kXTmp2))};
  regalloc::resolveParallelMoves(std::move(moves), scratch,
                                 [&](const MoveLoc& d, const MoveLoc& s, ValType t) { emitMove(d, s, t, memTmp); });
}

// ---- driver ----
Status Isel::run() {
  const wasm::Module& m = module();
  // Frame layout.
  uint32_t outgoing = 0, callArea = 0;
  bool switchesCtx = false;  // some call may enter another instance: keep r15 at [rbp-8]
  for (uint32_t b : f_.layout)
    for (const Inst& in : f_.blocks[b].insts) {
      if (in.op == ir::Op::CallInd ||
          (in.op == ir::Op::CallFunc && (opts_.calls == CallMode::Table || in.imm < m.numImportedFuncs)))
        switchesCtx = true;
      if (in.op == ir::Op::CallFunc || in.op == ir::Op::CallInd) {
        const wasm::FuncType& ft = in.op == ir::Op::CallFunc ? m.funcType(uint32_t(in.imm)) : m.types[uint32_t(in.imm)];
        CallConv cc = internalConvention(ft);
        outgoing = std::max(outgoing, cc.stackBytes);
        callArea = std::max(callArea, cc.resultAreaBytes);
      }
    }
  // Homes only for the slots that need memory: a spilled vreg, or one saved around a call (a v128 takes
  // its slot and the next). Frames stay small when most values live in registers.
  {
    std::vector<uint8_t> need(size_t(f_.numSlots) + 1, 0);
    auto mark = [&](uint32_t v) {
      uint32_t slot = regalloc::vregSlot(v);
      need[slot] = 1;
      if (regalloc::vregKind(v) == VKind::Vec) need[slot + 1] = 1;
    };
    for (uint32_t v = 0; v < ra_.reg.size(); ++v)
      if (ra_.reg[v] == regalloc::Allocation::kSpilled && ra_.intervals[v].used) mark(v);
    for (const auto& [key, vs] : ra_.liveAcrossCall)
      for (uint32_t v : vs) mark(v);
    homeIndex_.assign(need.size(), -1);
    int32_t n = 0;
    for (size_t s = 0; s < need.size(); ++s)
      if (need[s]) homeIndex_[s] = n++;
    numHomes_ = uint32_t(n);
  }
  uint32_t homes = (8 * numHomes_ + 15) & ~15u;
  homesBase_ = -int32_t(16 + homes);
  callAreaDisp_ = homesBase_ - int32_t((callArea + 15) & ~15u);
  frameSize_ = 16 + homes + ((callArea + 15) & ~15u) + ((outgoing + 15) & ~15u);
  if (frameSize_ > (1u << 30)) return Error::plain("codegen: frame too large");

  // Prologue.
  a_.push_r(Gpr::Rbp);
  a_.mov_rr(Width::W64, Gpr::Rbp, Gpr::Rsp);
  a_.sub_ri(Width::W64, Gpr::Rsp, int32_t(frameSize_));
  a_.cmp_rm(Width::W64, Gpr::Rsp, Mem(kCtxReg, 16));
  a_.jcc_label(Cond::B, trapStub(TrapCode::CallStackExhausted, 0));
  if (switchesCtx) a_.mov_mr(Width::W64, Mem(Gpr::Rbp, kSavedCtxDisp), kCtxReg);
  a_.mov_rm(Width::W64, kMemReg, Mem(kCtxReg, 0));
  CallConv cc = internalConvention(*f_.type);
  std::vector<ParallelMove> pm;
  std::vector<uint8_t> isParam(ra_.reg.size(), 0), liveIn(ra_.reg.size(), 0);
  for (uint32_t v : ra_.liveAtEntry) liveIn[v] = 1;
  {
    uint32_t s = 0;
    for (size_t i = 0; i < f_.type->params.size(); ++i) {
      ValType t = f_.type->params[i];
      uint32_t v = regalloc::vregOf(s, regalloc::kindOf(t));
      isParam[v] = 1;
      if (!liveIn[v]) {  // never read before written: its register may belong to a live value
        s += ir::slotsOf(t);
        continue;
      }
      const ValueLoc& l = cc.params[i];
      MoveLoc src = l.inReg ? MoveLoc::inReg(l.cls, l.reg) : MoveLoc::inMem(uint8_t(enc(Gpr::Rbp)), int32_t(16 + l.offset));
      pm.push_back({locOf(Operand::slot(s), t), src, t});
      s += ir::slotsOf(t);
    }
  }
  if (cc.hasResultArea) {
    MoveLoc src = cc.resultArea.inReg ? MoveLoc::inReg(RegClass::Gpr, cc.resultArea.reg)
                                      : MoveLoc::inMem(uint8_t(enc(Gpr::Rbp)), int32_t(16 + cc.resultArea.offset));
    pm.push_back({MoveLoc::inMem(uint8_t(enc(Gpr::Rbp)), kResultAreaDisp), src, ValType::I64});
  }
  parallelMoves(std::move(pm), kTmp0);
  for (uint32_t v : ra_.liveAtEntry) {
    if (isParam[v]) continue;
    uint32_t slot = regalloc::vregSlot(v);
    VKind k = regalloc::vregKind(v);
    int16_t r = ra_.reg[v];
    if (k == VKind::Int) {
      if (r >= 0) a_.xor_rr(Width::W32, gpr(unsigned(r)), gpr(unsigned(r)));
      else a_.mov_mi(Width::W64, home(slot), 0);
    } else {
      if (r >= 0) {
        a_.xorps_rr(xmm(unsigned(r)), xmm(unsigned(r)));
      } else {
        a_.mov_mi(Width::W64, home(slot), 0);
        if (k == VKind::Vec) a_.mov_mi(Width::W64, Mem(Gpr::Rbp, homeDisp(slot) + 8), 0);
      }
    }
  }

  blockLabels_.resize(f_.blocks.size());
  for (auto& l : blockLabels_) l = a_.newLabel();
  epilogue_ = a_.newLabel();
  for (size_t li = 0; li < f_.layout.size(); ++li) {
    uint32_t b = f_.layout[li];
    uint32_t next = li + 1 < f_.layout.size() ? f_.layout[li + 1] : UINT32_MAX;
    bindLabel(blockLabels_[b]);
    const auto& insts = f_.blocks[b].insts;
    for (uint32_t k = 0; k < insts.size(); ++k) {
      const Inst& in = insts[k];
      curBlock_ = b;
      curIndex_ = k;
      Status st;
      switch (ir::opForm(in.op)) {
        case ir::OpForm::Branch:
        case ir::OpForm::FusedCmp: st = selectTerminator(in, next); break;
        case ir::OpForm::Call: st = selectCall(in, b, k); break;
        case ir::OpForm::Move:
          if (in.op != ir::Op::Mov && in.op != ir::Op::MovV128) {
            st = unsupported(in);
          } else if (in.dst != Operand::kNone) {
            ValType t = in.op == ir::Op::MovV128 ? ValType::V128 : in.type;
            std::vector<ParallelMove> one{{locOf(Operand::slot(in.dst), t), locOf(in.a, t), t}};
            parallelMoves(std::move(one), kTmp0);
          }
          break;
        case ir::OpForm::Misc: st = unsupported(in, "IR op not selected by the x86_64 code generator"); break;
        case ir::OpForm::AddrAdd: {
          wasm::Opcode base = ir::addrAddBase(in.op);
          st = selectMemory(in, base, in.a, in.b, in.c);
          break;
        }
        case ir::OpForm::Wasm: {
          wasm::Opcode op = ir::wasmOpcode(in.op);
          const wasm::OpcodeInfo& info = wasm::opcodeInfo(op);
          if (op == wasm::Opcode::Nop) break;
          if (info.prefix == 0xFD) {
            if (info.kind == wasm::OpKind::Load || info.kind == wasm::OpKind::Store)
              st = selectMemory(in, op, in.a, Operand{}, info.kind == wasm::OpKind::Store ? in.b : Operand{});
            else
              st = selectSimd(in, op);
          } else if (info.kind == wasm::OpKind::Load) {
            st = selectMemory(in, op, in.a, Operand{}, Operand{});
          } else if (info.kind == wasm::OpKind::Store) {
            st = selectMemory(in, op, in.a, Operand{}, in.b);
          } else if (info.kind == wasm::OpKind::Special || info.kind == wasm::OpKind::Control) {
            st = selectVariable(in, op);
          } else {
            const wasm::SigInfo& sig = wasm::sigInfo(info.sig);
            bool fl = false;
            for (unsigned p = 0; p < sig.numParams; ++p)
              if (sig.params[p] == ValType::F32 || sig.params[p] == ValType::F64) fl = true;
            if (sig.numResults && (sig.result == ValType::F32 || sig.result == ValType::F64)) fl = true;
            st = fl ? selectFloat(in, op) : selectInt(in, op);
          }
          break;
        }
      }
      if (!st.ok()) return st;
      if (!checked_.empty()) {  // a redefined address operand invalidates its checks
        regalloc::instSlots(f_, m, in, tmpUses_, tmpDefs_);
        for (const regalloc::SlotUse& d : tmpDefs_) {
          uint32_t last = d.slot + (d.type == ValType::V128 ? 1 : 0);  // a v128 spans two slots
          auto hit = [&](const Operand& o) { return o.isSlot() && o.index() >= d.slot && o.index() <= last; };
          std::erase_if(checked_, [&](const CheckedAddr& c) { return hit(c.addr) || hit(c.addr2); });
        }
      }
      if (in.op == ir::Op::Ret || in.op == ir::Op::Ret1) continue;
    }
  }
  for (auto& [key, label] : stubs_) {
    bindLabel(label);
    a_.trapSite(TrapCode(key.first), key.second);
    a_.ud2();
  }
  return buf_.status();
}

void Isel::emitEpilogue() {
  a_.mov_rr(Width::W64, Gpr::Rsp, Gpr::Rbp);
  a_.pop_r(Gpr::Rbp);
  a_.ret();
}

}  // namespace wasmc::codegen::x64
