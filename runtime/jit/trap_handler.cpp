// runtime/jit/trap_handler.cpp — the signal handler, the per-thread entry chain and alternate signal stack,
// and the conversion of a recorded fault into an rt::Trap with a backtrace. The handler only reads memory
// (registry slots, the rbp chain within the thread's stack) and writes the innermost EntryRecord, then
// siglongjmps; it never allocates. Invariant: tlsEntry is non-null exactly while generated code may run.
#include "runtime/jit/trap_handler.h"

#include <pthread.h>
#include <signal.h>
#include <sys/mman.h>
#include <ucontext.h>

#include <cstring>
#include <mutex>

#include "runtime/jit/code_registry.h"

namespace wasmc::rt::jit {

namespace {

constexpr size_t kAltStackBytes = 64 * 1024;
constexpr uintptr_t kStackReserve = 1u << 20;   // below stackLimit: helpers, compiler, host code
constexpr int kSignals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE};

thread_local EntryRecord* tlsEntry = nullptr;

struct ThreadState {
  StackBounds stack;
  bool stackKnown = false;
  void* altStack = nullptr;  // ours, when the thread had none (ASan installs its own: kept)
  ~ThreadState() {
    if (!altStack) return;
    stack_t ss{};
    ss.ss_flags = SS_DISABLE;
    sigaltstack(&ss, nullptr);
    munmap(altStack, kAltStackBytes);
  }
};
thread_local ThreadState tlsThread;

// Handlers that were installed before ours (process-wide, written once under call_once).
struct PreviousActions {
  struct sigaction act[4];
};
PreviousActions& previous() {
  static PreviousActions p;
  return p;
}
int signalSlot(int sig) {
  for (int i = 0; i < 4; ++i)
    if (kSignals[i] == sig) return i;
  return -1;
}

void forwardSignal(int sig, siginfo_t* info, void* uctx) {
  int slot = signalSlot(sig);
  const struct sigaction& prev = previous().act[slot];
  if ((prev.sa_flags & SA_SIGINFO) && prev.sa_sigaction) {
    prev.sa_sigaction(sig, info, uctx);
    return;
  }
  if (prev.sa_handler != SIG_DFL && prev.sa_handler != SIG_IGN && prev.sa_handler) {
    prev.sa_handler(sig);
    return;
  }
  // Default action: reset and return; the faulting instruction runs again and the signal kills us.
  struct sigaction dfl;
  std::memset(&dfl, 0, sizeof dfl);
  dfl.sa_handler = SIG_DFL;
  sigemptyset(&dfl.sa_mask);
  sigaction(sig, &dfl, nullptr);
}

bool inStack(uintptr_t p, uintptr_t lo, uintptr_t hi) { return p >= lo && p + 16 <= hi && (p & 7) == 0; }

// Walks the rbp chain from the faulting frame, recording return addresses inside wasm functions.
void recordBacktrace(EntryRecord* e, uintptr_t pc, uintptr_t rbp, uintptr_t rsp, const CodeRange& top) {
  uint32_t n = 0;
  if (top.info->kind == CodeKind::WasmFunction) e->frames[n++] = pc;
  uintptr_t hi = tlsThread.stackKnown ? tlsThread.stack.high : rsp + (8u << 20);
  uintptr_t lo = rsp;
  while (n < kMaxTrapFrames && inStack(rbp, lo, hi)) {
    uintptr_t ret = *reinterpret_cast<const uintptr_t*>(rbp + 8);
    CodeRange r;
    if (!CodeRegistry::global().lookup(ret - 1, r) || r.info->kind == CodeKind::Entry) break;
    if (r.info->kind == CodeKind::WasmFunction) e->frames[n++] = ret - 1;
    uintptr_t next = *reinterpret_cast<const uintptr_t*>(rbp);
    if (next <= rbp) break;
    lo = rbp + 16;
    rbp = next;
  }
  e->numFrames = n;
}

void trapSignalHandler(int sig, siginfo_t* info, void* uctx) {
  EntryRecord* e = tlsEntry;
  auto* uc = static_cast<ucontext_t*>(uctx);
#if defined(__x86_64__)
  uintptr_t pc = uintptr_t(uc->uc_mcontext.gregs[REG_RIP]);
  uintptr_t rbp = uintptr_t(uc->uc_mcontext.gregs[REG_RBP]);
  uintptr_t rsp = uintptr_t(uc->uc_mcontext.gregs[REG_RSP]);
#elif defined(__aarch64__)
  uintptr_t pc = uintptr_t(uc->uc_mcontext.pc);
  uintptr_t rbp = uintptr_t(uc->uc_mcontext.regs[29]);
  uintptr_t rsp = uintptr_t(uc->uc_mcontext.sp);
#else
#error "runtime/jit/trap_handler.cpp: read pc, frame pointer and sp from this architecture's ucontext"
#endif
  CodeRange range;
  if (!e || !CodeRegistry::global().lookup(pc, range)) {
    forwardSignal(sig, info, uctx);
    return;
  }
  uintptr_t addr = uintptr_t(info->si_addr);
  TrapCode code = range.info->trapAt(uint32_t(pc - range.start));
  if (e->pending) {
    code = e->pending->code;
  } else if (code == TrapCode::None) {
    // A fault generated code did not announce. Stack overflow (a push or call below the guard) is the
    // one we expect; anything else is reported as a host error with the signal, never silently.
    const StackBounds& sb = tlsThread.stack;
    bool nearStackEnd = tlsThread.stackKnown && addr + (1u << 20) >= sb.low && addr < sb.low + kStackReserve;
    if ((sig == SIGSEGV || sig == SIGBUS) && nearStackEnd) code = TrapCode::CallStackExhausted;
    else code = TrapCode::HostError;
  }
  e->code = code;
  e->signal = sig;
  e->faultPc = pc;
  e->faultAddr = addr;
  recordBacktrace(e, pc, rbp, rsp, range);
  siglongjmp(e->jb, 1);
}

void ensureAltStack() {
  ThreadState& ts = tlsThread;
  if (ts.altStack) return;
  stack_t old{};
  if (sigaltstack(nullptr, &old) != 0) return;
  if (!(old.ss_flags & SS_DISABLE) && old.ss_size >= size_t(MINSIGSTKSZ)) return;  // the thread has one (ASan's)
  void* mem = mmap(nullptr, kAltStackBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mem == MAP_FAILED) return;
  stack_t ss{};
  ss.ss_sp = mem;
  ss.ss_size = kAltStackBytes;
  ss.ss_flags = 0;
  if (sigaltstack(&ss, nullptr) != 0) {
    munmap(mem, kAltStackBytes);
    return;
  }
  ts.altStack = mem;
}

Trap trapFromRecord(EntryRecord& rec) {
  Trap t;
  if (rec.pending) {
    t = std::move(*rec.pending);
  } else {
    t.code = rec.code;
    t.message = trapMessage(rec.code);
    if (rec.code == TrapCode::HostError) {
      char buf[96];
      std::snprintf(buf, sizeof buf, "unexpected signal %d in generated code (pc %#lx, address %#lx)", rec.signal,
                    static_cast<unsigned long>(rec.faultPc), static_cast<unsigned long>(rec.faultAddr));
      t.message = buf;
    }
  }
  for (uint32_t i = 0; i < rec.numFrames; ++i) {
    CodeRange r;
    if (!CodeRegistry::global().lookup(rec.frames[i], r)) continue;
    Frame f;
    f.funcIndex = r.info->funcIndex;
    f.funcName = r.info->name;
    f.moduleName = r.info->moduleName;
    t.backtrace.push_back(std::move(f));
  }
  return t;
}

}  // namespace

StackBounds threadStack() {
  ThreadState& ts = tlsThread;
  if (!ts.stackKnown) {
    pthread_attr_t attr;
    void* addr = nullptr;
    size_t size = 0;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
      pthread_attr_getstack(&attr, &addr, &size);
      pthread_attr_destroy(&attr);
    }
    ts.stack.low = uintptr_t(addr);
    ts.stack.high = uintptr_t(addr) + size;
    ts.stackKnown = size != 0;
  }
  return ts.stack;
}

uintptr_t threadStackLimit() {
  StackBounds sb = threadStack();
  if (!tlsThread.stackKnown) return 0;
  uintptr_t size = sb.high - sb.low;
  uintptr_t reserve = size / 2 < kStackReserve ? size / 2 : kStackReserve;
  return sb.low + reserve;
}

void installTrapHandlers() {
  static std::once_flag once;
  std::call_once(once, [] {
    for (int i = 0; i < 4; ++i) {
      struct sigaction sa;
      std::memset(&sa, 0, sizeof sa);
      sa.sa_sigaction = trapSignalHandler;
      sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
      sigemptyset(&sa.sa_mask);
      sigaction(kSignals[i], &sa, &previous().act[i]);
    }
  });
}

EntryRecord* currentEntry() { return tlsEntry; }

bool setPendingTrap(Trap t) {
  if (!tlsEntry) return false;
  tlsEntry->pending = std::move(t);
  return true;
}

ExecResult callGenerated(EntryFn fn, abi::VMContext* ctx, const void* code, void* frame) {
  installTrapHandlers();
  ensureAltStack();
  threadStack();
  EntryRecord rec;
  rec.prev = tlsEntry;
  if (sigsetjmp(rec.jb, 1) == 0) {
    tlsEntry = &rec;
    fn(ctx, code, frame);
    tlsEntry = rec.prev;
    if (rec.pending) return std::move(*rec.pending);  // a helper failed without trapping (defensive)
    return std::nullopt;
  }
  tlsEntry = rec.prev;
  return trapFromRecord(rec);
}

}  // namespace wasmc::rt::jit
