/* tg_measures.h: how close the fakes are to the real data, and the helpers behind it. */
#ifndef TG_MEASURES_H
#define TG_MEASURES_H

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
/* How many of D's outputs are on the right side of 0.5: yreal[i] > 0.5 plus yfake[i] < 0.5, i < n. */
int tg_count_right(const double *yreal, const double *yfake, int n);
/* Per-node mean and population standard deviation over the n rows of x [n][N]: mean [N], sd [N]. */
void tg_node_stats(double *mean, double *sd, const double *x, int n, int N);

#endif
