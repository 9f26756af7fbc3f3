// runtime/core/memory_reservation.h — how much address space a linear memory reserves (objects.cpp), chosen
// per Store by its execution mode (store.cpp). Invariant: only Growable memories ever move their base, and
// only stores whose code is all interpreted (it reloads base after calls, returns and memory.grow) get them.
#pragma once

namespace wasmc::rt {

struct MemoryInst;

enum class MemoryReservation {
  Guard,     // 8 GiB: the whole 32-bit index space plus offsets, so generated code needs no bounds checks
  MaxSize,   // max pages (or 4 GiB) + 64 KiB: explicitly checked generated code; the base never moves
  Growable,  // the interpreter: a few MiB, moved to a larger reservation when memory.grow needs it
};

bool reserveMemory(MemoryInst& mem, MemoryReservation how);

}  // namespace wasmc::rt
