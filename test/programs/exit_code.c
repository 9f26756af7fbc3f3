/* test/programs/exit_code.c — exit statuses: atexit handlers run in reverse order, buffered
 * output is flushed, and exit(42) becomes the process status. */
#include <stdio.h>
#include <stdlib.h>

static void first(void) { printf("atexit: registered first, runs last\n"); }
static void second(void) { printf("atexit: registered second, runs first\n"); }

int main(void) {
  atexit(first);
  atexit(second);
  printf("partial line without newline... ");
  printf("done\n");
  fprintf(stderr, "this goes to stderr\n");
  exit(42);
}
