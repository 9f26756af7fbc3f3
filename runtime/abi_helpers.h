// runtime/abi_helpers.h — ids of the runtime helpers generated code calls (the table is
// runtime/abi_helpers.def): RelocTarget::Helper relocations carry a HelperId; the AOT object names the
// symbol helperSymbol(id); the runtime defines each function with exactly the listed type.
#pragma once
#include <cstdint>

#include "runtime/abi.h"

namespace wasmc::abi {

enum class HelperId : uint32_t {
#define WASMC_HELPER(Name, Symbol, Type) Name,
#include "runtime/abi_helpers.def"
#undef WASMC_HELPER
};

constexpr uint32_t kNumHelpers = 0
#define WASMC_HELPER(Name, Symbol, Type) +1
#include "runtime/abi_helpers.def"
#undef WASMC_HELPER
    ;

constexpr const char* helperSymbol(HelperId id) {
  constexpr const char* names[] = {
#define WASMC_HELPER(Name, Symbol, Type) Symbol,
#include "runtime/abi_helpers.def"
#undef WASMC_HELPER
  };
  return names[static_cast<uint32_t>(id)];
}

// The C function type of each helper, e.g. HelperType<HelperId::MemoryGrow> (for static_asserts).
template <HelperId> struct HelperTypeOf;
#define WASMC_HELPER(Name, Symbol, Type) \
  template <> struct HelperTypeOf<HelperId::Name> { using type = Type; };
#include "runtime/abi_helpers.def"
#undef WASMC_HELPER
template <HelperId Id> using HelperType = typename HelperTypeOf<Id>::type;

}  // namespace wasmc::abi
