/* test_trace.c: a traced epoch is the same epoch as a normal step (same parameters, losses and stream
 * after it), and its recorded quantities hang together as the chapter's equations say. */
#include <stdlib.h>

#include "check.h"
#include "tinygan.h"

typedef struct variant {
    const char *name;
    int opt[4];
    double val[4];
} variant;

static void check_variant(const variant *v) {
    tg_ctx *a = tg_new(), *b = tg_new();
    for (int i = 0; i < 4 && v->opt[i] >= 0; i++) {
        tg_set(a, v->opt[i], v->val[i]);
        tg_set(b, v->opt[i], v->val[i]);
    }
    tg_reset(a);
    tg_reset(b);
    tg_step(a, 40);
    tg_step(b, 41);
    double before[2 * TG_MAX_NODES + 2], pa[2 * TG_MAX_NODES + 2], pb[2 * TG_MAX_NODES + 2];
    tg_params(a, before);
    check_true("trace step ok", tg_trace_step(a) == TG_OK);
    tg_params(a, pa);
    tg_params(b, pb);
    int N = tg_nodes(a), B = tg_batch(a), P = N + 1;
    char what[160];
    for (int i = 0; i < 2 * P; i++) {
        snprintf(what, sizeof what, "%s: param %d after trace == after step", v->name, i);
        check_close(what, pa[i], pb[i], 0);
    }
    for (int s = 0; s < TG_SERIES_COUNT; s++) {
        snprintf(what, sizeof what, "%s: series %d at epoch 40", v->name, s);
        check_close(what, at(a, s, 40), at(b, s, 40), 0);
    }
    const double *L = tg_trace(a, TG_TR_LOSSES);
    check_close("traced loss_D is the recorded one", L[0], at(a, TG_LOSS_D, 40), 0);
    check_close("traced loss_G is the recorded one", L[1], at(a, TG_LOSS_G, 40), 0);
    /* parameters before/after each step, as traced, are the run's */
    const double *gb4 = tg_trace(a, TG_TR_G_BEFORE), *ga = tg_trace(a, TG_TR_G_AFTER);
    const double *da = tg_trace(a, TG_TR_D_AFTER);
    for (int i = 0; i < P; i++) {
        check_close("G before", gb4[i], before[i], 0);
        check_close("G after", ga[i], pa[i], 0);
        check_close("D after", da[i], pa[P + i], 0);
    }
    /* dz = yhat - y in the D step; the G step's dz by its loss; dL/dO = dz * lambda_k8 */
    const double *yh = tg_trace(a, TG_TR_D_YHAT), *dz = tg_trace(a, TG_TR_D_DZ);
    for (int i = 0; i < 2 * B; i++) check_close("D dz = yhat - y", dz[i], yh[i] - (i < B), 0);
    const double *gy = tg_trace(a, TG_TR_G_YHAT), *gdz = tg_trace(a, TG_TR_G_DZ), *dout = tg_trace(a, TG_TR_G_DOUT);
    int minimax = tg_get(a, TG_OPT_G_LOSS) == TG_LOSS_MINIMAX;
    for (int i = 0; i < B; i++) {
        check_close("G dz", gdz[i], minimax ? -gy[i] : gy[i] - 1, 0);
        for (int k = 0; k < N; k++) check_close("dL/dO = dz * lambda_k8", dout[i * N + k], gdz[i] * pa[P + k], 0);
    }
    check_true("trace lengths", tg_trace_length(a, TG_TR_REAL) == B * N && tg_trace_length(a, TG_TR_D_YHAT) == 2 * B &&
                                    tg_trace_length(a, TG_TR_G_GRAD) == P && tg_trace_length(a, TG_TR_LOSSES) == 2);
    /* and the stream continues identically */
    tg_step(a, 5);
    tg_step(b, 5);
    tg_params(a, pa);
    tg_params(b, pb);
    for (int i = 0; i < 2 * P; i++) check_close("params 5 epochs after the trace", pa[i], pb[i], 0);
    tg_free(a);
    tg_free(b);
}

int main(void) {
    const variant variants[] = {
        {"chapter", {-1}, {0}},
        {"sigmoid + minimax", {TG_OPT_G_OUT, TG_OPT_G_LOSS, -1}, {TG_G_SIGMOID, TG_LOSS_MINIMAX}},
        {"fresh, 3 D steps, adam", {TG_OPT_REAL, TG_OPT_D_STEPS, TG_OPT_OPTIMIZER, -1}, {TG_REAL_FRESH, 3, TG_OPTIM_ADAM}},
        {"momentum, 8 nodes, batch 5", {TG_OPT_OPTIMIZER, TG_OPT_NODES, TG_OPT_BATCH, -1}, {TG_OPTIM_MOMENTUM, 8, 5}},
    };
    for (size_t i = 0; i < sizeof variants / sizeof *variants; i++) check_variant(&variants[i]);
    tg_ctx *g = tg_new();
    check_true("no trace before a traced epoch", tg_trace(g, TG_TR_REAL) == NULL && tg_trace_length(g, 0) == 0);
    check_true("trace before reset is refused", tg_trace_step(g) == TG_ESTATE);
    tg_free(g);
    return check_summary("test_trace");
}
