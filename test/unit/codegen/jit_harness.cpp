// test/unit/codegen/jit_harness.cpp — see jit_harness.h. The signal handler state is per process (a test
// binary runs one JIT call at a time); it only maps PCs inside the active module's code to trap codes.
#include "jit_harness.h"

#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>

#include "runtime/abi_helpers.h"
#include "wasm/decoder.h"

namespace wasmc::testing {

using codegen::CompiledFunction;

std::shared_ptr<const wasm::ValidatedModule> watToModule(const std::string& wat, std::string* error) {
  char watPath[] = "/tmp/wasmc_x86cg_XXXXXX.wat";
  int fd = mkstemps(watPath, 4);
  if (fd < 0) { *error = "mkstemps"; return nullptr; }
  if (write(fd, wat.data(), wat.size()) != ssize_t(wat.size())) { close(fd); *error = "write"; return nullptr; }
  close(fd);
  std::string wasmPath = std::string(watPath) + ".wasm";
  std::string cmd = "wat2wasm --enable-all '" + std::string(watPath) + "' -o '" + wasmPath + "' 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  char buf[256];
  while (p && fgets(buf, sizeof buf, p)) out += buf;
  int rc = p ? pclose(p) : -1;
  unlink(watPath);
  if (rc != 0) { *error = "wat2wasm: " + out; unlink(wasmPath.c_str()); return nullptr; }
  std::ifstream f(wasmPath, std::ios::binary);
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  unlink(wasmPath.c_str());
  auto m = wasm::decode(std::move(bytes));
  if (!m.ok()) { *error = m.error().format(); return nullptr; }
  auto v = wasm::validate(*m);
  if (!v.ok()) { *error = v.error().format(); return nullptr; }
  return std::make_shared<const wasm::ValidatedModule>(std::move(*v));
}

// ---- helpers called by generated code ----
namespace {
JitModule* self(abi::VMContext* c) { return static_cast<JitModule*>(c->engine); }
uint32_t hMemoryGrow(abi::VMContext* c, uint32_t d) { return self(c)->memoryGrow(d); }
uint32_t hMemoryFill(abi::VMContext* c, uint32_t d, uint32_t v, uint32_t n) {
  if (uint64_t(d) + n > c->memSize) return 1;
  std::memset(c->memBase + d, int(v), n);
  return 0;
}
uint32_t hMemoryCopy(abi::VMContext* c, uint32_t d, uint32_t s, uint32_t n) {
  if (uint64_t(d) + n > c->memSize || uint64_t(s) + n > c->memSize) return 1;
  std::memmove(c->memBase + d, c->memBase + s, n);
  return 0;
}
uint64_t hRefFunc(abi::VMContext* c, uint32_t idx) { return uint64_t(&c->funcs[idx]); }
uint32_t hHostCall(abi::VMContext* c, uint64_t* slots) {
  auto* h = reinterpret_cast<JitModule::HostCtx*>(c);
  return h->self->host() ? h->self->host()(h->importIndex, slots) : 1;
}
uint32_t hFail() { return 1; }

void* helperAddress(uint32_t id) {
  switch (abi::HelperId(id)) {
    case abi::HelperId::MemoryGrow: return reinterpret_cast<void*>(&hMemoryGrow);
    case abi::HelperId::MemoryFill: return reinterpret_cast<void*>(&hMemoryFill);
    case abi::HelperId::MemoryCopy: return reinterpret_cast<void*>(&hMemoryCopy);
    case abi::HelperId::RefFunc: return reinterpret_cast<void*>(&hRefFunc);
    case abi::HelperId::HostCall: return reinterpret_cast<void*>(&hHostCall);
    case abi::HelperId::MemoryInit: case abi::HelperId::DataDrop: case abi::HelperId::TableGrow:
    case abi::HelperId::TableFill: case abi::HelperId::TableCopy: case abi::HelperId::TableInit:
    case abi::HelperId::ElemDrop:
      return reinterpret_cast<void*>(&hFail);
  }
  return reinterpret_cast<void*>(&hFail);
}

// ---- signal handling ----
struct TrapState {
  sigjmp_buf env;
  JitModule* active = nullptr;
  TrapCode code = TrapCode::None;
  uintptr_t pc = 0;
};
TrapState g_trap;  // the one active JIT call of this test process

}  // namespace

struct JitModule::Impl {
  static bool lookup(JitModule& m, uintptr_t pc, TrapCode* code) {
    for (const Range& r : m.ranges_) {
      uintptr_t b = uintptr_t(r.begin);
      if (pc < b || pc >= b + r.cf->code.size()) continue;
      for (const codegen::TrapSite& s : r.cf->trapSites)
        if (s.codeOffset == pc - b) {
          *code = s.code;
          return true;
        }
    }
    return false;
  }
};

namespace {
void onSignal(int sig, siginfo_t*, void* uc) {
  auto* ctx = static_cast<ucontext_t*>(uc);
  uintptr_t pc = uintptr_t(ctx->uc_mcontext.gregs[REG_RIP]);
  TrapCode code = TrapCode::None;
  if (g_trap.active && JitModule::Impl::lookup(*g_trap.active, pc, &code)) {
    g_trap.code = code;
    g_trap.pc = pc;
    siglongjmp(g_trap.env, 1);
  }
  g_trap.code = TrapCode::HostError;  // a fault outside any trap site: a code generator bug
  g_trap.pc = pc;
  (void)sig;
  siglongjmp(g_trap.env, 2);
}
}  // namespace

Outcome runGuarded(JitModule& m, void* entry, void* code, uint64_t* slots) {
  Outcome o;
  struct sigaction sa {}, old[4];
  sa.sa_sigaction = onSignal;
  sa.sa_flags = SA_SIGINFO | SA_NODEFER;
  sigemptyset(&sa.sa_mask);
  const int sigs[4] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE};
  for (int i = 0; i < 4; ++i) sigaction(sigs[i], &sa, &old[i]);
  g_trap.active = &m;
  g_trap.code = TrapCode::None;
  int r = sigsetjmp(g_trap.env, 1);
  if (r == 0) {
    auto fn = reinterpret_cast<uint64_t (*)(abi::VMContext*, void*, uint64_t*)>(entry);
    fn(&m.ctx_, code, slots);
  } else {
    o.trapped = true;
    o.trap = r == 1 ? g_trap.code : TrapCode::None;  // None: fault outside a trap site
  }
  g_trap.active = nullptr;
  for (int i = 0; i < 4; ++i) sigaction(sigs[i], &old[i], nullptr);
  return o;
}

JitModule::JitModule(std::shared_ptr<const wasm::ValidatedModule> vm, const codegen::CodegenOptions& opts)
    : vm_(std::move(vm)) {
  const wasm::Module& m = vm_->module();
  if (m.numImportedGlobals || m.numImportedTables || m.numImportedMemories) {
    error_ = "harness: imports not supported";
    return;
  }
  // Compile.
  std::vector<CompiledFunction> entries;
  for (uint32_t i = 0; i < m.functions.size(); ++i) {
    auto cf = codegen::compileFunction(*vm_, i, opts);
    if (!cf.ok()) {
      if (error_.empty()) error_ = cf.error().format();
      compiled_.emplace_back();
      continue;
    }
    ++numCompiled_;
    compiled_.push_back(std::move(*cf));
  }
  for (const wasm::FuncType& t : m.types) {
    auto e = codegen::compileEntryTrampoline(t);
    if (!e.ok()) { error_ = e.error().format(); return; }
    entries.push_back(std::move(*e));
  }
  for (const wasm::FuncType& t : m.types) {
    auto e = codegen::compileHostTrampoline(t);
    if (!e.ok()) { error_ = e.error().format(); return; }
    entries.push_back(std::move(*e));
  }
  // Layout: [code | pool] per function, 16-aligned.
  auto align = [](size_t x, size_t a) { return (x + a - 1) & ~(a - 1); };
  size_t total = 0;
  auto sizeOf = [&](const CompiledFunction& cf) { return align(align(cf.code.size(), 16) + cf.constPool.bytes.size(), 16) + 16; };
  for (auto& cf : compiled_) total += sizeOf(cf);
  for (auto& cf : entries) total += sizeOf(cf);
  const size_t kVeneer = 16;  // jmp [rip+0]; .quad target — helpers are out of rel32 range
  total += kVeneer * abi::kNumHelpers;
  regionSize_ = align(total + 4096, 4096);
  region_ = static_cast<uint8_t*>(mmap(nullptr, regionSize_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
  size_t pos = 0;
  std::vector<uint8_t*> pools;
  auto place = [&](const CompiledFunction& cf) {
    uint8_t* p = region_ + pos;
    std::memcpy(p, cf.code.data(), cf.code.size());
    uint8_t* pool = region_ + align(pos + cf.code.size(), 16);
    if (!cf.constPool.bytes.empty()) std::memcpy(pool, cf.constPool.bytes.data(), cf.constPool.bytes.size());
    pos += sizeOf(cf);
    ranges_.push_back({p, &cf});
    pools.push_back(pool);
    return p;
  };
  for (auto& cf : compiled_) funcCode_.push_back(place(cf));
  for (size_t k = 0; k < entries.size(); ++k) {
    uint8_t* p = place(entries[k]);
    if (k < m.types.size()) entryCode_.push_back(p);
    else hostCode_.push_back(p);
  }
  std::vector<uint8_t*> veneers;
  for (uint32_t h = 0; h < abi::kNumHelpers; ++h) {
    uint8_t* p = region_ + pos;
    const uint8_t jmp[6] = {0xFF, 0x25, 0, 0, 0, 0};
    std::memcpy(p, jmp, 6);
    void* target = helperAddress(h);
    std::memcpy(p + 6, &target, 8);
    veneers.push_back(p);
    pos += kVeneer;
  }
  // Relocations.
  for (size_t k = 0; k < ranges_.size(); ++k) {
    const CompiledFunction& cf = *ranges_[k].cf;
    for (const codegen::Reloc& r : cf.relocs) {
      uint64_t target = 0;
      switch (r.target) {
        case codegen::RelocTarget::Function: target = uint64_t(funcCode_[r.index - m.numImportedFuncs]); break;
        case codegen::RelocTarget::Helper: target = uint64_t(veneers[r.index]); break;
        case codegen::RelocTarget::ConstPool: target = uint64_t(pools[k]) + r.index; break;
        case codegen::RelocTarget::Data: target = 0; break;
      }
      if (!codegen::patchField(ranges_[k].begin, r.offset, r.kind, uint64_t(ranges_[k].begin), target, r.addend) &&
          error_.empty())
        error_ = "harness: relocation out of range";
    }
  }
  // Entry trampolines are owned by `entries`, which dies here: keep them alive in compiled_'s tail.
  size_t nDefined = compiled_.size();
  for (auto& e : entries) compiled_.push_back(std::move(e));
  for (size_t k = 0; k < entries.size(); ++k) ranges_[nDefined + k].cf = &compiled_[nDefined + k];
  for (size_t k = 0; k < nDefined; ++k) ranges_[k].cf = &compiled_[k];
  mprotect(region_, regionSize_, PROT_READ | PROT_EXEC);

  // Context.
  for (size_t i = 0; i < m.types.size(); ++i) {
    uint32_t id = uint32_t(i);
    for (size_t j = 0; j < i; ++j)
      if (m.types[j] == m.types[i]) { id = uint32_t(j); break; }
    typeIds_.push_back(id);
  }
  funcs_.resize(m.numFuncs());
  for (uint32_t i = 0; i < m.numImportedFuncs; ++i) {
    auto h = std::make_unique<HostCtx>();
    h->self = this;
    h->importIndex = i;
    funcs_[i].code = hostCode_[m.funcTypeIndex(i)];
    funcs_[i].ctx = &h->ctx;
    funcs_[i].typeId = typeIds_[m.funcTypeIndex(i)];
    funcs_[i].funcIndex = i;
    hostCtx_.push_back(std::move(h));
  }
  for (uint32_t i = m.numImportedFuncs; i < m.numFuncs(); ++i) {
    funcs_[i].code = funcCode_[i - m.numImportedFuncs];
    funcs_[i].ctx = &ctx_;
    funcs_[i].typeId = typeIds_[m.funcTypeIndex(i)];
    funcs_[i].funcIndex = i;
  }
  globalStore_.assign(2 * m.globals.size(), 0);
  for (size_t i = 0; i < m.globals.size(); ++i) {
    const wasm::ConstExpr& e = m.globals[i].init;
    if (e.kind == wasm::ConstExpr::Kind::V128) std::memcpy(&globalStore_[2 * i], &e.v128, 16);
    else if (e.kind == wasm::ConstExpr::Kind::RefFunc) globalStore_[2 * i] = uint64_t(&funcs_[e.index]);
    else globalStore_[2 * i] = e.bits;
  }
  for (size_t i = 0; i < m.globals.size(); ++i) globalPtrs_.push_back(&globalStore_[2 * i]);
  tableElems_.resize(m.tables.size());
  tables_.resize(m.tables.size());
  for (size_t i = 0; i < m.tables.size(); ++i) tableElems_[i].assign(m.tables[i].limits.min, 0);
  for (const wasm::ElemSegment& s : m.elems) {
    if (s.mode != wasm::SegmentMode::Active) continue;
    for (size_t k = 0; k < s.items.size(); ++k) {
      uint64_t v = s.items[k].kind == wasm::ConstExpr::Kind::RefFunc ? uint64_t(&funcs_[s.items[k].index]) : 0;
      size_t at = size_t(s.offset.bits) + k;
      if (at < tableElems_[s.table].size()) tableElems_[s.table][at] = v;
    }
  }
  for (size_t i = 0; i < m.tables.size(); ++i) {
    tables_[i].elems = tableElems_[i].data();
    tables_[i].size = tableElems_[i].size();
    tablePtrs_.push_back(&tables_[i]);
  }
  if (!m.memories.empty()) {
    mem_ = static_cast<uint8_t*>(mmap(nullptr, kReserve, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0));
    memPages_ = m.memories[0].limits.min;
    memMaxPages_ = m.memories[0].limits.max.value_or(65536);
    if (memPages_) mprotect(mem_, memPages_ << 16, PROT_READ | PROT_WRITE);
    for (const wasm::DataSegment& d : m.datas)
      if (d.mode == wasm::SegmentMode::Active)
        std::memcpy(mem_ + uint32_t(d.offset.bits), m.bytes.data() + d.bytes.begin, d.bytes.size());
  }
  ctx_.memBase = mem_;
  ctx_.memSize = memPages_ << 16;
  ctx_.funcs = funcs_.data();
  ctx_.globals = globalPtrs_.data();
  ctx_.tables = tablePtrs_.data();
  ctx_.typeIds = typeIds_.data();
  ctx_.engine = this;
}

JitModule::~JitModule() {
  if (region_) munmap(region_, regionSize_);
  if (mem_) munmap(mem_, kReserve);
}

uint32_t JitModule::memoryGrow(uint32_t delta) {
  uint64_t old = memPages_;
  if (old + delta > memMaxPages_ || old + delta > 65536) return 0xFFFFFFFFu;
  if (delta) mprotect(mem_ + (old << 16), uint64_t(delta) << 16, PROT_READ | PROT_WRITE);
  memPages_ += delta;
  ctx_.memSize = memPages_ << 16;
  return uint32_t(old);
}

Outcome JitModule::call(const std::string& exportName, const std::vector<uint64_t>& args) {
  const wasm::Module& m = vm_->module();
  for (const wasm::Export& e : m.exports) {
    if (e.kind != wasm::ExternKind::Func || e.name != exportName) continue;
    uint32_t defined = e.index - m.numImportedFuncs;
    const wasm::FuncType& ft = m.funcType(e.index);
    std::vector<uint64_t> slots(2 * std::max<size_t>(1, std::max(ft.params.size(), ft.results.size()) + 1), 0);
    size_t cur = 0;  // v128 arguments take two words of `args`
    for (size_t i = 0; i < ft.params.size() && cur < args.size(); ++i) {
      slots[2 * i] = args[cur++];
      if (ft.params[i] == wasm::ValType::V128 && cur < args.size()) slots[2 * i + 1] = args[cur++];
    }
    ctx_.stackLimit = uintptr_t(__builtin_frame_address(0)) - (512u << 10);
    Outcome o = runGuarded(*this, entryCode_[m.funcTypeIndex(e.index)], funcCode_[defined], slots.data());
    if (!o.trapped)
      for (size_t i = 0; i < ft.results.size(); ++i) {
        o.results.push_back(ft.results[i] == wasm::ValType::F32 ? slots[2 * i] & 0xFFFFFFFFu : slots[2 * i]);
        if (ft.results[i] == wasm::ValType::V128) o.results.push_back(slots[2 * i + 1]);
      }
    return o;
  }
  Outcome o;
  o.trapped = true;
  return o;
}

InterpModule::InterpModule(std::shared_ptr<const wasm::ValidatedModule> vm) : vm_(std::move(vm)) {
  rt::Linker linker;
  auto r = store_.instantiate(vm_, linker);
  if (r.ok()) inst_ = r.instance;
}

Outcome InterpModule::call(const std::string& exportName, const std::vector<uint64_t>& args) {
  Outcome o;
  if (!inst_) {
    o.trapped = true;
    return o;
  }
  rt::FuncInst* f = inst_->exportedFunc(exportName);
  std::vector<rt::Value> in, out;
  size_t cur = 0;
  for (size_t i = 0; i < f->type->params.size(); ++i) {
    rt::Value v = rt::Value::zero(f->type->params[i]);
    if (f->type->params[i] == wasm::ValType::V128) {
      uint64_t w[2] = {cur < args.size() ? args[cur] : 0, cur + 1 < args.size() ? args[cur + 1] : 0};
      cur += 2;
      std::memcpy(&v.v128, w, 16);
    } else {
      v.i64 = cur < args.size() ? args[cur] : 0;
      ++cur;
      if (f->type->params[i] == wasm::ValType::I32 || f->type->params[i] == wasm::ValType::F32) v.i64 &= 0xFFFFFFFFu;
    }
    in.push_back(v);
  }
  rt::ExecResult res = store_.invoke(f, in, out);
  if (res) {
    o.trapped = true;
    o.trap = res->code;
    return o;
  }
  for (const rt::Value& v : out) {
    if (v.type == wasm::ValType::I32 || v.type == wasm::ValType::F32) {
      o.results.push_back(v.i32);
    } else if (v.type == wasm::ValType::V128) {
      uint64_t w[2];
      std::memcpy(w, &v.v128, 16);
      o.results.push_back(w[0]);
      o.results.push_back(w[1]);
    } else {
      o.results.push_back(v.i64);
    }
  }
  return o;
}

Outcome interpCall(std::shared_ptr<const wasm::ValidatedModule> vm, const std::string& exportName,
                   const std::vector<uint64_t>& args) {
  InterpModule m(std::move(vm));
  return m.call(exportName, args);
}

}  // namespace wasmc::testing
