/* test/programs/divzero.c — integer division by zero traps with the spec message
 * "integer divide by zero" and exit status 134 (no native oracle: natively it is SIGFPE). */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char** argv) {
  (void)argv;
  volatile int zero = argc - 1;  /* 0 when run without arguments */
  printf("dividing\n");
  fflush(stdout);
  printf("%d\n", 100 / zero);
  return 0;
}
