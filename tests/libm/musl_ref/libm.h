/* Minimal shim replacing musl's src/internal/libm.h so that musl's own
   exp.c / log.c / exp_data.c / log_data.c can be compiled natively (as
   musl_exp / musl_log) for reference testing.  Mirrors the definitions in
   musl's libm.h for FLT_EVAL_METHOD == 0. */
#ifndef TG_MUSL_SHIM_LIBM_H
#define TG_MUSL_SHIM_LIBM_H
#include <stdint.h>
#include <math.h>
/* musl's exp.c / log.c include <math.h> before "libm.h", so these renames
   only affect the definitions that follow (double exp(double x) {...}). */
#define exp musl_exp
#define log musl_log
#define hidden
#define WANT_ROUNDING 1
#define TOINT_INTRINSICS 0
#define predict_true(x) __builtin_expect(!!(x), 1)
#define predict_false(x) __builtin_expect(x, 0)
#define asuint64(f) ((union{double _f; uint64_t _i;}){f})._i
#define asdouble(i) ((union{uint64_t _i; double _f;}){i})._f
static inline double eval_as_double(double x) { return x; }
static inline double fp_barrier(double x) { volatile double y = x; return y; }
static inline void fp_force_eval(double x) { volatile double y; y = x; (void)y; }
double __math_xflow(uint32_t, double);
double __math_uflow(uint32_t);
double __math_oflow(uint32_t);
double __math_divzero(uint32_t);
double __math_invalid(double);
#endif
