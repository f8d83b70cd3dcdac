/* tg_measures.c: distances between the real set and the generator's profiles. None of this feeds
 * back into training; it only has to be right, not numpy's rounding to the bit. */
#include "tg_measures.h"

#include <math.h>
#include <stdlib.h>

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

double tg_w1_sorted(const double *a, int n, const double *b, int m) {
    double w = 0.0, prev = 0.0;
    int i = 0, j = 0;
    while (i < n || j < m) {
        int take_a = j >= m || (i < n && a[i] <= b[j]);
        double x = take_a ? a[i] : b[j];
        if (i + j > 0) w += fabs((double)i / n - (double)j / m) * (x - prev);
        prev = x;
        if (take_a) i++;
        else j++;
    }
    return w;
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
