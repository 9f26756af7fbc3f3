// test/link/link_test.cpp — end-to-end AOT link check without GoogleTest: writes an ELF object with the
// x86_64 assembler + object writer, links it with host.c into a PIE executable through object::link
// (printing the lld command, like `wasmc -v`), runs it and compares its output with hand-computed text.
// Usage: wasmc_link_test HOST_OBJECT WORK_DIR. Exit status 0 = pass.
#include <sys/stat.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstring>
#include <string>

#include "codegen/x86_64/assembler.h"
#include "object/linker.h"
#include "object/object_writer.h"

using namespace wasmc;
using namespace wasmc::codegen;
using namespace wasmc::codegen::x64;
using enum Gpr;
using enum Xmm;
using enum Width;

namespace {

int fail(const std::string& why) {
  std::fprintf(stderr, "FAIL: %s\n", why.c_str());
  return 1;
}

// int wasm_sum_to(int n): s = 0; for (i = 1; i <= n; ++i) s += wasmc_rt_test_square(i); return s;
Expected<CompiledFunction> sumTo() {
  CodeBuffer b;
  Assembler a(b);
  a.push_r(Rbx);
  a.push_r(R12);
  a.push_r(R13);
  a.mov_rr(W32, R12, Rdi);  // n
  a.xor_rr(W32, R13, R13);  // s
  a.mov_ri(W32, Rbx, 1);    // i
  Label loop = a.newLabel(), done = a.newLabel();
  a.bind(loop);
  a.cmp_rr(W32, Rbx, R12);
  a.jcc_label(Cond::G, done);
  a.mov_rr(W32, Rdi, Rbx);
  a.call_helper(0);
  a.add_rr(W32, R13, Rax);
  a.add_ri(W32, Rbx, 1);
  a.jmp_label(loop);
  a.bind(done);
  a.mov_rr(W32, Rax, R13);
  a.pop_r(R13);
  a.pop_r(R12);
  a.pop_r(Rbx);
  a.ret();
  return b.finish();
}

// double wasm_scale(double x) { return x * 0.5 + 0.25; } with both constants in the pool.
Expected<CompiledFunction> scale() {
  CodeBuffer b;
  Assembler a(b);
  double half = 0.5, quarter = 0.25;
  uint64_t h, q;
  std::memcpy(&h, &half, 8);
  std::memcpy(&q, &quarter, 8);
  a.mulsd_rm(Xmm0, a.const64(h));
  a.addsd_rm(Xmm0, a.const64(q));
  a.ret();
  return b.finish();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) return fail("usage: wasmc_link_test HOST_OBJECT WORK_DIR");
  std::string host = argv[1], dir = argv[2];
  mkdir(dir.c_str(), 0755);

  Expected<CompiledFunction> f0 = sumTo(), f1 = scale();
  if (!f0) return fail(f0.error().format());
  if (!f1) return fail(f1.error().format());
  object::ObjectModule m;
  m.functions.push_back({"wasm_sum_to", object::Binding::Global, std::move(f0.value())});
  m.functions.push_back({"wasm_scale", object::Binding::Global, std::move(f1.value())});
  object::ObjectData table;  // { &wasm_sum_to, &wasm_sum_to + 7 }: the difference must be 7 after linking
  table.symbol = "wasm_table";
  table.bytes.assign(16, 0);
  table.relocs = {{0, "wasm_sum_to", 0}, {8, "wasm_sum_to", 7}};
  m.data.push_back(table);
  m.resolve = object::tableResolver({"wasm_sum_to", "wasm_scale"}, {"wasmc_rt_test_square"}, {});
  std::string obj = dir + "/module.o", app = dir + "/app";
  if (Status s = object::writeObject(m, obj); !s) return fail(s.error().format());

  object::LinkOptions lo;
  lo.output = object::LinkOutput::Executable;
  lo.inputs = {host, obj};
  lo.outputPath = app;
  std::string command;
  lo.onCommand = [&](const std::string& c) {
    command = c;
    std::printf("%s\n", c.c_str());
  };
  if (Status s = object::link(lo); !s) return fail(s.error().format());
  if (command.find(" -pie ") == std::string::npos || command.find("Scrt1.o") == std::string::npos) {
    return fail("unexpected link command: " + command);
  }

  FILE* p = popen(("timeout 30 " + app).c_str(), "r");
  if (!p) return fail("cannot run " + app);
  char buf[256] = {0};
  size_t n = std::fread(buf, 1, sizeof buf - 1, p);
  int st = pclose(p);
  std::string out(buf, n);
  const std::string expected = "sum_to(4)=30 scale(3)=1.750 table=7\n";  // 1+4+9+16; 3*0.5+0.25
  if (out != expected) return fail("output '" + out + "', expected '" + expected + "'");
  if (!WIFEXITED(st) || WEXITSTATUS(st) != 14) return fail("exit status not 14 (1+4+9)");  // sum_to(3)
  std::printf("PASS: %s", out.c_str());
  return 0;
}
