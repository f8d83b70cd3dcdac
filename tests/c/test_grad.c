/* test_grad.c: every backward pass against central finite differences of the loss it claims to
 * differentiate, for several batch sizes (2B > 128 takes numpy's split summation) and node counts,
 * and for each generator variant of SPEC section 5 (linear or sigmoid output; non-saturating or
 * min-max loss).
 * Step h = 1e-6; the truncation error is O(h^2) and the rounding error about 1e-16 / h, so the two
 * agree to ~1e-9: tolerance 1e-8 (absolute, for gradients of order 0.01..1). */
#include <math.h>
#include <stdlib.h>

#include "check.h"
#include "tg_model.h"
#include "tg_rng.h"

#define H 1e-6
#define TOL 1e-8
#define MAXN 16

/* Binary cross-entropy without the 1e-8 guard, over n rows of in [N][ld] with labels y[i]. */
static double bce(const double *in, int ld, const double *y, int n, int N, const double *dw, double c) {
    double *yhat = malloc(n * sizeof *yhat), s = 0.0;
    tg_discriminator_forward(yhat, in, ld, n, N, dw, c);
    for (int i = 0; i < n; i++) s += y[i] > 0.5 ? -log(yhat[i]) : -log(1.0 - yhat[i]);
    free(yhat);
    return s / n;
}

/* The generator's loss: non-saturating -mean(log D(G(L))) or min-max mean(log(1 - D(G(L)))), with a
 * linear or sigmoid output. */
static double gen_loss(const double *lat, int n, int N, const double *gw, double b, const double *dw, double c,
                       int sigmoid, int minimax) {
    double *img = malloc((size_t)n * N * sizeof *img), *y = malloc(n * sizeof *y);
    for (int i = 0; i < n; i++) y[i] = minimax ? 0.0 : 1.0;
    tg_generator_forward(img, n, lat, n, N, gw, b);
    if (sigmoid) tg_sigmoid_forward(img, img, n * N);
    double L = bce(img, n, y, n, N, dw, c); /* min-max: -mean(log(1 - D)), the negated objective */
    free(img);
    free(y);
    return minimax ? -L : L;
}

/* Central difference of f at *p, restoring *p. */
#define CENTRAL(p, expr)                                                                                         \
    ({                                                                                                           \
        double keep_ = *(p);                                                                                     \
        *(p) = keep_ + H;                                                                                        \
        double up_ = (expr);                                                                                     \
        *(p) = keep_ - H;                                                                                        \
        double down_ = (expr);                                                                                   \
        *(p) = keep_;                                                                                            \
        (up_ - down_) / (2 * H);                                                                                 \
    })

static void run_case(tg_rng *r, int B, int N) {
    int n2 = 2 * B;
    double gw[MAXN], dw[MAXN], gb = tg_rng_normal(r, 0, 0.3), c = tg_rng_normal(r, 0, 0.3);
    for (int k = 0; k < N; k++) {
        gw[k] = tg_rng_normal(r, 0, 0.5);
        dw[k] = tg_rng_normal(r, 0, 0.5);
    }
    double *x = malloc((size_t)n2 * N * sizeof *x), *y = malloc(n2 * sizeof *y), *lat = malloc(B * sizeof *lat);
    double *yhat = malloc(n2 * sizeof *yhat), *dz = malloc(n2 * sizeof *dz);
    double *gen = malloc((size_t)B * N * sizeof *gen), *dgen = malloc((size_t)B * N * sizeof *dgen);
    for (int i = 0; i < n2 * N; i++) x[i] = tg_rng_uniform(r, -1.5, 1.5);
    for (int i = 0; i < n2; i++) y[i] = i < B;
    for (int i = 0; i < B; i++) lat[i] = tg_rng_uniform(r, 0.4, 1.0);
    char what[128];

    /* discriminator parameters: dz = yhat - y, then the means */
    double ddw[MAXN], ddc;
    tg_discriminator_forward(yhat, x, n2, n2, N, dw, c);
    tg_bce_backward(dz, yhat, B, 1.0);
    tg_bce_backward(dz + B, yhat + B, B, 0.0);
    tg_discriminator_backward(ddw, &ddc, dz, x, n2, n2, N);
    for (int k = 0; k < N; k++) {
        snprintf(what, sizeof what, "B=%d N=%d dL_D/dlambda_%d8", B, N, k + 5);
        check_close(what, ddw[k], CENTRAL(&dw[k], bce(x, n2, y, n2, N, dw, c)), TOL);
    }
    snprintf(what, sizeof what, "B=%d N=%d dL_D/dc", B, N);
    check_close(what, ddc, CENTRAL(&c, bce(x, n2, y, n2, N, dw, c)), TOL);

    /* discriminator inputs, per row (one row of the batch: n = 1 within ld = 2B):
     * d(-log D(I_i))/dI_ik = (yhat_i - 1) lambda_k8 */
    double *din = malloc((size_t)n2 * N * sizeof *din), one = 1.0;
    tg_discriminator_forward(yhat, x, n2, n2, N, dw, c);
    tg_bce_backward(dz, yhat, n2, 1.0);
    tg_discriminator_backward_input(din, n2, dz, n2, N, dw);
    for (int i = 0; i < n2; i += (n2 > 8 ? n2 / 8 : 1)) {
        for (int k = 0; k < N; k++) {
            snprintf(what, sizeof what, "B=%d N=%d dL/dI row %d node %d", B, N, i, k);
            check_close(what, din[k * n2 + i], CENTRAL(&x[k * n2 + i], bce(x + i, n2, &one, 1, N, dw, c)), TOL);
        }
    }
    free(din);

    /* generator parameters through the discriminator: the chain of the generator step, per variant */
    static const char *const OUT[] = {"linear", "sigmoid"}, *const LOSS[] = {"non-saturating", "minimax"};
    for (int sig = 0; sig < 2; sig++) {
        for (int mm = 0; mm < 2; mm++) {
            double dgw[MAXN], dgb;
            tg_generator_forward(gen, B, lat, B, N, gw, gb);
            if (sig) tg_sigmoid_forward(gen, gen, B * N);
            tg_discriminator_forward(yhat, gen, B, B, N, dw, c);
            if (mm) tg_minimax_backward(dz, yhat, B);
            else tg_bce_backward(dz, yhat, B, 1.0);
            tg_discriminator_backward_input(dgen, B, dz, B, N, dw);
            if (sig) tg_sigmoid_backward(dgen, dgen, gen, B * N);
            tg_generator_backward(dgw, &dgb, dgen, B, lat, B, N);
            for (int j = 0; j < N; j++) {
                snprintf(what, sizeof what, "B=%d N=%d %s %s dL_G/dlambda_1%d", B, N, OUT[sig], LOSS[mm], j + 2);
                check_close(what, dgw[j], CENTRAL(&gw[j], gen_loss(lat, B, N, gw, gb, dw, c, sig, mm)), TOL);
            }
            snprintf(what, sizeof what, "B=%d N=%d %s %s dL_G/db", B, N, OUT[sig], LOSS[mm]);
            check_close(what, dgb, CENTRAL(&gb, gen_loss(lat, B, N, gw, gb, dw, c, sig, mm)), TOL);
        }
    }

    free(x), free(y), free(lat), free(yhat), free(dz), free(gen), free(dgen);
}

int main(void) {
    tg_rng r;
    tg_rng_seed(&r, 2024);
    const int batches[] = {1, 7, 32, 65, 100}, nodes[] = {2, 3, 8, 16};
    for (size_t b = 0; b < sizeof batches / sizeof *batches; b++)
        for (size_t n = 0; n < sizeof nodes / sizeof *nodes; n++) run_case(&r, batches[b], nodes[n]);
    return check_summary("test_grad");
}
