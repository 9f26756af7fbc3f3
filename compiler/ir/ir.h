// compiler/ir/ir.h — the register IR: three-address instructions over virtual registers, grouped in
// explicit basic blocks that each end in one terminator (Jump/JumpIf*/JumpTable/Ret/Ret1/Trap).
// Form (see docs/ir.md): not SSA. A virtual register is an 8-byte frame slot index: locals (params first)
// occupy the low slots, Wasm operand-stack heights the slots above them, and constants are operands that
// refer to the function's constant pool. v128 values occupy two consecutive slots.
// Invariants (checked by verify()): every block ends in exactly one terminator and has no other one;
// branch targets are valid block ids; operand slots are below Function::numSlots.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "support/diag.h"
#include "wasm/opcodes.h"
#include "wasm/types.h"
#include "wasm/validator.h"

namespace wasmc::ir {

using wasm::ValType;

enum class Op : uint16_t {
#define WASMC_IR_OP(Name, Text, Form) Name,
#include "ir/ir_ops.def"
#undef WASMC_IR_OP
};

constexpr uint16_t kNumOps = 0
#define WASMC_IR_OP(Name, Text, Form) +1
#include "ir/ir_ops.def"
#undef WASMC_IR_OP
    ;

enum class OpForm : uint8_t { Wasm, Move, Branch, Call, Misc, FusedCmp, AddrAdd };

const char* opName(Op op);
// Inline: every pass, the allocator and the isel ask it per instruction.
inline constexpr OpForm kOpForms[] = {
#define WASMC_IR_OP(Name, Text, Form) OpForm::Form,
#include "ir/ir_ops.def"
#undef WASMC_IR_OP
};
inline OpForm opForm(Op op) { return kOpForms[uint16_t(op)]; }
// The Wasm operator an IR op stands for (only when opForm(op) == Wasm).
inline wasm::Opcode wasmOpcode(Op op) { return static_cast<wasm::Opcode>(op); }
inline Op fromWasm(wasm::Opcode op) { return static_cast<Op>(op); }
bool isTerminator(Op op);
// The fused form <Load|Store>Add of a MemArg load/store (valid only for those).
Op addrAddForm(wasm::Opcode op);
// For an AddrAdd op: the Wasm load/store it performs.
wasm::Opcode addrAddBase(Op op);

// An operand: a frame slot (virtual register) or an entry of the function's constant pool.
struct Operand {
  static constexpr uint32_t kConstBit = 0x80000000u;
  static constexpr uint32_t kNone = 0xFFFFFFFFu;
  uint32_t v = kNone;
  static Operand slot(uint32_t s) { return Operand{s}; }
  static Operand constant(uint32_t i) { return Operand{i | kConstBit}; }
  bool none() const { return v == kNone; }
  bool isConst() const { return !none() && (v & kConstBit); }
  bool isSlot() const { return !none() && !(v & kConstBit); }
  uint32_t index() const { return v & ~kConstBit; }
  bool operator==(const Operand&) const = default;
};

struct Const {
  ValType type = ValType::I32;
  uint64_t bits[2] = {0, 0};  // i32/f32 zero-extended; refs: 0 (ref.null); v128 in both words
};

struct Inst {
  Op op = Op::Nop;
  ValType type = ValType::I32;  // result type (Mov: the moved type; stores: the stored type)
  uint32_t dst = Operand::kNone;  // destination slot, kNone when the op produces nothing
  Operand a, b, c;
  uint64_t imm = 0;     // memarg offset, function/global/table/data/elem index, trap code, table id
  uint32_t imm2 = 0;    // lane; call_indirect/table.copy/table.init second index
  uint32_t target = 0;  // branch: block taken (JumpIf*: when the condition holds)
  uint32_t target2 = 0; // conditional branch: block taken otherwise
  uint32_t wasmOffset = 0;  // file offset of the Wasm operator it came from
};

struct Block {
  std::vector<Inst> insts;
};

struct Function {
  uint32_t funcIndex = 0;         // in the module's function index space
  const wasm::FuncType* type = nullptr;
  std::vector<ValType> localTypes;   // params, then declared locals
  std::vector<uint32_t> localSlot;   // slot of each local
  uint32_t paramSlots = 0;        // slots taken by the parameters (= first non-param local slot)
  uint32_t localSlots = 0;        // slots taken by all locals (= first operand-stack slot)
  uint32_t numSlots = 0;          // frame size in slots (locals + deepest operand stack)
  std::vector<Const> consts;
  std::vector<std::vector<uint32_t>> tables;  // JumpTable targets (last = default)
  std::vector<Block> blocks;      // blocks[0] is the entry; `layout` gives the emission order
  std::vector<uint32_t> layout;   // every reachable block exactly once
};

inline uint32_t slotsOf(ValType t) { return t == ValType::V128 ? 2 : 1; }

// Lowers defined function `definedIndex` (0-based among non-imported functions). Only validated code
// reaches here; lowering itself cannot fail on it.
Function lowerFunction(const wasm::ValidatedModule& vm, uint32_t definedIndex);

// Passes (compiler/ir/passes/*.cpp), each `void pass(Function&)`.
void removeEmptyBlocks(Function& f);   // jumps to blocks holding only a Jump go to that block's target

// The type operand a/b/c (k = 0..2) of `in` is read at (ValType::I32 where unused), exact for table and
// reference operands; not meaningful for the base slot `a` of call/call_indirect/ret (operands.cpp).
ValType operandType(const wasm::Module& m, const Inst& in, unsigned k);
// For a fused compare-and-branch op: the Wasm compare it performs and whether it jumps when it holds.
wasm::Opcode fusedCompareOf(Op op, bool* jumpIfTrue);

// Checks the invariants listed at the top of this file.
Status verify(const Function& f);

// Text form, one instruction per line (tests, --dump-ir).
std::string print(const Function& f);

}  // namespace wasmc::ir
