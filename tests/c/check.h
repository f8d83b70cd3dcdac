/* check.h: the C tests' few helpers. A check that fails prints what, where, and by how much;
 * each test ends with one summary line and a non-zero exit code if anything failed. */
#ifndef TG_CHECK_H
#define TG_CHECK_H

#include <math.h>
#include <stdio.h>

#include "tinygan.h"

static int check_failures = 0, check_count = 0;
static double check_worst = -1.0;
static char check_worst_what[160] = "(none)";

/* |got - want| <= tol, remembering the worst difference seen. */
static inline void check_close(const char *what, double got, double want, double tol) {
    double diff = fabs(got - want);
    check_count++;
    if (diff > check_worst) {
        check_worst = diff;
        snprintf(check_worst_what, sizeof check_worst_what, "%s", what);
    }
    if (!(diff <= tol)) {
        check_failures++;
        fprintf(stderr, "FAIL %s: got %.17g, want %.17g, |diff| %.3g > tol %.3g\n", what, got, want, diff, tol);
    }
}

static inline void check_true(const char *what, int ok) {
    check_count++;
    if (!ok) {
        check_failures++;
        fprintf(stderr, "FAIL %s\n", what);
    }
}

static inline int check_summary(const char *suite) {
    printf("%s: %d checks, worst |diff| %.3g (%s); %d failed\n", suite, check_count, check_worst, check_worst_what,
           check_failures);
    return check_failures ? 1 : 0;
}

/* Series s of a run at epoch t (NaN if that epoch is not kept). */
static inline double at(tg_ctx *g, int s, double t) {
    double v = NAN;
    tg_series_copy(g, s, t, t + 1, &v);
    return v;
}

#endif
