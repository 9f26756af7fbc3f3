/* test/programs/recursion.c — calls and integer arithmetic: recursive Fibonacci and Ackermann
 * (deep call chains), a sieve of Eratosthenes, 64-bit arithmetic, division and shifts. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
static int ack(int m, int n) { return m == 0 ? n + 1 : n == 0 ? ack(m - 1, 1) : ack(m - 1, ack(m, n - 1)); }
static int depth(int n) { volatile int pad[4] = {n, n, n, n}; return n == 0 ? 0 : 1 + depth(n - 1) + pad[0] - n; }

int main(void) {
  printf("fib(27) = %d\n", fib(27));
  printf("ack(2, 500) = %d, ack(3, 6) = %d\n", ack(2, 500), ack(3, 6));
  printf("depth(3000) = %d\n", depth(3000));
  static char composite[2000001];
  int count = 0;
  long long sum = 0;
  for (int i = 2; i <= 2000000; ++i) {
    if (composite[i]) continue;
    ++count;
    sum += i;
    for (long long j = (long long)i * i; j <= 2000000; j += i) composite[j] = 1;
  }
  printf("primes <= 2000000: %d, sum %lld\n", count, sum);
  uint64_t x = 0x123456789abcdefull;
  for (int i = 0; i < 100; ++i) x = x * 6364136223846793005ull + 1442695040888963407ull;
  printf("lcg64: %016llx\n", (unsigned long long)x);
  int64_t a = -9223372036854775807ll - 1;
  printf("i64 min / -1 avoided; min / 3 = %lld, min %% 7 = %lld\n", (long long)(a / 3), (long long)(a % 7));
  uint32_t u = 0xdeadbeef;
  printf("rotl = %08x, clz = %d, ctz = %d, popcnt = %d\n", (u << 5) | (u >> 27), __builtin_clz(u >> 4),
         __builtin_ctz(u & ~1u), __builtin_popcount(u));
  printf("signed shift: %d, unsigned shift: %u\n", -1000 >> 3, 0x80000000u >> 31);
  return 0;
}
