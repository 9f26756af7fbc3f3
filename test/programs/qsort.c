/* test/programs/qsort.c — callbacks through the function table: qsort with several comparators,
 * bsearch, a dispatch table of operations, and function pointers stored in structs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int asc(const void* a, const void* b) { int x = *(const int*)a, y = *(const int*)b; return (x > y) - (x < y); }
static int desc(const void* a, const void* b) { return asc(b, a); }
static int by_abs(const void* a, const void* b) {
  int x = abs(*(const int*)a), y = abs(*(const int*)b);
  return x != y ? (x > y) - (x < y) : asc(a, b);
}
static int by_last_digit(const void* a, const void* b) {
  int x = abs(*(const int*)a) % 10, y = abs(*(const int*)b) % 10;
  return x != y ? x - y : asc(a, b);
}

struct Person { const char* name; int age; };
static int by_name(const void* a, const void* b) { return strcmp(((const struct Person*)a)->name, ((const struct Person*)b)->name); }
static int by_age(const void* a, const void* b) {
  const struct Person* x = a; const struct Person* y = b;
  return x->age != y->age ? x->age - y->age : strcmp(x->name, y->name);
}

static int add(int a, int b) { return a + b; }
static int sub(int a, int b) { return a - b; }
static int mul(int a, int b) { return a * b; }
static int mod(int a, int b) { return b ? a % b : 0; }
static int (*const ops[])(int, int) = {add, sub, mul, mod};
static const char opc[] = "+-*%";

struct Shape { const char* kind; double (*area)(const double*); double dims[2]; };
static double rect(const double* d) { return d[0] * d[1]; }
static double tri(const double* d) { return 0.5 * d[0] * d[1]; }
static double square(const double* d) { return d[0] * d[0]; }

static void print(const char* label, const int* v, int n) {
  printf("%-10s", label);
  for (int i = 0; i < n; ++i) printf(" %d", v[i]);
  printf("\n");
}

int main(void) {
  int base[] = {42, -7, 19, 0, -100, 63, 8, -8, 1000, 5, -55, 23, 17, 17, -1};
  int n = sizeof base / sizeof base[0];
  int (*cmps[])(const void*, const void*) = {asc, desc, by_abs, by_last_digit};
  const char* names[] = {"asc", "desc", "by_abs", "by_digit"};
  int v[32];
  for (int k = 0; k < 4; ++k) {
    memcpy(v, base, sizeof base);
    qsort(v, n, sizeof v[0], cmps[k]);
    print(names[k], v, n);
  }
  memcpy(v, base, sizeof base);
  qsort(v, n, sizeof v[0], asc);
  int keys[] = {17, 4, -100, 1000};
  for (int i = 0; i < 4; ++i) {
    int* p = bsearch(&keys[i], v, n, sizeof v[0], asc);
    printf("bsearch %d: %s\n", keys[i], p ? "found" : "missing");
  }
  struct Person people[] = {{"Mallory", 41}, {"Alice", 30}, {"Trent", 55}, {"Bob", 30}, {"Eve", 25}};
  qsort(people, 5, sizeof people[0], by_name);
  for (int i = 0; i < 5; ++i) printf("%s%s", i ? ", " : "by name: ", people[i].name);
  printf("\n");
  qsort(people, 5, sizeof people[0], by_age);
  for (int i = 0; i < 5; ++i) printf("%s%s(%d)", i ? ", " : "by age: ", people[i].name, people[i].age);
  printf("\n");
  for (int i = 0; i < 4; ++i) printf("17 %c 5 = %d\n", opc[i], ops[i](17, 5));
  struct Shape shapes[] = {{"rect", rect, {3, 4}}, {"tri", tri, {3, 4}}, {"square", square, {2.5, 0}}};
  for (int i = 0; i < 3; ++i) printf("%s area %.2f\n", shapes[i].kind, shapes[i].area(shapes[i].dims));
  /* A larger sort, checked by a checksum. */
  enum { N = 20000 };
  static int big[N];
  unsigned s = 12345;
  for (int i = 0; i < N; ++i) { s = s * 1103515245u + 12345u; big[i] = (int)(s >> 8) % 100000; }
  qsort(big, N, sizeof big[0], asc);
  int sorted = 1;
  long long sum = 0;
  for (int i = 0; i < N; ++i) { if (i && big[i - 1] > big[i]) sorted = 0; sum += (long long)big[i] * (i % 7); }
  printf("big sort: sorted=%d checksum=%lld min=%d max=%d\n", sorted, sum, big[0], big[N - 1]);
  return 0;
}
