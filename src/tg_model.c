/* tg_model.c: forward/backward pairs of the chapter's generator and discriminator. The operation
 * order of every expression follows the chapter's numpy code: same rounding, same numbers. exp and
 * log are tg_libm's: musl's algorithms, batched, so that native and wasm builds agree bit for bit. */
#include "tg_model.h"

#include <stddef.h>

#include "tg_simd.h"
#include "tg_libm.h"
#include "tinygan.h" /* TG_MAX_NODES */

/* numpy's pairwise_sum for float64 (numpy/core/src/umath/loops_utils.h) of the terms TERM(i),
 * i < n: below 8 terms a plain loop; up to 128 terms eight interleaved partial sums (here lanes
 * 0-3 and 4-7 of two vectors, TERM4(i) being terms i..i+3); beyond that split in two halves whose
 * first is a multiple of 8. A product a[i] * b[i] summed here rounds exactly as numpy's
 * `np.mean(a * b)` does, without the array of products in between. */
#define PAIRWISE(name, TERM, TERM4)                                                                             \
    TG_CLONES static double name(const double *a, const double *b, int n) {                                   \
        if (n < 8) {                                                                                           \
            double res = 0.0;                                                                                  \
            for (int i = 0; i < n; i++) res += TERM(i);                                                        \
            return res;                                                                                        \
        }                                                                                                      \
        if (n <= 128) {                                                                                        \
            tg_v4 lo = TERM4(0), hi = TERM4(4);                                                                \
            int i;                                                                                             \
            for (i = 8; i < n - (n % 8); i += 8) {                                                             \
                lo += TERM4(i);                                                                                \
                hi += TERM4(i + 4);                                                                            \
            }                                                                                                  \
            double res = ((lo[0] + lo[1]) + (lo[2] + lo[3])) + ((hi[0] + hi[1]) + (hi[2] + hi[3]));           \
            for (; i < n; i++) res += TERM(i);                                                                 \
            return res;                                                                                        \
        }                                                                                                      \
        int n2 = n / 2;                                                                                        \
        n2 -= n2 % 8;                                                                                          \
        return name(a, b, n2) + name(a + n2, b ? b + n2 : b, n - n2);                                          \
    }
#define TERM_VALUE(i) a[i]
#define TERM_PRODUCT(i) (a[i] * b[i])
#define TERM4_VALUE(i) TG_LOAD4(a + (i))
#define TERM4_PRODUCT(i) (TG_LOAD4(a + (i)) * TG_LOAD4(b + (i)))
PAIRWISE(pairwise_sum, TERM_VALUE, TERM4_VALUE)
PAIRWISE(pairwise_dot, TERM_PRODUCT, TERM4_PRODUCT)

double tg_mean(const double *a, int n) {
    return (0.0 + pairwise_sum(a, NULL, n)) / n;
}

/* np.mean(a * b), bit for bit. */
static double mean_product(const double *a, const double *b, int n) {
    return (0.0 + pairwise_dot(a, b, n)) / n;
}

/* The N-dependent kernels are written once with N as their last parameter; the public functions
 * call them with N = 3, the chapter's, as a constant (the loops then unroll) or with the run's N.
 * Same operations in the same order either way. Images are node-major (node k of row i at
 * [k * ld + i]), so every inner loop runs over contiguous rows and vectorizes. */
#define KERNEL static inline __attribute__((always_inline)) void
#define WITH_N(N, kernel, ...)                                                                                   \
    do {                                                                                                         \
        if ((N) == 3) kernel(__VA_ARGS__, 3);                                                                    \
        else kernel(__VA_ARGS__, (N));                                                                           \
    } while (0)

KERNEL generator_forward(double *restrict out, int ld, const double *restrict latent, int n,
                         const double *restrict gw, double b, int N) {
    for (int j = 0; j < N; j++) {
        double w = gw[j];
        for (int i = 0; i < n; i++) out[j * ld + i] = w * latent[i] + b;
    }
}

TG_CLONES void tg_generator_forward(double *out, int ld, const double *latent, int n, int N, const double *gw, double b) {
    WITH_N(N, generator_forward, out, ld, latent, n, gw, b);
}

KERNEL generator_backward(double *dgw, double *dgb, const double *dout, int ld, const double *latent, int n,
                          double *scratch, int N) {
    for (int j = 0; j < N; j++) dgw[j] = mean_product(dout + j * ld, latent, n);
    for (int i = 0; i < n; i++) scratch[i] = dout[i]; /* (dO2 + dO3) + dO4: numpy adds left to right */
    for (int j = 1; j < N; j++) {
        for (int i = 0; i < n; i++) scratch[i] += dout[j * ld + i];
    }
    *dgb = tg_mean(scratch, n);
}

TG_CLONES void tg_generator_backward(double *dgw, double *dgb, const double *dout, int ld, const double *latent, int n,
                           int N, double *scratch) {
    WITH_N(N, generator_backward, dgw, dgb, dout, ld, latent, n, scratch);
}

void tg_sigmoid_forward(double *out, const double *in, int n) {
    tg_sigmoid_n(out, in, n); /* 1 / (1 + exp(-x)), batched; bit-identical to the scalar expression */
}

void tg_sigmoid_backward(double *din, const double *dout, const double *out, int n) {
    for (int i = 0; i < n; i++) din[i] = dout[i] * (out[i] * (1.0 - out[i]));
}

KERNEL discriminator_logits(double *restrict z, const double *restrict in, int ld, int n,
                            const double *restrict dw, double c, int N) {
    double w[TG_MAX_NODES];
    for (int k = 0; k < N; k++) w[k] = dw[k];
    for (int i = 0; i < n; i++) {
        double acc = w[0] * in[i]; /* ((w5 I5 + w6 I6) + w7 I7) + c, as numpy adds */
        for (int k = 1; k < N; k++) acc += w[k] * in[k * ld + i];
        z[i] = acc + c;
    }
}

TG_CLONES void tg_discriminator_forward(double *yhat, const double *in, int ld, int n, int N, const double *dw, double c) {
    WITH_N(N, discriminator_logits, yhat, in, ld, n, dw, c);
    tg_sigmoid_n(yhat, yhat, n);
}

TG_CLONES void tg_discriminator_backward(double *ddw, double *ddc, const double *dz, const double *in, int ld, int n, int N) {
    for (int k = 0; k < N; k++) ddw[k] = mean_product(dz, in + k * ld, n);
    *ddc = tg_mean(dz, n);
}

KERNEL discriminator_backward_input(double *restrict din, int ld, const double *restrict dz, int n,
                                    const double *restrict dw, int N) {
    for (int k = 0; k < N; k++) {
        double w = dw[k];
        for (int i = 0; i < n; i++) din[k * ld + i] = dz[i] * w;
    }
}

TG_CLONES void tg_discriminator_backward_input(double *din, int ld, const double *dz, int n, int N, const double *dw) {
    WITH_N(N, discriminator_backward_input, din, ld, dz, n, dw);
}

void tg_bce_backward(double *dz, const double *yhat, int n, double y) {
    for (int i = 0; i < n; i++) dz[i] = yhat[i] - y;
}

void tg_minimax_backward(double *dz, const double *yhat, int n) {
    for (int i = 0; i < n; i++) dz[i] = -yhat[i];
}

double tg_bce_real_loss(const double *yhat, int n, double *scratch) {
    for (int i = 0; i < n; i++) scratch[i] = yhat[i] + 1e-8;
    tg_log_n(scratch, scratch, n);
    return -tg_mean(scratch, n);
}

double tg_bce_fake_loss(const double *yhat, int n, double *scratch) {
    for (int i = 0; i < n; i++) scratch[i] = 1.0 - yhat[i] + 1e-8;
    tg_log_n(scratch, scratch, n);
    return -tg_mean(scratch, n);
}
