/* tg_libm_avx512.c: tg_libm's batched exp, sigmoid and log eight lanes at a time with AVX-512, for
 * x86-64 CPUs that have it (chosen at run time by tg_libm.c). The arithmetic is tg_libm.c's, which
 * is musl's (tg_exp_finish, tg_log_finish, tg_log_core_near1 there): the same operations in the same
 * order on each lane, so every result is the same bits. What AVX-512 adds is the table lookups as
 * hardware gathers (the portable kernels look them up one lane at a time) and masks, which make a
 * batch's last, partial vector as cheap as a full one. AVX-512 has fused multiply-adds, but only
 * the separate _mm512_mul_pd / _mm512_add_pd are used, and the build never contracts them. */
#include "tg_libm.h"
#include "tg_libm_internal.h"

#if TG_LIBM_AVX512

#include <immintrin.h>

#define TARGET __attribute__((target("avx512f,avx512dq")))
#define INLINE static inline __attribute__((always_inline)) TARGET

typedef __m512d v8;
typedef __m512i u8;

#define SPLAT(c) _mm512_set1_pd(c)
#define SPLATU(c) _mm512_set1_epi64((long long)(c))
#define ADD _mm512_add_pd
#define SUB _mm512_sub_pd
#define MUL _mm512_mul_pd
#define BITS _mm512_castpd_si512
#define DBL _mm512_castsi512_pd

/* Lanes whose input needs musl's slow path (|x| >= 512, inf, nan): tg_exp_special's rule. */
INLINE __mmask8 exp_special(v8 x) {
    u8 a = _mm512_and_si512(BITS(x), SPLATU(0x7fffffffffffffffULL));
    return _mm512_cmpge_epu64_mask(a, SPLATU(0x4080000000000000ULL));
}

/* exp of x on every lane: tg_exp_finish after tg_exp_ki, the lookups gathered. */
INLINE v8 exp8(v8 x) {
    v8 kd = ADD(MUL(SPLAT(TG_EXP_INVLN2N), x), SPLAT(TG_EXP_SHIFT));
    u8 ki = BITS(kd);
    kd = SUB(kd, SPLAT(TG_EXP_SHIFT));
    v8 r = ADD(ADD(x, MUL(kd, SPLAT(TG_EXP_NEGLN2HIN))), MUL(kd, SPLAT(TG_EXP_NEGLN2LON)));
    u8 idx = _mm512_and_si512(ki, SPLATU(127));
    v8 tail = _mm512_i64gather_pd(idx, (const void *)tg_exp_tail, 8);
    u8 sbits = _mm512_add_epi64(_mm512_i64gather_epi64(idx, (const void *)tg_exp_sbits, 8), _mm512_slli_epi64(ki, 45));
    v8 r2 = MUL(r, r);
    v8 p1 = MUL(r2, ADD(SPLAT(TG_EXP_C2), MUL(r, SPLAT(TG_EXP_C3))));
    v8 p2 = MUL(MUL(r2, r2), ADD(SPLAT(TG_EXP_C4), MUL(r, SPLAT(TG_EXP_C5))));
    v8 tmp = ADD(ADD(ADD(tail, r), p1), p2);
    v8 scale = DBL(sbits);
    return ADD(scale, MUL(scale, tmp));
}

/* The special lanes, by the scalar functions (complete replicas of musl). */
__attribute__((noinline, cold)) static void exp_fix(double *y, const double *x, int n, __mmask8 bad, int sig) {
    for (int j = 0; j < n; j++)
        if (bad >> j & 1) y[j] = sig ? 1.0 / (1.0 + tg_exp(-x[j])) : tg_exp(x[j]);
}

INLINE void exp_batch(double *y, const double *x, int n, int sig) {
    for (int i = 0; i < n; i += 8) {
        __mmask8 m = n - i >= 8 ? 0xff : (__mmask8)((1u << (n - i)) - 1);
        v8 in = _mm512_maskz_loadu_pd(m, x + i); /* lanes past the end: 0, whose exp is ordinary */
        v8 e = exp8(sig ? _mm512_xor_pd(in, SPLAT(-0.0)) : in);
        v8 out = sig ? _mm512_div_pd(SPLAT(1.0), ADD(SPLAT(1.0), e)) : e;
        __mmask8 bad = exp_special(in) & m;
        if (__builtin_expect(bad != 0, 0)) {
            double tmp[8];
            _mm512_storeu_pd(tmp, out);
            exp_fix(tmp, x + i, n - i < 8 ? n - i : 8, bad, sig);
            out = _mm512_loadu_pd(tmp);
        }
        _mm512_mask_storeu_pd(y + i, m, out); /* after the loads of x + i: y may be x */
    }
}

TARGET void tg_exp_n_avx512(double *y, const double *x, int n) {
    exp_batch(y, x, n, 0);
}

TARGET void tg_sigmoid_n_avx512(double *y, const double *x, int n) {
    exp_batch(y, x, n, 1);
}

/* log's table path on every lane: tg_log_finish, the lookups gathered. */
INLINE v8 log8_table(v8 x) {
    u8 ix = BITS(x);
    u8 tmp = _mm512_sub_epi64(ix, SPLATU(0x3fe6000000000000ULL));
    u8 i = _mm512_and_si512(_mm512_srli_epi64(tmp, 45), SPLATU(127));
    v8 z = DBL(_mm512_sub_epi64(ix, _mm512_and_si512(tmp, SPLATU(0xfffULL << 52))));
    v8 invc = _mm512_i64gather_pd(i, tg_log_invc, 8);
    v8 logc = _mm512_i64gather_pd(i, tg_log_logc, 8);
    v8 chi = _mm512_i64gather_pd(i, tg_log_chi, 8);
    v8 clo = _mm512_i64gather_pd(i, tg_log_clo, 8);
    v8 r = MUL(SUB(SUB(z, chi), clo), invc);
    u8 u = _mm512_srli_epi64(_mm512_xor_si512(tmp, SPLATU(0x8000000000000000ULL)), 52);
    v8 kd = SUB(DBL(_mm512_add_epi64(SPLATU(0x4338000000000000ULL), u)), SPLAT(0x1.8p52 + 2048.0));
    v8 w = ADD(MUL(kd, SPLAT(TG_LOG_LN2HI)), logc);
    v8 hi = ADD(w, r);
    v8 lo = ADD(ADD(SUB(w, hi), r), MUL(kd, SPLAT(TG_LOG_LN2LO)));
    v8 r2 = MUL(r, r);
    v8 inner = ADD(ADD(SPLAT(TG_LOG_A1), MUL(r, SPLAT(TG_LOG_A2))), MUL(r2, ADD(SPLAT(TG_LOG_A3), MUL(r, SPLAT(TG_LOG_A4)))));
    return ADD(ADD(ADD(lo, MUL(r2, SPLAT(TG_LOG_A0))), MUL(MUL(r, r2), inner)), hi);
}

/* log's near-1.0 path on every lane: tg_log_core_near1. */
INLINE v8 log8_near1(v8 x) {
    v8 r = SUB(x, SPLAT(1.0));
    v8 r2 = MUL(r, r);
    v8 r3 = MUL(r, r2);
    /* B1 + r*B2 + r2*B3 + r3*(B4 + ... + r3*(B7 + r*B8 + r2*B9 + r3*B10)), each sum left to right */
    v8 in3 = ADD(ADD(ADD(SPLAT(TG_LOG_B7), MUL(r, SPLAT(TG_LOG_B8))), MUL(r2, SPLAT(TG_LOG_B9))), MUL(r3, SPLAT(TG_LOG_B10)));
    v8 in2 = ADD(ADD(ADD(SPLAT(TG_LOG_B4), MUL(r, SPLAT(TG_LOG_B5))), MUL(r2, SPLAT(TG_LOG_B6))), MUL(r3, in3));
    v8 in1 = ADD(ADD(ADD(SPLAT(TG_LOG_B1), MUL(r, SPLAT(TG_LOG_B2))), MUL(r2, SPLAT(TG_LOG_B3))), MUL(r3, in2));
    v8 y = MUL(r3, in1);
    v8 w = MUL(r, SPLAT(0x1p27));
    v8 rhi = SUB(ADD(r, w), w);
    v8 rlo = SUB(r, rhi);
    w = MUL(MUL(rhi, rhi), SPLAT(TG_LOG_B0));
    v8 hi = ADD(r, w);
    v8 lo = ADD(SUB(r, hi), w);
    lo = ADD(lo, MUL(MUL(SPLAT(TG_LOG_B0), rlo), ADD(rhi, r)));
    y = ADD(y, lo);
    return ADD(y, hi);
}

__attribute__((noinline, cold)) static void log_fix(double *y, const double *x, int n, __mmask8 bad) {
    for (int j = 0; j < n; j++)
        if (bad >> j & 1) y[j] = tg_log(x[j]);
}

TARGET void tg_log_n_avx512(double *y, const double *x, int n) {
    for (int i = 0; i < n; i += 8) {
        __mmask8 m = n - i >= 8 ? 0xff : (__mmask8)((1u << (n - i)) - 1);
        v8 in = _mm512_mask_loadu_pd(SPLAT(0.5), m, x + i); /* lanes past the end: 0.5, an ordinary input */
        u8 ix = BITS(in);
        /* near 1.0: ix - LOG_LO < LOG_HI - LOG_LO (tg_log_is_near1); special: tg_log_special */
        __mmask8 near1 = _mm512_cmplt_epu64_mask(_mm512_sub_epi64(ix, SPLATU(0x3fee000000000000ULL)),
                                                 SPLATU(0x3ff1090000000000ULL - 0x3fee000000000000ULL));
        __mmask8 bad = _mm512_cmpge_epu64_mask(_mm512_sub_epi64(ix, SPLATU(0x0010000000000000ULL)),
                                               SPLATU(0x7fe0000000000000ULL)) & m;
        v8 out;
        if (near1 == 0) out = log8_table(in);
        else if (near1 == 0xff) out = log8_near1(in);
        else out = _mm512_mask_blend_pd(near1, log8_table(in), log8_near1(in));
        if (__builtin_expect(bad != 0, 0)) {
            double tmp[8];
            _mm512_storeu_pd(tmp, out);
            log_fix(tmp, x + i, n - i < 8 ? n - i : 8, bad);
            out = _mm512_loadu_pd(tmp);
        }
        _mm512_mask_storeu_pd(y + i, m, out);
    }
}

#endif /* TG_LIBM_AVX512 */
