// driver/spectest.h — the `spectest` host module the spec scripts import from: print functions,
// immutable globals (666 / 666.6), a 10..20 funcref table and a 1..2 page memory.
// Everything it creates is owned by the Store; the Linker only records the externs.
#pragma once
#include "runtime/core/runtime.h"
#include "support/diag.h"

namespace wasmc::driver {

// Creates the spectest instances in `store` and defines them in `linker` under module "spectest".
// Fails only when the memory cannot be reserved.
Status defineSpectest(rt::Store& store, rt::Linker& linker);

}  // namespace wasmc::driver
