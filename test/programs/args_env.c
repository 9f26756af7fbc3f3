/* test/programs/args_env.c — argument and environment handling: counts and echoes arguments
 * (including ones with spaces and punctuation) and reads variables set with --env. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char** argv) {
  printf("argc-1 = %d\n", argc - 1);
  size_t total = 0;
  for (int i = 1; i < argc; ++i) {
    printf("argv[%d] = \"%s\" (%zu bytes)\n", i, argv[i], strlen(argv[i]));
    total += strlen(argv[i]);
  }
  printf("total bytes = %zu\n", total);
  const char* names[] = {"GREETING", "COUNT", "UNSET_VARIABLE_XYZ"};
  for (int i = 0; i < 3; ++i) {
    const char* v = getenv(names[i]);
    printf("%s = %s\n", names[i], v ? v : "(unset)");
  }
  const char* c = getenv("COUNT");
  int n = c ? atoi(c) : 0;
  for (int i = 0; i < n; ++i) printf("%s%d", i ? "," : "", i * i);
  printf("\n");
  return 0;
}
