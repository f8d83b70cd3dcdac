/* tg_rng.h: numpy's legacy RandomState stream (MT19937 + polar Box-Muller), bit for bit (SPEC section 2). */
#ifndef TG_RNG_H
#define TG_RNG_H

#include <stdint.h>

#define TG_MT_N 624

typedef struct tg_rng {
    uint32_t mt[TG_MT_N];  /* MT19937 state words */
    uint32_t out[TG_MT_N]; /* the same words tempered: the outputs of this round */
    int pos;               /* next output, 0..624 */
    int has_gauss;        /* 1 when `gauss` holds the cached second normal */
    double gauss;
} tg_rng;

/* np.random.seed(seed) for an integer seed: init_genrand. */
void tg_rng_seed(tg_rng *r, uint32_t seed);
/* The next round of 624 outputs (MT19937's twist, then tempering). */
void tg_rng_twist(tg_rng *r);

/* One tempered 32-bit output. Inline: the training loop draws two per latent. */
static inline uint32_t tg_rng_next32(tg_rng *r) {
    if (r->pos >= TG_MT_N) tg_rng_twist(r);
    return r->out[r->pos++];
}
/* The 53-bit double in [0, 1) of two consecutive outputs a, b. */
static inline double tg_rng_words(uint32_t a, uint32_t b) {
    return ((a >> 5) * 67108864.0 + (b >> 6)) / 9007199254740992.0;
}
/* random_sample(): 53-bit double in [0, 1). */
static inline double tg_rng_double(tg_rng *r) {
    uint32_t a = tg_rng_next32(r);
    return tg_rng_words(a, tg_rng_next32(r));
}
/* uniform(low, high) = low + (high - low) * random_sample(); low may exceed high. numpy computes the
 * range first, then scales. */
static inline double tg_rng_uniform(tg_rng *r, double low, double high) {
    double range = high - low;
    return low + range * tg_rng_double(r);
}
/* n draws of uniform(low, high) into out [n]: the same values as n calls, drawn from the tempered
 * words a round at a time in a loop without branches, which the compiler vectorizes. */
void tg_rng_uniform_n(tg_rng *r, double *out, int n, double low, double high);
/* standard_normal() / randn(): polar method with one cached value. */
double tg_rng_gauss(tg_rng *r);
/* normal(mu, sigma) = mu + sigma * gauss(). */
double tg_rng_normal(tg_rng *r, double mu, double sigma);

#endif
