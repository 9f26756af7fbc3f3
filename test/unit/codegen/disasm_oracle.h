// test/unit/codegen/disasm_oracle.h — the independent oracle for our encoders: LLVM's MCDisassembler +
// MCInstPrinter turning bytes into text for one target triple (x86_64 AT&T or Intel, aarch64).
// Only disasm_oracle.cpp includes LLVM headers (they are slow to compile); this header is plain C++.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace wasmc::testing {

// LLVM's "assembler dialect" of the printer: on x86 0 = AT&T, 1 = Intel; AArch64 has only Default.
enum class AsmSyntax : uint8_t { Default, Att, Intel };

struct DisasmInst {
  uint64_t offset = 0;  // from the start of the disassembled bytes
  uint32_t size = 0;    // 0 when the bytes at offset do not decode
  std::string text;     // normalised: no leading tab, mnemonic and operands separated by one space;
                        // "<invalid>" when the bytes do not decode
};

class DisasmOracle {
 public:
  // triple e.g. "x86_64-unknown-linux-gnu" or "aarch64-unknown-linux-gnu"; features are LLVM subtarget
  // features ("+avx2"; for aarch64 e.g. "+v8.2a,+fullfp16"). Returns null and sets *error on failure.
  static std::unique_ptr<DisasmOracle> create(const std::string& triple, AsmSyntax syntax,
                                              std::string* error, const std::string& cpu = "",
                                              const std::string& features = "");
  ~DisasmOracle();
  DisasmOracle(const DisasmOracle&) = delete;
  DisasmOracle& operator=(const DisasmOracle&) = delete;

  // Decodes instructions one after another; an undecodable position yields one "<invalid>" entry and
  // decoding resumes at the next byte (x86) or next 4-byte word (aarch64). `address` is the address of
  // the first byte (branch targets print relative to it when printBranchAsAddress is set).
  std::vector<DisasmInst> disassemble(const uint8_t* bytes, size_t size, uint64_t address = 0) const;

  // All instructions' texts joined with "; " — convenient for one-line test rows.
  std::string text(const uint8_t* bytes, size_t size, uint64_t address = 0) const;

  // Print branch targets as absolute addresses (hex) instead of pc-relative immediates.
  void setPrintBranchAsAddress(bool on);

  struct Impl;

 private:
  explicit DisasmOracle(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// "48 01 c8" — lower-case hex bytes separated by spaces.
std::string hexBytes(const uint8_t* bytes, size_t size);

}  // namespace wasmc::testing
