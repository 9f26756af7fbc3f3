// runtime/interp/interp.cpp — the dispatch loop: direct threading with computed goto over the code built
// by encode.cpp. Pure operators are generated from opcodes.def and call wasmc::sem (no semantics here).
// Registers of the loop: ip, fp, fn (current function), sp (frame stack), memBase/memSize (memory 0 of
// fn's instance, reloaded after every call, return and memory.grow). Wasm→Wasm calls push a FrameRec and
// jump; only host calls use the host stack. Traps unwind to the entry frame and return a Trap.
#include <algorithm>
#include <cstring>

#include "runtime/interp/handlers.h"
#include "runtime/interp/interp.h"
#include "wasm/semantics.h"
#include "wasm/semantics_simd.h"

namespace wasmc::rt::interp {

namespace {

using wasm::ImmKind;
using wasm::Sig;

template <class T> inline __attribute__((always_inline)) T ld(const uint8_t* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}
template <class T> inline __attribute__((always_inline)) void st(uint8_t* p, T v) { std::memcpy(p, &v, sizeof(T)); }

template <ValType T> struct CTy { using type = uint32_t; };
template <> struct CTy<ValType::I64> { using type = uint64_t; };
template <> struct CTy<ValType::F32> { using type = float; };
template <> struct CTy<ValType::F64> { using type = double; };
template <> struct CTy<ValType::V128> { using type = wasm::V128; };
template <ValType T> using C = typename CTy<T>::type;

// Operand words of an instruction start at ip[2] (after the handler address).
constexpr uint32_t simpleLen(Sig s, ImmKind imm) {
  return 3 + wasm::sigInfo(s).numParams + (imm == ImmKind::Lane || imm == ImmKind::Shuffle ? 1 : 0);
}

template <Sig S, ImmKind I, auto Fn>
inline __attribute__((always_inline)) void simple(uint8_t* fp, const uint32_t* ip) {
  constexpr wasm::SigInfo si = wasm::sigInfo(S);
  using R = C<si.result>;
  using P0 = C<si.params[0]>;
  using P1 = C<si.params[1]>;
  using P2 = C<si.params[2]>;
  R r;
  if constexpr (si.numParams == 1) {
    if constexpr (I == ImmKind::Lane) r = Fn(ld<P0>(fp + ip[3]), uint8_t(ip[4]));
    else r = Fn(ld<P0>(fp + ip[3]));
  } else if constexpr (si.numParams == 2) {
    if constexpr (I == ImmKind::Lane) r = Fn(ld<P0>(fp + ip[3]), ld<P1>(fp + ip[4]), uint8_t(ip[5]));
    else if constexpr (I == ImmKind::Shuffle) r = Fn(ld<P0>(fp + ip[3]), ld<P1>(fp + ip[4]), ld<wasm::V128>(fp + ip[5]));
    else r = Fn(ld<P0>(fp + ip[3]), ld<P1>(fp + ip[4]));
  } else {
    r = Fn(ld<P0>(fp + ip[3]), ld<P1>(fp + ip[4]), ld<P2>(fp + ip[5]));
  }
  st<R>(fp + ip[2], r);
}

// Two binary operators; the second's operand W is the first's result (still stored to its slot).
template <Sig SA, auto FA, Sig SB, auto FB, int W>
inline __attribute__((always_inline)) void chain(uint8_t* fp, const uint32_t* ip) {
  constexpr wasm::SigInfo a = wasm::sigInfo(SA), b = wasm::sigInfo(SB);
  static_assert(a.numParams == 2 && b.numParams == 2 && b.params[W] == a.result);
  const C<a.result> r = FA(ld<C<a.params[0]>>(fp + ip[3]), ld<C<a.params[1]>>(fp + ip[4]));
  st(fp + ip[2], r);
  const uint32_t* jp = ip + 5;
  if constexpr (W == 0) st(fp + jp[2], FB(r, ld<C<b.params[1]>>(fp + jp[4])));
  else st(fp + jp[2], FB(ld<C<b.params[0]>>(fp + jp[3]), r));
}

template <Sig S, auto Fn>
inline __attribute__((always_inline)) TrapCode trapping(uint8_t* fp, const uint32_t* ip) {
  constexpr wasm::SigInfo si = wasm::sigInfo(S);
  using R = C<si.result>;
  using P0 = C<si.params[0]>;
  using P1 = C<si.params[1]>;
  R r{};
  TrapCode t;
  if constexpr (si.numParams == 1) t = Fn(r, ld<P0>(fp + ip[3]));
  else t = Fn(r, ld<P0>(fp + ip[3]), ld<P1>(fp + ip[4]));
  st<R>(fp + ip[2], r);
  return t;
}

constexpr uint32_t accessSize(wasm::Opcode op) { return 1u << wasm::opcodeInfo(op).alignLog2; }

// Load: [dst][addr][offset] or, with a lane, [dst][addr][vec][offset][lane]. False when out of bounds.
template <Sig S, ImmKind I, wasm::Opcode Op, auto Fn>
inline __attribute__((always_inline)) bool loadOp(uint8_t* fp, const uint32_t* ip, uint8_t* memBase, uint64_t memSize) {
  using R = C<wasm::sigInfo(S).result>;
  constexpr bool lane = I == ImmKind::MemLane;
  const uint64_t ea = uint64_t(ld<uint32_t>(fp + ip[3])) + ip[lane ? 5 : 4];
  if (ea + accessSize(Op) > memSize) return false;
  if constexpr (lane) st<R>(fp + ip[2], Fn(memBase + ea, ld<wasm::V128>(fp + ip[4]), uint8_t(ip[6])));
  else st<R>(fp + ip[2], Fn(memBase + ea));
  return true;
}

// Load with address a + b (wrapping i32 add): [dst][a][b][offset].
template <Sig S, wasm::Opcode Op, auto Fn>
inline __attribute__((always_inline)) bool loadAddOp(uint8_t* fp, const uint32_t* ip, uint8_t* memBase, uint64_t memSize) {
  using R = C<wasm::sigInfo(S).result>;
  const uint64_t ea = uint64_t(uint32_t(ld<uint32_t>(fp + ip[3]) + ld<uint32_t>(fp + ip[4]))) + ip[5];
  if (ea + accessSize(Op) > memSize) return false;
  st<R>(fp + ip[2], Fn(memBase + ea));
  return true;
}

// Store with address a + b: [a][b][value][offset].
template <Sig S, wasm::Opcode Op, auto Fn>
inline __attribute__((always_inline)) bool storeAddOp(uint8_t* fp, const uint32_t* ip, uint8_t* memBase, uint64_t memSize) {
  using V = C<wasm::sigInfo(S).params[1]>;
  const uint64_t ea = uint64_t(uint32_t(ld<uint32_t>(fp + ip[2]) + ld<uint32_t>(fp + ip[3]))) + ip[5];
  if (ea + accessSize(Op) > memSize) return false;
  Fn(memBase + ea, ld<V>(fp + ip[4]));
  return true;
}

// Store: [addr][value][offset] (+[lane]). False when out of bounds.
template <Sig S, ImmKind I, wasm::Opcode Op, auto Fn>
inline __attribute__((always_inline)) bool storeOp(uint8_t* fp, const uint32_t* ip, uint8_t* memBase, uint64_t memSize) {
  using V = C<wasm::sigInfo(S).params[1]>;
  const uint64_t ea = uint64_t(ld<uint32_t>(fp + ip[2])) + ip[4];
  if (ea + accessSize(Op) > memSize) return false;
  if constexpr (I == ImmKind::MemLane) Fn(memBase + ea, ld<wasm::V128>(fp + ip[3]), uint8_t(ip[5]));
  else Fn(memBase + ea, ld<V>(fp + ip[3]));
  return true;
}

Value readValue(ValType t, const uint8_t* p) {
  Value v = Value::zero(t);
  switch (t) {
    case ValType::I32:
    case ValType::F32: v.i32 = ld<uint32_t>(p); break;
    case ValType::I64:
    case ValType::F64:
    case ValType::FuncRef:
    case ValType::ExternRef: v.i64 = ld<uint64_t>(p); break;
    case ValType::V128: v.v128 = ld<wasm::V128>(p); break;
  }
  return v;
}

void writeValue(const Value& v, uint8_t* p) {
  if (v.type == ValType::V128) st(p, v.v128);
  else if (v.type == ValType::I32 || v.type == ValType::F32) st<uint64_t>(p, v.i32);
  else st<uint64_t>(p, v.i64);
}

// A host function called from Wasm: arguments and results in place at argp.
ExecResult callHost(Store& store, Thread& th, FuncInst* f, uint8_t* argp, CompiledFunc* caller, uint8_t* callerFp,
                    size_t frameTop) {
  Value argBuf[16];
  std::vector<Value> argVec;
  const FuncType& ft = *f->type;
  Value* args = argBuf;
  if (ft.params.size() > 16) {
    argVec.resize(ft.params.size());
    args = argVec.data();
  }
  uint32_t off = 0;
  for (size_t k = 0; k < ft.params.size(); ++k) {
    args[k] = readValue(ft.params[k], argp + off);
    off += ir::slotsOf(ft.params[k]) * 8;
  }
  std::vector<Value> results(ft.results.size());
  for (size_t k = 0; k < ft.results.size(); ++k) results[k] = Value::zero(ft.results[k]);
  uint8_t* savedTop = th.top;
  size_t savedFrames = th.frameTop;
  th.top = std::max(callerFp + caller->frameBytes, argp + 16 * (ft.params.size() + ft.results.size()));
  th.frameTop = frameTop;
  MemoryInst* mem = caller->inst->instance->memories.empty() ? nullptr : caller->inst->instance->memories[0];
  HostCallContext ctx{store, caller->inst->instance, mem, f->hostData};
  ExecResult r = f->host(ctx, std::span<const Value>(args, ft.params.size()), std::span<Value>(results));
  th.top = savedTop;
  th.frameTop = savedFrames;
  if (r) return r;
  off = 0;
  for (size_t k = 0; k < ft.results.size(); ++k) {
    results[k].type = ft.results[k];
    writeValue(results[k], argp + off);
    off += ir::slotsOf(ft.results[k]) * 8;
  }
  return std::nullopt;
}

template <class T> inline __attribute__((always_inline)) T* ptrAt(const uint32_t* p) {
  T* v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

// Zeroes the non-parameter locals and fills the constant slots (CompiledFunc::init, a multiple of 8).
inline __attribute__((always_inline)) void initFrame(uint8_t* fp, const CompiledFunc* fn) {
  const uint8_t* src = fn->initData;
  uint8_t* dst = fp + fn->initOffset;
  const uint32_t n = fn->initBytes;
  for (size_t k = 0; k < n; k += 16) std::memcpy(dst + k, src + k, 16);
}

Frame frameOf(const CompiledFunc* fn) {
  Frame f;
  f.funcIndex = fn->funcIndex;
  const wasm::Module& m = fn->inst->instance->module();
  f.funcName = m.funcName(fn->funcIndex);
  f.moduleName = m.moduleName;
  return f;
}

// Runs `entry` with its arguments at fp. Returns the table of handler addresses when th == nullptr.
ExecResult run(Store* store, Thread* th, CompiledFunc* entry, uint8_t* fp, const void* const** tableOut) {
  static const void* const kTable[] = {
#define WASMC_IR_OP(Name, Text, Form) &&L_##Name,
#include "ir/ir_ops.def"
#undef WASMC_IR_OP
      &&L_SelectV128, &&L_GlobalGetV128, &&L_GlobalSetV128, &&L_CallImport, &&L_MovN, &&L_Const64, &&L_Const128,
#define WASMC_PAIR_LABEL(T, A, B) &&L_P_##T##A##_##B,
      WASMC_INTERP_PAIRS(WASMC_PAIR_LABEL)
#undef WASMC_PAIR_LABEL
#define WASMC_CHAIN_LABEL(A, B) &&L_C0_##A##_##B, &&L_C1_##A##_##B,
      WASMC_INTERP_CHAINS(WASMC_CHAIN_LABEL)
#undef WASMC_CHAIN_LABEL
  };
  static_assert(sizeof(kTable) / sizeof(kTable[0]) == kHNumHandlers);
  if (!th) {
    *tableOut = kTable;
    return std::nullopt;
  }

  const uint32_t* ip;
  CompiledFunc* fn = entry;
  FrameRec* const frameBase = th->frames.data();
  FrameRec* sp = frameBase + th->frameTop;
  FrameRec* const spEnd = frameBase + th->frames.size();
  FrameRec* const sentinel = sp;
  uint8_t* const stackEnd = th->stackEnd;
  uint8_t* memBase;
  uint64_t memSize;
  TrapCode tc = TrapCode::None;
  ExecResult hostTrap;
  FuncInst* callee = nullptr;
  uint8_t* nfp = nullptr;
  const uint32_t* retIp = nullptr;

#define NEXT()                              \
  do {                                      \
    const void* h_;                         \
    std::memcpy(&h_, ip, sizeof h_);        \
    goto* h_;                               \
  } while (0)
#define O(k) (fp + ip[2 + (k)])
#define RELOAD_MEM()              \
  do {                            \
    memBase = fn->mem->base;      \
    memSize = fn->mem->sizeBytes; \
  } while (0)
#define TRAP(code)  \
  do {              \
    tc = (code);    \
    goto do_trap;   \
  } while (0)

  if (__builtin_expect(!fn->entry, 0)) ensureEncoded(*fn);  // lazy: first interpreted call
  if (sp + 1 >= spEnd || fp + fn->frameBytes > th->stackEnd) {
    tc = TrapCode::CallStackExhausted;
    fn = nullptr;
    goto do_trap_nofn;
  }
  *sp++ = FrameRec{nullptr, nullptr, nullptr};
  initFrame(fp, fn);
  ip = fn->entry;
  RELOAD_MEM();
  NEXT();

  // ---- pure operators, generated ----
#define H_Control(Name, Imm, S, Align) \
  L_##Name:                            \
  goto L_bad;
#define H_Special(Name, Imm, S, Align)
#define H_Simple(Name, Imm, S, Align)                         \
  L_##Name:                                                   \
  simple<Sig::S, ImmKind::Imm, &sem::Name>(fp, ip);           \
  ip += simpleLen(Sig::S, ImmKind::Imm);                      \
  NEXT();
#define H_Trapping(Name, Imm, S, Align)                                      \
  L_##Name:                                                                  \
  if (TrapCode t_ = trapping<Sig::S, &sem::Name>(fp, ip); t_ != TrapCode::None) \
    TRAP(t_);                                                                \
  ip += simpleLen(Sig::S, ImmKind::None);                                    \
  NEXT();
#define H_Load(Name, Imm, S, Align)                                                        \
  L_##Name:                                                                                \
  if (__builtin_expect(!loadOp<Sig::S, ImmKind::Imm, wasm::Opcode::Name, &sem::Name>(fp, ip, memBase, memSize), 0)) \
    TRAP(TrapCode::MemoryOutOfBounds);                                                     \
  ip += ImmKind::Imm == ImmKind::MemLane ? 7 : 5;                                          \
  NEXT();
#define H_Store(Name, Imm, S, Align)                                                       \
  L_##Name:                                                                                \
  if (__builtin_expect(!storeOp<Sig::S, ImmKind::Imm, wasm::Opcode::Name, &sem::Name>(fp, ip, memBase, memSize), 0)) \
    TRAP(TrapCode::MemoryOutOfBounds);                                                     \
  ip += ImmKind::Imm == ImmKind::MemLane ? 6 : 5;                                          \
  NEXT();
#define WASMC_OP(Name, Prefix, Code, Text, Imm, S, Kind, Align) H_##Kind(Name, Imm, S, Align)
#include "wasm/opcodes.def"
#undef WASMC_OP

  // ---- loads/stores with a fused i32.add address, generated ----
#define HA_Load(Name, Imm, S) HA_Load_##Imm(Name, S)
#define HA_Store(Name, Imm, S) HA_Store_##Imm(Name, S)
#define HA_Control(Name, Imm, S)
#define HA_Special(Name, Imm, S)
#define HA_Simple(Name, Imm, S)
#define HA_Trapping(Name, Imm, S)
#define HA_Load_MemLane(Name, S)
#define HA_Store_MemLane(Name, S)
#define HA_Load_MemArg(Name, S)                                                                              \
  L_##Name##Add:                                                                                             \
  if (__builtin_expect(!loadAddOp<Sig::S, wasm::Opcode::Name, &sem::Name>(fp, ip, memBase, memSize), 0))     \
    TRAP(TrapCode::MemoryOutOfBounds);                                                                       \
  ip += 6;                                                                                                   \
  NEXT();
#define HA_Store_MemArg(Name, S)                                                                             \
  L_##Name##Add:                                                                                             \
  if (__builtin_expect(!storeAddOp<Sig::S, wasm::Opcode::Name, &sem::Name>(fp, ip, memBase, memSize), 0))    \
    TRAP(TrapCode::MemoryOutOfBounds);                                                                       \
  ip += 6;                                                                                                   \
  NEXT();
#define WASMC_OP(Name, Prefix, Code, Text, Imm, S, Kind, Align) HA_##Kind(Name, Imm, S)
#include "wasm/opcodes.def"
#undef WASMC_OP

  // ---- superinstruction pairs: the first op's body, then a direct jump to the second's handler ----
#define PAIR_BODY_M(A)                    \
  st(O(0), ld<uint64_t>(O(1)));           \
  ip += 4;
#define PAIR_BODY_G(A)                     \
  st(O(0), *ptrAt<uint64_t>(ip + 3));      \
  ip += 5;
#define PAIR_BODY_S(A)                                                                             \
  simple<wasm::opcodeInfo(wasm::Opcode::A).sig, wasm::opcodeInfo(wasm::Opcode::A).imm, &sem::A>(fp, ip); \
  ip += simpleLen(wasm::opcodeInfo(wasm::Opcode::A).sig, wasm::opcodeInfo(wasm::Opcode::A).imm);
#define PAIR_BODY_L(A)                                                                                       \
  if (__builtin_expect(!loadOp<wasm::opcodeInfo(wasm::Opcode::A).sig, ImmKind::MemArg, wasm::Opcode::A, &sem::A>( \
                           fp, ip, memBase, memSize), 0))                                                     \
    TRAP(TrapCode::MemoryOutOfBounds);                                                                        \
  ip += 5;
#define PAIR_BODY_LA(A)                                                                                    \
  if (__builtin_expect(!loadAddOp<wasm::opcodeInfo(wasm::Opcode::A).sig, wasm::Opcode::A, &sem::A>(fp, ip, memBase, \
                                                                                                  memSize), 0)) \
    TRAP(TrapCode::MemoryOutOfBounds);                                                                      \
  ip += 6;
#define PAIR_BODY_ST(A)                                                                                      \
  if (__builtin_expect(!storeOp<wasm::opcodeInfo(wasm::Opcode::A).sig, ImmKind::MemArg, wasm::Opcode::A, &sem::A>( \
                           fp, ip, memBase, memSize), 0))                                                      \
    TRAP(TrapCode::MemoryOutOfBounds);                                                                         \
  ip += 5;
#define PAIR_BODY_SA(A)                                                                                     \
  if (__builtin_expect(!storeAddOp<wasm::opcodeInfo(wasm::Opcode::A).sig, wasm::Opcode::A, &sem::A>(fp, ip, memBase, \
                                                                                                   memSize), 0)) \
    TRAP(TrapCode::MemoryOutOfBounds);                                                                       \
  ip += 6;
#define WASMC_PAIR_HANDLER(T, A, B) \
  L_P_##T##A##_##B:                 \
  PAIR_BODY_##T(A) goto L_##B;
  WASMC_INTERP_PAIRS(WASMC_PAIR_HANDLER)
#undef WASMC_PAIR_HANDLER

  // ---- chains: [A: dst a b][B: dst x y] with B reading A's result (x for C0, y for C1) ----
#define WASMC_CHAIN_HANDLER(A, B)                                                              \
  L_C0_##A##_##B:                                                                              \
  chain<wasm::opcodeInfo(wasm::Opcode::A).sig, &sem::A, wasm::opcodeInfo(wasm::Opcode::B).sig, &sem::B, 0>(fp, ip); \
  ip += 10;                                                                                    \
  NEXT();                                                                                      \
  L_C1_##A##_##B:                                                                              \
  chain<wasm::opcodeInfo(wasm::Opcode::A).sig, &sem::A, wasm::opcodeInfo(wasm::Opcode::B).sig, &sem::B, 1>(fp, ip); \
  ip += 10;                                                                                    \
  NEXT();
  WASMC_INTERP_CHAINS(WASMC_CHAIN_HANDLER)
#undef WASMC_CHAIN_HANDLER

  // ---- stack-only operators: never in lowered code ----
L_Drop:
L_SelectT:
L_LocalGet:
L_LocalSet:
L_LocalTee:
L_I32Const:
L_I64Const:
L_F32Const:
L_F64Const:
L_V128Const:
L_RefNull:
L_bad:
  TRAP(TrapCode::Unreachable);

  // ---- moves, selects, globals, references ----
L_Mov:
  st(O(0), ld<uint64_t>(O(1)));
  ip += 4;
  NEXT();
L_MovN: {
  const uint32_t n = ip[2];
  for (uint32_t k = 0; k < n; ++k) st(fp + ip[3 + 2 * k], ld<uint64_t>(fp + ip[4 + 2 * k]));
  ip += 3 + 2 * n;
  NEXT();
}
L_Const64:
  std::memcpy(O(0), ip + 3, 8);
  ip += 5;
  NEXT();
L_Const128:
  std::memcpy(O(0), ip + 3, 16);
  ip += 7;
  NEXT();
L_MovV128:
  st(O(0), ld<wasm::V128>(O(1)));
  ip += 4;
  NEXT();
L_Select:
  st(O(0), ld<uint32_t>(O(3)) ? ld<uint64_t>(O(1)) : ld<uint64_t>(O(2)));
  ip += 6;
  NEXT();
L_SelectV128:
  st(O(0), ld<uint32_t>(O(3)) ? ld<wasm::V128>(O(1)) : ld<wasm::V128>(O(2)));
  ip += 6;
  NEXT();
L_GlobalGet:
  st(O(0), *ptrAt<uint64_t>(ip + 3));
  ip += 5;
  NEXT();
L_GlobalSet:
  *ptrAt<uint64_t>(ip + 3) = ld<uint64_t>(O(0));
  ip += 5;
  NEXT();
L_GlobalGetV128:
  std::memcpy(O(0), ptrAt<uint64_t>(ip + 3), 16);
  ip += 5;
  NEXT();
L_GlobalSetV128:
  std::memcpy(ptrAt<uint64_t>(ip + 3), O(0), 16);
  ip += 5;
  NEXT();
L_RefIsNull:
  st<uint64_t>(O(0), ld<uint64_t>(O(1)) == 0 ? 1 : 0);
  ip += 4;
  NEXT();
L_RefFunc:
  st<uint64_t>(O(0), reinterpret_cast<uint64_t>(fn->inst->instance->funcs[ip[3]]));
  ip += 4;
  NEXT();

  // ---- memory ----
L_MemorySize:
  st<uint64_t>(O(0), memSize / wasm::kPageSize);
  ip += 3;
  NEXT();
L_MemoryGrow: {
  int64_t r = fn->mem->grow(ld<uint32_t>(O(1)));
  st<uint64_t>(O(0), uint32_t(r));
  RELOAD_MEM();
  ip += 4;
  NEXT();
}
L_MemoryInit: {
  const wasm::Module& m = fn->inst->instance->module();
  uint64_t d = ld<uint32_t>(O(0)), s = ld<uint32_t>(O(1)), n = ld<uint32_t>(O(2));
  uint32_t seg = ip[5];
  uint64_t len = fn->inst->instance->droppedDatas[seg] ? 0 : m.datas[seg].bytes.size();
  if (s + n > len || d + n > memSize) TRAP(TrapCode::MemoryOutOfBounds);
  if (n) std::memmove(memBase + d, m.bytes.data() + m.datas[seg].bytes.begin + s, n);
  ip += 7;
  NEXT();
}
L_MemoryCopy: {
  uint64_t d = ld<uint32_t>(O(0)), s = ld<uint32_t>(O(1)), n = ld<uint32_t>(O(2));
  if (s + n > memSize || d + n > memSize) TRAP(TrapCode::MemoryOutOfBounds);
  if (n) std::memmove(memBase + d, memBase + s, n);
  ip += 7;
  NEXT();
}
L_MemoryFill: {
  uint64_t d = ld<uint32_t>(O(0)), n = ld<uint32_t>(O(2));
  if (d + n > memSize) TRAP(TrapCode::MemoryOutOfBounds);
  if (n) std::memset(memBase + d, int(ld<uint32_t>(O(1)) & 0xFF), n);
  ip += 7;
  NEXT();
}
L_DataDrop:
  fn->inst->instance->droppedDatas[ip[2]] = 1;
  ip += 3;
  NEXT();

  // ---- tables ----
L_TableGet: {
  TableInst* t = fn->inst->instance->tables[ip[4]];
  uint32_t i = ld<uint32_t>(O(1));
  if (i >= t->elems.size()) TRAP(TrapCode::TableOutOfBounds);
  st<uint64_t>(O(0), t->elems[i]);
  ip += 5;
  NEXT();
}
L_TableSet: {
  TableInst* t = fn->inst->instance->tables[ip[4]];
  uint32_t i = ld<uint32_t>(O(0));
  if (i >= t->elems.size()) TRAP(TrapCode::TableOutOfBounds);
  t->elems[i] = ld<uint64_t>(O(1));
  ip += 5;
  NEXT();
}
L_TableSize:
  st<uint64_t>(O(0), uint32_t(fn->inst->instance->tables[ip[3]]->elems.size()));
  ip += 4;
  NEXT();
L_TableGrow: {
  TableInst* t = fn->inst->instance->tables[ip[5]];
  int64_t r = t->grow(ld<uint32_t>(O(2)), ld<uint64_t>(O(1)));
  st<uint64_t>(O(0), uint32_t(r));
  ip += 6;
  NEXT();
}
L_TableFill: {
  TableInst* t = fn->inst->instance->tables[ip[5]];
  uint64_t i = ld<uint32_t>(O(0)), n = ld<uint32_t>(O(2));
  uint64_t v = ld<uint64_t>(O(1));
  if (i + n > t->elems.size()) TRAP(TrapCode::TableOutOfBounds);
  std::fill(t->elems.begin() + i, t->elems.begin() + i + n, v);
  ip += 7;
  NEXT();
}
L_TableCopy: {
  TableInst* dt = fn->inst->instance->tables[ip[5]];
  TableInst* stt = fn->inst->instance->tables[ip[6]];
  uint64_t d = ld<uint32_t>(O(0)), s = ld<uint32_t>(O(1)), n = ld<uint32_t>(O(2));
  if (s + n > stt->elems.size() || d + n > dt->elems.size()) TRAP(TrapCode::TableOutOfBounds);
  if (n) std::memmove(dt->elems.data() + d, stt->elems.data() + s, n * sizeof(uint64_t));
  ip += 7;
  NEXT();
}
L_TableInit: {
  const std::vector<uint64_t>& seg = fn->inst->elemValues[ip[5]];
  TableInst* t = fn->inst->instance->tables[ip[6]];
  uint64_t d = ld<uint32_t>(O(0)), s = ld<uint32_t>(O(1)), n = ld<uint32_t>(O(2));
  uint64_t len = fn->inst->instance->droppedElems[ip[5]] ? 0 : seg.size();
  if (s + n > len || d + n > t->elems.size()) TRAP(TrapCode::TableOutOfBounds);
  if (n) std::memmove(t->elems.data() + d, seg.data() + s, n * sizeof(uint64_t));
  ip += 7;
  NEXT();
}
L_ElemDrop:
  fn->inst->instance->droppedElems[ip[2]] = 1;
  ip += 3;
  NEXT();

  // ---- branches ----
L_Jump:
  ip += int32_t(ip[2]);
  NEXT();
L_JumpIf:
  if (ld<uint32_t>(O(0))) ip += int32_t(ip[3]);
  else ip += 4;
  NEXT();
L_JumpUnless:
  if (!ld<uint32_t>(O(0))) ip += int32_t(ip[3]);
  else ip += 4;
  NEXT();
L_JumpTable: {
  uint32_t i = ld<uint32_t>(O(0)), n = ip[3];
  if (i >= n) i = n - 1;
  ip += int32_t(ip[4 + i]);
  NEXT();
}
#define FUSED_1(Cmp, T)                                   \
  L_JumpIf##Cmp:                                          \
  if (sem::Cmp(ld<T>(O(0)))) ip += int32_t(ip[3]);        \
  else ip += 4;                                           \
  NEXT();                                                 \
  L_JumpUnless##Cmp:                                      \
  if (!sem::Cmp(ld<T>(O(0)))) ip += int32_t(ip[3]);       \
  else ip += 4;                                           \
  NEXT();
#define FUSED_2(Cmp, T)                                              \
  L_JumpIf##Cmp:                                                     \
  if (sem::Cmp(ld<T>(O(0)), ld<T>(O(1)))) ip += int32_t(ip[4]);      \
  else ip += 5;                                                      \
  NEXT();                                                            \
  L_JumpUnless##Cmp:                                                 \
  if (!sem::Cmp(ld<T>(O(0)), ld<T>(O(1)))) ip += int32_t(ip[4]);     \
  else ip += 5;                                                      \
  NEXT();
  FUSED_1(I32Eqz, uint32_t)
  FUSED_2(I32Eq, uint32_t)
  FUSED_2(I32Ne, uint32_t)
  FUSED_2(I32LtS, uint32_t)
  FUSED_2(I32LtU, uint32_t)
  FUSED_2(I32GtS, uint32_t)
  FUSED_2(I32GtU, uint32_t)
  FUSED_2(I32LeS, uint32_t)
  FUSED_2(I32LeU, uint32_t)
  FUSED_2(I32GeS, uint32_t)
  FUSED_2(I32GeU, uint32_t)
  FUSED_1(I64Eqz, uint64_t)
  FUSED_2(I64Eq, uint64_t)
  FUSED_2(I64Ne, uint64_t)
  FUSED_2(I64LtS, uint64_t)
  FUSED_2(I64LtU, uint64_t)
  FUSED_2(I64GtS, uint64_t)
  FUSED_2(I64GtU, uint64_t)
  FUSED_2(I64LeS, uint64_t)
  FUSED_2(I64LeU, uint64_t)
  FUSED_2(I64GeS, uint64_t)
  FUSED_2(I64GeU, uint64_t)

L_Trap:
  TRAP(TrapCode(ip[2]));

  // ---- calls and returns ----
L_CallFunc: {
  CompiledFunc* cf;
  std::memcpy(&cf, ip + 3, sizeof cf);
  nfp = fp + ip[2];
  if (__builtin_expect(sp == spEnd || nfp + cf->frameBytes > stackEnd, 0)) {
    // Stack exhausted, or the first call of a function not encoded yet (frameBytes = kUnencodedFrameBytes):
    // the generic call path handles both.
    callee = cf->func;
    retIp = ip + 5;
    goto do_call;
  }
  *sp++ = FrameRec{ip + 5, fp, fn};
  fp = nfp;
  fn = cf;
  initFrame(fp, fn);
  ip = fn->entry;
  NEXT();
}
L_CallImport:
  callee = fn->inst->instance->funcs[ip[3]];
  nfp = fp + ip[2];
  retIp = ip + 4;
  goto do_call;
L_CallInd: {
  TableInst* t = fn->inst->instance->tables[ip[5]];
  uint32_t i = ld<uint32_t>(O(1));
  if (i >= t->elems.size()) TRAP(TrapCode::UndefinedElement);
  callee = reinterpret_cast<FuncInst*>(t->elems[i]);
  if (!callee) TRAP(TrapCode::UninitializedElement);
  if (callee->typeId != ip[4]) TRAP(TrapCode::IndirectCallTypeMismatch);
  nfp = fp + ip[2];
  retIp = ip + 6;
  goto do_call;
}
do_call:
  if (callee->isHost()) {
    if (sp == spEnd) TRAP(TrapCode::CallStackExhausted);
    hostTrap = callHost(*store, *th, callee, nfp, fn, fp, size_t(sp - frameBase));
    if (hostTrap) goto do_host_trap;
    ip = retIp;
    RELOAD_MEM();
    NEXT();
  } else {
    CompiledFunc* cf = static_cast<CompiledFunc*>(callee->engineFunc);
    if (__builtin_expect(sp == spEnd || nfp + cf->frameBytes > stackEnd, 0)) {
      if (!cf->entry) ensureEncoded(*cf);  // first call (frameBytes = kUnencodedFrameBytes)
      if (sp == spEnd || nfp + cf->frameBytes > stackEnd) TRAP(TrapCode::CallStackExhausted);
    }
    *sp++ = FrameRec{retIp, fp, fn};
    fp = nfp;
    fn = cf;
    initFrame(fp, fn);
    ip = fn->entry;
    RELOAD_MEM();
    NEXT();
  }
L_Ret1:
  st(fp, ld<uint64_t>(O(0)));
  goto do_return;
L_Ret:
  for (uint32_t k = 0; k < ip[3]; k += 8) std::memcpy(fp + k, fp + ip[2] + k, 8);  // forward: dst < src
do_return:
  --sp;
  if (!sp->fn) {
    th->frameTop = size_t(sp - frameBase);
    return std::nullopt;
  }
  ip = sp->ip;
  fp = sp->fp;
  fn = sp->fn;
  RELOAD_MEM();
  NEXT();

  // ---- traps ----
do_host_trap: {
  Trap t = std::move(*hostTrap);
  t.backtrace.push_back(frameOf(fn));
  for (FrameRec* f = sp - 1; f > sentinel; --f) t.backtrace.push_back(frameOf(f->fn));
  th->frameTop = size_t(sentinel - frameBase);
  return t;
}
do_trap: {
  Trap t;
  t.code = tc;
  t.message = trapMessage(tc);
  t.backtrace.push_back(frameOf(fn));
  for (FrameRec* f = sp - 1; f > sentinel; --f) t.backtrace.push_back(frameOf(f->fn));
  th->frameTop = size_t(sentinel - frameBase);
  return t;
}
do_trap_nofn: {
  Trap t;
  t.code = tc;
  t.message = trapMessage(tc);
  return t;
}
#undef NEXT
#undef O
#undef RELOAD_MEM
#undef TRAP
}

}  // namespace

const void* const* handlerTable() {
  const void* const* t = nullptr;
  (void)run(nullptr, nullptr, nullptr, nullptr, &t);
  return t;
}

ExecResult invoke(Store& store, Thread& th, FuncInst* f, std::span<const Value> args, std::vector<Value>& results) {
  const FuncType& ft = *f->type;
  results.resize(ft.results.size());
  if (th.nesting >= 200) {
    Trap t;
    t.code = TrapCode::CallStackExhausted;
    t.message = trapMessage(t.code);
    return t;
  }
  uint8_t* fp = th.top;
  fp = reinterpret_cast<uint8_t*>((reinterpret_cast<uintptr_t>(fp) + 15) & ~uintptr_t(15));
  uint64_t need = 16 * (ft.params.size() + ft.results.size() + 1);
  if (fp + need > th.stackEnd) {
    Trap t;
    t.code = TrapCode::CallStackExhausted;
    t.message = trapMessage(t.code);
    return t;
  }
  uint32_t off = 0;
  for (size_t k = 0; k < ft.params.size() && k < args.size(); ++k) {
    Value v = args[k];
    v.type = ft.params[k];
    writeValue(v, fp + off);
    off += ir::slotsOf(ft.params[k]) * 8;
  }
  ExecResult r;
  ++th.nesting;
  if (f->isHost()) {
    std::vector<Value> res(ft.results.size());
    for (size_t k = 0; k < res.size(); ++k) res[k] = Value::zero(ft.results[k]);
    HostCallContext ctx{store, nullptr, nullptr, f->hostData};
    uint8_t* savedTop = th.top;
    th.top = fp + need;
    r = f->host(ctx, args, std::span<Value>(res));
    th.top = savedTop;
    --th.nesting;
    if (!r)
      for (size_t k = 0; k < res.size(); ++k) results[k] = res[k], results[k].type = ft.results[k];
    return r;
  }
  r = run(&store, &th, static_cast<CompiledFunc*>(f->engineFunc), fp, nullptr);
  --th.nesting;
  if (r) return r;
  off = 0;
  for (size_t k = 0; k < ft.results.size(); ++k) {
    results[k] = readValue(ft.results[k], fp + off);
    off += ir::slotsOf(ft.results[k]) * 8;
  }
  return std::nullopt;
}

}  // namespace wasmc::rt::interp
