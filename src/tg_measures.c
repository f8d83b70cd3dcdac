/* tg_measures.c: distances between the real set and the generator's profiles. None of this feeds
 * back into training; it only has to be right, not numpy's rounding to the bit. */
#include "tg_measures.h"

#include <math.h>
#include <stdlib.h>

#include "tg_simd.h"

double tg_profile_slope(const double *x, int N) {
    double centre = (N + 1) / 2.0, num = 0.0;
    for (int j = 0; j < N; j++) num += (j + 1 - centre) * x[j];
    return num / (N * ((double)N * N - 1.0) / 12.0); /* sum of (j - centre)^2 over j = 1..N */
}

void tg_sort_small(double *a, int n) {
    for (int i = 1; i < n; i++) {
        double v = a[i];
        int j = i;
        for (; j > 0 && a[j - 1] > v; j--) a[j] = a[j - 1];
        a[j] = v;
    }
}

static int cmp_double(const void *p, const void *q) {
    double a = *(const double *)p, b = *(const double *)q;
    return (a > b) - (a < b);
}

void tg_sort(double *a, int n) {
    qsort(a, n, sizeof *a, cmp_double);
}

void tg_quantile_steps(double *qa, const double *a, int n, int m) {
    for (int i = 0, k = 0, r = m / n; i < n; i++)
        for (int t = 0; t < r; t++, k++) qa[k] = a[i];
}

/* The sum of |qa[k] - b[k]| over k < m, four steps at a time, divided by m. */
TG_CLONES_512 double tg_w1_steps(const double *qa, const double *b, int m) {
    tg_v4 part = {0.0, 0.0, 0.0, 0.0};
    int k = 0;
    for (; k + 4 <= m; k += 4) part += TG_ABS4(TG_LOAD4(qa + k) - TG_LOAD4(b + k));
    double w = (part[0] + part[1]) + (part[2] + part[3]);
    for (; k < m; k++) w += fabs(qa[k] - b[k]);
    return w / m;
}

/* tg_w1_steps(qa, b, m) for b the line's values s * grid[k] sorted ascending (grid ascending: in
 * grid's order when s >= 0, in reverse when s < 0), without the array b. */
TG_CLONES_512 double tg_w1_line(const double *qa, const double *grid, double s, int m) {
    tg_v4 part = {0.0, 0.0, 0.0, 0.0};
    int k = 0;
    if (s >= 0) {
        for (; k + 4 <= m; k += 4) part += TG_ABS4(TG_LOAD4(qa + k) - s * TG_LOAD4(grid + k));
    } else {
        for (; k + 4 <= m; k += 4) {
            tg_v4 g = TG_LOAD4(grid + m - 4 - k), b = {g[3], g[2], g[1], g[0]}; /* grid[m-1-k], ... */
            part += TG_ABS4(TG_LOAD4(qa + k) - s * b);
        }
    }
    double w = (part[0] + part[1]) + (part[2] + part[3]);
    for (; k < m; k++) w += fabs(qa[k] - s * grid[s >= 0 ? k : m - 1 - k]);
    return w / m;
}

void tg_w1_table_make(tg_w1_table *tab, const double *qa, const double *grid, int m) {
    tab->m = m;
    for (int r = 0; r < 2; r++) {
        int n = 0, order[TG_GRID];
        double zero = 0.0;
        for (int k = 0; k < m; k++) {
            double b = grid[r ? m - 1 - k : k];
            if (b == 0.0) {
                zero += fabs(qa[k]);
                continue;
            }
            /* insertion by (t, k): a fixed order for ties, whatever the C library's qsort */
            double t = qa[k] / b;
            int j = n++;
            for (; j > 0 && tab->t[r][j - 1] > t; j--) tab->t[r][j] = tab->t[r][j - 1], order[j] = order[j - 1];
            tab->t[r][j] = t;
            order[j] = k;
        }
        tab->n[r] = n;
        tab->zero[r] = zero;
        tab->w[r][0] = tab->v[r][0] = 0.0;
        for (int j = 0; j < n; j++) {
            int k = order[j];
            double b = grid[r ? m - 1 - k : k];
            tab->w[r][j + 1] = tab->w[r][j] + fabs(b);
            tab->v[r][j + 1] = tab->v[r][j] + (b > 0 ? qa[k] : -qa[k]);
        }
    }
}

double tg_w1_table_at(const tg_w1_table *tab, double s, int *hint) {
    int r = !(s >= 0), n = tab->n[r], j = *hint;
    const double *t = tab->t[r];
    if (j < 0 || j > n) j = 0;
    while (j < n && t[j] <= s) j++; /* j: how many breakpoints are <= s */
    while (j > 0 && t[j - 1] > s) j--;
    *hint = j;
    double below_w = tab->w[r][j], below_v = tab->v[r][j];
    double above_w = tab->w[r][n] - below_w, above_v = tab->v[r][n] - below_v;
    double sum = s * (below_w - above_w) - (below_v - above_v) + tab->zero[r];
    return (sum > 0.0 ? sum : 0.0) / tab->m; /* a sum of |.|: its rounding must not make it negative */
}

/* Walk the merged steps of the two quantile functions: Q_a is a[i] on [i/n, (i+1)/n), Q_b is b[j] on
 * [j/m, (j+1)/m). In units of 1/(n*m) every breakpoint is an integer, so the walk is exact and
 * branch-light: W1 = sum over steps of (length) * |a[i] - b[j]|. (When n divides m, every step is
 * one of b's: tg_w1_steps is the cheaper way, with Q_a computed once.) */
double tg_w1_sorted(const double *a, int n, const double *b, int m) {
    long long at = 0, end_a = m, end_b = n, total = (long long)n * m;
    int i = 0, j = 0;
    double w = 0.0;
    while (at < total) {
        long long next = end_a < end_b ? end_a : end_b;
        w += (double)(next - at) * fabs(a[i] - b[j]);
        at = next;
        if (next == end_a) i++, end_a += m;
        if (next == end_b) j++, end_b += n;
    }
    return w / (double)total;
}

TG_CLONES_512 int tg_count_right(const double *yreal, const double *yfake, int n) {
    typedef long long i4 __attribute__((vector_size(32))); /* a lane-wise comparison: -1 true, 0 false */
    const tg_v4 half = {0.5, 0.5, 0.5, 0.5};
    i4 count = {0, 0, 0, 0};
    int i = 0;
    for (; i + 4 <= n; i += 4) count -= (TG_LOAD4(yreal + i) > half) + (TG_LOAD4(yfake + i) < half);
    long long right = (count[0] + count[1]) + (count[2] + count[3]);
    for (; i < n; i++) right += (yreal[i] > 0.5) + (yfake[i] < 0.5);
    return (int)right;
}

void tg_node_stats(double *mean, double *sd, const double *x, int n, int N) {
    for (int k = 0; k < N; k++) {
        double s = 0.0;
        for (int i = 0; i < n; i++) s += x[i * N + k];
        double mu = s / n, q = 0.0;
        for (int i = 0; i < n; i++) q += (x[i * N + k] - mu) * (x[i * N + k] - mu);
        mean[k] = mu;
        sd[k] = sqrt(q / n);
    }
}
