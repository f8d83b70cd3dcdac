/*
 * tg_libm: exp and log that are bit-for-bit identical to musl's exp/log
 * (the ARM optimized-routines algorithms as compiled without FMA, i.e. what
 * an Emscripten/wasm build uses), for every input, on every platform that
 * has IEEE-754 binary64 arithmetic with round-to-nearest and FLT_EVAL_METHOD 0
 * (x86-64 SSE2/AVX, aarch64, wasm32).
 *
 * Build requirement: compile tg_libm.c with -ffp-contract=off (gcc: -std=c11
 * already implies it) and never with fast-math (or O-fast).
 */
#ifndef TG_LIBM_H
#define TG_LIBM_H

#ifdef __cplusplus
extern "C" {
#endif

/* Scalar versions (exact replicas of musl exp()/log()). */
double tg_exp(double x);
double tg_log(double x);

/* Batched: y[i] = tg_exp(x[i]) / tg_log(x[i]) for 0 <= i < n.
   y may alias x exactly (in-place); partial overlap is not allowed.
   n <= 0 does nothing. Pointers need only double alignment. */
void tg_exp_n(double *y, const double *x, int n);
void tg_log_n(double *y, const double *x, int n);

/* Convenience: y[i] = 1.0 / (1.0 + tg_exp(-z[i])), bit-identical to the
   plain C expression 1.0 / (1.0 + exp(-z[i])) with musl's exp.
   y may alias z exactly. */
void tg_sigmoid_n(double *y, const double *z, int n);

#ifdef __cplusplus
}
#endif

#endif
