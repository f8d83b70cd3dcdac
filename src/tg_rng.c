/* tg_rng.c: numpy's legacy RandomState stream. The constants are MT19937's (Matsumoto & Nishimura). */
#include "tg_rng.h"

#include <math.h>

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

/* Regenerate all 624 words at once, as the reference implementation does, and temper them all
 * (a loop the compiler vectorizes) so that drawing a word is a load. */
TG_CLONES void tg_rng_twist(tg_rng *r) {
    uint32_t *mt = r->mt;
    int i;
    for (i = 0; i < TG_MT_N - MT_M; i++) {
        uint32_t y = (mt[i] & MT_UPPER) | (mt[i + 1] & MT_LOWER);
        mt[i] = mt[i + MT_M] ^ (y >> 1) ^ (-(y & 1u) & MT_MATRIX_A);
    }
    for (; i < TG_MT_N - 1; i++) {
        uint32_t y = (mt[i] & MT_UPPER) | (mt[i + 1] & MT_LOWER);
        mt[i] = mt[i + (MT_M - TG_MT_N)] ^ (y >> 1) ^ (-(y & 1u) & MT_MATRIX_A);
    }
    uint32_t y = (mt[TG_MT_N - 1] & MT_UPPER) | (mt[0] & MT_LOWER);
    mt[TG_MT_N - 1] = mt[MT_M - 1] ^ (y >> 1) ^ (-(y & 1u) & MT_MATRIX_A);
    for (i = 0; i < TG_MT_N; i++) {
        uint32_t t = mt[i];
        t ^= t >> 11;
        t ^= (t << 7) & 0x9d2c5680u;
        t ^= (t << 15) & 0xefc60000u;
        t ^= t >> 18;
        r->out[i] = t;
    }
    r->pos = 0;
}

TG_CLONES void tg_rng_uniform_n(tg_rng *r, double *out, int n, double low, double high) {
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
        for (int i = 0; i < k; i++) {
            out[i] = low + range * tg_rng_words(w[2 * i], w[2 * i + 1]);
        }
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
