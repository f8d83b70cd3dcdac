/* test_rng.c: the random stream against values numpy 1.24 prints for the same seeds
 * (np.random.MT19937()._legacy_seeding(s).random_raw, RandomState(s).random_sample / standard_normal /
 * uniform). tests/numpy/rng_check.py compares much longer streams against numpy live. */
#include <stdint.h>

#include "check.h"
#include "tg_rng.h"

typedef struct expected {
    uint32_t seed;
    uint32_t raw[3];
    double dbl[2], gauss[3], uni[2]; /* uniform(-0.4, -0.7), the chapter's slope draw */
} expected;

static const expected CASES[] = {
    {0u,
     {2357136044u, 2546248239u, 3071714933u},
     {0.5488135039273248, 0.7151893663724195},
     {1.764052345967664, 0.4001572083672233, 0.9787379841057392},
     {-0.5646440511781974, -0.6145568099117258}},
    {4294967295u,
     {419326371u, 479346978u, 3918654476u},
     {0.0976320289940138, 0.9123828453026218},
     {0.6484086742306527, 0.6693235306338161, -1.0805437227474493},
     {-0.42928960869820415, -0.6737148535907865}},
};

int main(void) {
    char what[96];
    for (size_t c = 0; c < sizeof CASES / sizeof CASES[0]; c++) {
        const expected *e = &CASES[c];
        tg_rng r;
        tg_rng_seed(&r, e->seed);
        for (int i = 0; i < 3; i++) {
            snprintf(what, sizeof what, "seed %u: uint32 #%d", e->seed, i);
            check_close(what, tg_rng_next32(&r), e->raw[i], 0);
        }
        tg_rng_seed(&r, e->seed);
        for (int i = 0; i < 2; i++) {
            snprintf(what, sizeof what, "seed %u: double #%d", e->seed, i);
            check_close(what, tg_rng_double(&r), e->dbl[i], 0);
        }
        tg_rng_seed(&r, e->seed);
        for (int i = 0; i < 3; i++) { /* #1 is the cached half of the first pair */
            snprintf(what, sizeof what, "seed %u: gauss #%d", e->seed, i);
            check_close(what, tg_rng_gauss(&r), e->gauss[i], 0);
        }
        tg_rng_seed(&r, e->seed);
        for (int i = 0; i < 2; i++) {
            snprintf(what, sizeof what, "seed %u: uniform(-0.4, -0.7) #%d", e->seed, i);
            check_close(what, tg_rng_uniform(&r, -0.4, -0.7), e->uni[i], 0);
        }
    }
    /* The batched uniform draws the same values as one call at a time, across round boundaries and
     * from odd positions (a word drawn before, a round with one word left). */
    for (int skip = 0; skip < 3; skip++) {
        tg_rng one, batch;
        tg_rng_seed(&one, 7);
        tg_rng_seed(&batch, 7);
        for (int i = 0; i < skip; i++) tg_rng_next32(&one), tg_rng_next32(&batch);
        static double got[2000];
        tg_rng_uniform_n(&batch, got, 1, 0.4, 1.0);
        tg_rng_uniform_n(&batch, got + 1, 1999, 0.4, 1.0);
        for (int i = 0; i < 2000; i++) {
            snprintf(what, sizeof what, "uniform_n after %d words: draw %d", skip, i);
            check_close(what, got[i], tg_rng_uniform(&one, 0.4, 1.0), 0);
        }
    }

    /* Re-seeding clears the cached gaussian, as np.random.seed does. */
    tg_rng r;
    tg_rng_seed(&r, 0);
    tg_rng_gauss(&r);
    tg_rng_seed(&r, 0);
    check_close("re-seed drops the cached gaussian", tg_rng_gauss(&r), CASES[0].gauss[0], 0);
    return check_summary("test_rng");
}
