// compiler/object/backend.cpp — finds and loads libwasmc_llvm.so (object/backend.h): first
// <dir of the running executable>/../lib/wasmc (an installed tree), then the build tree's copy.
// Invariant: the outcome of the first load (the library or the reason it failed) is kept for the process:
// a dlopen'ed library is never unloaded, and every later caller sees the same answer.
#include "object/backend.h"

#include <dlfcn.h>
#include <limits.h>
#include <unistd.h>

#include <filesystem>

#ifndef WASMC_LLVM_BACKEND_BUILD_PATH
#define WASMC_LLVM_BACKEND_BUILD_PATH ""
#endif

namespace wasmc::object {

namespace {

std::vector<std::string> candidates() {
  std::vector<std::string> out;
  char self[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  if (n > 0) {
    self[n] = 0;
    out.push_back((std::filesystem::path(self).parent_path().parent_path() / "lib" / "wasmc" / kLlvmBackendFile).string());
  }
  if (*WASMC_LLVM_BACKEND_BUILD_PATH) out.push_back(WASMC_LLVM_BACKEND_BUILD_PATH);
  return out;
}

struct Loaded {
  Expected<const LlvmBackend*> backend;
  std::string path;
};

Expected<const LlvmBackend*> load(std::string& loadedPath) {
  std::string looked;
  for (const std::string& path : candidates()) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
      looked += (looked.empty() ? "" : ", ") + path;
      continue;
    }
    void* h = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!h) return Error::plain(std::string("cannot load the LLVM back end: ") + dlerror());
    auto entry = reinterpret_cast<const LlvmBackend* (*)()>(dlsym(h, kLlvmBackendSymbol));
    const LlvmBackend* b = entry ? entry() : nullptr;
    if (!b || b->abi != kLlvmBackendAbi || b->planSize != sizeof(Plan) || b->chunkSize != sizeof(Chunk) ||
        !b->emitObject) {
      dlclose(h);
      return Error::plain("the LLVM back end " + path + " belongs to another wasmc build");
    }
    loadedPath = path;
    return b;
  }
  return Error::plain(std::string("cannot find the LLVM back end ") + kLlvmBackendFile + " (looked in " + looked + ")");
}

const Loaded& loaded() {
  static const Loaded once = [] {  // once per process (thread-safe static initialisation)
    std::string path;
    Expected<const LlvmBackend*> b = load(path);
    return Loaded{std::move(b), std::move(path)};
  }();
  return once;
}

}  // namespace

Expected<const LlvmBackend*> llvmBackend() {
  if (loaded().backend) return loaded().backend.value();
  return loaded().backend.error();
}

std::string llvmBackendPath() { return loaded().path; }

}  // namespace wasmc::object
