// runtime/jit/cpu.cpp — CPUID checks for the code generator's baseline (Intel SDM Vol. 2A, CPUID).
#include "runtime/jit/cpu.h"

#if defined(__x86_64__)
#include <cpuid.h>
#endif

namespace wasmc::rt::jit {

bool hostRunsGeneratedCode(std::string* why) {
#if defined(__x86_64__)
  unsigned a, b, c, d;
  std::string miss;
  bool sse42 = false, popcnt = false, lzcnt = false, bmi1 = false;
  if (__get_cpuid(1, &a, &b, &c, &d)) {
    sse42 = c & (1u << 20);
    popcnt = c & (1u << 23);
  }
  if (__get_cpuid(0x80000001, &a, &b, &c, &d)) lzcnt = c & (1u << 5);  // ABM/LZCNT
  if (__get_cpuid_count(7, 0, &a, &b, &c, &d)) bmi1 = b & (1u << 3);
  if (!sse42) miss += " sse4.2";
  if (!popcnt) miss += " popcnt";
  if (!lzcnt) miss += " lzcnt";
  if (!bmi1) miss += " bmi1";
  if (why) *why = miss.empty() ? miss : "this CPU lacks" + miss;
  return miss.empty();
#elif defined(__aarch64__)
  if (why) *why = "the JIT has no aarch64 code generator yet";
  return false;
#else
  if (why) *why = "the JIT has no code generator for this architecture";
  return false;
#endif
}

bool hostHasAvx() {
#if defined(__x86_64__)
  return __builtin_cpu_supports("avx");
#else
  return false;
#endif
}

}  // namespace wasmc::rt::jit
