/* tg_rng.c: numpy's legacy RandomState stream. The constants are MT19937's (Matsumoto & Nishimura). */
#include "tg_rng.h"

#include <math.h>
#include <string.h>

#include "tg_simd.h"

#define MT_M 397
#define MT_UPPER 0x80000000u
#define MT_LOWER 0x7fffffffu
#define MT_MATRIX_A 0x9908b0dfu

void tg_rng_seed(tg_rng *r, uint32_t seed) {
    r->mt[0] = seed;
    for (int i = 1; i < TG_MT_N; i++) {
        r->mt[i] = 1812433253u * (r->mt[i - 1] ^ (r->mt[i - 1] >> 30)) + (uint32_t)i;
    }
    r->pos = TG_MT_N;
    r->has_gauss = 0;
    r->gauss = 0.0;
}

/* MT19937's tempering of a state word into an output, in place: t a uint32_t, or a vector of them. */
#define TEMPER(t)                                                                                                \
    do {                                                                                                         \
        (t) ^= (t) >> 11;                                                                                        \
        (t) ^= ((t) << 7) & 0x9d2c5680u;                                                                         \
        (t) ^= ((t) << 15) & 0xefc60000u;                                                                        \
        (t) ^= (t) >> 18;                                                                                        \
    } while (0)
static inline uint32_t temper(uint32_t t) {
    TEMPER(t);
    return t;
}

/* Regenerate all 624 words at once, as the reference implementation does, tempering each as it is
 * made (loops the compiler vectorizes) so that drawing a word is a load. */
#if defined(__wasm_simd128__)
typedef uint32_t words16 __attribute__((vector_size(64)));
/* Words i..i+15 of the twist: each from mt[i], mt[i + 1] and mt[i + off] as loaded before any of the
 * sixteen is stored (so the old mt[i + 1], and mt[i + off] old or new as the scalar loop sees it),
 * then tempered. For wasm, where a step of sixteen shares its address arithmetic. */
static inline __attribute__((always_inline)) void twist16(uint32_t *mt, uint32_t *out, int i, int off) {
    words16 a, b, m;
    memcpy(&a, mt + i, sizeof a);
    memcpy(&b, mt + i + 1, sizeof b);
    memcpy(&m, mt + i + off, sizeof m);
    words16 y = (a & MT_UPPER) | (b & MT_LOWER);
    words16 v = m ^ (y >> 1) ^ (-(y & 1u) & MT_MATRIX_A), t = v;
    memcpy(mt + i, &v, sizeof v);
    TEMPER(t);
    memcpy(out + i, &t, sizeof t);
}
#endif

TG_CLONES_512 void tg_rng_twist(tg_rng *r) {
    uint32_t *mt = r->mt, *out = r->out;
    int i = 0;
#if defined(__wasm_simd128__)
    for (; i + 16 <= TG_MT_N - MT_M; i += 16) twist16(mt, out, i, MT_M);
#endif
    for (; i < TG_MT_N - MT_M; i++) {
        uint32_t y = (mt[i] & MT_UPPER) | (mt[i + 1] & MT_LOWER);
        mt[i] = mt[i + MT_M] ^ (y >> 1) ^ (-(y & 1u) & MT_MATRIX_A);
        out[i] = temper(mt[i]);
    }
#if defined(__wasm_simd128__)
    for (; i + 16 <= TG_MT_N - 1; i += 16) twist16(mt, out, i, MT_M - TG_MT_N); /* mt[i - 227]: new, as below */
#endif
    for (; i < TG_MT_N - 1; i++) {
        uint32_t y = (mt[i] & MT_UPPER) | (mt[i + 1] & MT_LOWER);
        mt[i] = mt[i + (MT_M - TG_MT_N)] ^ (y >> 1) ^ (-(y & 1u) & MT_MATRIX_A);
        out[i] = temper(mt[i]);
    }
    uint32_t y = (mt[TG_MT_N - 1] & MT_UPPER) | (mt[0] & MT_LOWER);
    mt[TG_MT_N - 1] = mt[MT_M - 1] ^ (y >> 1) ^ (-(y & 1u) & MT_MATRIX_A);
    out[TG_MT_N - 1] = temper(mt[TG_MT_N - 1]);
    r->pos = 0;
}

/* Four draws of uniform(low, low + range) from the eight words w [8]: tg_rng_words of each pair,
 * lane-wise (the shifted words fit an int32, whose conversion to double is one vector instruction).
 * For wasm, whose autovectorizer leaves the scalar loop alone (measured: 790 fewer instructions per
 * chapter epoch in Node); gcc vectorizes the scalar loop better than this by itself. */
#if defined(__wasm_simd128__)
#define TG_UNIFORM4 1
#else
#define TG_UNIFORM4 0
#endif
#if TG_UNIFORM4
static inline __attribute__((always_inline)) void uniform4(double *out, const uint32_t *w, double low, double range) {
    typedef uint32_t words8 __attribute__((vector_size(32)));
    typedef int32_t ints4 __attribute__((vector_size(16)));
    words8 v;
    memcpy(&v, w, sizeof v);
    ints4 a = (ints4)(__builtin_shufflevector(v, v, 0, 2, 4, 6) >> 5);
    ints4 b = (ints4)(__builtin_shufflevector(v, v, 1, 3, 5, 7) >> 6);
    tg_v4 u = (__builtin_convertvector(a, tg_v4) * 67108864.0 + __builtin_convertvector(b, tg_v4)) / 9007199254740992.0;
    tg_v4 o = low + range * u;
    memcpy(out, &o, sizeof o);
}
#endif

TG_CLONES_512 void tg_rng_uniform_n(tg_rng *r, double *out, int n, double low, double high) {
    double range = high - low;
    while (n > 0) {
        if (r->pos >= TG_MT_N - 1) { /* fewer than the two words one double needs: one at a time */
            *out++ = tg_rng_uniform(r, low, high);
            n--;
            continue;
        }
        int k = (TG_MT_N - r->pos) / 2; /* doubles left in this round */
        if (k > n) k = n;
        const uint32_t *w = r->out + r->pos;
        int i = 0;
#if TG_UNIFORM4
        for (; i + 4 <= k; i += 4) uniform4(out + i, w + 2 * i, low, range);
#endif
        for (; i < k; i++) out[i] = low + range * tg_rng_words(w[2 * i], w[2 * i + 1]);
        r->pos += 2 * k;
        out += k;
        n -= k;
    }
}

double tg_rng_gauss(tg_rng *r) {
    if (r->has_gauss) {
        r->has_gauss = 0;
        double cached = r->gauss;
        r->gauss = 0.0;
        return cached;
    }
    double x1, x2, r2;
    do {
        x1 = 2.0 * tg_rng_double(r) - 1.0;
        x2 = 2.0 * tg_rng_double(r) - 1.0;
        r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 == 0.0);
    double f = sqrt(-2.0 * log(r2) / r2);
    r->gauss = f * x1;
    r->has_gauss = 1;
    return f * x2;
}

double tg_rng_normal(tg_rng *r, double mu, double sigma) {
    return mu + sigma * tg_rng_gauss(r);
}
