// compiler/wasm/decoder.h — binary format → Module. Checks everything the binary grammar decides
// (malformed: section order/sizes, LEB128 limits, UTF-8 names, counts); typing is validate()'s job.
// Never crashes or hangs: every length is checked against the remaining input before use.
#pragma once
#include <cstdint>
#include <memory>
#include <vector>

#include "support/diag.h"
#include "wasm/module.h"

namespace wasmc::wasm {

Expected<std::shared_ptr<Module>> decode(std::vector<uint8_t> bytes);

}  // namespace wasmc::wasm
