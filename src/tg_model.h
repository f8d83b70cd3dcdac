/* tg_model.h: the chapter's forward and backward passes, in pairs. Images are node-major, as the
 * numpy reference holds them: [N][ld], node k of row i at [k*ld + i] (ld >= n: the batch may be a
 * part of a longer one). Means use numpy's pairwise summation order, so results match the
 * chapter's np.mean bit for bit. Scratch buffers are the caller's. */
#ifndef TG_MODEL_H
#define TG_MODEL_H

/* np.mean(a): numpy's pairwise sum of a[0..n-1], divided by n. */
double tg_mean(const double *a, int n);

/* np.mean of each of m arrays a[k] [n], k < m (m <= TG_MAX_NODES + 1), in one pass over the rows:
 * res [m] gets the same bits as m calls of tg_mean. */
void tg_means(double *res, const double *const *a, int m, int n);

/* Generator forward, "Generator Forward Pass" before its activation (the chapter's code stops here):
 * O_ij = lambda_1j * L_i + b.  out [N][ld], latent [n], gw [N]. */
void tg_generator_forward(double *out, int ld, const double *latent, int n, int N, const double *gw, double b);
/* Generator backward: dL/dlambda_1j = mean_i(dO_ij * L_i), dL/db = mean_i(sum_j dO_ij).
 * dgw [N], dgb [1]; dout [N][ld]; latent [n]. */
void tg_generator_backward(double *dgw, double *dgb, const double *dout, int ld, const double *latent, int n,
                           int N);

/* The sigmoid of the chapter's generator equations, O = sigma(z), elementwise; out may equal in. */
void tg_sigmoid_forward(double *out, const double *in, int n);
/* Its backward, "Backpropagation Through Generator": dL/dz = dL/dO * O(1 - O).  din may equal dout. */
void tg_sigmoid_backward(double *din, const double *dout, const double *out, int n);

/* Discriminator forward, "Discriminator Forward Pass": D_8 = sigma(sum_k lambda_k8 * I_k + c).
 * yhat [n]; in [N][ld]; dw [N]. */
void tg_discriminator_forward(double *yhat, const double *in, int ld, int n, int N, const double *dw, double c);
/* Its logits alone, z_i = sum_k lambda_k8 * I_ik + c (the sigmoid left to the caller, so that several
 * batches can share one tg_sigmoid_n).  z [n]; in [N][ld]; dw [N]. */
void tg_discriminator_logits(double *z, const double *in, int ld, int n, int N, const double *dw, double c);
/* The linear generator fused with the discriminator's logits, in one pass over the rows: the same
 * bits as tg_generator_forward, then tg_discriminator_logits on its images.  z [n]; out [N][ld] gets
 * the images, or NULL not to keep them; latent [n]; gw [N]; dw [N]. */
void tg_generator_logits(double *z, double *out, int ld, const double *latent, int n, int N, const double *gw,
                         double b, const double *dw, double c);
/* Discriminator backward to its parameters, "Discriminator Back Propagation":
 * dL/dlambda_k8 = mean_i(dz_i * I_ik), dL/dc = mean_i(dz_i).  ddw [N], ddc [1]; dz [n]; in [N][ld]. */
void tg_discriminator_backward(double *ddw, double *ddc, const double *dz, const double *in, int ld, int n, int N);
/* Discriminator backward to its inputs, "Generator Loss Derivative and Back Propagation Through the
 * Discriminator": dL/dI_ik = dz_i * lambda_k8.  din [N][ld]; dz [n]; dw [N]. */
void tg_discriminator_backward_input(double *din, int ld, const double *dz, int n, int N, const double *dw);

/* Binary cross-entropy's gradient at the logit, "Discriminator Loss Derivative": dz_i = yhat_i - y.
 * dz [n]; yhat [n]; label y for every row. */
void tg_bce_backward(double *dz, const double *yhat, int n, double y);
/* The min-max objective's generator gradient at the logit: d log(1 - yhat)/dz = -yhat. */
void tg_minimax_backward(double *dz, const double *yhat, int n);
/* The argument of the recorded losses' log (SPEC section 1, step 4), with the chapter's 1e-8 guard:
 * yhat + 1e-8 for label y = 1, 1 - yhat + 1e-8 for y = 0; the losses are -mean(log(...)) of it
 * (tinygan.c's epoch takes the logs and means of all three at once).  out [n] (may be yhat); yhat [n]. */
void tg_bce_guard(double *out, const double *yhat, int n, double y);

#endif
