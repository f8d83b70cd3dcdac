/* test_chunk.c: a run trained partly in a second context and carried back in chunks equals the same
 * run trained in one context, bit for bit: every kept epoch of every series, the overview, the
 * snapshots, the parameters, the real images, and the random stream after it. A bad chunk is
 * refused with a message and changes nothing. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "tinygan.h"

typedef struct variant {
    const char *name;
    int opt[6];
    double val[6];
} variant;

static tg_ctx *make(const variant *v) {
    tg_ctx *g = tg_new();
    for (int i = 0; i < 6 && v->opt[i] >= 0; i++) tg_set(g, v->opt[i], v->val[i]);
    tg_reset(g);
    return g;
}

/* A chunk of g's epochs [from, now), allocated. */
static double *chunk_of(tg_ctx *g, double from, int *len) {
    *len = tg_chunk_length(g, from);
    double *c = malloc((size_t)*len * sizeof *c);
    check_true("chunk saved", *len > 0 && tg_chunk_save(g, from, c, *len) == TG_OK);
    return c;
}

/* main starts a worker at its own epoch, the worker trains `n` epochs in `pieces` chunks (or more:
 * at most 200,000 epochs each), and main takes each chunk in turn. Returns main's status of the last apply. */
static tg_status train_remote(tg_ctx *main_, tg_ctx *worker, int n, int pieces) {
    if (pieces < n / 200000 + 1) pieces = n / 200000 + 1; /* a chunk must lie within the window kept */
    int len;
    double *state = chunk_of(main_, tg_epoch(main_), &len);
    tg_status s = tg_state_load(worker, state, len);
    check_true("state loaded", s == TG_OK || s == TG_EDIVERGED);
    free(state);
    for (int p = 0; p < pieces; p++) {
        double from = tg_epoch(worker);
        tg_step(worker, n / pieces + (p < n % pieces));
        double *c = chunk_of(worker, from, &len);
        s = tg_chunk_apply(main_, c, len);
        free(c);
        if (s != TG_OK) break;
    }
    return s;
}

/* Everything a reader can see of two runs is the same bits. */
static void check_same(const char *name, tg_ctx *a, tg_ctx *b) {
    char what[200];
    int N = tg_nodes(a), B = tg_batch(a);
    snprintf(what, sizeof what, "%s: same epoch, kept-from, divergence", name);
    check_true(what, tg_epoch(a) == tg_epoch(b) && tg_kept_from(a) == tg_kept_from(b) && tg_diverged(a) == tg_diverged(b));
    double pa[2 * TG_MAX_NODES + 2], pb[2 * TG_MAX_NODES + 2];
    tg_params(a, pa);
    tg_params(b, pb);
    snprintf(what, sizeof what, "%s: same parameters", name);
    check_true(what, memcmp(pa, pb, (2 * N + 2) * sizeof *pa) == 0);
    snprintf(what, sizeof what, "%s: same real images", name);
    check_true(what, memcmp(tg_real(a), tg_real(b), (size_t)B * N * sizeof(double)) == 0);
    size_t n = (size_t)(tg_epoch(a) - tg_kept_from(a));
    double *ha = malloc((n + 1) * sizeof *ha), *hb = malloc((n + 1) * sizeof *hb);
    static double ma[3][TG_OVERVIEW], mb[3][TG_OVERVIEW];
    for (int s = 0; s < TG_SERIES_COUNT; s++) {
        tg_series_copy(a, s, tg_kept_from(a), tg_epoch(a), ha);
        tg_series_copy(b, s, tg_kept_from(b), tg_epoch(b), hb);
        snprintf(what, sizeof what, "%s: series %d, every kept epoch", name, s);
        check_true(what, memcmp(ha, hb, n * sizeof *ha) == 0);
        int ka = tg_series_overview(a, s, ma[0], ma[1], ma[2]), kb = tg_series_overview(b, s, mb[0], mb[1], mb[2]);
        snprintf(what, sizeof what, "%s: series %d, overview", name, s);
        check_true(what, ka == kb && tg_overview_block(a) == tg_overview_block(b) &&
                             memcmp(ma, mb, sizeof ma) == 0);
    }
    free(ha);
    free(hb);
    int sa = tg_snapshot_count(a), sb = tg_snapshot_count(b), same = sa == sb;
    for (int i = 0; same && i < sa; i++) {
        double xa[TG_MAX_NODES + 2], xb[TG_MAX_NODES + 2];
        tg_snapshot(a, i, xa);
        tg_snapshot(b, i, xb);
        same = memcmp(xa, xb, (N + 2) * sizeof *xa) == 0;
    }
    snprintf(what, sizeof what, "%s: same %d snapshots", name, sa);
    check_true(what, same);
    if (!tg_diverged(a)) { /* the stream goes on the same */
        double la[8], lb[8], ia[8 * TG_MAX_NODES], ib[8 * TG_MAX_NODES];
        tg_sample(a, 8, la, ia);
        tg_sample(b, 8, lb, ib);
        snprintf(what, sizeof what, "%s: the same stream after it (sample)", name);
        check_true(what, memcmp(la, lb, sizeof la) == 0 && memcmp(ia, ib, 8 * N * sizeof *ia) == 0);
    }
}

static void check_variant(const variant *v, int local1, int remote1, int local2, int remote2) {
    tg_ctx *ref = make(v), *m = make(v), *w = make(v);
    tg_step(ref, local1 + remote1 + local2 + remote2);
    tg_step(m, local1);
    train_remote(m, w, remote1, 3);
    tg_step(m, local2);
    train_remote(m, w, remote2, 2);
    check_same(v->name, ref, m);
    tg_free(ref);
    tg_free(m);
    tg_free(w);
}

/* A chunk that is wrong in one way: refused, with `says` in the message, and the run unchanged. */
static void check_refused(const char *what, tg_ctx *m, const double *c, int len, const char *says) {
    double e0 = tg_epoch(m), p0[2 * TG_MAX_NODES + 2] = {0}, p1[2 * TG_MAX_NODES + 2] = {0};
    tg_params(m, p0);
    tg_status s = tg_chunk_apply(m, c, len);
    tg_params(m, p1);
    char msg[240];
    snprintf(msg, sizeof msg, "bad chunk (%s): refused, message has \"%s\" (got \"%s\"), run unchanged", what, says,
             tg_message(m));
    check_true(msg, s == TG_EINVAL && strstr(tg_message(m), says) && tg_epoch(m) == e0 &&
                        memcmp(p0, p1, sizeof p0) == 0);
}

static void bad_chunks(void) {
    const variant chapter = {"chapter", {-1}, {0}};
    const variant other = {"seed 7", {TG_OPT_SEED, -1}, {7}};
    tg_ctx *m = make(&chapter), *w = make(&chapter), *x = make(&other);
    tg_step(m, 10);
    tg_step(w, 30);
    tg_step(x, 10);
    int len;
    double *c = chunk_of(w, 10, &len); /* epochs 10..30: fits m */
    double *tmp = malloc((size_t)len * sizeof *tmp);
    double *foreign = chunk_of(x, 10, &len);
    check_refused("another configuration", m, foreign, len, "another configuration");
    free(foreign);
    len = tg_chunk_length(w, 10);
    check_refused("truncated", m, c, len - 1, "expected");
    memcpy(tmp, c, (size_t)len * sizeof *tmp);
    tmp[0] = 1.0;
    check_refused("no magic", m, tmp, len, "not a tinygan chunk");
    memcpy(tmp, c, (size_t)len * sizeof *tmp);
    tmp[len - 1] = NAN;
    check_refused("NaN generator", m, tmp, len, "not finite");
    memcpy(tmp, c, (size_t)len * sizeof *tmp);
    tmp[len - 200] = INFINITY;
    check_refused("infinite value", m, tmp, len, "not finite");
    double *early = chunk_of(w, 20, &len);
    check_refused("starts later than the run", m, early, len, "starts at epoch 20");
    check_true("a NULL chunk is refused", tg_chunk_apply(m, NULL, 100) == TG_EINVAL);
    check_true("chunk_length of an epoch not kept is 0", tg_chunk_length(w, 31) == 0 && tg_chunk_length(w, -1) == 0 &&
                                                             tg_chunk_length(w, 2.5) == 0);
    check_true("chunk_save into too small a buffer is refused",
               tg_chunk_save(w, 10, tmp, tg_chunk_length(w, 10) - 1) == TG_EINVAL && strstr(tg_message(w), "room"));
    len = tg_chunk_length(w, 10);
    /* fixed real images are the run's own: a chunk holding others is refused (they are not loaded) */
    size_t images = (size_t)tg_batch(w) * tg_nodes(w);
    int at = -1;
    for (int i = 0; i + (int)images <= len && at < 0; i++)
        if (memcmp(c + i, tg_real(w), images * sizeof *c) == 0) at = i;
    check_true("the chunk holds the real images", at >= 0);
    memcpy(tmp, c, (size_t)len * sizeof *tmp);
    tmp[at] += 0.25;
    check_refused("other real images", m, tmp, len, "real images are not this run's");
    check_true("the good chunk still applies", tg_chunk_apply(m, c, len) == TG_OK && tg_epoch(m) == 30);
    free(c);
    free(tmp);
    free(early);
    tg_free(m);
    tg_free(w);
    tg_free(x);
}

/* Divergence inside a chunk: the receiver stops at the same epoch, with the same message. */
static void diverging(void) {
    const variant hot = {"eta 10", {TG_OPT_LR_G, TG_OPT_LR_D, -1}, {10, 10}};
    tg_ctx *ref = make(&hot), *m = make(&hot), *w = make(&hot);
    tg_status sr = tg_step(ref, 500);
    tg_step(m, 20);
    tg_status sm = train_remote(m, w, 480, 1);
    check_true("diverged in the chunk: TG_EDIVERGED at the same epoch (138)",
               sr == TG_EDIVERGED && sm == TG_EDIVERGED && tg_epoch(m) == 138 && tg_epoch(ref) == 138);
    check_true("the same message", strcmp(tg_message(ref), tg_message(m)) == 0);
    check_same("eta 10", ref, m);
    tg_free(ref);
    tg_free(m);
    tg_free(w);
}

int main(void) {
    const variant variants[] = {
        {"chapter", {-1}, {0}},
        {"fresh, adam, 3 D steps, sigmoid, minimax",
         {TG_OPT_REAL, TG_OPT_OPTIMIZER, TG_OPT_D_STEPS, TG_OPT_G_OUT, TG_OPT_G_LOSS, -1},
         {TG_REAL_FRESH, TG_OPTIM_ADAM, 3, TG_G_SIGMOID, TG_LOSS_MINIMAX}},
        {"momentum, 5 nodes, batch 7, seed 9", {TG_OPT_OPTIMIZER, TG_OPT_NODES, TG_OPT_BATCH, TG_OPT_SEED, -1},
         {TG_OPTIM_MOMENTUM, 5, 7, 9}},
    };
    for (size_t i = 0; i < sizeof variants / sizeof *variants; i++) check_variant(&variants[i], 1500, 2700, 333, 3001);
    /* a chunk at the very start, and chunks of zero epochs */
    check_variant(&variants[0], 0, 2000, 0, 0);
    /* past the window (262,144 epochs kept one by one) and past 4,096,000 epochs, where snapshots
     * thin out, inside a chunk (batch 1 keeps it quick) */
    const variant long_run = {"batch 1, 4.25M epochs", {TG_OPT_BATCH, -1}, {1}};
    check_variant(&long_run, 100000, 4000000, 1000, 150000);
    bad_chunks();
    diverging();
    return check_summary("test_chunk");
}
