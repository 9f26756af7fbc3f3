// compiler/aot/aot.cpp — module → ObjectModule: functions in .text (call rel32 between defined functions),
// trampolines, and the descriptor blob (runtime/aot/descriptor.h) with abs64 relocations to the code.
// If the code generator declines any function, the whole module is compiled with calls through
// VMContext::funcs instead, so the runtime can point the declined function's slot at the interpreter.
// Functions compile on AotOptions::jobs threads (chunks handed out by an atomic counter); every result is
// stored at its function's index, so the object does not depend on the thread count or scheduling.
#include "aot/aot.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <set>
#include <thread>

#include "runtime/abi_helpers.h"
#include "runtime/aot/descriptor.h"
#include "wasm/decoder.h"

namespace wasmc::aot {

namespace {

std::string sanitise(const std::string& name) {
  std::string s;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
    s += ok ? c : '_';
  }
  if (!s.empty() && s[0] >= '0' && s[0] <= '9') s.insert(s.begin(), '_');
  return s;
}

// A growing byte blob with aligned appends.
struct Blob {
  std::vector<uint8_t> bytes;
  uint64_t append(const void* p, size_t n, size_t align) {
    while (bytes.size() % align) bytes.push_back(0);
    uint64_t off = bytes.size();
    const auto* b = static_cast<const uint8_t*>(p);
    bytes.insert(bytes.end(), b, b + n);
    return off;
  }
  uint64_t reserve(size_t n, size_t align) {
    while (bytes.size() % align) bytes.push_back(0);
    uint64_t off = bytes.size();
    bytes.resize(bytes.size() + n, 0);
    return off;
  }
  template <class T> void put(uint64_t off, const T& v) { std::memcpy(bytes.data() + off, &v, sizeof(T)); }
};

struct CodeItem {
  std::string symbol;
  const codegen::CompiledFunction* cf = nullptr;  // null: absent
};

// Threads for n items: `jobs`, or the hardware concurrency when 0, at most n, at least 1.
unsigned effectiveJobs(unsigned jobs, uint32_t n) {
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
  return std::max(1u, std::min<unsigned>(jobs, std::max<uint32_t>(n, 1)));
}

// Runs body(i) for every i in [0, n) on `jobs` threads (0 = hardware concurrency), handing out chunks of
// indices; `progress` (if set) runs on the calling thread about every 100 ms and once at the end. The code
// generator keeps no global mutable state, so bodies for different indices may run concurrently.

void parallelFor(uint32_t n, unsigned jobs, const std::function<void(uint32_t, uint32_t)>& progress,
                 const std::function<void(uint32_t)>& body) {
  jobs = effectiveJobs(jobs, n);
  if (jobs == 1 && !progress) {
    for (uint32_t i = 0; i < n; ++i) body(i);
    return;
  }
  // Small chunks balance uneven function sizes; ~32 chunks per thread keeps the counter cold.
  uint32_t chunk = std::clamp<uint32_t>(n / (jobs * 32), 1, 64);
  std::atomic<uint32_t> next{0}, done{0};
  std::mutex mu;
  std::condition_variable cv;
  unsigned running = jobs;
  auto worker = [&] {
    for (;;) {
      uint32_t b = next.fetch_add(chunk, std::memory_order_relaxed);
      if (b >= n) break;
      uint32_t e = std::min(n, b + chunk);
      for (uint32_t i = b; i < e; ++i) body(i);
      done.fetch_add(e - b, std::memory_order_relaxed);
    }
    std::lock_guard<std::mutex> lk(mu);
    if (--running == 0) cv.notify_all();
  };
  std::vector<std::thread> threads;
  threads.reserve(jobs);
  for (unsigned j = 0; j < jobs; ++j) threads.emplace_back(worker);
  {
    std::unique_lock<std::mutex> lk(mu);
    while (!cv.wait_for(lk, std::chrono::milliseconds(100), [&] { return running == 0; }))
      if (progress) {
        lk.unlock();
        progress(done.load(std::memory_order_relaxed), n);
        lk.lock();
      }
  }
  for (std::thread& t : threads) t.join();
  if (progress) progress(n, n);
}

}  // namespace

std::vector<std::string> functionSymbols(const wasm::Module& m) {
  std::set<std::string> used = {kModuleSymbol};
  std::vector<std::string> out;
  uint32_t n = m.numFuncs();
  for (uint32_t i = 0; i < n; ++i) {
    std::string base = sanitise(m.funcName(i));
    if (base.empty()) base = "wasm_func_" + std::to_string(i);
    else if (base.rfind("wasmc_", 0) == 0) base.insert(base.begin(), '_');
    std::string cand = base;
    for (uint32_t k = 0; used.count(cand) || used.count(cand + ".pool"); ++k) {
      cand = base;
      cand += '.';
      cand += std::to_string(i);
      if (k) {
        cand += '.';
        cand += std::to_string(k);
      }
    }
    used.insert(cand);
    used.insert(cand + ".pool");
    out.push_back(cand);
  }
  return out;
}

Expected<object::ObjectModule> buildObjectModule(const wasm::ValidatedModule& vm, std::span<const uint8_t> wasmBytes,
                                                 const AotOptions& opts, AotStats* stats) {
  if (opts.target != object::Target::X86_64)
    return Error::plain("aot: target aarch64 is not supported yet (no aarch64 code generator)");
  const wasm::Module& m = vm.module();
  uint32_t nDefined = uint32_t(m.functions.size());
  uint32_t nTypes = uint32_t(m.types.size());
  AotStats st;

  // Functions: direct calls when every function compiles, else calls through the table.
  std::vector<codegen::CompiledFunction> funcs(nDefined);
  std::vector<uint8_t> have(nDefined, 0);
  auto t0 = std::chrono::steady_clock::now();
  for (int attempt = 0; attempt < 2; ++attempt) {
    codegen::CodegenOptions co;
    co.bounds = opts.bounds;
    co.avx = opts.avx;
    co.optLevel = opts.optLevel;
    co.calls = attempt == 0 ? codegen::CallMode::Direct : codegen::CallMode::Table;
    st = AotStats{};
    st.directCalls = attempt == 0;
    std::vector<std::string> why(nDefined);  // a declined function's reason, by index
    parallelFor(nDefined, opts.jobs, opts.onProgress, [&](uint32_t d) {
      Expected<codegen::CompiledFunction> cf = codegen::compileFunction(vm, d, co);
      if (cf) {
        // The code buffer grows by doubling: trim the slack, it is held until the object is written.
        cf->code.shrink_to_fit();
        cf->relocs.shrink_to_fit();
        cf->trapSites.shrink_to_fit();
        funcs[d] = std::move(*cf);
        have[d] = 1;
      } else {
        funcs[d] = codegen::CompiledFunction{};
        have[d] = 0;
        why[d] = cf.error().format();
      }
    });
    for (uint32_t d = 0; d < nDefined; ++d) {  // in index order: the first decline is the lowest index
      if (have[d]) ++st.compiled;
      else if (!st.declined++) st.firstDecline = m.funcName(m.numImportedFuncs + d) + ": " + why[d];
    }
    if (!st.declined) break;
  }
  st.compileSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  st.jobs = effectiveJobs(opts.jobs, nDefined);

  // Trampolines: entry per type; host-call for imported function types and types of declined functions.
  std::vector<uint8_t> needsHost(nTypes, 0);
  for (const wasm::Import& im : m.imports)
    if (im.kind == wasm::ExternKind::Func && im.funcType < nTypes) needsHost[im.funcType] = 1;
  for (uint32_t d = 0; d < nDefined; ++d)
    if (!have[d]) needsHost[m.functions[d].typeIndex] = 1;
  std::vector<codegen::CompiledFunction> entries(nTypes), hosts(nTypes);
  std::vector<uint8_t> haveEntry(nTypes, 0), haveHost(nTypes, 0);
  for (uint32_t t = 0; t < nTypes; ++t) {
    if (Expected<codegen::CompiledFunction> e = codegen::compileEntryTrampoline(m.types[t])) {
      entries[t] = std::move(*e);
      haveEntry[t] = 1;
    }
    if (!needsHost[t]) continue;
    if (Expected<codegen::CompiledFunction> h = codegen::compileHostTrampoline(m.types[t])) {
      hosts[t] = std::move(*h);
      haveHost[t] = 1;
    }
  }

  std::vector<std::string> symbols = functionSymbols(m);
  object::ObjectModule om;
  om.target = opts.target;
  std::vector<CodeItem> fnItems(nDefined), entryItems(nTypes), hostItems(nTypes);
  for (uint32_t d = 0; d < nDefined; ++d)
    if (have[d]) fnItems[d] = CodeItem{symbols[m.numImportedFuncs + d], &funcs[d]};
  for (uint32_t t = 0; t < nTypes; ++t) {
    if (haveEntry[t]) entryItems[t] = CodeItem{"wasmc_entry_t" + std::to_string(t), &entries[t]};
    if (haveHost[t]) hostItems[t] = CodeItem{"wasmc_host_t" + std::to_string(t), &hosts[t]};
  }
  std::vector<std::string> helpers;
  for (uint32_t h = 0; h < abi::kNumHelpers; ++h) helpers.push_back(abi::helperSymbol(abi::HelperId(h)));
  om.resolve = object::tableResolver(symbols, helpers, {});

  // The descriptor.
  Blob b;
  object::ObjectData desc;
  desc.symbol = kModuleSymbol;
  desc.binding = object::Binding::Global;
  desc.section = object::DataSection::ReadOnly;
  desc.align = 16;
  uint64_t hdr = b.reserve(sizeof(AotDescriptor), 16);
  uint64_t fnOff = b.reserve(sizeof(AotCode) * nDefined, 8);
  uint64_t entOff = b.reserve(sizeof(AotCode) * nTypes, 8);
  uint64_t hostOff = b.reserve(sizeof(AotCode) * nTypes, 8);
  auto fill = [&](uint64_t at, const CodeItem& it) {
    AotCode c{};
    if (it.cf) {
      c.codeSize = uint32_t(it.cf->code.size());
      c.numTrapSites = uint32_t(it.cf->trapSites.size());
      std::vector<AotTrapSite> sites;
      for (const codegen::TrapSite& s : it.cf->trapSites) sites.push_back(AotTrapSite{s.codeOffset, uint32_t(s.code)});
      c.trapSitesOffset = sites.empty() ? 0 : b.append(sites.data(), sites.size() * sizeof(AotTrapSite), 4);
      c.nameOffset = b.append(it.symbol.c_str(), it.symbol.size() + 1, 1);
      desc.relocs.push_back(object::DataReloc{uint32_t(at + offsetof(AotCode, code)), it.symbol, 0});
    }
    b.put(at, c);
  };
  for (uint32_t d = 0; d < nDefined; ++d) fill(fnOff + d * sizeof(AotCode), fnItems[d]);
  for (uint32_t t = 0; t < nTypes; ++t) {
    fill(entOff + t * sizeof(AotCode), entryItems[t]);
    fill(hostOff + t * sizeof(AotCode), hostItems[t]);
  }
  uint64_t wasmOff = b.append(wasmBytes.data(), wasmBytes.size(), 16);
  AotDescriptor h{};
  h.magic = kDescriptorMagic;
  h.version = kDescriptorVersion;
  h.numTrapCodes = kNumTrapCodes;
  h.flags = (st.directCalls ? uint32_t(kFlagDirectCalls) : 0u) |
            (opts.bounds == codegen::BoundsChecks::Explicit ? uint32_t(kFlagExplicitBounds) : 0u);
  h.numTypes = nTypes;
  h.numDefined = nDefined;
  h.wasmOffset = wasmOff;
  h.wasmSize = wasmBytes.size();
  h.functionsOffset = fnOff;
  h.entriesOffset = entOff;
  h.hostsOffset = hostOff;
  b.put(hdr, h);
  if (b.bytes.size() > UINT32_MAX) return Error::plain("aot: module descriptor larger than 4 GiB");
  desc.bytes = std::move(b.bytes);
  om.data.push_back(std::move(desc));
  // The code moves (not copies) into the object module, after the descriptor read its sizes and trap sites:
  // one copy of every function's code is alive at a time (peak RSS of large modules).
  om.functions.reserve(nDefined + 2 * size_t(nTypes));
  for (uint32_t d = 0; d < nDefined; ++d)
    if (have[d]) om.functions.push_back(object::ObjectFunction{fnItems[d].symbol, object::Binding::Local, std::move(funcs[d])});
  for (uint32_t t = 0; t < nTypes; ++t) {
    if (haveEntry[t])
      om.functions.push_back(object::ObjectFunction{entryItems[t].symbol, object::Binding::Local, std::move(entries[t])});
    if (haveHost[t])
      om.functions.push_back(object::ObjectFunction{hostItems[t].symbol, object::Binding::Local, std::move(hosts[t])});
  }
  funcs = {};
  if (stats) *stats = st;
  return om;
}

Status compileToObject(std::span<const uint8_t> wasmBytes, const std::string& outPath, const AotOptions& opts,
                       AotStats* stats) {
  Expected<std::shared_ptr<wasm::Module>> decoded = wasm::decode(std::vector<uint8_t>(wasmBytes.begin(), wasmBytes.end()));
  if (!decoded) return decoded.takeError();
  Expected<wasm::ValidatedModule> vm = wasm::validate(std::shared_ptr<const wasm::Module>(std::move(*decoded)));
  if (!vm) return vm.takeError();
  Expected<object::ObjectModule> om = buildObjectModule(*vm, wasmBytes, opts, stats);
  if (!om) return om.takeError();
  return object::writeObject(*om, outPath);
}

}  // namespace wasmc::aot
