/* test/programs/hello.c — the README's first example: greets and echoes its arguments. */
#include <stdio.h>

int main(int argc, char** argv) {
  printf("Hello from WebAssembly!\n");
  for (int i = 1; i < argc; ++i) printf("arg %d: %s\n", i, argv[i]);
  return 0;
}
