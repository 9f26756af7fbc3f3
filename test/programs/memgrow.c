/* test/programs/memgrow.c — large memory over time: 320 MiB live in 10 MiB blocks (memory.grow under
 * wasm), every page written with a pattern and verified, half the blocks freed and the holes reused
 * by smaller blocks, realloc growth that must preserve contents, then everything freed and one 300 MiB
 * block allocated from the reclaimed space. Under wasm it also checks memory.size reached 320 MiB and
 * that the final block needed little further growth (freed memory is reused, not leaked). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MiB (1024u * 1024u)
#define PAGE 4096u
#define NBLOCKS 32

static uint64_t pattern(uint32_t block, size_t page) { return (uint64_t)block * 0x9E3779B97F4A7C15ull ^ (page * 2654435761u); }

static void fill(uint8_t* p, size_t size, uint32_t id) {
  for (size_t off = 0; off + 8 <= size; off += PAGE) {
    uint64_t v = pattern(id, off / PAGE);
    memcpy(p + off, &v, 8);
  }
  p[size - 1] = (uint8_t)id;
}

static size_t verify(const uint8_t* p, size_t size, uint32_t id) {
  size_t bad = 0;
  for (size_t off = 0; off + 8 <= size; off += PAGE) {
    uint64_t v;
    memcpy(&v, p + off, 8);
    bad += v != pattern(id, off / PAGE);
  }
  return bad + (p[size - 1] != (uint8_t)id);
}

static size_t wasm_pages(void) {
#ifdef __wasm__
  return __builtin_wasm_memory_size(0);
#else
  return 0;
#endif
}

int main(void) {
  uint8_t* blocks[NBLOCKS];
  size_t sizes[NBLOCKS];
  size_t bad = 0;
  for (uint32_t i = 0; i < NBLOCKS; ++i) {
    sizes[i] = 10 * MiB;
    blocks[i] = malloc(sizes[i]);
    if (!blocks[i]) {
      printf("malloc %u failed\n", i);
      return 1;
    }
    fill(blocks[i], sizes[i], i);
  }
  for (uint32_t i = 0; i < NBLOCKS; ++i) bad += verify(blocks[i], sizes[i], i);
  printf("phase 1: %u blocks of 10 MiB live, %zu bad pages\n", NBLOCKS, bad);
  size_t peak_pages = wasm_pages();
  int grew_enough = peak_pages * 65536ull >= 320ull * MiB;

  /* Free the even blocks; refill the holes with two 4 MiB blocks each. */
  uint8_t* small[NBLOCKS];
  for (uint32_t i = 0; i < NBLOCKS; i += 2) {
    free(blocks[i]);
    blocks[i] = NULL;
  }
  for (uint32_t i = 0; i < NBLOCKS; ++i) {
    small[i] = malloc(4 * MiB);
    if (!small[i]) return 1;
    fill(small[i], 4 * MiB, 1000 + i);
  }
  bad = 0;
  for (uint32_t i = 1; i < NBLOCKS; i += 2) bad += verify(blocks[i], sizes[i], i);
  for (uint32_t i = 0; i < NBLOCKS; ++i) bad += verify(small[i], 4 * MiB, 1000 + i);
  printf("phase 2: 16 big + %u small blocks, %zu bad pages\n", NBLOCKS, bad);
  size_t pages_after_reuse = wasm_pages();

  /* realloc the odd blocks to 12 MiB: the old contents survive, the new tail is writable. */
  bad = 0;
  for (uint32_t i = 1; i < NBLOCKS; i += 2) {
    uint8_t* p = realloc(blocks[i], 12 * MiB);
    if (!p) return 1;
    blocks[i] = p;
    bad += verify(p, 10 * MiB, i);
    memset(p + 10 * MiB, 0x5A, 2 * MiB);
    sizes[i] = 12 * MiB;
  }
  size_t tail = 0;
  for (uint32_t i = 1; i < NBLOCKS; i += 2)
    for (size_t off = 10 * MiB; off < 12 * MiB; off += 65521) tail += blocks[i][off] == 0x5A;
  printf("phase 3: realloc kept contents (%zu bad pages), %zu tail probes ok\n", bad, tail);

  /* Free everything, then one 300 MiB block must come from the reclaimed space. */
  for (uint32_t i = 0; i < NBLOCKS; ++i) {
    free(blocks[i]);
    free(small[i]);
  }
  size_t before_big = wasm_pages();
  uint8_t* big = malloc(300 * MiB);
  if (!big) {
    printf("300 MiB block failed\n");
    return 1;
  }
  fill(big, 300 * MiB, 77);
  bad = verify(big, 300 * MiB, 77);
  size_t after_big = wasm_pages();
  free(big);
  printf("phase 4: one 300 MiB block, %zu bad pages\n", bad);
  uint64_t sum = 0;
  for (uint32_t i = 0; i < 1000; ++i) {
    uint8_t* p = malloc(1 + (i * 7919) % 200000);
    p[0] = (uint8_t)i;
    sum += p[0];
    free(p);
  }
  printf("phase 5: 1000 short-lived blocks, sum %llu\n", (unsigned long long)sum);
  if (peak_pages) { /* wasm only: memory grew to hold phase 1 and was reused afterwards */
    int reused = pages_after_reuse <= peak_pages + 16 * (4 * MiB / 65536) && after_big - before_big < 5000;
    fprintf(stderr, "memory pages: peak %zu, after reuse %zu, big %zu -> %zu\n", peak_pages, pages_after_reuse,
            before_big, after_big);
    if (!grew_enough || !reused) {
      printf("memory.size check failed: peak %zu, after reuse %zu, big %zu -> %zu pages\n", peak_pages,
             pages_after_reuse, before_big, after_big);
      return 1;
    }
  }
  printf("done\n");
  return 0;
}
