/* tg_measures.h: how close the fakes are to the real data, and the helpers behind it. */
#ifndef TG_MEASURES_H
#define TG_MEASURES_H

#include "tinygan.h" /* TG_GRID */

/* Least-squares slope of a profile x[0..N-1] against node positions 1..N. */
double tg_profile_slope(const double *x, int N);
/* Sort ascending: insertion sort, fast for the nearly sorted slopes of a latent grid. */
void tg_sort_small(double *a, int n);
/* Sort ascending, any n. */
void tg_sort(double *a, int n);
/* 1-Wasserstein distance between the empirical distributions of a[n] and b[m], each sorted ascending:
 * the area between their two quantile functions (equally, between their CDFs). */
double tg_w1_sorted(const double *a, int n, const double *b, int m);
/* When n divides m: the quantile function of a[n] (sorted) on each of m equal steps, qa [m]; and
 * W1 between it and b[m] (sorted), the same distance as tg_w1_sorted(a, n, b, m). */
void tg_quantile_steps(double *qa, const double *a, int n, int m);
double tg_w1_steps(const double *qa, const double *b, int m);
/* tg_w1_steps(qa, b, m) where b is the line s * grid[k] (grid [m] ascending) sorted ascending: the
 * same bits, without materialising b. */
double tg_w1_line(const double *qa, const double *grid, double s, int m);
/* tg_w1_line(qa, grid, s, m) for any s from a table made once per qa and grid, in O(1) for an s
 * near the last one asked (hint, kept by the caller, says where that was; any value is right, 0 to
 * start). Each term |qa_k - s b_k| is |b_k| |t_k - s| with t_k = qa_k / b_k, so the sum is
 * s (W(<= s) - W(> s)) - (V(<= s) - V(> s)) over the t_k sorted, W the sums of |b_k| and V of
 * sign(b_k) qa_k, plus the |qa_k| of b_k = 0. Not tg_w1_line's bits: its rounding differs by a few
 * ulp of the sum of |qa_k| + |s b_k|. m <= TG_GRID. */
typedef struct tg_w1_table {
    int n[2];                       /* per sign of s (0: s >= 0, b = grid; 1: s < 0, b = grid reversed) */
    double t[2][TG_GRID];           /* [n] the breakpoints, ascending */
    double w[2][TG_GRID + 1];       /* [n + 1] prefix sums of |b_k| in that order */
    double v[2][TG_GRID + 1];       /* [n + 1] prefix sums of sign(b_k) qa_k */
    double zero[2];                 /* sum of |qa_k| where b_k = 0 */
    int m;
} tg_w1_table;
void tg_w1_table_make(tg_w1_table *tab, const double *qa, const double *grid, int m);
double tg_w1_table_at(const tg_w1_table *tab, double s, int *hint);
/* How many of D's outputs are on the right side of 0.5: yreal[i] > 0.5 plus yfake[i] < 0.5, i < n. */
int tg_count_right(const double *yreal, const double *yfake, int n);
/* Per-node mean and population standard deviation over the n rows of x [n][N]: mean [N], sd [N]. */
void tg_node_stats(double *mean, double *sd, const double *x, int n, int N);

#endif
