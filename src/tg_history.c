/* tg_history.c: the ring of recent epochs and the whole-run overview. */
#include "tg_history.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int tg_history_init(tg_history *h, int series) {
    h->series = series;
    h->cap = 1024;
    h->ring = malloc((size_t)series * h->cap * sizeof(double));
    h->ov = malloc((size_t)series * sizeof(tg_overview));
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
    for (int s = 0; s < h->series; s++) {
        tg_overview *o = &h->ov[s];
        for (int i = 0; i < h->blocks / 2; i++) {
            o->mean[i] = 0.5 * (o->mean[2 * i] + o->mean[2 * i + 1]);
            o->min[i] = fmin(o->min[2 * i], o->min[2 * i + 1]);
            o->max[i] = fmax(o->max[2 * i], o->max[2 * i + 1]);
        }
    }
    h->blocks /= 2;
    h->block *= 2;
}

void tg_history_push(tg_history *h, const double *v) {
    size_t slot = (size_t)((long long)h->count & (TG_WINDOW - 1));
    for (int s = 0; s < h->series; s++) {
        h->ring[(size_t)s * h->cap + slot] = v[s];
        tg_overview *o = &h->ov[s];
        if (h->in_block == 0) o->sum = 0, o->lo = v[s], o->hi = v[s];
        o->sum += v[s];
        o->lo = v[s] < o->lo ? v[s] : o->lo; /* values are finite: no NaN rules to keep */
        o->hi = v[s] > o->hi ? v[s] : o->hi;
    }
    h->count += 1;
    if (++h->in_block == h->block) {
        for (int s = 0; s < h->series; s++) {
            tg_overview *o = &h->ov[s];
            o->mean[h->blocks] = o->sum / (double)h->block;
            o->min[h->blocks] = o->lo;
            o->max[h->blocks] = o->hi;
        }
        h->blocks++;
        h->in_block = 0;
        if (h->blocks == TG_OVERVIEW) coarsen(h);
    }
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
    const tg_overview *o = &h->ov[s];
    for (int i = 0; i < h->blocks; i++) mean[i] = o->mean[i], min[i] = o->min[i], max[i] = o->max[i];
    if (h->in_block == 0) return h->blocks;
    mean[h->blocks] = o->sum / (double)h->in_block;
    min[h->blocks] = o->lo;
    max[h->blocks] = o->hi;
    return h->blocks + 1;
}
