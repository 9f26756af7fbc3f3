// test/unit/codegen/object_writer_test.cpp — the ELF object writer and the lld step, checked from outside:
// symbols/relocations through llvm-readelf, disassembly through llvm-objdump, and real execution (x86_64
// .so through dlopen; AArch64 executable under qemu when the cross tools exist). Expected values are
// written by hand here (ELF relocation names, results of the functions), never taken from the writer.
#include <dlfcn.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include "codegen/x86_64/assembler.h"
#include "object/linker.h"
#include "object/object_writer.h"

namespace wasmc::object {
namespace {

using codegen::CodeBuffer;
using codegen::CompiledFunction;
using codegen::FieldKind;
using codegen::RelocTarget;
using namespace codegen::x64;
using enum Gpr;
using enum Xmm;
using enum Width;
namespace fs = std::filesystem;

constexpr const char* kLlvmBin = "/usr/lib/llvm-14/bin/";

struct TempDir {
  std::string path;
  TempDir() {
    std::string t = (fs::temp_directory_path() / "wasmc_object_XXXXXX").string();
    path = mkdtemp(t.data()) ? t : "";
  }
  ~TempDir() {
    std::error_code ec;
    if (!path.empty()) fs::remove_all(path, ec);
  }
  std::string operator/(const std::string& name) const { return path + "/" + name; }
};

// Runs a shell command; returns its stdout+stderr and sets *status to the exit status. Commands that run
// generated code go through `timeout`: wrong relocations tend to make it loop rather than crash.
std::string run(const std::string& cmd, int* status = nullptr) {
  std::string out;
  FILE* p = popen((cmd + " 2>&1").c_str(), "r");
  if (!p) return out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int st = pclose(p);
  if (status) *status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return out;
}

bool exists(const std::string& p) { return access(p.c_str(), F_OK) == 0; }

std::string readelf(const std::string& path) {
  return run(std::string(kLlvmBin) + "llvm-readelf -r -s --wide " + path);
}

// The readelf line (relocation or symbol) matching `re`, or "" when none does.
bool hasLine(const std::string& text, const std::string& re) {
  std::regex r(re);
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    if (std::regex_search(text.substr(pos, end - pos), r)) return true;
    pos = end + 1;
  }
  return false;
}

// Value of a symbol in readelf -s output (first match).
uint64_t symbolValue(const std::string& text, const std::string& name) {
  std::regex r("^\\s*\\d+:\\s+([0-9a-f]+)\\s+\\d+\\s+\\w+\\s+\\w+\\s+\\w+\\s+\\S+\\s+" + name + "$");
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::smatch m;
    std::string line = text.substr(pos, end - pos);
    if (std::regex_search(line, m, r)) return std::stoull(m[1].str(), nullptr, 16);
    pos = end + 1;
  }
  return ~uint64_t{0};
}

std::string hex(uint64_t v) {
  char b[32];
  snprintf(b, sizeof b, "%016llx", static_cast<unsigned long long>(v));
  return b;
}

CompiledFunction finish(CodeBuffer& buf) {
  Expected<CompiledFunction> f = buf.finish();
  EXPECT_TRUE(f.ok());
  return f.ok() ? std::move(f.value()) : CompiledFunction{};
}

// ---------------------------------------------------------------- x86_64 module under test
// Function indices: 0 add, 1 call_add, 2 load_const, 3 call_helper, 4 local_fn, 5 call_local, 6 get_table.
enum { kAdd, kCallAdd, kLoadConst, kCallHelper, kLocalFn, kCallLocal, kGetTable };

CompiledFunction x86Add() {  // int add(int a, int b) { return a + b; }
  CodeBuffer b;
  Assembler a(b);
  a.mov_rr(W32, Rax, Rdi);
  a.add_rr(W32, Rax, Rsi);
  a.ret();
  return finish(b);
}

CompiledFunction x86CallAdd() {  // int call_add(int a, int b) { return add(a, b) + 1; }
  CodeBuffer b;
  Assembler a(b);
  a.sub_ri(W64, Rsp, 8);
  a.call_func(kAdd);
  a.add_ri(W32, Rax, 1);
  a.add_ri(W64, Rsp, 8);
  a.ret();
  return finish(b);
}

CompiledFunction x86LoadConst() {  // double load_const(void) { return 1.25 + 2.0; } via two pool entries
  CodeBuffer b;
  Assembler a(b);
  double x = 1.25, y = 2.0;
  uint64_t bx, by;
  std::memcpy(&bx, &x, 8);
  std::memcpy(&by, &y, 8);
  a.movsd_rm(Xmm0, a.const64(bx));
  a.addsd_rm(Xmm0, a.const64(by));
  a.ret();
  return finish(b);
}

CompiledFunction x86CallHelper() {  // int call_helper(int x) { return wasmc_rt_test_triple(x) + 100; }
  CodeBuffer b;
  Assembler a(b);
  a.sub_ri(W64, Rsp, 8);
  a.call_helper(0);
  a.add_ri(W32, Rax, 100);
  a.add_ri(W64, Rsp, 8);
  a.ret();
  return finish(b);
}

CompiledFunction x86Const(int32_t v) {  // int f(void) { return v; }
  CodeBuffer b;
  Assembler a(b);
  a.mov_ri(W32, Rax, v);
  a.ret();
  return finish(b);
}

CompiledFunction x86TailCall(uint32_t callee) {  // jmp callee
  CodeBuffer b;
  Assembler a(b);
  a.jmp_func(callee);
  return finish(b);
}

CompiledFunction x86Triple() {  // int wasmc_rt_test_triple(int x) { return 3 * x; }
  CodeBuffer b;
  Assembler a(b);
  a.imul_rri(W32, Rax, Rdi, 3);
  a.ret();
  return finish(b);
}

// void* get_table(void) { return &table; } — a RIP-relative lea whose relocation we retarget to Data 0
// (the assembler has no data-symbol operand yet; the constant-pool form produces the same bytes).
CompiledFunction x86GetTable() {
  CodeBuffer b;
  Assembler a(b);
  a.lea_rm(W64, Rax, Mem::constPool(0));
  a.ret();
  CompiledFunction f = finish(b);
  EXPECT_EQ(f.relocs.size(), 1u);
  if (!f.relocs.empty()) {
    f.relocs[0].target = RelocTarget::Data;
    f.relocs[0].index = 0;
  }
  return f;
}

ObjectModule x86Module() {
  ObjectModule m;
  m.target = Target::X86_64;
  m.functions.push_back({"add", Binding::Global, x86Add()});
  m.functions.push_back({"call_add", Binding::Global, x86CallAdd()});
  m.functions.push_back({"load_const", Binding::Global, x86LoadConst()});
  m.functions.push_back({"call_helper", Binding::Global, x86CallHelper()});
  m.functions.push_back({"local_fn", Binding::Local, x86Const(42)});
  m.functions.push_back({"call_local", Binding::Global, x86TailCall(kLocalFn)});
  m.functions.push_back({"get_table", Binding::Global, x86GetTable()});
  ObjectData table;  // { &add, &load_const + 0 , &call_local }
  table.symbol = "table";
  table.section = DataSection::ReadOnly;
  table.bytes.assign(24, 0xee);  // the writer must clear relocated fields
  table.relocs = {{0, "add", 0}, {8, "load_const", 0}, {16, "local_fn", 0}};
  m.data.push_back(table);
  ObjectData counter;
  counter.symbol = "counter";
  counter.section = DataSection::Writable;
  counter.align = 4;
  counter.bytes = {7, 0, 0, 0};
  m.data.push_back(counter);
  ObjectData message;
  message.symbol = "message";
  message.section = DataSection::ReadOnly;
  message.align = 1;
  message.bytes = {'h', 'i', 0};
  m.data.push_back(message);
  m.resolve = tableResolver({"add", "call_add", "load_const", "call_helper", "local_fn", "call_local", "get_table"},
                            {"wasmc_rt_test_triple"}, {"table"});
  return m;
}

ObjectModule x86HelperModule() {
  ObjectModule m;
  m.functions.push_back({"wasmc_rt_test_triple", Binding::Global, x86Triple()});
  return m;
}

TEST(ObjectWriterX86, SymbolsAndRelocations) {
  TempDir dir;
  ObjectModule m = x86Module();
  std::string obj = dir / "m.o";
  Status s = writeObject(m, obj);
  ASSERT_TRUE(s.ok()) << s.error().format();
  std::string out = readelf(obj);

  // Function symbols: typed, sized, bound as requested.
  EXPECT_TRUE(hasLine(out, "\\s5 FUNC\\s+GLOBAL\\s+PROTECTED\\s+\\d+ add$")) << out;  // mov (2) + add (2) + ret (1)
  EXPECT_TRUE(hasLine(out, "FUNC\\s+GLOBAL\\s+PROTECTED\\s+\\d+ call_add$")) << out;
  EXPECT_TRUE(hasLine(out, "FUNC\\s+LOCAL\\s+DEFAULT\\s+\\d+ local_fn$")) << out;
  EXPECT_TRUE(hasLine(out, "\\s16 OBJECT\\s+LOCAL\\s+DEFAULT\\s+\\d+ load_const.pool$")) << out;
  EXPECT_TRUE(hasLine(out, "\\s24 OBJECT\\s+GLOBAL\\s+PROTECTED\\s+\\d+ table$")) << out;
  EXPECT_TRUE(hasLine(out, "\\s4 OBJECT\\s+GLOBAL\\s+PROTECTED\\s+\\d+ counter$")) << out;
  EXPECT_TRUE(hasLine(out, "\\s3 OBJECT\\s+GLOBAL\\s+PROTECTED\\s+\\d+ message$")) << out;
  EXPECT_TRUE(hasLine(out, "NOTYPE\\s+GLOBAL\\s+DEFAULT\\s+UND wasmc_rt_test_triple$")) << out;

  // Relocations: sections and types.
  EXPECT_TRUE(hasLine(out, "Relocation section '.rela.text'")) << out;
  EXPECT_TRUE(hasLine(out, "Relocation section '.rela.data.rel.ro'")) << out;
  EXPECT_TRUE(hasLine(out, "R_X86_64_PLT32\\s+0+ add - 4$")) << out;
  EXPECT_TRUE(hasLine(out, "R_X86_64_PLT32\\s+0+ wasmc_rt_test_triple - 4$")) << out;
  EXPECT_TRUE(hasLine(out, "R_X86_64_PC32\\s+[0-9a-f]+ table - 4$")) << out;
  EXPECT_TRUE(hasLine(out, "R_X86_64_64\\s+[0-9a-f]+ add \\+ 0$")) << out;
  EXPECT_TRUE(hasLine(out, "R_X86_64_64\\s+[0-9a-f]+ load_const \\+ 0$")) << out;
  // The pool entries: 1.25 at pool+0, 2.0 at pool+8 (local symbol: MC may use the section symbol).
  EXPECT_TRUE(hasLine(out, "R_X86_64_PC32\\s+[0-9a-f]+ (load_const.pool|.rodata) - 4$")) << out;
  EXPECT_TRUE(hasLine(out, "R_X86_64_PC32\\s+[0-9a-f]+ (load_const.pool|.rodata) \\+ 4$")) << out;

  // The call's relocation is at call_add + 5 (sub rsp, 8 is 4 bytes; E8 at +4).
  uint64_t callAdd = symbolValue(out, "call_add");
  ASSERT_NE(callAdd, ~uint64_t{0}) << out;
  EXPECT_TRUE(hasLine(out, "^" + hex(callAdd + 5) + "\\s+[0-9a-f]+\\s+R_X86_64_PLT32\\s+0+ add - 4$")) << out;
  // Functions are 16-byte aligned.
  EXPECT_EQ(callAdd % 16, 0u);

  // Non-executable stack note, and the sections blobs go to.
  std::string sections = run(std::string(kLlvmBin) + "llvm-readelf -S --wide " + obj);
  EXPECT_NE(sections.find(".note.GNU-stack"), std::string::npos) << sections;
  EXPECT_TRUE(hasLine(sections, "\\] \\.data\\.rel\\.ro\\s+PROGBITS\\s.*\\sWA\\s")) << sections;
  EXPECT_TRUE(hasLine(sections, "\\] \\.rodata\\s+PROGBITS\\s.*\\sA\\s")) << sections;
  EXPECT_TRUE(hasLine(sections, "\\] \\.text\\s+PROGBITS\\s.*\\sAX\\s")) << sections;

  // Disassembly shows the functions by name.
  std::string dis = run(std::string(kLlvmBin) + "llvm-objdump -d --no-show-raw-insn " + obj);
  EXPECT_NE(dis.find("<add>:"), std::string::npos) << dis;
  EXPECT_NE(dis.find("<call_helper>:"), std::string::npos) << dis;
  EXPECT_TRUE(hasLine(dis, "imul|add\\s+eax, esi|addl\\s+%esi, %eax")) << dis;
}

TEST(ObjectWriterX86, InMemoryEqualsFile) {
  TempDir dir;
  ObjectModule m = x86Module();
  Expected<std::vector<uint8_t>> mem = writeObjectToMemory(m);
  ASSERT_TRUE(mem.ok()) << mem.error().format();
  ASSERT_GT(mem->size(), 64u);
  EXPECT_EQ(0, std::memcmp(mem->data(), "\x7f" "ELF\x02\x01", 6));  // ELF64, little-endian
  ASSERT_TRUE(writeObject(m, dir / "a.o").ok());
  std::ifstream f(dir / "a.o", std::ios::binary);
  std::vector<uint8_t> disk((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  EXPECT_EQ(disk, mem.value());
  // No temporary file is left next to the output.
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(dir.path)) files += e.is_regular_file() ? 1 : 0;
  EXPECT_EQ(files, 1u);
}

using AddFn = int (*)(int, int);
using IntFn = int (*)(int);
using VoidIntFn = int (*)();
using DoubleFn = double (*)();

TEST(ObjectWriterX86, LinkSharedAndCall) {
  TempDir dir;
  ASSERT_TRUE(writeObject(x86Module(), dir / "m.o").ok());
  ASSERT_TRUE(writeObject(x86HelperModule(), dir / "helper.o").ok());
  LinkOptions lo;
  lo.inputs = {dir / "m.o", dir / "helper.o"};
  lo.outputPath = dir / "libm.so";
  std::string printed;
  lo.onCommand = [&](const std::string& c) { printed = c; };
  Status s = link(lo);
  ASSERT_TRUE(s.ok()) << s.error().format();
  EXPECT_NE(printed.find("ld.lld"), std::string::npos);
  EXPECT_NE(printed.find(" -shared "), std::string::npos) << printed;
#if WASMC_HAVE_LLD
  EXPECT_EQ(printed.rfind("[lld 14 (in-process, forked), /", 0), 0u) << printed;
  EXPECT_NE(printed.find("libwasmc_llvm.so] "), std::string::npos) << printed;
#else
  EXPECT_EQ(printed.rfind(defaultLldPath() + " ", 0), 0u) << printed;
#endif

  void* h = dlopen(lo.outputPath.c_str(), RTLD_NOW | RTLD_LOCAL);
  ASSERT_NE(h, nullptr) << dlerror();
  auto add = reinterpret_cast<AddFn>(dlsym(h, "add"));
  auto callAdd = reinterpret_cast<AddFn>(dlsym(h, "call_add"));
  auto loadConst = reinterpret_cast<DoubleFn>(dlsym(h, "load_const"));
  auto callHelper = reinterpret_cast<IntFn>(dlsym(h, "call_helper"));
  auto callLocal = reinterpret_cast<VoidIntFn>(dlsym(h, "call_local"));
  auto getTable = reinterpret_cast<void* const* (*)()>(dlsym(h, "get_table"));
  auto* counter = static_cast<int*>(dlsym(h, "counter"));
  auto* message = static_cast<const char*>(dlsym(h, "message"));
  ASSERT_TRUE(add && callAdd && loadConst && callHelper && callLocal && getTable && counter && message);
  EXPECT_EQ(dlsym(h, "local_fn"), nullptr);  // local binding: not exported
  EXPECT_EQ(add(2, 3), 5);
  EXPECT_EQ(add(-7, 3), -4);
  EXPECT_EQ(callAdd(2, 3), 6);
  EXPECT_EQ(loadConst(), 3.25);
  EXPECT_EQ(callHelper(7), 121);
  EXPECT_EQ(callLocal(), 42);
  void* const* table = getTable();
  EXPECT_EQ(table, dlsym(h, "table"));
  EXPECT_EQ(table[0], reinterpret_cast<void*>(add));
  EXPECT_EQ(reinterpret_cast<AddFn>(table[0])(10, 20), 30);
  EXPECT_EQ(reinterpret_cast<DoubleFn>(table[1])(), 3.25);
  EXPECT_EQ(reinterpret_cast<VoidIntFn>(table[2])(), 42);
  EXPECT_EQ(*counter, 7);
  EXPECT_STREQ(message, "hi");
  dlclose(h);
}

TEST(ObjectWriterX86, LinkErrorIsOneLine) {
  TempDir dir;
  ASSERT_TRUE(writeObject(x86Module(), dir / "m.o").ok());
  LinkOptions lo;
  lo.inputs = {dir / "m.o"};
  lo.outputPath = dir / "libm.so";
  lo.extraArgs = {"--no-undefined"};
  Status s = link(lo);
  ASSERT_FALSE(s.ok());
  const std::string& msg = s.error().message;
  EXPECT_NE(msg.find("undefined symbol: wasmc_rt_test_triple"), std::string::npos) << msg;
  EXPECT_EQ(msg.find('\n'), std::string::npos) << msg;
  EXPECT_FALSE(exists(lo.outputPath));

  LinkOptions missing = lo;
  missing.lldPath = dir / "no-such-ld";
  Status s2 = link(missing);
  ASSERT_FALSE(s2.ok());
  EXPECT_NE(s2.error().message.find("cannot run"), std::string::npos) << s2.error().message;
}

// A C main linked with our object into a PIE executable through link(LinkOutput::Executable).
TEST(ObjectWriterX86, LinkPieExecutable) {
  TempDir dir;
  {
    std::ofstream c(dir / "main.c");
    c << "#include <stdio.h>\nint call_add(int,int); int call_helper(int); double load_const(void);\n"
         "int main(void){ printf(\"%d %d %.2f\\n\", call_add(40,1), call_helper(2), load_const());"
         " return call_add(1,1); }\n";
  }
  int st = -1;
  std::string cc = run("gcc -c -fPIE -O1 -o " + (dir / "main.o") + " " + (dir / "main.c"), &st);
  ASSERT_EQ(st, 0) << cc;
  ASSERT_TRUE(writeObject(x86Module(), dir / "m.o").ok());
  ASSERT_TRUE(writeObject(x86HelperModule(), dir / "helper.o").ok());
  LinkOptions lo;
  lo.output = LinkOutput::Executable;
  lo.inputs = {dir / "main.o", dir / "m.o", dir / "helper.o"};
  lo.outputPath = dir / "app";
  Status s = link(lo);
  ASSERT_TRUE(s.ok()) << s.error().format();
  std::string out = run("timeout 30 " + (dir / "app"), &st);
  EXPECT_EQ(st, 3);
  EXPECT_EQ(out, "42 106 3.25\n");
}

// The in-process lld and the ld.lld binary link the same inputs into the same bytes (same lld version;
// the build id is a hash of the output), and the result runs.
TEST(ObjectWriterX86, InProcessAndSubprocessLinksAgree) {
  TempDir dir;
  ASSERT_TRUE(writeObject(x86Module(), dir / "m.o").ok());
  ASSERT_TRUE(writeObject(x86HelperModule(), dir / "helper.o").ok());
  LinkOptions lo;
  lo.inputs = {dir / "m.o", dir / "helper.o"};
  lo.outputPath = dir / "in.so";
  std::string printed;
  lo.onCommand = [&](const std::string& c) { printed = c; };
  ASSERT_TRUE(link(lo).ok());
  LinkOptions sub = lo;
  sub.lldPath = defaultLldPath();
  sub.outputPath = dir / "sub.so";
  std::string printedSub;
  sub.onCommand = [&](const std::string& c) { printedSub = c; };
  Status s = link(sub);
  ASSERT_TRUE(s.ok()) << s.error().format();
  EXPECT_EQ(printedSub.rfind(defaultLldPath() + " ", 0), 0u) << printedSub;  // a subprocess: no marker
  std::ifstream a(lo.outputPath, std::ios::binary), b(sub.outputPath, std::ios::binary);
  std::string ba((std::istreambuf_iterator<char>(a)), {}), bb((std::istreambuf_iterator<char>(b)), {});
  ASSERT_GT(ba.size(), 1000u);
  EXPECT_TRUE(ba == bb) << "in-process " << ba.size() << " bytes, subprocess " << bb.size() << " bytes";
  void* h = dlopen(lo.outputPath.c_str(), RTLD_NOW | RTLD_LOCAL);
  ASSERT_NE(h, nullptr) << dlerror();
  auto callAdd = reinterpret_cast<AddFn>(dlsym(h, "call_add"));
  ASSERT_NE(callAdd, nullptr);
  EXPECT_EQ(callAdd(20, 21), 42);
  dlclose(h);
}

// lld reports a malformed ELF input with fatal(), which exits: that must stay a failed link
// (one line, no output file) and the next link must still work.
TEST(ObjectWriterX86, LldFatalErrorIsAFailedLinkNotAnExit) {
  TempDir dir;
  ASSERT_TRUE(writeObject(x86Module(), dir / "m.o").ok());
  {
    std::ifstream in(dir / "m.o", std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), {});
    ASSERT_GT(bytes.size(), 64u);
    std::ofstream out(dir / "truncated.o", std::ios::binary);
    out << bytes.substr(0, 64);  // the ELF header, without the section headers it points to
  }
  LinkOptions lo;
  lo.inputs = {dir / "truncated.o"};
  lo.outputPath = dir / "bad.so";
  Status s = link(lo);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("truncated.o"), std::string::npos) << s.error().message;
  EXPECT_EQ(s.error().message.find('\n'), std::string::npos) << s.error().message;
  EXPECT_FALSE(exists(lo.outputPath));
  LinkOptions good;
  good.inputs = {dir / "m.o"};
  good.outputPath = dir / "good.so";
  Status g = link(good);
  EXPECT_TRUE(g.ok()) << g.error().format();
}

// Scale: 5000 functions, each calling the previous one (f0 returns 0, fi returns f(i-1) + 1), all local
// except the last; one object, linked -shared, the last one called.
TEST(ObjectWriterX86, ManyFunctionsChain) {
  constexpr uint32_t kN = 5000;
  ObjectModule m;
  std::vector<std::string> names;
  for (uint32_t i = 0; i < kN; ++i) names.push_back(std::string("f").append(std::to_string(i)));
  m.functions.push_back({names[0], Binding::Local, x86Const(0)});
  for (uint32_t i = 1; i < kN; ++i) {
    CodeBuffer b;
    Assembler a(b);
    a.sub_ri(W64, Rsp, 8);
    a.call_func(i - 1);
    a.add_ri(W32, Rax, 1);
    a.add_ri(W64, Rsp, 8);
    a.ret();
    m.functions.push_back({names[i], i + 1 == kN ? Binding::Global : Binding::Local, finish(b)});
  }
  m.resolve = tableResolver(names, {}, {});
  TempDir dir;
  auto t0 = std::chrono::steady_clock::now();
  Status s = writeObject(m, dir / "many.o");
  auto t1 = std::chrono::steady_clock::now();
  ASSERT_TRUE(s.ok()) << s.error().format();
  LinkOptions lo;
  lo.inputs = {dir / "many.o"};
  lo.outputPath = dir / "libmany.so";
  s = link(lo);
  auto t2 = std::chrono::steady_clock::now();
  ASSERT_TRUE(s.ok()) << s.error().format();
  using ms = std::chrono::milliseconds;
  std::printf("[ timing   ] write %lld ms, link %lld ms\n",
              static_cast<long long>(std::chrono::duration_cast<ms>(t1 - t0).count()),
              static_cast<long long>(std::chrono::duration_cast<ms>(t2 - t1).count()));
  void* h = dlopen(lo.outputPath.c_str(), RTLD_NOW | RTLD_LOCAL);
  ASSERT_NE(h, nullptr) << dlerror();
  auto last = reinterpret_cast<VoidIntFn>(dlsym(h, names.back().c_str()));
  ASSERT_NE(last, nullptr);
  EXPECT_EQ(last(), static_cast<int>(kN - 1));
  EXPECT_EQ(dlsym(h, "f0"), nullptr);
  dlclose(h);
}

// ---------------------------------------------------------------- errors
TEST(ObjectWriterErrors, RejectsBadInput) {
  {
    ObjectModule m = x86Module();
    m.resolve = tableResolver({"add", "call_add"}, {}, {});  // helper 0 and function 4.. unresolvable
    Expected<std::vector<uint8_t>> r = writeObjectToMemory(m);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("unresolved"), std::string::npos) << r.error().message;
  }
  {
    ObjectModule m = x86Module();
    m.functions[1].code.relocs[0].offset = static_cast<uint32_t>(m.functions[1].code.code.size() - 2);
    Expected<std::vector<uint8_t>> r = writeObjectToMemory(m);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("outside the code"), std::string::npos) << r.error().message;
  }
  {
    ObjectModule m = x86Module();
    m.data[1].symbol = "add";
    Expected<std::vector<uint8_t>> r = writeObjectToMemory(m);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("defined twice"), std::string::npos) << r.error().message;
  }
  {
    ObjectModule m = x86Module();
    m.functions[1].code.relocs[0].kind = FieldKind::Rel8;
    Expected<std::vector<uint8_t>> r = writeObjectToMemory(m);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message, "object: field kind Rel8 has no relocation on x86_64 at call_add+5");
  }
  {
    ObjectModule m = x86Module();
    m.functions[2].code.relocs[1].index = 16;  // the pool holds 16 bytes
    EXPECT_FALSE(writeObjectToMemory(m).ok());
  }
  {
    ObjectModule m = x86Module();
    m.data[0].relocs[2].offset = 20;  // 8-byte field past the 24-byte blob
    EXPECT_FALSE(writeObjectToMemory(m).ok());
  }
  {
    ObjectModule m = x86Module();
    m.target = Target::AArch64;  // x86 Rel32 relocations have no AArch64 equivalent
    EXPECT_FALSE(writeObjectToMemory(m).ok());
  }
}

TEST(ObjectWriterErrors, FailedWriteLeavesNoFile) {
  TempDir dir;
  ObjectModule bad = x86Module();
  bad.resolve = nullptr;
  std::string out = dir / "out.o";
  {
    std::ofstream f(out);
    f << "previous";
  }
  EXPECT_FALSE(writeObject(bad, out).ok());
  std::ifstream f(out);
  std::string content((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  EXPECT_EQ(content, "previous");  // untouched
  EXPECT_FALSE(writeObject(x86Module(), dir / "no/such/dir/out.o").ok());
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(dir.path)) files += e.is_regular_file() ? 1 : 0;
  EXPECT_EQ(files, 1u);
}

TEST(ObjectWriterErrors, UniqueSymbolNames) {
  std::vector<std::string> got = uniqueSymbolNames({"add", "", "add", std::string("a\0b", 3), "add.2", "add"}, "w_");
  std::vector<std::string> want = {"w_add", "w_f1", "w_add.2", "w_a_b", "w_add.2.4", "w_add.5"};
  EXPECT_EQ(got, want);
}

TEST(ObjectWriterErrors, LinkCommandLines) {
  LinkOptions lo;
  lo.target = Target::AArch64;
  lo.output = LinkOutput::Executable;
  lo.inputs = {"main.o", "my module.o"};
  lo.outputPath = "app";
  lo.libcDir = "/L";
  lo.gccDir = "/G";
  lo.lldPath = "/bin/false";  // link() runs it: fails without "error:" output
  std::vector<std::string> want = {"/bin/false", "-pie", "--hash-style=gnu", "--build-id", "--eh-frame-hdr", "-m",
                                   "aarch64linux", "-dynamic-linker", "/lib/ld-linux-aarch64.so.1", "-o", "app",
                                   "/L/Scrt1.o", "/L/crti.o", "/G/crtbeginS.o", "-L/G", "-L/L", "main.o",
                                   "my module.o", "-lc", "/G/crtendS.o", "/L/crtn.o"};
  EXPECT_EQ(linkCommand(lo), want);
  std::string printed;
  lo.onCommand = [&](const std::string& c) { printed = c; };
  Status s = link(lo);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().message, "link failed: exit status 1");
  EXPECT_NE(printed.find(" main.o 'my module.o' -lc "), std::string::npos) << printed;

  LinkOptions so;
  so.inputs = {"a.o"};
  so.outputPath = "a.so";
  std::vector<std::string> wantSo = {defaultLldPath(), "-shared", "--hash-style=gnu", "--build-id",
                                     "--eh-frame-hdr", "-m", "elf_x86_64", "-o", "a.so", "a.o"};
  EXPECT_EQ(linkCommand(so), wantSo);
}

TEST(ObjectWriterErrors, RelocTypeMapping) {
  auto x = [](FieldKind k, RelocTarget t) {
    Expected<uint32_t> r = elfRelocType(Target::X86_64, k, t, 0);
    return r.ok() ? static_cast<int>(r.value()) : -1;
  };
  auto a = [](FieldKind k, uint32_t insn) {
    Expected<uint32_t> r = elfRelocType(Target::AArch64, k, RelocTarget::Function, insn);
    return r.ok() ? static_cast<int>(r.value()) : -1;
  };
  // Numbers from the psABI documents (x86-64 psABI 4.4.1, AArch64 ELF ABI 5.7).
  EXPECT_EQ(x(FieldKind::Rel32, RelocTarget::Function), 4);   // R_X86_64_PLT32
  EXPECT_EQ(x(FieldKind::Rel32, RelocTarget::Helper), 4);
  EXPECT_EQ(x(FieldKind::Rel32, RelocTarget::ConstPool), 2);  // R_X86_64_PC32
  EXPECT_EQ(x(FieldKind::Rel32, RelocTarget::Data), 2);
  EXPECT_EQ(x(FieldKind::Abs64, RelocTarget::Data), 1);       // R_X86_64_64
  EXPECT_EQ(x(FieldKind::Rel8, RelocTarget::Function), -1);
  EXPECT_EQ(x(FieldKind::Arm64Branch26, RelocTarget::Function), -1);
  EXPECT_EQ(a(FieldKind::Arm64Branch26, 0x94000000), 283);    // BL: R_AARCH64_CALL26
  EXPECT_EQ(a(FieldKind::Arm64Branch26, 0x14000000), 282);    // B: R_AARCH64_JUMP26
  EXPECT_EQ(a(FieldKind::Abs64, 0), 257);                     // R_AARCH64_ABS64
  EXPECT_EQ(a(FieldKind::Arm64Adr21, 0x10000000), 274);       // R_AARCH64_ADR_PREL_LO21
  EXPECT_EQ(a(FieldKind::Arm64AdrpPage21, 0x90000000), 275);  // R_AARCH64_ADR_PREL_PG_HI21
  EXPECT_EQ(a(FieldKind::Arm64AddLo12, 0x91000000), 277);     // R_AARCH64_ADD_ABS_LO12_NC
  EXPECT_EQ(a(FieldKind::Arm64Cond19, 0x54000000), 280);      // b.eq: R_AARCH64_CONDBR19
  EXPECT_EQ(a(FieldKind::Arm64Cond19, 0x18000000), 273);      // ldr w0, lit: R_AARCH64_LD_PREL_LO19
  EXPECT_EQ(a(FieldKind::Arm64Test14, 0x36000000), 279);      // tbz: R_AARCH64_TSTBR14
  EXPECT_EQ(a(FieldKind::Rel32, 0), -1);
}

// The two FieldKinds added for ADRP/ADD pairs also resolve in memory (the JIT's path). Expected words
// from `llvm-mc -triple=aarch64 -show-encoding`: adrp x0, #0x13000 = f0000080; add x0, x0, #0x466 =
// 91119800; adrp x0, #-0x2000 = d0ffffe0.
TEST(ObjectWriterErrors, PatchFieldAdrpAddPair) {
  auto patched = [](uint32_t insn, FieldKind k, uint64_t codeAddr, uint64_t target, int64_t addend, bool* ok) {
    uint8_t code[8] = {0};
    std::memcpy(code + 4, &insn, 4);
    *ok = codegen::patchField(code, 4, k, codeAddr, target, addend);
    std::memcpy(&insn, code + 4, 4);
    return insn;
  };
  bool ok = false;
  EXPECT_EQ(patched(0x90000000, FieldKind::Arm64AdrpPage21, 0x10ff4, 0x23456, 0x10, &ok), 0xf0000080u);
  EXPECT_TRUE(ok);
  EXPECT_EQ(patched(0x91000000, FieldKind::Arm64AddLo12, 0x10ff4, 0x23456, 0x10, &ok), 0x91119800u);
  EXPECT_TRUE(ok);
  EXPECT_EQ(patched(0x90000000, FieldKind::Arm64AdrpPage21, 0x40000ffc, 0x3ffff000, 0, &ok), 0xd0ffffe0u);
  EXPECT_TRUE(ok);
  patched(0x90000000, FieldKind::Arm64AdrpPage21, 0, uint64_t{1} << 33, 0, &ok);  // beyond +-4 GiB
  EXPECT_FALSE(ok);
}

// ---------------------------------------------------------------- AArch64
CompiledFunction words(std::vector<uint32_t> ws, std::vector<codegen::Reloc> relocs = {},
                       std::vector<uint8_t> pool = {}) {
  CompiledFunction f;
  f.code.resize(ws.size() * 4);
  std::memcpy(f.code.data(), ws.data(), f.code.size());
  f.relocs = std::move(relocs);
  f.constPool.bytes = std::move(pool);
  f.constPool.align = 8;
  return f;
}

// add32(a,b) = a+b; call_add32(a,b) = add32(a,b)+1 (BL, CALL26); tail_add32 = B add32 (JUMP26);
// load_pool() = *(int*)(pool+4) through ADRP/ADD (0x1234), load_pool_adr() = *(int*)(pool+0) via ADR (77).
// The BL and the ADD carry junk in their relocated fields: the writer must clear them (lld ORs them in).
ObjectModule a64Module() {
  ObjectModule m;
  m.target = Target::AArch64;
  m.functions.push_back({"add32", Binding::Global, words({0x0b010000, 0xd65f03c0})});
  m.functions.push_back(
      {"call_add32", Binding::Global,
       words({0xa9bf7bfd, 0x910003fd, 0x94000007, 0x11000400, 0xa8c17bfd, 0xd65f03c0},
             {{FieldKind::Arm64Branch26, RelocTarget::Function, 8, 0, 0}})});
  m.functions.push_back({"tail_add32", Binding::Global,
                         words({0x14000000}, {{FieldKind::Arm64Branch26, RelocTarget::Function, 0, 0, 0}})});
  std::vector<uint8_t> pool = {77, 0, 0, 0, 0x34, 0x12, 0, 0};
  m.functions.push_back({"load_pool", Binding::Global,
                         words({0x90000000, 0x91048c00, 0xb9400000, 0xd65f03c0},
                               {{FieldKind::Arm64AdrpPage21, RelocTarget::ConstPool, 0, 4, 0},
                                {FieldKind::Arm64AddLo12, RelocTarget::ConstPool, 4, 4, 0}},
                               pool)});
  m.functions.push_back({"load_pool_adr", Binding::Global,
                         words({0x10000000, 0xb9400000, 0xd65f03c0},
                               {{FieldKind::Arm64Adr21, RelocTarget::ConstPool, 0, 0, 0}}, pool)});
  ObjectData table;
  table.symbol = "a64_table";
  table.bytes.assign(8, 0);
  table.relocs = {{0, "add32", 0}};
  m.data.push_back(table);
  m.resolve = tableResolver({"add32"}, {}, {});
  return m;
}

TEST(ObjectWriterAArch64, RelocationsAndDisassembly) {
  TempDir dir;
  std::string obj = dir / "a.o";
  Status s = writeObject(a64Module(), obj);
  ASSERT_TRUE(s.ok()) << s.error().format();
  std::string out = readelf(obj);
  EXPECT_TRUE(hasLine(out, "R_AARCH64_CALL26\\s+0+ add32 \\+ 0$")) << out;
  EXPECT_TRUE(hasLine(out, "R_AARCH64_JUMP26\\s+0+ add32 \\+ 0$")) << out;
  EXPECT_TRUE(hasLine(out, "R_AARCH64_ADR_PREL_PG_HI21\\s+[0-9a-f]+ (load_pool.pool|.rodata) \\+ 4$")) << out;
  EXPECT_TRUE(hasLine(out, "R_AARCH64_ADD_ABS_LO12_NC\\s+[0-9a-f]+ (load_pool.pool|.rodata) \\+ 4$")) << out;
  EXPECT_TRUE(hasLine(out, "R_AARCH64_ADR_PREL_LO21\\s+[0-9a-f]+ (load_pool_adr.pool|.rodata) \\+ [0-9a-f]+$")) << out;
  EXPECT_TRUE(hasLine(out, "R_AARCH64_ABS64\\s+0+ add32 \\+ 0$")) << out;
  EXPECT_TRUE(hasLine(out, "\\s8 FUNC\\s+GLOBAL\\s+PROTECTED\\s+\\d+ add32$")) << out;
  EXPECT_TRUE(hasLine(out, "NOTYPE\\s+LOCAL\\s+DEFAULT\\s+\\d+ \\$x")) << out;
  uint64_t callAdd = symbolValue(out, "call_add32");
  ASSERT_NE(callAdd, ~uint64_t{0}) << out;
  EXPECT_TRUE(hasLine(out, "^" + hex(callAdd + 8) + "\\s+[0-9a-f]+\\s+R_AARCH64_CALL26")) << out;

  std::string dis = run(std::string(kLlvmBin) + "llvm-objdump -d " + obj);
  EXPECT_EQ(dis.find(".word"), std::string::npos) << dis;
  EXPECT_TRUE(hasLine(dis, "00 00 01 0b\\s+add\\s+w0, w0, w1")) << dis;
  EXPECT_TRUE(hasLine(dis, "00 00 00 94\\s+bl\\s")) << dis;
  EXPECT_TRUE(hasLine(dis, "00 00 00 90\\s+adrp\\s+x0")) << dis;
  EXPECT_NE(dis.find("<call_add32>:"), std::string::npos) << dis;
}

bool haveAArch64Tools() {
  return exists("/usr/bin/qemu-aarch64") && exists("/usr/bin/aarch64-linux-gnu-gcc") &&
         exists("/usr/aarch64-linux-gnu/lib/Scrt1.o");
}

// Shared object linked for AArch64, then an AArch64 PIE executable (C main + our object) run under qemu.
TEST(ObjectWriterAArch64, LinkAndRunUnderQemu) {
  TempDir dir;
  ASSERT_TRUE(writeObject(a64Module(), dir / "a.o").ok());
  LinkOptions so;
  so.target = Target::AArch64;
  so.inputs = {dir / "a.o"};
  so.outputPath = dir / "liba.so";
  Status s = link(so);
  ASSERT_TRUE(s.ok()) << s.error().format();
  std::string hdr = run(std::string(kLlvmBin) + "llvm-readelf -h " + so.outputPath);
  EXPECT_NE(hdr.find("AArch64"), std::string::npos) << hdr;
  EXPECT_NE(hdr.find("DYN"), std::string::npos) << hdr;

  if (!haveAArch64Tools()) GTEST_SKIP() << "qemu-aarch64 or aarch64-linux-gnu-gcc missing";
  {
    std::ofstream c(dir / "main.c");
    c << "#include <stdio.h>\nint add32(int,int); int call_add32(int,int); int tail_add32(int,int);"
         "int load_pool(void); int load_pool_adr(void); extern int (*const a64_table[1])(int,int);\n"
         "int main(void){ printf(\"%d %d %d %d %d %d\\n\", add32(2,3), call_add32(2,3), tail_add32(4,5),"
         " load_pool(), load_pool_adr(), a64_table[0](6,7)); return 0; }\n";
  }
  int st = -1;
  std::string cc = run("aarch64-linux-gnu-gcc -c -fPIE -O1 -o " + (dir / "main.o") + " " + (dir / "main.c"), &st);
  ASSERT_EQ(st, 0) << cc;
  LinkOptions exe;
  exe.target = Target::AArch64;
  exe.output = LinkOutput::Executable;
  exe.inputs = {dir / "main.o", dir / "a.o"};
  exe.outputPath = dir / "app";
  s = link(exe);
  ASSERT_TRUE(s.ok()) << s.error().format();
  std::string out = run("timeout 60 qemu-aarch64 -L /usr/aarch64-linux-gnu " + exe.outputPath, &st);
  EXPECT_EQ(st, 0) << out;
  EXPECT_EQ(out, "5 6 9 4660 77 13\n");
}

}  // namespace
}  // namespace wasmc::object
