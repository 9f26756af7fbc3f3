/* test/programs/trap.c — a trap inside nested calls: wasmc must print
 * `wasmc: error: FILE: trap: unreachable` plus a backtrace and exit with 134 (no native oracle). */
#include <stdio.h>

__attribute__((noinline)) static void inner(int x) {
  if (x > 0) __builtin_trap();
}
__attribute__((noinline)) void middle(int x) { inner(x + 1); }

int main(void) {
  printf("about to trap\n");
  fflush(stdout);
  middle(1);
  printf("not reached\n");
  return 0;
}
