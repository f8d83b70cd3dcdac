/* tg_chunk.c: chunks, a run's epochs carried from one context to another (tinygan.h).
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
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tinygan_internal.h"

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

/* The length of g's chunk of epochs [from, to). */
static size_t chunk_doubles(const tg_ctx *g, double from, double to) {
    return CHUNK_HEADER + STATE_DOUBLES(g->B, g->N) + TG_SERIES_COUNT * (size_t)(to - from) +
           (size_t)multiples(from, to) * (g->N + 1);
}

int tg_chunk_length(const tg_ctx *g, double from) {
    if (!g || g->epoch == NOT_RESET || !(from == floor(from) && from >= tg_kept_from(g) && from <= g->epoch)) return 0;
    return (int)chunk_doubles(g, from, g->epoch);
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
    if (g->epoch == NOT_RESET) return tg_fail(g, TG_ESTATE, "chunk: the run has not been reset yet");
    int need = tg_chunk_length(g, from);
    if (need == 0)
        return tg_fail(g, TG_EINVAL, "chunk: need an integer from %.0f (the first epoch kept) to %.0f, got %g",
                    tg_kept_from(g), g->epoch, from);
    if (!out || length < need) return tg_fail(g, TG_EINVAL, "chunk: need room for %d doubles, got %d", need, out ? length : 0);
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
    for (int s = 0; s < TG_SERIES_COUNT; s++, at += n) tg_series_copy(g, s, from, g->epoch, at); /* kept: checked above */
    for (long long t = ((long long)from + TG_SNAPSHOT_EVERY - 1) / TG_SNAPSHOT_EVERY * TG_SNAPSHOT_EVERY; t < g->epoch;
         t += TG_SNAPSHOT_EVERY)
        at = put(at, tg_recent_gen(g, (double)t), g->N + 1);
    return TG_OK; /* a read: the message of the last failure stays */
}

/* Check a chunk against this context: well formed, of this run's configuration, and finite.
 * Returns TG_OK and its epochs [*from, *to), or fails naming what is wrong. */
static tg_status check_chunk(tg_ctx *g, const double *c, int length, double *from, double *to) {
    if (g->epoch == NOT_RESET) return tg_fail(g, TG_ESTATE, "chunk: the run has not been reset yet");
    if (!c || length < CHUNK_HEADER || c[0] != CHUNK_MAGIC || c[1] != CHUNK_VERSION)
        return tg_fail(g, TG_EINVAL, "chunk: not a tinygan chunk (version %g)", CHUNK_VERSION);
    double config[CHUNK_CONFIG];
    run_config(g, config);
    for (int i = 0; i < CHUNK_CONFIG; i++)
        if (c[2 + i] != config[i])
            return tg_fail(g, TG_EINVAL, "chunk: it comes from a run of another configuration (value %d: %g, here %g)", i,
                        c[2 + i], config[i]);
    *from = c[2 + CHUNK_CONFIG];
    *to = c[3 + CHUNK_CONFIG];
    if (!(*from >= 0 && *from <= *to && *to <= 9007199254740992.0 && *from == floor(*from) && *to == floor(*to)))
        return tg_fail(g, TG_EINVAL, "chunk: bad epochs from %g to %g", *from, *to);
    size_t want = chunk_doubles(g, *from, *to);
    if ((size_t)length != want) return tg_fail(g, TG_EINVAL, "chunk: %d doubles, expected %zu", length, want);
    /* the parameters, the real images, the recorded values and generators must be finite; the
     * optimizers' state may legitimately not be (Adam's v can overflow while a run goes on) */
    const double *state = c + CHUNK_HEADER, *rng = state + 2 * P_MAX + 2 * OPTIM_DOUBLES;
    const double *rest = rng + RNG_DOUBLES;
    if (!tg_all_finite(state, 2 * P_MAX) || !tg_all_finite(rest, (int)(length - (rest - c))))
        return tg_fail(g, TG_EINVAL, "chunk: it holds a parameter, image or recorded value that is not finite");
    /* fixed real images are drawn once, from the configuration's seed: a chunk holds the same ones */
    if (g->real_mode == TG_REAL_FIXED && memcmp(rest, g->real_rows, (size_t)g->B * g->N * sizeof(double)) != 0)
        return tg_fail(g, TG_EINVAL, "chunk: its real images are not this run's (fixed real images never change)");
    for (int i = 0; i < 2 * TG_MT_N; i++)
        if (!(rng[i] >= 0 && rng[i] <= 4294967295.0 && rng[i] == floor(rng[i])))
            return tg_fail(g, TG_EINVAL, "chunk: its random stream holds %g, not a 32-bit word", rng[i]);
    double pos = rng[2 * TG_MT_N], has = rng[2 * TG_MT_N + 1];
    if (!(pos >= 0 && pos <= TG_MT_N && pos == floor(pos)) || !(has == 0 || has == 1) || !isfinite(rng[2 * TG_MT_N + 2]))
        return tg_fail(g, TG_EINVAL, "chunk: its random stream's position %g or cached normal is not valid", pos);
    double d = c[4 + CHUNK_CONFIG];
    if (!(d == 0 || d == 1)) return tg_fail(g, TG_EINVAL, "chunk: its diverged flag is %g, not 0 or 1", d);
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
    if (g->real_mode == TG_REAL_FRESH) { /* fixed images are this run's own (check_chunk compares them) */
        take(at, g->real_rows, (size_t)g->B * g->N);
        tg_real_to_batch(g);
        tg_summarise_real(g);
    }
    g->yreal_valid = 0; /* the next D step computes D(real) again: the same bits */
    g->epoch = to;
    g->diverged = diverged;
}

static tg_status after_load(tg_ctx *g) {
    return g->diverged ? tg_fail(g, TG_EDIVERGED, DIVERGED_FMT, g->epoch) : tg_ok(g);
}

tg_status tg_chunk_apply(tg_ctx *g, const double *chunk, int length) {
    if (!g) return TG_EINVAL;
    double from, to;
    tg_status s = check_chunk(g, chunk, length, &from, &to);
    if (s != TG_OK) return s;
    if (from != g->epoch)
        return tg_fail(g, TG_EINVAL, "chunk: it starts at epoch %.0f, this run is at epoch %.0f", from, g->epoch);
    if (g->diverged) return tg_fail(g, TG_EDIVERGED, DIVERGED_FMT, g->epoch);
    /* room first, so that nothing can fail once the run has begun to change */
    long long n = (long long)(to - from), snaps = multiples(from, to);
    if (!tg_history_reserve(&g->hist, to - g->hist_start))
        return tg_fail(g, TG_ENOMEM, "out of memory keeping the history of %.0f epochs", to);
    if (!tg_reserve_snapshots(g, g->n_snaps + snaps))
        return tg_fail(g, TG_ENOMEM, "out of memory keeping snapshots at epoch %.0f", to);
    const double *values = chunk + CHUNK_HEADER + STATE_DOUBLES(g->B, g->N), *gens = values + TG_SERIES_COUNT * n;
    for (long long i = 0; i < n; i++) {
        double t = from + i, v[TG_SERIES_COUNT];
        for (int k = 0; k < TG_SERIES_COUNT; k++) v[k] = values[k * n + i];
        tg_history_push(&g->hist, v);
        if ((long long)t % TG_SNAPSHOT_EVERY) continue;
        if ((long long)t % g->snap_every == 0 && g->n_snaps == g->snap_cap)
            tg_make_room_for_snapshot(g); /* full at TG_MAX_SNAPSHOTS: thins, no allocation */
        tg_keep_generator(g, t, gens);
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
    if (!tg_history_init(&fresh, TG_SERIES_COUNT)) return tg_fail(g, TG_ENOMEM, "out of memory loading a state");
    tg_history_free(&g->hist);
    g->hist = fresh;
    g->hist_start = to;
    g->n_snaps = 0;
    g->snap_every = TG_SNAPSHOT_EVERY;
    g->traced = 0;
    load_state(g, chunk, to, chunk[4 + CHUNK_CONFIG] != 0);
    return after_load(g);
}
