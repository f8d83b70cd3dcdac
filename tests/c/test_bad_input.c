/* test_bad_input.c: a table of bad calls into the C API. Each must return its status, leave a message
 * naming what was wrong, and change nothing: the run continues exactly as an untouched twin does. */
#include <math.h>
#include <string.h>

#include "check.h"
#include "tinygan.h"

typedef struct bad_set {
    tg_option opt;
    double value;
    const char *named; /* the message must contain this */
} bad_set;

static const bad_set BAD_SETS[] = {
    {TG_OPT_SEED, -1, "seed"},           {TG_OPT_SEED, 4294967296.0, "seed"}, {TG_OPT_SEED, 0.5, "seed"},
    {TG_OPT_SEED, NAN, "seed"},          {TG_OPT_BATCH, 0, "batch"},         {TG_OPT_BATCH, 65537, "batch"},
    {TG_OPT_BATCH, 2.5, "batch"},        {TG_OPT_BATCH, INFINITY, "batch"},  {TG_OPT_LR_G, 0, "lrG"},
    {TG_OPT_LR_G, -0.001, "lrG"},        {TG_OPT_LR_G, 101, "lrG"},          {TG_OPT_LR_G, NAN, "lrG"},
    {TG_OPT_LR_D, 0, "lrD"},             {TG_OPT_LR_D, -INFINITY, "lrD"},    {TG_OPT_LR_D, 1e300, "lrD"},
    {TG_OPT_NODES, 1, "nodes"},          {TG_OPT_NODES, 17, "nodes"},        {TG_OPT_NODES, 3.5, "nodes"},
    {TG_OPT_LATENT_LO, NAN, "latentLo"}, {TG_OPT_LATENT_LO, -101, "latentLo"}, {TG_OPT_LATENT_HI, 1e9, "latentHi"},
    {TG_OPT_G_OUT, 2, "gOut"},           {TG_OPT_G_OUT, -1, "gOut"},         {TG_OPT_G_OUT, 0.5, "gOut"},
    {TG_OPT_G_LOSS, 2, "gLoss"},         {TG_OPT_REAL, 5, "real"},           {TG_OPT_D_STEPS, 0, "dSteps"},
    {TG_OPT_D_STEPS, 11, "dSteps"},      {TG_OPT_OPTIMIZER, 3, "optimizer"}, {TG_OPT_MOMENTUM, 1, "momentum"},
    {TG_OPT_MOMENTUM, -0.1, "momentum"}, {(tg_option)-1, 1, "unknown option"}, {(tg_option)TG_OPT_COUNT, 1, "unknown option"},
};

/* Params, epoch and the next sample of two contexts must be the same. */
static void same_run(const char *what, tg_ctx *a, tg_ctx *b) {
    double pa[2 * TG_MAX_NODES + 2], pb[2 * TG_MAX_NODES + 2];
    char msg[160];
    snprintf(msg, sizeof msg, "%s: epoch unchanged", what);
    check_close(msg, tg_epoch(a), tg_epoch(b), 0);
    tg_params(a, pa);
    tg_params(b, pb);
    snprintf(msg, sizeof msg, "%s: parameters unchanged", what);
    check_true(msg, memcmp(pa, pb, sizeof(double) * (2 * tg_nodes(a) + 2)) == 0);
    tg_step(a, 3);
    tg_step(b, 3);
    tg_params(a, pa);
    tg_params(b, pb);
    snprintf(msg, sizeof msg, "%s: the random stream unchanged", what);
    check_true(msg, memcmp(pa, pb, sizeof(double) * (2 * tg_nodes(a) + 2)) == 0);
}

int main(void) {
    tg_ctx *g = tg_new(), *twin = tg_new();
    tg_reset(g);
    tg_reset(twin);
    tg_step(g, 5);
    tg_step(twin, 5);
    char what[160];
    int rejected = 0;
    for (size_t i = 0; i < sizeof BAD_SETS / sizeof *BAD_SETS; i++) {
        const bad_set *b = &BAD_SETS[i];
        double old = tg_get(g, b->opt);
        tg_status s = tg_set(g, b->opt, b->value);
        snprintf(what, sizeof what, "tg_set(%d, %g) rejected with a message naming '%s' (got: %s)", (int)b->opt,
                 b->value, b->named, tg_message(g));
        check_true(what, s == TG_EINVAL && strstr(tg_message(g), b->named) != NULL);
        snprintf(what, sizeof what, "tg_set(%d, %g) keeps the old value", (int)b->opt, b->value);
        check_true(what, isnan(old) ? isnan(tg_get(g, b->opt)) : tg_get(g, b->opt) == old);
        rejected++;
    }
    tg_reset(g); /* the options were unchanged, so this is the same run as the twin's reset */
    tg_reset(twin);
    same_run("after the bad option table", g, twin);

    double lat[8], img[8 * TG_MAX_NODES], gp[TG_MAX_NODES + 1] = {NAN}, nanlat[2] = {0.5, INFINITY};
    struct {
        const char *name;
        tg_status got, want;
    } calls[] = {
        {"step(-1)", tg_step(g, -1), TG_EINVAL},
        {"sample(-5)", tg_sample(g, -5, lat, img), TG_EINVAL},
        {"sample(3, NULL, NULL)", tg_sample(g, 3, NULL, NULL), TG_EINVAL},
        {"generate(-1)", tg_generate(g, NULL, -1, lat, img), TG_EINVAL},
        {"generate(NaN params)", tg_generate(g, gp, 1, lat, img), TG_EINVAL},
        {"generate(inf latent)", tg_generate(g, NULL, 2, nanlat, img), TG_EINVAL},
        {"generate(NULL buffers)", tg_generate(g, NULL, 2, NULL, NULL), TG_EINVAL},
        {"snapshot(-1)", tg_snapshot(g, -1, lat), TG_EINVAL},
        {"snapshot(999)", tg_snapshot(g, 999, lat), TG_EINVAL},
        {"snapshot(NULL out)", tg_snapshot(g, 0, NULL), TG_EINVAL},
        {"params(NULL out)", tg_params(g, NULL), TG_EINVAL},
        {"step(NULL ctx)", tg_step(NULL, 1), TG_EINVAL},
        {"reset(NULL ctx)", tg_reset(NULL), TG_EINVAL},
        {"set(NULL ctx)", tg_set(NULL, TG_OPT_BATCH, 3), TG_EINVAL},
        {"sample(NULL ctx)", tg_sample(NULL, 1, lat, img), TG_EINVAL},
        {"trace_step(NULL ctx)", tg_trace_step(NULL), TG_EINVAL},
    };
    for (size_t i = 0; i < sizeof calls / sizeof *calls; i++) {
        snprintf(what, sizeof what, "%s returns %d (got %d)", calls[i].name, calls[i].want, calls[i].got);
        check_true(what, calls[i].got == calls[i].want);
        rejected++;
    }
    double h[4];
    check_true("series -1 is refused", tg_series_copy(g, -1, 0, 1, h) == TG_EINVAL);
    check_true("an unknown series is refused", tg_series_copy(g, TG_SERIES_COUNT, 0, 1, h) == TG_EINVAL);
    check_true("epochs beyond the run are refused", tg_series_copy(g, 0, 0, 1e6, h) == TG_EINVAL);
    check_true("a reversed range is refused", tg_series_copy(g, 0, 3, 2, h) == TG_EINVAL);
    check_true("a fractional epoch is refused", tg_series_copy(g, 0, 0.5, 2, h) == TG_EINVAL);
    check_true("a NULL out is refused", tg_series_copy(g, 0, 0, 2, NULL) == TG_EINVAL);
    rejected += 6;
    check_true("a NULL context reads as empty", tg_epoch(NULL) == 0 && tg_real(NULL) == NULL && tg_message(NULL) != NULL);
    same_run("after the bad call table", g, twin);

    tg_ctx *fresh = tg_new();
    check_true("step before reset: TG_ESTATE", tg_step(fresh, 1) == TG_ESTATE && strstr(tg_message(fresh), "reset"));
    check_true("sample before reset: TG_ESTATE", tg_sample(fresh, 1, lat, img) == TG_ESTATE);
    tg_set(fresh, TG_OPT_LATENT_LO, 2);
    check_true("reset with latentLo >= latentHi: TG_EINVAL naming both",
               tg_reset(fresh) == TG_EINVAL && strstr(tg_message(fresh), "latentLo") && strstr(tg_message(fresh), "latentHi"));
    rejected += 3;

    /* divergence: eta = 10 diverges; the bad epoch is not recorded and stepping stays refused */
    tg_ctx *d = tg_new();
    tg_set(d, TG_OPT_LR_G, 10);
    tg_set(d, TG_OPT_LR_D, 10);
    tg_reset(d);
    check_true("eta 10 diverges", tg_step(d, 100000) == TG_EDIVERGED);
    snprintf(what, sizeof what, "diverged at epoch %.0f", tg_epoch(d));
    check_true("the message names the epoch", strstr(tg_message(d), what) != NULL);
    check_true("diverged flag", tg_diverged(d) == 1);
    check_true("the chapter's model diverges near epoch 138", tg_epoch(d) > 100 && tg_epoch(d) < 200);
    for (int s = 0; s < TG_SERIES_COUNT; s++)
        for (int t = 0; t < (int)tg_epoch(d); t++) check_true("recorded values finite", isfinite(at(d, s, t)));
    double before = tg_epoch(d);
    check_true("further steps refused", tg_step(d, 1) == TG_EDIVERGED && tg_epoch(d) == before);
    check_true("reset clears it", tg_reset(d) == TG_OK && tg_diverged(d) == 0 && tg_step(d, 5) == TG_OK);
    printf("diverged at epoch %.0f; %d bad inputs rejected\n", before, rejected);

    tg_free(d);
    tg_free(fresh);
    tg_free(g);
    tg_free(twin);
    return check_summary("test_bad_input");
}
