// compiler/ir/lower/lowerer.h — shared state of the Wasm → IR lowering (one Lowerer per function).
// The lowering keeps a virtual operand stack whose entries are either materialised in their canonical
// slot (the slot of their stack height), or still a reference to a local or a constant (copy
// propagation: local.get and *.const emit nothing). Invariants: at every control-flow merge (block
// start/end, loop header, branch) the values that flow are in their canonical slots; entries referring
// to a local are materialised before that local is written; code after an unconditional branch is skipped.
#pragma once
#include <vector>

#include "ir/ir.h"
#include "runtime/traps.h"
#include "wasm/walker.h"

namespace wasmc::ir {

struct StackEntry {
  enum class Kind : uint8_t { Slot, Local, Const };
  Kind kind = Kind::Slot;
  ValType type = ValType::I32;
  uint32_t slot = 0;     // canonical slot of this stack height
  uint32_t ref = 0;      // Kind::Local: the local's slot; Kind::Const: constant pool index
  int32_t producer = -1; // index in the current block of the instruction that wrote `slot`, or -1
  Operand operand() const {
    switch (kind) {
      case Kind::Slot: return Operand::slot(slot);
      case Kind::Local: return Operand::slot(ref);
      case Kind::Const: return Operand::constant(ref);
    }
    return Operand{};
  }
};

struct ControlFrame {
  enum class Kind : uint8_t { Func, Block, Loop, If };
  Kind kind = Kind::Block;
  std::vector<ValType> params, results;
  uint32_t height = 0;        // operand stack height below the params
  uint32_t label = 0;         // block branched to: end block (Func/Block/If) or loop header
  uint32_t elseBlock = 0;     // If: block run when the condition is false
  bool hasElse = false;
  bool endReachable = false;  // some branch targets the end block
  bool unreachable = false;   // the code being lowered is dead
  const std::vector<ValType>& labelTypes() const { return kind == Kind::Loop ? params : results; }
};

class Lowerer {
 public:
  Lowerer(const wasm::ValidatedModule& vm, uint32_t definedIndex);
  Function run();

  // ---- emission ----
  uint32_t newBlock();
  void startBlock(uint32_t id);
  Inst& emit(Inst inst);  // into the current block; returns the stored instruction
  int32_t lastIndex() const;
  uint32_t addConst(ValType t, uint64_t lo, uint64_t hi = 0);

  // ---- virtual stack ----
  uint32_t slotForHeight(size_t h) const;
  void push(ValType t);                       // a fresh Slot entry (its producer is set by pushResult)
  uint32_t pushResult(ValType t);             // push + returns its slot (the dst of the next emit)
  void pushLocal(uint32_t local);
  void pushConst(ValType t, uint64_t lo, uint64_t hi = 0);
  StackEntry pop();
  void materialize(StackEntry& e);
  void materializeLocalRefs(uint32_t localSlot);  // before a write to that local
  void materializeTop(size_t n);                  // the top n entries into their canonical slots
  void emitMove(ValType t, uint32_t dst, Operand src);

  // ---- control ----
  void lowerControl(const wasm::Instr& in);
  void branchTo(uint32_t depth);                       // unconditional br (values on top of stack)
  void condBranchTo(uint32_t depth, StackEntry cond);  // br_if
  bool needsMoves(const ControlFrame& f) const;        // branch to f moves values?
  void emitLabelMoves(const ControlFrame& f);
  void endFrame();
  void emitReturn();
  void markUnreachable();
  void skipDead(const wasm::Instr& in);
  void emitCondJump(StackEntry cond, bool jumpIfTrue, uint32_t target, uint32_t target2);
  std::vector<ValType> blockParams(const wasm::BlockType& bt) const;
  std::vector<ValType> blockResults(const wasm::BlockType& bt) const;
  void lowerCall(const wasm::Instr& in);
  void unsupported();  // an operator reached the wrong family: emit a trap, continue as dead code

  // ---- operator families ----
  void lowerVariable(const wasm::Instr& in);  // locals, globals, select, drop, consts, refs, tables
  void lowerNumeric(const wasm::Instr& in);   // Simple / Trapping
  void lowerMemory(const wasm::Instr& in);    // Load / Store / memory.* / data.drop

  const wasm::ValidatedModule& vm_;
  const wasm::Module& m_;
  Function f_;
  uint32_t cur_ = 0;
  std::vector<StackEntry> stack_;
  std::vector<ControlFrame> ctrl_;
  uint32_t deadDepth_ = 0;  // nesting of block/loop/if inside dead code being skipped
  uint32_t wasmOffset_ = 0;
  bool done_ = false;
};

}  // namespace wasmc::ir
