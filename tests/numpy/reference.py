#!/usr/bin/python3
"""An independent numpy model of tinygan's training run (SPEC sections 1 and 2, plus `nodes` and the
latent range of section 5), used as the oracle by differential.py.

It is deliberately plain numpy with the legacy global RandomState (np.random.seed & co.), and every
floating-point expression is evaluated in the same order as the e-book chapter's code does it:
elementwise products and sums across the batch, `np.mean` of 1-D arrays for every average,
the discriminator's logit accumulated node by node from the first (((w0*x0 + w1*x1) + w2*x2) + c),
the generator's bias gradient as the mean of the node-by-node running sum of dO, and losses
-mean(log(yhat + 1e-8)) and -mean(log(1 - yhat + 1e-8)).

Images are held "node-major": an array of shape (nodes, rows), so that row k is the k-th input node
(the chapter's I5, I6, I7 ...) across the whole batch. Only the JSON output is row-major.

Run with Debian's /usr/bin/python3 (python3-numpy). Usage:

    /usr/bin/python3 tests/numpy/reference.py --seed 42 --epochs 10000 --batch 32 \
        --lr-g 0.001 --lr-d 0.001 [--nodes 3] [--latent-lo 0.4] [--latent-hi 1.0] [--sample 32]

It prints one JSON object: losses_d, losses_g (every epoch), generator and discriminator
{weights, bias}, real (the training images), sample {latent, images}, and first_nonfinite_epoch
(the first epoch after which a loss or a parameter is NaN/inf, else null; the run carries on
regardless, as numpy would).

Note for exact comparisons: numpy 1.24 on AVX512F machines evaluates float64 exp/log with its own
SIMD kernels, which can be 1 ulp away from the C library's. See differential.py.
"""
import argparse
import json
import sys

import numpy as np


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


def generate(latent, w, b):
    """Linear generator: node j of every image is w_j * latent + b. Shape (nodes, len(latent))."""
    return w[:, None] * latent[None, :] + b


def make_real(batch, nodes):
    """The training images: all slopes first, then `nodes` residuals per image, each image shifted to mean 0.5."""
    slope = np.random.uniform(-0.4, -0.7, size=batch)
    noise = np.random.normal(0.0, 0.02, size=(batch, nodes))  # row-major: image after image, as drawn
    rows = slope[:, None] * np.arange(1, nodes + 1) + noise
    for r in rows:
        r += 0.5 - np.mean(r)
    return rows


def d_gradient(nodes_by_row, target, w, c):
    err = discriminate(nodes_by_row, w, c) - target
    gw = np.array([np.mean(err * nodes_by_row[k]) for k in range(len(w))])
    return gw, np.mean(err)


def g_gradient(latent, gw, gb, dw, dc):
    err = discriminate(generate(latent, gw, gb), dw, dc) - 1
    d_out = err[None, :] * dw[:, None]  # d loss / d O_j, one row per generator output node
    grad_w = np.array([np.mean(d_out[j] * latent) for j in range(len(gw))])
    total = d_out[0]
    for j in range(1, len(gw)):
        total = total + d_out[j]
    return grad_w, np.mean(total)


def all_finite(*values):
    return all(np.all(np.isfinite(v)) for v in values)


def run(seed, epochs, batch, lr_g, lr_d, nodes=3, latent_lo=0.4, latent_hi=1.0, sample=0):
    np.random.seed(seed)
    gen_w = np.random.randn(nodes) * 0.1
    gen_b = 0.0
    dis_w = np.random.randn(nodes) * 0.1
    dis_b = 0.0
    real_rows = make_real(batch, nodes)
    real = np.ascontiguousarray(real_rows.T)
    target = np.concatenate([np.ones(batch), np.zeros(batch)])

    hist_d, hist_g = [], []
    first_bad = None
    for epoch in range(epochs):
        z_fake = np.random.uniform(latent_lo, latent_hi, batch)
        fake = generate(z_fake, gen_w, gen_b)
        both = np.concatenate([real, fake], axis=1)
        step_w, step_b = d_gradient(both, target, dis_w, dis_b)
        dis_w = dis_w - lr_d * step_w
        dis_b = dis_b - lr_d * step_b

        z_gen = np.random.uniform(latent_lo, latent_hi, batch)
        step_w, step_b = g_gradient(z_gen, gen_w, gen_b, dis_w, dis_b)
        gen_w = gen_w - lr_g * step_w
        gen_b = gen_b - lr_g * step_b

        on_real = discriminate(real, dis_w, dis_b)
        on_fake = discriminate(fake, dis_w, dis_b)
        loss_d = -np.mean(np.log(on_real + 1e-8)) + -np.mean(np.log(1 - on_fake + 1e-8))
        on_gen = discriminate(generate(z_gen, gen_w, gen_b), dis_w, dis_b)
        loss_g = -np.mean(np.log(on_gen + 1e-8))
        hist_d.append(float(loss_d))
        hist_g.append(float(loss_g))
        if first_bad is None and not all_finite(loss_d, loss_g, gen_w, gen_b, dis_w, dis_b):
            first_bad = epoch

    z_test = np.random.uniform(latent_lo, latent_hi, sample)
    images = generate(z_test, gen_w, gen_b).T
    return {
        "losses_d": hist_d,
        "losses_g": hist_g,
        "generator": {"weights": gen_w.tolist(), "bias": float(gen_b)},
        "discriminator": {"weights": dis_w.tolist(), "bias": float(dis_b)},
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
    a = p.parse_args(argv)
    if not 0 <= a.seed <= 0xFFFFFFFF:
        p.error("--seed must be in 0..4294967295")
    if a.batch < 1 or a.nodes < 1 or a.epochs < 0 or a.sample < 0:
        p.error("--batch and --nodes must be >= 1, --epochs and --sample >= 0")
    with np.errstate(all="ignore"):  # a diverging run is reported, not warned about
        result = run(a.seed, a.epochs, a.batch, a.lr_g, a.lr_d, a.nodes, a.latent_lo, a.latent_hi, a.sample)
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
