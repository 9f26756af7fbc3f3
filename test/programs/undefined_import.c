/* test/programs/undefined_import.c — imports a function wasmc does not provide (env.missing_fn):
 * `wasmc run` must name the import in a one-line link error and exit 1. */
__attribute__((import_module("env"), import_name("missing_fn"))) int missing_fn(int);

int main(void) { return missing_fn(3); }
