/* test/link/host.c — the C side of the link test: a runtime-helper stand-in and main(). The generated
 * object defines wasm_sum_to (a loop calling the helper per step) and wasm_scale (reads a constant-pool
 * double); main prints their results so the test can compare them with hand-computed values. */
#include <stdio.h>

int wasm_sum_to(int n);
double wasm_scale(double x);
extern const long long wasm_table[2];

int wasmc_rt_test_square(int x) { return x * x; }

int main(void) {
  printf("sum_to(4)=%d scale(3)=%.3f table=%lld\n", wasm_sum_to(4), wasm_scale(3.0),
         wasm_table[1] - wasm_table[0]);
  return wasm_sum_to(3);
}
