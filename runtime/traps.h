// runtime/traps.h — TrapCode enum (from traps.def) and its messages. Header-only, no dependencies,
// so compiler semantics, code generators and the runtime can all use it.
#pragma once
#include <cstdint>

namespace wasmc {

enum class TrapCode : uint8_t {
  None = 0,
#define WASMC_TRAP(Name, Msg) Name,
#include "runtime/traps.def"
#undef WASMC_TRAP
};

constexpr const char* trapMessage(TrapCode c) {
  switch (c) {
    case TrapCode::None: return "no trap";
#define WASMC_TRAP(Name, Msg) \
  case TrapCode::Name:        \
    return Msg;
#include "runtime/traps.def"
#undef WASMC_TRAP
  }
  return "unknown trap";
}

}  // namespace wasmc
