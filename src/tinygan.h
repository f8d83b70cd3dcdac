/* tinygan.h: the e-book chapter's GAN (one latent -> N-node generator -> logistic discriminator),
 * trained exactly as the chapter's numpy code does, random stream included (SPEC sections 1-2), with
 * the variants of SPEC section 5 as options that default to the chapter's behaviour.
 *
 * Life of a run:
 *   tg_ctx *g = tg_new();                 // defaults: the chapter's configuration
 *   tg_set(g, TG_OPT_BATCH, 64);          // optional; each call validates and changes nothing on error
 *   tg_reset(g);                          // seed, initialise, draw the real images: epoch 0
 *   tg_step(g, 10000);                    // train; per-epoch history and snapshots stay in the context
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

/* Options. Choice options take the index of their choice (tg_option_choice names them). */
typedef enum tg_option {
    TG_OPT_SEED = 0,      /* uint32 seed of the numpy stream, default 42 */
    TG_OPT_BATCH = 1,     /* B: real images and latents per step, default 32 */
    TG_OPT_LR_G = 2,      /* eta_G, default 0.001 */
    TG_OPT_LR_D = 3,      /* eta_D, default 0.001 */
    TG_OPT_NODES = 4,     /* N: nodes per profile, default 3 */
    TG_OPT_LATENT_LO = 5, /* latent range U(lo, hi), default (0.4, 1.0) */
    TG_OPT_LATENT_HI = 6,
    TG_OPT_G_OUT = 7,     /* generator output: linear (the chapter's code) | sigmoid (its equations) */
    TG_OPT_G_LOSS = 8,    /* generator loss: non-saturating | minimax */
    TG_OPT_REAL = 9,      /* real images: fixed (drawn once) | fresh (a new batch every D step) */
    TG_OPT_D_STEPS = 10,  /* discriminator steps per epoch, 1..10 */
    TG_OPT_OPTIMIZER = 11, /* sgd | momentum | adam, one state per network */
    TG_OPT_MOMENTUM = 12, /* mu of the momentum optimizer, default 0.9 */
    TG_OPT_COUNT = 13
} tg_option;

enum { TG_G_LINEAR = 0, TG_G_SIGMOID = 1 };
enum { TG_LOSS_NON_SATURATING = 0, TG_LOSS_MINIMAX = 1 };
enum { TG_REAL_FIXED = 0, TG_REAL_FRESH = 1 };
enum { TG_OPTIM_SGD = 0, TG_OPTIM_MOMENTUM = 1, TG_OPTIM_ADAM = 2 };
#define TG_ADAM_BETA1 0.9
#define TG_ADAM_BETA2 0.999
#define TG_ADAM_EPS 1e-8

/* Per-epoch history, one value per epoch recorded, all after the epoch's updates. */
typedef enum tg_series {
    TG_LOSS_D = 0,   /* -mean(log(D(real) + 1e-8)) - mean(log(1 - D(fake) + 1e-8)) */
    TG_LOSS_G = 1,   /* -mean(log(D(G(L)) + 1e-8)); minimax: mean(log(1 - D(G(L)) + 1e-8)) */
    TG_D_REAL = 2,   /* mean D(real) */
    TG_D_FAKE = 3,   /* mean D(fake) over the fakes of the (last) discriminator step */
    TG_ACCURACY = 4, /* share of those 2B rows on the right side of 0.5 (real > 0.5, fake < 0.5) */
    TG_W1_SLOPE = 5, /* 1-Wasserstein distance between the real images' least-squares slopes and
                        those of the generator's profiles over TG_GRID latents spanning the range */
    TG_MEAN_GAP = 6, /* mean over nodes of |mean real - mean generated| (same grid) */
    TG_SD_GAP = 7,   /* mean over nodes of |sd real - sd generated| (population sd) */
    TG_SERIES_COUNT = 8
} tg_series;

#define TG_MAX_NODES 16
#define TG_MAX_BATCH 65536
#define TG_SNAPSHOT_EVERY 1000
#define TG_MAX_SNAPSHOTS 4096 /* beyond, every other one is dropped and the interval doubles */
#define TG_WINDOW (1 << 18)
#define TG_OVERVIEW 1024
#define TG_GRID 64

typedef struct tg_ctx tg_ctx;

/* A new context holding the chapter's defaults, not yet reset. NULL only if memory runs out. */
tg_ctx *tg_new(void);
void tg_free(tg_ctx *g);

/* Option values are doubles so that one entry point serves C, the CLI and wasm; integer and choice
 * options must hold integral values. A set takes effect at the next tg_reset. */
tg_status tg_set(tg_ctx *g, tg_option opt, double value);
double tg_get(const tg_ctx *g, tg_option opt);
/* Describe options, so that bindings need no copy of this table: the name as the JS API spells it
 * ("batch", "lrG", ...; NULL past the last), the name of choice `value` (NULL past the last, or for a
 * numeric option), and the accepted range, integrality and default. */
const char *tg_option_name(int opt);
const char *tg_option_choice(int opt, int value);
double tg_option_min(int opt);
double tg_option_max(int opt);
int tg_option_integer(int opt);
double tg_option_default(int opt);

/* Start the run from epoch 0 with the current options (SPEC section 1: init, then the real images). */
tg_status tg_reset(tg_ctx *g);
/* Run n >= 0 epochs. On divergence it stops before recording the first bad epoch (TG_EDIVERGED). */
tg_status tg_step(tg_ctx *g, int n);

/* The message for the context's last failed call: "ok" once a set, reset, step, trace or sample
 * succeeds; reads (history, generate) leave it as it was. Never NULL. */
const char *tg_message(const tg_ctx *g);
/* A fixed description of a status code. */
const char *tg_status_string(tg_status s);

/* Read-outs of a reset context. */
double tg_epoch(const tg_ctx *g);          /* epochs recorded (a double: exact to 2^53) */
int tg_nodes(const tg_ctx *g);
int tg_batch(const tg_ctx *g);
int tg_diverged(const tg_ctx *g);          /* 1 once the run has diverged, until reset */
/* History (tg_series). The last TG_WINDOW (262,144) epochs are kept one by one: tg_kept_from is the
 * first of them, and tg_series_copy writes epochs [from, to) of a series into out [to - from]. The
 * whole run is also kept as an overview of at most TG_OVERVIEW (1,024) blocks of tg_overview_block
 * epochs each (a power of two that doubles as the run grows): tg_series_overview writes each
 * block's mean, min and max, the last block maybe partial, and returns how many. */
double tg_kept_from(const tg_ctx *g);
tg_status tg_series_copy(tg_ctx *g, int series, double from, double to, double *out);
int tg_series_overview(const tg_ctx *g, int series, double *mean, double *min, double *max);
double tg_overview_block(const tg_ctx *g);
/* The epoch the history starts at: 0, or the epoch of a state loaded with tg_state_load; the
 * overview's blocks are counted from it. */
double tg_history_start(const tg_ctx *g);
const double *tg_real(const tg_ctx *g);     /* [batch][nodes] the current real images, row-major */
/* Parameters, written as [gw[0..N-1], b, dw[0..N-1], c] (2N + 2 doubles). */
tg_status tg_params(const tg_ctx *g, double *out);

/* Generator snapshots: every TG_SNAPSHOT_EVERY epochs (from epoch 0) and the last epoch recorded
 * (for runs beyond 4,096,000 epochs the interval doubles so that at most TG_MAX_SNAPSHOTS are kept).
 * Snapshot i is written as [epoch, gw[0..N-1], b] (N + 2 doubles). */
int tg_snapshot_count(const tg_ctx *g);
tg_status tg_snapshot(const tg_ctx *g, int i, double *out);

/* Draw n latents from the run's own stream and generate their images with the current generator:
 * latent_out [n], images_out [n][nodes]. This continues the training stream (the chapter's L1_test). */
tg_status tg_sample(tg_ctx *g, int n, double *latent_out, double *images_out);
/* Images for given latents under given generator parameters [gw[0..N-1], b] (NULL: current ones).
 * Draws nothing: views use it to show fakes without touching the training stream. */
tg_status tg_generate(tg_ctx *g, const double *gparams, int n, const double *latent, double *images_out);

/* One epoch, traced: the same epoch tg_step(g, 1) would run, with every intermediate kept until the
 * next call. With several discriminator steps, the D fields are those of the last one. */
typedef enum tg_trace_field {
    TG_TR_REAL = 0,      /* [B][N] real images of the D step */
    TG_TR_D_LATENT = 1,  /* [B] latents L of the D step's fakes */
    TG_TR_D_FAKE = 2,    /* [B][N] fakes O = G(L) */
    TG_TR_D_YHAT = 3,    /* [2B] D's outputs on [real; fake] before its update */
    TG_TR_D_DZ = 4,      /* [2B] dz = yhat - y */
    TG_TR_D_GRAD = 5,    /* [N+1] dL/dlambda_k8, dL/dc */
    TG_TR_D_BEFORE = 6,  /* [N+1] lambda_k8, c before the step */
    TG_TR_D_AFTER = 7,   /* [N+1] after */
    TG_TR_G_LATENT = 8,  /* [B] latents of the G step */
    TG_TR_G_FAKE = 9,    /* [B][N] G(L) before the G update */
    TG_TR_G_YHAT = 10,   /* [B] updated D's outputs on them */
    TG_TR_G_DZ = 11,     /* [B] dz: yhat - 1 (non-saturating) or -yhat (minimax) */
    TG_TR_G_DOUT = 12,   /* [B][N] dL/dO = dz * lambda_k8 */
    TG_TR_G_DPRE = 13,   /* [B][N] dL/d(lambda_1j L + b): dL/dO, times O(1-O) for a sigmoid output */
    TG_TR_G_GRAD = 14,   /* [N+1] dL/dlambda_1j, dL/db */
    TG_TR_G_BEFORE = 15, /* [N+1] lambda_1j, b before the step */
    TG_TR_G_AFTER = 16,  /* [N+1] after */
    TG_TR_LOSSES = 17,   /* [2] loss_D, loss_G as recorded */
    TG_TR_COUNT = 18
} tg_trace_field;

tg_status tg_trace_step(tg_ctx *g);
/* A traced field and its length in doubles (0 and NULL before the first traced epoch). */
const double *tg_trace(const tg_ctx *g, int field);
int tg_trace_length(const tg_ctx *g, int field);

/* Chunks: epochs trained in one context, carried to another (a page trains in a Web Worker's module
 * instance and its own context takes the epochs). A chunk of a context's epochs [from, epoch) holds
 * their recorded values, the generator after every TG_SNAPSHOT_EVERY-th of them, and the state after
 * them (parameters, optimizer states, random stream, real images): tg_chunk_length doubles (0 if
 * `from` is not an epoch from tg_kept_from to tg_epoch), written by tg_chunk_save.
 * tg_chunk_apply takes a chunk into a context of the same configuration that stands at its first
 * epoch: afterwards the context is exactly as if it had trained those epochs (history, snapshots,
 * state; TG_EDIVERGED if the chunk's run diverged). tg_state_load takes only a chunk's state, at
 * any epoch: the context continues from there, its history and snapshots starting anew at that
 * epoch. A chunk that is malformed, of another configuration or not finite is refused (TG_EINVAL),
 * changing nothing. */
int tg_chunk_length(const tg_ctx *g, double from);
tg_status tg_chunk_save(tg_ctx *g, double from, double *out, int length);
tg_status tg_chunk_apply(tg_ctx *g, const double *chunk, int length);
tg_status tg_state_load(tg_ctx *g, const double *chunk, int length);

#ifdef __cplusplus
}
#endif
#endif
