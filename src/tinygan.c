/* tinygan.c: the training context: options, the run's state and history, the epoch of SPEC section 1. */
#include "tinygan.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tg_model.h"
#include "tg_rng.h"

#define MSG_LEN 200
#define NOT_RESET (-1.0)

typedef struct option_info {
    const char *name; /* the JS option name; the CLI derives its flag from it */
    double lo, hi;    /* accepted closed range */
    int integer;      /* 1: the value must be integral */
    double def;       /* the chapter's value */
} option_info;

static const option_info OPTIONS[TG_OPT_COUNT] = {
    [TG_OPT_SEED] = {"seed", 0, 4294967295.0, 1, 42},
    [TG_OPT_BATCH] = {"batch", 1, TG_MAX_BATCH, 1, 32},
    [TG_OPT_LR_G] = {"lrG", 1e-12, 100, 0, 0.001},
    [TG_OPT_LR_D] = {"lrD", 1e-12, 100, 0, 0.001},
    [TG_OPT_NODES] = {"nodes", 2, TG_MAX_NODES, 1, 3},
    [TG_OPT_LATENT_LO] = {"latentLo", -100, 100, 0, 0.4},
    [TG_OPT_LATENT_HI] = {"latentHi", -100, 100, 0, 1.0},
};

struct tg_ctx {
    double opt[TG_OPT_COUNT]; /* options as set; the run uses the copy taken at reset */
    char msg[MSG_LEN];

    /* the run, fixed at reset */
    int B, N;
    double lr_g, lr_d, lat_lo, lat_hi;
    tg_rng rng;
    double epoch; /* epochs recorded, NOT_RESET before the first reset */
    int diverged;

    /* parameters: gw [N], gb; dw [N], dc */
    double gw[TG_MAX_NODES], gb, dw[TG_MAX_NODES], dc;

    /* per-step buffers, sized at reset (B rows unless noted) */
    double *x;       /* [2B][N] discriminator batch: rows 0..B-1 real, B..2B-1 fake */
    double *lat;     /* [B] latents of the generator step */
    double *fake_lat;/* [B] latents of the discriminator step */
    double *gen;     /* [B][N] generator outputs in the generator step */
    double *dgen;    /* [B][N] gradient at those outputs */
    double *yhat;    /* [2B] discriminator outputs */
    double *dz;      /* [2B] gradient at the discriminator's logit */
    double *scratch; /* [2B] products to be averaged */

    /* history, grown by doubling */
    double *loss_d, *loss_g; /* [cap] */
    size_t cap;
    double *snaps;   /* [snap_cap][N + 2]: epoch, gw, b */
    int n_snaps, snap_cap;
    double last_snap[TG_MAX_NODES + 2]; /* the latest epoch's generator, when it is not a multiple */
    double mean_d_real, mean_d_fake;
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

const char *tg_option_name(int opt) {
    return (opt >= 0 && opt < TG_OPT_COUNT) ? OPTIONS[opt].name : NULL;
}

static void free_run(tg_ctx *g) {
    free(g->x);
    free(g->lat);
    free(g->fake_lat);
    free(g->gen);
    free(g->dgen);
    free(g->yhat);
    free(g->dz);
    free(g->scratch);
    free(g->loss_d);
    free(g->loss_g);
    free(g->snaps);
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

tg_status tg_set(tg_ctx *g, tg_option opt, double v) {
    if ((int)opt < 0 || opt >= TG_OPT_COUNT) return fail(g, TG_EINVAL, "unknown option id %d", (int)opt);
    const option_info *o = &OPTIONS[opt];
    if (!isfinite(v) || v < o->lo || v > o->hi || (o->integer && v != floor(v))) {
        if (o->integer)
            return fail(g, TG_EINVAL, "%s must be an integer from %.17g to %.17g, got %.17g", o->name, o->lo,
                        o->hi, v);
        return fail(g, TG_EINVAL, "%s must be a number from %g to %g, got %.17g", o->name, o->lo, o->hi, v);
    }
    g->opt[opt] = v;
    return ok(g);
}

double tg_get(const tg_ctx *g, tg_option opt) {
    return ((int)opt >= 0 && opt < TG_OPT_COUNT) ? g->opt[opt] : NAN;
}

const char *tg_message(const tg_ctx *g) {
    return g->msg;
}

/* Grow the loss history to hold `need` epochs; the old arrays stay valid on failure. */
static int grow_history(tg_ctx *g, size_t need) {
    if (need <= g->cap) return 1;
    size_t cap = g->cap ? g->cap : 1024;
    while (cap < need) cap *= 2;
    double *d = realloc(g->loss_d, cap * sizeof *d);
    if (!d) return 0;
    g->loss_d = d;
    double *q = realloc(g->loss_g, cap * sizeof *q);
    if (!q) return 0;
    g->loss_g = q;
    g->cap = cap;
    return 1;
}

/* The chapter's generate_real_data: all B slopes first, then per image three residuals; each image is
 * shifted so that its mean is 0.5. */
static void draw_real(tg_ctx *g) {
    int B = g->B, N = g->N;
    double *x = g->x;
    for (int i = 0; i < B; i++) x[i * N] = tg_rng_uniform(&g->rng, -0.4, -0.7); /* slopes, parked in col 0 */
    for (int i = 0; i < B; i++) {
        double s = x[i * N], *row = x + i * N;
        for (int j = 0; j < N; j++) row[j] = s * (j + 1) + tg_rng_normal(&g->rng, 0.0, 0.02);
        double shift = 0.5 - tg_mean(row, N);
        for (int j = 0; j < N; j++) row[j] += shift;
    }
}

tg_status tg_reset(tg_ctx *g) {
    int B = (int)g->opt[TG_OPT_BATCH], N = (int)g->opt[TG_OPT_NODES];
    double lo = g->opt[TG_OPT_LATENT_LO], hi = g->opt[TG_OPT_LATENT_HI];
    if (!(lo < hi)) return fail(g, TG_EINVAL, "latentLo must be below latentHi, got %g and %g", lo, hi);

    tg_ctx fresh = *g; /* build the new run aside so that a failed allocation changes nothing */
    memset(&fresh.x, 0, sizeof fresh - offsetof(tg_ctx, x));
    size_t n2 = 2 * (size_t)B;
    fresh.x = malloc(n2 * N * sizeof(double));
    fresh.lat = malloc(B * sizeof(double));
    fresh.fake_lat = malloc(B * sizeof(double));
    fresh.gen = malloc((size_t)B * N * sizeof(double));
    fresh.dgen = malloc((size_t)B * N * sizeof(double));
    fresh.yhat = malloc(n2 * sizeof(double));
    fresh.dz = malloc(n2 * sizeof(double));
    fresh.scratch = malloc(n2 * sizeof(double));
    fresh.snap_cap = 16;
    fresh.snaps = malloc(fresh.snap_cap * (N + 2) * sizeof(double));
    if (!fresh.x || !fresh.lat || !fresh.fake_lat || !fresh.gen || !fresh.dgen || !fresh.yhat || !fresh.dz ||
        !fresh.scratch || !fresh.snaps || !grow_history(&fresh, 1024)) {
        free_run(&fresh);
        return fail(g, TG_ENOMEM, "out of memory starting a run with batch %d and %d nodes", B, N);
    }
    free_run(g);
    *g = fresh;

    g->B = B;
    g->N = N;
    g->lr_g = g->opt[TG_OPT_LR_G];
    g->lr_d = g->opt[TG_OPT_LR_D];
    g->lat_lo = lo;
    g->lat_hi = hi;
    g->epoch = 0;
    g->diverged = 0;
    g->mean_d_real = g->mean_d_fake = NAN;
    tg_rng_seed(&g->rng, (uint32_t)g->opt[TG_OPT_SEED]);
    for (int j = 0; j < N; j++) g->gw[j] = tg_rng_gauss(&g->rng) * 0.1;
    g->gb = 0.0;
    for (int k = 0; k < N; k++) g->dw[k] = tg_rng_gauss(&g->rng) * 0.1;
    g->dc = 0.0;
    draw_real(g);
    return ok(g);
}

static void draw_latents(tg_ctx *g, double *out, int n) {
    for (int i = 0; i < n; i++) out[i] = tg_rng_uniform(&g->rng, g->lat_lo, g->lat_hi);
}

static int all_finite(const double *a, int n) {
    for (int i = 0; i < n; i++)
        if (!isfinite(a[i])) return 0;
    return 1;
}

/* One epoch of SPEC section 1. Returns 0 (and leaves the parameters as they were) if it produced a
 * non-finite parameter or loss. */
static int epoch(tg_ctx *g, double *loss_d, double *loss_g) {
    int B = g->B, N = g->N, B2 = 2 * B;
    double *fake = g->x + (size_t)B * N; /* rows B..2B-1 of the batch */
    double gw0[TG_MAX_NODES], dw0[TG_MAX_NODES], gb0 = g->gb, dc0 = g->dc;
    memcpy(gw0, g->gw, N * sizeof(double));
    memcpy(dw0, g->dw, N * sizeof(double));

    /* 1. fakes from the current generator */
    draw_latents(g, g->fake_lat, B);
    tg_generator_forward(fake, g->fake_lat, B, N, g->gw, g->gb);

    /* 2. discriminator step on [real; fake] with labels [1; 0] */
    double ddw[TG_MAX_NODES], ddc;
    tg_discriminator_forward(g->yhat, g->x, B2, N, g->dw, g->dc);
    tg_bce_backward(g->dz, g->yhat, B, 1.0);
    tg_bce_backward(g->dz + B, g->yhat + B, B, 0.0);
    tg_discriminator_backward(ddw, &ddc, g->dz, g->x, B2, N, g->scratch);
    for (int k = 0; k < N; k++) g->dw[k] -= g->lr_d * ddw[k];
    g->dc -= g->lr_d * ddc;

    /* 3. generator step against the updated discriminator, labels 1 */
    double dgw[TG_MAX_NODES], dgb;
    draw_latents(g, g->lat, B);
    tg_generator_forward(g->gen, g->lat, B, N, g->gw, g->gb);
    tg_discriminator_forward(g->yhat, g->gen, B, N, g->dw, g->dc);
    tg_bce_backward(g->dz, g->yhat, B, 1.0);
    tg_discriminator_backward_input(g->dgen, g->dz, B, N, g->dw);
    tg_generator_backward(dgw, &dgb, g->dgen, g->lat, B, N, g->scratch);
    for (int j = 0; j < N; j++) g->gw[j] -= g->lr_g * dgw[j];
    g->gb -= g->lr_g * dgb;

    /* 4. losses after both updates */
    tg_discriminator_forward(g->yhat, g->x, B2, N, g->dw, g->dc);
    double d_real = tg_mean(g->yhat, B), d_fake = tg_mean(g->yhat + B, B);
    *loss_d = tg_bce_real_loss(g->yhat, B, g->scratch) + tg_bce_fake_loss(g->yhat + B, B, g->scratch);
    tg_generator_forward(g->gen, g->lat, B, N, g->gw, g->gb);
    tg_discriminator_forward(g->yhat, g->gen, B, N, g->dw, g->dc);
    *loss_g = tg_bce_real_loss(g->yhat, B, g->scratch);

    if (!isfinite(*loss_d) || !isfinite(*loss_g) || !isfinite(g->gb) || !isfinite(g->dc) ||
        !all_finite(g->gw, N) || !all_finite(g->dw, N)) {
        memcpy(g->gw, gw0, N * sizeof(double));
        memcpy(g->dw, dw0, N * sizeof(double));
        g->gb = gb0;
        g->dc = dc0;
        return 0;
    }
    g->mean_d_real = d_real;
    g->mean_d_fake = d_fake;
    return 1;
}

static void write_generator(const tg_ctx *g, double ep, double *out) {
    out[0] = ep;
    memcpy(out + 1, g->gw, g->N * sizeof(double));
    out[g->N + 1] = g->gb;
}

tg_status tg_step(tg_ctx *g, int n) {
    if (g->epoch == NOT_RESET) return fail(g, TG_ESTATE, "step: the run has not been reset yet");
    if (g->diverged)
        return fail(g, TG_EDIVERGED, "diverged at epoch %.0f; reset to train again", g->epoch);
    if (n < 0) return fail(g, TG_EINVAL, "step must be an integer >= 0, got %d", n);
    if (!grow_history(g, (size_t)g->epoch + (size_t)n))
        return fail(g, TG_ENOMEM, "out of memory keeping the losses of %.0f epochs", g->epoch + n);
    int stride = g->N + 2;
    for (int i = 0; i < n; i++) {
        double t = g->epoch, ld, lg;
        if ((long long)t % TG_SNAPSHOT_EVERY == 0 && g->n_snaps == g->snap_cap) {
            double *s = realloc(g->snaps, 2 * (size_t)g->snap_cap * stride * sizeof(double));
            if (!s) return fail(g, TG_ENOMEM, "out of memory keeping snapshots at epoch %.0f", t);
            g->snaps = s;
            g->snap_cap *= 2;
        }
        if (!epoch(g, &ld, &lg)) {
            g->diverged = 1;
            return fail(g, TG_EDIVERGED,
                        "diverged at epoch %.0f: a parameter or loss is no longer finite "
                        "(a learning rate that is too high usually does this)",
                        t);
        }
        g->loss_d[(size_t)t] = ld;
        g->loss_g[(size_t)t] = lg;
        if ((long long)t % TG_SNAPSHOT_EVERY == 0) write_generator(g, t, g->snaps + (size_t)g->n_snaps++ * stride);
        g->epoch = t + 1;
    }
    if (n > 0) write_generator(g, g->epoch - 1, g->last_snap);
    return ok(g);
}

double tg_epoch(const tg_ctx *g) {
    return g->epoch < 0 ? 0 : g->epoch;
}
int tg_nodes(const tg_ctx *g) {
    return g->epoch == NOT_RESET ? (int)g->opt[TG_OPT_NODES] : g->N;
}
int tg_batch(const tg_ctx *g) {
    return g->epoch == NOT_RESET ? (int)g->opt[TG_OPT_BATCH] : g->B;
}
int tg_diverged(const tg_ctx *g) {
    return g->diverged;
}
const double *tg_losses_d(const tg_ctx *g) {
    return g->loss_d;
}
const double *tg_losses_g(const tg_ctx *g) {
    return g->loss_g;
}
const double *tg_real(const tg_ctx *g) {
    return g->x;
}
double tg_mean_d_real(const tg_ctx *g) {
    return g->mean_d_real;
}
double tg_mean_d_fake(const tg_ctx *g) {
    return g->mean_d_fake;
}

tg_status tg_params(const tg_ctx *g, double *out) {
    if (g->epoch == NOT_RESET) return TG_ESTATE;
    int N = g->N;
    memcpy(out, g->gw, N * sizeof(double));
    out[N] = g->gb;
    memcpy(out + N + 1, g->dw, N * sizeof(double));
    out[2 * N + 1] = g->dc;
    return TG_OK;
}

int tg_snapshot_count(const tg_ctx *g) {
    if (g->epoch <= 0) return 0;
    int last_is_multiple = ((long long)g->epoch - 1) % TG_SNAPSHOT_EVERY == 0;
    return g->n_snaps + !last_is_multiple;
}

tg_status tg_snapshot(const tg_ctx *g, int i, double *out) {
    int count = tg_snapshot_count(g), stride = g->N + 2;
    if (i < 0 || i >= count) return TG_EINVAL;
    memcpy(out, i < g->n_snaps ? g->snaps + (size_t)i * stride : g->last_snap, stride * sizeof(double));
    return TG_OK;
}

tg_status tg_generate(tg_ctx *g, const double *gparams, int n, const double *latent, double *images_out) {
    if (g->epoch == NOT_RESET) return fail(g, TG_ESTATE, "generate: the run has not been reset yet");
    if (n < 0) return fail(g, TG_EINVAL, "generate: n must be >= 0, got %d", n);
    const double *gw = gparams ? gparams : g->gw;
    double b = gparams ? gparams[g->N] : g->gb;
    tg_generator_forward(images_out, latent, n, g->N, gw, b);
    return ok(g);
}

tg_status tg_sample(tg_ctx *g, int n, double *latent_out, double *images_out) {
    if (g->epoch == NOT_RESET) return fail(g, TG_ESTATE, "sample: the run has not been reset yet");
    if (n < 0) return fail(g, TG_EINVAL, "sample must be an integer >= 0, got %d", n);
    draw_latents(g, latent_out, n);
    tg_generator_forward(images_out, latent_out, n, g->N, g->gw, g->gb);
    return ok(g);
}
