// runtime/interp/handlers.h — handler ids of the threaded code: every IR op (same value as ir::Op) plus
// interpreter-only variants chosen by the encoder (by operand type or callee kind).
#pragma once
#include <cstdint>

#include "ir/ir.h"

namespace wasmc::rt::interp {

// Superinstruction pairs chosen from dynamic pair counts of the benchmark programs: the handler runs the
// first op's body and jumps directly (no dispatch) to the second op's handler. X(Tag, A, B): Tag says how
// A executes (M mov, G global.get, S simple operator, L load, LA <load>.add, ST store, SA <store>.add);
// B is an IR op.
#define WASMC_INTERP_PAIRS(X)                                                                       \
  X(M, Mov, Mov) X(M, Mov, CallFunc) X(M, Mov, Jump) X(M, Mov, I32Add)                              \
  X(S, I32Add, I32Add) X(S, I32Add, I32Shl) X(S, I32Add, I32Xor) X(S, I32Add, I32Sub)               \
  X(S, I32Add, I32And) X(S, I32Add, JumpIfI32Ne) X(S, I32Add, I32LoadAdd) X(S, I32Add, I32Load8UAdd) \
  X(S, I32Add, F64LoadAdd) X(S, I32Add, I32Store) X(S, I32Add, Mov) X(S, I32Add, Jump)              \
  X(S, I32Add, F64ConvertI32S) X(S, I32Add, I32Load)                                                \
  X(S, I32Shl, I32Add) X(S, I32Shl, I32LoadAdd) X(S, I32Shl, I32Or) X(S, I32Shl, I32Xor)            \
  X(S, I32Shl, I64LoadAdd)                                                                          \
  X(S, I32Rotl, I32Xor) X(S, I32Rotl, I32Rotl) X(S, I32Xor, I32Add) X(S, I32Xor, I32Rotl)           \
  X(S, I32Xor, I32And) X(S, I32Xor, I32ShrU) X(S, I32ShrU, I32Xor) X(S, I32ShrU, I32Add)            \
  X(S, I32And, I32Xor) X(S, I32And, I32Add) X(S, I32And, I32And) X(S, I32And, I32Rotl)              \
  X(S, I32Or, I32Or) X(S, I32Or, I32ShrU) X(S, I32Or, I32Store) X(S, I32Sub, I32Add)                \
  X(S, I32Eq, JumpUnlessI32Eqz)                                                                     \
  X(S, F64Mul, F64Add) X(S, F64Add, F64Store) X(S, F64Mul, F64Load) X(S, F64Add, I32Add)            \
  X(S, F64ConvertI32S, F64Div) X(S, F64Div, F64Load)                                                \
  X(L, F64Load, F64Add) X(L, F64Load, F64Mul) X(L, I32Load8U, I32Load8U) X(L, I32Load, I32Add)       \
  X(L, I32Load, I32And)                                                                             \
  X(LA, I32Load, I32Rotl) X(LA, I32Load, I32And) X(LA, I32Load, I32Add) X(LA, I32Load, JumpTable)   \
  X(LA, F64Load, F64Mul)                                                                            \
  X(ST, F64Store, I32Add) X(ST, I32Store, I32Store) X(ST, I32Store, Mov) X(SA, I32Store8, I32Add)       \
  X(S, I32Sub, JumpIf) X(S, I32And, I32Load8UAdd) X(S, I32ShrU, I32And) X(LA, I32Load8U, I32Store8Add) \
  X(L, I32Load, JumpUnlessI32Eq) X(S, I32And, JumpUnlessI32Eqz) X(S, I32And, I32Store)                \
  X(S, I32Sub, F64Load) X(L, F64Load, F64Sub) X(S, F64Mul, F64Sub) X(S, F64Sub, F64Store)              \
  X(S, I32Sub, F64Mul) X(S, F64Sub, F64Mul) X(S, F64Mul, I32Sub) X(ST, I64Store, Jump)                  \
  X(S, F64Add, F64Mul) X(S, F64Mul, F64Mul) X(L, I32Load, I32Load) X(L, I32Load, JumpIfI32Eqz)       \
  X(ST, F64Store, F64Load) X(S, I32Sub, I32Sub) X(S, I32Sub, GlobalSet) X(L, I32Load, JumpUnless)      \
  X(S, I32ShrU, I32Shl) X(S, I32And, JumpIf) X(S, I32And, JumpUnless) X(G, GlobalGet, I32Sub)           \
  X(G, GlobalGet, I32Add) X(S, I32Or, I32Store8) X(S, I32Mul, I32Sub) X(S, I32Xor, I32Mul)

// The IR op a pair's first element executes as (Tag LA/SA name the <op>.add form).
#define WASMC_INTERP_PAIR_FIRST_M(A) A
#define WASMC_INTERP_PAIR_FIRST_S(A) A
#define WASMC_INTERP_PAIR_FIRST_G(A) A
#define WASMC_INTERP_PAIR_FIRST_L(A) A
#define WASMC_INTERP_PAIR_FIRST_ST(A) A
#define WASMC_INTERP_PAIR_FIRST_LA(A) A##Add
#define WASMC_INTERP_PAIR_FIRST_SA(A) A##Add

// Chains: two binary operators where the second reads the first's result (operand 0 or 1, checked by
// the encoder); the result is forwarded in a register instead of a store/reload through the frame.
#define WASMC_INTERP_CHAINS(X)                                                                          \
  X(I32Rotl, I32Xor) X(I32Xor, I32Add) X(I32Xor, I32Rotl) X(I32ShrU, I32Xor) X(I32And, I32Xor)           \
  X(I32Xor, I32And) X(I32Add, I32Add) X(I32Shl, I32Or) X(I32Or, I32ShrU) X(I32ShrU, I32And)              \
  X(I32Add, I32Xor) X(I32And, I32Add) X(I32Shl, I32Add) X(I32Add, I32Shl) X(I32Xor, I32Xor)              \
  X(I32Or, I32Or) X(I32Sub, I32Add) X(I32Add, I32Sub) X(I32Mul, I32Add) X(I32ShrU, I32Add)               \
  X(I32And, I32And) X(I32Or, I32Xor) X(I32Shl, I32Xor) X(I32And, I32Or) X(I32Rotl, I32Add)               \
  X(F64Mul, F64Add) X(F64Mul, F64Sub) X(F64Sub, F64Mul) X(F64Add, F64Mul) X(F64Mul, F64Mul)              \
  X(F64Add, F64Add) X(F64Sub, F64Sub) X(F64Sub, F64Add) X(F64Add, F64Sub) X(I32Xor, I32Mul)              \
  X(I32Mul, I32Xor) X(I32Sub, I32Or)

enum Extra : uint16_t {
  kHSelectV128 = ir::kNumOps,
  kHGlobalGetV128,
  kHGlobalSetV128,
  kHCallImport,
  kHMovN,  // [n][dst0][src0]...[dst n-1][src n-1]: a run of 8-byte moves, in order
  kHConst64,   // [dst][lo][hi]: a constant kept in the code (functions with many constants)
  kHConst128,  // [dst][4 words]
#define WASMC_PAIR_ID(T, A, B) kHPair_##T##A##_##B,
  WASMC_INTERP_PAIRS(WASMC_PAIR_ID)
#undef WASMC_PAIR_ID
#define WASMC_CHAIN_ID(A, B) kHChain0_##A##_##B, kHChain1_##A##_##B,
  WASMC_INTERP_CHAINS(WASMC_CHAIN_ID)
#undef WASMC_CHAIN_ID
  kHNumHandlers,
};

// The chain handler for `a` then `b` reading a's result as its operand 0 or 1, or 0 when there is none.
uint16_t chainHandler(uint16_t a, uint16_t b, int operand);

// The pair handler for first handler `a` followed by `b`, or 0 when there is none.
uint16_t pairHandler(uint16_t a, uint16_t b);

// The dispatch table of the interpreter loop (label addresses), indexed by handler id.
const void* const* handlerTable();

}  // namespace wasmc::rt::interp
