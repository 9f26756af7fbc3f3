// compiler/codegen/x86_64/isel_mem.cpp — linear-memory accesses ([r14 + zext(addr) + offset]; guard mode
// records every access as a MemoryOutOfBounds trap site, explicit mode compares the end address with
// VMContext::memSize first), select, globals (through VMContext::globals), references, tables (inline
// get/set/size with bounds checks; the rest through runtime helpers) and memory.size/grow and bulk memory.
#include <algorithm>

#include "codegen/x86_64/isel.h"
#include "runtime/abi.h"
#include "runtime/abi_helpers.h"

namespace wasmc::codegen::x64 {

using wasm::Opcode;

namespace {
constexpr uint64_t kGuardSafeOffset = (uint64_t(1) << 31) - 64;  // offset + size stay inside the 2 GiB guard
}

Mem Isel::address(const Inst& in, const Operand& addr, const Operand& addr2, uint64_t offset, uint32_t size,
                  bool* mayFault) {
  const bool explicitCheck = opts_.bounds == BoundsChecks::Explicit || offset >= kGuardSafeOffset;
  *mayFault = !explicitCheck;
  if (!explicitCheck) {
    if (addr2.none()) {
      if (addr.isConst()) {
        uint64_t ea = uint32_t(constBits(addr)) + offset;
        if (ea < (uint64_t(1) << 31)) return Mem(kMemReg, int32_t(ea));
        a_.mov_ri(Width::W64, kTmp3, int64_t(ea));
        return Mem(kMemReg, kTmp3, 1, 0);
      }
      Gpr r = loadGpr(addr, ValType::I32, kTmp3);
      return Mem(kMemReg, r, 1, int32_t(offset));
    }
  }
  // base = zext32(address): an address in a register is used in place (an i32 in a register has its
  // upper half zero); a sum of two registers is one 32-bit lea; anything else is built in r11.
  Gpr base = kTmp3;
  auto regOfInt = [&](const Operand& o) { return o.isSlot() ? regOf(o.index(), VKind::Int) : int16_t(-1); };
  if (addr2.none()) {
    if (regOfInt(addr) >= 0) base = gpr(unsigned(regOfInt(addr)));
    else moveToGpr(kTmp3, addr, ValType::I32);
  } else if (regOfInt(addr) >= 0 && regOfInt(addr2) >= 0) {
    a_.lea_rm(Width::W32, kTmp3, Mem(gpr(unsigned(regOfInt(addr))), gpr(unsigned(regOfInt(addr2))), 1, 0));
  } else if (regOfInt(addr) >= 0 && addr2.isConst()) {
    a_.lea_rm(Width::W32, kTmp3, Mem(gpr(unsigned(regOfInt(addr))), int32_t(uint32_t(constBits(addr2)))));
  } else {
    moveToGpr(kTmp3, addr, ValType::I32);
    alu(AluOp::Add, Width::W32, kTmp3, addr2, ValType::I32);
  }
  if (!explicitCheck) return Mem(kMemReg, base, 1, int32_t(offset));
  uint64_t end = offset + size;
  bool covered = false;
  for (CheckedAddr& c : checked_)
    if (c.addr == addr && c.addr2 == addr2) {
      covered = c.end >= end;
      c.end = std::max(c.end, end);
    }
  if (!covered && checked_.size() < 64 &&
      std::none_of(checked_.begin(), checked_.end(), [&](const CheckedAddr& c) { return c.addr == addr && c.addr2 == addr2; }))
    checked_.push_back({addr, addr2, end});
  if (covered) {
    // A dominating check of a larger end on the same address already passed.
  } else if (end < (uint64_t(1) << 31)) {
    a_.lea_rm(Width::W64, kTmp0, Mem(base, int32_t(end)));
  } else {
    a_.mov_ri(Width::W64, kTmp0, int64_t(end));
    a_.add_rr(Width::W64, kTmp0, base);
  }
  if (!covered) {
    a_.cmp_rm(Width::W64, kTmp0, Mem(kCtxReg, int32_t(offsetof(abi::VMContext, memSize))));
    a_.jcc_label(Cond::A, trapStub(TrapCode::MemoryOutOfBounds, in.wasmOffset));
  }
  if (offset < (uint64_t(1) << 31)) return Mem(kMemReg, base, 1, int32_t(offset));
  if (base != kTmp3) a_.mov_rr(Width::W32, kTmp3, base);
  a_.mov_ri(Width::W64, kTmp0, int64_t(offset));
  a_.add_rr(Width::W64, kTmp3, kTmp0);
  return Mem(kMemReg, kTmp3, 1, 0);
}

Status Isel::selectMemory(const Inst& in, Opcode op, const Operand& addr, const Operand& addr2,
                          const Operand& value) {
  const wasm::OpcodeInfo& info = wasm::opcodeInfo(op);
  uint32_t size = 1u << info.alignLog2;
  if (info.imm == wasm::ImmKind::MemLane) {
    const uint8_t lane = uint8_t(in.imm2);
    bool mayFault = false;
    if (info.kind == wasm::OpKind::Store) {
      Xmm v = loadXmm(in.b, ValType::V128, kXTmp1);
      Mem m = address(in, addr, addr2, in.imm, size, &mayFault);
      if (mayFault) a_.trapSite(TrapCode::MemoryOutOfBounds, in.wasmOffset);
      switch (op) {
        case Opcode::V128Store8Lane: a_.pextrb_mri(m, v, lane & 15); break;
        case Opcode::V128Store16Lane: a_.pextrw_mri(m, v, lane & 7); break;
        case Opcode::V128Store32Lane: a_.pextrd_mri(m, v, lane & 3); break;
        default: a_.pextrq_mri(m, v, lane & 1); break;
      }
      return {};
    }
    moveToXmm(kXTmp0, in.b, ValType::V128);
    Mem m = address(in, addr, addr2, in.imm, size, &mayFault);
    if (mayFault) a_.trapSite(TrapCode::MemoryOutOfBounds, in.wasmOffset);
    switch (op) {
      case Opcode::V128Load8Lane: a_.pinsrb_rmi(kXTmp0, m, lane & 15); break;
      case Opcode::V128Load16Lane: a_.pinsrw_rmi(kXTmp0, m, lane & 7); break;
      case Opcode::V128Load32Lane: a_.pinsrd_rmi(kXTmp0, m, lane & 3); break;
      default: a_.pinsrq_rmi(kXTmp0, m, lane & 1); break;
    }
    defXmm(in.dst, ValType::V128, kXTmp0);
    return {};
  }
  switch (op) {
    case Opcode::V128Load8x8S: case Opcode::V128Load8x8U: case Opcode::V128Load16x4S: case Opcode::V128Load16x4U:
    case Opcode::V128Load32x2S: case Opcode::V128Load32x2U: size = 8; break;
    default: break;
  }
  bool mayFault = false;
  // A store's value must be in a register before the address clobbers scratch registers.
  Gpr vg = kTmp1;
  Xmm vx = kXTmp1;
  bool isStore = info.kind == wasm::OpKind::Store;
  ValType vt = in.type;
  bool vIsFloat = vt == ValType::F32 || vt == ValType::F64 || vt == ValType::V128;
  if (isStore) {
    if (vIsFloat) vx = loadXmm(value, vt, kXTmp1);
    else vg = loadGpr(value, vt, kTmp1);
  }
  Mem m = address(in, addr, addr2, in.imm, size, &mayFault);
  auto site = [&]() {
    if (mayFault) a_.trapSite(TrapCode::MemoryOutOfBounds, in.wasmOffset);
  };
  if (isStore) {
    site();
    switch (op) {
      case Opcode::I32Store: case Opcode::I64Store32: a_.mov_mr(Width::W32, m, vg); break;
      case Opcode::I64Store: a_.mov_mr(Width::W64, m, vg); break;
      case Opcode::I32Store8: case Opcode::I64Store8: a_.mov_mr(Width::W8, m, vg); break;
      case Opcode::I32Store16: case Opcode::I64Store16: a_.mov_mr(Width::W16, m, vg); break;
      case Opcode::F32Store: a_.movss_mr(m, vx); break;
      case Opcode::F64Store: a_.movsd_mr(m, vx); break;
      case Opcode::V128Store: a_.movdqu_mr(m, vx); break;
      default: return unsupported(in);
    }
    return {};
  }
  ValType t = in.type;
  if (t == ValType::F32 || t == ValType::F64 || t == ValType::V128) {
    Xmm d = dstXmm(in.dst, t, kXTmp0);
    site();
    switch (op) {
      case Opcode::F32Load: a_.movss_rm(d, m); break;
      case Opcode::F64Load: a_.movsd_rm(d, m); break;
      case Opcode::V128Load: a_.movdqu_rm(d, m); break;
      case Opcode::V128Load8x8S: a_.pmovsxbw_rm(d, m); break;
      case Opcode::V128Load8x8U: a_.pmovzxbw_rm(d, m); break;
      case Opcode::V128Load16x4S: a_.pmovsxwd_rm(d, m); break;
      case Opcode::V128Load16x4U: a_.pmovzxwd_rm(d, m); break;
      case Opcode::V128Load32x2S: a_.pmovsxdq_rm(d, m); break;
      case Opcode::V128Load32x2U: a_.pmovzxdq_rm(d, m); break;
      case Opcode::V128Load32Zero: a_.movd_xm(d, m); break;
      case Opcode::V128Load64Zero: a_.movq_xm(d, m); break;
      case Opcode::V128Load8Splat:
        a_.pinsrb_rmi(d, m, 0);
        a_.pxor_rr(kXTmp2, kXTmp2);
        a_.pshufb_rr(d, kXTmp2);
        break;
      case Opcode::V128Load16Splat:
        a_.pinsrw_rmi(d, m, 0);
        a_.pshuflw_rri(d, d, 0);
        a_.pshufd_rri(d, d, 0);
        break;
      case Opcode::V128Load32Splat:
        a_.movd_xm(d, m);
        a_.pshufd_rri(d, d, 0);
        break;
      case Opcode::V128Load64Splat:
        a_.movq_xm(d, m);
        a_.pshufd_rri(d, d, 0x44);
        break;
      default: return unsupported(in);
    }
    defXmm(in.dst, t, d);
    return {};
  }
  Gpr d = dstGpr(in.dst, kTmp0);
  site();
  switch (op) {
    case Opcode::I32Load: case Opcode::I64Load32U: a_.mov_rm(Width::W32, d, m); break;
    case Opcode::I64Load: a_.mov_rm(Width::W64, d, m); break;
    case Opcode::I32Load8S: a_.movsx_rm8(Width::W32, d, m); break;
    case Opcode::I32Load8U: case Opcode::I64Load8U: a_.movzx_rm8(Width::W32, d, m); break;
    case Opcode::I32Load16S: a_.movsx_rm16(Width::W32, d, m); break;
    case Opcode::I32Load16U: case Opcode::I64Load16U: a_.movzx_rm16(Width::W32, d, m); break;
    case Opcode::I64Load8S: a_.movsx_rm8(Width::W64, d, m); break;
    case Opcode::I64Load16S: a_.movsx_rm16(Width::W64, d, m); break;
    case Opcode::I64Load32S: a_.movsxd_rm(d, m); break;
    default: return unsupported(in);
  }
  defGpr(in.dst, t, d);
  return {};
}

Status Isel::selectVariable(const Inst& in, Opcode op) {
  using H = abi::HelperId;
  const ValType t = in.type;
  const bool flt = t == ValType::F32 || t == ValType::F64 || t == ValType::V128;
  auto globalPtr = [&](Gpr r) {
    a_.mov_rm(Width::W64, r, Mem(kCtxReg, int32_t(offsetof(abi::VMContext, globals))));
    a_.mov_rm(Width::W64, r, Mem(r, int32_t(8 * in.imm)));
  };
  auto tablePtr = [&](Gpr r) {
    a_.mov_rm(Width::W64, r, Mem(kCtxReg, int32_t(offsetof(abi::VMContext, tables))));
    a_.mov_rm(Width::W64, r, Mem(r, int32_t(8 * in.imm)));
  };
  auto helper = [&](H id, std::vector<uint64_t> imms, std::vector<std::pair<Operand, ValType>> args) {
    callHelper(uint32_t(id), args, imms, curBlock_, curIndex_);
  };
  auto trapIfNonzero = [&](TrapCode code) {
    a_.test_rr(Width::W32, kTmp0, kTmp0);
    a_.jcc_label(Cond::NE, trapStub(code, in.wasmOffset));
  };
  switch (op) {
    case Opcode::Select: case Opcode::SelectT: {
      if (in.c.isConst()) {
        const Operand& src = uint32_t(constBits(in.c)) ? in.a : in.b;
        std::vector<regalloc::ParallelMove> one{{locOf(Operand::slot(in.dst), t), locOf(src, t), t}};
        parallelMoves(std::move(one), kTmp0);
        return {};
      }
      if (!flt) {
        moveToGpr(kTmp0, in.a, t);
        Gpr c = loadGpr(in.c, ValType::I32, kTmp1);
        a_.test_rr(Width::W32, c, c);
        if (in.b.isConst()) {
          moveToGpr(kTmp3, in.b, t);
          a_.cmovcc_rr(Cond::E, Width::W64, kTmp0, kTmp3);
        } else if (regOf(in.b.index(), VKind::Int) >= 0) {
          a_.cmovcc_rr(Cond::E, Width::W64, kTmp0, gpr(unsigned(regOf(in.b.index(), VKind::Int))));
        } else {
          a_.cmovcc_rm(Cond::E, widthOf(t), kTmp0, home(in.b.index()));
        }
        defGpr(in.dst, t, kTmp0);
      } else {
        moveToXmm(kXTmp0, in.a, t);
        Gpr c = loadGpr(in.c, ValType::I32, kTmp1);
        Label keep = a_.newLabel();
        a_.test_rr(Width::W32, c, c);
        a_.jcc_label(Cond::NE, keep);
        moveToXmm(kXTmp0, in.b, t);
        bindLabel(keep);
        defXmm(in.dst, t, kXTmp0);
      }
      return {};
    }
    case Opcode::GlobalGet: {
      globalPtr(kTmp3);
      if (flt) {
        Xmm d = dstXmm(in.dst, t, kXTmp0);
        if (t == ValType::F32) a_.movss_rm(d, Mem(kTmp3));
        else if (t == ValType::F64) a_.movsd_rm(d, Mem(kTmp3));
        else a_.movdqu_rm(d, Mem(kTmp3));
        defXmm(in.dst, t, d);
      } else {
        Gpr d = dstGpr(in.dst, kTmp0);
        a_.mov_rm(widthOf(t), d, Mem(kTmp3));
        defGpr(in.dst, t, d);
      }
      return {};
    }
    case Opcode::GlobalSet: {
      globalPtr(kTmp3);
      if (flt) {
        Xmm v = loadXmm(in.a, t, kXTmp0);
        if (t == ValType::F32) a_.movss_mr(Mem(kTmp3), v);
        else if (t == ValType::F64) a_.movsd_mr(Mem(kTmp3), v);
        else a_.movdqu_mr(Mem(kTmp3), v);
      } else {
        Gpr v = loadGpr(in.a, t, kTmp0);
        a_.mov_mr(widthOf(t), Mem(kTmp3), v);
      }
      return {};
    }
    case Opcode::RefIsNull: {
      Gpr x = loadGpr(in.a, ValType::I64, kTmp0);
      a_.test_rr(Width::W64, x, x);
      Gpr d = dstGpr(in.dst, kTmp0);
      a_.setcc_r(Cond::E, d);
      a_.movzx_rr8(Width::W32, d, d);
      defGpr(in.dst, ValType::I32, d);
      return {};
    }
    case Opcode::RefFunc:
      helper(H::RefFunc, {in.imm}, {});
      defGpr(in.dst, t, kTmp0);
      return {};
    case Opcode::TableGet: case Opcode::TableSet: {
      // Value first (it may need kTmp1), then index in kTmp3, table in kTmp0.
      Gpr v = kTmp1;
      if (op == Opcode::TableSet) v = loadGpr(in.b, ValType::I64, kTmp1);
      moveToGpr(kTmp3, in.a, ValType::I32);
      if (in.a.isSlot() && regOf(in.a.index(), VKind::Int) >= 0) a_.mov_rr(Width::W32, kTmp3, kTmp3);
      tablePtr(kTmp0);
      a_.cmp_rm(Width::W64, kTmp3, Mem(kTmp0, int32_t(offsetof(abi::VMTable, size))));
      a_.jcc_label(Cond::AE, trapStub(TrapCode::TableOutOfBounds, in.wasmOffset));
      a_.mov_rm(Width::W64, kTmp0, Mem(kTmp0, int32_t(offsetof(abi::VMTable, elems))));
      if (op == Opcode::TableSet) {
        a_.mov_mr(Width::W64, Mem(kTmp0, kTmp3, 8, 0), v);
      } else {
        Gpr d = dstGpr(in.dst, kTmp0);
        a_.mov_rm(Width::W64, d, Mem(kTmp0, kTmp3, 8, 0));
        defGpr(in.dst, t, d);
      }
      return {};
    }
    case Opcode::TableSize: {
      tablePtr(kTmp0);
      Gpr d = dstGpr(in.dst, kTmp0);
      a_.mov_rm(Width::W32, d, Mem(kTmp0, int32_t(offsetof(abi::VMTable, size))));
      defGpr(in.dst, ValType::I32, d);
      return {};
    }
    case Opcode::MemorySize: {
      Gpr d = dstGpr(in.dst, kTmp0);
      a_.mov_rm(Width::W64, d, Mem(kCtxReg, int32_t(offsetof(abi::VMContext, memSize))));
      a_.shr_ri(Width::W64, d, 16);
      defGpr(in.dst, ValType::I32, d);
      return {};
    }
    case Opcode::MemoryGrow:
      helper(H::MemoryGrow, {}, {{in.a, ValType::I32}});
      a_.mov_rr(Width::W32, kTmp0, kTmp0);
      defGpr(in.dst, ValType::I32, kTmp0);
      return {};
    case Opcode::MemoryFill:
      helper(H::MemoryFill, {}, {{in.a, ValType::I32}, {in.b, ValType::I32}, {in.c, ValType::I32}});
      trapIfNonzero(TrapCode::MemoryOutOfBounds);
      return {};
    case Opcode::MemoryCopy:
      helper(H::MemoryCopy, {}, {{in.a, ValType::I32}, {in.b, ValType::I32}, {in.c, ValType::I32}});
      trapIfNonzero(TrapCode::MemoryOutOfBounds);
      return {};
    case Opcode::MemoryInit:
      helper(H::MemoryInit, {in.imm}, {{in.a, ValType::I32}, {in.b, ValType::I32}, {in.c, ValType::I32}});
      trapIfNonzero(TrapCode::MemoryOutOfBounds);
      return {};
    case Opcode::DataDrop: helper(H::DataDrop, {in.imm}, {}); return {};
    case Opcode::ElemDrop: helper(H::ElemDrop, {in.imm}, {}); return {};
    case Opcode::TableGrow:
      helper(H::TableGrow, {in.imm}, {{in.a, ValType::I64}, {in.b, ValType::I32}});
      a_.mov_rr(Width::W32, kTmp0, kTmp0);
      defGpr(in.dst, ValType::I32, kTmp0);
      return {};
    case Opcode::TableFill: {
      ValType et = module().tableType(uint32_t(in.imm)).elemType;
      helper(H::TableFill, {in.imm}, {{in.a, ValType::I32}, {in.b, et}, {in.c, ValType::I32}});
      trapIfNonzero(TrapCode::TableOutOfBounds);
      return {};
    }
    case Opcode::TableCopy:
      helper(H::TableCopy, {in.imm, in.imm2}, {{in.a, ValType::I32}, {in.b, ValType::I32}, {in.c, ValType::I32}});
      trapIfNonzero(TrapCode::TableOutOfBounds);
      return {};
    case Opcode::TableInit:
      helper(H::TableInit, {in.imm2, in.imm}, {{in.a, ValType::I32}, {in.b, ValType::I32}, {in.c, ValType::I32}});
      trapIfNonzero(TrapCode::TableOutOfBounds);
      return {};
    default: return unsupported(in);
  }
}

}  // namespace wasmc::codegen::x64
