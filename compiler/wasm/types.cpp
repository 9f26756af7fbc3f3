// compiler/wasm/types.cpp — names of value types and function types for diagnostics.
#include "wasm/types.h"

namespace wasmc::wasm {

const char* valTypeName(ValType t) {
  switch (t) {
    case ValType::I32: return "i32";
    case ValType::I64: return "i64";
    case ValType::F32: return "f32";
    case ValType::F64: return "f64";
    case ValType::V128: return "v128";
    case ValType::FuncRef: return "funcref";
    case ValType::ExternRef: return "externref";
  }
  return "?";
}

std::string funcTypeToString(const FuncType& ft) {
  std::string s = "(";
  for (size_t i = 0; i < ft.params.size(); ++i) s += (i ? ", " : "") + std::string(valTypeName(ft.params[i]));
  s += ") -> (";
  for (size_t i = 0; i < ft.results.size(); ++i) s += (i ? ", " : "") + std::string(valTypeName(ft.results[i]));
  return s + ")";
}

}  // namespace wasmc::wasm
