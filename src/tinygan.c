/* tinygan.c: the training context: options, the run's state and history, the epoch of SPEC section 1
 * with the variants of section 5, the measures, and the traced epoch. */
#include "tinygan.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tg_history.h"
#include "tg_libm.h"
#include "tg_measures.h"
#include "tg_model.h"
#include "tg_rng.h"

#define MSG_LEN 240
#define DIVERGED_FMT                                                                                             \
    "diverged at epoch %.0f: a parameter or loss is no longer finite (a learning rate that is too high "        \
    "usually does this); reset to train again"
#define NOT_RESET (-1.0)
#define P_MAX (TG_MAX_NODES + 1) /* one network's parameters: N weights, then the bias */
#define RECENT (TG_WINDOW / TG_SNAPSHOT_EVERY + 2) /* multiples of TG_SNAPSHOT_EVERY in a window, and one */
#if defined(__GNUC__) && !defined(__clang__)
#define TG_SCALAR_LOOPS __attribute__((optimize("no-tree-vectorize")))
#else
#define TG_SCALAR_LOOPS
#endif

static const char *const G_OUT_CHOICES[] = {"linear", "sigmoid", NULL};
static const char *const G_LOSS_CHOICES[] = {"non-saturating", "minimax", NULL};
static const char *const REAL_CHOICES[] = {"fixed", "fresh", NULL};
static const char *const OPTIMIZER_CHOICES[] = {"sgd", "momentum", "adam", NULL};

typedef struct option_info {
    const char *name;           /* the JS option name; the CLI's flag is its kebab-case form */
    double lo, hi;              /* accepted closed range */
    int integer;                /* 1: the value must be integral */
    double def;                 /* the chapter's value */
    const char *const *choices; /* names of the values 0, 1, ... for a choice option */
} option_info;

static const option_info OPTIONS[TG_OPT_COUNT] = {
    [TG_OPT_SEED] = {"seed", 0, 4294967295.0, 1, 42, NULL},
    [TG_OPT_BATCH] = {"batch", 1, TG_MAX_BATCH, 1, 32, NULL},
    [TG_OPT_LR_G] = {"lrG", 1e-12, 100, 0, 0.001, NULL},
    [TG_OPT_LR_D] = {"lrD", 1e-12, 100, 0, 0.001, NULL},
    [TG_OPT_NODES] = {"nodes", 2, TG_MAX_NODES, 1, 3, NULL},
    [TG_OPT_LATENT_LO] = {"latentLo", -100, 100, 0, 0.4, NULL},
    [TG_OPT_LATENT_HI] = {"latentHi", -100, 100, 0, 1.0, NULL},
    [TG_OPT_G_OUT] = {"gOut", 0, 1, 1, TG_G_LINEAR, G_OUT_CHOICES},
    [TG_OPT_G_LOSS] = {"gLoss", 0, 1, 1, TG_LOSS_NON_SATURATING, G_LOSS_CHOICES},
    [TG_OPT_REAL] = {"real", 0, 1, 1, TG_REAL_FIXED, REAL_CHOICES},
    [TG_OPT_D_STEPS] = {"dSteps", 1, 10, 1, 1, NULL},
    [TG_OPT_OPTIMIZER] = {"optimizer", 0, 2, 1, TG_OPTIM_SGD, OPTIMIZER_CHOICES},
    [TG_OPT_MOMENTUM] = {"momentum", 0, 0.999, 0, 0.9, NULL},
};

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

static tg_status fail(tg_ctx *g, tg_status s, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(g->msg, MSG_LEN, fmt, ap);
    va_end(ap);
    return s;
}

static tg_status ok(tg_ctx *g) {
    strcpy(g->msg, "ok");
    return TG_OK;
}

const char *tg_status_string(tg_status s) {
    switch (s) {
    case TG_OK: return "ok";
    case TG_EINVAL: return "invalid argument";
    case TG_ENOMEM: return "out of memory";
    case TG_EDIVERGED: return "training diverged";
    case TG_ESTATE: return "not allowed in this state";
    }
    return "unknown status";
}

/* ---- options ---------------------------------------------------------------------------------- */

static const option_info *info(int opt) {
    return (opt >= 0 && opt < TG_OPT_COUNT) ? &OPTIONS[opt] : NULL;
}
const char *tg_option_name(int opt) {
    return info(opt) ? info(opt)->name : NULL;
}
const char *tg_option_choice(int opt, int value) {
    const option_info *o = info(opt);
    if (!o || !o->choices || value < 0 || value > (int)o->hi) return NULL;
    return o->choices[value];
}
double tg_option_min(int opt) {
    return info(opt) ? info(opt)->lo : NAN;
}
double tg_option_max(int opt) {
    return info(opt) ? info(opt)->hi : NAN;
}
int tg_option_integer(int opt) {
    return info(opt) ? info(opt)->integer : 0;
}
double tg_option_default(int opt) {
    return info(opt) ? info(opt)->def : NAN;
}

tg_status tg_set(tg_ctx *g, tg_option opt, double v) {
    if (!g) return TG_EINVAL;
    const option_info *o = info((int)opt);
    if (!o) return fail(g, TG_EINVAL, "unknown option id %d", (int)opt);
    if (isfinite(v) && v >= o->lo && v <= o->hi && (!o->integer || v == floor(v))) {
        g->opt[opt] = v;
        return ok(g);
    }
    if (o->choices) {
        char names[96] = "";
        for (int i = 0; o->choices[i]; i++) {
            strcat(names, i ? ", " : "");
            strcat(names, o->choices[i]);
        }
        return fail(g, TG_EINVAL, "%s must be one of %s (0..%g), got %.17g", o->name, names, o->hi, v);
    }
    if (o->integer)
        return fail(g, TG_EINVAL, "%s must be an integer from %.17g to %.17g, got %.17g", o->name, o->lo, o->hi, v);
    return fail(g, TG_EINVAL, "%s must be a number from %g to %g, got %.17g", o->name, o->lo, o->hi, v);
}

double tg_get(const tg_ctx *g, tg_option opt) {
    return g && info((int)opt) ? g->opt[opt] : NAN;
}

const char *tg_message(const tg_ctx *g) {
    return g ? g->msg : "no context (NULL)";
}

/* ---- life of a context ------------------------------------------------------------------------ */

static void free_run(tg_ctx *g) {
    double **owned[] = {&g->x, &g->real_rows, &g->fake_lat, &g->gen, &g->dgen, &g->yhat, &g->dz, &g->scratch,
                        &g->real_slopes, &g->snaps, &g->recent_gens, &g->trace};
    for (size_t i = 0; i < sizeof owned / sizeof *owned; i++) {
        free(*owned[i]);
        *owned[i] = NULL;
    }
    tg_history_free(&g->hist);
}

tg_ctx *tg_new(void) {
    tg_ctx *g = calloc(1, sizeof *g);
    if (!g) return NULL;
    for (int i = 0; i < TG_OPT_COUNT; i++) g->opt[i] = OPTIONS[i].def;
    g->epoch = NOT_RESET;
    ok(g);
    return g;
}

void tg_free(tg_ctx *g) {
    if (!g) return;
    free_run(g);
    free(g);
}

/* The real set's summaries for the how-close measures: sorted slopes and per-node mean and sd. */
static void summarise_real(tg_ctx *g) {
    for (int i = 0; i < g->B; i++) g->real_slopes[i] = tg_profile_slope(g->real_rows + (size_t)i * g->N, g->N);
    tg_sort(g->real_slopes, g->B);
    if (TG_GRID % g->B == 0) tg_quantile_steps(g->real_steps, g->real_slopes, g->B, TG_GRID);
    tg_node_stats(g->real_mean, g->real_sd, g->real_rows, g->B, g->N);
}

/* The chapter's generate_real_data: all B slopes first, then per image N residuals; each image is
 * shifted so that its mean is 0.5. Writes real_rows and rows 0..B-1 of the discriminator batch (the
 * measures' summary of them is summarise_real's, once per batch that gets measured). */
static void draw_real(tg_ctx *g) {
    int B = g->B, N = g->N;
    double *x = g->real_rows;
    for (int i = 0; i < B; i++) x[i * N] = tg_rng_uniform(&g->rng, -0.4, -0.7); /* slopes, parked in col 0 */
    for (int i = 0; i < B; i++) {
        double s = x[i * N], *row = x + i * N;
        for (int j = 0; j < N; j++) row[j] = s * (j + 1) + tg_rng_normal(&g->rng, 0.0, 0.02);
        double shift = 0.5 - tg_mean(row, N);
        for (int j = 0; j < N; j++) row[j] += shift;
        for (int j = 0; j < N; j++) g->x[(size_t)j * 2 * B + i] = row[j];
    }
}

tg_status tg_reset(tg_ctx *g) {
    if (!g) return TG_EINVAL;
    int B = (int)g->opt[TG_OPT_BATCH], N = (int)g->opt[TG_OPT_NODES];
    double lo = g->opt[TG_OPT_LATENT_LO], hi = g->opt[TG_OPT_LATENT_HI];
    if (!(lo < hi)) return fail(g, TG_EINVAL, "latentLo must be below latentHi, got %g and %g", lo, hi);

    tg_ctx fresh = *g; /* build the new run aside so that a failed allocation changes nothing */
    memset(&fresh.x, 0, sizeof fresh - offsetof(tg_ctx, x));
    size_t n2 = 2 * (size_t)B, d = sizeof(double);
    fresh.x = malloc(n2 * N * d);
    fresh.real_rows = malloc((size_t)B * N * d);
    fresh.fake_lat = malloc(n2 * d);
    fresh.gen = malloc((size_t)B * N * d);
    fresh.dgen = malloc((size_t)B * N * d);
    fresh.yhat = malloc(3 * (size_t)B * d);
    fresh.dz = malloc(n2 * d);
    fresh.scratch = malloc(3 * (size_t)B * d);
    fresh.real_slopes = malloc(B * d);
    fresh.snap_cap = 16;
    fresh.snaps = malloc(fresh.snap_cap * (N + 2) * d);
    fresh.recent_gens = malloc(RECENT * (size_t)(N + 1) * d);
    if (!fresh.x || !fresh.real_rows || !fresh.fake_lat || !fresh.gen || !fresh.dgen || !fresh.yhat || !fresh.dz ||
        !fresh.scratch || !fresh.real_slopes || !fresh.snaps || !fresh.recent_gens ||
        !tg_history_init(&fresh.hist, TG_SERIES_COUNT)) {
        free_run(&fresh);
        return fail(g, TG_ENOMEM, "out of memory starting a run with batch %d and %d nodes", B, N);
    }
    free_run(g);
    *g = fresh;
    g->lat = g->fake_lat + B;

    g->B = B;
    g->N = N;
    g->g_out = (int)g->opt[TG_OPT_G_OUT];
    g->g_loss = (int)g->opt[TG_OPT_G_LOSS];
    g->real_mode = (int)g->opt[TG_OPT_REAL];
    g->d_steps = (int)g->opt[TG_OPT_D_STEPS];
    g->optimizer = (int)g->opt[TG_OPT_OPTIMIZER];
    g->seed = g->opt[TG_OPT_SEED];
    g->lr_g = g->opt[TG_OPT_LR_G];
    g->lr_d = g->opt[TG_OPT_LR_D];
    g->momentum = g->opt[TG_OPT_MOMENTUM];
    g->lat_lo = lo;
    g->lat_hi = hi;
    g->epoch = 0;
    g->hist_start = 0;
    g->diverged = 0;
    g->snap_every = TG_SNAPSHOT_EVERY;
    memset(&g->og, 0, sizeof g->og);
    memset(&g->od, 0, sizeof g->od);
    g->og.beta1_t = g->og.beta2_t = g->od.beta1_t = g->od.beta2_t = 1.0;
    for (int i = 0; i < TG_GRID; i++) g->grid[i] = lo + (hi - lo) * i / (TG_GRID - 1);
    tg_node_stats(&g->grid_mean, &g->grid_sd, g->grid, TG_GRID, 1);

    tg_rng_seed(&g->rng, (uint32_t)g->opt[TG_OPT_SEED]);
    for (int j = 0; j < N; j++) g->gp[j] = tg_rng_gauss(&g->rng) * 0.1;
    g->gp[N] = 0.0;
    for (int k = 0; k < N; k++) g->dp[k] = tg_rng_gauss(&g->rng) * 0.1;
    g->dp[N] = 0.0;
    draw_real(g);
    summarise_real(g);
    return ok(g);
}

/* ---- one epoch --------------------------------------------------------------------------------- */

static void draw_latents(tg_ctx *g, double *out, int n) {
    tg_rng_uniform_n(&g->rng, out, n, g->lat_lo, g->lat_hi);
}

/* The generator with its output activation: out [N][ld] for latent [n] under params gp [N+1]. */
static void generate(const tg_ctx *g, double *out, int ld, const double *latent, int n, const double *gp) {
    tg_generator_forward(out, ld, latent, n, g->N, gp, gp[g->N]);
    if (g->g_out == TG_G_SIGMOID) {
        if (ld == n) tg_sigmoid_forward(out, out, n * g->N);
        else
            for (int j = 0; j < g->N; j++) tg_sigmoid_forward(out + (size_t)j * ld, out + (size_t)j * ld, n);
    }
}

/* The discriminator's logits z [n] of the generator's images of latent [n] under gp [N+1]; the
 * images go to out [N][ld]. A linear generator's in one fused pass, where out may be NULL (images
 * not kept). */
static void fake_logits(const tg_ctx *g, double *z, double *out, int ld, const double *latent, int n, const double *gp) {
    int N = g->N;
    if (g->g_out == TG_G_LINEAR) {
        tg_generator_logits(z, out, ld, latent, n, N, gp, gp[N], g->dp, g->dp[N]);
    } else {
        generate(g, out, ld, latent, n, gp);
        tg_discriminator_logits(z, out, ld, n, N, g->dp, g->dp[N]);
    }
}

/* Node-major [N][ld] to row-major [n][N]. */
static void to_rows(double *rows, const double *in, int ld, int n, int N) {
    for (int i = 0; i < n; i++)
        for (int j = 0; j < N; j++) rows[(size_t)i * N + j] = in[(size_t)j * ld + i];
}

/* generate() into row-major images out [n][N], through a small node-major block at a time. */
static void generate_rows(const tg_ctx *g, double *out, const double *latent, int n, const double *gp) {
    enum { ROWS = 256 };
    double block[TG_MAX_NODES * ROWS];
    for (int i = 0; i < n; i += ROWS) {
        int m = n - i < ROWS ? n - i : ROWS;
        generate(g, block, m, latent + i, m, gp);
        to_rows(out + (size_t)i * g->N, block, m, m, g->N);
    }
}

/* theta -= the optimizer's step for gradient grad (SPEC section 5); n = N + 1 parameters. Kept
 * scalar: grad was just stored one value at a time, and a vector load of it would wait for those
 * stores to retire (a failed store-to-load forwarding) -- for a loop of a few iterations. */
TG_SCALAR_LOOPS static void update(const tg_ctx *g, double *theta, const double *grad, int n, optim *s, double lr) {
    switch (g->optimizer) {
    case TG_OPTIM_SGD:
        for (int i = 0; i < n; i++) theta[i] -= lr * grad[i];
        break;
    case TG_OPTIM_MOMENTUM:
        for (int i = 0; i < n; i++) {
            s->v[i] = g->momentum * s->v[i] + grad[i];
            theta[i] -= lr * s->v[i];
        }
        break;
    case TG_OPTIM_ADAM:
        s->beta1_t *= TG_ADAM_BETA1;
        s->beta2_t *= TG_ADAM_BETA2;
        for (int i = 0; i < n; i++) {
            s->m[i] = TG_ADAM_BETA1 * s->m[i] + (1 - TG_ADAM_BETA1) * grad[i];
            s->v[i] = TG_ADAM_BETA2 * s->v[i] + (1 - TG_ADAM_BETA2) * (grad[i] * grad[i]);
            double mhat = s->m[i] / (1 - s->beta1_t), vhat = s->v[i] / (1 - s->beta2_t);
            theta[i] -= lr * mhat / (sqrt(vhat) + TG_ADAM_EPS);
        }
        break;
    }
}

/* Copy n doubles into a traced field, when this epoch is traced. */
static void record(tg_ctx *g, int field, const double *src) {
    if (g->tracing) memcpy(g->trace + g->trace_at[field], src, (g->trace_at[field + 1] - g->trace_at[field]) * sizeof(double));
}

/* Record B node-major images [N][ld] as the trace's row-major [B][N]. */
static void record_images(tg_ctx *g, int field, const double *src, int ld) {
    if (g->tracing) to_rows(g->trace + g->trace_at[field], src, ld, g->B, g->N);
}

/* SPEC section 1 steps 1-2 (and 5's fresh real data): fakes, then one discriminator update on
 * [real; fake] with labels [1; 0]. The last D step of an epoch (last = 1) also draws the generator
 * step's latents, the stream's next B values: one tg_rng_uniform_n call for both. */
static void discriminator_step(tg_ctx *g, int last) {
    int B = g->B, N = g->N, B2 = 2 * B;
    double *fake = g->x + B, grad[P_MAX]; /* [N][2B] from row B */
    if (g->real_mode == TG_REAL_FRESH) {
        draw_real(g);
        g->yreal_valid = 0;
    }
    draw_latents(g, g->fake_lat, last ? B2 : B);
    fake_logits(g, g->yhat + B, fake, B2, g->fake_lat, B, g->gp);
    if (g->yreal_valid) {
        tg_sigmoid_forward(g->yhat + B, g->yhat + B, B);
    } else {
        tg_discriminator_logits(g->yhat, g->x, B2, B, N, g->dp, g->dp[N]);
        tg_sigmoid_forward(g->yhat, g->yhat, B2);
    }
    tg_bce_backward(g->dz, g->yhat, B, 1.0);
    tg_bce_backward(g->dz + B, g->yhat + B, B, 0.0);
    tg_discriminator_backward(grad, &grad[N], g->dz, g->x, B2, B2, N);
    record(g, TG_TR_REAL, g->real_rows);
    record(g, TG_TR_D_LATENT, g->fake_lat);
    record_images(g, TG_TR_D_FAKE, fake, B2);
    record(g, TG_TR_D_YHAT, g->yhat);
    record(g, TG_TR_D_DZ, g->dz);
    record(g, TG_TR_D_GRAD, grad);
    record(g, TG_TR_D_BEFORE, g->dp);
    update(g, g->dp, grad, N + 1, &g->od, g->lr_d);
    g->yreal_valid = 0;
    record(g, TG_TR_D_AFTER, g->dp);
}

/* SPEC section 1 step 3: new latents (drawn by the last D step), one generator update against the
 * updated discriminator. */
static void generator_step(tg_ctx *g) {
    int B = g->B, N = g->N;
    double grad[P_MAX], *yhat = g->yhat + 2 * B; /* [B] */
    fake_logits(g, yhat, g->gen, B, g->lat, B, g->gp);
    tg_sigmoid_forward(yhat, yhat, B);
    if (g->g_loss == TG_LOSS_MINIMAX) tg_minimax_backward(g->dz, yhat, B);
    else tg_bce_backward(g->dz, yhat, B, 1.0);
    tg_discriminator_backward_input(g->dgen, B, g->dz, B, N, g->dp);
    record_images(g, TG_TR_G_DOUT, g->dgen, B);
    if (g->g_out == TG_G_SIGMOID) tg_sigmoid_backward(g->dgen, g->dgen, g->gen, B * N);
    tg_generator_backward(grad, &grad[N], g->dgen, B, g->lat, B, N, g->scratch);
    record(g, TG_TR_G_LATENT, g->lat);
    record_images(g, TG_TR_G_FAKE, g->gen, B);
    record(g, TG_TR_G_YHAT, yhat);
    record(g, TG_TR_G_DZ, g->dz);
    record_images(g, TG_TR_G_DPRE, g->dgen, B);
    record(g, TG_TR_G_GRAD, grad);
    record(g, TG_TR_G_BEFORE, g->gp);
    update(g, g->gp, grad, N + 1, &g->og, g->lr_g);
    record(g, TG_TR_G_AFTER, g->gp);
}

/* How close the generator's profiles over the latent grid are to the real set. A linear generator
 * has closed forms (the profile of latent L has slope L * slope(lambda); node k has mean
 * lambda_k * mean(L) + b and sd |lambda_k| * sd(L)), which are cheaper and cannot overflow before
 * the parameters do; a sigmoid generator is measured on its images. */
static void measure_fit(tg_ctx *g, double *w1, double *mean_gap, double *sd_gap) {
    int N = g->N;
    double mean[TG_MAX_NODES], sd[TG_MAX_NODES];
    int steps = TG_GRID % g->B == 0; /* the real slopes' quantile function is on the grid's steps */
    if (g->g_out == TG_G_LINEAR) {
        double s = tg_profile_slope(g->gp, N);
        if (steps) {
            *w1 = tg_w1_line(g->real_steps, g->grid, s, TG_GRID);
        } else {
            if (s >= 0)
                for (int i = 0; i < TG_GRID; i++) g->grid_slopes[i] = s * g->grid[i];
            else
                for (int i = 0; i < TG_GRID; i++) g->grid_slopes[i] = s * g->grid[TG_GRID - 1 - i];
            *w1 = tg_w1_sorted(g->real_slopes, g->B, g->grid_slopes, TG_GRID);
        }
        for (int k = 0; k < N; k++) {
            mean[k] = g->gp[k] * g->grid_mean + g->gp[N];
            sd[k] = fabs(g->gp[k]) * g->grid_sd;
        }
    } else {
        generate_rows(g, g->grid_img, g->grid, TG_GRID, g->gp);
        for (int i = 0; i < TG_GRID; i++) g->grid_slopes[i] = tg_profile_slope(g->grid_img + i * N, N);
        tg_sort_small(g->grid_slopes, TG_GRID);
        tg_node_stats(mean, sd, g->grid_img, TG_GRID, N);
        *w1 = steps ? tg_w1_steps(g->real_steps, g->grid_slopes, TG_GRID)
                    : tg_w1_sorted(g->real_slopes, g->B, g->grid_slopes, TG_GRID);
    }
    double mg = 0.0, sg = 0.0;
    for (int k = 0; k < N; k++) {
        mg += fabs(g->real_mean[k] - mean[k]);
        sg += fabs(g->real_sd[k] - sd[k]);
    }
    *mean_gap = mg / N;
    *sd_gap = sg / N;
}

static int all_finite(const double *a, int n) {
    for (int i = 0; i < n; i++)
        if (!isfinite(a[i])) return 0;
    return 1;
}

/* One epoch: k discriminator steps, one generator step, then the recorded values (SPEC section 1
 * step 4). Returns 0, leaving the parameters as they were, if a parameter or loss is not finite. */
static int epoch(tg_ctx *g, double out[TG_SERIES_COUNT]) {
    int B = g->B, N = g->N, B2 = 2 * B;
    double gp0[P_MAX], dp0[P_MAX];
    memcpy(gp0, g->gp, sizeof gp0);
    memcpy(dp0, g->dp, sizeof dp0);

    for (int k = 0; k < g->d_steps; k++) discriminator_step(g, k == g->d_steps - 1);
    generator_step(g);

    /* D(real), D(fake) and D(G(L_gen)) under the updated networks, one sigmoid pass for all 3B */
    double *yreal = g->yhat, *yfake = g->yhat + B, *ygen = g->yhat + B2, *logs = g->scratch; /* [B] each */
    tg_discriminator_logits(yreal, g->x, B2, B2, N, g->dp, g->dp[N]);
    fake_logits(g, ygen, g->g_out == TG_G_LINEAR ? NULL : g->gen, B, g->lat, B, g->gp);
    tg_sigmoid_forward(g->yhat, g->yhat, 3 * B);
    g->yreal_valid = 1; /* yhat[0..B) is left as it is for the next D step */
    out[TG_ACCURACY] = (double)tg_count_right(yreal, yfake, B) / B2;
    /* the three losses' logs in one pass: log(D(real) + 1e-8), log(1 - D(fake) + 1e-8), and the
     * generator's (its label 1, or 0 for min-max) */
    int minimax = g->g_loss == TG_LOSS_MINIMAX;
    tg_bce_guard(logs, yreal, B, 1.0);
    tg_bce_guard(logs + B, yfake, B, 0.0);
    tg_bce_guard(logs + B2, ygen, B, minimax ? 0.0 : 1.0);
    tg_log_n(logs, logs, 3 * B);
    const double *of[5] = {yreal, yfake, logs, logs + B, logs + B2};
    double mean[5]; /* D(real), D(fake), and the three logs */
    tg_means(mean, of, 5, B);
    out[TG_D_REAL] = mean[0];
    out[TG_D_FAKE] = mean[1];
    out[TG_LOSS_D] = -mean[2] + -mean[3];
    double mean_g = mean[4];
    out[TG_LOSS_G] = minimax ? mean_g : -mean_g; /* min-max records mean(log(1 - D(G(L)) + 1e-8)) */

    if (g->real_mode == TG_REAL_FRESH) summarise_real(g); /* the last D step's batch, drawn this epoch */
    measure_fit(g, &out[TG_W1_SLOPE], &out[TG_MEAN_GAP], &out[TG_SD_GAP]);
    /* nothing non-finite is ever recorded: such an epoch is where the run diverged */
    if (!all_finite(out, TG_SERIES_COUNT) || !all_finite(g->gp, N + 1) || !all_finite(g->dp, N + 1)) {
        memcpy(g->gp, gp0, sizeof gp0);
        memcpy(g->dp, dp0, sizeof dp0);
        g->yreal_valid = 0;
        return 0;
    }
    record(g, TG_TR_LOSSES, out);
    return 1;
}

/* Room for one more snapshot: grow the array, or once TG_MAX_SNAPSHOTS are kept, keep every other
 * one and take them half as often from now on. */
static int make_room_for_snapshot(tg_ctx *g) {
    int stride = g->N + 2;
    if (g->snap_cap < TG_MAX_SNAPSHOTS) {
        double *s = realloc(g->snaps, 2 * (size_t)g->snap_cap * stride * sizeof(double));
        if (!s) return 0;
        g->snaps = s;
        g->snap_cap *= 2;
        return 1;
    }
    for (int i = 0; i < g->n_snaps / 2; i++)
        memcpy(g->snaps + (size_t)i * stride, g->snaps + (size_t)2 * i * stride, stride * sizeof(double));
    g->n_snaps /= 2;
    g->snap_every *= 2;
    return 1;
}

/* The slot of recent_gens for epoch t, a multiple of TG_SNAPSHOT_EVERY. */
static double *recent_gen(const tg_ctx *g, double t) {
    return g->recent_gens + (size_t)((long long)t / TG_SNAPSHOT_EVERY % RECENT) * (g->N + 1);
}

static void write_generator(const tg_ctx *g, double ep, double *out) {
    out[0] = ep;
    memcpy(out + 1, g->gp, (g->N + 1) * sizeof(double));
}

tg_status tg_step(tg_ctx *g, int n) {
    if (!g) return TG_EINVAL;
    if (g->epoch == NOT_RESET) return fail(g, TG_ESTATE, "step: the run has not been reset yet");
    if (g->diverged) return fail(g, TG_EDIVERGED, DIVERGED_FMT, g->epoch);
    if (n < 0) return fail(g, TG_EINVAL, "step must be an integer >= 0, got %d", n);
    if (!tg_history_reserve(&g->hist, g->epoch - g->hist_start + n))
        return fail(g, TG_ENOMEM, "out of memory keeping the history of %.0f epochs", g->epoch + n);
    int stride = g->N + 2;
    for (int i = 0; i < n; i++) {
        double t = g->epoch, v[TG_SERIES_COUNT];
        int snapshot = (long long)t % g->snap_every == 0;
        if (snapshot && g->n_snaps == g->snap_cap && !make_room_for_snapshot(g))
            return fail(g, TG_ENOMEM, "out of memory keeping snapshots at epoch %.0f", t);
        if (!epoch(g, v)) {
            g->diverged = 1;
            return fail(g, TG_EDIVERGED, DIVERGED_FMT, t);
        }
        tg_history_push(&g->hist, v);
        if (snapshot) write_generator(g, t, g->snaps + (size_t)g->n_snaps++ * stride);
        if ((long long)t % TG_SNAPSHOT_EVERY == 0) memcpy(recent_gen(g, t), g->gp, (g->N + 1) * sizeof(double));
        g->epoch = t + 1;
    }
    return ok(g);
}

tg_status tg_trace_step(tg_ctx *g) {
    if (!g) return TG_EINVAL;
    if (g->epoch == NOT_RESET) return fail(g, TG_ESTATE, "trace: the run has not been reset yet");
    if (!g->trace) {
        int B = g->B, N = g->N, P = N + 1;
        const int len[TG_TR_COUNT] = {
            [TG_TR_REAL] = B * N,   [TG_TR_D_LATENT] = B, [TG_TR_D_FAKE] = B * N,  [TG_TR_D_YHAT] = 2 * B,
            [TG_TR_D_DZ] = 2 * B,   [TG_TR_D_GRAD] = P,   [TG_TR_D_BEFORE] = P,    [TG_TR_D_AFTER] = P,
            [TG_TR_G_LATENT] = B,   [TG_TR_G_FAKE] = B * N, [TG_TR_G_YHAT] = B,    [TG_TR_G_DZ] = B,
            [TG_TR_G_DOUT] = B * N, [TG_TR_G_DPRE] = B * N, [TG_TR_G_GRAD] = P,    [TG_TR_G_BEFORE] = P,
            [TG_TR_G_AFTER] = P,    [TG_TR_LOSSES] = 2,
        };
        int at[TG_TR_COUNT + 1];
        at[0] = 0;
        for (int f = 0; f < TG_TR_COUNT; f++) at[f + 1] = at[f] + len[f];
        g->trace = malloc((size_t)at[TG_TR_COUNT] * sizeof(double));
        if (!g->trace) return fail(g, TG_ENOMEM, "out of memory tracing an epoch of batch %d", B);
        memcpy(g->trace_at, at, sizeof at);
    }
    g->tracing = 1;
    tg_status s = tg_step(g, 1);
    g->tracing = 0;
    g->traced = s == TG_OK;
    return s;
}

const double *tg_trace(const tg_ctx *g, int field) {
    if (!g || !g->traced || field < 0 || field >= TG_TR_COUNT) return NULL;
    return g->trace + g->trace_at[field];
}

int tg_trace_length(const tg_ctx *g, int field) {
    if (!g || !g->traced || field < 0 || field >= TG_TR_COUNT) return 0;
    return g->trace_at[field + 1] - g->trace_at[field];
}

/* ---- read-outs --------------------------------------------------------------------------------- */

double tg_epoch(const tg_ctx *g) {
    return !g || g->epoch < 0 ? 0 : g->epoch;
}
int tg_nodes(const tg_ctx *g) {
    if (!g) return 0;
    return g->epoch == NOT_RESET ? (int)g->opt[TG_OPT_NODES] : g->N;
}
int tg_batch(const tg_ctx *g) {
    if (!g) return 0;
    return g->epoch == NOT_RESET ? (int)g->opt[TG_OPT_BATCH] : g->B;
}
int tg_diverged(const tg_ctx *g) {
    return g ? g->diverged : 0;
}
double tg_kept_from(const tg_ctx *g) {
    return g && g->epoch > 0 ? g->hist_start + tg_history_first(&g->hist) : 0;
}
double tg_history_start(const tg_ctx *g) {
    return g && g->epoch > 0 ? g->hist_start : 0;
}

tg_status tg_series_copy(tg_ctx *g, int series, double from, double to, double *out) {
    if (!g) return TG_EINVAL;
    if (g->epoch == NOT_RESET) return fail(g, TG_ESTATE, "history: the run has not been reset yet");
    if (series < 0 || series >= TG_SERIES_COUNT) return fail(g, TG_EINVAL, "history: unknown series %d", series);
    double first = tg_kept_from(g);
    if (!(from == floor(from) && to == floor(to) && from <= to && to <= g->epoch))
        return fail(g, TG_EINVAL, "history: need integers from <= to <= %.0f, got from %g, to %g", g->epoch, from, to);
    if (from < first)
        return fail(g, TG_EINVAL,
                    "history: epochs before %.0f are no longer kept one by one (the last %d are; "
                    "the overview covers the whole run), got from %g",
                    first, TG_WINDOW, from);
    if (to > from && !out) return fail(g, TG_EINVAL, "history: out must not be NULL");
    tg_history_copy(&g->hist, series, from - g->hist_start, to - g->hist_start, out);
    return TG_OK; /* a read: the message of the last failure stays */
}

int tg_series_overview(const tg_ctx *g, int series, double *mean, double *min, double *max) {
    if (!g || g->epoch <= 0 || series < 0 || series >= TG_SERIES_COUNT || !mean || !min || !max) return 0;
    return tg_history_overview(&g->hist, series, mean, min, max);
}

double tg_overview_block(const tg_ctx *g) {
    return g && g->epoch > 0 ? (double)g->hist.block : 1;
}
const double *tg_real(const tg_ctx *g) {
    return g ? g->real_rows : NULL;
}

tg_status tg_params(const tg_ctx *g, double *out) {
    if (!g || !out) return TG_EINVAL;
    if (g->epoch == NOT_RESET) return TG_ESTATE;
    int N = g->N;
    memcpy(out, g->gp, (N + 1) * sizeof(double));
    memcpy(out + N + 1, g->dp, (N + 1) * sizeof(double));
    return TG_OK;
}

int tg_snapshot_count(const tg_ctx *g) {
    if (!g || g->epoch <= 0) return 0;
    int stride = g->N + 2, last_kept = g->n_snaps > 0 && g->snaps[(size_t)(g->n_snaps - 1) * stride] == g->epoch - 1;
    return g->n_snaps + !last_kept;
}

tg_status tg_snapshot(const tg_ctx *g, int i, double *out) {
    if (!g || !out) return TG_EINVAL;
    int count = tg_snapshot_count(g), stride = g->N + 2;
    if (i < 0 || i >= count) return TG_EINVAL;
    if (i < g->n_snaps) memcpy(out, g->snaps + (size_t)i * stride, stride * sizeof(double));
    else write_generator(g, g->epoch - 1, out); /* the last epoch recorded: the current generator */
    return TG_OK;
}

tg_status tg_generate(tg_ctx *g, const double *gparams, int n, const double *latent, double *images_out) {
    if (!g) return TG_EINVAL;
    if (g->epoch == NOT_RESET) return fail(g, TG_ESTATE, "generate: the run has not been reset yet");
    if (n < 0) return fail(g, TG_EINVAL, "generate: n must be >= 0, got %d", n);
    if (n > 0 && (!latent || !images_out)) return fail(g, TG_EINVAL, "generate: latent and images_out must not be NULL");
    if (gparams && !all_finite(gparams, g->N + 1))
        return fail(g, TG_EINVAL, "generate: the generator's parameters must be finite numbers");
    if (n > 0 && !all_finite(latent, n)) return fail(g, TG_EINVAL, "generate: every latent must be a finite number");
    generate_rows(g, images_out, latent, n, gparams ? gparams : g->gp);
    return TG_OK; /* a read: the message of the last failure stays */
}

tg_status tg_sample(tg_ctx *g, int n, double *latent_out, double *images_out) {
    if (!g) return TG_EINVAL;
    if (g->epoch == NOT_RESET) return fail(g, TG_ESTATE, "sample: the run has not been reset yet");
    if (n < 0) return fail(g, TG_EINVAL, "sample must be an integer >= 0, got %d", n);
    if (n > 0 && (!latent_out || !images_out)) return fail(g, TG_EINVAL, "sample: latent_out and images_out must not be NULL");
    draw_latents(g, latent_out, n);
    generate_rows(g, images_out, latent_out, n, g->gp);
    return ok(g);
}

/* ---- chunks: a run's epochs carried to another context -------------------------------------------
 * A chunk holds what a context recorded over epochs [from, to) and its state after them; applied to
 * a context of the same configuration that stands at epoch `from`, it leaves that context exactly as
 * if it had trained those epochs itself. This is how a page trains in a Web Worker (a module instance
 * of its own) while its own context stays the one everything reads. Layout, all doubles:
 *   header   CHUNK_MAGIC, CHUNK_VERSION, the run's configuration (CHUNK_CONFIG values), from, to,
 *            diverged
 *   state    gp [P_MAX], dp [P_MAX], og and od (m [P_MAX], v [P_MAX], beta1_t, beta2_t each), the
 *            stream (mt [624], out [624], pos, has_gauss, gauss), the real images [B][N]
 *   values   [TG_SERIES_COUNT][to - from]
 *   gens     [k][N + 1] the generator after each epoch t = 0 (mod TG_SNAPSHOT_EVERY) in [from, to) */
#define CHUNK_MAGIC 1952931182.0 /* "tgan" read as a 32-bit integer */
#define CHUNK_VERSION 1.0
#define CHUNK_CONFIG 13
#define CHUNK_HEADER (2 + CHUNK_CONFIG + 3)
#define OPTIM_DOUBLES (2 * P_MAX + 2)
#define RNG_DOUBLES (2 * TG_MT_N + 3)
#define STATE_DOUBLES(B, N) (2 * P_MAX + 2 * OPTIM_DOUBLES + RNG_DOUBLES + (size_t)(B) * (N))

static void run_config(const tg_ctx *g, double *c) {
    const double v[CHUNK_CONFIG] = {g->seed,     g->B,      g->N,         g->lr_g,      g->lr_d,
                                    g->momentum, g->lat_lo, g->lat_hi,    g->g_out,     g->g_loss,
                                    g->real_mode, g->d_steps, g->optimizer};
    memcpy(c, v, sizeof v);
}

/* Multiples of TG_SNAPSHOT_EVERY in [from, to). */
static long long multiples(double from, double to) {
    long long e = TG_SNAPSHOT_EVERY;
    return ((long long)to + e - 1) / e - ((long long)from + e - 1) / e;
}

int tg_chunk_length(const tg_ctx *g, double from) {
    if (!g || g->epoch == NOT_RESET || !(from == floor(from) && from >= tg_kept_from(g) && from <= g->epoch)) return 0;
    size_t n = (size_t)(g->epoch - from);
    return (int)(CHUNK_HEADER + STATE_DOUBLES(g->B, g->N) + TG_SERIES_COUNT * n +
                 (size_t)multiples(from, g->epoch) * (g->N + 1));
}

static double *put(double *at, const void *src, size_t n) {
    memcpy(at, src, n * sizeof(double));
    return at + n;
}
static const double *take(const double *at, void *dst, size_t n) {
    memcpy(dst, at, n * sizeof(double));
    return at + n;
}
static double *put_optim(double *at, const optim *o) {
    at = put(at, o->m, P_MAX);
    at = put(at, o->v, P_MAX);
    *at++ = o->beta1_t;
    *at++ = o->beta2_t;
    return at;
}
static const double *take_optim(const double *at, optim *o) {
    at = take(at, o->m, P_MAX);
    at = take(at, o->v, P_MAX);
    o->beta1_t = *at++;
    o->beta2_t = *at++;
    return at;
}

tg_status tg_chunk_save(tg_ctx *g, double from, double *out, int length) {
    if (!g) return TG_EINVAL;
    if (g->epoch == NOT_RESET) return fail(g, TG_ESTATE, "chunk: the run has not been reset yet");
    int need = tg_chunk_length(g, from);
    if (need == 0)
        return fail(g, TG_EINVAL, "chunk: need an integer from %.0f (the first epoch kept) to %.0f, got %g",
                    tg_kept_from(g), g->epoch, from);
    if (!out || length < need) return fail(g, TG_EINVAL, "chunk: need room for %d doubles, got %d", need, out ? length : 0);
    double *at = out;
    *at++ = CHUNK_MAGIC;
    *at++ = CHUNK_VERSION;
    run_config(g, at);
    at += CHUNK_CONFIG;
    *at++ = from;
    *at++ = g->epoch;
    *at++ = g->diverged;
    at = put(at, g->gp, P_MAX);
    at = put(at, g->dp, P_MAX);
    at = put_optim(at, &g->og);
    at = put_optim(at, &g->od);
    for (int i = 0; i < TG_MT_N; i++) *at++ = g->rng.mt[i];
    for (int i = 0; i < TG_MT_N; i++) *at++ = g->rng.out[i];
    *at++ = g->rng.pos;
    *at++ = g->rng.has_gauss;
    *at++ = g->rng.gauss;
    at = put(at, g->real_rows, (size_t)g->B * g->N);
    size_t n = (size_t)(g->epoch - from);
    for (int s = 0; s < TG_SERIES_COUNT; s++, at += n) tg_history_copy(&g->hist, s, from - g->hist_start, g->epoch - g->hist_start, at);
    for (long long t = ((long long)from + TG_SNAPSHOT_EVERY - 1) / TG_SNAPSHOT_EVERY * TG_SNAPSHOT_EVERY; t < g->epoch;
         t += TG_SNAPSHOT_EVERY)
        at = put(at, recent_gen(g, (double)t), g->N + 1);
    return TG_OK; /* a read: the message of the last failure stays */
}

/* Check a chunk against this context: well formed, of this run's configuration, and finite.
 * Returns TG_OK and its epochs [*from, *to), or fails naming what is wrong. */
static tg_status check_chunk(tg_ctx *g, const double *c, int length, double *from, double *to) {
    if (g->epoch == NOT_RESET) return fail(g, TG_ESTATE, "chunk: the run has not been reset yet");
    if (!c || length < CHUNK_HEADER || c[0] != CHUNK_MAGIC || c[1] != CHUNK_VERSION)
        return fail(g, TG_EINVAL, "chunk: not a tinygan chunk (version %g)", CHUNK_VERSION);
    double config[CHUNK_CONFIG];
    run_config(g, config);
    for (int i = 0; i < CHUNK_CONFIG; i++)
        if (c[2 + i] != config[i])
            return fail(g, TG_EINVAL, "chunk: it comes from a run of another configuration (value %d: %g, here %g)", i,
                        c[2 + i], config[i]);
    *from = c[2 + CHUNK_CONFIG];
    *to = c[3 + CHUNK_CONFIG];
    if (!(*from >= 0 && *from <= *to && *to <= 9007199254740992.0 && *from == floor(*from) && *to == floor(*to)))
        return fail(g, TG_EINVAL, "chunk: bad epochs from %g to %g", *from, *to);
    size_t n = (size_t)(*to - *from);
    size_t want = CHUNK_HEADER + STATE_DOUBLES(g->B, g->N) + TG_SERIES_COUNT * n + (size_t)multiples(*from, *to) * (g->N + 1);
    if ((size_t)length != want) return fail(g, TG_EINVAL, "chunk: %d doubles, expected %zu", length, want);
    /* the parameters, the real images, the recorded values and generators must be finite; the
     * optimizers' state may legitimately not be (Adam's v can overflow while a run goes on) */
    const double *state = c + CHUNK_HEADER, *rng = state + 2 * P_MAX + 2 * OPTIM_DOUBLES;
    const double *rest = rng + RNG_DOUBLES;
    if (!all_finite(state, 2 * P_MAX) || !all_finite(rest, (int)(length - (rest - c))))
        return fail(g, TG_EINVAL, "chunk: it holds a parameter, image or recorded value that is not finite");
    for (int i = 0; i < 2 * TG_MT_N; i++)
        if (!(rng[i] >= 0 && rng[i] <= 4294967295.0 && rng[i] == floor(rng[i])))
            return fail(g, TG_EINVAL, "chunk: its random stream holds %g, not a 32-bit word", rng[i]);
    double pos = rng[2 * TG_MT_N], has = rng[2 * TG_MT_N + 1];
    if (!(pos >= 0 && pos <= TG_MT_N && pos == floor(pos)) || !(has == 0 || has == 1) || !isfinite(rng[2 * TG_MT_N + 2]))
        return fail(g, TG_EINVAL, "chunk: its random stream's position %g or cached normal is not valid", pos);
    double d = c[4 + CHUNK_CONFIG];
    if (!(d == 0 || d == 1)) return fail(g, TG_EINVAL, "chunk: its diverged flag is %g, not 0 or 1", d);
    return TG_OK;
}

/* The state part of a chunk into g: parameters, optimizer states, the stream, the real images. */
static void load_state(tg_ctx *g, const double *c, double to, int diverged) {
    const double *at = c + CHUNK_HEADER;
    at = take(at, g->gp, P_MAX);
    at = take(at, g->dp, P_MAX);
    at = take_optim(at, &g->og);
    at = take_optim(at, &g->od);
    for (int i = 0; i < TG_MT_N; i++) g->rng.mt[i] = (uint32_t)*at++;
    for (int i = 0; i < TG_MT_N; i++) g->rng.out[i] = (uint32_t)*at++;
    g->rng.pos = (int)*at++;
    g->rng.has_gauss = (int)*at++;
    g->rng.gauss = *at++;
    take(at, g->real_rows, (size_t)g->B * g->N);
    for (int i = 0; i < g->B; i++)
        for (int j = 0; j < g->N; j++) g->x[(size_t)j * 2 * g->B + i] = g->real_rows[(size_t)i * g->N + j];
    summarise_real(g);
    g->yreal_valid = 0; /* the next D step computes D(real) again: the same bits */
    g->epoch = to;
    g->diverged = diverged;
}

static tg_status after_load(tg_ctx *g) {
    return g->diverged ? fail(g, TG_EDIVERGED, DIVERGED_FMT, g->epoch) : ok(g);
}

tg_status tg_chunk_apply(tg_ctx *g, const double *chunk, int length) {
    if (!g) return TG_EINVAL;
    double from, to;
    tg_status s = check_chunk(g, chunk, length, &from, &to);
    if (s != TG_OK) return s;
    if (from != g->epoch)
        return fail(g, TG_EINVAL, "chunk: it starts at epoch %.0f, this run is at epoch %.0f", from, g->epoch);
    if (g->diverged) return fail(g, TG_EDIVERGED, DIVERGED_FMT, g->epoch);
    /* room first, so that nothing can fail once the run has begun to change */
    long long n = (long long)(to - from), snaps = multiples(from, to);
    if (!tg_history_reserve(&g->hist, to - g->hist_start))
        return fail(g, TG_ENOMEM, "out of memory keeping the history of %.0f epochs", to);
    int stride = g->N + 2;
    if (g->snap_cap < TG_MAX_SNAPSHOTS && g->n_snaps + snaps > g->snap_cap) {
        int cap = g->snap_cap;
        while (cap < TG_MAX_SNAPSHOTS && cap < g->n_snaps + snaps) cap *= 2;
        double *grown = realloc(g->snaps, (size_t)cap * stride * sizeof(double));
        if (!grown) return fail(g, TG_ENOMEM, "out of memory keeping snapshots at epoch %.0f", to);
        g->snaps = grown;
        g->snap_cap = cap;
    }
    const double *values = chunk + CHUNK_HEADER + STATE_DOUBLES(g->B, g->N), *gens = values + TG_SERIES_COUNT * n;
    for (long long i = 0; i < n; i++) {
        double t = from + i, v[TG_SERIES_COUNT];
        for (int k = 0; k < TG_SERIES_COUNT; k++) v[k] = values[k * n + i];
        tg_history_push(&g->hist, v);
        if ((long long)t % TG_SNAPSHOT_EVERY) continue;
        memcpy(recent_gen(g, t), gens, (g->N + 1) * sizeof(double));
        if ((long long)t % g->snap_every == 0) {
            if (g->n_snaps == g->snap_cap) make_room_for_snapshot(g); /* full at TG_MAX_SNAPSHOTS: thins, no allocation */
            double *slot = g->snaps + (size_t)g->n_snaps++ * stride;
            slot[0] = t;
            memcpy(slot + 1, gens, (g->N + 1) * sizeof(double));
        }
        gens += g->N + 1;
    }
    load_state(g, chunk, to, chunk[4 + CHUNK_CONFIG] != 0);
    return after_load(g);
}

tg_status tg_state_load(tg_ctx *g, const double *chunk, int length) {
    if (!g) return TG_EINVAL;
    double from, to;
    tg_status s = check_chunk(g, chunk, length, &from, &to);
    if (s != TG_OK) return s;
    tg_history fresh;
    if (!tg_history_init(&fresh, TG_SERIES_COUNT)) return fail(g, TG_ENOMEM, "out of memory loading a state");
    tg_history_free(&g->hist);
    g->hist = fresh;
    g->hist_start = to;
    g->n_snaps = 0;
    g->snap_every = TG_SNAPSHOT_EVERY;
    g->traced = 0;
    load_state(g, chunk, to, chunk[4 + CHUNK_CONFIG] != 0);
    return after_load(g);
}
