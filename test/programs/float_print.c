/* test/programs/float_print.c — floating-point formatting and parsing: %f/%e/%g at several
 * precisions, special values, exactly rounded arithmetic printed to 17 digits, strtod round trips,
 * float (f32) arithmetic, and conversions. Only correctly rounded operations are printed in full, so
 * the output does not depend on the libm. */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int main(void) {
  double vals[] = {0.0, -0.0, 1.0, 0.1, 1.0 / 3.0, 2.0 / 3.0, 123456789.125, 1e-300, 6.02214076e23,
                   DBL_MAX, DBL_MIN, DBL_EPSILON, 5e-324, -2.5, 0.5, 1.5, 2.5};
  int n = sizeof vals / sizeof vals[0];
  for (int i = 0; i < n; ++i)
    printf("%.17g | %e | %.3f | %g | %.0f\n", vals[i], vals[i], vals[i] > 1e20 ? 0.0 : vals[i], vals[i],
           vals[i] > 1e20 ? 0.0 : vals[i]);
  printf("inf=%f -inf=%f nan=%f\n", INFINITY, -INFINITY, fabs(NAN));
  printf("isnan=%d isinf=%d signbit(-0)=%d\n", isnan(NAN), isinf(-INFINITY) != 0, signbit(-0.0) != 0);
  printf("sqrt(2)=%.17g sqrt(1e10)=%.17g\n", sqrt(2.0), sqrt(1e10));
  printf("fma-free sum: %.17g\n", 0.1 + 0.2);
  printf("floor/ceil/trunc/round(-2.5): %g %g %g %g\n", floor(-2.5), ceil(-2.5), trunc(-2.5), round(-2.5));
  printf("rint(2.5)=%g nearbyint(3.5)=%g\n", rint(2.5), nearbyint(3.5));
  printf("fmin/fmax: %g %g copysign: %g\n", fmin(3, -4), fmax(3, -4), copysign(3, -0.0));
  printf("fmod(10.5, 3)=%.17g\n", fmod(10.5, 3));
  const char* strs[] = {"3.14159265358979323846", "1e308", "4.9406564584124654e-324", "0x1.8p1", "-0.0", "inf", "1e400"};
  for (int i = 0; i < 7; ++i) {
    char* end;
    double d = strtod(strs[i], &end);
    char buf[64];
    snprintf(buf, sizeof buf, "%.17g", d);
    printf("strtod(%s) = %s roundtrip=%d\n", strs[i], buf, strtod(buf, NULL) == d || d != d);
  }
  float f = 1.0f;
  for (int i = 0; i < 10; ++i) f = f * 1.1f + 0.3f;
  printf("float iterate: %.9g\n", f);
  printf("float 1/3: %.9g  (double)(float)0.1: %.17g\n", 1.0f / 3.0f, (double)0.1f);
  printf("FLT_MAX=%e FLT_EPSILON=%e\n", FLT_MAX, FLT_EPSILON);
  double acc = 0;
  for (int i = 1; i <= 1000; ++i) acc += 1.0 / i;
  printf("harmonic(1000)=%.17g\n", acc);
  long long big = (long long)9007199254740993.0;
  printf("conversions: %lld %d %u %.17g\n", big, (int)-3.99, (unsigned)3.99e9, (double)(1ll << 62));
  printf("%10.4f|%-10.2e|%+.3g|%G\n", 3.14159, 0.000123456, 1234567.0, 1e-10);
  return 0;
}
