// runtime/jit/exec_memory.h — executable memory for generated code under W^X: a block is mapped
// read-write, filled, then switched to read-execute (icache flushed) and never made writable again.
// Invariant: no page of a CodeBlock is ever writable and executable at the same time; a block is
// page-granular, owned by exactly one CodeBlock, and unmapped when it is destroyed.
#pragma once
#include <cstddef>
#include <cstdint>

#include "support/diag.h"

namespace wasmc::rt::jit {

class CodeBlock {
 public:
  CodeBlock() = default;
  CodeBlock(const CodeBlock&) = delete;
  CodeBlock& operator=(const CodeBlock&) = delete;
  CodeBlock(CodeBlock&& o) noexcept { *this = static_cast<CodeBlock&&>(o); }
  CodeBlock& operator=(CodeBlock&& o) noexcept;
  ~CodeBlock();

  // Maps at least `bytes` bytes read-write (rounded up to whole pages).
  static Expected<CodeBlock> allocate(size_t bytes);

  // Writable view; only valid before makeExecutable().
  uint8_t* writable() { return executable_ ? nullptr : base_; }
  const uint8_t* base() const { return base_; }
  size_t size() const { return size_; }
  bool isExecutable() const { return executable_; }

  // RW → RX (mprotect) and instruction-cache flush. Called exactly once.
  Status makeExecutable();

 private:
  uint8_t* base_ = nullptr;
  size_t size_ = 0;
  bool executable_ = false;
};

size_t pageSize();

}  // namespace wasmc::rt::jit
