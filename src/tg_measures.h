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
/* Per-node mean and population standard deviation over the n rows of x [n][N]: mean [N], sd [N]. */
void tg_node_stats(double *mean, double *sd, const double *x, int n, int N);

#endif
