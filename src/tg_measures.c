/* tg_measures.c: distances between the real set and the generator's profiles. None of this feeds
 * back into training; it only has to be right, not numpy's rounding to the bit. */
#include "tg_measures.h"

#include <math.h>
#include <stdlib.h>

#include "tg_clones.h"

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

/* Walk the merged steps of the two quantile functions: Q_a is a[i] on [i/n, (i+1)/n), Q_b is b[j] on
 * [j/m, (j+1)/m). In units of 1/(n*m) every breakpoint is an integer, so the walk is exact and
 * branch-light: W1 = sum over steps of (length) * |a[i] - b[j]|. When n divides m (the chapter's
 * 32 against 64) every step is one of b's, of length 1/m: the sum is then taken in four
 * interleaved parts, so that it is not one long chain of dependent additions. */
TG_CLONES double tg_w1_sorted(const double *a, int n, const double *b, int m) {
    if (m % n == 0) {
        int r = m / n, k = 0;
        double part[4] = {0.0, 0.0, 0.0, 0.0};
        for (int i = 0; i < n; i++) /* k = i * r + t */
            for (int t = 0; t < r; t++, k++) part[k % 4] += fabs(a[i] - b[k]);
        return ((part[0] + part[1]) + (part[2] + part[3])) / m;
    }
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
