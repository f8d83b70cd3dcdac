#!/usr/bin/python3
"""Differential test: the native command line (the C core) against the independent numpy model in
reference.py, over many training configurations.

    /usr/bin/python3 tests/numpy/differential.py [build/native/tinygan] [--jobs 2] [--exact]

For every configuration both sides train from the same seed; every epoch's loss_D and loss_G and
per-epoch measures (d_real, d_fake, accuracy, w1_slope, mean_gap, sd_gap: the --losses CSV against
the reference's "measures"), the final generator and discriminator parameters, the JSON's last-epoch
losses and measures, and a sample drawn after training must agree to 1e-9 (absolute). A diverging
run must diverge at the same epoch on both sides and agree on every epoch before it.

The configurations:
- the chapter's default run and two deliberately diverging runs (SGD; momentum with fresh real data
  and 3 discriminator steps);
- RANDOM_CONFIGS drawn from the fixed META_SEED (so every run of this test uses the same ones) with
  the chapter's SGD and options: seeds across the whole uint32 range, batch sizes 1..128, learning
  rates log-uniform in 1e-4..0.5, up to 3000 epochs, 2..16 nodes and other latent ranges for some;
- one named configuration per SPEC section 5 option alone on the chapter's settings;
- OPTION_MIXES random mixes of section 5's options, from a stream of their own (META_SEED + 1, so
  the configurations above do not move): every value of gOut, gLoss, real and optimizer several
  times (sigmoid with minimax among them), dSteps 1..10 (fresh real data with up to 10 steps),
  momentum's mu in 0..0.99, Adam's and momentum's learning rates at most 0.05, 2..16 nodes.
The measures are computed independently by the reference (not in the C core's operation order), so
they may differ in the last bits: they must agree within the tolerance plus ROUNDING times the
epoch's image scale (see ROUNDING). The training values are the same operations in the same order
on both sides; they part only where the C library's exp/log, which numpy calls (see below), round
differently from musl's, which the core reproduces: glibc's use FMA on a CPU that has it and differ in
the last bit for about 1 exp in 2,000 (on this project's machine: up to 6.9e-15 over the 88
configurations, 35 of them bit-identical). With --exact the tolerance is 0: every training value must
be bit-identical (true against a musl-based numpy) and every measure within ROUNDING times its scale.

About numpy's exp/log (why NPY_DISABLE_CPU_FEATURES is set for the reference): on a CPU with AVX512F,
numpy 1.24 evaluates float64 np.exp and np.log with its own AVX512 kernels, which are within 1 ulp
but differ from the C library's exp/log (the ones the C core calls) in a sizeable fraction of inputs.
Disabling numpy's AVX512 dispatch makes numpy fall back to the C library's, the nearest numpy
comes to the core's musl exp/log (above). The variable must be in the environment before numpy is imported, hence it is set
for the reference subprocesses only. The chapter's default run is also repeated once with numpy's
default kernels to show that even then the results agree within 1e-12.

Prints one line per configuration with its worst absolute difference (and that of the measures),
and finally "N passed, M failed". Exit status 0 if all pass, 1 if any fails (each failure is named
with its worst difference), 2 if the test cannot run (e.g. the command line is missing).
"""
import argparse
import concurrent.futures
import csv
import json
import math
import os
import random
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
REFERENCE = os.path.join(HERE, "reference.py")
PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable

TOLERANCE = 1e-9          # every compared value, absolute
# The measures are computed independently (not bit for bit) and are allowed, on top of the tolerance,
# a rounding error of 64 ulp of the largest |value| among the images they measure (the reference's
# per-epoch "measure_scale", at least 1): about 1.4e-14 for the usual images of size ~1, but enough
# for a run whose generator has blown up to 1e270 just before it diverges, where a slope is the
# rounding noise of a cancellation in both implementations.
ROUNDING = 64 * 2.0 ** -52
DEFAULT_KERNEL_TOL = 1e-12  # the chapter run with numpy's own AVX512 exp/log
META_SEED = 20240917
RANDOM_CONFIGS = 40
LATENT_RANGES = [(0.0, 1.0), (-1.0, 1.0), (-2.5, -0.5), (0.1, 3.0), (1.0, 1.25)]  # besides the chapter's
OPTION_MIXES = 36
MEASURES = ["d_real", "d_fake", "accuracy", "w1_slope", "mean_gap", "sd_gap"]
CSV_HEADER = ["epoch", "loss_d", "loss_g"] + MEASURES

# numpy's AVX512 dispatch targets (numpy 1.24 names). Only those this machine actually has are
# disabled (asking numpy to disable a feature the CPU lacks makes it warn on import).
AVX512_TARGETS = ["AVX512F", "AVX512CD", "AVX512_SKX", "AVX512_CLX", "AVX512_CNL", "AVX512_ICL"]

# SPEC section 5's options at the chapter's behaviour
OPTION_DEFAULTS = dict(g_out="linear", g_loss="non-saturating", real="fixed", d_steps=1, optimizer="sgd",
                       momentum=0.9)
CHAPTER = dict(seed=42, epochs=10000, batch=32, lr_g=0.001, lr_d=0.001, nodes=3, latent_lo=0.4,
               latent_hi=1.0, sample=32, **OPTION_DEFAULTS)

# SPEC section 3: numpy's own numbers for the chapter run; they check the oracle itself.
GOLDEN = {
    "losses_d[0:3]": [1.3180919951137648, 1.318151555169224, 1.317840591114468],
    "real[0]": [0.8971437890889281, 0.528798401373235, 0.0740578095378377],
    "generator": [1.2724957973143578, 0.06647173330268544, -1.1105228801897191, 0.17715771812068573],
    "discriminator": [0.2801465200016475, 0.12343066157818416, -0.24578866741766076, -0.3560303553164916],
    "sample.latent[0:2]": [0.9792579695681579, 0.7104391859412003],
    "sample.images[0:2]": [1.423259368882758, 0.2422506927083496, -0.9103306626928814,
                           1.0811885964782966, 0.22438184221634616, -0.6118012528503755],
}


def log_uniform(rng, lo, hi):
    return float("%.4g" % math.exp(rng.uniform(math.log(lo), math.log(hi))))


def make_configs():
    """The chapter run, a deliberate divergence, RANDOM_CONFIGS from META_SEED, one configuration per
    section 5 option alone, OPTION_MIXES, then a second deliberate divergence with section 5's options."""
    configs = [dict(CHAPTER, name="chapter default"),
               dict(OPTION_DEFAULTS, name="diverges (lr 5)", seed=7, epochs=400, batch=16, lr_g=5.0, lr_d=5.0,
                    nodes=16, latent_lo=0.4, latent_hi=1.0, sample=4, expect_divergence=True)]
    rng = random.Random(META_SEED)
    # batches on numpy's pairwise-summation boundaries (means over B and 2B values: 8 and 128 terms)
    edge_batches = [1, 2, 3, 4, 7, 8, 9, 16, 31, 32, 33, 63, 64, 65, 100, 127, 128]
    for i in range(RANDOM_CONFIGS):
        c = dict(OPTION_DEFAULTS, name="random %d" % i, seed=rng.randrange(2**32))
        c["batch"] = rng.randint(1, 128) if rng.random() < 0.5 else rng.choice(edge_batches)
        c["lr_g"] = log_uniform(rng, 1e-4, 0.5)
        c["lr_d"] = log_uniform(rng, 1e-4, 0.5)
        c["epochs"] = rng.randint(1, 40) if rng.random() < 0.15 else rng.randint(200, 3000)
        c["nodes"] = 3 if rng.random() < 0.5 else rng.randint(2, 16)
        u = rng.random()
        if u < 0.5:
            c["latent_lo"], c["latent_hi"] = 0.4, 1.0
        elif u < 0.75:
            c["latent_lo"], c["latent_hi"] = rng.choice(LATENT_RANGES)
        else:
            lo = round(rng.uniform(-3.0, 2.0), 3)
            c["latent_lo"], c["latent_hi"] = lo, round(lo + rng.uniform(0.05, 3.0), 3)
        c["sample"] = rng.choice([0, 1, rng.randint(2, 64)])
        configs.append(c)
    # make sure the extremes are in, whatever the draw gave
    forced = [("seed", 0), ("seed", 4294967295), ("batch", 1), ("batch", 127), ("batch", 128),
              ("nodes", 2), ("nodes", 16)]
    for (key, value), c in zip(forced, configs[2:]):
        c[key] = value
    configs += option_alone_configs()
    configs += option_mixes()
    configs.append(dict(OPTION_DEFAULTS, name="diverges (momentum, fresh, dSteps 3)", seed=11, epochs=400,
                        batch=16, lr_g=3.0, lr_d=3.0, nodes=5, latent_lo=0.4, latent_hi=1.0, sample=2,
                        optimizer="momentum", real="fresh", d_steps=3, expect_divergence=True))
    return configs


def option_alone_configs():
    """Each section 5 option alone, everything else the chapter's run."""
    alone = [("gOut sigmoid", dict(g_out="sigmoid")),
             ("gLoss minimax", dict(g_loss="minimax")),
             ("real fresh", dict(real="fresh")),
             ("dSteps 5", dict(d_steps=5, epochs=4000)),
             ("optimizer momentum (mu 0.9)", dict(optimizer="momentum")),
             ("optimizer adam", dict(optimizer="adam")),
             ("momentum 0.5 (optimizer sgd)", dict(momentum=0.5)),
             ("nodes 8", dict(nodes=8)),
             ("latent range [-1, 1]", dict(latent_lo=-1.0, latent_hi=1.0))]
    return [dict(CHAPTER, name="alone: " + name, **change) for name, change in alone]


def option_mixes():
    """OPTION_MIXES random mixes of section 5's options, from META_SEED + 1."""
    rng = random.Random(META_SEED + 1)
    n = OPTION_MIXES

    def balanced(values):  # every value about equally often, in random order
        out = [values[i % len(values)] for i in range(n)]
        rng.shuffle(out)
        return out

    g_outs = balanced(["linear", "sigmoid"])
    g_losses = balanced(["non-saturating", "minimax"])
    reals = balanced(["fixed", "fresh"])
    optimizers = balanced(["sgd", "momentum", "adam"])
    mixes = []
    for i in range(n):
        c = dict(name="mix %d" % i, seed=rng.randrange(2**32), g_out=g_outs[i], g_loss=g_losses[i],
                 real=reals[i], optimizer=optimizers[i])
        c["d_steps"] = 1 if rng.random() < 0.3 else rng.randint(2, 10)
        c["momentum"] = round(rng.uniform(0.0, 0.99), 4) if rng.random() < 0.8 else rng.choice([0.0, 0.99])
        lr_max = 0.5 if c["optimizer"] == "sgd" else 0.05
        c["lr_g"] = log_uniform(rng, 1e-4, lr_max)
        c["lr_d"] = log_uniform(rng, 1e-4, lr_max)
        c["batch"] = rng.randint(1, 128) if rng.random() < 0.6 else rng.choice([1, 2, 7, 8, 9, 32, 64, 65, 128])
        c["nodes"] = 3 if rng.random() < 0.3 else rng.randint(2, 16)
        u = rng.random()
        if u < 0.6:
            c["latent_lo"], c["latent_hi"] = 0.4, 1.0
        else:
            c["latent_lo"], c["latent_hi"] = rng.choice(LATENT_RANGES)
        # about 3000 discriminator steps at most, fewer epochs the more steps each one takes
        top = max(200, min(1500, 3000 // c["d_steps"]))
        c["epochs"] = rng.randint(1, 30) if rng.random() < 0.1 else rng.randint(100, top)
        c["sample"] = rng.choice([0, 1, rng.randint(2, 64)])
        mixes.append(c)
    # sigmoid generators trained by the min-max loss, with each optimizer, whatever the draw gave
    for c, opt in zip(mixes[:3], ["sgd", "momentum", "adam"]):
        c.update(g_out="sigmoid", g_loss="minimax", optimizer=opt)
        if opt != "sgd":
            c["lr_g"], c["lr_d"] = min(c["lr_g"], 0.05), min(c["lr_d"], 0.05)
    # fresh real data with the most discriminator steps, and the extremes of mu and nodes
    mixes[3].update(real="fresh", d_steps=10, epochs=min(mixes[3]["epochs"], 300))
    mixes[4].update(real="fresh", d_steps=7, optimizer="adam", lr_g=min(mixes[4]["lr_g"], 0.05),
                    lr_d=min(mixes[4]["lr_d"], 0.05), epochs=min(mixes[4]["epochs"], 400))
    mixes[5].update(optimizer="momentum", momentum=0.99, lr_g=min(mixes[5]["lr_g"], 0.05),
                    lr_d=min(mixes[5]["lr_d"], 0.05))
    mixes[6].update(optimizer="momentum", momentum=0.0, lr_g=min(mixes[6]["lr_g"], 0.05),
                    lr_d=min(mixes[6]["lr_d"], 0.05))
    mixes[7]["nodes"] = 2
    mixes[8]["nodes"] = 16
    return mixes


def describe(c):
    text = ("seed=%d epochs=%d batch=%d lr_g=%r lr_d=%r nodes=%d latent=[%r, %r] sample=%d"
            % (c["seed"], c["epochs"], c["batch"], c["lr_g"], c["lr_d"], c["nodes"], c["latent_lo"],
               c["latent_hi"], c["sample"]))
    changed = [k for k in OPTION_DEFAULTS if c[k] != OPTION_DEFAULTS[k]]
    if c["optimizer"] == "momentum" and "momentum" not in changed:
        changed.append("momentum")
    return text + "".join(" %s=%s" % (k, c[k]) for k in OPTION_DEFAULTS if k in changed)


def cost(c):
    """Roughly microseconds of numpy time."""
    d_step = 40 + 5 * c["nodes"] + (60 + 2 * c["batch"] if c["real"] == "fresh" else 0)
    return c["epochs"] * (140 + 16 * c["nodes"] + c["d_steps"] * d_step)


def option_args(c):
    """Section 5's flags, the same names on both sides."""
    return ["--g-out", c["g_out"], "--g-loss", c["g_loss"], "--real", c["real"], "--d-steps", str(c["d_steps"]),
            "--optimizer", c["optimizer"], "--momentum", repr(c["momentum"])]


# ---------------------------------------------------------------------------------------------------
# numpy's exp/log kernels


PROBE = r"""
import json, math, numpy as np
import numpy.core._multiarray_umath as m
x = np.random.RandomState(0).uniform(-30.0, 30.0, 20000)
y = np.random.RandomState(1).uniform(1e-8, 3.0, 20000)
ex, lg = np.exp(x), np.log(y)
print(json.dumps({
    "version": np.__version__,
    "present": [f for f in m.__cpu_dispatch__ if m.__cpu_features__.get(f)],
    "exp_vs_libm": sum(float(a) != math.exp(float(b)) for a, b in zip(ex, x)) / len(x),
    "log_vs_libm": sum(float(a) != math.log(float(b)) for a, b in zip(lg, y)) / len(y),
}))
"""


def probe_numpy(env):
    out = subprocess.run([PYTHON, "-c", PROBE], env=env, capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError("cannot run numpy under %s: %s" % (PYTHON, out.stderr.strip()))
    return json.loads(out.stdout)


def numpy_envs():
    """(env for exact runs, env with numpy's default kernels, report lines)."""
    default_env = dict(os.environ)
    default_env.pop("NPY_DISABLE_CPU_FEATURES", None)
    default_env.pop("NPY_ENABLE_CPU_FEATURES", None)
    before = probe_numpy(default_env)
    disable = [f for f in AVX512_TARGETS if f in before["present"]]
    libm_env = dict(default_env)
    if disable:
        libm_env["NPY_DISABLE_CPU_FEATURES"] = " ".join(disable)
    after = probe_numpy(libm_env)
    lines = ["numpy %s at %s; AVX512 targets on this CPU: %s"
             % (before["version"], PYTHON, " ".join(disable) or "none"),
             "  default kernels: np.exp differs from libm exp in %.1f%%, np.log from libm log in %.1f%% of inputs"
             % (100 * before["exp_vs_libm"], 100 * before["log_vs_libm"]),
             "  NPY_DISABLE_CPU_FEATURES=%r: %.1f%% and %.1f%%"
             % (libm_env.get("NPY_DISABLE_CPU_FEATURES", ""), 100 * after["exp_vs_libm"],
                100 * after["log_vs_libm"])]
    if after["exp_vs_libm"] or after["log_vs_libm"]:
        lines.append("  WARNING: numpy still does not use libm's exp/log; expect ulp-level differences")
    return libm_env, default_env, lines


# ---------------------------------------------------------------------------------------------------
# running both sides


def run_native(cli, c, tmpdir, tag):
    losses_path = os.path.join(tmpdir, "losses-%s.csv" % tag)
    cmd = [cli, "train", "--seed", str(c["seed"]), "--epochs", str(c["epochs"]), "--batch", str(c["batch"]),
           "--lr-g", repr(c["lr_g"]), "--lr-d", repr(c["lr_d"]), "--nodes", str(c["nodes"]),
           "--latent-lo", repr(c["latent_lo"]), "--latent-hi", repr(c["latent_hi"]), "--print-every", "0",
           "--json", "--sample", str(c["sample"]), "--losses", losses_path] + option_args(c)
    p = subprocess.run(cmd, capture_output=True, text=True)
    out = {"rc": p.returncode, "stderr": p.stderr.strip(), "cmd": " ".join(cmd)}
    if p.returncode in (0, 3) and os.path.exists(losses_path):
        with open(losses_path, newline="") as f:
            rows = list(csv.reader(f))
        if rows[0] != CSV_HEADER:
            raise ValueError("unexpected losses header %r (expected %r)" % (rows[0], CSV_HEADER))
        if any(len(r) != len(CSV_HEADER) for r in rows[1:]):
            raise ValueError("a losses row has not %d columns: %s" % (len(CSV_HEADER), " ".join(cmd)))
        out["epochs"] = [int(r[0]) for r in rows[1:]]
        out["losses_d"] = [float(r[1]) for r in rows[1:]]
        out["losses_g"] = [float(r[2]) for r in rows[1:]]
        out["measures"] = {name: [float(r[3 + k]) for r in rows[1:]] for k, name in enumerate(MEASURES)}
    if p.returncode == 0:
        out["json"] = json.loads(p.stdout.strip().splitlines()[-1])
    if p.returncode == 3:
        m = re.search(r"diverged at epoch (\d+)", p.stderr)
        out["diverged_at"] = int(m.group(1)) if m else None
    return out


def run_reference(c, env):
    cmd = [PYTHON, REFERENCE, "--seed=%d" % c["seed"], "--epochs=%d" % c["epochs"], "--batch=%d" % c["batch"],
           "--lr-g=%r" % c["lr_g"], "--lr-d=%r" % c["lr_d"], "--nodes=%d" % c["nodes"],
           "--latent-lo=%r" % c["latent_lo"], "--latent-hi=%r" % c["latent_hi"], "--sample=%d" % c["sample"]]
    cmd += [a + "=" + v for a, v in zip(option_args(c)[0::2], option_args(c)[1::2])]
    t0 = time.time()
    p = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError("reference failed (exit %d): %s\n  %s" % (p.returncode, p.stderr.strip(), " ".join(cmd)))
    ref = json.loads(p.stdout)
    ref["seconds"] = time.time() - t0
    return ref


# ---------------------------------------------------------------------------------------------------
# comparing


def pair_diff(x, y):
    """|x - y|, or None when the two are the same value (NaN matches NaN, inf matches inf); a
    difference that is itself NaN (inf against -inf) counts as infinite."""
    if x == y or (x != x and y != y):
        return None
    d = abs(x - y)
    return math.inf if d != d else d


def worst_diff(a, b):
    """Largest absolute difference of two equally long lists of numbers; NaN == NaN, inf == inf."""
    if len(a) != len(b):
        return math.inf, "length %d vs %d" % (len(a), len(b))
    worst, unequal = 0.0, 0
    for x, y in zip(a, b):
        d = pair_diff(x, y)
        if d is None:
            continue
        unequal += 1
        worst = max(worst, d)
    return worst, unequal


def measure_diff(a, b, scale, tol):
    """(worst absolute difference, count not bit-identical, count beyond tolerance, worst share of
    the allowance used) of a measure's values a against the reference's b, where the allowance
    (tolerance) of value t is tol + ROUNDING * scale[t]."""
    if len(a) != len(b) or len(b) > len(scale):
        return math.inf, "length %d vs %d" % (len(a), len(b)), 1, math.inf
    worst, unequal, beyond, share = 0.0, 0, 0, 0.0
    for x, y, m in zip(a, b, scale):
        d = pair_diff(x, y)
        if d is None:
            continue
        unequal += 1
        worst = max(worst, d)
        share = max(share, d / (tol + ROUNDING * m)) if m == m else math.inf
        if not d <= tol + ROUNDING * m:
            beyond += 1
    return worst, unequal, beyond, share


def params_of(block, nodes):
    return list(block["weights"]) + [block["bias"]] if len(block["weights"]) == nodes else None


def compare(c, native, ref, tol):
    """Returns a dict: ok, worst, parts {name: (worst, unequal count)} of the training values,
    measures_worst, measures {name: (worst, unequal count, count beyond tolerance)}, notes [str].

    The training values (losses, parameters, sample) must agree within tol. The measures, which the
    reference computes its own way, within tol + ROUNDING * scale (scale: the reference's
    measure_scale of that epoch, the largest |value| among the images measured, at least 1)."""
    parts, measures, notes = {}, {}, []
    ok = True
    failed = {"ok": False, "worst": math.inf, "parts": {}, "measures_worst": math.inf, "measures_share": math.inf,
              "measures": {}}

    if native["rc"] not in (0, 3):
        return dict(failed, notes=["native exited %d: %s" % (native["rc"], native["stderr"])])
    if "losses_d" not in native:
        return dict(failed, notes=["native wrote no losses file"])

    if native["rc"] == 3:
        t = native.get("diverged_at")
        if t is None:
            return dict(failed, notes=["native exited 3 without 'diverged at epoch N': %s" % native["stderr"]])
        notes.append("diverged at epoch %d" % t)
        if ref["first_nonfinite_epoch"] != t:
            ok = False
            notes.append("but the reference's first non-finite epoch is %r" % ref["first_nonfinite_epoch"])
        if native["epochs"] != list(range(t)):
            ok = False
            notes.append("native losses file does not hold exactly epochs 0..%d" % (t - 1))
        parts["losses_d"] = worst_diff(native["losses_d"], ref["losses_d"][:t])
        parts["losses_g"] = worst_diff(native["losses_g"], ref["losses_g"][:t])
        for name in MEASURES:
            measures[name] = measure_diff(native["measures"][name], ref["measures"][name][:t],
                                          ref["measure_scale"], tol)
    else:
        if ref["first_nonfinite_epoch"] is not None:
            ok = False
            notes.append("reference went non-finite at epoch %d but native finished"
                         % ref["first_nonfinite_epoch"])
        if native["epochs"] != list(range(c["epochs"])):
            ok = False
            notes.append("native losses file does not hold exactly epochs 0..%d" % (c["epochs"] - 1))
        j = native["json"]
        if j.get("epoch") != c["epochs"]:
            ok = False
            notes.append("native JSON epoch %r" % j.get("epoch"))
        parts["losses_d"] = worst_diff(native["losses_d"], ref["losses_d"])
        parts["losses_g"] = worst_diff(native["losses_g"], ref["losses_g"])
        for name in MEASURES:
            measures[name] = measure_diff(native["measures"][name], ref["measures"][name], ref["measure_scale"],
                                          tol)
        if c["epochs"] > 0:
            parts["last loss"] = worst_diff([j["loss_d"], j["loss_g"]], [ref["losses_d"][-1], ref["losses_g"][-1]])
            m = j.get("measures") or {}
            if sorted(m) != sorted(MEASURES) or any(m[k] is None for k in MEASURES):
                ok = False
                notes.append("native JSON measures %r" % (m,))
            else:
                measures["last measures"] = measure_diff([m[k] for k in MEASURES],
                                                         [ref["measures"][k][-1] for k in MEASURES],
                                                         [ref["measure_scale"][-1]] * len(MEASURES), tol)
        for net in ("generator", "discriminator"):
            mine = params_of(j[net], c["nodes"])
            if mine is None:
                ok = False
                notes.append("native %s has %d weights" % (net, len(j[net]["weights"])))
                continue
            parts[net] = worst_diff(mine, params_of(ref[net], c["nodes"]))
        if c["sample"] > 0:
            s = j.get("sample")
            if not s:
                ok = False
                notes.append("native JSON has no sample")
            else:
                parts["sample latent"] = worst_diff(s["latent"], ref["sample"]["latent"])
                flat = lambda rows: [v for r in rows for v in r]  # noqa: E731
                if any(len(r) != c["nodes"] for r in s["images"]):
                    ok = False
                    notes.append("native sample images are not %d nodes long" % c["nodes"])
                parts["sample images"] = worst_diff(flat(s["images"]), flat(ref["sample"]["images"]))
        elif j.get("sample"):
            ok = False
            notes.append("native printed a sample that was not asked for")

    worst = max([w for w, _ in parts.values()] + [0.0])
    if worst > tol or worst != worst:
        ok = False
    measures_worst = max([w for w, _, _, _ in measures.values()] + [0.0])
    measures_share = max([f for _, _, _, f in measures.values()] + [0.0])
    beyond = sum(b for _, _, b, _ in measures.values())
    if beyond:
        ok = False
        notes.append("%d measure values beyond tolerance (%s)" % (beyond, ", ".join(
            "%s %d" % (k, b) for k, (_, _, b, _) in measures.items() if b)))
    return {"ok": ok, "worst": worst, "parts": parts, "measures_worst": measures_worst,
            "measures_share": measures_share, "measures": measures, "notes": notes}


def golden_check(ref):
    """The reference's chapter run against SPEC section 3's numpy numbers (1e-12)."""
    have = {
        "losses_d[0:3]": ref["losses_d"][0:3],
        "real[0]": ref["real"][0],
        "generator": ref["generator"]["weights"] + [ref["generator"]["bias"]],
        "discriminator": ref["discriminator"]["weights"] + [ref["discriminator"]["bias"]],
        "sample.latent[0:2]": ref["sample"]["latent"][0:2],
        "sample.images[0:2]": ref["sample"]["images"][0] + ref["sample"]["images"][1],
    }
    bad = []
    worst = 0.0
    for key, want in GOLDEN.items():
        w, _ = worst_diff(have[key], want)
        worst = max(worst, w)
        if w > 1e-12:
            bad.append("%s differs by %.3g" % (key, w))
    table = [(t, ref["losses_d"][t], ref["losses_g"][t]) for t in list(range(0, 10000, 1000)) + [9999]]
    chapter_table = chapter_table_rows()
    if [t for t, _, _ in chapter_table] != [t for t, _, _ in table]:
        bad.append("the chapter's table lists epochs %s" % [t for t, _, _ in chapter_table])
    for (t, d, g), (_, d4, g4) in zip(table, chapter_table):
        if "%.4f %.4f" % (d, g) != "%.4f %.4f" % (d4, g4):
            bad.append("epoch %d prints %.4f %.4f, the chapter %.4f %.4f" % (t, d, g, d4, g4))
    return bad, worst


def chapter_table_rows():
    """(epoch, loss_D, loss_G) of each line of the chapter's printed table, tests/c/chapter_table.txt
    (the one copy every test of it reads)."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "c", "chapter_table.txt")
    rows = []
    with open(path) as f:
        for line in f:
            m = re.match(r"Epoch (\d+): D_loss = ([0-9.]+), G_loss = ([0-9.]+)$", line.strip())
            rows.append((int(m.group(1)), float(m.group(2)), float(m.group(3))))
    return rows


def fmt(x):
    return "0" if x == 0 else ("%.3g" % x)


# ---------------------------------------------------------------------------------------------------


def main(argv):
    ap = argparse.ArgumentParser(description="tinygan native CLI vs the numpy reference")
    ap.add_argument("cli", nargs="?", default=os.path.join(ROOT, "build", "native", "tinygan"),
                    help="the native command line (default: build/native/tinygan)")
    ap.add_argument("--jobs", type=int, default=2, help="reference runs in parallel (default 2)")
    ap.add_argument("--exact", action="store_true",
                    help="require bit-identical training values (tolerance 0; the measures within rounding) in the "
                         "libm-mode configurations")
    args = ap.parse_args(argv[1:])
    cli = os.path.abspath(args.cli)
    if not os.access(cli, os.X_OK):
        print("differential: no executable at %s (build it: cmake -S %s -B %s/build/native && "
              "cmake --build %s/build/native)" % (cli, ROOT, ROOT, ROOT), file=sys.stderr)
        return 2

    started = time.time()
    try:
        libm_env, default_env, env_lines = numpy_envs()
    except RuntimeError as e:
        print("differential: %s" % e, file=sys.stderr)
        return 2
    for line in env_lines:
        print(line)

    configs = make_configs()
    # job = (index, config, environment, tolerance); the last job is the chapter run with numpy's defaults
    tol = 0.0 if args.exact else TOLERANCE
    jobs = [(i, c, libm_env, tol) for i, c in enumerate(configs)]
    jobs.append((len(configs), dict(CHAPTER, name="chapter default, numpy default kernels"), default_env,
                 DEFAULT_KERNEL_TOL))
    print("%d configurations (meta-seed %d), tolerance %g; reference on %d processes"
          % (len(jobs), META_SEED, tol, args.jobs))

    results = {}
    with tempfile.TemporaryDirectory(prefix="tg_differential.") as tmpdir:
        def work(job):
            i, c, env, tol = job
            native = run_native(cli, c, tmpdir, str(i))
            ref = run_reference(c, env)
            return i, native, ref

        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            futures = [pool.submit(work, job) for job in sorted(jobs, key=lambda j: -cost(j[1]))]
            for fut in concurrent.futures.as_completed(futures):
                try:
                    i, native, ref = fut.result()
                except Exception as e:  # a harness failure is a test failure, not a crash
                    print("differential: %s" % e, file=sys.stderr)
                    return 2
                results[i] = (native, ref)

    passed = failed = 0
    overall = overall_measures = overall_share = overall_measures_finishing = 0.0
    identical = m_identical = 0
    identical_names = []
    failures = []
    by_index = {}
    for i, c, env, tol in jobs:
        native, ref = results[i]
        r = by_index[i] = compare(c, native, ref, tol)
        if c.get("expect_divergence") and native["rc"] != 3:
            r["ok"] = False
            r["notes"].append("expected to diverge, native exited %d" % native["rc"])
        if c is configs[0]:
            bad, gworst = golden_check(ref)
            r["notes"].append("reference vs SPEC section 3: worst %s" % fmt(gworst))
            if bad:
                r["ok"] = False
                r["notes"].extend("SPEC section 3: " + b for b in bad)
        unequal = sum(n for _, n in r["parts"].values() if isinstance(n, int))
        compared = len(r["parts"])
        if unequal == 0 and compared:
            exactness = "training values bit-identical"
        else:
            exactness = "%d training values not bit-identical (%s)" % (unequal, ", ".join(
                "%s %s" % (k, fmt(w)) for k, (w, n) in r["parts"].items() if n))
        m_unequal = sum(n for _, n, _, _ in r["measures"].values() if isinstance(n, int))
        m_exactness = ("measures bit-identical" if m_unequal == 0 and r["measures"] else
                       "measures: %d values not bit-identical (%s)" % (m_unequal, ", ".join(
                           "%s %s" % (k, fmt(w)) for k, (w, n, _, _) in r["measures"].items() if n)))
        where = max(r["parts"].items(), key=lambda kv: kv[1][0])[0] if r["worst"] > 0 and r["parts"] else ""
        status = "ok  " if r["ok"] else "FAIL"
        print("%s [%2d] %-38s %s" % (status, i, c["name"], describe(c)))
        print("          worst |diff| %s%s (tol %g), %s; worst measure |diff| %s (%s of its allowance), %s; "
              "reference %.2fs%s"
              % (fmt(r["worst"]), " in " + where if where else "", tol, exactness, fmt(r["measures_worst"]),
                 fmt(r["measures_share"]), m_exactness, ref["seconds"],
                 "; " + "; ".join(r["notes"]) if r["notes"] else ""))
        if env is libm_env:
            overall = max(overall, r["worst"])
            overall_measures = max(overall_measures, r["measures_worst"])
            overall_share = max(overall_share, r["measures_share"])
            if not c.get("expect_divergence"):
                overall_measures_finishing = max(overall_measures_finishing, r["measures_worst"])
            if exactness == "training values bit-identical":
                identical += 1
                identical_names.append(str(i))
            if m_unequal == 0 and r["measures"]:
                m_identical += 1
        if r["ok"]:
            passed += 1
        else:
            failed += 1
            failures.append("[%d] %s (%s): worst difference %s%s, measures %s; %s\n      native: %s"
                            % (i, c["name"], describe(c), fmt(r["worst"]), " in " + where if where else "",
                               fmt(r["measures_worst"]), "; ".join(r["notes"]), native["cmd"]))

    last = by_index[len(configs)]  # the chapter run with numpy's default kernels
    print("worst absolute difference over all %d libm-mode configurations: training values %s; measures %s "
          "(%s of the allowance; %s without the deliberately diverging runs); "
          "training values bit-identical in %d (%s), measures bit-identical in %d; "
          "chapter run with numpy's default kernels: %s, measures %s"
          % (len(configs), fmt(overall), fmt(overall_measures), fmt(overall_share),
             fmt(overall_measures_finishing), identical,
             "all" if identical == len(configs) else "configurations " + " ".join(identical_names),
             m_identical, fmt(last["worst"]), fmt(last["measures_worst"])))
    print("elapsed %.1fs" % (time.time() - started))
    if failures:
        print("FAILED:")
        for f in failures:
            print("  " + f)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
