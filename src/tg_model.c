/* tg_model.c: forward/backward pairs of the chapter's generator and discriminator. The operation
 * order of every expression follows the chapter's numpy code: same rounding, same numbers. exp and
 * log are tg_libm's: musl's algorithms, batched, so that native and wasm builds agree bit for bit. */
#include "tg_model.h"

#include "tg_libm.h"

/* numpy's pairwise_sum for float64 (numpy/core/src/umath/loops_utils.h): below 8 terms a plain
 * loop; up to 128 terms eight interleaved partial sums; beyond that split in two halves whose
 * first is a multiple of 8. */
static double pairwise_sum(const double *a, int n) {
    if (n < 8) {
        double res = 0.0;
        for (int i = 0; i < n; i++) res += a[i];
        return res;
    }
    if (n <= 128) {
        double r[8];
        for (int j = 0; j < 8; j++) r[j] = a[j];
        int i;
        for (i = 8; i < n - (n % 8); i += 8) {
            for (int j = 0; j < 8; j++) r[j] += a[i + j];
        }
        double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for (; i < n; i++) res += a[i];
        return res;
    }
    int n2 = n / 2;
    n2 -= n2 % 8;
    return pairwise_sum(a, n2) + pairwise_sum(a + n2, n - n2);
}

double tg_mean(const double *a, int n) {
    return (0.0 + pairwise_sum(a, n)) / n;
}

/* The N-dependent kernels are written once with N as their last parameter; the public functions
 * call them with N = 3, the chapter's, as a constant (the loops then unroll and vectorize) or with
 * the run's N. Same operations in the same order either way. */
#define KERNEL static inline __attribute__((always_inline)) void
#define WITH_N(N, kernel, ...)                                                                                   \
    do {                                                                                                         \
        if ((N) == 3) kernel(__VA_ARGS__, 3);                                                                    \
        else kernel(__VA_ARGS__, (N));                                                                           \
    } while (0)

KERNEL generator_forward(double *out, const double *latent, int n, const double *gw, double b, int N) {
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < N; j++) out[i * N + j] = gw[j] * latent[i] + b;
    }
}

void tg_generator_forward(double *out, const double *latent, int n, int N, const double *gw, double b) {
    WITH_N(N, generator_forward, out, latent, n, gw, b);
}

KERNEL generator_backward(double *dgw, double *dgb, const double *dout, const double *latent, int n,
                          double *scratch, int N) {
    for (int j = 0; j < N; j++) {
        for (int i = 0; i < n; i++) scratch[i] = dout[i * N + j] * latent[i];
        dgw[j] = tg_mean(scratch, n);
    }
    for (int i = 0; i < n; i++) {
        double s = dout[i * N]; /* (dO2 + dO3) + dO4: numpy adds left to right */
        for (int j = 1; j < N; j++) s += dout[i * N + j];
        scratch[i] = s;
    }
    *dgb = tg_mean(scratch, n);
}

void tg_generator_backward(double *dgw, double *dgb, const double *dout, const double *latent, int n, int N,
                           double *scratch) {
    WITH_N(N, generator_backward, dgw, dgb, dout, latent, n, scratch);
}

void tg_sigmoid_forward(double *out, const double *in, int n) {
    tg_sigmoid_n(out, in, n); /* 1 / (1 + exp(-x)), batched; bit-identical to the scalar expression */
}

void tg_sigmoid_backward(double *din, const double *dout, const double *out, int n) {
    for (int i = 0; i < n; i++) din[i] = dout[i] * (out[i] * (1.0 - out[i]));
}

KERNEL discriminator_logits(double *z, const double *in, int n, const double *dw, double c, int N) {
    for (int i = 0; i < n; i++) {
        const double *x = in + i * N;
        double acc = dw[0] * x[0]; /* ((w5 I5 + w6 I6) + w7 I7) + c, as numpy adds */
        for (int k = 1; k < N; k++) acc += dw[k] * x[k];
        z[i] = acc + c;
    }
}

void tg_discriminator_forward(double *yhat, const double *in, int n, int N, const double *dw, double c) {
    WITH_N(N, discriminator_logits, yhat, in, n, dw, c);
    tg_sigmoid_n(yhat, yhat, n);
}

KERNEL discriminator_backward(double *ddw, const double *dz, const double *in, int n, double *scratch, int N) {
    for (int k = 0; k < N; k++) {
        for (int i = 0; i < n; i++) scratch[i] = dz[i] * in[i * N + k];
        ddw[k] = tg_mean(scratch, n);
    }
}

void tg_discriminator_backward(double *ddw, double *ddc, const double *dz, const double *in, int n, int N,
                               double *scratch) {
    WITH_N(N, discriminator_backward, ddw, dz, in, n, scratch);
    *ddc = tg_mean(dz, n);
}

KERNEL discriminator_backward_input(double *din, const double *dz, int n, const double *dw, int N) {
    for (int i = 0; i < n; i++) {
        for (int k = 0; k < N; k++) din[i * N + k] = dz[i] * dw[k];
    }
}

void tg_discriminator_backward_input(double *din, const double *dz, int n, int N, const double *dw) {
    WITH_N(N, discriminator_backward_input, din, dz, n, dw);
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
