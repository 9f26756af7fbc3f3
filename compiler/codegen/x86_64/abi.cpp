// compiler/codegen/x86_64/abi.cpp — the x86_64 MachineEnv and the internal calling convention
// (docs/abi.md): integer class in rdi, rsi, rdx, rcx, r8, r9; float/v128 in xmm0-7; the rest on the stack
// in parameter order (8 bytes, v128 16); results in rax, rdx / xmm0, xmm1, the rest in a caller area
// (16 bytes per result index) whose address is the last integer-class parameter.
#include "codegen/x86_64/abi.h"

namespace wasmc::codegen::x64 {

namespace {
template <class R, size_t N, class S, size_t M>
constexpr bool disjoint(const R (&a)[N], const S (&b)[M]) {
  for (size_t i = 0; i < N; ++i)
    for (size_t j = 0; j < M; ++j)
      if (enc(a[i]) == enc(b[j])) return false;
  return true;
}
static_assert(disjoint(kAllocGprs, kScratchGprs) && disjoint(kAllocGprs, kPinnedGprs) &&
              disjoint(kScratchGprs, kPinnedGprs));
static_assert(disjoint(kAllocXmms, kScratchXmms));

bool isIntClass(wasm::ValType t) { return !(t == wasm::ValType::F32 || t == wasm::ValType::F64 || t == wasm::ValType::V128); }

MachineEnv makeEnv() {
  MachineEnv e;
  for (Gpr r : kAllocGprs) e.allocatable[0].push_back(uint8_t(enc(r)));
  for (Gpr r : kScratchGprs) e.scratch[0].push_back(uint8_t(enc(r)));
  for (Gpr r : kPinnedGprs) e.pinned[0].push_back(uint8_t(enc(r)));
  for (Xmm r : kAllocXmms) e.allocatable[1].push_back(uint8_t(enc(r)));
  for (Xmm r : kScratchXmms) e.scratch[1].push_back(uint8_t(enc(r)));
  return e;
}
}  // namespace

const MachineEnv& machineEnv() {
  static const MachineEnv env = makeEnv();
  return env;
}

CallConv internalConvention(const wasm::FuncType& ft) {
  CallConv cc;
  unsigned ni = 0, nf = 0;
  uint32_t stack = 0;
  auto place = [&](wasm::ValType t) {
    ValueLoc l;
    if (isIntClass(t)) {
      l.cls = RegClass::Gpr;
      if (ni < 6) {
        l.reg = uint8_t(enc(kIntArgRegs[ni++]));
        return l;
      }
    } else {
      l.cls = RegClass::Fpr;
      if (nf < 8) {
        l.reg = uint8_t(enc(kFltArgRegs[nf++]));
        return l;
      }
    }
    l.inReg = false;
    l.offset = stack;
    stack += t == wasm::ValType::V128 ? 16 : 8;
    return l;
  };
  for (wasm::ValType t : ft.params) cc.params.push_back(place(t));
  unsigned ri = 0, rf = 0;
  for (size_t i = 0; i < ft.results.size(); ++i) {
    wasm::ValType t = ft.results[i];
    ValueLoc l;
    if (isIntClass(t) && ri < 2) {
      l.reg = uint8_t(enc(kIntResultRegs[ri++]));
    } else if (!isIntClass(t) && rf < 2) {
      l.cls = RegClass::Fpr;
      l.reg = uint8_t(enc(kFltResultRegs[rf++]));
    } else {
      l.inReg = false;
      l.cls = isIntClass(t) ? RegClass::Gpr : RegClass::Fpr;
      l.offset = uint32_t(16 * i);
      cc.hasResultArea = true;
    }
    cc.results.push_back(l);
  }
  if (cc.hasResultArea) {
    cc.resultArea = place(wasm::ValType::I64);
    cc.resultAreaBytes = uint32_t(16 * ft.results.size());
  }
  cc.stackBytes = (stack + 15) & ~15u;
  return cc;
}

}  // namespace wasmc::codegen::x64
