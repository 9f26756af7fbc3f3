// runtime/jit/exec_memory.cpp — CodeBlock: mmap RW, mprotect RX, munmap. The flip to RX is the only
// permission change a block ever sees, so W^X holds without dual mappings.
#include "runtime/jit/exec_memory.h"

#include <sys/mman.h>
#include <unistd.h>

namespace wasmc::rt::jit {

size_t pageSize() {
  static const size_t kPage = size_t(sysconf(_SC_PAGESIZE));
  return kPage;
}

CodeBlock& CodeBlock::operator=(CodeBlock&& o) noexcept {
  if (this != &o) {
    if (base_) munmap(base_, size_);
    base_ = o.base_;
    size_ = o.size_;
    executable_ = o.executable_;
    o.base_ = nullptr;
    o.size_ = 0;
    o.executable_ = false;
  }
  return *this;
}

CodeBlock::~CodeBlock() {
  if (base_) munmap(base_, size_);
}

Expected<CodeBlock> CodeBlock::allocate(size_t bytes) {
  size_t page = pageSize();
  size_t size = (bytes + page - 1) / page * page;
  if (size == 0) size = page;
  void* p = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) return Error::plain("jit: cannot map code memory");
  CodeBlock b;
  b.base_ = static_cast<uint8_t*>(p);
  b.size_ = size;
  return b;
}

Status CodeBlock::makeExecutable() {
  if (!base_ || executable_) return Error::plain("jit: code block is not writable");
  if (mprotect(base_, size_, PROT_READ | PROT_EXEC) != 0) return Error::plain("jit: mprotect RX failed");
  // A no-op on x86_64 (coherent icache); required on ARM64 before the first execution.
  __builtin___clear_cache(reinterpret_cast<char*>(base_), reinterpret_cast<char*>(base_ + size_));
  executable_ = true;
  return {};
}

}  // namespace wasmc::rt::jit
