// compiler/object/object_writer.cpp — the LLVM-free half of the object writer: the table resolver, the
// hand-off of a checked plan to the LLVM back end (libwasmc_llvm.so), and the atomic file write
// (temporary file in the destination's directory, fsync, rename).
// Invariant: on any failure the temporary file is removed and `path` is left untouched.
#include "object/object_writer.h"

#include "object/backend.h"
#include "object/plan.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <set>
#include <utility>

namespace wasmc::object {

SymbolResolver tableResolver(std::vector<std::string> functionSymbols, std::vector<std::string> helperSymbols,
                             std::vector<std::string> dataSymbols) {
  return [fs = std::move(functionSymbols), hs = std::move(helperSymbols), ds = std::move(dataSymbols)](
             codegen::RelocTarget target, uint32_t index) -> std::string {
    const std::vector<std::string>* table = nullptr;
    switch (target) {
      case codegen::RelocTarget::Function: table = &fs; break;
      case codegen::RelocTarget::Helper: table = &hs; break;
      case codegen::RelocTarget::Data: table = &ds; break;
      case codegen::RelocTarget::ConstPool: return {};
    }
    return index < table->size() ? (*table)[index] : std::string();
  };
}

std::vector<std::string> uniqueSymbolNames(const std::vector<std::string>& preferred, const std::string& prefix) {
  std::vector<std::string> out;
  std::set<std::string> used;
  out.reserve(preferred.size());
  for (size_t i = 0; i < preferred.size(); ++i) {
    std::string name = prefix + (preferred[i].empty() ? std::string("f").append(std::to_string(i)) : preferred[i]);
    for (char& c : name) {
      if (c == '\0') c = '_';
    }
    while (!used.insert(name).second) name.append(".").append(std::to_string(i));
    out.push_back(std::move(name));
  }
  return out;
}

Expected<std::vector<uint8_t>> writeObjectToMemory(const ObjectModule& module) {
  Expected<Plan> plan = planObject(module);
  if (!plan) return plan.takeError();
  Expected<const LlvmBackend*> backend = llvmBackend();
  if (!backend) return backend.takeError();
  std::vector<uint8_t> bytes;
  std::string error;
  if (!(*backend)->emitObject(*plan, bytes, error)) return Error::plain(std::move(error));
  return bytes;
}

Status writeObject(const ObjectModule& module, const std::string& path) {
  Expected<std::vector<uint8_t>> bytes = writeObjectToMemory(module);
  if (!bytes) return bytes.takeError();

  std::string tmp = path + ".tmpXXXXXX";
  int fd = mkstemp(tmp.data());
  if (fd < 0) return Error::plain("cannot create " + tmp + ": " + std::strerror(errno));
  auto fail = [&](const char* what) -> Status {
    std::string msg = std::string(what) + " " + path + ": " + std::strerror(errno);
    if (fd >= 0) close(fd);
    unlink(tmp.c_str());
    return Error::plain(std::move(msg));
  };
  const uint8_t* p = bytes->data();
  size_t left = bytes->size();
  while (left > 0) {
    ssize_t n = write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return fail("cannot write");
    p += n;
    left -= static_cast<size_t>(n);
  }
  if (fchmod(fd, 0644) != 0) return fail("cannot set mode of");
  if (fsync(fd) != 0) return fail("cannot sync");
  int rc = close(fd);
  fd = -1;
  if (rc != 0) return fail("cannot close");
  if (std::rename(tmp.c_str(), path.c_str()) != 0) return fail("cannot rename onto");
  return Status::success();
}

}  // namespace wasmc::object
