/* tinygan.c: the training context: options, the run's state and history, the epoch of SPEC section 1
 * with the variants of section 5, the measures, and the traced epoch (its layout: tinygan_internal.h;
 * chunks of it: tg_chunk.c). */
#include "tinygan.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tg_history.h"
#include "tinygan_internal.h"
#include "tg_libm.h"
#include "tg_measures.h"
#include "tg_model.h"
#include "tg_rng.h"

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


tg_status tg_fail(tg_ctx *g, tg_status s, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(g->msg, MSG_LEN, fmt, ap);
    va_end(ap);
    return s;
}

tg_status tg_ok(tg_ctx *g) {
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
    if (!o) return tg_fail(g, TG_EINVAL, "unknown option id %d", (int)opt);
    if (isfinite(v) && v >= o->lo && v <= o->hi && (!o->integer || v == floor(v))) {
        g->opt[opt] = v;
        return tg_ok(g);
    }
    if (o->choices) {
        char names[96] = "";
        for (int i = 0; o->choices[i]; i++) {
            strcat(names, i ? ", " : "");
            strcat(names, o->choices[i]);
        }
        return tg_fail(g, TG_EINVAL, "%s must be one of %s (0..%g), got %.17g", o->name, names, o->hi, v);
    }
    if (o->integer)
        return tg_fail(g, TG_EINVAL, "%s must be an integer from %.17g to %.17g, got %.17g", o->name, o->lo, o->hi, v);
    return tg_fail(g, TG_EINVAL, "%s must be a number from %g to %g, got %.17g", o->name, o->lo, o->hi, v);
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
    tg_ok(g);
    return g;
}

void tg_free(tg_ctx *g) {
    if (!g) return;
    free_run(g);
    free(g);
}

/* The real set's summaries for the how-close measures: sorted slopes and per-node mean and sd. */
void tg_summarise_real(tg_ctx *g) {
    for (int i = 0; i < g->B; i++) g->real_slopes[i] = tg_profile_slope(g->real_rows + (size_t)i * g->N, g->N);
    tg_sort(g->real_slopes, g->B);
    int steps = TG_GRID % g->B == 0;
    if (steps) tg_quantile_steps(g->real_steps, g->real_slopes, g->B, TG_GRID);
    /* a table pays for itself over many epochs: not for fresh real images, summarised every epoch */
    g->w1_ready = steps && g->real_mode == TG_REAL_FIXED;
    if (g->w1_ready) tg_w1_table_make(&g->w1_table, g->real_steps, g->grid, TG_GRID);
    g->w1_hint = 0;
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
    }
    tg_real_to_batch(g);
}

void tg_real_to_batch(tg_ctx *g) {
    int B = g->B, N = g->N;
    for (int i = 0; i < B; i++)
        for (int j = 0; j < N; j++) g->x[(size_t)j * 2 * B + i] = g->real_rows[(size_t)i * N + j];
}

tg_status tg_reset(tg_ctx *g) {
    if (!g) return TG_EINVAL;
    int B = (int)g->opt[TG_OPT_BATCH], N = (int)g->opt[TG_OPT_NODES];
    double lo = g->opt[TG_OPT_LATENT_LO], hi = g->opt[TG_OPT_LATENT_HI];
    if (!(lo < hi)) return tg_fail(g, TG_EINVAL, "latentLo must be below latentHi, got %g and %g", lo, hi);

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
        return tg_fail(g, TG_ENOMEM, "out of memory starting a run with batch %d and %d nodes", B, N);
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
    tg_summarise_real(g);
    return tg_ok(g);
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
    tg_generator_backward(grad, &grad[N], g->dgen, B, g->lat, B, N);
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
        if (g->w1_ready) {
            *w1 = tg_w1_table_at(&g->w1_table, s, &g->w1_hint);
        } else if (steps) {
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

int tg_all_finite(const double *a, int n) {
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

    if (g->real_mode == TG_REAL_FRESH) tg_summarise_real(g); /* the last D step's batch, drawn this epoch */
    measure_fit(g, &out[TG_W1_SLOPE], &out[TG_MEAN_GAP], &out[TG_SD_GAP]);
    /* nothing non-finite is ever recorded: such an epoch is where the run diverged */
    if (!tg_all_finite(out, TG_SERIES_COUNT) || !tg_all_finite(g->gp, N + 1) || !tg_all_finite(g->dp, N + 1)) {
        memcpy(g->gp, gp0, sizeof gp0);
        memcpy(g->dp, dp0, sizeof dp0);
        g->yreal_valid = 0;
        return 0;
    }
    record(g, TG_TR_LOSSES, out);
    return 1;
}

/* Room for `want` snapshots, the array doubled as often as needed up to TG_MAX_SNAPSHOTS (beyond
 * that, thinning makes room). Returns 0, changing nothing, when out of memory. */
int tg_reserve_snapshots(tg_ctx *g, long long want) {
    if (g->snap_cap >= TG_MAX_SNAPSHOTS || want <= g->snap_cap) return 1;
    int cap = g->snap_cap;
    while (cap < TG_MAX_SNAPSHOTS && cap < want) cap *= 2;
    double *s = realloc(g->snaps, (size_t)cap * (g->N + 2) * sizeof(double));
    if (!s) return 0;
    g->snaps = s;
    g->snap_cap = cap;
    return 1;
}

/* Room for one more snapshot: grow the array, or once TG_MAX_SNAPSHOTS are kept, keep every other
 * one and take them half as often from now on. */
int tg_make_room_for_snapshot(tg_ctx *g) {
    int stride = g->N + 2;
    if (g->snap_cap < TG_MAX_SNAPSHOTS) return tg_reserve_snapshots(g, (long long)g->n_snaps + 1);
    for (int i = 0; i < g->n_snaps / 2; i++)
        memcpy(g->snaps + (size_t)i * stride, g->snaps + (size_t)2 * i * stride, stride * sizeof(double));
    g->n_snaps /= 2;
    g->snap_every *= 2;
    return 1;
}

/* The slot of recent_gens for epoch t, a multiple of TG_SNAPSHOT_EVERY. */
double *tg_recent_gen(const tg_ctx *g, double t) {
    return g->recent_gens + (size_t)((long long)t / TG_SNAPSHOT_EVERY % RECENT) * (g->N + 1);
}

/* A snapshot's layout, out [N + 2]: the epoch, then the generator gen [N + 1]. */
static void write_generator(const tg_ctx *g, double ep, const double *gen, double *out) {
    out[0] = ep;
    memcpy(out + 1, gen, (g->N + 1) * sizeof(double));
}

void tg_keep_generator(tg_ctx *g, double t, const double *gen) {
    if ((long long)t % TG_SNAPSHOT_EVERY) return; /* snap_every is a multiple of it */
    memcpy(tg_recent_gen(g, t), gen, (g->N + 1) * sizeof(double));
    if ((long long)t % g->snap_every == 0) write_generator(g, t, gen, g->snaps + (size_t)g->n_snaps++ * (g->N + 2));
}

tg_status tg_step(tg_ctx *g, int n) {
    if (!g) return TG_EINVAL;
    if (g->epoch == NOT_RESET) return tg_fail(g, TG_ESTATE, "step: the run has not been reset yet");
    if (g->diverged) return tg_fail(g, TG_EDIVERGED, DIVERGED_FMT, g->epoch);
    if (n < 0) return tg_fail(g, TG_EINVAL, "step must be an integer >= 0, got %d", n);
    if (!tg_history_reserve(&g->hist, g->epoch - g->hist_start + n))
        return tg_fail(g, TG_ENOMEM, "out of memory keeping the history of %.0f epochs", g->epoch + n);
    for (int i = 0; i < n; i++) {
        double t = g->epoch, v[TG_SERIES_COUNT];
        int snapshot = (long long)t % g->snap_every == 0;
        if (snapshot && g->n_snaps == g->snap_cap && !tg_make_room_for_snapshot(g))
            return tg_fail(g, TG_ENOMEM, "out of memory keeping snapshots at epoch %.0f", t);
        if (!epoch(g, v)) {
            g->diverged = 1;
            return tg_fail(g, TG_EDIVERGED, DIVERGED_FMT, t);
        }
        tg_history_push(&g->hist, v);
        tg_keep_generator(g, t, g->gp); /* a thinning above keeps t a multiple of snap_every */
        g->epoch = t + 1;
    }
    return tg_ok(g);
}

tg_status tg_trace_step(tg_ctx *g) {
    if (!g) return TG_EINVAL;
    if (g->epoch == NOT_RESET) return tg_fail(g, TG_ESTATE, "trace: the run has not been reset yet");
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
        if (!g->trace) return tg_fail(g, TG_ENOMEM, "out of memory tracing an epoch of batch %d", B);
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
    if (g->epoch == NOT_RESET) return tg_fail(g, TG_ESTATE, "history: the run has not been reset yet");
    if (series < 0 || series >= TG_SERIES_COUNT) return tg_fail(g, TG_EINVAL, "history: unknown series %d", series);
    double first = tg_kept_from(g);
    if (!(from == floor(from) && to == floor(to) && from <= to && to <= g->epoch))
        return tg_fail(g, TG_EINVAL, "history: need integers from <= to <= %.0f, got from %g, to %g", g->epoch, from, to);
    if (from < first)
        return tg_fail(g, TG_EINVAL,
                    "history: epochs before %.0f are no longer kept one by one (the last %d are; "
                    "the overview covers the whole run), got from %g",
                    first, TG_WINDOW, from);
    if (to > from && !out) return tg_fail(g, TG_EINVAL, "history: out must not be NULL");
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
    else write_generator(g, g->epoch - 1, g->gp, out); /* the last epoch recorded: the current generator */
    return TG_OK;
}

tg_status tg_generate(tg_ctx *g, const double *gparams, int n, const double *latent, double *images_out) {
    if (!g) return TG_EINVAL;
    if (g->epoch == NOT_RESET) return tg_fail(g, TG_ESTATE, "generate: the run has not been reset yet");
    if (n < 0) return tg_fail(g, TG_EINVAL, "generate: n must be >= 0, got %d", n);
    if (n > 0 && (!latent || !images_out)) return tg_fail(g, TG_EINVAL, "generate: latent and images_out must not be NULL");
    if (gparams && !tg_all_finite(gparams, g->N + 1))
        return tg_fail(g, TG_EINVAL, "generate: the generator's parameters must be finite numbers");
    if (n > 0 && !tg_all_finite(latent, n)) return tg_fail(g, TG_EINVAL, "generate: every latent must be a finite number");
    generate_rows(g, images_out, latent, n, gparams ? gparams : g->gp);
    return TG_OK; /* a read: the message of the last failure stays */
}

tg_status tg_sample(tg_ctx *g, int n, double *latent_out, double *images_out) {
    if (!g) return TG_EINVAL;
    if (g->epoch == NOT_RESET) return tg_fail(g, TG_ESTATE, "sample: the run has not been reset yet");
    if (n < 0) return tg_fail(g, TG_EINVAL, "sample must be an integer >= 0, got %d", n);
    if (n > 0 && (!latent_out || !images_out)) return tg_fail(g, TG_EINVAL, "sample: latent_out and images_out must not be NULL");
    draw_latents(g, latent_out, n);
    generate_rows(g, images_out, latent_out, n, g->gp);
    return tg_ok(g);
}
