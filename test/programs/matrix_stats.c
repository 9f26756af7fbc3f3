/* test/programs/matrix_stats.c — double-precision numerics with every printf float conversion
 * (%f %e %E %g %G %a %A, widths, precisions, flags, inf/nan): LU decomposition with partial pivoting
 * solving a linear system, determinant and inverse of a Hilbert matrix (ill-conditioned, so rounding
 * shows in the low digits), and statistics of an LCG sample (mean, variance via Welford, median,
 * percentiles). Only + - * / and sqrt are used, so glibc and wasi-libc must agree bit for bit. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N 6

static int lu(double a[N][N], int piv[N], double* det) {
  *det = 1;
  for (int i = 0; i < N; ++i) piv[i] = i;
  for (int k = 0; k < N; ++k) {
    int p = k;
    for (int i = k + 1; i < N; ++i)
      if (fabs(a[i][k]) > fabs(a[p][k])) p = i;
    if (a[p][k] == 0) return -1;
    if (p != k) {
      for (int j = 0; j < N; ++j) {
        double t = a[k][j];
        a[k][j] = a[p][j];
        a[p][j] = t;
      }
      int t = piv[k];
      piv[k] = piv[p];
      piv[p] = t;
      *det = -*det;
    }
    *det *= a[k][k];
    for (int i = k + 1; i < N; ++i) {
      a[i][k] /= a[k][k];
      for (int j = k + 1; j < N; ++j) a[i][j] -= a[i][k] * a[k][j];
    }
  }
  return 0;
}

static void solve(double lu_[N][N], const int piv[N], const double b[N], double x[N]) {
  double y[N];
  for (int i = 0; i < N; ++i) {
    y[i] = b[piv[i]];
    for (int j = 0; j < i; ++j) y[i] -= lu_[i][j] * y[j];
  }
  for (int i = N - 1; i >= 0; --i) {
    x[i] = y[i];
    for (int j = i + 1; j < N; ++j) x[i] -= lu_[i][j] * x[j];
    x[i] /= lu_[i][i];
  }
}

static uint32_t lcg_state = 12345;
static double uniform(void) {
  lcg_state = lcg_state * 1103515245u + 12345u;
  return (double)(lcg_state >> 8) / 16777216.0;
}

static int cmp_double(const void* a, const void* b) {
  double x = *(const double*)a, y = *(const double*)b;
  return x < y ? -1 : x > y;
}

int main(void) {
  /* A well-conditioned system with a known solution 1..N. */
  double a[N][N], keep[N][N], b[N], x[N];
  for (int i = 0; i < N; ++i) {
    for (int j = 0; j < N; ++j) a[i][j] = (i == j) ? 10.0 + i : 1.0 / (1 + i + 2 * j);
    b[i] = 0;
  }
  for (int i = 0; i < N; ++i)
    for (int j = 0; j < N; ++j) b[i] += a[i][j] * (j + 1);
  memcpy(keep, a, sizeof a);
  int piv[N];
  double det;
  if (lu(a, piv, &det) != 0) return 1;
  solve(a, piv, b, x);
  printf("det = %.10e\n", det);
  for (int i = 0; i < N; ++i) printf("x[%d] = %.17g  err %+.3e  %a\n", i, x[i], x[i] - (i + 1), x[i]);

  /* Hilbert matrix: determinant and the inverse's first row. */
  for (int i = 0; i < N; ++i)
    for (int j = 0; j < N; ++j) a[i][j] = 1.0 / (i + j + 1);
  lu(a, piv, &det);
  printf("hilbert det = %g = %e = %.20e = %A\n", det, det, det, det);
  printf("inverse row 0:");
  for (int col = 0; col < N; ++col) {
    double e[N] = {0}, c[N];
    e[col] = 1;
    solve(a, piv, e, c);
    printf(" %.6g", c[0]);
  }
  printf("\n");
  double resid = 0;
  for (int i = 0; i < N; ++i) {
    double s = 0;
    for (int j = 0; j < N; ++j) s += keep[i][j] * x[j];
    resid += (s - b[i]) * (s - b[i]);
  }
  printf("residual norm %.3g\n", sqrt(resid));

  /* Statistics of 10001 uniform samples. */
  enum { S = 10001 };
  double* v = malloc(S * sizeof(double));
  double mean = 0, m2 = 0, lo = 1, hi = 0;
  for (int i = 0; i < S; ++i) {
    v[i] = uniform() * 100.0;
    double d = v[i] - mean;
    mean += d / (i + 1);
    m2 += d * (v[i] - mean);
    if (v[i] < lo) lo = v[i];
    if (v[i] > hi) hi = v[i];
  }
  double var = m2 / (S - 1);
  qsort(v, S, sizeof(double), cmp_double);
  printf("n=%d mean=%.6f var=%.6f sd=%.6f\n", S, mean, var, sqrt(var));
  printf("min=%.9g max=%.9g median=%.9g\n", lo, hi, v[S / 2]);
  for (int p = 10; p <= 90; p += 20) printf("p%-2d %10.4f|%-12.5g|%012.3f|%G\n", p, v[S * p / 100], v[S * p / 100], v[S * p / 100], v[S * p / 100] * 1e-9);
  free(v);

  /* Formatting corner cases. */
  double specials[] = {0.0, -0.0, 1.0, -1.5, 0.1, 1e-5, 123456.0, 1234567.0, 1e21, 1e-300, 1.7976931348623157e308,
                       2.2250738585072014e-308, 0.5, 2.5, 3.5, 1.25e-7, 9.9999999e9, INFINITY, -INFINITY, NAN};
  for (size_t i = 0; i < sizeof specials / sizeof specials[0]; ++i) {
    double d = specials[i];
    printf("%-24.17g %-14g %-16.4e %-10.3f %+.2E %#g %#.0f %8.2g\n", d, d, d, d > 1e15 || d < -1e15 ? 0.0 : d, d, d,
           d > 1e15 || d < -1e15 ? 0.0 : d, d);
    if (isfinite(d) && (d == 0 || fabs(d) >= 2.2250738585072014e-308)) printf("   %a %.3a %A\n", d, d, d);
  }
  float f = 1.0f / 3.0f;
  printf("float %.9g %a %e\n", f, (double)f, (double)(f * 3.0f));
  printf("rounding %.0f %.0f %.0f %.0f %.1f %.2f\n", 0.5, 1.5, 2.5, -0.5, 0.05, 2.675);
  return 0;
}
