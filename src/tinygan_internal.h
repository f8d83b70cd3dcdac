/* tinygan_internal.h: the training context's layout and the helpers its files share (tinygan.c, the
 * run; tg_chunk.c, chunks). Not part of the API: tinygan.h is. */
#ifndef TINYGAN_INTERNAL_H
#define TINYGAN_INTERNAL_H

#include "tg_history.h"
#include "tg_measures.h"
#include "tg_rng.h"
#include "tinygan.h"

#define MSG_LEN 240
#define DIVERGED_FMT                                                                                             \
    "diverged at epoch %.0f: a parameter or loss is no longer finite (a learning rate that is too high "        \
    "usually does this); the run stopped at the last finite epoch"
#define NOT_RESET (-1.0)
#define P_MAX (TG_MAX_NODES + 1) /* one network's parameters: N weights, then the bias */
#define RECENT (TG_WINDOW / TG_SNAPSHOT_EVERY + 2) /* multiples of TG_SNAPSHOT_EVERY in a window, and one */

/* One network's optimizer state (SPEC section 5): momentum uses v; Adam m, v and beta^t. */
typedef struct optim {
    double m[P_MAX], v[P_MAX];
    double beta1_t, beta2_t; /* beta^t by repeated products: 1 before the first step */
} optim;

struct tg_ctx {
    double opt[TG_OPT_COUNT]; /* options as set; the run uses the copies taken at reset */
    char msg[MSG_LEN];

    /* the run's configuration, fixed at reset */
    int B, N, g_out, g_loss, real_mode, d_steps, optimizer;
    double seed, lr_g, lr_d, momentum, lat_lo, lat_hi;

    tg_rng rng;
    double epoch; /* epochs recorded, NOT_RESET before the first reset */
    int diverged;
    double gp[P_MAX], dp[P_MAX]; /* generator [lambda_12.., b], discriminator [lambda_58.., c] */
    optim og, od;

    /* per-step buffers, sized at reset */
    double *x;        /* [N][2B] discriminator batch, node-major: rows 0..B-1 real, B..2B-1 fake */
    double *real_rows; /* [B][N] the real images, row-major as tg_real hands them out */
    double *fake_lat; /* [2B] latents of the (last) discriminator step's fakes, then the generator step's */
    double *lat;      /* [B] = fake_lat + B, the stream's next B draws after the last D step's */
    double *gen;      /* [N][B] generator outputs in the generator step */
    double *dgen;     /* [N][B] gradient at those outputs, then at their pre-activations */
    double *yhat;     /* [3B] discriminator outputs: real rows, fakes (the D step's), generated (G step's,
                         then the loss's) */
    double *dz;       /* [2B] gradient at the discriminator's logit */
    double *scratch;  /* [3B] the losses' logs, in yhat's order */
    double *real_slopes; /* [B] least-squares slopes of the real images, sorted */
    double real_steps[TG_GRID]; /* their quantile function on the grid's steps, when B divides TG_GRID */
    tg_w1_table w1_table; /* W1 to a linear generator's slopes, made from real_steps when w1_ready */
    int w1_ready, w1_hint; /* ready: fixed real images (made once) and B divides TG_GRID */
    int yreal_valid;     /* yhat[0..B) holds D(real rows) under the current discriminator: the last
                            epoch's loss computed it, the next D step need not */

    tg_history hist;  /* TG_SERIES_COUNT series: a window at full resolution, an overview of all */
    double hist_start; /* the epoch the history starts at: 0, or the epoch of a loaded state */
    double *recent_gens; /* [RECENT][N + 1] the generator after every epoch t = 0 (mod
                            TG_SNAPSHOT_EVERY) within the history's window, at slot t / EVERY % RECENT:
                            what a chunk carries for the snapshots its receiver takes */
    double *snaps;    /* [snap_cap][N + 2]: epoch, gw, b */
    int n_snaps, snap_cap;
    long long snap_every; /* TG_SNAPSHOT_EVERY, doubled each time TG_MAX_SNAPSHOTS fill up */

    /* the trace of one epoch: field f is trace[trace_at[f] .. trace_at[f + 1]) */
    double *trace;
    int trace_at[TG_TR_COUNT + 1];
    int tracing, traced;

    /* how-close measures: the real set's per-node stats, and a fixed latent grid */
    double real_mean[TG_MAX_NODES], real_sd[TG_MAX_NODES];
    double grid[TG_GRID], grid_img[TG_GRID * TG_MAX_NODES], grid_slopes[TG_GRID];
    double grid_mean, grid_sd; /* of the latent grid, population sd */
};

/* Set the context's message (printf-style) and return s. */
tg_status tg_fail(tg_ctx *g, tg_status s, const char *fmt, ...);
/* The message "ok" and TG_OK. */
tg_status tg_ok(tg_ctx *g);
int tg_all_finite(const double *a, int n);
/* real_rows into the discriminator batch's real rows, node-major (x [N][2B], rows 0..B-1). */
void tg_real_to_batch(tg_ctx *g);
/* The real set's summaries for the measures, from real_rows. */
void tg_summarise_real(tg_ctx *g);
/* Room for one more snapshot (see tinygan.c); 0 if memory runs out. */
/* Room for `want` snapshots, grown up to TG_MAX_SNAPSHOTS; 0 if memory runs out (nothing changed). */
int tg_reserve_snapshots(tg_ctx *g, long long want);
int tg_make_room_for_snapshot(tg_ctx *g);
/* recent_gens' slot for epoch t, a multiple of TG_SNAPSHOT_EVERY. */
double *tg_recent_gen(const tg_ctx *g, double t);
/* The generator gen [N + 1] after epoch t, kept where it is due: recent_gens every
 * TG_SNAPSHOT_EVERY epochs, and a snapshot every snap_every (room for it made beforehand). */
void tg_keep_generator(tg_ctx *g, double t, const double *gen);

#endif
