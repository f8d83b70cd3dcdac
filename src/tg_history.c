/* tg_history.c: the ring of recent epochs and the whole-run overview. */
#include "tg_history.h"

#include <stdlib.h>
#include <string.h>

int tg_history_init(tg_history *h, int series) {
    h->ring = NULL;
    h->ov = NULL;
    if (series < 1 || series > TG_SERIES_COUNT) return 0;
    h->series = series;
    h->cap = 1024;
    h->ring = malloc((size_t)series * h->cap * sizeof(double));
    h->ov = malloc(TG_OVERVIEW * sizeof(tg_overview));
    if (!h->ring || !h->ov) {
        tg_history_free(h);
        return 0;
    }
    h->count = 0;
    h->block = 1;
    h->blocks = 0;
    h->in_block = 0;
    return 1;
}

void tg_history_free(tg_history *h) {
    free(h->ring);
    free(h->ov);
    h->ring = NULL;
    h->ov = NULL;
}

int tg_history_reserve(tg_history *h, double upto) {
    size_t need = upto > TG_WINDOW ? TG_WINDOW : (size_t)upto, cap = h->cap;
    if (need <= cap) return 1;
    while (cap < need) cap *= 2;
    /* the ring has not wrapped yet (it wraps only at TG_WINDOW), so each series is a plain prefix */
    double *ring = malloc((size_t)h->series * cap * sizeof(double));
    if (!ring) return 0;
    for (int s = 0; s < h->series; s++)
        for (size_t i = 0; i < (size_t)h->count; i++) ring[(size_t)s * cap + i] = h->ring[(size_t)s * h->cap + i];
    free(h->ring);
    h->ring = ring;
    h->cap = cap;
    return 1;
}

/* Halve the number of blocks by merging neighbours: each block now spans twice the epochs. */
static void coarsen(tg_history *h) {
    for (int i = 0; i < h->blocks / 2; i++) {
        tg_overview *o = &h->ov[i];
        const tg_overview *a = &h->ov[2 * i], *b = &h->ov[2 * i + 1];
        for (int s = 0; s < h->series; s++) {
            o->mean[s] = 0.5 * (a->mean[s] + b->mean[s]);
            o->min[s] = b->min[s] < a->min[s] ? b->min[s] : a->min[s]; /* finite values: fmin's NaN rules not needed */
            o->max[s] = b->max[s] > a->max[s] ? b->max[s] : a->max[s];
        }
    }
    h->blocks /= 2;
    h->block *= 2;
}

/* Record v [S] (S constant after inlining, so that the loops unroll into a few vector operations):
 * the ring's slot of each series, then the block in progress (the first value starts it), which
 * goes to the overview when it is full. */
static inline __attribute__((always_inline)) void push(tg_history *h, const double *v, int S) {
    double x[TG_SERIES_COUNT]; /* [S]; a copy, which the stores below cannot alias */
    memcpy(x, v, S * sizeof *x);
    double *ring = h->ring + (size_t)((long long)h->count & (TG_WINDOW - 1));
    for (int s = 0; s < S; s++) ring[(size_t)s * h->cap] = x[s];
    if (h->in_block == 0) {
        for (int s = 0; s < S; s++) {
            h->sum[s] = 0.0 + x[s]; /* as a sum from 0 makes it: -0 becomes +0 */
            h->lo[s] = x[s];
            h->hi[s] = x[s];
        }
    } else {
        for (int s = 0; s < S; s++) {
            h->sum[s] += x[s];
            h->lo[s] = x[s] < h->lo[s] ? x[s] : h->lo[s]; /* values are finite: no NaN rules to keep */
            h->hi[s] = x[s] > h->hi[s] ? x[s] : h->hi[s];
        }
    }
    h->count += 1;
    if (++h->in_block == h->block) {
        tg_overview *o = &h->ov[h->blocks];
        double len = (double)h->block;
        for (int s = 0; s < S; s++) {
            o->mean[s] = h->sum[s] / len;
            o->min[s] = h->lo[s];
            o->max[s] = h->hi[s];
        }
        h->blocks++;
        h->in_block = 0;
        if (h->blocks == TG_OVERVIEW) coarsen(h);
    }
}

void tg_history_push(tg_history *h, const double *v) {
    if (h->series == TG_SERIES_COUNT) push(h, v, TG_SERIES_COUNT);
    else push(h, v, h->series);
}

double tg_history_first(const tg_history *h) {
    return h->count > TG_WINDOW ? h->count - TG_WINDOW : 0;
}

void tg_history_copy(const tg_history *h, int s, double from, double to, double *out) {
    /* at most two runs of the ring: up to its end, then from its start */
    const double *ring = h->ring + (size_t)s * h->cap;
    size_t n = (size_t)(to - from), at = (size_t)((long long)from & (TG_WINDOW - 1));
    size_t first = at + n <= h->cap ? n : h->cap - at;
    memcpy(out, ring + at, first * sizeof(double));
    memcpy(out + first, ring, (n - first) * sizeof(double));
}

int tg_history_overview(const tg_history *h, int s, double *mean, double *min, double *max) {
    for (int i = 0; i < h->blocks; i++) mean[i] = h->ov[i].mean[s], min[i] = h->ov[i].min[s], max[i] = h->ov[i].max[s];
    if (h->in_block == 0) return h->blocks;
    mean[h->blocks] = h->sum[s] / (double)h->in_block;
    min[h->blocks] = h->lo[s];
    max[h->blocks] = h->hi[s];
    return h->blocks + 1;
}
