#!/usr/bin/python3
"""An independent numpy model of tinygan's training run (SPEC sections 1, 2 and 5), used as the oracle
by differential.py.

It is deliberately plain numpy with the legacy global RandomState (np.random.seed & co.), and every
floating-point expression that feeds back into training is evaluated in the same order as the e-book
chapter's code does it: elementwise products and sums across the batch, `np.mean` of 1-D arrays for
every average (as `mean` below: np.add.reduce / n, bit for bit np.mean without its overhead), the
discriminator's logit accumulated node by node from the first (((w0*x0 + w1*x1) + w2*x2) + c), the
generator's bias gradient as the mean of the node-by-node running sum of its output gradients, and
losses -mean(log(yhat + 1e-8)) and -mean(log(1 - yhat + 1e-8)).

Section 5's options:
  --g-out sigmoid        O = sigmoid(w_j*L + b); the gradient at the pre-activation is dO * (O * (1 - O)).
  --g-loss minimax       generator step dz = -yhat; recorded loss_G = mean(log(1 - yhat + 1e-8)).
  --real fresh           a new real batch (all slopes, then the residuals image by image) at the start
                         of every discriminator step; the initial batch is still drawn after init.
  --d-steps k            k discriminator steps per epoch, each with its own latents; loss_D and the
                         discriminator's measures use the last one's real batch and fakes.
  --optimizer            sgd | momentum (v = mu*v + g; theta -= lr*v) | adam (beta^t by repeated
                         products), one state per network over [weights..., bias].

Per-epoch measures (after the epoch's updates; they never feed back into training, and are computed
here in a way of their own: see FitMeasures):
d_real / d_fake (mean D on the last discriminator step's real rows / fakes), accuracy (share of those
2B rows on the right side of 0.5), w1_slope (1-Wasserstein distance between the least-squares slopes
of the current real images and of the generator's profiles over 64 latents spanning the latent range),
mean_gap and sd_gap (mean over nodes of the gaps in per-node mean and population sd, same two sets).

Images are held "node-major": an array of shape (nodes, rows), so that row k is the k-th input node
(the chapter's I5, I6, I7 ...) across the whole batch. Only the JSON output is row-major.

Run with Debian's /usr/bin/python3 (python3-numpy). Usage:

    /usr/bin/python3 tests/numpy/reference.py --seed 42 --epochs 10000 --batch 32 \\
        --lr-g 0.001 --lr-d 0.001 [--nodes 3] [--latent-lo 0.4] [--latent-hi 1.0] [--sample 32] \\
        [--g-out linear|sigmoid] [--g-loss non-saturating|minimax] [--real fixed|fresh] \\
        [--d-steps K] [--optimizer sgd|momentum|adam] [--momentum MU]

It prints one JSON object: losses_d, losses_g (every epoch), measures {d_real, d_fake, accuracy,
w1_slope, mean_gap, sd_gap} (each a list, every epoch), measure_scale (every epoch: the largest
|value| among the real images and the grid's profiles, at least 1: the scale of the measures'
rounding errors), generator and discriminator {weights, bias}, real (the current real images at the
end), sample {latent, images}, and first_nonfinite_epoch (the first epoch after which a loss, a
parameter or a measure is NaN/inf, else null: where the C core stops with "diverged at epoch N"; the
run carries on regardless, as numpy would, with NaN measures once the parameters are no longer
finite).

Note for exact comparisons: numpy 1.24 on AVX512F machines evaluates float64 exp/log with its own
SIMD kernels, which can be 1 ulp away from the C library's. See differential.py.
"""
import argparse
import json
import math
import sys

import numpy as np

GRID = 64  # latents in the measures' fixed grid
MEASURES = ["d_real", "d_fake", "accuracy", "w1_slope", "mean_gap", "sd_gap"]


def mean(a):
    """np.mean of a 1-D float64 array, bit for bit (np.add.reduce's pairwise sum divided by the count),
    without np.mean's per-call overhead."""
    return np.add.reduce(a) / a.shape[0]


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def logits(nodes_by_row, w, c):
    """Discriminator pre-activation for every row: the weighted inputs summed from node 0 upward, then c."""
    acc = w[0] * nodes_by_row[0]
    for k in range(1, len(w)):
        acc = acc + w[k] * nodes_by_row[k]
    return acc + c


def discriminate(nodes_by_row, w, c):
    return sigmoid(logits(nodes_by_row, w, c))


def generate(latent, w, b, g_out="linear"):
    """Generator: node j of every image is w_j * latent + b, through the sigmoid when g_out is
    'sigmoid'. Shape (nodes, len(latent))."""
    pre = w[:, None] * latent[None, :] + b
    return sigmoid(pre) if g_out == "sigmoid" else pre


def make_real(batch, nodes):
    """The training images: all slopes first, then `nodes` residuals per image, each image shifted to mean 0.5."""
    slope = np.random.uniform(-0.4, -0.7, size=batch)
    noise = np.random.normal(0.0, 0.02, size=(batch, nodes))  # row-major: image after image, as drawn
    rows = slope[:, None] * np.arange(1, nodes + 1) + noise
    for r in rows:
        r += 0.5 - mean(r)
    return rows


def d_gradient(nodes_by_row, target, w, c):
    err = discriminate(nodes_by_row, w, c) - target
    gw = np.array([mean(err * nodes_by_row[k]) for k in range(len(w))])
    return gw, mean(err)


def g_gradient(latent, gw, gb, dw, dc, g_out="linear", g_loss="non-saturating"):
    out = generate(latent, gw, gb, g_out)
    yhat = discriminate(out, dw, dc)
    # d loss / d logit: non-saturating -log D(G(z)) gives yhat - 1, minimax log(1 - D(G(z))) gives -yhat
    err = -yhat if g_loss == "minimax" else yhat - 1
    d_out = err[None, :] * dw[:, None]  # d loss / d O_j, one row per generator output node
    if g_out == "sigmoid":
        d_out = d_out * (out * (1 - out))  # through the sigmoid: d loss / d pre-activation
    grad_w = np.array([mean(d_out[j] * latent) for j in range(len(gw))])
    total = d_out[0]
    for j in range(1, len(gw)):
        total = total + d_out[j]
    return grad_w, mean(total)


class Optimizer:
    """One network's update rule and state; theta and grad are vectors [weights..., bias]."""

    def __init__(self, kind, size, momentum=0.9):
        self.kind, self.mu = kind, momentum
        self.m = np.zeros(size)
        self.v = np.zeros(size)
        self.beta1_t = 1.0  # beta1^t and beta2^t as running products, t = this network's step count
        self.beta2_t = 1.0

    def step(self, theta, grad, lr):
        if self.kind == "sgd":
            return theta - lr * grad
        if self.kind == "momentum":
            self.v = self.mu * self.v + grad
            return theta - lr * self.v
        if self.kind == "adam":
            b1, b2, eps = 0.9, 0.999, 1e-8
            self.beta1_t *= b1
            self.beta2_t *= b2
            self.m = b1 * self.m + (1 - b1) * grad
            self.v = b2 * self.v + (1 - b2) * (grad * grad)
            m_hat = self.m / (1 - self.beta1_t)
            v_hat = self.v / (1 - self.beta2_t)
            return theta - lr * m_hat / (np.sqrt(v_hat) + eps)
        raise ValueError("unknown optimizer %r" % self.kind)


def all_finite(*values):
    return all(bool(np.isfinite(v).all()) for v in values)


# ---- measures -------------------------------------------------------------------------------------


class FitMeasures:
    """w1_slope, mean_gap and sd_gap of the generator's profiles over the fixed latent grid against
    the current real images. The real set's summary is recomputed only when the batch changes.

    Slopes are least-squares fits against positions 1..N through numpy's SVD pseudo-inverse of the
    design matrix [positions, 1]; W1 of two empirical distributions is the integral over u in (0, 1)
    of |Q_a(u) - Q_b(u)|, the quantile functions being step functions that change only at multiples
    of 1/len(a) and 1/len(b), integrated exactly on the common grid of 1/lcm steps. When the images
    are huge (a generator on its way to diverging) everything is computed on the images divided by a
    power of two, so that no intermediate (a square in the sd, say) overflows: a measure is finite
    whenever its true value is."""

    HUGE = 2.0 ** 500

    def __init__(self, nodes, batch, grid_latent, g_out):
        design = np.column_stack([np.arange(1, nodes + 1, dtype=float), np.ones(nodes)])
        self.slope_row = np.linalg.pinv(design)[0]
        self.grid_latent, self.g_out = grid_latent, g_out
        n, m = batch, len(grid_latent)
        lcm = n * m // math.gcd(n, m)
        cuts = sorted(set(range(0, lcm + 1, lcm // n)) | set(range(0, lcm + 1, lcm // m)))
        lo = np.array(cuts[:-1])
        self.ia, self.ib = lo // (lcm // n), lo // (lcm // m)  # quantile indices on each piece
        self.width = np.diff(cuts) / lcm
        self.real, self.real_summary = None, None

    def summary(self, nodes_by_row):
        """(sorted slopes, per-node mean, per-node population sd) of a set of images."""
        rows = nodes_by_row.shape[1]
        centre = np.add.reduce(nodes_by_row, axis=1) / rows
        spread = nodes_by_row - centre[:, None]
        sd = np.sqrt(np.add.reduce(spread * spread, axis=1) / rows)
        return np.sort(self.slope_row @ nodes_by_row), centre, sd

    def distances(self, a, b):
        (slopes_a, mean_a, sd_a), (slopes_b, mean_b, sd_b) = a, b
        w1 = np.sum(np.abs(slopes_a[self.ia] - slopes_b[self.ib]) * self.width)
        return float(w1), float(mean(np.abs(mean_a - mean_b))), float(mean(np.abs(sd_a - sd_b)))

    def __call__(self, real, gen_w, gen_b):
        """(w1_slope, mean_gap, sd_gap, scale): scale is the largest |value| among the images, at least 1."""
        made = generate(self.grid_latent, gen_w, gen_b, self.g_out)
        scale = max(1.0, float(np.max(np.abs(real))), float(np.max(np.abs(made))))
        if scale > self.HUGE:
            p = 2.0 ** math.frexp(scale)[1]
            w1, mean_gap, sd_gap = self.distances(self.summary(real / p), self.summary(made / p))
            return w1 * p, mean_gap * p, sd_gap * p, scale
        if self.real is not real:
            self.real, self.real_summary = real, self.summary(real)
        return self.distances(self.real_summary, self.summary(made)) + (scale,)


# ---- the run --------------------------------------------------------------------------------------


def run(seed, epochs, batch, lr_g, lr_d, nodes=3, latent_lo=0.4, latent_hi=1.0, sample=0, g_out="linear",
        g_loss="non-saturating", real_mode="fixed", d_steps=1, optimizer="sgd", momentum=0.9):
    np.random.seed(seed)
    gen = np.append(np.random.randn(nodes) * 0.1, 0.0)  # [lambda_12 .., b]
    dis = np.append(np.random.randn(nodes) * 0.1, 0.0)  # [lambda_58 .., c]
    real_rows = make_real(batch, nodes)
    real = np.ascontiguousarray(real_rows.T)
    target = np.concatenate([np.ones(batch), np.zeros(batch)])
    opt_g = Optimizer(optimizer, nodes + 1, momentum)
    opt_d = Optimizer(optimizer, nodes + 1, momentum)
    grid_latent = latent_lo + (latent_hi - latent_lo) * np.arange(GRID) / (GRID - 1)
    fit_measures = FitMeasures(nodes, batch, grid_latent, g_out)

    hist_d, hist_g = [], []
    hist_m = {k: [] for k in MEASURES}
    hist_scale = []  # the largest |value| among the images measured, at least 1
    first_bad = None
    for epoch in range(epochs):
        for _ in range(d_steps):
            if real_mode == "fresh":
                real_rows = make_real(batch, nodes)
                real = np.ascontiguousarray(real_rows.T)
            z_fake = np.random.uniform(latent_lo, latent_hi, batch)
            fake = generate(z_fake, gen[:-1], gen[-1], g_out)
            both = np.concatenate([real, fake], axis=1)
            step_w, step_b = d_gradient(both, target, dis[:-1], dis[-1])
            dis = opt_d.step(dis, np.append(step_w, step_b), lr_d)

        z_gen = np.random.uniform(latent_lo, latent_hi, batch)
        step_w, step_b = g_gradient(z_gen, gen[:-1], gen[-1], dis[:-1], dis[-1], g_out, g_loss)
        gen = opt_g.step(gen, np.append(step_w, step_b), lr_g)

        on_real = discriminate(real, dis[:-1], dis[-1])
        on_fake = discriminate(fake, dis[:-1], dis[-1])
        loss_d = -mean(np.log(on_real + 1e-8)) + -mean(np.log(1 - on_fake + 1e-8))
        on_gen = discriminate(generate(z_gen, gen[:-1], gen[-1], g_out), dis[:-1], dis[-1])
        if g_loss == "minimax":
            loss_g = mean(np.log(1 - on_gen + 1e-8))
        else:
            loss_g = -mean(np.log(on_gen + 1e-8))
        hist_d.append(float(loss_d))
        hist_g.append(float(loss_g))

        # the measures, once the parameters are no longer finite NaN (the run has diverged then)
        measured = dict.fromkeys(MEASURES, float("nan"))
        scale = float("nan")
        if all_finite(gen, dis):
            measured["d_real"] = float(mean(on_real))
            measured["d_fake"] = float(mean(on_fake))
            right = int(np.count_nonzero(on_real > 0.5)) + int(np.count_nonzero(on_fake < 0.5))
            measured["accuracy"] = right / (2 * batch)
            w1, mean_gap, sd_gap, scale = fit_measures(real, gen[:-1], gen[-1])
            measured.update(w1_slope=w1, mean_gap=mean_gap, sd_gap=sd_gap)
        for k in MEASURES:
            hist_m[k].append(measured[k])
        hist_scale.append(scale)
        # diverged: a loss, a parameter or a measure is not finite (nothing of the kind is recorded)
        if first_bad is None and not all_finite(loss_d, loss_g, gen, dis, list(measured.values())):
            first_bad = epoch

    z_test = np.random.uniform(latent_lo, latent_hi, sample)
    images = generate(z_test, gen[:-1], gen[-1], g_out).T
    return {
        "losses_d": hist_d,
        "losses_g": hist_g,
        "measures": hist_m,
        "measure_scale": hist_scale,
        "generator": {"weights": gen[:-1].tolist(), "bias": float(gen[-1])},
        "discriminator": {"weights": dis[:-1].tolist(), "bias": float(dis[-1])},
        "real": real_rows.tolist(),
        "sample": {"latent": z_test.tolist(), "images": images.tolist()},
        "first_nonfinite_epoch": first_bad,
    }


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--epochs", type=int, default=10000)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--lr-g", type=float, default=0.001)
    p.add_argument("--lr-d", type=float, default=0.001)
    p.add_argument("--nodes", type=int, default=3)
    p.add_argument("--latent-lo", type=float, default=0.4)
    p.add_argument("--latent-hi", type=float, default=1.0)
    p.add_argument("--sample", type=int, default=0)
    p.add_argument("--g-out", choices=["linear", "sigmoid"], default="linear")
    p.add_argument("--g-loss", choices=["non-saturating", "minimax"], default="non-saturating")
    p.add_argument("--real", choices=["fixed", "fresh"], default="fixed")
    p.add_argument("--d-steps", type=int, default=1)
    p.add_argument("--optimizer", choices=["sgd", "momentum", "adam"], default="sgd")
    p.add_argument("--momentum", type=float, default=0.9)
    a = p.parse_args(argv)
    if not 0 <= a.seed <= 0xFFFFFFFF:
        p.error("--seed must be in 0..4294967295")
    if a.batch < 1 or a.nodes < 2 or a.epochs < 0 or a.sample < 0:
        p.error("--batch must be >= 1, --nodes >= 2, --epochs and --sample >= 0")
    if not 1 <= a.d_steps <= 10:
        p.error("--d-steps must be in 1..10")
    if not 0 <= a.momentum <= 0.999:
        p.error("--momentum must be in 0..0.999")
    if not a.latent_lo < a.latent_hi:
        p.error("--latent-lo must be below --latent-hi")
    with np.errstate(all="ignore"):  # a diverging run is reported, not warned about
        result = run(a.seed, a.epochs, a.batch, a.lr_g, a.lr_d, a.nodes, a.latent_lo, a.latent_hi, a.sample,
                     a.g_out, a.g_loss, a.real, a.d_steps, a.optimizer, a.momentum)
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
