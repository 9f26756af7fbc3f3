/* test/programs/reactor.c — a module without `_start` (a WASI reactor) exporting plain functions,
 * used by the CLI tests: `wasmc run` must refuse it clearly; `--invoke` calls its exports. */
#include <stdint.h>

__attribute__((export_name("add"))) int32_t add(int32_t a, int32_t b) { return a + b; }
__attribute__((export_name("mul64"))) int64_t mul64(int64_t a, int64_t b) { return a * b; }
__attribute__((export_name("hyp"))) double hyp(double a, double b) { return a * a + b * b; }
__attribute__((export_name("half"))) float half(float a) { return a / 2; }
__attribute__((export_name("boom"))) int32_t boom(int32_t a) { if (a) __builtin_trap(); return 0; }
__attribute__((export_name("deep"))) int32_t deep(int32_t a) {
  volatile int32_t x = a;
  return x > 0 ? deep(x + 1) + 1 : 0;  /* for a > 0 it recurses until the shadow stack or call stack runs out */
}
