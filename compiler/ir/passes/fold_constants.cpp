// compiler/ir/passes/fold_constants.cpp — local constant propagation and folding through the pure functions
// of wasm/semantics.h (no second copy of Wasm semantics), integer identities, and branches on constants
// turned into jumps. Invariant: an operator that would trap on its constant operands stays.
#include <bit>
#include <initializer_list>
#include <optional>
#include <type_traits>

#include "ir/passes/passes.h"
#include "wasm/semantics.h"
#include "wasm/semantics_simd.h"

namespace wasmc::ir {

namespace {

using wasm::ImmKind;
using wasm::Opcode;
using wasm::Sig;

template <ValType T> struct CTy { using type = uint32_t; };
template <> struct CTy<ValType::I64> { using type = uint64_t; };
template <> struct CTy<ValType::F32> { using type = float; };
template <> struct CTy<ValType::F64> { using type = double; };
template <ValType T> using C = typename CTy<T>::type;

template <class T> T fromBits(uint64_t b) {
  if constexpr (std::is_same_v<T, float>) return std::bit_cast<float>(uint32_t(b));
  else if constexpr (std::is_same_v<T, double>) return std::bit_cast<double>(b);
  else return T(b);
}
template <class T> uint64_t toBits(T v) {
  if constexpr (std::is_same_v<T, float>) return std::bit_cast<uint32_t>(v);
  else if constexpr (std::is_same_v<T, double>) return std::bit_cast<uint64_t>(v);
  else return uint64_t(v);
}

constexpr bool scalarSig(Sig s) {
  const wasm::SigInfo& si = wasm::sigInfo(s);
  if (si.numResults != 1 || si.result == ValType::V128 || si.numParams < 1 || si.numParams > 2) return false;
  for (unsigned k = 0; k < si.numParams; ++k)
    if (si.params[k] == ValType::V128 || si.params[k] == ValType::FuncRef || si.params[k] == ValType::ExternRef)
      return false;
  return si.result != ValType::FuncRef && si.result != ValType::ExternRef;
}

using EvalFn = bool (*)(const uint64_t* x, uint64_t& out);

template <Sig S, auto Fn> bool evalSimple(const uint64_t* x, uint64_t& out) {
  if constexpr (!scalarSig(S)) {
    return false;
  } else {
    constexpr wasm::SigInfo si = wasm::sigInfo(S);
    using P0 = C<si.params[0]>;
    using P1 = C<si.params[1]>;
    if constexpr (si.numParams == 1) out = toBits(Fn(fromBits<P0>(x[0])));
    else out = toBits(Fn(fromBits<P0>(x[0]), fromBits<P1>(x[1])));
    return true;
  }
}

template <Sig S, auto Fn> bool evalTrapping(const uint64_t* x, uint64_t& out) {
  if constexpr (!scalarSig(S)) {
    return false;
  } else {
    constexpr wasm::SigInfo si = wasm::sigInfo(S);
    using R = C<si.result>;
    using P0 = C<si.params[0]>;
    using P1 = C<si.params[1]>;
    R r{};
    TrapCode t;
    if constexpr (si.numParams == 1) t = Fn(r, fromBits<P0>(x[0]));
    else t = Fn(r, fromBits<P0>(x[0]), fromBits<P1>(x[1]));
    if (t != TrapCode::None) return false;
    out = toBits(r);
    return true;
  }
}

#define WASMC_EVAL_Control(Name, S) nullptr
#define WASMC_EVAL_Special(Name, S) nullptr
#define WASMC_EVAL_Load(Name, S) nullptr
#define WASMC_EVAL_Store(Name, S) nullptr
#define WASMC_EVAL_Simple(Name, S) &evalSimple<Sig::S, &sem::Name>
#define WASMC_EVAL_Trapping(Name, S) &evalTrapping<Sig::S, &sem::Name>
constexpr EvalFn kEval[] = {
#define WASMC_OP(Name, Prefix, Code, Text, Imm, S, Kind, Align) WASMC_EVAL_##Kind(Name, S),
#include "wasm/opcodes.def"
#undef WASMC_OP
};
#undef WASMC_EVAL_Control
#undef WASMC_EVAL_Special
#undef WASMC_EVAL_Load
#undef WASMC_EVAL_Store
#undef WASMC_EVAL_Simple
#undef WASMC_EVAL_Trapping

void toMove(Inst& in, ValType t, Operand src) {
  Inst m;
  m.op = t == ValType::V128 ? Op::MovV128 : Op::Mov;
  m.type = t;
  m.dst = in.dst;
  m.a = src;
  m.wasmOffset = in.wasmOffset;
  in = m;
}

void toJump(Inst& in, uint32_t target) {
  Inst j;
  j.op = Op::Jump;
  j.target = target;
  j.wasmOffset = in.wasmOffset;
  in = j;
}

bool oneOf(Opcode op, std::initializer_list<Opcode> set) {
  for (Opcode o : set)
    if (o == op) return true;
  return false;
}

// Integer identities with one constant operand `k` (the second one when `constIsB`): the operand or
// constant the result always equals, or nothing.
std::optional<Operand> identity(Function& f, Opcode op, const Inst& in, uint64_t k, bool constIsB) {
  const Operand x = constIsB ? in.a : in.b;
  const bool is64 = oneOf(op, {Opcode::I64Add, Opcode::I64Sub, Opcode::I64Mul, Opcode::I64And, Opcode::I64Or,
                               Opcode::I64Xor, Opcode::I64Shl, Opcode::I64ShrS, Opcode::I64ShrU, Opcode::I64Rotl,
                               Opcode::I64Rotr});
  const uint64_t ones = is64 ? ~0ull : 0xFFFFFFFFull;
  const ValType t = is64 ? ValType::I64 : ValType::I32;
  auto zero = [&] { return Operand::constant(internConst(f, t, 0)); };
  if (oneOf(op, {Opcode::I32Add, Opcode::I64Add, Opcode::I32Xor, Opcode::I64Xor}) && k == 0) return x;
  if (oneOf(op, {Opcode::I32Or, Opcode::I64Or})) {
    if (k == 0) return x;
    if (k == ones) return Operand::constant(internConst(f, t, ones));
  }
  if (oneOf(op, {Opcode::I32Sub, Opcode::I64Sub}) && constIsB && k == 0) return x;
  if (oneOf(op, {Opcode::I32Mul, Opcode::I64Mul})) {
    if (k == 1) return x;
    if (k == 0) return zero();
  }
  if (oneOf(op, {Opcode::I32And, Opcode::I64And})) {
    if (k == ones) return x;
    if (k == 0) return zero();
  }
  if (constIsB && (k & (is64 ? 63 : 31)) == 0 &&
      oneOf(op, {Opcode::I32Shl, Opcode::I32ShrS, Opcode::I32ShrU, Opcode::I32Rotl, Opcode::I32Rotr, Opcode::I64Shl,
                 Opcode::I64ShrS, Opcode::I64ShrU, Opcode::I64Rotl, Opcode::I64Rotr}))
    return x;
  return std::nullopt;
}

}  // namespace

uint32_t foldConstants(Function& f, const wasm::Module& m, PassStats* stats) {
  PassStats local;
  PassStats& st = stats ? *stats : local;
  const PassStats before = st;
  std::vector<uint32_t> known(f.numSlots + 2, Operand::kNone);  // slot -> constant index
  std::vector<uint32_t> touched;
  bool branchChanged = false;
  for (uint32_t b : f.layout) {
    for (uint32_t s : touched) known[s] = Operand::kNone;
    touched.clear();
    for (Inst& in : f.blocks[b].insts) {
      const bool isCall = in.op == Op::CallFunc || in.op == Op::CallInd || in.op == Op::Ret;
      if (!isCall) {
        Operand* ops[3] = {&in.a, &in.b, &in.c};
        for (unsigned k = 0; k < 3; ++k) {
          if (!ops[k]->isSlot()) continue;
          uint32_t c = known[ops[k]->index()];
          if (c == Operand::kNone || f.consts[c].type != operandType(m, in, k)) continue;
          *ops[k] = Operand::constant(c);
          ++st.constOperands;
        }
      }
      switch (opForm(in.op)) {
        case OpForm::Wasm: {
          const Opcode op = wasmOpcode(in.op);
          const wasm::OpcodeInfo& oi = wasm::opcodeInfo(op);
          if ((op == Opcode::Select || op == Opcode::SelectT) && in.c.isConst()) {
            toMove(in, in.type, f.consts[in.c.index()].bits[0] != 0 ? in.a : in.b);
            ++st.folded;
            break;
          }
          if (kEval[size_t(op)] == nullptr || oi.imm != ImmKind::None || !scalarSig(oi.sig)) break;
          const wasm::SigInfo& si = wasm::sigInfo(oi.sig);
          if (in.a.isConst() && (si.numParams == 1 || in.b.isConst())) {
            uint64_t x[2] = {f.consts[in.a.index()].bits[0], si.numParams == 2 ? f.consts[in.b.index()].bits[0] : 0};
            uint64_t r;
            if (kEval[size_t(op)](x, r)) {
              toMove(in, si.result, Operand::constant(internConst(f, si.result, r)));
              ++st.folded;
            }
            break;
          }
          if (si.numParams == 2 && (in.a.isConst() || in.b.isConst())) {
            const bool constIsB = in.b.isConst();
            if (auto src = identity(f, op, in, f.consts[(constIsB ? in.b : in.a).index()].bits[0], constIsB)) {
              toMove(in, si.result, *src);
              ++st.identities;
            }
          }
          break;
        }
        case OpForm::Branch:
          if ((in.op == Op::JumpIf || in.op == Op::JumpUnless) && in.a.isConst()) {
            const bool nz = uint32_t(f.consts[in.a.index()].bits[0]) != 0;
            toJump(in, nz == (in.op == Op::JumpIf) ? in.target : in.target2);
            ++st.branchesFolded;
            branchChanged = true;
          } else if (in.op == Op::JumpTable && in.a.isConst()) {
            const std::vector<uint32_t>& t = f.tables[uint32_t(in.imm)];
            const uint64_t i = uint32_t(f.consts[in.a.index()].bits[0]);
            toJump(in, t[i < t.size() - 1 ? size_t(i) : t.size() - 1]);
            ++st.branchesFolded;
            branchChanged = true;
          }
          break;
        case OpForm::FusedCmp: {
          bool jumpIfTrue;
          const Opcode cmp = fusedCompareOf(in.op, &jumpIfTrue);
          const bool unary = wasm::sigInfo(wasm::opcodeInfo(cmp).sig).numParams == 1;
          if (!in.a.isConst() || (!unary && !in.b.isConst())) break;
          uint64_t x[2] = {f.consts[in.a.index()].bits[0], unary ? 0 : f.consts[in.b.index()].bits[0]};
          uint64_t r;
          if (!kEval[size_t(cmp)] || !kEval[size_t(cmp)](x, r)) break;
          toJump(in, (r != 0) == jumpIfTrue ? in.target : in.target2);
          ++st.branchesFolded;
          branchChanged = true;
          break;
        }
        case OpForm::AddrAdd:
          // Both address parts constant: the plain access at their (wrapping) sum, as lowering emits it.
          if (in.a.isConst() && in.b.isConst()) {
            const uint32_t sum = uint32_t(f.consts[in.a.index()].bits[0]) + uint32_t(f.consts[in.b.index()].bits[0]);
            const Opcode base = addrAddBase(in.op);
            in.op = fromWasm(base);
            in.a = Operand::constant(internConst(f, ValType::I32, sum));
            if (wasm::opcodeInfo(base).kind == wasm::OpKind::Store) {
              in.b = in.c;
              in.c = Operand{};
            } else {
              in.b = Operand{};
            }
            ++st.folded;
          }
          break;
        case OpForm::Move:
        case OpForm::Call:
        case OpForm::Misc: break;
      }
      const SlotRun d = defRun(f, m, in);
      for (uint32_t s = d.slot; s < d.slot + d.n; ++s) known[s] = Operand::kNone;
      if (in.op == Op::Mov && in.a.isConst() && in.dst != Operand::kNone && in.type != ValType::V128) {
        known[in.dst] = in.a.index();
        touched.push_back(in.dst);
      }
    }
  }
  if (branchChanged) removeEmptyBlocks(f);
  return (st.constOperands - before.constOperands) + (st.folded - before.folded) +
         (st.identities - before.identities) + (st.branchesFolded - before.branchesFolded);
}

}  // namespace wasmc::ir
