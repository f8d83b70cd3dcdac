/*
 * tg_libm.c - batched, bit-exact (vs. musl, non-FMA) exp and log.
 *
 * The arithmetic is a transcription of musl's src/math/exp.c and
 * src/math/log.c (ARM optimized-routines, Copyright (c) 2018, Arm Limited,
 * SPDX-License-Identifier: MIT; full notice in tg_libm_data.c) for the
 * configuration musl uses on targets without fast FMA:
 *   exp: EXP_TABLE_BITS 7, EXP_POLY_ORDER 5, !EXP_USE_TOINT_NARROW,
 *        !TOINT_INTRINSICS
 *   log: LOG_TABLE_BITS 7, LOG_POLY_ORDER 6, LOG_POLY1_ORDER 12,
 *        !__FP_FAST_FMA (uses tab2 chi/clo for r = (z - chi - clo) * invc)
 * Every floating-point operation is performed in exactly musl's order with
 * exactly musl's constants, so with round-to-nearest, FLT_EVAL_METHOD == 0
 * and NO fma contraction (-ffp-contract=off) the results are identical bit
 * for bit.
 *
 * Batch design (details at the kernels below and in README.md):
 *  - the common path of each function is a branch-free per-element kernel,
 *    applied to blocks with a compile-time length (TG_BLK = 32, or 16/8 for
 *    short arrays and remainders), so that gcc -O2 (very-cheap cost model)
 *    and clang (incl. wasm simd128) vectorize it;
 *  - the rare inputs that need musl's special-case code (exp: |x| >= 512,
 *    inf, nan; log: x < 0x1p-1022 incl. 0/subnormal/negative, inf, nan) are
 *    flagged in the same loop (an OR reduction) and patched afterwards by
 *    the scalar functions, which are complete replicas of musl;
 *  - log's near-1.0 lanes (a different, longer polynomial) are collected
 *    and evaluated afterwards in vector chunks; blocks that are entirely
 *    near 1.0 use only that path;
 *  - results for every lane are computed by musl's formulas, only the
 *    scheduling differs, so batch == scalar == musl bit for bit.
 */
#include "tg_libm.h"
#include "tg_libm_internal.h"

#include <stdint.h>
#include <string.h>

/* Belt and braces: bit-exactness requires that no a*b+c is contracted into
   an fma.  The build uses -ffp-contract=off, but also forbid contraction here
   so that e.g. gcc -std=gnu11 -march=native (default -ffp-contract=fast with
   FMA available) cannot silently break it.  (Verified: without these, such a
   build fails test_libm.)  fast-math and O-fast remain unsupported, and so
   does clang -ffp-contract=fast, which overrides the pragma. */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

#if defined(__GNUC__)
#define TG_INLINE static inline __attribute__((always_inline, unused))
#define TG_COLD static __attribute__((noinline, cold))
#define TG_UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define TG_INLINE static inline
#define TG_COLD static
#define TG_UNLIKELY(x) (x)
#endif

/* The batch entry points get gcc's AVX2 clones where the build asks for them
   (TG_CLONES, tg_simd.h; never for wasm).  The ISA does NOT include FMA, so
   no contraction is possible in the clones even if the file were compiled
   without -ffp-contract=off.  (avx512f also works but measured slower on
   this machine.) */
#include "tg_simd.h"

/* Block size of the batch functions.  Arrays with n >= TG_BLK are processed
   in blocks of TG_BLK; if TG_BLK does not divide n, one extra block covers
   the LAST TG_BLK elements (overlapping the previous block).  That block is
   computed first, from the pristine x (so y == x is fine), and stored last
   as a whole (the overlapping lanes get identical values), so that every
   loop has a compile-time trip count and no padding copies are needed.
   Arrays with TG_BLK/4 <= n < TG_BLK use blocks of TG_BLK/2 or TG_BLK/4 the
   same way; smaller ones the scalar functions. */
#ifndef TG_BLK
#define TG_BLK 32
#endif
#if TG_BLK > 64 || TG_BLK < 16 || TG_BLK % 8
#error "need TG_BLK in {16, 24, ..., 64} (near-1.0 lane bit mask)"
#endif

/* Scalar functions: constants as literals, or (default on wasm) loaded from
   the array tg_libm_k[] like musl does: V8 materialises each f64.const with
   two instructions, a load from memory is one (measured ~10% faster). */
#ifndef TG_LIBM_SCALAR_KMEM
#if defined(__wasm__)
#define TG_LIBM_SCALAR_KMEM 1
#else
#define TG_LIBM_SCALAR_KMEM 0
#endif
#endif
#if TG_LIBM_SCALAR_KMEM
#define TG_SK(name) (tg_libm_k[TG_KI_##name])
#else
#define TG_SK(name) (TG_##name)
#endif

/* ------------------------------------------------------------------------ */
/* musl error helpers (__math_xflow, __math_divzero, __math_invalid).  The
   volatile loads play the role of musl's fp_barrier so that the FP exception
   flags are raised as well; only the returned values matter for bit-exactness. */

TG_COLD double tg_xflow(uint32_t sign, double y)
{
	volatile double b = sign ? -y : y;
	return b * y;
}

TG_COLD double tg_divzero(uint32_t sign)
{
	volatile double b = sign ? -1.0 : 1.0;
	return b / 0.0;
}

TG_COLD double tg_invalid(double x)
{
	return (x - x) / (x - x);
}

/* ------------------------------------------------------------------------ */
/* exp */

#define EXP_N 128

/* musl exp.c specialcase(), verbatim. */
TG_COLD double tg_exp_specialcase(double tmp, uint64_t sbits, uint64_t ki)
{
	double scale, y;

	if ((ki & 0x80000000) == 0) {
		/* k > 0, the exponent of scale might have overflowed by <= 460.  */
		sbits -= 1009ull << 52;
		scale = tg_asdouble(sbits);
		y = 0x1p1009 * (scale + scale * tmp);
		return y;
	}
	/* k < 0, need special care in the subnormal range.  */
	sbits += 1022ull << 52;
	scale = tg_asdouble(sbits);
	y = scale + scale * tmp;
	if (y < 1.0) {
		double hi, lo;
		volatile double tiny = 0x1p-1022;
		lo = scale - y + scale * tmp;
		hi = 1.0 + y;
		lo = 1.0 - hi + y + lo;
		y = (hi + lo) - 1.0;
		/* Avoid -0.0 with downward rounding.  */
		if (y == 0.0)
			y = 0.0;
		/* The underflow exception needs to be signaled explicitly.  */
		tiny = tiny * 0x1p-1022;
	}
	y = 0x1p-1022 * y;
	return y;
}

/* musl exp(), verbatim (top12(0x1p-54) = 0x3c9, top12(512.0) = 0x408,
   top12(1024.0) = 0x409, top12(INFINITY) = 0x7ff). */
double tg_exp(double x)
{
	uint32_t abstop;
	uint64_t ki, idx, top, sbits;
	double kd, z, r, r2, scale, tail, tmp;

	abstop = (uint32_t)(tg_asuint64(x) >> 52) & 0x7ff;
	if (TG_UNLIKELY(abstop - 0x3c9 >= 0x408 - 0x3c9)) {
		if (abstop - 0x3c9 >= 0x80000000)
			/* Avoid spurious underflow for tiny x.  */
			return 1.0 + x;
		if (abstop >= 0x409) {
			if (tg_asuint64(x) == 0xfff0000000000000ULL) /* -inf */
				return 0.0;
			if (abstop >= 0x7ff)
				return 1.0 + x;
			if (tg_asuint64(x) >> 63)
				return tg_xflow(0, 0x1p-767); /* __math_uflow(0) */
			else
				return tg_xflow(0, 0x1p769); /* __math_oflow(0) */
		}
		/* Large x is special cased below.  */
		abstop = 0;
	}

	z = TG_SK(EXP_INVLN2N) * x;
	kd = z + TG_SK(EXP_SHIFT);
	ki = tg_asuint64(kd);
	kd -= TG_SK(EXP_SHIFT);
	r = x + kd * TG_SK(EXP_NEGLN2HIN) + kd * TG_SK(EXP_NEGLN2LON);
	idx = ki % EXP_N;
	top = ki << (52 - 7);
	tail = tg_asdouble(tg_exp_tail[idx]);
	sbits = tg_exp_sbits[idx] + top;
	r2 = r * r;
	tmp = tail + r + r2 * (TG_SK(EXP_C2) + r * TG_SK(EXP_C3)) +
	      r2 * r2 * (TG_SK(EXP_C4) + r * TG_SK(EXP_C5));
	if (TG_UNLIKELY(abstop == 0))
		return tg_exp_specialcase(tmp, sbits, ki);
	scale = tg_asdouble(sbits);
	return scale + scale * tmp;
}

/* Top bit set iff x needs musl's slow path: |x| >= 512, inf or nan
   (abstop >= top12(512.0)).  Written without 64-bit integer compares
   (SSE2 has none) so that the OR reduction vectorizes everywhere:
   a = |x| bits < 2^63, so a - T (T = asuint64(512.0)) borrows iff a < T. */
TG_INLINE uint64_t tg_exp_special(double x)
{
	uint64_t a = tg_asuint64(x) & 0x7fffffffffffffffULL;
	return ~(a - 0x4080000000000000ULL);
}

/* ------------------------------------------------------------------------ */
/* log */

#define LOG_N 128
#define LOG_OFF 0x3fe6000000000000ULL
#define LOG_LO 0x3fee000000000000ULL /* asuint64(1.0 - 0x1p-4) */
#define LOG_HI 0x3ff1090000000000ULL /* asuint64(1.0 + 0x1.09p-4) */
#define LOG_ONE 0x3ff0000000000000ULL

/* musl log(), verbatim. */
double tg_log(double x)
{
	double w, z, r, r2, r3, y, invc, logc, kd, hi, lo;
	uint64_t ix, iz, tmp;
	uint32_t top;
	int k, i;

	ix = tg_asuint64(x);
	top = (uint32_t)(ix >> 48);
	if (TG_UNLIKELY(ix - LOG_LO < LOG_HI - LOG_LO)) {
		/* Handle close to 1.0 inputs separately.  */
		if (TG_UNLIKELY(ix == LOG_ONE))
			return 0;
		r = x - 1.0;
		r2 = r * r;
		r3 = r * r2;
		y = r3 *
		    (TG_SK(LOG_B1) + r * TG_SK(LOG_B2) + r2 * TG_SK(LOG_B3) +
		     r3 * (TG_SK(LOG_B4) + r * TG_SK(LOG_B5) + r2 * TG_SK(LOG_B6) +
			   r3 * (TG_SK(LOG_B7) + r * TG_SK(LOG_B8) + r2 * TG_SK(LOG_B9) +
				 r3 * TG_SK(LOG_B10))));
		w = r * 0x1p27;
		double rhi = r + w - w;
		double rlo = r - rhi;
		w = rhi * rhi * TG_SK(LOG_B0); /* B[0] == -0.5.  */
		hi = r + w;
		lo = r - hi + w;
		lo += TG_SK(LOG_B0) * rlo * (rhi + r);
		y += lo;
		y += hi;
		return y;
	}
	if (TG_UNLIKELY(top - 0x0010 >= 0x7ff0 - 0x0010)) {
		/* x < 0x1p-1022 or inf or nan.  */
		if (ix * 2 == 0)
			return tg_divzero(1);
		if (ix == 0x7ff0000000000000ULL) /* log(inf) == inf.  */
			return x;
		if ((top & 0x8000) || (top & 0x7ff0) == 0x7ff0)
			return tg_invalid(x);
		/* x is subnormal, normalize it.  */
		ix = tg_asuint64(x * 0x1p52);
		ix -= 52ULL << 52;
	}

	tmp = ix - LOG_OFF;
	i = (int)((tmp >> (52 - 7)) % LOG_N);
	k = (int)((int64_t)tmp >> 52); /* arithmetic shift */
	iz = ix - (tmp & 0xfffULL << 52);
	invc = tg_log_invc[i];
	logc = tg_log_logc[i];
	z = tg_asdouble(iz);

	r = (z - tg_log_chi[i] - tg_log_clo[i]) * invc;
	kd = (double)k;

	w = kd * TG_SK(LOG_LN2HI) + logc;
	hi = w + r;
	lo = w - hi + r + kd * TG_SK(LOG_LN2LO);

	r2 = r * r;
	y = lo + r2 * TG_SK(LOG_A0) +
	    r * r2 * (TG_SK(LOG_A1) + r * TG_SK(LOG_A2) + r2 * (TG_SK(LOG_A3) + r * TG_SK(LOG_A4))) + hi;
	return y;
}

/* musl log(), the near-1.0 path (musl: ix - LO < HI - LO), branch-free.
   musl returns 0 for x == 1.0 explicitly, only to get +0 rather than -0 in
   downward rounding; in round-to-nearest this formula gives +0 for x == 1.0
   too (checked by test_libm). */
TG_INLINE double tg_log_core_near1(double x)
{
	double r = x - 1.0;
	double r2 = r * r;
	double r3 = r * r2;
	double y = r3 *
		   (TG_LOG_B1 + r * TG_LOG_B2 + r2 * TG_LOG_B3 +
		    r3 * (TG_LOG_B4 + r * TG_LOG_B5 + r2 * TG_LOG_B6 +
			  r3 * (TG_LOG_B7 + r * TG_LOG_B8 + r2 * TG_LOG_B9 +
				r3 * TG_LOG_B10)));
	double w = r * 0x1p27;
	double rhi = r + w - w;
	double rlo = r - rhi;
	w = rhi * rhi * TG_LOG_B0;
	double hi = r + w;
	double lo = r - hi + w;
	lo += TG_LOG_B0 * rlo * (rhi + r);
	y += lo;
	y += hi;
	return y;
}

/* Top bit set iff x needs musl's slow path: x < 0x1p-1022 (incl. +-0,
   subnormal, negative), inf, nan.  musl tests top16(x) - 0x10 >= 0x7fe0,
   i.e. u >= C (unsigned) with u = ix - 2^52, C = 0x7fe0 << 48 < 2^63:
   true iff u >= 2^63, or u < 2^63 and u - C does not borrow.  No 64-bit
   compares, so it vectorizes on SSE2 too. */
TG_INLINE uint64_t tg_log_special(double x)
{
	uint64_t u = tg_asuint64(x) - 0x0010000000000000ULL;
	return u | ~(u - 0x7fe0000000000000ULL);
}

/* ------------------------------------------------------------------------ */
/* Building blocks of the batch kernels.  Each is musl's arithmetic, split at
   the table lookup so that the lookups can be done either in the vector loop
   (gathers) or in a separate scalar pre-pass ("split" mode). */

/* exp: musl computes kd = z + Shift; ki = asuint64(kd); kd -= Shift.
   asdouble(ki) is that same kd, so recomputing kd from ki is exact. */
TG_INLINE uint64_t tg_exp_ki(double x)
{
	return tg_asuint64(TG_EXP_INVLN2N * x + TG_EXP_SHIFT);
}

TG_INLINE double tg_exp_finish(double x, uint64_t ki, uint64_t tailbits,
			       uint64_t sbits)
{
	double kd = tg_asdouble(ki) - TG_EXP_SHIFT;
	double r = x + kd * TG_EXP_NEGLN2HIN + kd * TG_EXP_NEGLN2LON;
	double tail = tg_asdouble(tailbits);
	double r2 = r * r;
	double tmp = tail + r + r2 * (TG_EXP_C2 + r * TG_EXP_C3) +
		     r2 * r2 * (TG_EXP_C4 + r * TG_EXP_C5);
	double scale = tg_asdouble(sbits);
	return scale + scale * tmp;
}

/* log, table path (x positive normal, not near 1). */
TG_INLINE double tg_log_finish(double x, double invc, double logc, double chi,
			       double clo)
{
	uint64_t ix = tg_asuint64(x);
	uint64_t tmp = ix - LOG_OFF;
	uint64_t iz = ix - (tmp & 0xfffULL << 52);
	double z = tg_asdouble(iz);
	double r = (z - chi - clo) * invc;
	/* kd = (double)k with k = (int64_t)tmp >> 52 in [-1075, 1024], exactly,
	   without int64->double conversion or 64-bit arithmetic shift (neither
	   exists as a vector instruction in SSE2/AVX2/wasm simd128):
	   u = (tmp ^ 2^63) >> 52 = k + 2048 (logical shift), and
	   asdouble(asuint64(0x1.8p52) + u) = 0x1.8p52 + u exactly (u < 2^51),
	   so subtracting 0x1.8p52 + 2048 (exact) gives k exactly. */
	uint64_t u = (tmp ^ 0x8000000000000000ULL) >> 52;
	double kd = tg_asdouble(0x4338000000000000ULL + u) - (0x1.8p52 + 2048.0);
	double w = kd * TG_LOG_LN2HI + logc;
	double hi = w + r;
	double lo = w - hi + r + kd * TG_LOG_LN2LO;
	double r2 = r * r;
	return lo + r2 * TG_LOG_A0 +
	       r * r2 * (TG_LOG_A1 + r * TG_LOG_A2 + r2 * (TG_LOG_A3 + r * TG_LOG_A4)) + hi;
}

/* count trailing zeros, v != 0 */
TG_INLINE int tg_ctz64(uint64_t v)
{
#if defined(__GNUC__)
	return __builtin_ctzll(v);
#else
	int n = 0;
	while (!(v & 1)) {
		v >>= 1;
		n++;
	}
	return n;
#endif
}

TG_INLINE int tg_log_is_near1(uint64_t ix)
{
	return ix - LOG_LO < LOG_HI - LOG_LO;
}

/* ------------------------------------------------------------------------ */
/* Block kernels.  `cnt` is always a compile-time constant after inlining and
   in/out never alias (out is a local buffer), so both gcc -O2 (very-cheap
   cost model: no epilogue, no runtime alias checks allowed) and clang can
   vectorize the loops.  Each returns a word whose top bit is set iff some
   lane needs musl's special-case code (patched afterwards, scalar).

   Table lookups: without hardware gathers (SSE2, wasm simd128) gcc emulates
   a gather by moving each lane to a GPR, and on x86 that code is slow (a
   movhlps with a false dependency serialises the loop: tg_log_n was slower
   than scalar musl).  In "split" mode the lookups are instead done in a
   small scalar pre-pass that writes the table values to local arrays, and
   the vector loop reads them contiguously.  Measured (ns/elem, n=64):
   exp SSE2 2.07 -> 1.56, AVX2 1.16 -> 1.13; log(main path) SSE2 4.35 ->
   2.5, AVX2 1.57 -> 1.71.  Default: split everywhere except wasm, where
   clang's lane extraction is cheap and the direct version measured
   slightly faster.  (gcc still vectorizes the exp pre-pass, with emulated
   gathers; that measured faster than keeping it scalar.) */
#ifndef TG_LIBM_SPLIT
#if defined(__wasm__)
#define TG_LIBM_SPLIT 0
#else
#define TG_LIBM_SPLIT 1
#endif
#endif

/* Keep the scalar pre-pass loops scalar. */
#if defined(__clang__)
#define TG_NOVEC _Pragma("clang loop vectorize(disable) interleave(disable)")
#else
#define TG_NOVEC
#endif

/* exp (sig = 0) or sigmoid 1/(1+exp(-x)) (sig = 1). */
TG_INLINE uint64_t tg_exp_kernel(double *restrict out, const double *restrict in,
				 const int cnt, const int sig)
{
	uint64_t sp = 0;
#if TG_LIBM_SPLIT
	uint64_t t_ki[TG_BLK], t_tail[TG_BLK], t_sb[TG_BLK];
	TG_NOVEC
	for (int j = 0; j < cnt; j++) {
		double x = sig ? -in[j] : in[j];
		uint64_t ki = tg_exp_ki(x);
		uint64_t idx = ki % EXP_N;
		t_ki[j] = ki;
		t_tail[j] = tg_exp_tail[idx];
		t_sb[j] = tg_exp_sbits[idx] + (ki << (52 - 7));
	}
	for (int j = 0; j < cnt; j++) {
		double x = sig ? -in[j] : in[j];
		double e = tg_exp_finish(x, t_ki[j], t_tail[j], t_sb[j]);
		out[j] = sig ? 1.0 / (1.0 + e) : e;
		sp |= tg_exp_special(in[j]);
	}
#else
	for (int j = 0; j < cnt; j++) {
		double x = sig ? -in[j] : in[j];
		uint64_t ki = tg_exp_ki(x);
		uint64_t idx = ki % EXP_N;
		double e = tg_exp_finish(x, ki, tg_exp_tail[idx],
					 tg_exp_sbits[idx] + (ki << (52 - 7)));
		out[j] = sig ? 1.0 / (1.0 + e) : e;
		sp |= tg_exp_special(in[j]);
	}
#endif
	return sp;
}

/* Scalar patch-up of the rare special lanes (called only when needed). */
TG_COLD void tg_exp_fix(double *out, const double *in, int cnt, int sig)
{
	for (int j = 0; j < cnt; j++)
		if (tg_exp_special(in[j]) >> 63)
			out[j] = sig ? 1.0 / (1.0 + tg_exp(-in[j])) : tg_exp(in[j]);
}

/* On wasm the branchy scalar code is fastest for log (measured): without
   simd128 there is nothing to vectorize, and with it (2 lanes) the chapter's
   run took 0.07 us/epoch less in Node 20 and 0.15-0.19 us less in Chromium
   156 with the scalar log (2.20 against 2.35-2.39 us).  Elsewhere use the
   kernels. */
#ifndef TG_LIBM_SCALAR_LOG_N
#if defined(__wasm__)
#define TG_LIBM_SCALAR_LOG_N 1
#else
#define TG_LIBM_SCALAR_LOG_N 0
#endif
#endif
#if !TG_LIBM_SCALAR_LOG_N
/* log: lanes near 1.0 need a different (and long, latency-bound)
   polynomial.  Computing both paths for every lane and selecting is simple
   but halves the speed on 2-lane SIMD, and patching them per block is
   latency-bound, so instead the near-1.0 lanes are compacted into a list
   (position, x) while the blocks are processed, and the list is evaluated in
   independent vector chunks when it is about to overflow and at the end
   (tg_log_near1_flush).  Blocks whose lanes are all near 1.0 skip the table
   path and evaluate the near-1.0 path directly. */
#ifndef TG_NEAR1_CHUNK
#define TG_NEAR1_CHUNK 4
#endif
#ifndef TG_NEAR1_LIST
#define TG_NEAR1_LIST 256
#endif
#if TG_NEAR1_LIST < 2 * TG_BLK
#error "TG_NEAR1_LIST must be >= 2 * TG_BLK"
#endif

/* List of deferred near-1.0 lanes: x values and output positions. */
struct tg_near1_list {
	int k;
	int pos[TG_NEAR1_LIST];
	double x[TG_NEAR1_LIST + TG_NEAR1_CHUNK];
};

TG_INLINE void tg_log_near1_chunk(double *restrict out, const double *restrict in)
{
	for (int j = 0; j < TG_NEAR1_CHUNK; j++)
		out[j] = tg_log_core_near1(in[j]);
}

/* Evaluate the listed near-1.0 lanes, store them to y[pos[q]], empty L. */
TG_INLINE void tg_log_near1_flush(double *y, struct tg_near1_list *L)
{
	double ys[TG_NEAR1_LIST + TG_NEAR1_CHUNK];
	int k = L->k, q = k;
	for (; q % TG_NEAR1_CHUNK; q++)
		L->x[q] = 1.0;
	for (int c = 0; c < q; c += TG_NEAR1_CHUNK)
		tg_log_near1_chunk(ys + c, L->x + c);
	for (q = 0; q < k; q++)
		y[L->pos[q]] = ys[q];
	L->k = 0;
}


/* One block of log.  Lanes near 1.0 get a placeholder in out and are
   appended to L with positions base + j, unless all lanes are near 1.0
   (then they are computed here).  L must have room for cnt more entries. */
TG_INLINE uint64_t tg_log_kernel(double *restrict out, const double *restrict in,
				 const int cnt, struct tg_near1_list *L, int base)
{
	uint64_t sp = 0;
	uint64_t nm = 0; /* bit j set: lane j is near 1.0 */
#if TG_LIBM_SPLIT
	double t_invc[TG_BLK], t_logc[TG_BLK], t_chi[TG_BLK], t_clo[TG_BLK];
	TG_NOVEC
	for (int j = 0; j < cnt; j++) {
		uint64_t ix = tg_asuint64(in[j]);
		uint64_t i = ((ix - LOG_OFF) >> (52 - 7)) % LOG_N;
		t_invc[j] = tg_log_invc[i];
		t_logc[j] = tg_log_logc[i];
		t_chi[j] = tg_log_chi[i];
		t_clo[j] = tg_log_clo[i];
		nm |= (uint64_t)tg_log_is_near1(ix) << j;
	}
#else
	TG_NOVEC
	for (int j = 0; j < cnt; j++)
		nm |= (uint64_t)tg_log_is_near1(tg_asuint64(in[j])) << j;
#endif
	if (TG_UNLIKELY(nm == (~0ULL >> (64 - cnt)))) {
		/* all lanes near 1.0 (never special): only the near-1.0 path */
		for (int j = 0; j < cnt; j++)
			out[j] = tg_log_core_near1(in[j]);
		return 0;
	}
	for (int j = 0; j < cnt; j++) {
#if TG_LIBM_SPLIT
		out[j] = tg_log_finish(in[j], t_invc[j], t_logc[j], t_chi[j], t_clo[j]);
#else
		uint64_t i = ((tg_asuint64(in[j]) - LOG_OFF) >> (52 - 7)) % LOG_N;
		out[j] = tg_log_finish(in[j], tg_log_invc[i], tg_log_logc[i],
				       tg_log_chi[i], tg_log_clo[i]);
#endif
		sp |= tg_log_special(in[j]);
	}
	if (nm) {
		int m = L->k;
		do {
			int j = tg_ctz64(nm);
			nm &= nm - 1;
			L->x[m] = in[j];
			L->pos[m] = base + j;
			m++;
		} while (nm);
		L->k = m;
	}
	return sp;
}

TG_COLD void tg_log_fix(double *out, const double *in, int cnt)
{
	for (int j = 0; j < cnt; j++)
		if (tg_log_special(in[j]) >> 63)
			out[j] = tg_log(in[j]);
}
#endif /* !TG_LIBM_SCALAR_LOG_N */

/* exp / sigmoid (sig is a constant after inlining) over x[0..n), n >= K,
   in blocks of K (see TG_BLK).  Results go to local buffers first, so that
   the vector loops never need a runtime alias check and x is intact for the
   patch-up pass even when y == x. */

/* The shorter blocks a batch of block length K may end with: K/2 and K/4, each only if at least
 * TG_BLK/4 long (else the next longer one). */
#define TG_K2(K) ((K) / 2 >= TG_BLK / 4 ? (K) / 2 : (K))
#define TG_K4(K) ((K) / 4 >= TG_BLK / 4 ? (K) / 4 : TG_K2(K))

/* The length of the last block for r leftover lanes: the smallest of K4, K2, K that covers them
 * (computed overlapping the end of the array). */
TG_INLINE int tg_tail_len(int r, const int K)
{
	return r <= TG_K4(K) ? TG_K4(K) : r <= TG_K2(K) ? TG_K2(K) : K;
}

TG_INLINE void tg_exp_blocks(double *y, const double *x, int n, const int K,
			     const int sig)
{
	double buf[TG_BLK], tb[TG_BLK];
	int r = n % K;
	const int K2 = TG_K2(K), K4 = TG_K4(K), kt = tg_tail_len(r, K);
	if (r) { /* last block, before y is written */
		const double *xt = x + n - kt;
		uint64_t sp;
		if (r <= K4) /* the kernels take their length as a constant */
			sp = tg_exp_kernel(tb, xt, K4, sig);
		else if (r <= K2)
			sp = tg_exp_kernel(tb, xt, K2, sig);
		else
			sp = tg_exp_kernel(tb, xt, K, sig);
		if (TG_UNLIKELY(sp >> 63))
			tg_exp_fix(tb, xt, kt, sig);
	}
	for (int i = 0; i + K <= n; i += K) {
		if (TG_UNLIKELY(tg_exp_kernel(buf, x + i, K, sig) >> 63))
			tg_exp_fix(buf, x + i, K, sig);
		memcpy(y + i, buf, sizeof(double) * (size_t)K);
	}
	if (r)
		memcpy(y + n - kt, tb, sizeof(double) * (size_t)kt);
}

TG_INLINE void tg_exp_driver(double *y, const double *x, int n, const int sig)
{
	if (n >= TG_BLK)
		tg_exp_blocks(y, x, n, TG_BLK, sig);
	else if (n >= TG_BLK / 2)
		tg_exp_blocks(y, x, n, TG_BLK / 2, sig);
	else if (n >= TG_BLK / 4)
		tg_exp_blocks(y, x, n, TG_BLK / 4, sig);
	else
		for (int i = 0; i < n; i++)
			y[i] = sig ? 1.0 / (1.0 + tg_exp(-x[i])) : tg_exp(x[i]);
}

TG_CLONES void tg_exp_n_portable(double *y, const double *x, int n)
{
	tg_exp_driver(y, x, n, 0);
}

TG_CLONES void tg_sigmoid_n_portable(double *y, const double *x, int n)
{
	tg_exp_driver(y, x, n, 1);
}

#if TG_LIBM_SCALAR_LOG_N
void tg_log_n_portable(double *y, const double *x, int n)
{
	for (int i = 0; i < n; i++)
		y[i] = tg_log(x[i]);
}
#else
/* log over x[0..n), n >= K, in blocks of K (see TG_BLK and tg_exp_blocks).
   Near-1.0 lanes of the main blocks are deferred to the list L and written
   to y when it is nearly full and at the end (only to positions < i, i.e.
   already processed, so y == x is fine); those of the last block go to tb. */
TG_INLINE void tg_log_blocks(double *y, const double *x, int n, const int K)
{
	double buf[TG_BLK], tb[TG_BLK];
	struct tg_near1_list L;
	L.k = 0;
	int r = n % K;
	const int K2 = TG_K2(K), K4 = TG_K4(K), kt = tg_tail_len(r, K);
	if (r) { /* last block, before y is written */
		const double *xt = x + n - kt;
		uint64_t sp;
		if (r <= K4)
			sp = tg_log_kernel(tb, xt, K4, &L, 0);
		else if (r <= K2)
			sp = tg_log_kernel(tb, xt, K2, &L, 0);
		else
			sp = tg_log_kernel(tb, xt, K, &L, 0);
		if (TG_UNLIKELY(sp >> 63))
			tg_log_fix(tb, xt, kt);
		if (L.k)
			tg_log_near1_flush(tb, &L);
	}
	for (int i = 0; i + K <= n; i += K) {
		if (L.k > TG_NEAR1_LIST - K)
			tg_log_near1_flush(y, &L);
		if (TG_UNLIKELY(tg_log_kernel(buf, x + i, K, &L, i) >> 63))
			tg_log_fix(buf, x + i, K);
		memcpy(y + i, buf, sizeof(double) * (size_t)K);
	}
	if (L.k)
		tg_log_near1_flush(y, &L);
	if (r)
		memcpy(y + n - kt, tb, sizeof(double) * (size_t)kt);
}

TG_CLONES void tg_log_n_portable(double *y, const double *x, int n)
{
	if (n >= TG_BLK)
		tg_log_blocks(y, x, n, TG_BLK);
	else if (n >= TG_BLK / 2)
		tg_log_blocks(y, x, n, TG_BLK / 2);
	else if (n >= TG_BLK / 4)
		tg_log_blocks(y, x, n, TG_BLK / 4);
	else
		for (int i = 0; i < n; i++)
			y[i] = tg_log(x[i]);
}
#endif

/* ------------------------------------------------------------------------ */
/* The batch functions: AVX-512 where the CPU has it (gathers and eight
   lanes; per value, n = 32: sigmoid 1.13 ns against the AVX2 clone's 1.58,
   log 1.46 against 2.73, exp 0.89 against 1.42, on this project's machine),
   else the portable kernels.  Same bits either way. */

#if TG_LIBM_AVX512
#define TG_BATCH(name)                                                      \
	void name(double *y, const double *x, int n)                        \
	{                                                                   \
		if (tg_libm_has_avx512())                                   \
			name##_avx512(y, x, n);                             \
		else                                                        \
			name##_portable(y, x, n);                           \
	}
#else
#define TG_BATCH(name)                                                      \
	void name(double *y, const double *x, int n)                        \
	{                                                                   \
		name##_portable(y, x, n);                                   \
	}
#endif
TG_BATCH(tg_exp_n)
TG_BATCH(tg_sigmoid_n)
TG_BATCH(tg_log_n)
