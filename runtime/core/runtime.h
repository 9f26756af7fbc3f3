// runtime/core/runtime.h — the embedder API: stores, instances, values, traps, host functions.
// Used by the driver (`wasmc run`), the spec harness (`wasmc wast`) and WASI. Execution engines
// (interpreter now, JIT later) sit behind it; an embedder never sees IR or machine code.
// Invariants: every runtime object is owned by its Store and lives as long as the Store; references
// (funcref/externref) are 64-bit words, 0 is null, a funcref is a FuncInst*.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/abi.h"
#include "runtime/traps.h"
#include "support/diag.h"
#include "wasm/types.h"
#include "wasm/validator.h"

namespace wasmc::rt {

using wasm::ExternKind;
using wasm::FuncType;
using wasm::V128;
using wasm::ValType;

struct Value {
  ValType type = ValType::I32;
  union {
    uint32_t i32;
    uint64_t i64;
    uint32_t f32;  // raw bits
    uint64_t f64;  // raw bits
    V128 v128;
    uint64_t ref;  // 0 = null; funcref = FuncInst*; externref = embedder word
  };
  Value() : v128{} {}
  static Value makeI32(uint32_t v) { Value r; r.type = ValType::I32; r.i32 = v; return r; }
  static Value makeI64(uint64_t v) { Value r; r.type = ValType::I64; r.i64 = v; return r; }
  static Value makeF32Bits(uint32_t v) { Value r; r.type = ValType::F32; r.f32 = v; return r; }
  static Value makeF64Bits(uint64_t v) { Value r; r.type = ValType::F64; r.f64 = v; return r; }
  static Value makeV128(const V128& v) { Value r; r.type = ValType::V128; r.v128 = v; return r; }
  static Value makeRef(ValType t, uint64_t ref) { Value r; r.type = t; r.ref = ref; return r; }
  static Value zero(ValType t) { Value r; r.type = t; return r; }
};

// One frame of a trap backtrace.
struct Frame {
  uint32_t funcIndex = 0;
  std::string funcName;  // from the name section, or "" when unknown
  std::string moduleName;
};

struct Trap {
  TrapCode code = TrapCode::Unreachable;
  std::string message;            // trapMessage(code), or a host function's own text
  int exitCode = 0;               // code == Exit: the proc_exit status
  std::vector<Frame> backtrace;   // innermost first
};

// nullopt = success.
using ExecResult = std::optional<Trap>;

class Store;
class Instance;
struct FuncInst;
struct MemoryInst;
struct TableInst;
struct GlobalInst;

// What a host function sees of its caller.
struct HostCallContext {
  Store& store;
  Instance* caller;   // the instance whose code made the call (null when called from the embedder)
  MemoryInst* memory; // the caller's memory 0, or null
  void* userData;     // the pointer given when the function was created
};

using HostFunc =
    std::function<ExecResult(HostCallContext& ctx, std::span<const Value> args, std::span<Value> results)>;

struct MemoryInst {
  wasm::MemoryType type;  // type.limits.min is updated on grow (current pages)
  uint8_t* base = nullptr;
  uint64_t sizeBytes = 0;
  // Grows by `delta` pages; returns the old size in pages, or -1 (no change) when it cannot.
  int64_t grow(uint64_t delta);
  uint64_t pages() const { return sizeBytes / wasm::kPageSize; }
  MemoryInst() = default;
  MemoryInst(const MemoryInst&) = delete;
  MemoryInst& operator=(const MemoryInst&) = delete;
  ~MemoryInst();
  // Implementation detail of the reservation (mmap'ed bytes), kept here so the engine can free it.
  uint64_t reservedBytes = 0;
  // Interpreter-only stores: grow may move `base` to a larger reservation (runtime/core/memory_reservation.h).
  bool movable = false;
};

struct TableInst {
  abi::VMTable vm;             // JIT (first member, docs/abi.md): {elems.data(), elems.size()}, synced on grow
  wasm::TableType type;        // type.limits.min is updated on grow (current size)
  std::vector<uint64_t> elems; // references
  // Grows by `delta` elements filled with `init`; returns the old size, or -1 when it cannot.
  int64_t grow(uint64_t delta, uint64_t init);
};

struct GlobalInst {
  wasm::GlobalType type;
  alignas(16) uint64_t bits[2] = {0, 0};  // i32/f32 in the low 32 bits of bits[0]; v128 in both
  Value get() const;
  void set(const Value& v);
};

struct FuncInst {
  abi::VMFuncRef vm;               // JIT (first member, docs/abi.md): code/ctx/typeId for generated code
  const FuncType* type = nullptr;  // owned by the module or by the store (host functions)
  uint32_t typeId = 0;             // store-wide canonical signature id (equal types ⇒ equal ids)
  Instance* instance = nullptr;    // defining instance; null for host functions
  uint32_t funcIndex = 0;          // index in the defining module's function index space
  HostFunc host;                   // set for host functions
  void* hostData = nullptr;
  std::string debugName;           // for backtraces
  void* engineFunc = nullptr;      // the execution engine's code for this function (Wasm functions)
  bool isHost() const { return instance == nullptr; }
};

struct Extern {
  ExternKind kind = ExternKind::Func;
  void* ptr = nullptr;  // FuncInst* / TableInst* / MemoryInst* / GlobalInst*
  FuncInst* func() const { return kind == ExternKind::Func ? static_cast<FuncInst*>(ptr) : nullptr; }
  TableInst* table() const { return kind == ExternKind::Table ? static_cast<TableInst*>(ptr) : nullptr; }
  MemoryInst* memory() const { return kind == ExternKind::Memory ? static_cast<MemoryInst*>(ptr) : nullptr; }
  GlobalInst* global() const { return kind == ExternKind::Global ? static_cast<GlobalInst*>(ptr) : nullptr; }
};

// Resolves imports by (module, name).
class Linker {
 public:
  void define(std::string module, std::string name, Extern ext);
  // Makes every export of `inst` importable under `moduleName` (the spec's `register`).
  void defineInstance(const std::string& moduleName, const Instance& inst);
  std::optional<Extern> lookup(std::string_view module, std::string_view name) const;

 private:
  struct Entry { std::string module, name; Extern ext; };
  std::vector<Entry> entries_;
};

enum class ExecMode : uint8_t { Interp, Jit, Aot };
enum class JitCompile : uint8_t { Lazy, Eager };  // JIT: compile on first call, or all at instantiation

struct EngineOptions {
  ExecMode mode = ExecMode::Interp;
  uint32_t maxCallDepth = 0;     // 0 = engine default
  uint64_t maxMemoryPages = wasm::kMaxPages32;
  JitCompile jitCompile = JitCompile::Lazy;
  // JIT/AOT: compare every memory access with the memory size instead of relying on the guard region
  // (memories of JIT/AOT stores are otherwise reserved at 8 GiB: 4 GiB of index + 4 GiB of offset).
  bool explicitBoundsChecks = false;
  // JIT: use AVX (VEX three-operand) forms for float/SIMD operators. Off by default: measured on
  // ../shared/bench it is neither a consistent gain nor loss (docs/codegen.md); `--cpu=native` turns it
  // on when the CPU has AVX.
  bool avx = false;
  // JIT: IR optimisation level of compiled functions (codegen::CodegenOptions::optLevel): 0 none, 1 the
  // cheap local passes (default: JIT compile time matters), 2 all passes.
  uint8_t optLevel = 1;
  bool perfMap = false;          // JIT: append "START SIZE name" lines to /tmp/perf-PID.map
  bool verbose = false;          // JIT: report compiled / interpreter-fallback counts on stderr
  // ExecMode::Aot (runtime/aot, e.g. AotLibrary::install): the loaded machine code of defined function
  // `definedIndex` of `module`, or null (that function then runs in the interpreter, counted like a JIT
  // fallback).
  std::function<const void*(const wasm::ValidatedModule& module, uint32_t definedIndex)> aotCode;
  // ExecMode::Aot: a loaded entry (entry = true) or host-call trampoline for `type`, or null (the code
  // generator then makes one, as for the JIT).
  std::function<const void*(const FuncType& type, bool entry)> aotTrampoline;
};

// Outcome of instantiation: a link error (assert_unlinkable), or a trap while initialising segments or
// running the start function (assert_uninstantiable; the partially initialised instance still exists).
struct InstantiateResult {
  Instance* instance = nullptr;  // null on link error
  std::optional<Error> linkError;
  std::optional<Trap> trap;
  bool ok() const { return instance && !linkError && !trap; }
};

class Instance {
 public:
  const wasm::Module& module() const { return validated_->module(); }
  const wasm::ValidatedModule& validated() const { return *validated_; }
  std::optional<Extern> getExport(std::string_view name) const;
  FuncInst* exportedFunc(std::string_view name) const;

  std::vector<FuncInst*> funcs;
  std::vector<TableInst*> tables;
  std::vector<MemoryInst*> memories;
  std::vector<GlobalInst*> globals;
  std::vector<uint8_t> droppedElems;  // per elem segment: dropped (passive after use, declarative)
  std::vector<uint8_t> droppedDatas;  // per data segment
  void* engineData = nullptr;         // per-instance state of the execution engine
  void* jitData = nullptr;            // JIT: the runtime/jit per-instance state (VMContext owner)

 private:
  friend class Store;
  std::shared_ptr<const wasm::ValidatedModule> validated_;
};

class Store {
 public:
  explicit Store(EngineOptions opts = {});
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  const EngineOptions& options() const { return opts_; }

  FuncInst* createHostFunc(FuncType type, HostFunc fn, std::string debugName, void* userData = nullptr);
  TableInst* createTable(wasm::TableType type, uint64_t init = 0);
  MemoryInst* createMemory(wasm::MemoryType type);  // null when the reservation fails
  GlobalInst* createGlobal(wasm::GlobalType type, const Value& v);

  InstantiateResult instantiate(std::shared_ptr<const wasm::ValidatedModule> module, const Linker& linker);

  // Calls `f` with `args` (types must match f->type; the caller checks). Results are resized to fit.
  ExecResult invoke(FuncInst* f, std::span<const Value> args, std::vector<Value>& results);

  // Canonical id of a function type (interned, store-wide).
  uint32_t internType(const FuncType& t);

  struct Impl;
  Impl& impl() { return *impl_; }

 private:
  EngineOptions opts_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace wasmc::rt
