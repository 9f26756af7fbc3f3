// runtime/interp/encode.cpp — IR function → threaded code. Each instruction is a handler address
// (two words) followed by 32-bit operand words: frame byte offsets, immediates, or branch offsets
// relative to the instruction's first word. Constants live in frame slots between the locals and the
// operand stack (filled from CompiledFunc::init on entry). Blocks follow the IR layout; a conditional
// jump whose false target is the next block falls through.
#include <algorithm>
#include <cstring>

#include "ir/ir.h"
#include "runtime/interp/handlers.h"
#include "runtime/interp/interp.h"

namespace wasmc::rt::interp {

uint16_t chainHandler(uint16_t a, uint16_t b, int operand) {
#define WASMC_CHAIN_CASE(A, B)                                                     \
  if (a == uint16_t(ir::Op::A) && b == uint16_t(ir::Op::B))                          \
    return operand == 0 ? uint16_t(kHChain0_##A##_##B) : uint16_t(kHChain1_##A##_##B);
  WASMC_INTERP_CHAINS(WASMC_CHAIN_CASE)
#undef WASMC_CHAIN_CASE
  return 0;
}

uint16_t pairHandler(uint16_t a, uint16_t b) {
#define WASMC_PAIR_CASE(T, A, B)                                                       \
  if (a == uint16_t(ir::Op::WASMC_INTERP_PAIR_FIRST_##T(A)) && b == uint16_t(ir::Op::B)) \
    return kHPair_##T##A##_##B;
  WASMC_INTERP_PAIRS(WASMC_PAIR_CASE)
#undef WASMC_PAIR_CASE
  return 0;
}

namespace {

bool isJumpIfForm(ir::Op op) {
#define WASMC_IR_OP(Name, Text, Form)
#define WASMC_IR_FUSED(Cmp) \
  if (op == ir::Op::JumpIf##Cmp) return true;
#include "ir/ir_ops.def"
#undef WASMC_IR_FUSED
#undef WASMC_IR_OP
  return op == ir::Op::JumpIf;
}

// JumpIf<X> and JumpUnless<X> are adjacent in ir_ops.def.
ir::Op invertJump(ir::Op op) {
  return isJumpIfForm(op) ? ir::Op(uint16_t(op) + 1) : ir::Op(uint16_t(op) - 1);
}

class Encoder {
 public:
  Encoder(InstanceData& d, const ir::Function& f, CompiledFunc& cf) : d_(d), f_(f), cf_(cf) {
    table_ = handlerTable();
    // Every call copies the frame constants, so a function with many keeps only its most used ones in
    // the frame; the others are loaded from the code (LoadConst into a scratch slot) where used.
    std::vector<uint8_t> inFrame(f.consts.size(), 1);
    if (f.consts.size() > kMaxFrameConsts) {
      std::vector<uint32_t> uses(f.consts.size(), 0);
      for (uint32_t b : f.layout)
        for (const ir::Inst& i : f.blocks[b].insts)
          for (const ir::Operand* o : {&i.a, &i.b, &i.c})
            if (o->isConst()) ++uses[o->index()];
      std::vector<uint32_t> order(f.consts.size());
      for (uint32_t k = 0; k < order.size(); ++k) order[k] = k;
      std::stable_sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) { return uses[x] > uses[y]; });
      for (size_t r = kMaxFrameConsts; r < order.size(); ++r) inFrame[order[r]] = 0;
    }
    uint32_t off = 0;
    for (size_t k = 0; k < f.consts.size(); ++k) {
      constSlot_.push_back(inFrame[k] ? f.localSlots + off : kInCode);
      if (inFrame[k]) off += ir::slotsOf(f.consts[k].type);
    }
    constSlots_ = off;
    scratchSlot_ = f.numSlots + constSlots_;  // 6 slots after the operand stack (3 operands, v128 = 2)
  }

  void run() {
    const wasm::Module& m = d_.instance->module();
    numImported_ = m.numImportedFuncs;
    cf_.frameBytes = (f_.numSlots + constSlots_ + kScratchSlots) * 8;
    cf_.initOffset = f_.paramSlots * 8;
    // Padded to 16 bytes (the entry copies 16 at a time; the extra bytes land in dead stack slots).
    cf_.init.assign(((f_.localSlots + constSlots_ - f_.paramSlots) * 8 + 15) & ~15u, 0);
    if (cf_.initOffset + cf_.init.size() > cf_.frameBytes) cf_.frameBytes = cf_.initOffset + uint32_t(cf_.init.size());
    for (size_t k = 0; k < f_.consts.size(); ++k)
      if (constSlot_[k] != kInCode)
        std::memcpy(cf_.init.data() + (constSlot_[k] - f_.paramSlots) * 8, f_.consts[k].bits,
                  ir::slotsOf(f_.consts[k].type) * 8);
    blockPos_.assign(f_.blocks.size(), 0);
    for (size_t li = 0; li < f_.layout.size(); ++li) {
      uint32_t id = f_.layout[li];
      uint32_t next = li + 1 < f_.layout.size() ? f_.layout[li + 1] : ~0u;
      blockPos_[id] = uint32_t(code().size());
      const auto& insts = f_.blocks[id].insts;
      for (size_t k = 0; k < insts.size(); ++k) {
        size_t e = k;
        while (e < insts.size() && insts[e].op == ir::Op::Mov && !inCode(insts[e].a)) ++e;
        if (e - k >= 3) {  // a run of moves (rotating loop variables): one dispatch
          begin(kHMovN);
          word(uint32_t(e - k));
          for (size_t m = k; m < e; ++m) {
            word(slot(insts[m].dst));
            word(opnd(insts[m].a));
          }
          k = e - 1;
          continue;
        }
        encode(insts[k], next);
      }
      pairBlock();  // pairs never span blocks (so the second op of a pair is never a branch target)
    }
    for (const Fixup& fx : fixups_) code()[fx.pos] = blockPos_[fx.block] - fx.start;
    cf_.entry = cf_.code.data();
    cf_.initData = cf_.init.data();
    cf_.initBytes = uint32_t(cf_.init.size());
  }

 private:
  struct Fixup {
    uint32_t pos, start, block;
  };
  std::vector<uint32_t>& code() { return cf_.code; }
  uint32_t slot(uint32_t s) const { return (s < f_.localSlots ? s : s + constSlots_) * 8; }
  bool inCode(ir::Operand o) const { return o.isConst() && constSlot_[o.index()] == kInCode; }
  uint32_t opnd(ir::Operand o) const {
    if (!o.isConst()) return slot(o.index());
    if (constSlot_[o.index()] != kInCode) return constSlot_[o.index()] * 8;
    for (const auto& [v, off] : scratchFor_)
      if (v == o.v) return off;
    return 0;  // unreachable: prepareConsts loaded every code constant of the instruction
  }
  // Loads the instruction's code constants into scratch slots (LoadConst), before the instruction.
  void prepareConsts(const ir::Inst& i) {
    scratchFor_.clear();
    uint32_t next = scratchSlot_;
    for (const ir::Operand* o : {&i.a, &i.b, &i.c}) {
      if (!inCode(*o)) continue;
      const ir::Const& c = f_.consts[o->index()];
      bool v128 = c.type == ValType::V128;
      begin(v128 ? kHConst128 : kHConst64);
      word(next * 8);
      pointerBits(c.bits[0]);
      if (v128) pointerBits(c.bits[1]);
      scratchFor_.push_back({o->v, next * 8});
      next += ir::slotsOf(c.type);
    }
  }
  void encode(const ir::Inst& i, uint32_t next) {
    prepareConsts(i);
    encodeOne(i, next);
    scratchFor_.clear();
  }
  uint32_t begin(uint16_t handler) {
    uint32_t start = uint32_t(code().size());
    blockInsts_.push_back({start, handler});
    uint64_t h = reinterpret_cast<uint64_t>(table_[handler]);
    code().push_back(uint32_t(h));
    code().push_back(uint32_t(h >> 32));
    return start;
  }
  void word(uint32_t w) { code().push_back(w); }
  void setHandler(uint32_t at, uint16_t handler) {
    uint64_t h = reinterpret_cast<uint64_t>(table_[handler]);
    code()[at] = uint32_t(h);
    code()[at + 1] = uint32_t(h >> 32);
  }
  void pointerBits(uint64_t v) {
    word(uint32_t(v));
    word(uint32_t(v >> 32));
  }
  void pointer(const void* p) {
    uint64_t v = reinterpret_cast<uint64_t>(p);
    word(uint32_t(v));
    word(uint32_t(v >> 32));
  }
  void target(uint32_t start, uint32_t block) {
    fixups_.push_back({uint32_t(code().size()), start, block});
    word(0);
  }

  void encodeOne(const ir::Inst& i, uint32_t next) {
    using ir::Op;
    uint16_t h = uint16_t(i.op);
    switch (ir::opForm(i.op)) {
      case ir::OpForm::Move: {
        begin(h);
        word(slot(i.dst));
        word(opnd(i.a));
        return;
      }
      case ir::OpForm::FusedCmp:
      case ir::OpForm::Branch: {
        if (i.op == Op::Jump) {
          if (i.target == next) return;
          // Tail duplication: a jump to a short block that does not itself end in a jump copies that
          // block here (loop headers, a dispatch switch's jump table): one dispatch less, and each copy
          // of a conditional/indexed jump gets its own branch-predictor history.
          const auto& tb = f_.blocks[i.target].insts;
          if (!duplicating_ && tb.size() <= kMaxDuplicated && tb.back().op != Op::Jump) {
            duplicating_ = true;
            for (const ir::Inst& ti : tb) encode(ti, ~0u);
            duplicating_ = false;
            return;
          }
          uint32_t s = begin(h);
          target(s, i.target);
          return;
        }
        if (i.op == Op::Ret) {
          begin(h);
          word(i.a.none() ? 0 : slot(i.a.index()));
          word(uint32_t(i.imm) * 8);
          return;
        }
        if (i.op == Op::Ret1) {
          begin(h);
          word(opnd(i.a));
          return;
        }
        if (i.op == Op::Trap) {
          begin(h);
          word(uint32_t(i.imm));
          return;
        }
        if (i.op == Op::JumpTable) {
          uint32_t s = begin(h);
          word(opnd(i.a));
          const auto& t = f_.tables[i.imm];
          word(uint32_t(t.size()));
          for (uint32_t b : t) target(s, b);
          return;
        }
        // Conditional: fall through to the next block when possible.
        Op op = i.op;
        uint32_t taken = i.target, other = i.target2;
        if (taken == next) {
          op = invertJump(op);
          std::swap(taken, other);
        }
        uint32_t s = begin(uint16_t(op));
        word(opnd(i.a));
        if (!i.b.none()) word(opnd(i.b));
        target(s, taken);
        if (other != next) {
          uint32_t s2 = begin(uint16_t(Op::Jump));
          target(s2, other);
        }
        return;
      }
      case ir::OpForm::Call: {
        if (i.op == Op::CallFunc) {
          if (i.imm >= numImported_) {
            begin(h);
            word(slot(i.a.index()));
            uint64_t p = reinterpret_cast<uint64_t>(d_.funcs[i.imm - numImported_].get());
            word(uint32_t(p));
            word(uint32_t(p >> 32));
          } else {
            begin(kHCallImport);
            word(slot(i.a.index()));
            word(uint32_t(i.imm));
          }
          return;
        }
        begin(h);  // CallInd
        word(slot(i.a.index()));
        word(opnd(i.b));
        word(d_.typeIds[i.imm]);
        word(i.imm2);
        return;
      }
      case ir::OpForm::AddrAdd: {
        begin(h);
        bool load = wasm::opcodeInfo(ir::addrAddBase(i.op)).kind == wasm::OpKind::Load;
        if (load) word(slot(i.dst));
        word(opnd(i.a));
        word(opnd(i.b));
        if (!load) word(opnd(i.c));
        word(uint32_t(i.imm));
        return;
      }
      case ir::OpForm::Misc: return;
      case ir::OpForm::Wasm: break;
    }
    const wasm::Opcode wop = ir::wasmOpcode(i.op);
    const wasm::OpcodeInfo& info = wasm::opcodeInfo(wop);
    switch (info.kind) {
      case wasm::OpKind::Simple:
      case wasm::OpKind::Trapping: {
        const wasm::SigInfo& sig = wasm::sigInfo(info.sig);
        begin(h);
        word(slot(i.dst));
        const ir::Operand* ops[3] = {&i.a, &i.b, &i.c};
        for (int k = 0; k < sig.numParams; ++k) word(opnd(*ops[k]));
        if (info.imm == wasm::ImmKind::Lane) word(i.imm2);
        if (info.imm == wasm::ImmKind::Shuffle) word(opnd(i.c));
        return;
      }
      case wasm::OpKind::Load:
        begin(h);
        word(slot(i.dst));
        word(opnd(i.a));
        if (info.imm == wasm::ImmKind::MemLane) word(opnd(i.b));
        word(uint32_t(i.imm));
        if (info.imm == wasm::ImmKind::MemLane) word(i.imm2);
        return;
      case wasm::OpKind::Store:
        begin(h);
        word(opnd(i.a));
        word(opnd(i.b));
        word(uint32_t(i.imm));
        if (info.imm == wasm::ImmKind::MemLane) word(i.imm2);
        return;
      case wasm::OpKind::Control: return;
      case wasm::OpKind::Special: break;
    }
    switch (wop) {
      case wasm::Opcode::Select:
        begin(i.type == ValType::V128 ? uint16_t(kHSelectV128) : h);
        word(slot(i.dst));
        word(opnd(i.a));
        word(opnd(i.b));
        word(opnd(i.c));
        return;
      case wasm::Opcode::GlobalGet:
        begin(i.type == ValType::V128 ? uint16_t(kHGlobalGetV128) : h);
        word(slot(i.dst));
        pointer(d_.instance->globals[i.imm]->bits);  // globals never move: address in the code
        return;
      case wasm::Opcode::GlobalSet:
        begin(i.type == ValType::V128 ? uint16_t(kHGlobalSetV128) : h);
        word(opnd(i.a));
        pointer(d_.instance->globals[i.imm]->bits);
        return;
      case wasm::Opcode::RefIsNull:
      case wasm::Opcode::MemoryGrow:
        begin(h);
        word(slot(i.dst));
        word(opnd(i.a));
        return;
      case wasm::Opcode::RefFunc:
      case wasm::Opcode::TableSize:
        begin(h);
        word(slot(i.dst));
        word(uint32_t(i.imm));
        return;
      case wasm::Opcode::MemorySize:
        begin(h);
        word(slot(i.dst));
        return;
      case wasm::Opcode::TableGet:
        begin(h);
        word(slot(i.dst));
        word(opnd(i.a));
        word(uint32_t(i.imm));
        return;
      case wasm::Opcode::TableSet:
        begin(h);
        word(opnd(i.a));
        word(opnd(i.b));
        word(uint32_t(i.imm));
        return;
      case wasm::Opcode::TableGrow:
        begin(h);
        word(slot(i.dst));
        word(opnd(i.a));
        word(opnd(i.b));
        word(uint32_t(i.imm));
        return;
      case wasm::Opcode::MemoryInit:
      case wasm::Opcode::MemoryCopy:
      case wasm::Opcode::MemoryFill:
      case wasm::Opcode::TableFill:
      case wasm::Opcode::TableCopy:
      case wasm::Opcode::TableInit:
        begin(h);
        word(opnd(i.a));
        word(opnd(i.b));
        word(opnd(i.c));
        word(uint32_t(i.imm));
        word(i.imm2);
        return;
      case wasm::Opcode::DataDrop:
      case wasm::Opcode::ElemDrop:
        begin(h);
        word(uint32_t(i.imm));
        return;
      default: return;  // stack-only operators never reach the IR
    }
  }

  InstanceData& d_;
  const ir::Function& f_;
  CompiledFunc& cf_;
  const void* const* table_ = nullptr;
  static constexpr size_t kMaxFrameConsts = 40;
  static constexpr uint32_t kScratchSlots = 6;
  static constexpr uint32_t kInCode = ~0u;
  std::vector<uint32_t> constSlot_;  // frame slot of each constant, or kInCode
  uint32_t constSlots_ = 0;
  uint32_t scratchSlot_ = 0;
  std::vector<std::pair<uint32_t, uint32_t>> scratchFor_;  // (operand bits, scratch byte offset)
  uint32_t numImported_ = 0;
  std::vector<uint32_t> blockPos_;
  std::vector<Fixup> fixups_;
  static constexpr size_t kMaxDuplicated = 8;
  bool duplicating_ = false;
  std::vector<std::pair<uint32_t, uint16_t>> blockInsts_;  // (start, handler) of this block's instructions

  // Greedy left-to-right pairing of the block's instructions: a chain (the second op reads the first's
  // result, forwarded in a register) when the operands allow it, else a plain pair.
  void pairBlock() {
    for (size_t k = 0; k + 1 < blockInsts_.size(); ++k) {
      auto [s0, h0] = blockInsts_[k];
      auto [s1, h1] = blockInsts_[k + 1];
      uint16_t p = 0;
      if (uint16_t c = chainHandler(h0, h1, 0); c && code()[s1 + 3] == code()[s0 + 2]) p = c;
      else if (uint16_t c1 = chainHandler(h0, h1, 1); c1 && code()[s1 + 4] == code()[s0 + 2]) p = c1;
      else p = pairHandler(h0, h1);
      if (!p) continue;
      setHandler(s0, p);
      ++k;  // the second op of a pair does not start another pair
    }
    blockInsts_.clear();
  }
};

}  // namespace

void encodeFunction(InstanceData& d, const ir::Function& f, CompiledFunc& cf) {
  Encoder e(d, f, cf);
  e.run();
}

}  // namespace wasmc::rt::interp
