// test/unit/codegen/code_buffer_test.cpp — labels (rel8/rel32, forward/backward, range limits),
// RIP-relative label operands, relocations, constant pool, trap sites and field patching, checked
// through the x86_64 assembler and LLVM's disassembler (and raw ARM64 words for the ARM64 field kinds).
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "codegen/code_buffer.h"
#include "codegen/x86_64/assembler.h"
#include "disasm_oracle.h"

namespace wasmc::codegen {
namespace {

using testing::AsmSyntax;
using testing::DisasmOracle;
using testing::hexBytes;
using namespace x64;
using enum Gpr;
using enum Xmm;
using enum Width;

std::unique_ptr<DisasmOracle> makeOracle(const char* triple, bool addresses) {
  std::string err;
  auto o = DisasmOracle::create(triple, AsmSyntax::Intel, &err);
  EXPECT_TRUE(o) << err;
  if (o) o->setPrintBranchAsAddress(addresses);
  return o;
}

std::string textOf(const CompiledFunction& f, uint64_t address = 0) {
  auto o = makeOracle("x86_64-unknown-linux-gnu", true);
  return o ? o->text(f.code.data(), f.code.size(), address) : "";
}

CompiledFunction finishOk(CodeBuffer& buf) {
  auto r = buf.finish();
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().format());
  return r.ok() ? std::move(*r) : CompiledFunction{};
}

TEST(CodeBuffer, BackwardJumpsPickShortForm) {
  CodeBuffer buf;
  Assembler a(buf);
  Label top = a.newLabel();
  a.bind(top);
  a.nop(1);
  a.jmp_label(top);
  a.jcc_label(Cond::NE, top);
  CompiledFunction f = finishOk(buf);
  EXPECT_EQ(hexBytes(f.code.data(), f.code.size()), "90 eb fd 75 fb");
  EXPECT_EQ(textOf(f), "nop; jmp 0x0; jne 0x0");
}

TEST(CodeBuffer, BackwardShortRangeBoundary) {
  // A 2-byte branch at offset 126 reaches offset 0 with rel8 = -128; at offset 127 it needs rel32.
  for (uint32_t pad : {126u, 127u}) {
    CodeBuffer buf;
    Assembler a(buf);
    Label top = a.newLabel();
    a.bind(top);
    a.nop(pad);
    a.jmp_label(top);
    CompiledFunction f = finishOk(buf);
    ASSERT_GE(f.code.size(), pad + 2);
    if (pad == 126) {
      EXPECT_EQ(hexBytes(f.code.data() + pad, f.code.size() - pad), "eb 80");
    } else {
      EXPECT_EQ(hexBytes(f.code.data() + pad, f.code.size() - pad), "e9 7c ff ff ff");  // 0 - 132
    }
  }
  CodeBuffer buf;
  Assembler a(buf);
  Label top = a.newLabel();
  a.bind(top);
  a.nop(200);
  a.jcc_label(Cond::L, top);
  CompiledFunction f = finishOk(buf);
  EXPECT_EQ(hexBytes(f.code.data() + 200, 6), "0f 8c 32 ff ff ff");  // 0 - 206
}

TEST(CodeBuffer, ForwardJumpsUseRel32AndArePatchedOnBind) {
  CodeBuffer buf;
  Assembler a(buf);
  Label done = a.newLabel();
  Label fn = a.newLabel();
  a.test_rr(W32, Rdi, Rdi);
  a.jcc_label(Cond::E, done);
  a.call_label(fn);
  a.jmp_label(done);
  a.bind(fn);
  a.ret();
  a.bind(done);
  a.ret();
  CompiledFunction f = finishOk(buf);
  EXPECT_EQ(hexBytes(f.code.data(), f.code.size()),
            "85 ff 0f 84 0b 00 00 00 e8 05 00 00 00 e9 01 00 00 00 c3 c3");
  EXPECT_EQ(textOf(f), "test edi, edi; je 0x13; call 0x12; jmp 0x13; ret; ret");
}

TEST(CodeBuffer, ForcedShortForwardJump) {
  CodeBuffer buf;
  Assembler a(buf);
  Label l = a.newLabel();
  a.jmp_label(l, JumpSize::Short);
  a.nop(127);
  a.bind(l);
  CompiledFunction f = finishOk(buf);
  EXPECT_EQ(hexBytes(f.code.data(), 2), "eb 7f");

  CodeBuffer far;
  Assembler b(far);
  Label m = b.newLabel();
  b.jcc_label(Cond::E, m, JumpSize::Short);
  b.nop(128);
  b.bind(m);
  auto r = far.finish();
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("out of range"), std::string::npos) << r.error().message;
}

TEST(CodeBuffer, UnboundLabelIsAnError) {
  CodeBuffer buf;
  Assembler a(buf);
  Label l = a.newLabel();
  Label unused = a.newLabel();
  (void)unused;  // an unreferenced unbound label is fine
  a.jmp_label(l);
  auto r = buf.finish();
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("never bound"), std::string::npos) << r.error().message;
}

TEST(CodeBuffer, RipRelativeLabelOperandsCountTrailingImmediates) {
  CodeBuffer buf;
  Assembler a(buf);
  Label data = a.newLabel();
  a.lea_rm(W64, Rax, Mem::rip(data));            // 7 bytes, ends at 7
  a.cmpps_rmi(Xmm1, Mem::rip(data), 1);          // 8 bytes with imm8, ends at 15
  a.cmp_mi(W32, Mem::rip(data, 4), 1000);        // 10 bytes with imm32, ends at 25
  a.nop(7);
  a.bind(data);                                  // at 32
  CompiledFunction f = finishOk(buf);
  auto o = makeOracle("x86_64-unknown-linux-gnu", false);
  ASSERT_TRUE(o);
  auto insts = o->disassemble(f.code.data(), f.code.size());
  ASSERT_GE(insts.size(), 3u);
  EXPECT_EQ(insts[0].text, "lea rax, [rip + 25]");
  EXPECT_EQ(insts[1].text, "cmpltps xmm1, xmmword ptr [rip + 17]");
  EXPECT_EQ(insts[2].text, "cmp dword ptr [rip + 11], 1000");
}

TEST(CodeBuffer, RelocationsForCallsHelpersAndConstants) {
  CodeBuffer buf;
  Assembler a(buf);
  a.call_func(7);                                  // e8 at 0, field at 1
  a.call_helper(2);                                // e8 at 5, field at 6
  const uint8_t mask[16] = {0xff, 0xff, 0xff, 0x7f, 0xff, 0xff, 0xff, 0x7f,
                            0xff, 0xff, 0xff, 0x7f, 0xff, 0xff, 0xff, 0x7f};
  Mem m1 = a.const128(mask);
  a.andps_rm(Xmm0, m1);                            // 0f 54 05 disp32 at 10, field at 13
  Mem m2 = a.const128(mask);                       // deduplicated
  a.pshufd_rmi(Xmm1, m2, 0x1b);                    // 66 0f 70 0d disp32 ib at 17, field at 21
  Mem m3 = a.const64(0x3ff0000000000000ull);
  a.movsd_rm(Xmm2, m3);                            // f2 0f 10 15 disp32 at 26, field at 30
  a.jmp_func(9);                                   // e9 at 34, field at 35
  CompiledFunction f = finishOk(buf);
  EXPECT_EQ(m1.target, 0u);
  EXPECT_EQ(m2.target, 0u);
  EXPECT_EQ(m3.target, 16u);
  EXPECT_EQ(f.constPool.bytes.size(), 24u);
  EXPECT_EQ(f.constPool.align, 16u);
  ASSERT_EQ(f.relocs.size(), 6u);
  struct Want { FieldKind kind; RelocTarget target; uint32_t offset; uint32_t index; int64_t addend; };
  const Want want[6] = {
      {FieldKind::Rel32, RelocTarget::Function, 1, 7, -4},
      {FieldKind::Rel32, RelocTarget::Helper, 6, 2, -4},
      {FieldKind::Rel32, RelocTarget::ConstPool, 13, 0, -4},
      {FieldKind::Rel32, RelocTarget::ConstPool, 21, 0, -5},
      {FieldKind::Rel32, RelocTarget::ConstPool, 30, 16, -4},
      {FieldKind::Rel32, RelocTarget::Function, 35, 9, -4},
  };
  for (int i = 0; i < 6; ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(f.relocs[i].kind, want[i].kind);
    EXPECT_EQ(f.relocs[i].target, want[i].target);
    EXPECT_EQ(f.relocs[i].offset, want[i].offset);
    EXPECT_EQ(f.relocs[i].index, want[i].index);
    EXPECT_EQ(f.relocs[i].addend, want[i].addend);
  }

  // Resolve as a JIT would: code at 0x1000, pool at 0x1040, function 7 at 0x2000, helper 2 at 0x3000.
  std::vector<uint8_t> code = f.code;
  for (const Reloc& r : f.relocs) {
    uint64_t s = 0;
    switch (r.target) {
      case RelocTarget::Function: s = 0x2000 + 0x100 * (r.index - 7); break;
      case RelocTarget::Helper: s = 0x3000; break;
      case RelocTarget::ConstPool: s = 0x1040 + r.index; break;
      case RelocTarget::Data: s = 0; break;
    }
    ASSERT_TRUE(patchField(code.data(), r.offset, r.kind, 0x1000, s, r.addend));
  }
  auto o = makeOracle("x86_64-unknown-linux-gnu", true);
  ASSERT_TRUE(o);
  // RIP-relative operands print as disp: 0x1040 - 0x1011 = 47, 0x1040 - 0x101a = 38, 0x1050 - 0x1022 = 46.
  EXPECT_EQ(o->text(code.data(), code.size(), 0x1000),
            "call 0x2000; call 0x3000; andps xmm0, xmmword ptr [rip + 47]; "
            "pshufd xmm1, xmmword ptr [rip + 38], 27; movsd xmm2, qword ptr [rip + 46]; jmp 0x2200");
}

TEST(CodeBuffer, TrapSitesAreSortedAndPointAtTheFaultingInstruction) {
  CodeBuffer buf;
  Assembler a(buf);
  a.mov_ri(W32, Rax, 1);
  a.trapSite(TrapCode::MemoryOutOfBounds, 0x40);
  a.mov_rm(W32, Rcx, Mem(R15, Rax, 1, 8));
  a.trapSite(TrapCode::IntDivByZero, 0x44);
  a.idiv_r(W32, Rcx);
  Label stub = a.newLabel();
  a.jcc_label(Cond::O, stub);
  a.ret();
  a.bind(stub);
  a.trapSite(TrapCode::IntOverflow, 0x44);
  a.ud2();
  buf.addTrapSite(0, TrapCode::CallStackExhausted, 0x30);  // recorded late, sorted by finish()
  CompiledFunction f = finishOk(buf);
  ASSERT_EQ(f.trapSites.size(), 4u);
  EXPECT_EQ(f.trapSites[0].codeOffset, 0u);
  EXPECT_EQ(f.trapSites[0].code, TrapCode::CallStackExhausted);
  EXPECT_EQ(f.trapSites[1].codeOffset, 5u);
  EXPECT_EQ(f.trapSites[1].code, TrapCode::MemoryOutOfBounds);
  EXPECT_EQ(f.trapSites[1].wasmOffset, 0x40u);
  EXPECT_EQ(f.trapSites[2].codeOffset, 10u);
  EXPECT_EQ(f.trapSites[2].code, TrapCode::IntDivByZero);
  EXPECT_EQ(f.trapSites[3].codeOffset, 19u);
  EXPECT_EQ(f.trapSites[3].code, TrapCode::IntOverflow);
  EXPECT_EQ(textOf(f), "mov eax, 1; mov ecx, dword ptr [r15 + rax + 8]; idiv ecx; jo 0x13; ret; ud2");
}

TEST(CodeBuffer, AlignPadsWithDecodableNops) {
  for (uint32_t start = 0; start < 16; ++start) {
    CodeBuffer buf;
    Assembler a(buf);
    for (uint32_t i = 0; i < start; ++i) a.int3();
    a.align(16);
    EXPECT_EQ(a.offset(), start == 0 ? 0u : 16u);
    a.ret();
    CompiledFunction f = finishOk(buf);
    auto o = makeOracle("x86_64-unknown-linux-gnu", false);
    ASSERT_TRUE(o);
    auto insts = o->disassemble(f.code.data(), f.code.size());
    for (const auto& d : insts) EXPECT_NE(d.text, "<invalid>") << "start " << start;
    EXPECT_EQ(insts.back().text, "ret");
  }
  CodeBuffer buf;
  Assembler a(buf);
  a.nop(20);  // 9 + 9 + 2
  CompiledFunction f = finishOk(buf);
  auto o = makeOracle("x86_64-unknown-linux-gnu", false);
  EXPECT_EQ(o->text(f.code.data(), f.code.size()),
            "nop word ptr [rax + rax]; nop word ptr [rax + rax]; nop");
}

TEST(CodeBuffer, JumpTableEntriesAreLabelRelative) {
  CodeBuffer buf;
  Assembler a(buf);
  Label table = a.newLabel(), c0 = a.newLabel(), c1 = a.newLabel();
  a.lea_rm(W64, Rcx, Mem::rip(table));        // 0..7
  a.movsxd_rm(Rax, Mem(Rcx, Rax, 4));         // 7..11
  a.add_rr(W64, Rax, Rcx);                    // 11..14
  a.jmp_r(Rax);                               // 14..16
  a.bind(table);                              // 16
  a.dd_labelRel(c0, 0);                       // entry = c0 - 16
  a.dd_labelRel(c1, 4);                       // entry = c1 - 20 + 4 = c1 - 16
  a.bind(c0);                                 // 24
  a.ret();
  a.bind(c1);                                 // 25
  a.ud2();
  CompiledFunction f = finishOk(buf);
  ASSERT_EQ(f.code.size(), 27u);
  EXPECT_EQ(hexBytes(f.code.data() + 16, 8), "08 00 00 00 09 00 00 00");
}

TEST(CodeBuffer, GrowsAcrossManyInstructions) {
  CodeBuffer buf;
  Assembler a(buf);
  Label top = a.newLabel(), end = a.newLabel();
  a.bind(top);
  a.jmp_label(end);                                   // 5 bytes, patched 100000 instructions later
  for (int i = 0; i < 100000; ++i) a.add_rr(W64, gpr(i), gpr(i + 1));  // 3 bytes each
  a.jmp_label(top);                                   // far backward: rel32
  a.bind(end);
  CompiledFunction f = finishOk(buf);
  ASSERT_EQ(f.code.size(), 5u + 300000u + 5u);
  auto o = makeOracle("x86_64-unknown-linux-gnu", true);
  ASSERT_TRUE(o);
  EXPECT_EQ(o->text(f.code.data(), 5), "jmp 0x493ea");       // 0x493ea = 300010
  EXPECT_EQ(o->text(f.code.data() + 5 + 3 * 99999, 8, 5 + 3 * 99999), "add r15, rax; jmp 0x0");
}

TEST(CodeBuffer, ConstPoolDeduplicatesOnlyAlignedMatches) {
  ConstPool p;
  uint32_t a = 1, b = 2;
  EXPECT_EQ(p.add(&a, 4, 4), 0u);
  EXPECT_EQ(p.add(&b, 4, 4), 4u);
  EXPECT_EQ(p.add(&a, 4, 4), 0u);
  uint64_t q = 2;  // bytes 02 00 .. at offset 4 exist but are not 8-byte aligned as a whole entry
  EXPECT_EQ(p.add(&q, 8, 8), 8u);
  EXPECT_EQ(p.bytes.size(), 16u);
  EXPECT_EQ(p.align, 8u);
}

TEST(CodeBuffer, Abs64AndRangeChecks) {
  uint8_t code[16] = {};
  EXPECT_TRUE(patchField(code, 0, FieldKind::Abs64, 0, 0x123456789abcdef0ull, 0x10));
  uint64_t v;
  std::memcpy(&v, code, 8);
  EXPECT_EQ(v, 0x123456789abcdf00ull);
  EXPECT_TRUE(patchField(code, 8, FieldKind::Rel32, 0x1000, 0x1000 + 8 + 0x7fffffffll, 0));
  EXPECT_FALSE(patchField(code, 8, FieldKind::Rel32, 0x1000, 0x1000 + 8 + 0x80000000ll, 0));
  EXPECT_TRUE(patchField(code, 8, FieldKind::Rel8, 0x1000, 0x1000 + 8 - 128, 0));
  EXPECT_FALSE(patchField(code, 8, FieldKind::Rel8, 0x1000, 0x1000 + 8 + 128, 0));
}

// ARM64 field kinds, with raw instruction words (the ARM64 assembler does not exist yet): each label
// reference is patched and LLVM's AArch64 disassembler must show the bound target.
TEST(CodeBuffer, Arm64FieldKinds) {
  CodeBuffer buf;
  Label back = buf.newLabel(), fwd = buf.newLabel();
  buf.bind(back);
  buf.emit32(0xd503201f);  // nop                                 0x0
  uint32_t at = buf.size();
  buf.emit32(0x14000000);  // b                                   0x4
  buf.addLabelRef(back, at, FieldKind::Arm64Branch26, 0);
  at = buf.size();
  buf.emit32(0x94000000);  // bl                                  0x8
  buf.addLabelRef(fwd, at, FieldKind::Arm64Branch26, 0);
  at = buf.size();
  buf.emit32(0x54000001);  // b.ne                                0xc
  buf.addLabelRef(fwd, at, FieldKind::Arm64Cond19, 0);
  at = buf.size();
  buf.emit32(0xb4000000);  // cbz x0                              0x10
  buf.addLabelRef(back, at, FieldKind::Arm64Cond19, 0);
  at = buf.size();
  buf.emit32(0x36180000);  // tbz w0, #3                          0x14
  buf.addLabelRef(fwd, at, FieldKind::Arm64Test14, 0);
  at = buf.size();
  buf.emit32(0x10000001);  // adr x1                              0x18
  buf.addLabelRef(fwd, at, FieldKind::Arm64Adr21, 0);
  buf.emit32(0xd503201f);  // nop                                 0x1c
  buf.bind(fwd);           //                                     0x20
  buf.emit32(0xd65f03c0);  // ret
  CompiledFunction f = finishOk(buf);
  auto o = makeOracle("aarch64-unknown-linux-gnu", true);
  ASSERT_TRUE(o);
  EXPECT_EQ(o->text(f.code.data(), f.code.size()),
            "nop; b 0x0; bl 0x20; b.ne 0x20; cbz x0, 0x0; tbz w0, #3, 0x20; adr x1, #8; nop; ret");
}

// ADRP + ADD pairs exist as relocations only (the page depends on the final address): resolve them
// as the JIT would, at a code address that is not page-aligned.
TEST(CodeBuffer, Arm64AdrpAddPatching) {
  uint8_t code[8];
  const uint32_t adrp = 0x90000000, add = 0x91000000;  // adrp x0, 0; add x0, x0, #0
  std::memcpy(code, &adrp, 4);
  std::memcpy(code + 4, &add, 4);
  const uint64_t base = 0x10ff8, target = 0x23456;
  ASSERT_TRUE(patchField(code, 0, FieldKind::Arm64AdrpPage21, base, target - 6, 6));
  ASSERT_TRUE(patchField(code, 4, FieldKind::Arm64AddLo12, base, target - 6, 6));
  auto o = makeOracle("aarch64-unknown-linux-gnu", true);
  ASSERT_TRUE(o);
  EXPECT_EQ(o->text(code, 8, base), "adrp x0, 0x23000; add x0, x0, #1110");
  EXPECT_FALSE(patchField(code, 0, FieldKind::Arm64AdrpPage21, 0, uint64_t{1} << 33, 0));
}

}  // namespace
}  // namespace wasmc::codegen
