// runtime/core/objects.cpp — memories (one mmap reservation of the maximum size plus a guard region, so
// the base never moves and grow only mprotects; interpreter stores reserve less and may move on grow),
// tables, globals, and instance exports.
#include <sys/mman.h>

#include <algorithm>
#include <cstring>

#include "runtime/core/memory_reservation.h"
#include "runtime/core/runtime.h"

namespace wasmc::rt {

namespace {
constexpr uint64_t kGuardBytes = 64 * 1024;

uint64_t maxPagesOf(const wasm::MemoryType& t) {
  uint64_t m = t.limits.max.value_or(wasm::kMaxPages32);
  return m > wasm::kMaxPages32 ? wasm::kMaxPages32 : m;
}

// Growable reservations start at this much (plus the guard) or the declared max if smaller: under
// qemu-user every reserved page costs emulator memory and time (docs/aarch64.md), natively nothing.
constexpr uint64_t kGrowableInitialBytes = 16ull << 20;

// A PROT_NONE reservation of `reserve` bytes whose first `accessible` bytes are readable and writable.
uint8_t* mapReservation(uint64_t reserve, uint64_t accessible) {
  void* p = mmap(nullptr, reserve, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) return nullptr;
  if (accessible && mprotect(p, accessible, PROT_READ | PROT_WRITE) != 0) {
    munmap(p, reserve);
    return nullptr;
  }
  return static_cast<uint8_t*>(p);
}
}  // namespace

bool reserveMemory(MemoryInst& mem, MemoryReservation how) {
  constexpr uint64_t kGuardedReservation = 8ull << 30;
  uint64_t maxBytes = maxPagesOf(mem.type) * wasm::kPageSize;
  uint64_t bytes = mem.type.limits.min * wasm::kPageSize;
  uint64_t reserve = 0;
  switch (how) {
    case MemoryReservation::Guard: reserve = kGuardedReservation; break;
    case MemoryReservation::MaxSize: reserve = maxBytes + kGuardBytes; break;
    case MemoryReservation::Growable:
      reserve = std::min(maxBytes, std::max(bytes, kGrowableInitialBytes)) + kGuardBytes;
      break;
  }
  uint8_t* p = mapReservation(reserve, bytes);
  if (!p) return false;
  mem.base = p;
  mem.reservedBytes = reserve;
  mem.sizeBytes = bytes;
  mem.movable = how == MemoryReservation::Growable;
  return true;
}

MemoryInst::~MemoryInst() {
  if (base && reservedBytes) munmap(base, reservedBytes);
}

int64_t MemoryInst::grow(uint64_t delta) {
  uint64_t old = pages();
  if (delta == 0) return int64_t(old);
  if (!base || !reservedBytes) return -1;
  uint64_t want = old + delta;
  if (want > maxPagesOf(type)) return -1;
  uint64_t wantBytes = want * wasm::kPageSize;
  if (wantBytes + kGuardBytes > reservedBytes) {
    // Only a movable memory gets here: the others reserved their maximum. Move to a reservation at least
    // twice as large (amortised copying), capped at the maximum.
    if (!movable) return -1;
    uint64_t maxBytes = maxPagesOf(type) * wasm::kPageSize;
    uint64_t reserve = std::min(maxBytes, std::max(wantBytes, 2 * (reservedBytes - kGuardBytes))) + kGuardBytes;
    uint8_t* p = mapReservation(reserve, wantBytes);
    if (!p) return -1;
    std::memcpy(p, base, sizeBytes);
    munmap(base, reservedBytes);
    base = p;
    reservedBytes = reserve;
  } else if (mprotect(base + sizeBytes, delta * wasm::kPageSize, PROT_READ | PROT_WRITE) != 0) {
    return -1;
  }
  sizeBytes = wantBytes;
  type.limits.min = want;
  return int64_t(old);
}

int64_t TableInst::grow(uint64_t delta, uint64_t init) {
  uint64_t old = elems.size();
  uint64_t max = type.limits.max.value_or(wasm::kMaxTableSize);
  if (max > wasm::kMaxTableSize) max = wasm::kMaxTableSize;
  if (old + delta > max) return -1;
  elems.resize(old + delta, init);
  type.limits.min = old + delta;
  vm.elems = elems.data();  // JIT: keep the VMTable in sync (docs/abi.md)
  vm.size = elems.size();
  return int64_t(old);
}

Value GlobalInst::get() const {
  Value v = Value::zero(type.type);
  switch (type.type) {
    case ValType::I32:
    case ValType::F32: v.i32 = uint32_t(bits[0]); break;
    case ValType::I64:
    case ValType::F64:
    case ValType::FuncRef:
    case ValType::ExternRef: v.i64 = bits[0]; break;
    case ValType::V128: std::memcpy(v.v128.bytes, bits, 16); break;
  }
  return v;
}

void GlobalInst::set(const Value& v) {
  switch (type.type) {
    case ValType::I32:
    case ValType::F32: bits[0] = v.i32; bits[1] = 0; break;
    case ValType::I64:
    case ValType::F64:
    case ValType::FuncRef:
    case ValType::ExternRef: bits[0] = v.i64; bits[1] = 0; break;
    case ValType::V128: std::memcpy(bits, v.v128.bytes, 16); break;
  }
}

std::optional<Extern> Instance::getExport(std::string_view name) const {
  for (const auto& e : module().exports) {
    if (e.name != name) continue;
    Extern x;
    x.kind = e.kind;
    switch (e.kind) {
      case ExternKind::Func: x.ptr = funcs[e.index]; break;
      case ExternKind::Table: x.ptr = tables[e.index]; break;
      case ExternKind::Memory: x.ptr = memories[e.index]; break;
      case ExternKind::Global: x.ptr = globals[e.index]; break;
    }
    return x;
  }
  return std::nullopt;
}

FuncInst* Instance::exportedFunc(std::string_view name) const {
  auto e = getExport(name);
  return e ? e->func() : nullptr;
}

}  // namespace wasmc::rt
