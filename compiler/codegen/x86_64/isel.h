// compiler/codegen/x86_64/isel.h — x86_64 instruction selection over the slot IR with a register
// allocation: one Isel per function; run() emits prologue, blocks in layout order, and out-of-line trap
// stubs into a CodeBuffer. Operator families live in isel_int.cpp, isel_float.cpp, isel_mem.cpp,
// isel_simd.cpp and isel_control.cpp (calls, branches, returns).
// Invariants: i32 values in registers have their upper 32 bits zero (every i32 producer writes a 32-bit
// register), so a register holding a Wasm address can index memory directly; scratch registers
// (abi.h) never hold a value across IR instructions; an operator the selector does not handle makes
// run() fail with an Error (never wrong code).
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "codegen/code_buffer.h"
#include "codegen/compile.h"
#include "codegen/x86_64/abi.h"
#include "codegen/x86_64/assembler.h"
#include "ir/ir.h"
#include "regalloc/parallel_move.h"
#include "regalloc/regalloc.h"

namespace wasmc::codegen::x64 {

using ir::Inst;
using ir::Operand;
using regalloc::VKind;
using wasm::ValType;

// A source operand for an SSE instruction: a register or a memory operand (home or constant pool).
struct XSrc {
  bool isReg = true;
  Xmm r = Xmm::Xmm0;
  Mem m = Mem(Gpr::Rax);
};

enum class AluOp : uint8_t { Add, Or, And, Sub, Xor, Cmp };

class Isel {
 public:
  Isel(const wasm::ValidatedModule& vm, const ir::Function& f, const regalloc::Allocation& ra,
       const CodegenOptions& opts, CodeBuffer& buf);
  Status run();

  // ---- locations (isel.cpp) ----
  const wasm::Module& module() const { return vm_.module(); }
  int16_t regOf(uint32_t slot, VKind k) const { return ra_.reg[regalloc::vregOf(slot, k)]; }
  bool inGpr(const Operand& o, Gpr r) const {
    return o.isSlot() && regOf(o.index(), VKind::Int) == int16_t(enc(r));
  }
  bool inXmm(const Operand& o, ValType t, Xmm r) const {
    return o.isSlot() && regOf(o.index(), regalloc::kindOf(t)) == int16_t(enc(r));
  }
  // Frame home of a slot: only slots with a spilled vreg, or a vreg saved across a call, have one
  // (homeIndex_, assigned in run()); asking for another is a code generator bug, reported, never emitted.
  int32_t homeDisp(uint32_t slot) const {
    if (slot >= homeIndex_.size() || homeIndex_[slot] < 0) {
      buf_.reportError("codegen: slot " + std::to_string(slot) + " has no frame home");
      return homesBase_;
    }
    return homesBase_ + int32_t(8 * homeIndex_[slot]);
  }
  Mem home(uint32_t slot) const { return Mem(Gpr::Rbp, homeDisp(slot)); }
  const ir::Const& constOf(const Operand& o) const { return f_.consts[o.index()]; }
  uint64_t constBits(const Operand& o) const { return f_.consts[o.index()].bits[0]; }

  // Integer operands.
  Gpr loadGpr(const Operand& o, ValType t, Gpr tmp);  // register holding o (its own or tmp)
  void moveToGpr(Gpr dst, const Operand& o, ValType t);
  Gpr dstGpr(uint32_t slot, Gpr tmp) const;            // the register to compute a def into
  void defGpr(uint32_t slot, ValType t, Gpr r);        // the value is in r: write it to slot's location
  void alu(AluOp op, Width w, Gpr dst, const Operand& src, ValType t);
  // Float/vector operands.
  Xmm loadXmm(const Operand& o, ValType t, Xmm tmp);
  void moveToXmm(Xmm dst, const Operand& o, ValType t);
  Xmm dstXmm(uint32_t slot, ValType t, Xmm tmp) const;
  void defXmm(uint32_t slot, ValType t, Xmm r);
  XSrc xsrc(const Operand& o, ValType t, Xmm tmpForVec);  // memory only for scalars (alignment)
  Mem constMem(const ir::Const& c, ValType t);

  // Moves through the parallel-move resolver; memTmp is the GPR used for memory-to-memory moves.
  regalloc::MoveLoc locOf(const Operand& o, ValType t) const;
  void emitMove(const regalloc::MoveLoc& d, const regalloc::MoveLoc& s, ValType t, Gpr memTmp);
  void parallelMoves(std::vector<regalloc::ParallelMove> moves, Gpr memTmp);

  Label trapStub(TrapCode code, uint32_t wasmOffset);
  // Binds a label here; code reaching it may come from elsewhere, so store forwarding stops.
  void bindLabel(Label l) {
    fwd_.valid = false;
    checked_.clear();
    a_.bind(l);
  }
  // Store forwarding: the register a spilled Int slot's home was just written from, when nothing has
  // been emitted since the store (so the register still holds the value on every path reaching here).
  bool forwarded(const Operand& o, Gpr* r) const {
    if (!fwd_.valid || !o.isSlot() || o.index() != fwd_.slot || buf_.size() != fwd_.end) return false;
    *r = fwd_.reg;
    return true;
  }
  Status unsupported(const Inst& in, const char* why = "not supported by the x86_64 code generator");

  // ---- families ----
  Status selectInt(const Inst& in, wasm::Opcode op);      // isel_int.cpp
  Status selectFloat(const Inst& in, wasm::Opcode op);    // isel_float.cpp
  Status selectMemory(const Inst& in, wasm::Opcode op, const Operand& addr, const Operand& addr2,
                      const Operand& value);            // isel_mem.cpp
  Status selectVariable(const Inst& in, wasm::Opcode op); // isel_mem.cpp (globals, tables, refs, bulk)
  Status selectSimd(const Inst& in, wasm::Opcode op);     // isel_simd.cpp
  Status selectCall(const Inst& in, uint32_t block, uint32_t index);  // isel_control.cpp
  Status selectTerminator(const Inst& in, uint32_t nextBlock);        // isel_control.cpp
  // Calls a runtime helper with SysV arguments (ctx first, then `args`); saves/restores live registers.
  void callHelper(uint32_t helperId, const std::vector<std::pair<Operand, ValType>>& args,
                  const std::vector<uint64_t>& immArgsBefore, uint32_t block, uint32_t index);
  void saveLive(uint32_t block, uint32_t index);
  void restoreLive(uint32_t block, uint32_t index);
  void emitEpilogue();

  // Effective address of a memory access (isel_mem.cpp).
  Mem address(const Inst& in, const Operand& addr, const Operand& addr2, uint64_t offset, uint32_t size,
              bool* mayFault);

  // Integer compare into flags; returns the condition meaning "true".
  Cond intCompare(wasm::Opcode op, const Operand& a, const Operand& b);

  Assembler a_;
  CodeBuffer& buf_;
  const wasm::ValidatedModule& vm_;
  const ir::Function& f_;
  const regalloc::Allocation& ra_;
  const CodegenOptions& opts_;
  std::vector<Label> blockLabels_;
  std::map<std::pair<uint32_t, uint32_t>, Label> stubs_;  // (trap code, wasm offset) -> stub
  Label epilogue_;
  int32_t homesBase_ = 0;      // rbp-relative displacement of the first home
  std::vector<int32_t> homeIndex_;  // per slot: index of its 8-byte home, or -1
  uint32_t numHomes_ = 0;
  int32_t callAreaDisp_ = 0;   // rbp-relative result area for calls with results in memory
  uint32_t frameSize_ = 0;
  uint32_t curBlock_ = 0, curIndex_ = 0;
  bool rdxAllocated_ = false;  // some vreg lives in rdx (div/rem must preserve it)
  // Explicit bounds checks already done on this straight-line path: the address operands (addr, addr2)
  // and the largest end (offset + size) checked. memSize never shrinks, so a check of a larger end on an
  // unchanged address covers a later access; cleared at every label, entries dropped when an operand
  // slot is redefined.
  struct CheckedAddr {
    Operand addr, addr2;
    uint64_t end;
  };
  std::vector<CheckedAddr> checked_;
  std::vector<regalloc::SlotUse> tmpUses_, tmpDefs_;
  struct {
    bool valid = false;
    uint32_t slot = 0;
    Gpr reg = Gpr::Rax;
    uint32_t end = 0;  // buffer offset right after the store
  } fwd_;
};

constexpr int32_t kSavedCtxDisp = -8;      // [rbp-8]: this function's VMContext*
constexpr int32_t kResultAreaDisp = -16;   // [rbp-16]: the caller's result area (when used)

inline Width widthOf(ValType t) { return (t == ValType::I32 || t == ValType::F32) ? Width::W32 : Width::W64; }

}  // namespace wasmc::codegen::x64
