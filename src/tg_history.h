/* tg_history.h: a run's per-epoch record in bounded memory. The last TG_WINDOW epochs are kept at full
 * resolution (a ring); the whole run is also kept as at most TG_OVERVIEW blocks of equal length
 * (mean, min, max of each block), the length doubling whenever the blocks fill up. The ring grows
 * with the run up to its full size (2 MB per series), so memory is bounded whatever the number of
 * epochs, and small for short runs. */
#ifndef TG_HISTORY_H
#define TG_HISTORY_H

#include <stddef.h>

#include "tinygan.h" /* TG_WINDOW, TG_OVERVIEW */

/* One block of the overview, for every series (block-major: a block is written in one go). */
typedef struct tg_overview {
    double mean[TG_SERIES_COUNT], min[TG_SERIES_COUNT], max[TG_SERIES_COUNT]; /* [series] used */
} tg_overview;

typedef struct tg_history {
    int series;             /* at most TG_SERIES_COUNT */
    /* the block in progress, per series: arrays, so that a push's loop over the series vectorizes */
    double sum[TG_SERIES_COUNT], lo[TG_SERIES_COUNT], hi[TG_SERIES_COUNT];
    double count;           /* values appended (epochs recorded) */
    double *ring;           /* [series][cap] */
    size_t cap;             /* ring length per series: grows by doubling up to TG_WINDOW */
    tg_overview *ov;        /* [TG_OVERVIEW] */
    long long block;        /* epochs per overview block, a power of two */
    int blocks;             /* complete blocks */
    long long in_block;     /* epochs in the block in progress */
} tg_history;

/* Allocate for `series` series (at most TG_SERIES_COUNT); 0 if memory runs out or series is out of
 * range (then h owns nothing). */
int tg_history_init(tg_history *h, int series);
void tg_history_free(tg_history *h);
/* Make room for epochs up to `upto` (exclusive); 0 if memory runs out (nothing changed then). */
int tg_history_reserve(tg_history *h, double upto);
/* Record one epoch's values, v [series]; room must have been reserved. */
void tg_history_push(tg_history *h, const double *v);
/* The first epoch still at full resolution. */
double tg_history_first(const tg_history *h);
/* Copy epochs [from, to) of series s, all in [first, count), into out [to - from]. */
void tg_history_copy(const tg_history *h, int s, double from, double to, double *out);
/* Copy the overview of series s: n blocks (the last maybe partial) into mean/min/max [n]; returns n. */
int tg_history_overview(const tg_history *h, int s, double *mean, double *min, double *max);

#endif
