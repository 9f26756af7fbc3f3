// runtime/jit/code_registry.cpp — fixed blocks of slots that never move (so a signal handler can scan
// them while another thread registers code); each slot is guarded by a sequence counter (odd = being
// written), so a reader retries instead of seeing a torn range. Freed slots are reused.
#include "runtime/jit/code_registry.h"

#include <algorithm>
#include <atomic>
#include <mutex>

namespace wasmc::rt::jit {

TrapCode CodeInfo::trapAt(uint32_t codeOffset) const {
  auto it = std::lower_bound(trapSites.begin(), trapSites.end(), codeOffset,
                             [](const TrapSiteEntry& t, uint32_t off) { return t.codeOffset < off; });
  if (it != trapSites.end() && it->codeOffset == codeOffset) return it->code;
  return TrapCode::None;
}

namespace {
constexpr uint32_t kSlotsPerBlock = 4096;
constexpr uint32_t kMaxBlocks = 1024;

struct Slot {
  std::atomic<uint32_t> seq{0};
  std::atomic<uintptr_t> start{0};
  std::atomic<uintptr_t> end{0};
  std::atomic<const CodeInfo*> info{nullptr};
};
}  // namespace

struct CodeRegistry::Impl {
  std::atomic<Slot*> blocks[kMaxBlocks] = {};
  std::atomic<uint32_t> used{0};  // slots ever handed out (readers scan [0, used))
  std::mutex mu;
  std::vector<uint32_t> freeSlots;

  Slot& slot(uint32_t i) const { return blocks[i / kSlotsPerBlock].load(std::memory_order_acquire)[i % kSlotsPerBlock]; }
};

CodeRegistry::CodeRegistry() : impl_(new Impl) {}

CodeRegistry& CodeRegistry::global() {
  static CodeRegistry* const registry = new CodeRegistry();  // never destroyed: handlers may run at exit
  return *registry;
}

uint32_t CodeRegistry::add(uintptr_t start, uintptr_t end, const CodeInfo* info) {
  std::lock_guard<std::mutex> lock(impl_->mu);
  uint32_t idx;
  if (!impl_->freeSlots.empty()) {
    idx = impl_->freeSlots.back();
    impl_->freeSlots.pop_back();
  } else {
    idx = impl_->used.load(std::memory_order_relaxed);
    uint32_t b = idx / kSlotsPerBlock;
    if (b >= kMaxBlocks) return UINT32_MAX;  // registry full: the code still runs, traps in it crash
    if (!impl_->blocks[b].load(std::memory_order_relaxed))
      impl_->blocks[b].store(new Slot[kSlotsPerBlock], std::memory_order_release);
  }
  Slot& s = impl_->slot(idx);
  uint32_t q = s.seq.load(std::memory_order_relaxed);
  s.seq.store(q + 1, std::memory_order_relaxed);  // odd: being written
  std::atomic_thread_fence(std::memory_order_release);
  s.start.store(start, std::memory_order_relaxed);
  s.end.store(end, std::memory_order_relaxed);
  s.info.store(info, std::memory_order_relaxed);
  s.seq.store(q + 2, std::memory_order_release);
  if (idx == impl_->used.load(std::memory_order_relaxed)) impl_->used.store(idx + 1, std::memory_order_release);
  return idx;
}

void CodeRegistry::remove(uint32_t handle) {
  if (handle == UINT32_MAX) return;
  std::lock_guard<std::mutex> lock(impl_->mu);
  Slot& s = impl_->slot(handle);
  uint32_t q = s.seq.load(std::memory_order_relaxed);
  s.seq.store(q + 1, std::memory_order_relaxed);
  std::atomic_thread_fence(std::memory_order_release);
  s.info.store(nullptr, std::memory_order_relaxed);
  s.start.store(0, std::memory_order_relaxed);
  s.end.store(0, std::memory_order_relaxed);
  s.seq.store(q + 2, std::memory_order_release);
  impl_->freeSlots.push_back(handle);
}

bool CodeRegistry::lookup(uintptr_t pc, CodeRange& out) const {
  uint32_t n = impl_->used.load(std::memory_order_acquire);
  for (uint32_t i = 0; i < n; ++i) {
    const Slot& s = impl_->slot(i);
    for (;;) {
      uint32_t q1 = s.seq.load(std::memory_order_acquire);
      if (q1 & 1) break;  // being (re)written: not code that is running
      uintptr_t a = s.start.load(std::memory_order_relaxed);
      uintptr_t b = s.end.load(std::memory_order_relaxed);
      const CodeInfo* info = s.info.load(std::memory_order_relaxed);
      std::atomic_thread_fence(std::memory_order_acquire);
      if (s.seq.load(std::memory_order_relaxed) != q1) continue;
      if (info && pc >= a && pc < b) {
        out = CodeRange{a, b, info};
        return true;
      }
      break;
    }
  }
  return false;
}

}  // namespace wasmc::rt::jit
