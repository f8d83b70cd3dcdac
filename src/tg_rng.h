/* tg_rng.h: numpy's legacy RandomState stream (MT19937 + polar Box-Muller), bit for bit (SPEC section 2). */
#ifndef TG_RNG_H
#define TG_RNG_H

#include <stdint.h>

#define TG_MT_N 624

typedef struct tg_rng {
    uint32_t mt[TG_MT_N]; /* MT19937 state words */
    int pos;              /* next word to temper, 0..624 */
    int has_gauss;        /* 1 when `gauss` holds the cached second normal */
    double gauss;
} tg_rng;

/* np.random.seed(seed) for an integer seed: init_genrand. */
void tg_rng_seed(tg_rng *r, uint32_t seed);
/* One tempered 32-bit output. */
uint32_t tg_rng_next32(tg_rng *r);
/* random_sample(): 53-bit double in [0, 1). */
double tg_rng_double(tg_rng *r);
/* uniform(low, high) = low + (high - low) * random_sample(); low may exceed high. */
double tg_rng_uniform(tg_rng *r, double low, double high);
/* standard_normal() / randn(): polar method with one cached value. */
double tg_rng_gauss(tg_rng *r);
/* normal(mu, sigma) = mu + sigma * gauss(). */
double tg_rng_normal(tg_rng *r, double mu, double sigma);

#endif
