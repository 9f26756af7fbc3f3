// runtime/core/report.cpp — command-line values and trap reports shared by `wasmc run` and built executables.
#include "runtime/core/report.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>

namespace wasmc::rt {
namespace {

template <class T>
bool parseInt(const std::string& s, T& out) {
  auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

template <class F>
std::string formatFloat(F f) {
  if (std::isnan(f)) return std::signbit(f) ? "-nan" : "nan";
  if (std::isinf(f)) return f < 0 ? "-inf" : "inf";
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, f);
  return std::string(buf, r.ptr);
}

}  // namespace

bool parseValue(const std::string& s, ValType t, Value& v) {
  switch (t) {
    case ValType::I32: {
      int32_t si;
      uint32_t ui;
      if (parseInt(s, si)) { v = Value::makeI32(uint32_t(si)); return true; }
      if (parseInt(s, ui)) { v = Value::makeI32(ui); return true; }
      return false;
    }
    case ValType::I64: {
      int64_t si;
      uint64_t ui;
      if (parseInt(s, si)) { v = Value::makeI64(uint64_t(si)); return true; }
      if (parseInt(s, ui)) { v = Value::makeI64(ui); return true; }
      return false;
    }
    case ValType::F32: {
      if (s.empty()) return false;
      char* end;
      float f = std::strtof(s.c_str(), &end);
      if (*end) return false;
      uint32_t bits;
      std::memcpy(&bits, &f, 4);
      v = Value::makeF32Bits(bits);
      return true;
    }
    case ValType::F64: {
      if (s.empty()) return false;
      char* end;
      double d = std::strtod(s.c_str(), &end);
      if (*end) return false;
      uint64_t bits;
      std::memcpy(&bits, &d, 8);
      v = Value::makeF64Bits(bits);
      return true;
    }
    case ValType::V128:
    case ValType::FuncRef:
    case ValType::ExternRef:
      return false;
  }
  return false;
}

std::string formatValue(const Value& v) {
  switch (v.type) {
    case ValType::I32: return std::to_string(int32_t(v.i32));
    case ValType::I64: return std::to_string(int64_t(v.i64));
    case ValType::F32: {
      float f;
      std::memcpy(&f, &v.f32, 4);
      return formatFloat(f);
    }
    case ValType::F64: {
      double d;
      std::memcpy(&d, &v.f64, 8);
      return formatFloat(d);
    }
    case ValType::V128: {
      std::string s = "v128:";
      char b[4];
      for (int i = 0; i < 16; ++i) {
        std::snprintf(b, sizeof b, "%02x", v.v128.bytes[i]);
        s += b;
      }
      return s;
    }
    case ValType::FuncRef:
    case ValType::ExternRef: {
      if (!v.ref) return "null";
      char b[32];
      std::snprintf(b, sizeof b, "ref:0x%llx", static_cast<unsigned long long>(v.ref));
      return b;
    }
  }
  return "?";
}

int reportTrap(const std::string& name, const Trap& t, const wasm::Module* mod, std::string_view raisedPrefix) {
  std::fflush(stdout);
  if (t.code == TrapCode::Exit) {
    if (!raisedPrefix.empty() && std::string_view(t.message).starts_with(raisedPrefix))
      std::fprintf(stderr, "wasmc: error: %s: %s\n", name.c_str(), t.message.c_str());
    return t.exitCode;
  }
  std::string msg = t.message.empty() ? trapMessage(t.code) : t.message;
  std::fprintf(stderr, "wasmc: error: %s: trap: %s\n", name.c_str(), msg.c_str());
  constexpr size_t kHead = 20, kTail = 5;  // deep recursion: innermost and outermost frames only
  const size_t n = t.backtrace.size();
  for (size_t i = 0; i < n; ++i) {
    if (n > kHead + kTail + 1 && i == kHead) {
      std::fprintf(stderr, "  ... %zu more frames ...\n", n - kHead - kTail);
      i = n - kTail - 1;
      continue;
    }
    const Frame& fr = t.backtrace[i];
    std::string fn = fr.funcName;
    if (fn.empty() && mod) fn = mod->funcName(fr.funcIndex);
    if (fn.empty()) fn = "func[" + std::to_string(fr.funcIndex) + "]";
    std::fprintf(stderr, "  at %s (func %u)\n", fn.c_str(), fr.funcIndex);
  }
  return kTrapExitStatus;
}

}  // namespace wasmc::rt
