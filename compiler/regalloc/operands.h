// compiler/regalloc/operands.h — what an IR instruction reads and writes, as typed slots: the one place
// that knows the implicit operands of calls and returns and the operand types of every IR op. Used by
// liveness, the allocator's checker and the instruction selectors.
// Invariant: uses are reported before defs; a v128 value is reported once, at its first slot.
#pragma once
#include <cstdint>
#include <vector>

#include "ir/ir.h"

namespace wasmc::regalloc {

using wasm::ValType;

// The storage kind of a value: decides its register class and how many bytes a spill moves.
enum class VKind : uint8_t { Int = 0, Flt = 1, Vec = 2 };  // i32/i64/refs, f32/f64, v128
constexpr unsigned kNumVKinds = 3;
inline VKind kindOf(ValType t) {
  switch (t) {
    case ValType::I32: case ValType::I64: case ValType::FuncRef: case ValType::ExternRef: return VKind::Int;
    case ValType::F32: case ValType::F64: return VKind::Flt;
    case ValType::V128: return VKind::Vec;
  }
  return VKind::Int;
}

// A virtual register: one (slot, kind) pair. A slot holds values of different kinds at different points
// (operand-stack slots); each kind is its own variable, which is sound because a read of a slot at
// type T always sees a value written at type T (validation).
inline uint32_t vregOf(uint32_t slot, VKind k) { return slot * kNumVKinds + static_cast<uint32_t>(k); }
inline uint32_t vregSlot(uint32_t v) { return v / kNumVKinds; }
inline VKind vregKind(uint32_t v) { return static_cast<VKind>(v % kNumVKinds); }

struct SlotUse {
  uint32_t slot;
  ValType type;
};

// Operand types of a, b, c (ValType::I32 where unused; check Operand::none()).
struct OperandTypes {
  ValType t[3] = {ValType::I32, ValType::I32, ValType::I32};
};
OperandTypes operandTypes(const ir::Function& f, const wasm::Module& m, const ir::Inst& in);

// Slots read and written by `in` (including implicit call arguments/results and return values).
void instSlots(const ir::Function& f, const wasm::Module& m, const ir::Inst& in, std::vector<SlotUse>& uses,
               std::vector<SlotUse>& defs);

// True when the instruction calls out (Wasm call or runtime helper): every allocatable register of the
// internal convention is clobbered, so values live across it are saved and restored around it.
bool isCallLike(const ir::Inst& in);


}  // namespace wasmc::regalloc
