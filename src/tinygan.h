/* tinygan.h: the e-book chapter's GAN (one latent -> N-node linear generator -> logistic discriminator),
 * trained by SGD exactly as the chapter's numpy code does, random stream included (SPEC sections 1-2).
 *
 * Life of a run:
 *   tg_ctx *g = tg_new();                 // defaults: the chapter's configuration
 *   tg_set(g, TG_OPT_BATCH, 64);          // optional; each call validates and changes nothing on error
 *   tg_reset(g);                          // seed, initialise, draw the real images: epoch 0
 *   tg_step(g, 10000);                    // train; losses and snapshots are kept in the context
 *   tg_free(g);
 * Every call that can fail returns a tg_status; tg_message(g) explains the last failure.
 * The context owns all memory it hands out pointers to; pointers stay valid until the next
 * tg_step / tg_reset / tg_free on that context. */
#ifndef TINYGAN_H
#define TINYGAN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum tg_status {
    TG_OK = 0,
    TG_EINVAL = 1,    /* an argument or option value is out of range; nothing changed */
    TG_ENOMEM = 2,    /* an allocation failed; nothing changed */
    TG_EDIVERGED = 3, /* a parameter or loss became non-finite; the run stops before that epoch */
    TG_ESTATE = 4     /* the call does not fit the context's state (not reset yet, or diverged) */
} tg_status;

typedef enum tg_option {
    TG_OPT_SEED = 0,      /* uint32 seed of the numpy stream, default 42 */
    TG_OPT_BATCH = 1,     /* B: real images and latents per step, default 32 */
    TG_OPT_LR_G = 2,      /* eta_G, default 0.001 */
    TG_OPT_LR_D = 3,      /* eta_D, default 0.001 */
    TG_OPT_NODES = 4,     /* N: nodes per profile, default 3 */
    TG_OPT_LATENT_LO = 5, /* latent range U(lo, hi), default (0.4, 1.0) */
    TG_OPT_LATENT_HI = 6,
    TG_OPT_COUNT = 7
} tg_option;

#define TG_MAX_NODES 16
#define TG_MAX_BATCH 65536
#define TG_SNAPSHOT_EVERY 1000

typedef struct tg_ctx tg_ctx;

/* A new context holding the chapter's defaults, not yet reset. NULL only if memory runs out. */
tg_ctx *tg_new(void);
void tg_free(tg_ctx *g);

/* Option values are doubles so that one entry point serves C, the CLI and wasm; integer options
 * must hold integral values. A set takes effect at the next tg_reset. */
tg_status tg_set(tg_ctx *g, tg_option opt, double value);
double tg_get(const tg_ctx *g, tg_option opt);
/* The option's name as the JS API spells it ("batch", "lrG", ...), or NULL for an unknown id. */
const char *tg_option_name(int opt);

/* Start the run from epoch 0 with the current options (SPEC section 1: init, then the real images). */
tg_status tg_reset(tg_ctx *g);
/* Run n >= 0 epochs. On divergence it stops before recording the first bad epoch (TG_EDIVERGED). */
tg_status tg_step(tg_ctx *g, int n);

/* The message for the context's last failed call ("ok" if none failed). Never NULL. */
const char *tg_message(const tg_ctx *g);
/* A fixed description of a status code. */
const char *tg_status_string(tg_status s);

/* Read-outs of a reset context. */
double tg_epoch(const tg_ctx *g);          /* epochs recorded (a double: exact to 2^53) */
int tg_nodes(const tg_ctx *g);
int tg_batch(const tg_ctx *g);
int tg_diverged(const tg_ctx *g);          /* 1 once the run has diverged, until reset */
const double *tg_losses_d(const tg_ctx *g); /* [epoch] loss_D per epoch */
const double *tg_losses_g(const tg_ctx *g); /* [epoch] loss_G per epoch */
const double *tg_real(const tg_ctx *g);     /* [batch][nodes] the real images, row-major */
/* Parameters, written as [gw[0..N-1], b, dw[0..N-1], c] (2N + 2 doubles). */
tg_status tg_params(const tg_ctx *g, double *out);
/* Mean D(real) and mean D(fake) of the last recorded epoch (after its updates). */
double tg_mean_d_real(const tg_ctx *g);
double tg_mean_d_fake(const tg_ctx *g);

/* Generator snapshots: every TG_SNAPSHOT_EVERY epochs (from epoch 0) and the last epoch recorded.
 * Snapshot i is written as [epoch, gw[0..N-1], b] (N + 2 doubles). */
int tg_snapshot_count(const tg_ctx *g);
tg_status tg_snapshot(const tg_ctx *g, int i, double *out);

/* Draw n latents from the run's own stream and generate their images with the current generator:
 * latent_out [n], images_out [n][nodes]. This continues the training stream (the chapter's L1_test). */
tg_status tg_sample(tg_ctx *g, int n, double *latent_out, double *images_out);
/* Images for given latents under given generator parameters [gw[0..N-1], b] (NULL: current ones).
 * Draws nothing: views use it to show fakes without touching the training stream. */
tg_status tg_generate(tg_ctx *g, const double *gparams, int n, const double *latent, double *images_out);

#ifdef __cplusplus
}
#endif
#endif
