/* test/programs/big_malloc.c — memory.grow through malloc: allocations of 1..64 MiB (well beyond
 * the initial memory), touched and checksummed, realloc growth that preserves contents, and free. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t checksum(const uint8_t* p, size_t n) {
  uint32_t h = 0;
  for (size_t i = 0; i < n; i += 4093) h = h * 31 + p[i];
  return h + p[n - 1];
}

int main(void) {
  size_t sizes[] = {1u << 20, 8u << 20, 32u << 20, 64u << 20};
  for (int k = 0; k < 4; ++k) {
    uint8_t* p = malloc(sizes[k]);
    if (!p) { printf("malloc(%zu) failed\n", sizes[k]); return 1; }
    for (size_t i = 0; i < sizes[k]; ++i) p[i] = (uint8_t)(i * 7 + k);
    printf("malloc %3zu MiB: checksum %08x\n", sizes[k] >> 20, checksum(p, sizes[k]));
    free(p);
  }
  size_t n = 1000;
  uint32_t* v = malloc(n * sizeof *v);
  for (size_t i = 0; i < n; ++i) v[i] = (uint32_t)(i * i);
  while (n < (4u << 20)) {
    size_t m = n * 4;
    v = realloc(v, m * sizeof *v);
    if (!v) { printf("realloc failed\n"); return 1; }
    for (size_t i = n; i < m; ++i) v[i] = (uint32_t)(i * i);
    n = m;
  }
  int ok = 1;
  for (size_t i = 0; i < n; ++i) if (v[i] != (uint32_t)(i * i)) ok = 0;
  printf("realloc to %zu elements: %s\n", n, ok ? "contents preserved" : "CORRUPTED");
  free(v);
  /* Many small blocks. */
  void* blocks[10000];
  for (int i = 0; i < 10000; ++i) { blocks[i] = malloc(16 + i % 200); memset(blocks[i], i & 0xff, 16 + i % 200); }
  int bad = 0;
  for (int i = 0; i < 10000; ++i) { if (((uint8_t*)blocks[i])[15] != (i & 0xff)) ++bad; free(blocks[i]); }
  printf("10000 small blocks: %d bad\n", bad);
  return 0;
}
