/* test/wasi/args_env.c — args_* and environ_*: argv[0] is the module file (`wasmc run`) or the built
 * executable (`wasmc build`: args_env.exe), then the command-line
 * ARGS in order (spaces preserved); --env values are visible and nothing else leaks from the host.
 * Run as: wasmc run --env FOO=bar --env EMPTY= --env 'SP=a b' args_env.wasm one 'two words' three */
#include <stdlib.h>

#include "wasi_check.h"

extern char** environ;

int main(int argc, char** argv) {
  CHECK(argc == 4);
  CHECK(strstr(argv[0], "args_env.wasm") != NULL || strstr(argv[0], "args_env.exe") != NULL);
  CHECK(argc > 1 && strcmp(argv[1], "one") == 0);
  CHECK(argc > 2 && strcmp(argv[2], "two words") == 0);
  CHECK(argc > 3 && strcmp(argv[3], "three") == 0);
  CHECK(argv[argc] == NULL);
  CHECK(getenv("FOO") && strcmp(getenv("FOO"), "bar") == 0);
  CHECK(getenv("EMPTY") && strcmp(getenv("EMPTY"), "") == 0);
  CHECK(getenv("SP") && strcmp(getenv("SP"), "a b") == 0);
  CHECK(getenv("HOME") == NULL);  /* the host environment is not inherited */
  int n = 0;
  for (char** e = environ; *e; ++e) ++n;
  CHECK(n == 3);

  /* The raw calls agree with what libc saw. */
  __wasi_size_t count = 0, size = 0;
  CHECK_ERRNO(__wasi_args_sizes_get(&count, &size), __WASI_ERRNO_SUCCESS);
  CHECK(count == 4);
  size_t want = 0;
  for (int i = 0; i < argc; ++i) want += strlen(argv[i]) + 1;
  CHECK(size == want);
  char* buf = malloc(size);
  char* ptrs[8];
  CHECK_ERRNO(__wasi_args_get((uint8_t**)ptrs, (uint8_t*)buf), __WASI_ERRNO_SUCCESS);
  CHECK(ptrs[0] == buf);
  CHECK(strcmp(ptrs[2], "two words") == 0);
  CHECK(ptrs[3] + strlen(ptrs[3]) + 1 == buf + size);
  CHECK_ERRNO(__wasi_environ_sizes_get(&count, &size), __WASI_ERRNO_SUCCESS);
  CHECK(count == 3);
  CHECK(size == strlen("FOO=bar") + 1 + strlen("EMPTY=") + 1 + strlen("SP=a b") + 1);
  DONE();
}
