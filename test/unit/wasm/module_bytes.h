// test/unit/wasm/module_bytes.h — helpers to hand-assemble Wasm binaries in tests (sections, LEB128,
// bodies) and to run decode()+validate() returning the first error's text ("" when the module is valid).
// The helpers only concatenate bytes; every expected value in the tests is written by hand.
#pragma once
#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

#include "wasm/decoder.h"
#include "wasm/validator.h"

namespace wasmc::test {

using Bytes = std::vector<uint8_t>;

inline void append(Bytes& out, const Bytes& more) {
  for (uint8_t b : more) out.push_back(b);  // (vector::insert trips a GCC 12 -Warray-bounds false positive)
}

inline Bytes cat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes& p : parts) append(out, p);
  return out;
}

inline Bytes uleb(uint64_t v) {
  Bytes out;
  do {
    uint8_t b = v & 0x7f;
    v >>= 7;
    out.push_back(v ? b | 0x80 : b);
  } while (v);
  return out;
}

inline Bytes str(const std::string& s) { return cat({uleb(s.size()), Bytes(s.begin(), s.end())}); }

inline Bytes section(uint8_t id, const Bytes& payload) { return cat({Bytes{id}, uleb(payload.size()), payload}); }

// A vector: count, then the elements.
inline Bytes vec(std::initializer_list<Bytes> items) {
  Bytes out = uleb(items.size());
  for (const Bytes& i : items) append(out, i);
  return out;
}

inline Bytes header() { return {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00}; }

inline Bytes module(std::initializer_list<Bytes> sections) {
  Bytes out = header();
  for (const Bytes& s : sections) append(out, s);
  return out;
}

// A function body entry: size, then local declarations and instructions (the caller writes the end).
inline Bytes body(const Bytes& localsAndCode) { return cat({uleb(localsAndCode.size()), localsAndCode}); }

// Common shapes: type section with "() -> ()" only; one function of type 0 with the given code.
inline Bytes typeVoid() { return section(1, vec({{0x60, 0x00, 0x00}})); }
inline Bytes oneFunc() { return section(3, vec({{0x00}})); }
inline Bytes code(std::initializer_list<Bytes> bodies) {
  Bytes payload = uleb(bodies.size());
  for (const Bytes& b : bodies) {
    append(payload, body(b));
  }
  return section(10, payload);
}

struct Outcome {
  std::string message;  // "" when decode and validate succeed
  std::optional<uint64_t> offset;
  bool decodeFailed = false;
};

inline Outcome check(Bytes bytes) {
  auto m = wasm::decode(std::move(bytes));
  if (!m) return {m.error().message, m.error().offset, true};
  auto v = wasm::validate(*m);
  if (!v) return {v.error().message, v.error().offset, false};
  return {};
}

}  // namespace wasmc::test
