// runtime/aot/loader.h — loading AOT shared objects: dlopen, find `wasmc_module`, check its version,
// re-decode and validate the embedded .wasm, and register every function and trampoline (with its trap
// sites) in the JIT's code registry so the one signal handler serves AOT code too. An AotLibrary is the
// set of loaded modules one Store runs; install() points the Store's EngineOptions hooks at it.
// Invariants: a module's code is registered exactly while it is loaded; the library outlives the Store's
// engine (the hooks own it). No LLVM here: compiling and linking happen in the driver.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "runtime/aot/descriptor.h"
#include "runtime/core/runtime.h"
#include "runtime/jit/code_registry.h"

namespace wasmc::rt::aot {

class AotModule {
 public:
  // dlopen(RTLD_NOW | RTLD_LOCAL) of `path`; the runtime helpers (wasmc_rt_*) must be exported by the
  // executable (driver/CMakeLists.txt) or an already loaded library.
  static Expected<std::shared_ptr<AotModule>> load(const std::string& path);
  // A descriptor already in this process (an executable linked by `wasmc build`: no dlopen); `name`
  // appears in error messages. The descriptor must outlive the module.
  static Expected<std::shared_ptr<AotModule>> fromDescriptor(const wasmc::aot::AotDescriptor* d,
                                                             const std::string& name);
  ~AotModule();
  AotModule(const AotModule&) = delete;
  AotModule& operator=(const AotModule&) = delete;

  const std::shared_ptr<const wasm::ValidatedModule>& validated() const { return validated_; }
  const wasmc::aot::AotDescriptor& descriptor() const { return *desc_; }
  // Code of defined function `definedIndex`, or null when the compiler declined it.
  const void* functionCode(uint32_t definedIndex) const;
  // Entry or host-call trampoline of module type `typeIndex`, or null.
  const void* trampoline(uint32_t typeIndex, bool entry) const;

 private:
  AotModule() = default;
  static Expected<std::shared_ptr<AotModule>> init(std::shared_ptr<AotModule> m, const wasmc::aot::AotDescriptor* d,
                                                   const std::string& path);
  const wasmc::aot::AotCode* codeTable(uint64_t offset, uint32_t n, uint32_t i) const;
  void* handle_ = nullptr;
  const wasmc::aot::AotDescriptor* desc_ = nullptr;
  std::shared_ptr<const wasm::ValidatedModule> validated_;
  std::vector<std::unique_ptr<jit::CodeInfo>> infos_;
  std::vector<uint32_t> handles_;
};

class AotLibrary {
 public:
  void add(std::shared_ptr<AotModule> m) { modules_.push_back(std::move(m)); }
  // The loaded module whose validated() is `vm`, or null.
  const AotModule* find(const wasm::ValidatedModule& vm) const;
  const void* code(const wasm::ValidatedModule& vm, uint32_t definedIndex) const;
  // A loaded trampoline for a type equal to `type` (any module), or null.
  const void* trampoline(const FuncType& type, bool entry) const;
  // Sets opts.aotCode / opts.aotTrampoline to look modules up in `lib` (the hooks keep it alive).
  static void install(EngineOptions& opts, std::shared_ptr<AotLibrary> lib);

 private:
  std::vector<std::shared_ptr<AotModule>> modules_;
};

}  // namespace wasmc::rt::aot
