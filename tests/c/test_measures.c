/* test_measures.c: the two ways the core measures W1 between the real slopes' quantile steps and a
 * linear generator's line of slopes s * grid -- tg_w1_line (a pass over the grid, for fresh real
 * images) and tg_w1_table_at (a table made once, for fixed ones) -- against a direct sum in long
 * double, over random quantile steps, grids (some through exactly 0) and slopes from 1e-3 to 1e300
 * of either sign, breakpoints included. Differences are in units of the terms' mean magnitude
 * (mean |qa_k| + |s b_k|); tolerance 8 m ulp of it, what rounding a sum of m differences can cost. */
#include <stdlib.h>

#include "check.h"
#include "tg_measures.h"

#define M TG_GRID

static unsigned long long state = 20261204;
static double rnd(void) { /* [0, 1), a fixed stream */
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(state >> 11) / 9007199254740992.0;
}

/* W1 as its definition reads, in long double: mean over k of |qa_k - s b_k|, b the line's values
 * ascending (grid ascending: in order for s >= 0, reversed for s < 0); and the magnitude it is
 * made of, for the tolerance. */
static long double direct(const double *qa, const double *grid, double s, long double *size) {
    long double sum = 0.0L, mag = 0.0L;
    for (int k = 0; k < M; k++) {
        long double b = grid[s >= 0 ? k : M - 1 - k];
        long double term = (long double)qa[k] - (long double)s * b;
        sum += term < 0 ? -term : term;
        mag += fabsl((long double)qa[k]) + fabsl((long double)s * b);
    }
    *size = mag / M;
    return sum / M;
}

static void compare(const char *what, const tg_w1_table *tab, const double *qa, const double *grid, double s,
                    int *hint) {
    long double size, want = direct(qa, grid, s, &size);
    double unit = (double)size, tol = 8.0 * M * 0x1p-52;
    int fresh = 0;
    double got = tg_w1_table_at(tab, s, hint), from_zero = tg_w1_table_at(tab, s, &fresh);
    char label[150];
    snprintf(label, sizeof label, "%s: table at s = %.17g", what, s);
    check_close(label, got / unit, (double)(want / size), tol);
    snprintf(label, sizeof label, "%s: the hint does not change the table's answer (s = %.17g)", what, s);
    check_true(label, got == from_zero);
    snprintf(label, sizeof label, "%s: tg_w1_line at s = %.17g", what, s);
    check_close(label, tg_w1_line(qa, grid, s, M) / unit, (double)(want / size), tol);
}

int main(void) {
    static const double ranges[][2] = {{0.4, 1.0}, {-1.0, 1.0}, {-31.0, 32.0}, {-2.5, -0.5}, {0.1, 3.0}, {1.0, 1.25}};
    static const double scales[] = {1e-3, 0.1, 1.0, 3.0, 1e3, 1e150, 1e300};
    double qa[M], grid[M];
    for (int trial = 0; trial < 400; trial++) {
        const double *r = ranges[trial % 6];
        for (int i = 0; i < M; i++) grid[i] = r[0] + (r[1] - r[0]) * i / (M - 1); /* as tg_reset makes it */
        /* B real slopes, each repeated M / B times, ascending: the quantile function on the grid's steps */
        int B = (int[]){1, 2, 4, 8, 16, 32, 64}[trial % 7];
        double slopes[M];
        for (int i = 0; i < B; i++) slopes[i] = trial % 5 == 0 ? -0.7 + 0.3 * rnd() : 4.0 * rnd() - 2.0;
        tg_sort(slopes, B);
        tg_quantile_steps(qa, slopes, B, M);
        tg_w1_table tab;
        tg_w1_table_make(&tab, qa, grid, M);
        int hint = 0;
        char what[80];
        snprintf(what, sizeof what, "trial %d (grid %g..%g, B %d)", trial, r[0], r[1], B);
        for (int j = 0; j < 40; j++) {
            double s = scales[j % 7] * (2.0 * rnd() - 1.0);
            compare(what, &tab, qa, grid, s, &hint);
        }
        /* on the breakpoints themselves, and either side of them, where a term changes sign */
        for (int k = 0; k < M; k += 7) {
            for (int sign = 0; sign < 2; sign++) {
                double b = grid[sign ? M - 1 - k : k];
                if (b == 0.0) continue;
                double t = qa[k] / b;
                if ((t >= 0) == (sign == 0)) {
                    compare(what, &tab, qa, grid, t, &hint);
                    compare(what, &tab, qa, grid, nextafter(t, 1e308), &hint);
                    compare(what, &tab, qa, grid, nextafter(t, -1e308), &hint);
                }
            }
        }
        compare(what, &tab, qa, grid, 0.0, &hint);
        compare(what, &tab, qa, grid, -0.0, &hint);
    }
    /* a stale or nonsense hint is only a place to start */
    tg_w1_table tab;
    tg_w1_table_make(&tab, qa, grid, M);
    int bad[] = {-5, 0, M / 2, M, M + 7};
    for (int i = 0; i < 5; i++) compare("any hint", &tab, qa, grid, 0.37, &bad[i]);
    return check_summary("measures (W1 of a linear generator's slopes, table and pass, vs long double)");
}
