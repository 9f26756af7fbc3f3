// driver/input.h — reading a module file for every subcommand: one implementation, one error wording.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace wasmc::driver {

// Reads the whole file at `path`. On failure returns false and sets `why` to the system's reason
// ("No such file or directory", "Is a directory", ...).
bool readModuleFile(const std::string& path, std::vector<uint8_t>& out, std::string& why);

}  // namespace wasmc::driver
