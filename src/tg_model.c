/* tg_model.c: forward/backward pairs of the chapter's generator and discriminator. The operation
 * order of every expression follows the chapter's numpy code: same rounding, same numbers. exp and
 * log are tg_libm's: musl's algorithms, batched, so that native and wasm builds agree bit for bit. */
#include "tg_model.h"

#include <stddef.h>

#include "tg_simd.h"
#include "tg_libm.h"
#include "tinygan.h" /* TG_MAX_NODES */

/* numpy's pairwise_sum for float64 (numpy/core/src/umath/loops_utils.h) of M series of terms at
 * once, in one pass over the rows: res[k] = the sum of TERM(k, i) over rows i < n, k < M, each series
 * added in exactly numpy's order: below 8 terms a plain loop; up to 128 terms eight interleaved
 * partial sums (here lanes 0-3 and 4-7 of two vectors, TERM4(k, i) being terms i..i+3), combined
 * ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7)), then the rest one by one. This is the block
 * case (n <= 128); pairwise_tree splits longer runs in two halves whose first is a multiple of 8, as
 * numpy does. A product summed here rounds as `np.mean(a * b)` does, without the array of products.
 * For a constant M the loops over k unroll and the partial sums stay in registers. */
#define PAIRWISE_BLOCK(res, M, n, TERM, TERM4)                                                                  \
    do {                                                                                                         \
        if ((n) < 8) {                                                                                           \
            for (int k = 0; k < (M); k++) (res)[k] = 0.0;                                                        \
            for (int i = 0; i < (n); i++)                                                                        \
                for (int k = 0; k < (M); k++) (res)[k] += TERM(k, i);                                            \
            break;                                                                                               \
        }                                                                                                        \
        tg_v4 lo_[MULTI_MAX], hi_[MULTI_MAX];                                                                    \
        for (int k = 0; k < (M); k++) {                                                                          \
            lo_[k] = TERM4(k, 0);                                                                                \
            hi_[k] = TERM4(k, 4);                                                                                \
        }                                                                                                        \
        int i_;                                                                                                  \
        for (i_ = 8; i_ < (n) - ((n) % 8); i_ += 8) {                                                            \
            for (int k = 0; k < (M); k++) {                                                                      \
                lo_[k] += TERM4(k, i_);                                                                          \
                hi_[k] += TERM4(k, i_ + 4);                                                                      \
            }                                                                                                    \
        }                                                                                                        \
        for (int k = 0; k < (M); k++)                                                                            \
            (res)[k] = ((lo_[k][0] + lo_[k][1]) + (lo_[k][2] + lo_[k][3])) +                                     \
                       ((hi_[k][0] + hi_[k][1]) + (hi_[k][2] + hi_[k][3]));                                      \
        for (; i_ < (n); i_++)                                                                                   \
            for (int k = 0; k < (M); k++) (res)[k] += TERM(k, i_);                                               \
    } while (0)
#define MULTI_MAX (TG_MAX_NODES + 1) /* one network's gradient: N weights and the bias */

/* A block kernel of PAIRWISE_BLOCK sums: the M sums over rows off .. off+n-1 (n <= 128) of args. */
typedef void pairwise_leaf(double *res, const void *args, int off, int n);

/* numpy's split of a run longer than 128 rows into halves (the first a multiple of 8), for the M
 * sums of leaf at once: res[k] = sum(first half) + sum(second half), as numpy recurses. */
static void pairwise_tree(double *res, int M, pairwise_leaf *leaf, const void *args, int off, int n) {
    if (n <= 128) {
        leaf(res, args, off, n);
        return;
    }
    int n2 = n / 2;
    n2 -= n2 % 8;
    double second[MULTI_MAX]; /* [M] */
    pairwise_tree(res, M, leaf, args, off, n2);
    pairwise_tree(second, M, leaf, args, off + n2, n - n2);
    for (int k = 0; k < M; k++) res[k] += second[k];
}

/* sum_i a[i] / n as np.mean returns it, from the pairwise sum s. */
static inline double mean_of_sum(double s, int n) {
    return (0.0 + s) / n;
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

/* The M sums over rows off .. off+n-1 (n <= 128) of the arrays a[k] [n], k < M, in one pass. */
KERNEL means_block(double *res, const double *const *a, int off, int n, int M) {
#define MS_TERM(k, i) a[k][off + (i)]
#define MS_TERM4(k, i) TG_LOAD4(a[k] + off + (i))
    PAIRWISE_BLOCK(res, M, n, MS_TERM, MS_TERM4);
#undef MS_TERM
#undef MS_TERM4
}

typedef struct means_args {
    const double *const *a;
    int M;
} means_args;

static void means_leaf(double *res, const void *args, int off, int n) {
    const means_args *m = args;
    means_block(res, m->a, off, n, m->M);
}

/* np.mean of each of the M arrays a[k] [n] (M a constant after inlining), in one pass. */
KERNEL means(double *res, const double *const *a, int n, int M) {
    if (n <= 128) {
        means_block(res, a, 0, n, M);
    } else {
        means_args args = {a, M};
        pairwise_tree(res, M, means_leaf, &args, 0, n);
    }
    for (int k = 0; k < M; k++) res[k] = mean_of_sum(res[k], n);
}

TG_CLONES_512 double tg_mean(const double *a, int n) {
    double m;
    means(&m, &a, n, 1);
    return m;
}

TG_CLONES_512 void tg_means(double *res, const double *const *a, int m, int n) {
#if defined(__wasm__)
    /* one pass per array: measured in Node, one pass for all five costs about 1,800 more
     * instructions per chapter epoch (the ten partial-sum vectors do not fit its registers) */
    for (int k = 0; k < m; k++) res[k] = tg_mean(a[k], n);
#else
    if (m == 5) means(res, a, n, 5); /* the epoch's five, unrolled */
    else means(res, a, n, m);
#endif
}

KERNEL generator_forward(double *restrict out, int ld, const double *restrict latent, int n,
                         const double *restrict gw, double b, int N) {
    for (int j = 0; j < N; j++) {
        double w = gw[j];
        for (int i = 0; i < n; i++) out[j * ld + i] = w * latent[i] + b;
    }
}

TG_CLONES_512 void tg_generator_forward(double *out, int ld, const double *latent, int n, int N, const double *gw, double b) {
    WITH_N(N, generator_forward, out, ld, latent, n, gw, b);
}

/* Row i's sum over nodes of dout, (dO_2 + dO_3) + dO_4 (numpy adds the node columns left to right):
 * one row, and four rows i..i+3. */
static inline __attribute__((always_inline)) double node_sum(const double *dout, int ld, int i, int N) {
    double s = dout[i];
    for (int j = 1; j < N; j++) s += dout[j * ld + i];
    return s;
}
#define NODE_SUM4(dout, ld, i, N) /* a macro: a vector-returning function would warn of its ABI */          \
    ({                                                                                                           \
        tg_v4 s_ = TG_LOAD4((dout) + (i));                                                                       \
        for (int j_ = 1; j_ < (N); j_++) s_ += TG_LOAD4((dout) + j_ * (ld) + (i));                               \
        s_;                                                                                                      \
    })

/* The generator's N + 1 gradient sums over rows off .. off+n-1 (n <= 128), in one pass:
 * res[j] = sum_i dO_ji * L_i for j < N, res[N] = sum_i (dO_2i + dO_3i + dO_4i). */
KERNEL generator_backward_block(double *res, const double *dout, int ld, const double *latent, int off, int n, int N) {
    const double *d = dout + off, *lat = latent + off;
#define GB_TERM(k, i) ((k) < N ? d[(k) * ld + (i)] * lat[i] : node_sum(d, ld, (i), N))
#define GB_TERM4(k, i) ((k) < N ? TG_LOAD4(d + (k) * ld + (i)) * TG_LOAD4(lat + (i)) : NODE_SUM4(d, ld, (i), N))
    PAIRWISE_BLOCK(res, N + 1, n, GB_TERM, GB_TERM4);
#undef GB_TERM
#undef GB_TERM4
}

typedef struct generator_backward_args {
    const double *dout, *latent;
    int ld, N;
} generator_backward_args;

static void generator_backward_leaf(double *res, const void *args, int off, int n) {
    const generator_backward_args *a = args;
    generator_backward_block(res, a->dout, a->ld, a->latent, off, n, a->N);
}

/* "Generator Back Propagation": dL/dlambda_1j = np.mean(dO_j * L), dL/db = np.mean(dO_2 + dO_3 + dO_4),
 * all N + 1 means in one pass over the rows. */
KERNEL generator_backward(double *dgw, double *dgb, const double *dout, int ld, const double *latent, int n, int N) {
    double s[MULTI_MAX]; /* [N + 1] */
    if (n <= 128) {
        generator_backward_block(s, dout, ld, latent, 0, n, N);
    } else {
        generator_backward_args a = {dout, latent, ld, N};
        pairwise_tree(s, N + 1, generator_backward_leaf, &a, 0, n);
    }
    for (int j = 0; j < N; j++) dgw[j] = mean_of_sum(s[j], n);
    *dgb = mean_of_sum(s[N], n);
}

TG_CLONES_512 void tg_generator_backward(double *dgw, double *dgb, const double *dout, int ld, const double *latent, int n,
                                     int N) {
    WITH_N(N, generator_backward, dgw, dgb, dout, ld, latent, n); /* the bias's row sums are added as made */
}

void tg_sigmoid_forward(double *out, const double *in, int n) {
    tg_sigmoid_n(out, in, n); /* 1 / (1 + exp(-x)), batched; bit-identical to the scalar expression */
}

TG_CLONES_512 void tg_sigmoid_backward(double *din, const double *dout, const double *out, int n) {
    for (int i = 0; i < n; i++) din[i] = dout[i] * (out[i] * (1.0 - out[i]));
}

KERNEL discriminator_logits(double *restrict z, const double *restrict in, int ld, int n,
                            const double *restrict dw, double c, int N) {
    double w[TG_MAX_NODES];
    for (int k = 0; k < N; k++) w[k] = dw[k];
    int i = 0;
#if TG_ROWS8
    for (; i + 8 <= n; i += 8) { /* eight rows at a time, then one */
        tg_v8 acc = w[0] * TG_LOAD8(in + i);
        for (int k = 1; k < N; k++) acc += w[k] * TG_LOAD8(in + k * ld + i);
        TG_STORE8(z + i, acc + c);
    }
#endif
    for (; i < n; i++) {
        double acc = w[0] * in[i]; /* ((w5 I5 + w6 I6) + w7 I7) + c, as numpy adds */
        for (int k = 1; k < N; k++) acc += w[k] * in[k * ld + i];
        z[i] = acc + c;
    }
}

TG_CLONES_512 void tg_discriminator_logits(double *z, const double *in, int ld, int n, int N, const double *dw, double c) {
    WITH_N(N, discriminator_logits, z, in, ld, n, dw, c);
}

void tg_discriminator_forward(double *yhat, const double *in, int ld, int n, int N, const double *dw, double c) {
    tg_discriminator_logits(yhat, in, ld, n, N, dw, c);
    tg_sigmoid_n(yhat, yhat, n);
}

/* The linear generator's images fed straight to the discriminator's logit, row by row: O_ki =
 * lambda_1k * L_i + b, z_i = ((w5 O_2i + w6 O_3i) + w7 O_4i) + c, each value rounded as the two
 * passes round it. The images go to out [N][ld] when store is 1 (a constant after inlining). */
KERNEL generator_logits(double *restrict z, double *restrict out, int ld, const double *restrict latent, int n,
                        const double *restrict gw, double b, const double *restrict dw, double c, int store, int N) {
    double wg[TG_MAX_NODES], wd[TG_MAX_NODES];
    for (int k = 0; k < N; k++) wg[k] = gw[k], wd[k] = dw[k];
    int i = 0;
#if TG_ROWS8
    for (; i + 8 <= n; i += 8) { /* eight rows at a time, then one */
        tg_v8 lat = TG_LOAD8(latent + i), o = wg[0] * lat + b, acc = wd[0] * o;
        if (store) TG_STORE8(out + i, o);
        for (int k = 1; k < N; k++) {
            o = wg[k] * lat + b;
            if (store) TG_STORE8(out + k * ld + i, o);
            acc += wd[k] * o;
        }
        TG_STORE8(z + i, acc + c);
    }
#endif
    for (; i < n; i++) {
        double lat = latent[i], o = wg[0] * lat + b, acc = wd[0] * o;
        if (store) out[i] = o;
        for (int k = 1; k < N; k++) {
            o = wg[k] * lat + b;
            if (store) out[k * ld + i] = o;
            acc += wd[k] * o;
        }
        z[i] = acc + c;
    }
}

TG_CLONES_512 void tg_generator_logits(double *z, double *out, int ld, const double *latent, int n, int N, const double *gw,
                                   double b, const double *dw, double c) {
    if (out) WITH_N(N, generator_logits, z, out, ld, latent, n, gw, b, dw, c, 1);
    else WITH_N(N, generator_logits, z, NULL, ld, latent, n, gw, b, dw, c, 0);
}

/* The discriminator's N + 1 gradient sums over rows off .. off+n-1 (n <= 128), in one pass:
 * res[k] = sum_i dz_i * I_ki for k < N, res[N] = sum_i dz_i. */
KERNEL discriminator_backward_block(double *res, const double *dz, const double *in, int ld, int off, int n, int N) {
    const double *d = dz + off, *x = in + off;
#define DB_TERM(k, i) ((k) < N ? d[i] * x[(k) * ld + (i)] : d[i])
#define DB_TERM4(k, i) ((k) < N ? TG_LOAD4(d + (i)) * TG_LOAD4(x + (k) * ld + (i)) : TG_LOAD4(d + (i)))
    PAIRWISE_BLOCK(res, N + 1, n, DB_TERM, DB_TERM4);
#undef DB_TERM
#undef DB_TERM4
}

typedef struct discriminator_backward_args {
    const double *dz, *in;
    int ld, N;
} discriminator_backward_args;

static void discriminator_backward_leaf(double *res, const void *args, int off, int n) {
    const discriminator_backward_args *a = args;
    discriminator_backward_block(res, a->dz, a->in, a->ld, off, n, a->N);
}

/* np.mean(dz * I_k) for each node and np.mean(dz), in one pass over the rows. */
KERNEL discriminator_backward(double *ddw, double *ddc, const double *dz, const double *in, int ld, int n, int N) {
    double s[MULTI_MAX]; /* [N + 1] */
    if (n <= 128) {
        discriminator_backward_block(s, dz, in, ld, 0, n, N);
    } else {
        discriminator_backward_args a = {dz, in, ld, N};
        pairwise_tree(s, N + 1, discriminator_backward_leaf, &a, 0, n);
    }
    for (int k = 0; k < N; k++) ddw[k] = mean_of_sum(s[k], n);
    *ddc = mean_of_sum(s[N], n);
}

TG_CLONES_512 void tg_discriminator_backward(double *ddw, double *ddc, const double *dz, const double *in, int ld, int n, int N) {
    WITH_N(N, discriminator_backward, ddw, ddc, dz, in, ld, n);
}

KERNEL discriminator_backward_input(double *restrict din, int ld, const double *restrict dz, int n,
                                    const double *restrict dw, int N) {
    for (int k = 0; k < N; k++) {
        double w = dw[k];
        for (int i = 0; i < n; i++) din[k * ld + i] = dz[i] * w;
    }
}

TG_CLONES_512 void tg_discriminator_backward_input(double *din, int ld, const double *dz, int n, int N, const double *dw) {
    WITH_N(N, discriminator_backward_input, din, ld, dz, n, dw);
}

TG_CLONES_512 void tg_bce_backward(double *dz, const double *yhat, int n, double y) {
    for (int i = 0; i < n; i++) dz[i] = yhat[i] - y;
}

TG_CLONES_512 void tg_minimax_backward(double *dz, const double *yhat, int n) {
    for (int i = 0; i < n; i++) dz[i] = -yhat[i];
}

TG_CLONES_512 void tg_bce_guard(double *out, const double *yhat, int n, double y) {
    if (y == 1.0)
        for (int i = 0; i < n; i++) out[i] = yhat[i] + 1e-8;
    else
        for (int i = 0; i < n; i++) out[i] = 1.0 - yhat[i] + 1e-8;
}
