// compiler/wasm/types.h — Wasm value types, function types, limits: shared by compiler and runtime.
// ValType values are the binary encodings, so the decoder can cast after checking.
#pragma once
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

namespace wasmc::wasm {

enum class ValType : uint8_t {
  I32 = 0x7F,
  I64 = 0x7E,
  F32 = 0x7D,
  F64 = 0x7C,
  V128 = 0x7B,
  FuncRef = 0x70,
  ExternRef = 0x6F,
};

inline bool isRefType(ValType t) { return t == ValType::FuncRef || t == ValType::ExternRef; }
inline bool isNumType(ValType t) { return !isRefType(t) && t != ValType::V128; }
const char* valTypeName(ValType t);  // "i32", "funcref", ...

struct FuncType {
  std::vector<ValType> params;
  std::vector<ValType> results;
  bool operator==(const FuncType&) const = default;
};
std::string funcTypeToString(const FuncType& ft);  // "(i32, i64) -> (f32)"

struct Limits {
  uint64_t min = 0;
  std::optional<uint64_t> max;
};

struct TableType {
  ValType elemType = ValType::FuncRef;
  Limits limits;
};

struct MemoryType {
  Limits limits;  // in 64 KiB pages
};

struct GlobalType {
  ValType type = ValType::I32;
  bool mutable_ = false;
};

enum class ExternKind : uint8_t { Func = 0, Table = 1, Memory = 2, Global = 3 };

// A 128-bit SIMD value, little-endian lane order as in Wasm.
struct alignas(16) V128 {
  uint8_t bytes[16];
  template <class T> T lane(unsigned i) const { T v; std::memcpy(&v, bytes + i * sizeof(T), sizeof(T)); return v; }
  template <class T> void setLane(unsigned i, T v) { std::memcpy(bytes + i * sizeof(T), &v, sizeof(T)); }
  bool operator==(const V128& o) const { return std::memcmp(bytes, o.bytes, 16) == 0; }
};

constexpr uint32_t kPageSize = 65536;
constexpr uint32_t kMaxPages32 = 65536;        // 4 GiB
constexpr uint32_t kMaxTableSize = 10000000;   // implementation limit on table elements

}  // namespace wasmc::wasm
